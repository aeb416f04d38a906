//! Hostile inputs and safe output: secrets never printed, deep or huge payloads refused
//! with typed errors, output confined to `--out`, interrupted runs recovered.

use std::fs;
use std::path::{Path, PathBuf};

mod common;

use common::{read_tree, temp_dir};
use mutaspec_core::model::{Api, Endpoint, Object, Ty, TypeKind, UpdateRule};
use mutaspec_core::{ops, render};
use mutaspec_generated::{banking, helix, payments};
use serde_json::{json, Map, Value};

/// `mutaspec validate --endpoint ENDPOINT --format FORMAT FILE`, through the library call
/// the binary makes: (exit code, everything printed).
fn validate_cli(endpoint: &str, format: &str, file: &Path) -> (u8, String) {
    validate_in(Path::new("spec"), endpoint, format, file, None)
}

/// `mutaspec validate --spec SPEC --endpoint ENDPOINT --format FORMAT [--current CURRENT] FILE`.
fn validate_in(spec: &Path, endpoint: &str, format: &str, file: &Path, current: Option<&Path>) -> (u8, String) {
    use mutaspec_core::ops::{validate, ValidateFormat as Format, ValidateOptions as Options};
    let opts = Options {
        spec: spec.to_path_buf(),
        endpoint: endpoint.to_owned(),
        current: current.map(|c| c.display().to_string()),
        settings: None,
        api_version: None,
        format: match format {
            "text" => Format::Text,
            "json" => Format::Json,
            other => panic!("no `validate` format {other}"),
        },
        payloads: vec![file.display().to_string()],
    };
    let out = validate(&opts, &mut std::io::empty());
    (out.exit, format!("{}{}", out.stdout, out.stderr))
}

// --- Secrets ------------------------------------------------------------------------------

/// Sentinels planted in sensitive fields; none may ever be printed.
const SECRET_TEXT: &str = "S3CRET-VALUE-42";
const SECRET_DATE: &str = "1917-03-29";
const SECRET_NUMBER: i64 = 918_273_645;

/// A payload for `o` that sets every sensitive field, at any depth, to a sentinel (and,
/// with `wrong_type`, to a value of the wrong JSON type carrying the sentinel).
fn plant(api: &Api, ep: &Endpoint, o: &Object, wrong_type: bool, depth: usize) -> Map<String, Value> {
    let mut out = Map::new();
    if depth > 8 {
        return out;
    }
    for f in &o.fields {
        let Some(ty) = &f.ty else { continue };
        if f.rule == UpdateRule::NotUpdatable || f.output_only {
            continue;
        }
        let value = if f.sensitive {
            secret(api, ep, ty, wrong_type)
        } else {
            nested(api, ep, ty, wrong_type, depth)
        };
        if let Some(v) = value {
            out.insert(f.wire.clone(), v);
        }
    }
    out
}

fn secret(api: &Api, ep: &Endpoint, ty: &Ty, wrong_type: bool) -> Option<Value> {
    Some(match ty {
        // Every JSON value fits `json`: it has no wrong type.
        Ty::Json if wrong_type => return None,
        Ty::Json => json!({ SECRET_TEXT: [SECRET_TEXT] }),
        _ if wrong_type && matches!(ty, Ty::String | Ty::Date | Ty::DateTime | Ty::Decimal | Ty::OrId(_)) => json!(SECRET_NUMBER),
        _ if wrong_type => json!(SECRET_TEXT),
        Ty::String | Ty::Decimal | Ty::OrId(_) => json!(SECRET_TEXT),
        Ty::Date => json!(SECRET_DATE),
        Ty::DateTime => json!(format!("{SECRET_DATE}T00:00:00Z")),
        Ty::Integer | Ty::Unsigned | Ty::Number => json!(SECRET_NUMBER),
        Ty::Boolean => return None,
        // A discriminated union is never sensitive (`bad-union`).
        Ty::Tagged(_) => return None,
        Ty::List(i) => json!([secret(api, ep, i, wrong_type)?]),
        // A sensitive map's keys are sensitive too.
        Ty::Map(i) => json!({ SECRET_TEXT: secret(api, ep, i, wrong_type)? }),
        Ty::Named(n) => match &api.find_type(Some(ep), n)?.kind {
            TypeKind::Object(o) => {
                let fields: Map<String, Value> = o
                    .fields
                    .iter()
                    .filter_map(|f| Some((f.wire.clone(), secret(api, ep, f.ty.as_ref()?, wrong_type)?)))
                    .collect();
                Value::Object(fields)
            }
            TypeKind::Enum(_) => return None,
        },
    })
}

fn nested(api: &Api, ep: &Endpoint, ty: &Ty, wrong_type: bool, depth: usize) -> Option<Value> {
    match ty {
        Ty::List(i) => nested(api, ep, i, wrong_type, depth).map(|v| json!([v])),
        Ty::Named(n) => match &api.find_type(Some(ep), n)?.kind {
            TypeKind::Object(o) => {
                let inner = plant(api, ep, o, wrong_type, depth + 1);
                (!inner.is_empty()).then_some(Value::Object(inner))
            }
            TypeKind::Enum(_) => None,
        },
        _ => None,
    }
}

fn assert_no_secret(what: &str, text: &str) {
    for s in [SECRET_TEXT.to_owned(), SECRET_DATE.to_owned(), SECRET_NUMBER.to_string()] {
        assert!(!text.contains(&s), "{what} prints a sensitive value ({s}):\n{text}");
    }
}

/// Debug of the typed request, its violations' Display, and serde's errors.
fn check_typed<T: serde::de::DeserializeOwned + std::fmt::Debug>(name: &str, payload: &Value, validate: impl Fn(&T) -> String) {
    match serde_json::from_value::<T>(payload.clone()) {
        Ok(typed) => {
            assert_no_secret(&format!("{name}: Debug"), &format!("{typed:?} {typed:#?}"));
            assert_no_secret(&format!("{name}: violations"), &validate(&typed));
        }
        Err(e) => assert_no_secret(&format!("{name}: serde error"), &e.to_string()),
    }
}

fn violations(r: Result<(), mutaspec_runtime::Violations>) -> String {
    r.err().map(|v| format!("{v} {v:?}")).unwrap_or_default()
}

#[test]
fn sensitive_values_never_appear_in_debug_errors_or_validate_output() {
    let loaded = mutaspec_core::load(Path::new("spec")).unwrap();
    let dir = temp_dir("secrets");
    let mut planted = 0;
    for (api, ep) in loaded.spec.endpoints() {
        for wrong_type in [false, true] {
            let payload = Value::Object(plant(api, ep, &ep.body, wrong_type, 0));
            let text = payload.to_string();
            planted += usize::from(text.contains(SECRET_TEXT) || text.contains(SECRET_DATE) || text.contains(&SECRET_NUMBER.to_string()));
            let name = format!("{}::{} (wrong types: {wrong_type})", api.name, ep.name);
            match (api.name.as_str(), ep.name.as_str()) {
                ("banking", "update_customer") => {
                    check_typed::<banking::update_customer::UpdateCustomerRequest>(&name, &payload, |r| violations(r.validate()))
                }
                ("banking", "update_account") => {
                    check_typed::<banking::update_account::UpdateAccountRequest>(&name, &payload, |r| violations(r.validate()))
                }
                ("payments", "update_identity") => {
                    check_typed::<payments::update_identity::UpdateIdentityRequest>(&name, &payload, |r| violations(r.validate()))
                }
                ("helix", "update_customer") => {
                    let kyc: helix::ProgramSettings = serde_json::from_value(json!({"helixKyc": true})).unwrap();
                    check_typed::<helix::update_customer::UpdateCustomerRequest>(&name, &payload, |r| {
                        violations(r.validate_with(None, Some(&kyc)))
                    })
                }
                other => panic!("no generated type mapped for {other:?}"),
            }
            // The JSON evaluator behind `mutaspec validate`, in both output formats.
            let file = dir.join(format!("{}-{}-{wrong_type}.json", api.name, ep.name));
            fs::write(&file, &text).unwrap();
            for format in ["text", "json"] {
                let (_, shown) = validate_cli(&format!("{}::{}", api.name, ep.name), format, &file);
                assert_no_secret(&format!("{name}: mutaspec validate --format {format}"), &shown);
            }
        }
    }
    assert!(planted >= 6, "sentinels were planted in only {planted} payloads");
    // The seed 002 response's birth date is sensitive too.
    let resp: payments::update_identity::Identity =
        serde_json::from_value(json!({"entity": {"dob": {"year": 1917, "month": 3, "day": 29}, "tax_id_provided": true}})).unwrap();
    assert!(!format!("{resp:?}").contains("1917"));
    let _ = fs::remove_dir_all(&dir);
}

/// `mutaspec validate` over the fixture spec with sensitive maps
/// (`tests/fixtures/clean/vault-maps.yaml`; the typed side is
/// `tests/fixtures/clean-tests/behaviour.rs`): keys and values planted in sensitive maps,
/// maps of maps, arrays of maps and maps inside sensitive objects, with wrong types,
/// repeated keys and unknown members, in the payload and the current snapshot, never
/// reach the text or the JSON output.
#[test]
fn sensitive_map_keys_never_appear_in_validate_output() {
    let spec = Path::new("tests/fixtures/clean");
    let endpoint = "vault::update_vault_maps";
    let dir = temp_dir("secret-maps");
    let fixtures = Path::new("tests/fixtures/clean-tests");
    let mut payloads = vec![fs::read_to_string(fixtures.join("maps.json")).unwrap()];
    payloads.extend(
        fs::read_to_string(fixtures.join("maps-hostile.txt"))
            .unwrap()
            .lines()
            .map(str::to_owned),
    );
    let hidden = |what: &str, text: &str| {
        for s in ["S3CRET", "1917", "918273645"] {
            assert!(!text.contains(s), "{what} shows `{s}`:\n{text}");
        }
    };
    let currents = [
        r#"{"pinned": {"S3CRET-KZ": "S3CRET-W"}}"#,
        r#"{"pinned": {"S3CRET-KZ": "a", "S3CRET-KZ": "b"}}"#,
        r#"{"pinned": {"S3CRET-KZ": 918273645}}"#,
    ];
    let currents: Vec<PathBuf> = currents
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let file = dir.join(format!("current-{i}.json"));
            fs::write(&file, text).unwrap();
            file
        })
        .collect();
    let mut repeated = 0;
    for (i, text) in payloads.iter().enumerate() {
        let file = dir.join(format!("payload-{i}.json"));
        fs::write(&file, text).unwrap();
        for format in ["text", "json"] {
            for current in std::iter::once(None).chain(currents.iter().map(Some)) {
                let (exit, shown) = validate_in(spec, endpoint, format, &file, current.map(PathBuf::as_path));
                assert!(matches!(exit, 1 | 2), "{text} was accepted:\n{shown}");
                hidden(&format!("validate --format {format} --current {current:?} {text}"), &shown);
                repeated += usize::from(shown.contains("repeats a member (the key is not shown)"));
            }
        }
    }
    assert!(repeated >= 6, "only {repeated} runs reported a repeated sensitive key");
    // The paths of maps.json are the generated validators' (`tests/clean_crate.rs`).
    let (_, shown) = validate_in(spec, endpoint, "text", &dir.join("payload-0.json"), None);
    assert!(shown.contains("deep[<redacted>][<redacted>].kind: is required"), "{shown}");
    assert!(shown.contains("plainBag.tags.shown.kind: is required"), "{shown}");
    // A map that is not sensitive still names its repeated key.
    let plain = dir.join("plain.json");
    fs::write(&plain, r#"{"plainBag": {"tags": {"shown": {}, "shown": {}}}}"#).unwrap();
    let (exit, shown) = validate_in(spec, endpoint, "text", &plain, None);
    assert_eq!(exit, 2, "{shown}");
    assert!(shown.contains("repeats member `shown`"), "{shown}");
    let _ = fs::remove_dir_all(&dir);
}

// --- Payloads -------------------------------------------------------------------------------

#[test]
fn deeply_nested_payloads_are_typed_errors_not_stack_overflows() {
    for depth in [1_000, 100_000] {
        let deep = format!("{}{}", "{\"individual\":".repeat(depth), "}".repeat(depth));
        assert!(serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(&deep).is_err());
        let arrays = format!("{{\"tags\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(serde_json::from_str::<banking::update_customer::UpdateCustomerRequest>(&arrays).is_err());
        let dir = temp_dir(&format!("deep-{depth}"));
        let file = dir.join("deep.json");
        fs::write(&file, &arrays).unwrap();
        let (exit, shown) = validate_cli("banking::update_customer", "text", &file);
        assert!(matches!(exit, 1 | 2), "{shown}");
        let _ = fs::remove_dir_all(&dir);
    }
}

#[test]
fn oversized_payload_files_are_refused() {
    let dir = temp_dir("huge");
    let file = dir.join("huge.json");
    let body = format!("{{\"nickName\": \"{}\"}}", "x".repeat(17 << 20));
    fs::write(&file, body).unwrap();
    let (exit, shown) = validate_cli("banking::update_account", "text", &file);
    assert_eq!(exit, 2, "{shown}");
    assert!(shown.contains("larger than 16 MiB"), "{shown}");
    let _ = fs::remove_dir_all(&dir);
}

// --- Output confined to --out ------------------------------------------------------------------

fn spec_with_names(api: &str, endpoint: &str) -> String {
    format!(
        "api: {api}\nendpoint: {endpoint}\nmethod: POST\npath: /x\nhosts: {{ production: https://api.example.com }}\nauth: {{ scheme: basic }}\nresponse: {{ status: 204 }}\nbody:\n  a: string\n"
    )
}

#[test]
fn names_cannot_escape_the_output_directory() {
    let root = temp_dir("escape");
    let out = root.join("out");
    for (api, endpoint) in [
        ("shop", "../../x"),
        ("shop", "'/etc/passwd'"),
        ("../shop", "update"),
        ("shop", "a/b"),
        ("shop", "'C:\\x'"),
        ("'.'", "x"),
    ] {
        let spec = root.join("spec.yaml");
        fs::write(&spec, spec_with_names(api, endpoint)).unwrap();
        let outcome = ops::generate(&spec, &out);
        assert_eq!(outcome.exit, 2, "{api}/{endpoint} was accepted:\n{}", outcome.stderr);
        assert!(
            outcome.stderr.contains("bad-name") || outcome.stderr.contains("error["),
            "{}",
            outcome.stderr
        );
    }
    let mut seen: Vec<PathBuf> = fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).collect();
    seen.sort();
    assert_eq!(seen, vec![root.join("spec.yaml")], "something was written outside --out");
    let _ = fs::remove_dir_all(&root);
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_output_are_never_followed() {
    let root = temp_dir("symlink");
    let victim = root.join("victim");
    fs::create_dir_all(&victim).unwrap();
    fs::write(victim.join("keep.txt"), "keep").unwrap();
    // `src` itself a symlink.
    let out = root.join("out1");
    fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("src")).unwrap();
    let outcome = ops::generate(Path::new("spec"), &out);
    assert_eq!(outcome.exit, 2, "{}", outcome.stderr);
    assert!(outcome.stderr.contains("symlink"), "{}", outcome.stderr);
    // A symlink inside `src`.
    let out = root.join("out2");
    assert_eq!(ops::generate(Path::new("spec"), &out).exit, 0);
    std::os::unix::fs::symlink(&victim, out.join("src/banking/evil")).unwrap();
    let outcome = ops::generate(Path::new("spec"), &out);
    assert_eq!(outcome.exit, 2, "{}", outcome.stderr);
    assert_eq!(fs::read_dir(&victim).unwrap().count(), 1);
    assert_eq!(fs::read_to_string(victim.join("keep.txt")).unwrap(), "keep");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn a_run_killed_between_its_two_renames_is_recovered() {
    let out = temp_dir("recover");
    let loaded = mutaspec_core::load(Path::new("spec")).unwrap();
    let files = render::render_crate(&loaded.spec).unwrap();
    render::write(&out, &files).unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = read_tree(&out.join("src"));
    // The state a kill leaves after `src` was moved aside, before the new tree moved in.
    fs::rename(out.join("src"), out.join(".src.mutaspec-old")).unwrap();
    fs::create_dir_all(out.join(".src.mutaspec-new/banking")).unwrap();
    // A write cut short: the first bytes of a generated file.
    fs::write(
        out.join(".src.mutaspec-new/banking/half.rs.mutaspec-part"),
        &files.values().next().unwrap()[..10],
    )
    .unwrap();
    assert_eq!(ops::check(Path::new("spec"), &out).exit, 1, "a half-done tree is reported stale");
    render::write(&out, &files).unwrap();
    assert_eq!(read_tree(&out.join("src")), before);
    assert!(!out.join(".src.mutaspec-old").exists() && !out.join(".src.mutaspec-new").exists());
    let _ = fs::remove_dir_all(&out);
}
