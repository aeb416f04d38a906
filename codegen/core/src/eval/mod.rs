//! The JSON evaluator: an endpoint's validation plan ([`crate::plan`]) carried out over
//! JSON, without compiling anything. It is the second back end of the plan, beside the
//! Rust emitter (`emit::validate`), and gives the same violations in the same order:
//! same paths, rules, messages and codes, through the runtime's own check functions.
//!
//! Input the generated serde types would refuse (a wrong JSON type, an array for an
//! object, an unknown member, even `null` where a value is needed) is a
//! [`PayloadError`]: no check runs on it, as none runs on JSON that does not
//! deserialize. A not-updatable attribute is the exception: every one the payload
//! carries is a `not_updatable` violation, reported before the violations of the rest
//! of the payload, which is checked as if they were absent (the generated types refuse
//! the payload when deserializing, naming the not-updatable attributes of the first
//! object that has any).
//!
//! `mutaspec validate` ([`crate::ops::validate`]) replays recorded payloads against a
//! spec with it.

mod checks;
mod context;
mod equal;
mod error;
pub mod json;
mod shape;
mod types;
mod walk;

use std::collections::BTreeMap;

use mutaspec_runtime::{Path, Violation};
use serde_json::{Map, Value};

pub use context::VERSION_MEMBER;
pub use error::{Part, PayloadError, PayloadErrorKind};
pub use shape::MAX_DEPTH;

/// A JSON value's kind, for messages (`an object`, `a number`): never the value.
pub fn describe_kind(v: &Value) -> String {
    shape::describe(v)
}

use crate::model::{Api, Endpoint};
use crate::plan::EndpointPlan;
pub(crate) use types::Types;

/// Validates `payload` against `endpoint`'s plan, with the checks against the current
/// resource when `current` is given and against the program's settings when `settings`
/// is given: the generated `<Prefix>Request::validate_with(current, settings)`.
///
/// `current` holds the resource's root fields by wire name (only the set-once,
/// identifying, discriminator, named-pattern, transition and `while:` fields are read);
/// `settings` the API's settings by spec name, a missing one taking the spec's default.
///
/// # Errors
/// A [`PayloadError`] when the payload, the snapshot or the settings do not have the
/// shape of their type (the snapshot and settings are looked at first).
pub fn evaluate(
    api: &Api,
    endpoint: &Endpoint,
    plan: &EndpointPlan,
    payload: &Value,
    current: Option<&Value>,
    settings: Option<&Value>,
) -> Result<Vec<Violation>, PayloadError> {
    Evaluator::new(api, endpoint, plan, current, settings)?.evaluate(payload)
}

/// A check that could not be made: it reads a field of the current resource the
/// snapshot does not have (`mutaspec_runtime::Unchecked`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unchecked {
    /// The field whose check was not made.
    pub path: String,
    /// The rule the check would report.
    pub rule: mutaspec_runtime::Rule,
    /// The current resource's field (wire name) it needs.
    pub reads: String,
}

/// An endpoint's plan with its current snapshot and settings read once, for many
/// payloads.
pub struct Evaluator<'a> {
    types: Types<'a>,
    plan: &'a EndpointPlan,
    current: Option<Map<String, Value>>,
    settings: Option<BTreeMap<String, bool>>,
    /// The chosen API version's index (`None`: the latest).
    version: Option<usize>,
}

impl<'a> Evaluator<'a> {
    /// Reads the snapshot and the settings.
    ///
    /// # Errors
    /// A [`PayloadError`] (part [`Part::Current`] or [`Part::Settings`]) when one does
    /// not have the shape of its type.
    pub fn new(
        api: &'a Api,
        endpoint: &'a Endpoint,
        plan: &'a EndpointPlan,
        current: Option<&Value>,
        settings: Option<&Value>,
    ) -> Result<Self, PayloadError> {
        let types = Types { api, ep: endpoint };
        let current = current.map(|c| context::current(types, plan, c)).transpose()?;
        let settings = settings.map(|s| context::settings(types, s)).transpose()?;
        let (settings, version) = match settings {
            Some((s, v)) => (Some(s), v),
            None => (None, None),
        };
        Ok(Evaluator {
            types,
            plan,
            current,
            settings,
            version,
        })
    }

    /// Every violation of `payload`, in the generated validator's order.
    ///
    /// # Errors
    /// A [`PayloadError`] (part [`Part::Payload`]) when the payload does not deserialize
    /// into the request type.
    pub fn evaluate(&self, payload: &Value) -> Result<Vec<Violation>, PayloadError> {
        let mut out = walk::Out::default();
        self.walk_payload(payload, |walk, obj, refused| {
            out.violations.extend(refused);
            walk.object(&self.plan.root, obj, &Path::root(), &mut out);
        })?;
        Ok(out.violations.into_vec())
    }

    /// The JSON path of every field `payload` sends that the provider accepts and
    /// ignores (`rule: ignored`), in the generated `ignored_fields()`'s order: notices,
    /// not violations.
    ///
    /// # Errors
    /// A [`PayloadError`] when the payload does not deserialize into the request type.
    pub fn ignored(&self, payload: &Value) -> Result<Vec<String>, PayloadError> {
        let mut out = Vec::new();
        self.walk_payload(payload, |walk, obj, _| walk.ignored(&self.plan.root, obj, &Path::root(), &mut out))?;
        Ok(out)
    }

    /// The side effects sending `payload` may trigger, by spec name, each once, in the
    /// API's order (the generated `side_effects_with(current)`, or `side_effects()`
    /// without a snapshot): one that applies only in some states (`while:`) is left out
    /// only when the snapshot shows a state where it does not apply.
    ///
    /// # Errors
    /// A [`PayloadError`] when the payload does not deserialize into the request type.
    pub fn side_effects(&self, payload: &Value) -> Result<Vec<String>, PayloadError> {
        let mut out = Vec::new();
        self.walk_payload(payload, |walk, obj, _| walk.effects(&self.plan.root, obj, &mut out))?;
        Ok(self
            .types
            .api
            .effects
            .iter()
            .filter(|e| out.contains(&e.rust))
            .map(|e| e.name.clone())
            .collect())
    }

    /// The checks `payload`'s fields get that read a field of the current resource the
    /// snapshot does not have (every such check that applies, without a snapshot):
    /// not made, and not violations (the generated `unchecked(current, settings)`).
    ///
    /// # Errors
    /// A [`PayloadError`] when the payload does not deserialize into the request type.
    pub fn unchecked(&self, payload: &Value) -> Result<Vec<Unchecked>, PayloadError> {
        let mut out = Vec::new();
        self.walk_payload(payload, |walk, obj, _| walk.unchecked(&self.plan.root, obj, &mut out))?;
        Ok(out.into_iter().map(|(path, rule, reads)| Unchecked { path, rule, reads }).collect())
    }

    /// Reads `payload` as the request type and, when it is an object, hands `then` the
    /// walk over it, its members as the request type reads them, and the violations
    /// the reading itself found (not-updatable members).
    fn walk_payload(
        &self,
        payload: &Value,
        then: impl FnOnce(&walk::Walk<'_>, &serde_json::Map<String, Value>, Vec<Violation>),
    ) -> Result<(), PayloadError> {
        let shape = shape::WireCheck {
            types: self.types,
            part: Part::Payload,
            refused: Default::default(),
        };
        let normal = shape.object(&self.types.ep.body, &self.plan.root.name, payload, &Path::root(), 0)?;
        let Value::Object(obj) = &normal else { return Ok(()) };
        let walk = walk::Walk {
            types: self.types,
            plan: self.plan,
            current: self.current.as_ref(),
            settings: self.settings.as_ref(),
            version: self.version,
        };
        then(&walk, obj, shape.refused.take());
        Ok(())
    }
}
