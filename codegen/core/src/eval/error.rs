//! [`PayloadError`]: JSON the generated serde types would refuse before any check runs.

use std::fmt;

use mutaspec_runtime::Rule;

/// Which input a [`PayloadError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The request body (`<Prefix>Request`).
    Payload,
    /// The current-resource snapshot (`<Prefix>Current`).
    Current,
    /// The program's settings (`ProgramSettings`).
    Settings,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Payload => "payload",
            Part::Current => "current resource",
            Part::Settings => "settings",
        })
    }
}

/// What is wrong with the JSON at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayloadErrorKind {
    /// A value of the wrong JSON type (`null` included where a value is needed).
    WrongType {
        /// What the type needs (`a string`, `an integer (i64)`, `an object`).
        expected: String,
        /// What the JSON holds (`a number`, `null`).
        found: String,
    },
    /// A member the object's type does not have.
    UnknownField {
        /// The fields the type has, in spec order.
        known: Vec<String>,
        /// The known field closest to the member, when it looks like a typo of it.
        suggestion: Option<String>,
    },
    /// A not-updatable attribute inside the current snapshot: its objects are the
    /// request-side types, which have no field for one and refuse it, as in a payload.
    /// (In a payload the attribute is a `not_updatable` violation instead.)
    NotUpdatable {
        /// The violation's message (`is not updatable (...); remove it ...`).
        message: String,
    },
    /// A field given twice, under its wire name and an alias (or two aliases).
    Duplicate {
        /// The field's wire name.
        field: String,
    },
    /// `null` for a field that cannot be cleared, or not by `null` (rule
    /// `not_clearable`): the generated request types refuse it, never read it as absent.
    NotClearable {
        /// The field's sentinel, when it is cleared by one (`""`).
        sentinel: Option<String>,
    },
    /// Deeper than the evaluator follows.
    TooDeep {
        /// The limit, in levels.
        limit: usize,
    },
    /// The plan asks for something this evaluator does not know: a mutaspec bug, never
    /// the payload's fault.
    Unsupported {
        /// What.
        what: String,
    },
}

/// JSON that the generated serde types would refuse: the payload, the current snapshot
/// or the settings do not have the shape of their type. No check runs on such input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayloadError {
    /// Which input.
    pub part: Part,
    /// Where, rendered like a violation's path (`individual.mailingAddress[0]`; empty for
    /// the document itself).
    pub path: String,
    /// What is wrong.
    pub kind: PayloadErrorKind,
}

impl PayloadError {
    /// The runtime rule the error is reported under: `type`, or `not_clearable` for a
    /// `null` on a field that cannot be cleared by it.
    #[must_use]
    pub fn rule(&self) -> Rule {
        match self.kind {
            PayloadErrorKind::NotClearable { .. } => Rule::NotClearable,
            PayloadErrorKind::WrongType { .. }
            | PayloadErrorKind::UnknownField { .. }
            | PayloadErrorKind::NotUpdatable { .. }
            | PayloadErrorKind::Duplicate { .. }
            | PayloadErrorKind::TooDeep { .. }
            | PayloadErrorKind::Unsupported { .. } => Rule::Type,
        }
    }

    /// The explanation, without the path.
    #[must_use]
    pub fn message(&self) -> String {
        match &self.kind {
            PayloadErrorKind::WrongType { expected, found } => format!("expected {expected}, found {found}"),
            PayloadErrorKind::UnknownField {
                suggestion: Some(close), ..
            } => format!("unknown field; did you mean `{close}`?"),
            PayloadErrorKind::UnknownField { known, .. } if known.is_empty() => "unknown field: this object has no fields".to_owned(),
            PayloadErrorKind::UnknownField { known, .. } => {
                let known: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                format!("unknown field; expected one of {}", known.join(", "))
            }
            PayloadErrorKind::NotUpdatable { message } => message.clone(),
            PayloadErrorKind::Duplicate { field } => format!("given twice: `{field}` under two of its names (an alias and its wire name)"),
            PayloadErrorKind::NotClearable { sentinel } => mutaspec_runtime::patch::not_clearable_message(sentinel.as_deref()),
            PayloadErrorKind::TooDeep { limit } => format!("nested more than {limit} levels deep"),
            PayloadErrorKind::Unsupported { what } => format!("cannot be evaluated: {what}"),
        }
    }

    /// Whether the fault is the evaluator's (a plan it cannot carry out), not the input's.
    #[must_use]
    pub fn is_internal(&self) -> bool {
        matches!(self.kind, PayloadErrorKind::Unsupported { .. })
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message())
    }
}

impl std::error::Error for PayloadError {}
