//! The model's types as the generated Rust types see them: which object or enum a
//! `Ty::Named` is, and which fields a request-side struct has.

use super::json::Step;
use crate::model::{Api, Endpoint, EnumDef, Object, Ty, TypeKind};

/// Type lookups in the scope of one endpoint (its local types, then the API's).
#[derive(Clone, Copy)]
pub(crate) struct Types<'a> {
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

    /// Whether the value `steps` below an object of type `o` lies inside a sensitive
    /// field (or is one). Steps the type does not have are not inside one.
    pub fn sensitive_at(&self, o: &Object, steps: &[Step]) -> bool {
        let Some((Step::Member(wire), mut rest)) = steps.split_first() else {
            return false;
        };
        let Some(f) = o.fields.iter().find(|f| f.wire == *wire) else {
            return false;
        };
        let Some(mut ty) = f.ty.as_ref() else { return false };
        if f.sensitive {
            return true;
        }
        loop {
            match (ty, rest.split_first()) {
                (Ty::List(i), Some((Step::Item(_), r))) | (Ty::Map(i), Some((Step::Member(_), r))) => {
                    ty = i;
                    rest = r;
                }
                (Ty::Named(_), _) => return self.object(ty).is_some_and(|o| self.sensitive_at(o, rest)),
                _ => return false,
            }
        }
    }
}

fn named(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(n) => Some(n),
        _ => None,
    }
}
