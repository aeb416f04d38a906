//! Validating valid values must not touch the heap.
//!
//! A counting global allocator (`support/counting_alloc.rs`; per thread, so parallel
//! tests do not interfere) records every allocation made while a closure runs.

use std::cmp::Ordering;
use std::hint::black_box;

use mutaspec_runtime::{checks, pattern, Date, DateTime, Decimal, Path, Sensitive, Violations};

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::allocations;

struct Request {
    email: String,
    country: String,
    dob: Sensitive<Date>,
    updated: DateTime,
    min_balance: Decimal,
    identity_id: String,
    lines: Vec<String>,
}

fn valid_request() -> Request {
    Request {
        email: "ada@example.com".into(),
        country: "GBR".into(),
        dob: Sensitive::new(Date::new_unchecked("1985-04-12")),
        updated: DateTime::new_unchecked("2024-02-29T12:30:00.25+01:00"),
        min_balance: Decimal::new_unchecked("1050.00"),
        identity_id: "IDaBcDeFgHiJkLmNoPqR".into(),
        lines: vec!["10 Downing Street".into(), "Flat 2".into()],
    }
}

/// A validator written the way generated code is: every check, a path per level.
fn validate(req: &Request, path: &Path<'_>, violations: &mut Violations) {
    let individual = path.key("individual");
    if !checks::is_email(&req.email) {
        violations.record(&individual.key("email"), mutaspec_runtime::Rule::Format, "must be an email", None);
    }
    if !checks::is_country_alpha3(&req.country) {
        violations.record(&individual.key("country"), mutaspec_runtime::Rule::Format, "ISO alpha-3", None);
    }
    if req.dob.expose().is_after((1900, 1, 1)) != Some(true) {
        violations.record(
            &individual.key("dob"),
            mutaspec_runtime::Rule::After,
            "after 1900-01-01",
            Some(60301),
        );
    }
    if req.updated.cmp_str("2000-01-01T00:00:00Z") != Some(Ordering::Greater) {
        violations.record(&path.key("updated"), mutaspec_runtime::Rule::After, "too early", None);
    }
    if req.min_balance.cmp_str("0").is_none_or(Ordering::is_lt) {
        violations.record(&path.key("minBalance"), mutaspec_runtime::Rule::Min, "negative", None);
    }
    if !pattern::matches("ID[A-Za-z0-9]{18}", &req.identity_id) {
        violations.record(&path.key("identity_id"), mutaspec_runtime::Rule::Pattern, "bad id", None);
    }
    let addresses = individual.key("mailingAddress");
    for (i, line) in req.lines.iter().enumerate() {
        let item = addresses.index(i);
        let line_path = item.key("addressLine1");
        if checks::char_len(line) > 76 || checks::is_po_box(line) || !checks::no_po_box(line) {
            violations.record(&line_path, mutaspec_runtime::Rule::Check, "PO box", Some(66907));
        }
    }
}

#[test]
fn validating_a_valid_request_does_not_allocate() {
    let req = valid_request();
    let no_po_box = checks::named_check("no_po_box");
    let (violations, allocations) = allocations(|| {
        let mut violations = Violations::new();
        let root = Path::root();
        validate(black_box(&req), &root, &mut violations);
        let passes = no_po_box.is_some_and(|check| check("1 Main St"));
        black_box(passes);
        violations
    });
    assert!(violations.is_empty(), "{violations}");
    assert_eq!(allocations, 0);
}

#[test]
fn building_nested_paths_does_not_allocate() {
    let (depth, allocations) = allocations(|| {
        let root = Path::root();
        let a = root.key("individual");
        let b = a.key("mailingAddress");
        let c = b.index(7);
        let d = c.key("weird key");
        black_box(&d).depth()
    });
    assert_eq!(depth, 4);
    assert_eq!(allocations, 0);
}

#[test]
fn checks_and_patterns_do_not_allocate_on_any_input() {
    let ((), allocations) = allocations(|| {
        for text in ["", "P.O. Box 12", "日本", "a@b.c", "IDxxxxxxxxxxxxxxxxxx", "[", "1e5"] {
            black_box(checks::is_email(text));
            black_box(checks::is_po_box(text));
            black_box(checks::is_country_alpha2(text));
            black_box(checks::char_len(text));
            black_box(pattern::matches("a*[^b-d]{2,}\\d?", text));
            black_box(pattern::matches("^\\d{5}(-\\d{4})?$|(?:x|[yz]{2,})+", text));
            black_box(pattern::matches("^.{0,5000}$", text));
            black_box(pattern::compile_check(text).is_ok());
        }
    });
    assert_eq!(allocations, 0);
}

#[test]
fn the_counter_sees_a_recorded_violation() {
    let mut req = valid_request();
    req.email = "not an email".into();
    let (violations, allocations) = allocations(|| {
        let mut violations = Violations::new();
        validate(&req, &Path::root(), &mut violations);
        violations
    });
    assert_eq!(violations.to_string(), "individual.email: must be an email");
    assert!(allocations > 0);
}
