//! The model's types as the generated Rust types see them: which object or enum a
//! `Ty::Named` is, and which fields a request-side struct has.

use crate::model::{Api, Endpoint, EnumDef, Field, Object, Rule, Ty, TypeKind};

/// Type lookups in the scope of one endpoint (its local types, then the API's).
#[derive(Clone, Copy)]
pub(super) struct Types<'a> {
    pub api: &'a Api,
    pub ep: &'a Endpoint,
}

impl<'a> Types<'a> {
    /// The object type `ty` names.
    pub fn object(&self, ty: &Ty) -> Option<&'a Object> {
        match &self.api.find_type(Some(self.ep), named(ty)?)?.kind {
            TypeKind::Object(o) => Some(o),
            TypeKind::Enum(_) => None,
        }
    }

    /// The enum type `ty` names.
    pub fn enumeration(&self, ty: &Ty) -> Option<&'a EnumDef> {
        match &self.api.find_type(Some(self.ep), named(ty)?)?.kind {
            TypeKind::Enum(e) => Some(e),
            TypeKind::Object(_) => None,
        }
    }
}

fn named(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(n) => Some(n),
        _ => None,
    }
}

/// Whether a request-side (strict) struct has a Rust field for `f`: not for a
/// not-updatable attribute (refused when sent) nor an output-only one (unknown).
pub(super) fn sendable(f: &Field) -> bool {
    f.rule != Rule::NotUpdatable && !f.output_only
}
