//! A spec at every nesting and size limit of the loader (README, "Limits and hostile
//! input") loads, and the crate it generates passes `cargo clippy -D warnings` and builds
//! a program that deserializes, validates, prints and serializes every request (which
//! instantiates the generic code, where rustc's recursion limits bite). One level or one
//! field more is refused: `tests/bad-specs/*-33-*`, `object-with-501-fields`,
//! `too-many-settings`.

use std::fmt::Write as _;
mod common;

use mutaspec_core::{MAX_FIELDS, MAX_TYPE_DEPTH};

/// The shared file, with as many program settings as an object has fields.
fn shared() -> String {
    let mut text = "api: limits\nhosts: { production: https://api.example.com }\nauth: { scheme: bearer }\nsettings:\n".to_owned();
    for i in 0..MAX_FIELDS {
        writeln!(text, "  setting{i}: {{ docs: A setting., default: false }}").unwrap();
    }
    text
}

fn endpoint(name: &str, types: &str, body: &str) -> String {
    format!("api: limits\nendpoint: {name}\nmethod: PATCH\npath: /{name}\nresponse: {{ status: 204 }}\n{types}body:\n{body}")
}

/// `(file name, text)` of each endpoint at a limit: the deepest shapes of each kind
/// (arrays, maps, both mixed, chains of named objects, objects in maps and arrays, dotted
/// paths, `sensitive` at the bottom) and the widest object.
fn specs() -> Vec<(String, String)> {
    let d = MAX_TYPE_DEPTH;
    let mut out = Vec::new();
    let lists = format!("string{}", "[]".repeat(d));
    let maps = format!("{}decimal{}", "map<".repeat(d), ">".repeat(d));
    let mut mixed = "integer".to_owned();
    for i in 0..d {
        mixed = if i % 2 == 0 {
            format!("{mixed}[]")
        } else {
            format!("map<{mixed}>")
        };
    }
    let body = format!(
        "  grid: {{ type: \"{lists}\", sensitive: true }}\n  maps: \"{maps}\"\n  mixed: {{ type: \"{mixed}\", sensitive: true }}\n"
    );
    out.push(("expressions.yaml".into(), endpoint("expressions", "", &body)));
    // Named objects: `d` in a chain; objects in maps and in arrays, two levels per link.
    let mut types = "types:\n".to_owned();
    for i in 1..=d {
        let next = if i < d {
            format!("C{}", i + 1)
        } else {
            "{ type: string, sensitive: true }".to_owned()
        };
        writeln!(types, "  C{i}: {{ fields: {{ next: {next} }} }}").unwrap();
    }
    for i in 1..=d / 2 {
        let (m, l) = if i < d / 2 {
            (format!("\"map<M{}>\"", i + 1), format!("\"L{}[]\"", i + 1))
        } else {
            ("date".to_owned(), "datetime".to_owned())
        };
        writeln!(
            types,
            "  M{i}: {{ fields: {{ next: {m} }} }}\n  L{i}: {{ fields: {{ next: {l} }} }}"
        )
        .unwrap();
    }
    let body = "  chain: C1\n  maps: \"map<M1>\"\n  lists: \"L1[]\"\n";
    out.push(("named.yaml".into(), endpoint("named", &types, body)));
    let dotted: Vec<String> = (0..d).map(|i| format!("o{i}")).collect();
    let body = format!("  {}.leaf: {{ type: decimal, min: 0, sensitive: true }}\n", dotted.join("."));
    out.push(("dotted.yaml".into(), endpoint("dotted", "", &body)));
    let mut body = String::new();
    for i in 0..MAX_FIELDS {
        writeln!(body, "  field{i}: {{ type: string, max_length: 8 }}").unwrap();
    }
    out.push(("wide.yaml".into(), endpoint("wide", "", &body)));
    out
}

const PROGRAM: &str = r#"
macro_rules! exercise {
    ($($module:ident :: $request:ident),*) => {$(
        let request: limits::limits::$module::$request = mutaspec_runtime::serde_json::from_str("{}").unwrap();
        assert!(request.validate().is_ok());
        println!("{request:?} {}", mutaspec_runtime::serde_json::to_string(&request).unwrap());
    )*};
}

fn main() {
    let settings: limits::limits::ProgramSettings = mutaspec_runtime::serde_json::from_str("{}").unwrap();
    println!("{settings:?}");
    exercise!(
        expressions::ExpressionsRequest,
        named::NamedRequest,
        dotted::DottedRequest,
        wide::WideRequest
    );
}
"#;

#[test]
fn a_spec_at_every_limit_generates_a_crate_that_builds_cleanly() {
    let root = std::env::temp_dir().join(format!("mutaspec-limits-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let spec = root.join("spec");
    std::fs::create_dir_all(&spec).unwrap();
    std::fs::write(spec.join("api.yaml"), shared()).unwrap();
    for (name, text) in specs() {
        std::fs::write(spec.join(name), text).unwrap();
    }
    let krate = root.join("crate");
    let outcome = mutaspec_core::ops::generate(&spec, &krate);
    assert_eq!(outcome.exit, 0, "{}", outcome.stderr);
    common::write_scratch_manifest(&krate, "limits", &spec);
    std::fs::create_dir_all(krate.join("src/bin")).unwrap();
    std::fs::write(krate.join("src/bin/exercise.rs"), PROGRAM).unwrap();
    let run = |args: &[&str]| {
        let out = common::cargo_in(&krate, "limits", args, &[]);
        assert!(
            out.status.success(),
            "`cargo {}` fails on the crate at the limits:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    run(&["clippy", "--offline", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    let out = run(&["run", "--offline", "--quiet", "--bin", "exercise"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 5);
    let _ = std::fs::remove_dir_all(&root);
}
