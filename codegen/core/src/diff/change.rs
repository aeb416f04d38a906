//! What a diff reports: [`Change`]s, each with a stable [`RuleId`] and a [`Level`].
//!
//! A rule id's severity is fixed: the policy table in the module doc of [`crate::diff`]
//! and `docs/diff.md` list them all, and a test keeps the table in step with [`RuleId::ALL`].

use crate::diag::Loc;

/// How a change affects callers, who build requests. Ordered from worst to mildest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Requests that compiled or were accepted before may now fail to compile or be rejected.
    Breaking,
    /// Requests keep working, but what they do changes: worth a caller's look.
    Warning,
    /// Nothing a caller does stops working.
    Info,
}

impl Level {
    /// Every severity, worst first.
    pub const ALL: [Level; 3] = [Level::Breaking, Level::Warning, Level::Info];

    /// The lowercase name (`breaking`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }

    /// Parses a lowercase name, as `--fail-on` takes it.
    pub fn parse(s: &str) -> Result<Level, String> {
        Level::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| format!("unknown severity `{s}`: expected breaking, warning or info"))
    }
}

macro_rules! rule_ids {
    ($($variant:ident = $id:literal, $sev:ident;)*) => {
        /// The stable id of a kind of change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum RuleId {
            $($variant,)*
        }

        impl RuleId {
            /// Every rule id, in the order of the policy table.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The kebab-case id (`rule-tightened`).
            pub fn id(self) -> &'static str {
                match self {
                    $(RuleId::$variant => $id,)*
                }
            }

            /// The fixed severity of this kind of change.
            pub fn severity(self) -> Level {
                match self {
                    $(RuleId::$variant => Level::$sev,)*
                }
            }
        }
    };
}

rule_ids! {
    EndpointAdded = "endpoint-added", Info;
    EndpointRemoved = "endpoint-removed", Breaking;
    MethodChanged = "method-changed", Breaking;
    PathChanged = "path-changed", Breaking;
    ParamTypeChanged = "param-type-changed", Breaking;
    HostChanged = "host-changed", Warning;
    HostAdded = "host-added", Info;
    HostRemoved = "host-removed", Breaking;
    AuthChanged = "auth-changed", Breaking;
    AuthSchemeAdded = "auth-scheme-added", Warning;
    AuthSchemeRemoved = "auth-scheme-removed", Breaking;
    ContentTypeChanged = "content-type-changed", Warning;
    HeaderAdded = "header-added", Info;
    HeaderRequired = "header-required", Breaking;
    HeaderRemoved = "header-removed", Breaking;
    HeaderChanged = "header-changed", Breaking;
    ResponseChanged = "response-changed", Warning;
    FieldAdded = "field-added", Info;
    RequiredFieldAdded = "required-field-added", Breaking;
    FieldRemoved = "field-removed", Breaking;
    TypeChanged = "type-changed", Breaking;
    RuleTightened = "rule-tightened", Breaking;
    RuleLoosened = "rule-loosened", Info;
    RuleChanged = "rule-changed", Warning;
    DiscriminatorChanged = "discriminator-changed", Breaking;
    MergeToReplace = "merge-to-replace", Breaking;
    ReplaceToMerge = "replace-to-merge", Warning;
    OutputOnlyAdded = "output-only-added", Breaking;
    OutputOnlyRemoved = "output-only-removed", Info;
    ConstraintTightened = "constraint-tightened", Breaking;
    ConstraintLoosened = "constraint-loosened", Info;
    ConstraintChanged = "constraint-changed", Warning;
    JsonLimitTightened = "json-limit-tightened", Breaking;
    JsonLimitLoosened = "json-limit-loosened", Info;
    UnionVariantAdded = "union-variant-added", Info;
    UnionVariantRemoved = "union-variant-removed", Breaking;
    UnionTagChanged = "union-tag-changed", Breaking;
    EnumValueAdded = "enum-value-added", Info;
    EnumValueRemoved = "enum-value-removed", Breaking;
    EnumLabelChanged = "enum-label-changed", Info;
    EffectAdded = "effect-added", Warning;
    EffectRemoved = "effect-removed", Info;
    EffectConditionAdded = "effect-condition-added", Info;
    EffectConditionRemoved = "effect-condition-removed", Warning;
    EffectConditionChanged = "effect-condition-changed", Warning;
    AliasAdded = "alias-added", Info;
    AliasRemoved = "alias-removed", Warning;
    ClearableAdded = "clearable-added", Warning;
    ClearableRemoved = "clearable-removed", Breaking;
    ClearChanged = "clear-changed", Breaking;
    EntriesClearableAdded = "entries-clearable-added", Warning;
    EntriesClearableRemoved = "entries-clearable-removed", Breaking;
    SensitiveAdded = "sensitive-added", Info;
    SensitiveRemoved = "sensitive-removed", Warning;
    LockAdded = "lock-added", Breaking;
    LockRemoved = "lock-removed", Info;
    IgnoredAdded = "ignored-added", Warning;
    IgnoredRemoved = "ignored-removed", Warning;
    ObjectOpened = "object-opened", Info;
    ObjectClosed = "object-closed", Breaking;
    GroupAdded = "group-added", Breaking;
    GroupRemoved = "group-removed", Info;
    GroupMemberAdded = "group-member-added", Warning;
    GroupMemberRemoved = "group-member-removed", Warning;
    ErrorAdded = "error-added", Info;
    ErrorRemoved = "error-removed", Breaking;
    ErrorRenumbered = "error-renumbered", Breaking;
    ErrorMessageChanged = "error-message-changed", Info;
    ErrorParamsChanged = "error-params-changed", Breaking;
    ErrorKeyChanged = "error-key-changed", Breaking;
    ErrorStatusChanged = "error-status-changed", Warning;
    ErrorBodyChanged = "error-body-changed", Warning;
    DefaultCodeChanged = "default-code-changed", Warning;
    ResponseStatusAdded = "response-status-added", Info;
    ResponseStatusRemoved = "response-status-removed", Warning;
    SettingAdded = "setting-added", Info;
    SettingRemoved = "setting-removed", Breaking;
    SettingChanged = "setting-changed", Warning;
    CurrentFieldAdded = "current-field-added", Info;
    CurrentFieldRemoved = "current-field-removed", Breaking;
    CurrentFieldChanged = "current-field-changed", Breaking;
    ItemKeyChanged = "item-key-changed", Warning;
    StateConditionAdded = "state-condition-added", Breaking;
    StateConditionRemoved = "state-condition-removed", Info;
    StateConditionChanged = "state-condition-changed", Warning;
    TransitionAdded = "transition-added", Info;
    TransitionRemoved = "transition-removed", Breaking;
    ProviderOnlyAdded = "provider-only-added", Breaking;
    ProviderOnlyRemoved = "provider-only-removed", Info;
    PatternAdded = "pattern-added", Breaking;
    PatternRemoved = "pattern-removed", Info;
    VersionAdded = "version-added", Info;
    VersionRemoved = "version-removed", Breaking;
    AvailabilityChanged = "availability-changed", Warning;
}

impl RuleId {
    /// A rule id by its kebab-case id.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.id() == id)
    }
}

/// One change between two resolved specs.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What kind of change; decides the severity.
    pub rule: RuleId,
    /// The API the change is in.
    pub api: String,
    /// The endpoint, or `None` for what the API's endpoints share (errors, settings).
    pub endpoint: Option<String>,
    /// What changed: a field's wire path (`individual.mailingAddress[].zip`), `{param}`,
    /// `error 60301`, `setting nameUpdates`, or `endpoint`.
    pub subject: String,
    /// A sentence for a reviewer, without a trailing period.
    pub message: String,
    /// Where the change is in the new spec; `None` when the new spec has no such place.
    pub loc: Option<Loc>,
    /// The accept file's entry that accepted or re-graded this change, if any.
    pub accepted: Option<Acceptance>,
}

/// A reviewed change: an entry of an accept file matched it.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptance {
    /// The severity the change now counts as; `None`: accepted, it counts as nothing.
    pub severity: Option<Level>,
    /// Why, as the entry says (`reason:`).
    pub reason: String,
    /// Where the entry is in the accept file.
    pub entry: Loc,
}

impl Change {
    /// The change's severity (the rule id's).
    pub fn severity(&self) -> Level {
        self.rule.severity()
    }

    /// The severity the change counts as toward `--fail-on`: the rule id's, the one an
    /// accept file re-graded it to, or `None` when an accept file accepted it.
    pub fn graded(&self) -> Option<Level> {
        match &self.accepted {
            None => Some(self.severity()),
            Some(a) => a.severity,
        }
    }

    /// `api/endpoint`, or `api` for API-wide changes.
    pub fn scope(&self) -> String {
        match &self.endpoint {
            Some(e) => format!("{}/{e}", self.api),
            None => self.api.clone(),
        }
    }
}

/// Orders changes for every output: groups (one per API or endpoint) with the worst
/// severity first, then by name; inside a group, breaking first, then in comparison order.
pub fn sort(changes: &mut [Change]) {
    use std::collections::BTreeMap;
    let mut worst: BTreeMap<(String, Option<String>), Level> = BTreeMap::new();
    for c in changes.iter() {
        let w = worst.entry((c.api.clone(), c.endpoint.clone())).or_insert(Level::Info);
        *w = (*w).min(c.severity());
    }
    changes.sort_by_cached_key(|c| {
        let key = (c.api.clone(), c.endpoint.clone());
        let group = worst.get(&key).copied().unwrap_or(Level::Info);
        (group, key, c.severity())
    });
}

/// How many changes count as each severity ([`Change::graded`]), worst first.
pub fn counts(changes: &[Change]) -> [(Level, usize); 3] {
    Level::ALL.map(|s| (s, changes.iter().filter(|c| c.graded() == Some(s)).count()))
}

/// How many changes an accept file accepted (without re-grading them).
pub fn accepted(changes: &[Change]) -> usize {
    changes.iter().filter(|c| c.graded().is_none()).count()
}

/// Collects the changes of one API or endpoint.
pub(super) struct Sink<'a> {
    pub api: &'a str,
    pub endpoint: Option<&'a str>,
    pub out: &'a mut Vec<Change>,
}

impl Sink<'_> {
    pub fn push(&mut self, rule: RuleId, subject: impl Into<String>, loc: Option<&Loc>, message: String) {
        self.out.push(Change {
            rule,
            api: self.api.to_owned(),
            endpoint: self.endpoint.map(str::to_owned),
            subject: subject.into(),
            message,
            loc: loc.cloned(),
            accepted: None,
        });
    }
}

/// Quotes user text as inline code: backticks inside get a longer fence, newlines become spaces.
pub(super) fn code(s: &str) -> String {
    let flat: String = s.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest == 0 {
        return format!("`{flat}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {flat} {fence}")
}

/// Whether two lists of `(key, value)` conditions say the same, whatever their order.
pub(super) fn same_pairs(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let mut a: Vec<_> = a.iter().collect();
    let mut b: Vec<_> = b.iter().collect();
    a.sort();
    b.sort();
    a == b
}
