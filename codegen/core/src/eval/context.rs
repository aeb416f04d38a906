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

/// Every setting of the API by spec name: the JSON's value, else the spec's default.
pub(super) fn settings(types: Types<'_>, v: &Value) -> Result<BTreeMap<String, bool>, PayloadError> {
    let defaults: Vec<(String, bool)> = types.api.settings.iter().map(|s| (s.name.clone(), s.default)).collect();
    let values = WireCheck {
        types,
        part: Part::Settings,
        refused: Default::default(),
    }
    .booleans(&defaults, v)?;
    Ok(values.into_iter().collect())
}
