// One spec mistake is one error: after a spec error the macro still defines the API and
// endpoint modules (empty), so code naming them adds no error of its own.
mutaspec_macros::include_spec!("tests/ui/specs/malformed.yaml");

#[allow(unused_imports)]
use shop::update_item::*;

mod elsewhere {
    #[allow(unused_imports)]
    pub use crate::shop::update_item;
}

fn main() {}
