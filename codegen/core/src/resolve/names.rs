//! Rust names derived from spec names, and the rules they must follow.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that are keywords in every Rust edition this crate targets.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else", "enum", "extern",
    "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type", "typeof", "unsafe", "unsized",
    "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Whether `s` is a plain ASCII identifier (letters, digits, `_`, not starting with a digit).
pub fn is_ascii_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// Longest name accepted, in bytes: enough for any documented field, short enough that
/// derived names (`ConfigurationSweepDestination...`) and file names stay usable.
pub const MAX_NAME_LEN: usize = 128;

fn too_long(name: &str) -> Result<(), String> {
    if name.len() > MAX_NAME_LEN {
        let head: String = name.chars().take(24).collect();
        return Err(format!("`{head}...` is {} bytes long, more than {MAX_NAME_LEN}", name.len()));
    }
    Ok(())
}

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// The field name for a wire name, or why there is none.
pub fn field_name(wire: &str) -> Result<String, String> {
    too_long(wire)?;
    if !wire.is_ascii() {
        return Err(format!("`{wire}` has non-ASCII characters"));
    }
    let snake = wire.to_snake_case();
    checked_field(&snake).map_err(|_| format!("`{wire}` gives no usable Rust name (`{snake}`)"))
}

/// Checks a field name given explicitly (`rust:`), turning keywords into raw identifiers.
pub fn checked_field(name: &str) -> Result<String, String> {
    too_long(name)?;
    if !is_ascii_ident(name) {
        return Err(format!("`{name}` is not a Rust identifier"));
    }
    if NOT_RAW.contains(&name) {
        return Ok(format!("{name}_"));
    }
    if is_keyword(name) {
        return Ok(format!("r#{name}"));
    }
    Ok(name.to_owned())
}

/// A type or variant name in UpperCamelCase, or why there is none.
pub fn type_name(text: &str) -> Result<String, String> {
    too_long(text)?;
    if !text.is_ascii() {
        return Err(format!("`{text}` has non-ASCII characters"));
    }
    let camel = text.to_upper_camel_case();
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    // `Self` is the one UpperCamelCase keyword: escape it like a leading digit is.
    let camel = derived_type(camel);
    if !is_ascii_ident(&camel) {
        return Err(format!("`{text}` gives no usable Rust name (`{camel}`)"));
    }
    Ok(camel)
}

/// Checks a type name written in the spec: it must already be UpperCamelCase.
pub fn checked_type(name: &str) -> Result<String, String> {
    let camel = type_name(name)?;
    if camel != name {
        return Err(format!("type names are UpperCamelCase: write `{camel}`"));
    }
    Ok(camel)
}

/// Prelude names the generated code uses unqualified: no generated item may take one.
pub const PRELUDE: [&str; 24] = [
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "Iterator",
    "ToString",
    "Send",
];

/// Crates the generated code names by path (`std::fmt`, `mutaspec_runtime::Path`): a
/// module of that name would shadow them (and `include_spec!` puts modules into the
/// consumer's crate).
const CRATE_NAMES: &[&str] = &["std", "core", "alloc", "mutaspec_runtime", "proc_macro", "test"];

/// File names under `src/` that Cargo gives a meaning: `src/lib.rs` is the crate root,
/// `src/main.rs` a binary's and `src/bin/` holds binaries, so an API module cannot live
/// in `src/lib/`, `src/main/` or `src/bin/` (`mod main;` in `lib.rs` is also
/// `clippy::special_module_name`).
const CARGO_NAMES: &[&str] = &["lib", "bin", "main"];

/// An API name: a module name ([`module_name`]) whose directory under `src/` Cargo does
/// not claim.
pub fn api_name(name: &str) -> Result<String, String> {
    let name = module_name(name)?;
    if CARGO_NAMES.contains(&name.as_str()) {
        return Err(format!("`{name}` would be the module `src/{name}/`, a name Cargo gives a meaning"));
    }
    // Each API is a cargo feature of the generated crate, named like it.
    if name == "default" {
        return Err(
            "`default` would be the API's cargo feature, and cargo's `default` feature is the set of features on by default".into(),
        );
    }
    Ok(name)
}

/// An endpoint name: a module name ([`module_name`]) whose marker type (its
/// UpperCamelCase, `Option` for `option`) does not shadow a prelude name in its module.
pub fn endpoint_name(name: &str) -> Result<String, String> {
    let name = module_name(name)?;
    let marker = camel(&name);
    if PRELUDE.contains(&marker.as_str()) {
        return Err(format!(
            "its type `{marker}` (the endpoint's marker) would shadow the prelude's `{marker}` in the generated code"
        ));
    }
    Ok(name)
}

/// A module name (API or endpoint): a snake_case identifier that is not a keyword.
pub fn module_name(name: &str) -> Result<String, String> {
    too_long(name)?;
    if CRATE_NAMES.contains(&name) {
        return Err(format!(
            "`{name}` is a crate the generated code uses: a module of that name would shadow it"
        ));
    }
    let ok = is_ascii_ident(name) && !is_keyword(name) && name.to_snake_case() == name && !name.starts_with('_');
    if ok {
        return Ok(name.to_owned());
    }
    // Only a name that differs by case or separators has a suggestion: `../../x` is not `x`.
    let suggestion = name.to_snake_case();
    let word_chars = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
    if word_chars && is_ascii_ident(&suggestion) && !is_keyword(&suggestion) {
        Err(format!("names are snake_case identifiers: write `{suggestion}`"))
    } else if is_keyword(name) {
        Err(format!("`{name}` is a Rust keyword"))
    } else {
        Err("names are snake_case ASCII identifiers (letters, digits, `_`), not keywords, without path characters".to_owned())
    }
}

/// A type name derived from a path (`owner` + camel of the wire name): `Self` (from a
/// top-level field `self`), the one UpperCamelCase keyword, becomes `SelfType`, as in
/// [`type_name`]. Not `Self_`: the names derived from a type's name (`Self_Current`,
/// inline types `Self_Address`) would not be UpperCamelCase (`non_camel_case_types`).
pub fn derived_type(camel: String) -> String {
    if is_keyword(&camel) {
        format!("{camel}Type")
    } else {
        camel
    }
}

/// The UpperCamelCase of a snake_case module name.
pub fn camel(name: &str) -> String {
    name.to_upper_camel_case()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field_name("isPaperless").unwrap(), "is_paperless");
        assert_eq!(field_name("type").unwrap(), "r#type");
        assert_eq!(field_name("_links").unwrap(), "links");
        assert_eq!(field_name("self").unwrap(), "self_");
        assert!(field_name("naïve").is_err());
        assert!(field_name("1st").is_err());
        assert!(field_name("$").is_err());
    }

    #[test]
    fn type_and_module_names() {
        assert_eq!(type_name("JOINT_TENANCY").unwrap(), "JointTenancy");
        assert_eq!(type_name("1").unwrap(), "V1");
        assert!(checked_type("address").is_err());
        assert!(module_name("../../x").is_err());
        assert!(module_name("type").is_err());
        assert_eq!(module_name("update_customer").unwrap(), "update_customer");
        for taken in ["std", "core", "alloc", "mutaspec_runtime"] {
            assert!(module_name(taken).is_err(), "{taken}");
        }
        assert!(api_name("lib").is_err() && api_name("bin").is_err() && api_name("main").is_err());
        for taken in ["option", "result", "string", "vec", "some", "partial_eq", "to_string"] {
            assert!(endpoint_name(taken).is_err(), "{taken}");
        }
        assert!(endpoint_name("update_option").is_ok() && endpoint_name("main").is_ok());
        assert!(module_name("lib").is_ok());
        assert_eq!(derived_type(camel("self")), "SelfType");
        assert_eq!(type_name("Self").unwrap(), "SelfType");
        assert!(checked_type("Self_").is_err());
        assert_eq!(derived_type("AddressSelf".to_owned()), "AddressSelf");
    }
}
