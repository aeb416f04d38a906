// A bare endpoint name found in two APIs of the spec must say which.
#[derive(mutaspec_macros::Update)]
#[mutaspec(spec = "spec", endpoint = "update_customer", module = "mutaspec_generated::banking")]
struct ProfileChange {
    is_paperless: Option<bool>,
}

fn main() {
    let _ = ProfileChange { is_paperless: None }.validate();
}
