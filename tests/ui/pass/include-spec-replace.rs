// include_spec! with `replace`: the spec's `Address` is the user's own type (here the
// generated one, adapted), and `runtime_path`: the generated code reaches the runtime
// through a re-export.
pub mod rt {
    pub use mutaspec_runtime::*;
}

pub mod my {
    use crate::rt as mutaspec_runtime;

    /// The user's address: what the generated code needs of a replaced object type.
    #[derive(Clone, Debug, Default, PartialEq, mutaspec_runtime::serde::Serialize, mutaspec_runtime::serde::Deserialize)]
    #[serde(crate = "mutaspec_runtime::serde")]
    pub struct Address {
        pub city: Option<String>,
        pub verified: bool,
    }

    impl Address {
        pub fn validate_into(
            &self,
            path: &mutaspec_runtime::Path<'_>,
            settings: Option<&crate::shop::ProgramSettings>,
            out: &mut mutaspec_runtime::Violations,
        ) {
            let _ = (path, settings, out);
        }
        pub fn is_valid_with(&self, settings: Option<&crate::shop::ProgramSettings>) -> bool {
            let _ = settings;
            true
        }
    }
}

mutaspec_macros::include_spec!(
    "tests/ui/specs/single.yaml",
    replace("update_item::Address", "crate::my::Address"),
    runtime_path = "crate::rt",
);

fn main() {
    let address = my::Address { city: Some("Paris".into()), verified: true };
    let req = shop::update_item::UpdateItemRequest { address: Some(address.clone()), ..Default::default() };
    let same: &shop::update_item::Address = req.address.as_ref().unwrap();
    assert_eq!(same, &address);
}
