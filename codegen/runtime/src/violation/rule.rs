//! [`Rule`]: the kind of constraint a violation breaks.

use std::fmt;

use serde::Serialize;

/// What was violated. Serialized (and shown) as a stable snake_case id, see
/// [`as_str`](Rule::as_str).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// A `format:` (email, country code) or a malformed date, date-time or decimal.
    Format,
    /// A value outside a closed enum.
    Enum,
    /// `min_length`: too few characters or items.
    MinLength,
    /// `max_length`: too many characters or items.
    MaxLength,
    /// `min`: a number below the minimum.
    Min,
    /// `max`: a number above the maximum.
    Max,
    /// `after`: a date or date-time not strictly after the bound.
    After,
    /// `before`: a date or date-time not strictly before the bound.
    Before,
    /// `pattern`: text not matching the pattern.
    Pattern,
    /// `required`: a sub-field missing while its parent is present.
    Required,
    /// `unique_by`: two array items share the same key.
    UniqueBy,
    /// `check`: a named check failed (e.g. `no_po_box`).
    Check,
    /// `required_together`: some fields of a group sent without the others.
    RequiredTogether,
    /// `conflicts`: more than one field of a group sent.
    Conflicts,
    /// `exactly_one_of`: none, or more than one, of a group's fields sent.
    ExactlyOneOf,
    /// `at_least_one_of`: none of a group's fields sent.
    AtLeastOneOf,
    /// `required` with `with:`: a field missing while another it goes with is sent.
    RequiredWith,
    /// `required` with `if:`: a field missing while another has one of the values.
    RequiredIf,
    /// A field that cannot be updated was sent.
    NotUpdatable,
    /// A set-once field that is already set would change.
    SetOnce,
    /// An identifying field differs from the resource it identifies.
    Identifying,
    /// An object sent while its condition does not hold.
    Conditional,
    /// An object that does not match the discriminator sent or current.
    DiscriminatorMismatch,
    /// A field locked by the program's settings.
    LockedBySetting,
    /// A field locked by identity verification (KYC).
    LockedByVerification,
    /// A JSON value of the wrong type.
    Type,
    /// A field sent while the current resource's state does not allow it (`while:`).
    StateCondition,
    /// An enum value that may not follow the current one (`transitions:`).
    Transition,
    /// A change from a final value of an enum (`transitions:` with no next value).
    TerminalState,
    /// A value only the provider sets, or leaves, sent or left by a request
    /// (`provider_only:`).
    ProviderOnly,
    /// A value below the current one of an `increase_only` field.
    IncreaseOnly,
    /// A value above the current one of a `decrease_only` field.
    DecreaseOnly,
    /// An `append_only` array whose current items are not its first items.
    AppendOnly,
    /// A `set_once_keys` map entry whose existing key would change or go.
    SetOnceKeys,
    /// `max_depth`: a free-form JSON value nests arrays and objects too deep.
    MaxDepth,
    /// `max_bytes`: a free-form JSON value is too large written as compact JSON.
    MaxBytes,
    /// `since`/`until`: a field or an enum value that the chosen API version does not have.
    Version,
    /// `null` (or the other clearing value) sent for a field that cannot be cleared so.
    NotClearable,
    /// A set-once field that is already set would be cleared.
    ClearSetOnce,
    /// An identifying field would be cleared.
    ClearIdentifying,
    /// A field the resource requires would be cleared.
    ClearRequired,
    /// A discriminated union's value sent without its tag beside it.
    UnionTagMissing,
    /// A discriminated union's value sent with a tag naming none of its variants.
    UnionTagUnknown,
}

impl Rule {
    /// Every rule, in declaration order.
    pub const ALL: &'static [Rule] = &[
        Rule::Format,
        Rule::Enum,
        Rule::MinLength,
        Rule::MaxLength,
        Rule::Min,
        Rule::Max,
        Rule::After,
        Rule::Before,
        Rule::Pattern,
        Rule::Required,
        Rule::UniqueBy,
        Rule::Check,
        Rule::RequiredTogether,
        Rule::Conflicts,
        Rule::ExactlyOneOf,
        Rule::AtLeastOneOf,
        Rule::RequiredWith,
        Rule::RequiredIf,
        Rule::NotUpdatable,
        Rule::SetOnce,
        Rule::Identifying,
        Rule::Conditional,
        Rule::DiscriminatorMismatch,
        Rule::LockedBySetting,
        Rule::LockedByVerification,
        Rule::Type,
        Rule::StateCondition,
        Rule::Transition,
        Rule::TerminalState,
        Rule::ProviderOnly,
        Rule::IncreaseOnly,
        Rule::DecreaseOnly,
        Rule::AppendOnly,
        Rule::SetOnceKeys,
        Rule::MaxDepth,
        Rule::MaxBytes,
        Rule::Version,
        Rule::NotClearable,
        Rule::ClearSetOnce,
        Rule::ClearIdentifying,
        Rule::ClearRequired,
        Rule::UnionTagMissing,
        Rule::UnionTagUnknown,
    ];

    /// The stable snake_case id (`min_length`, `locked_by_setting`...), the same as the
    /// serialized form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Rule::Format => "format",
            Rule::Enum => "enum",
            Rule::MinLength => "min_length",
            Rule::MaxLength => "max_length",
            Rule::Min => "min",
            Rule::Max => "max",
            Rule::After => "after",
            Rule::Before => "before",
            Rule::Pattern => "pattern",
            Rule::Required => "required",
            Rule::UniqueBy => "unique_by",
            Rule::Check => "check",
            Rule::RequiredTogether => "required_together",
            Rule::Conflicts => "conflicts",
            Rule::ExactlyOneOf => "exactly_one_of",
            Rule::AtLeastOneOf => "at_least_one_of",
            Rule::RequiredWith => "required_with",
            Rule::RequiredIf => "required_if",
            Rule::NotUpdatable => "not_updatable",
            Rule::SetOnce => "set_once",
            Rule::Identifying => "identifying",
            Rule::Conditional => "conditional",
            Rule::DiscriminatorMismatch => "discriminator_mismatch",
            Rule::LockedBySetting => "locked_by_setting",
            Rule::LockedByVerification => "locked_by_verification",
            Rule::Type => "type",
            Rule::StateCondition => "state_condition",
            Rule::Transition => "transition",
            Rule::TerminalState => "terminal_state",
            Rule::ProviderOnly => "provider_only",
            Rule::IncreaseOnly => "increase_only",
            Rule::DecreaseOnly => "decrease_only",
            Rule::AppendOnly => "append_only",
            Rule::SetOnceKeys => "set_once_keys",
            Rule::MaxDepth => "max_depth",
            Rule::MaxBytes => "max_bytes",
            Rule::Version => "version",
            Rule::NotClearable => "not_clearable",
            Rule::ClearSetOnce => "clear_set_once",
            Rule::ClearIdentifying => "clear_identifying",
            Rule::ClearRequired => "clear_required",
            Rule::UnionTagMissing => "union_tag_missing",
            Rule::UnionTagUnknown => "union_tag_unknown",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_serde_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            let json = serde_json::to_string(rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.as_str()));
            assert_eq!(rule.to_string(), rule.as_str());
            assert!(seen.insert(rule.as_str()), "duplicate {rule}");
        }
        assert_eq!(seen.len(), Rule::ALL.len());
    }

    #[test]
    fn some_ids() {
        assert_eq!(Rule::MinLength.as_str(), "min_length");
        assert_eq!(Rule::DiscriminatorMismatch.as_str(), "discriminator_mismatch");
        assert_eq!(Rule::LockedByVerification.to_string(), "locked_by_verification");
        assert_eq!(Rule::ExactlyOneOf.as_str(), "exactly_one_of");
        assert_eq!(Rule::RequiredIf.to_string(), "required_if");
    }
}
