//! Validation speed of the generated validators against `garde` and `validator`
//! derives carrying the same rules, on an Update Account-sized request
//! (`validate/update_account.json`: 1.8 KB, every field set, two linked documents,
//! three card programs of each kind), all in one run.
//!
//! - `valid/*`: validate an already-deserialized valid request, with the current
//!   resource (set-once checks) and, for mutaspec, the program's settings;
//!   `valid/mutaspec_is_valid` is the generated predicate alone, `valid/hand_inlined`
//!   the same checks written inline by hand;
//! - `valid_relinked/*`: the same, the request sending again the documents already
//!   linked (the set-once check compares them in full);
//! - `invalid/*`: the same with three violations (a changed `externalId` and
//!   `linkedDocument`, a malformed `minBalance`);
//! - `deserialize/mutaspec` and `deserialize_validate/mutaspec`: `serde_json::from_slice`
//!   into the generated type, alone and followed by `validate_with`.
//!
//! Targets (ratios of medians within one run): `valid/mutaspec` <= 0.5 x `valid/garde`
//! with zero allocations; `deserialize_validate/mutaspec` <= 1.15 x
//! `deserialize/mutaspec`. Allocations are reported by divan's `AllocProfiler`. Figures
//! and ratios: `docs/benchmarks.md`.
//!
//! Run: `cargo bench --bench validate`.

#[path = "validate/garde_model.rs"]
mod garde_model;
#[path = "validate/validator_model.rs"]
mod validator_model;

use divan::{black_box, AllocProfiler, Bencher};
use mutaspec_generated::banking::update_account::{UpdateAccountCurrent, UpdateAccountRequest};
use mutaspec_generated::banking::ProgramSettings;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

/// The valid request, as sent.
const PAYLOAD: &[u8] = include_bytes!("validate/update_account.json");

fn main() {
    check_equivalence();
    divan::main();
}

/// Whether `text` is a decimal string as `mutaspec_runtime::Decimal::is_valid` defines
/// it: an optional `-`, digits, and optionally `.` and digits. Used by the garde and
/// validator models' custom rules.
pub fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text).as_bytes();
    let int = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    match &digits[int..] {
        [] => int > 0,
        [b'.', frac @ ..] => int > 0 && !frac.is_empty() && frac.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

fn payload() -> Value {
    serde_json::from_slice(PAYLOAD).expect("the payload is JSON")
}

/// The invalid variant: `externalId` and one linked document changed against the current
/// resource, and a `minBalance` that is not a decimal string.
fn invalid_payload() -> Value {
    let mut v = payload();
    v["externalId"] = json!("ACC-EXT-999999");
    v["linkedDocument"][1]["document"]["name"] = json!("other_bill.pdf");
    v["configuration"]["sweep"]["minBalance"] = json!("1,050.00");
    v
}

/// The current resource. `externalId` is already set, to the value the request sends
/// again (so its set-once check compares the two). With `documents`, the two documents
/// are already linked and sent again unchanged (so the set-once check of
/// `linkedDocument` compares ten strings); without, none is linked yet (the case the
/// spec describes: a document linked through the update).
fn current_json(documents: bool) -> Value {
    let v = payload();
    if documents {
        json!({"externalId": v["externalId"], "linkedDocument": v["linkedDocument"]})
    } else {
        json!({"externalId": v["externalId"]})
    }
}

fn parse<T: DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("deserializes")
}

/// The three implementations agree: the valid payload passes against both current
/// resources, the invalid one fails with three violations.
fn check_equivalence() {
    let settings = ProgramSettings::default();
    for documents in [false, true] {
        let current: UpdateAccountCurrent = parse(current_json(documents));
        let ok: UpdateAccountRequest = parse(payload());
        assert_eq!(ok.validate_with(Some(&current), Some(&settings)), Ok(()));
        let g_current: garde_model::Current = parse(current_json(documents));
        let ok: garde_model::UpdateAccount = parse(payload());
        garde::Validate::validate_with(&ok, &g_current).expect("garde: valid");
        let v_current: validator_model::Current = parse(current_json(documents));
        let ok: validator_model::UpdateAccount = parse(payload());
        validator::ValidateArgs::validate_with_args(&ok, &v_current).expect("validator: valid");
    }

    let current: UpdateAccountCurrent = parse(current_json(true));
    let bad: UpdateAccountRequest = parse(invalid_payload());
    assert_eq!(bad.validate_with(Some(&current), Some(&settings)).map_err(|v| v.len()), Err(3));
    let g_current: garde_model::Current = parse(current_json(true));
    let bad: garde_model::UpdateAccount = parse(invalid_payload());
    let report = garde::Validate::validate_with(&bad, &g_current).expect_err("garde: invalid");
    assert_eq!(report.iter().count(), 3, "{report}");
    let v_current: validator_model::Current = parse(current_json(true));
    let bad: validator_model::UpdateAccount = parse(invalid_payload());
    let errors = validator::ValidateArgs::validate_with_args(&bad, &v_current).expect_err("validator: invalid");
    assert_eq!(errors.to_string().lines().count(), 3, "{errors}");
}

/// Validation of an already-deserialized request against the current resource (inputs
/// built outside the timing). Each returns whether the request is valid, so the error
/// report (if any) is dropped inside the timing, alike for all three, and divan stores no
/// output per iteration.
fn bench_mutaspec(b: Bencher, body: Value, documents: bool) {
    let (req, current): (UpdateAccountRequest, UpdateAccountCurrent) = (parse(body), parse(current_json(documents)));
    let settings = ProgramSettings::default();
    b.bench_local(|| {
        black_box(&req)
            .validate_with(Some(black_box(&current)), Some(black_box(&settings)))
            .is_ok()
    });
}

fn bench_garde(b: Bencher, body: Value, documents: bool) {
    let (req, current): (garde_model::UpdateAccount, garde_model::Current) = (parse(body), parse(current_json(documents)));
    b.bench_local(|| garde::Validate::validate_with(black_box(&req), black_box(&current)).is_ok());
}

fn bench_validator(b: Bencher, body: Value, documents: bool) {
    let (req, current): (validator_model::UpdateAccount, validator_model::Current) = (parse(body), parse(current_json(documents)));
    b.bench_local(|| validator::ValidateArgs::validate_with_args(black_box(&req), black_box(&current)).is_ok());
}

/// A valid request; no document linked yet. The path that must allocate nothing.
mod valid {
    use super::*;

    #[divan::bench(sample_count = 1000)]
    fn mutaspec(b: Bencher) {
        bench_mutaspec(b, payload(), false);
    }

    #[divan::bench(sample_count = 1000)]
    fn garde(b: Bencher) {
        bench_garde(b, payload(), false);
    }

    #[divan::bench(sample_count = 1000)]
    fn validator(b: Bencher) {
        bench_validator(b, payload(), false);
    }

    /// `is_valid_with` alone: the same checks as `validate_with`, answering only
    /// whether the request is valid. The gap to `mutaspec` is what returning a
    /// `Result<(), Violations>` costs.
    #[divan::bench(sample_count = 1000)]
    fn mutaspec_is_valid(b: Bencher) {
        let (req, current): (UpdateAccountRequest, UpdateAccountCurrent) = (parse(payload()), parse(current_json(false)));
        let settings = ProgramSettings::default();
        b.bench_local(|| black_box(&req).is_valid_with(Some(black_box(&current)), Some(black_box(&settings))));
    }

    /// The same three checks written inline by hand, returning a bool: no error
    /// collection, no paths, no traversal code; `==` on strings and the byte-loop
    /// decimal check garde's model uses. Not a validator: what the checks themselves
    /// cost when written the plain way.
    #[divan::bench(sample_count = 1000)]
    fn hand_inlined(b: Bencher) {
        let (req, current): (UpdateAccountRequest, UpdateAccountCurrent) = (parse(payload()), parse(current_json(false)));
        b.bench_local(|| {
            let (req, current) = (black_box(&req), black_box(&current));
            let external_id = match (&req.external_id, &current.external_id) {
                (Some(v), Some(cur)) => cur.is_empty() || cur == v,
                _ => true,
            };
            let linked_document = match (&req.linked_document, &current.linked_document) {
                (Some(v), Some(cur)) => cur.is_empty() || cur == v,
                _ => true,
            };
            let min_balance = req
                .configuration
                .as_ref()
                .and_then(|c| c.sweep.as_ref())
                .and_then(|s| s.min_balance.as_ref())
                .is_none_or(|m| is_decimal(m.as_str()));
            external_id && linked_document && min_balance
        });
    }
}

/// A valid request whose two documents are already linked: the set-once check compares
/// them in full (string comparisons dominate, the same work in all three).
mod valid_relinked {
    use super::*;

    #[divan::bench(sample_count = 1000)]
    fn mutaspec(b: Bencher) {
        bench_mutaspec(b, payload(), true);
    }

    #[divan::bench(sample_count = 1000)]
    fn garde(b: Bencher) {
        bench_garde(b, payload(), true);
    }

    #[divan::bench(sample_count = 1000)]
    fn validator(b: Bencher) {
        bench_validator(b, payload(), true);
    }
}

/// A request with three violations (reported, no target).
mod invalid {
    use super::*;

    #[divan::bench(sample_count = 1000)]
    fn mutaspec(b: Bencher) {
        bench_mutaspec(b, invalid_payload(), true);
    }

    #[divan::bench(sample_count = 1000)]
    fn garde(b: Bencher) {
        bench_garde(b, invalid_payload(), true);
    }

    #[divan::bench(sample_count = 1000)]
    fn validator(b: Bencher) {
        bench_validator(b, invalid_payload(), true);
    }
}

/// `serde_json::from_slice` into the generated type.
mod deserialize {
    use super::*;

    #[divan::bench(sample_count = 1000)]
    fn mutaspec(b: Bencher) {
        b.bench_local(|| serde_json::from_slice::<UpdateAccountRequest>(black_box(PAYLOAD)).expect("deserializes"));
    }
}

/// `serde_json::from_slice` into the generated type, then `validate_with` (the request
/// is returned, so that its drop is not timed, as in `deserialize`).
mod deserialize_validate {
    use super::*;

    #[divan::bench(sample_count = 1000)]
    fn mutaspec(b: Bencher) {
        let current: UpdateAccountCurrent = parse(current_json(false));
        let settings = ProgramSettings::default();
        b.bench_local(|| {
            let req = serde_json::from_slice::<UpdateAccountRequest>(black_box(PAYLOAD)).expect("deserializes");
            let verdict = req.validate_with(Some(&current), Some(&settings));
            (req, verdict)
        });
    }
}
