// The bodies of the fuzz targets, shared with the regression test that replays the
// corpus (tests/fuzz_regressions.rs): `include!`d by both, so they cannot drift.
//
// Each function must never panic on any input.

use std::sync::OnceLock;

use mutaspec_generated::{banking, helix, payments};

/// The spec loader on arbitrary bytes: always a result; a spec that loads also renders.
pub fn load_bytes(data: &[u8]) {
    match mutaspec_core::load_texts(&[("fuzz/spec.yaml", data)]) {
        Ok(loaded) => {
            let _ = mutaspec_core::render::render_crate(&loaded.spec);
        }
        Err(e) => {
            assert!(e.diagnostics.iter().any(|d| d.severity == mutaspec_core::Severity::Error));
            let _ = e.render();
        }
    }
}

/// The files of `spec/`, compiled in.
pub const FILES: [(&str, &str); 7] = [
    ("spec/banking/api.yaml", include_str!("../spec/banking/api.yaml")),
    ("spec/banking/update_customer.yaml", include_str!("../spec/banking/update_customer.yaml")),
    ("spec/banking/update_account.yaml", include_str!("../spec/banking/update_account.yaml")),
    ("spec/payments/api.yaml", include_str!("../spec/payments/api.yaml")),
    ("spec/payments/update_identity.yaml", include_str!("../spec/payments/update_identity.yaml")),
    ("spec/helix/api.yaml", include_str!("../spec/helix/api.yaml")),
    ("spec/helix/update_customer.yaml", include_str!("../spec/helix/update_customer.yaml")),
];

/// The loader on structure-aware mutations of the real seed specs: the bytes choose line
/// edits (delete, duplicate, swap, splice a line of another spec file, overwrite with
/// noise, re-indent), so mutants stay close to real specs and reach the resolver's checks
/// rather than only the YAML parser's.
pub fn load_mutated(data: &[u8]) {
    // The first byte picks an API: its files only, so each input is cheap to load.
    let api = ["banking", "payments", "helix"][usize::from(data.first().copied().unwrap_or(0)) % 3];
    let chosen: Vec<(&str, &str)> = FILES.iter().copied().filter(|(p, _)| p.starts_with(&format!("spec/{api}/"))).collect();
    let mut files: Vec<Vec<String>> = chosen.iter().map(|(_, t)| t.lines().map(str::to_owned).collect()).collect();
    let mut bytes = data.iter().copied().skip(1);
    let mut next = |n: usize| bytes.next().map(|b| usize::from(b) % n.max(1));
    while let (Some(op), Some(f)) = (next(6), next(files.len())) {
        let len = files[f].len();
        let Some(i) = next(len) else { break };
        match op {
            0 if len > 1 => {
                files[f].remove(i);
            }
            1 => {
                let line = files[f][i].clone();
                files[f].insert(i, line);
            }
            2 => {
                let Some(j) = next(len) else { break };
                files[f].swap(i, j);
            }
            3 => {
                let Some(g) = next(files.len()) else { break };
                let Some(k) = next(files[g].len()) else { break };
                let line = files[g][k].clone();
                files[f][i] = line;
            }
            4 => {
                let Some(n) = next(16) else { break };
                let noise: Vec<u8> = (0..n).filter_map(|_| next(256).map(|b| b as u8)).collect();
                files[f][i] = String::from_utf8_lossy(&noise).into_owned();
            }
            _ => {
                // Re-indent: YAML structure changes with indentation.
                let line = files[f][i].trim_start().to_owned();
                let Some(indent) = next(9) else { break };
                files[f][i] = format!("{}{line}", " ".repeat(indent));
            }
        }
    }
    let texts: Vec<String> = files.iter().map(|l| l.join("\n")).collect();
    let inputs: Vec<(&str, &[u8])> = chosen.iter().zip(&texts).map(|((p, _), t)| (*p, t.as_bytes())).collect();
    match mutaspec_core::load_texts(&inputs) {
        Ok(loaded) => {
            // Emission, without formatting: the formatter costs a second per input.
            let _ = mutaspec_core::emit::crate_sources(&loaded.spec);
            for (api, ep) in loaded.spec.endpoints() {
                let _ = mutaspec_core::plan::endpoint(api, ep);
            }
        }
        Err(e) => {
            let _ = e.render();
        }
    }
}

fn spec() -> &'static mutaspec_core::model::Spec {
    static SPEC: OnceLock<mutaspec_core::model::Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let files: Vec<(&str, &[u8])> = FILES.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
        mutaspec_core::load_texts(&files).expect("spec/ loads").spec
    })
}

/// Arbitrary JSON against every generated request type (deserialize, then validate with a
/// current snapshot and settings), and through the JSON evaluator behind `mutaspec validate`.
pub fn validate_json(data: &[u8]) {
    if let Ok(r) = serde_json::from_slice::<banking::update_customer::UpdateCustomerRequest>(data) {
        let current = banking::update_customer::UpdateCustomerCurrent::default();
        let _ = r.validate_with(Some(&current), Some(&banking::ProgramSettings::default()));
    }
    if let Ok(r) = serde_json::from_slice::<banking::update_account::UpdateAccountRequest>(data) {
        let current = banking::update_account::UpdateAccountCurrent::default();
        let _ = r.validate_with(Some(&current), Some(&banking::ProgramSettings::default()));
    }
    if let Ok(r) = serde_json::from_slice::<payments::update_identity::UpdateIdentityRequest>(data) {
        let _ = r.validate_with(None, Some(&payments::ProgramSettings::default()));
        let _ = r.side_effects();
    }
    if let Ok(r) = serde_json::from_slice::<helix::update_customer::UpdateCustomerRequest>(data) {
        let settings = helix::ProgramSettings { helix_kyc: true, dps_client: true, name_updates: false, ..Default::default() };
        let _ = r.validate_with(None, Some(&settings));
    }
    if let Ok(payload) = serde_json::from_slice::<serde_json::Value>(data) {
        for (api, ep) in spec().endpoints() {
            let plan = mutaspec_core::plan::endpoint(api, ep);
            let _ = mutaspec_core::eval::evaluate(api, ep, &plan, &payload, Some(&payload), Some(&payload));
        }
    }
    let _ = helix::HelixError::from_provider_body(data);
}

/// Arbitrary bytes as `mutaspec validate --settings` and `--current` files: the generated
/// `ProgramSettings` and `<Endpoint>Current` types and the evaluator (after its strict
/// JSON reader) must accept and refuse the same documents: no array read by position,
/// no unknown member ignored, no repeated member.
pub fn context_json(data: &[u8]) {
    fn agree(what: &str, generated: Result<(), String>, evaluated: Result<(), String>) {
        assert_eq!(
            generated.is_ok(),
            evaluated.is_ok(),
            "{what}: generated {generated:?}, evaluator {evaluated:?}"
        );
    }
    fn typed<T: mutaspec_runtime::serde::de::DeserializeOwned>(data: &[u8]) -> Result<(), String> {
        serde_json::from_slice::<T>(data).map(|_| ()).map_err(|e| e.to_string())
    }
    let parsed = std::str::from_utf8(data)
        .map_err(|e| e.to_string())
        .and_then(|t| mutaspec_core::eval::json::parse(t).map_err(|e| e.to_string()));
    type Read = fn(&[u8]) -> Result<(), String>;
    let generated: [(&str, Read, Read); 4] = [
        (
            "banking::update_customer",
            typed::<banking::update_customer::UpdateCustomerCurrent>,
            typed::<banking::ProgramSettings>,
        ),
        (
            "banking::update_account",
            typed::<banking::update_account::UpdateAccountCurrent>,
            typed::<banking::ProgramSettings>,
        ),
        (
            "payments::update_identity",
            typed::<payments::update_identity::UpdateIdentityCurrent>,
            typed::<payments::ProgramSettings>,
        ),
        (
            "helix::update_customer",
            typed::<helix::update_customer::UpdateCustomerCurrent>,
            typed::<helix::ProgramSettings>,
        ),
    ];
    for (name, current, settings) in generated {
        let Some((api, ep)) = spec().endpoint(name) else { continue };
        let plan = mutaspec_core::plan::endpoint(api, ep);
        let eval = |c: bool| -> Result<(), String> {
            let v = parsed.as_ref().map_err(Clone::clone)?;
            let (cur, set) = if c { (Some(v), None) } else { (None, Some(v)) };
            mutaspec_core::eval::Evaluator::new(api, ep, &plan, cur, set)
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        agree(&format!("{name} --current"), current(data), eval(true));
        agree(&format!("{name} --settings"), settings(data), eval(false));
    }
}
