// A derive or attribute that does not parse, and a type path that matches nothing, are
// errors on what the user wrote; nothing is pasted into the code.
mod a {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", derives = ["Hash)] struct X; #[derive(Eq"]);
}
mod b {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", type_attribute("Address", "non_exhaustive"));
}
mod c {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", type_attribute("Adress", "#[non_exhaustive]"));
}
mod d {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", derive = ["Hash"]);
}
mod e {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", replace("Adress", "crate::Address"));
}
mod f {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", replace("Address", "crate::Address<"));
}
mod g {
    mutaspec_macros::include_spec!("tests/ui/specs/single.yaml", replace("UpdateItemRequest", "crate::Request"));
}

fn main() {}
