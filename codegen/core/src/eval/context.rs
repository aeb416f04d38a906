//! The inputs besides the payload, read as the generated types read them: the
//! `<Prefix>Current` snapshot (root fields by wire name, nested snapshots as objects) and `ProgramSettings`
//! (settings by spec name, a missing one taking the spec's default). Both are JSON
//! objects, and an unknown member is refused with a did-you-mean: a misspelt setting
//! must not silently leave a lock off.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::error::{Part, PayloadError, PayloadErrorKind};
use super::shape::WireCheck;
use super::types::Types;
use crate::plan::EndpointPlan;

/// The current snapshot's present fields, in normal form.
///
/// The snapshot's object values are the request-side types: a not-updatable attribute
/// in one is refused, as the generated `<Prefix>Current` refuses it.
pub(super) fn current(types: Types<'_>, plan: &EndpointPlan, v: &Value) -> Result<Map<String, Value>, PayloadError> {
    let shape = WireCheck {
        types,
        part: Part::Current,
        refused: Default::default(),
    };
    let out = shape.snapshot(
        &types.ep.current_name(),
        &plan.current,
        &plan.objects,
        v,
        &mutaspec_runtime::Path::root(),
        0,
    )?;
    if let Some(first) = shape.refused.borrow().first() {
        return Err(PayloadError {
            part: Part::Current,
            path: first.path.clone(),
            kind: PayloadErrorKind::NotUpdatable {
                message: first.message.clone(),
            },
        });
    }
    Ok(out)
}

/// Every setting of the API by spec name: the JSON's value, else the spec's default;
/// and for an API with `versions:`, the chosen version's index (member `api_version`,
/// one of the listed versions; absent or `null`: none, the latest applies).
pub(super) fn settings(types: Types<'_>, v: &Value) -> Result<(BTreeMap<String, bool>, Option<usize>), PayloadError> {
    let defaults: Vec<(String, bool)> = types.api.settings.iter().map(|s| (s.name.clone(), s.default)).collect();
    let check = WireCheck {
        types,
        part: Part::Settings,
        refused: Default::default(),
    };
    let mut version = None;
    let rest;
    let v = match v {
        Value::Object(m) if !types.api.versions.is_empty() && m.contains_key(VERSION_MEMBER) => {
            let mut m = m.clone();
            let chosen = m.remove(VERSION_MEMBER).unwrap_or(Value::Null);
            version = match &chosen {
                Value::Null => None,
                Value::String(s) if types.api.version_index(s).is_some() => types.api.version_index(s),
                other => {
                    let listed: Vec<&str> = types.api.versions.iter().map(|x| x.name.as_str()).collect();
                    return Err(PayloadError {
                        part: Part::Settings,
                        path: mutaspec_runtime::Path::root().key(VERSION_MEMBER).render(),
                        kind: PayloadErrorKind::WrongType {
                            expected: format!("one of the API's versions ({})", listed.join(", ")),
                            found: match other {
                                Value::String(_) => "a version the API does not list".to_owned(),
                                _ => super::shape::describe(other),
                            },
                        },
                    });
                }
            };
            rest = Value::Object(m);
            &rest
        }
        other => other,
    };
    let values = check.booleans(&defaults, v)?;
    Ok((values.into_iter().collect(), version))
}

/// The member of the settings that chooses the API version (`ProgramSettings::api_version`).
pub const VERSION_MEMBER: &str = crate::model::Api::VERSION_MEMBER;
