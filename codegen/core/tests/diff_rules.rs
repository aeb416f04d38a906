//! One case per diff rule id: `tests/diff-cases/<rule-id>/{old,new}/` are two minimal
//! specs, and `expected.txt` is the exact text output of diffing them. Every change a case
//! reports must carry its rule id, so each case shows that rule and nothing else.
//!
//! `MUTASPEC_BLESS=1 cargo test -p mutaspec-core --test diff_rules` rewrites the
//! `expected.txt` files; review the diff before committing it.

use std::path::{Path, PathBuf};

use mutaspec_core::diff::{self, OutputFormat, RuleId};
use mutaspec_core::model::Spec;

const CASES: &str = "tests/diff-cases";

fn load(dir: &Path) -> Spec {
    match mutaspec_core::load(dir) {
        Ok(l) => l.spec,
        Err(e) => panic!("{} does not load:\n{}", dir.display(), e.render()),
    }
}

/// The changes from `old` to `new`, as sorted (rule id, subject) pairs, are `want`.
fn assert_changes(old: &Spec, new: &Spec, want: &[(&str, &str)]) {
    let mut got: Vec<(String, String)> = diff::diff(old, new)
        .iter()
        .map(|c| (c.rule.id().to_owned(), c.subject.clone()))
        .collect();
    got.sort();
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    assert_eq!(got, want);
}

fn run_case(id: &str) {
    let dir = Path::new(CASES).join(id);
    let (old, new) = (load(&dir.join("old")), load(&dir.join("new")));
    let changes = diff::diff(&old, &new);
    let actual = diff::render(&changes, OutputFormat::Text);
    let expected_path = dir.join("expected.txt");
    if std::env::var_os("MUTASPEC_BLESS").is_some() {
        std::fs::write(&expected_path, &actual).expect("write expected.txt");
    } else {
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(actual, expected, "{id}: output differs (MUTASPEC_BLESS=1 to accept)");
    }
    assert!(!changes.is_empty(), "{id}: no change reported");
    for c in &changes {
        assert_eq!(c.rule.id(), id, "{id}: the case also reports {c:?}");
        assert!(c.loc.is_some(), "{id}: {c:?} has no location");
    }
    assert!(diff::diff(&old, &old).is_empty(), "{id}: old differs from itself");
    assert!(diff::diff(&new, &new).is_empty(), "{id}: new differs from itself");
    // The reverse diff must not panic and must report something.
    assert!(!diff::diff(&new, &old).is_empty(), "{id}: the reverse diff is empty");
}

macro_rules! cases {
    ($($name:ident => $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                run_case($id);
            }
        )*

        #[test]
        fn every_rule_id_has_a_case_and_every_case_a_rule_id() {
            let listed: Vec<&str> = vec![$($id),*];
            let all: Vec<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
            assert_eq!(listed, all, "the cases must list RuleId::ALL, in order");
            let mut dirs: Vec<String> = std::fs::read_dir(CASES)
                .expect("the cases directory")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            dirs.sort();
            let mut sorted = all.clone();
            sorted.sort();
            assert_eq!(dirs, sorted, "one directory per rule id under {CASES}");
        }
    };
}

cases! {
    endpoint_added => "endpoint-added",
    endpoint_removed => "endpoint-removed",
    method_changed => "method-changed",
    path_changed => "path-changed",
    param_type_changed => "param-type-changed",
    host_changed => "host-changed",
    host_added => "host-added",
    host_removed => "host-removed",
    auth_changed => "auth-changed",
    auth_scheme_added => "auth-scheme-added",
    auth_scheme_removed => "auth-scheme-removed",
    content_type_changed => "content-type-changed",
    header_added => "header-added",
    header_required => "header-required",
    header_removed => "header-removed",
    header_changed => "header-changed",
    response_changed => "response-changed",
    field_added => "field-added",
    required_field_added => "required-field-added",
    field_removed => "field-removed",
    type_changed => "type-changed",
    rule_tightened => "rule-tightened",
    rule_loosened => "rule-loosened",
    rule_changed => "rule-changed",
    discriminator_changed => "discriminator-changed",
    merge_to_replace => "merge-to-replace",
    replace_to_merge => "replace-to-merge",
    output_only_added => "output-only-added",
    output_only_removed => "output-only-removed",
    constraint_tightened => "constraint-tightened",
    constraint_loosened => "constraint-loosened",
    constraint_changed => "constraint-changed",
    json_limit_tightened => "json-limit-tightened",
    json_limit_loosened => "json-limit-loosened",
    union_variant_added => "union-variant-added",
    union_variant_removed => "union-variant-removed",
    union_tag_changed => "union-tag-changed",
    enum_value_added => "enum-value-added",
    enum_value_removed => "enum-value-removed",
    enum_label_changed => "enum-label-changed",
    effect_added => "effect-added",
    effect_removed => "effect-removed",
    effect_condition_added => "effect-condition-added",
    effect_condition_removed => "effect-condition-removed",
    effect_condition_changed => "effect-condition-changed",
    alias_added => "alias-added",
    alias_removed => "alias-removed",
    clearable_added => "clearable-added",
    clearable_removed => "clearable-removed",
    clear_changed => "clear-changed",
    entries_clearable_added => "entries-clearable-added",
    entries_clearable_removed => "entries-clearable-removed",
    sensitive_added => "sensitive-added",
    sensitive_removed => "sensitive-removed",
    lock_added => "lock-added",
    lock_removed => "lock-removed",
    ignored_added => "ignored-added",
    ignored_removed => "ignored-removed",
    object_opened => "object-opened",
    object_closed => "object-closed",
    group_added => "group-added",
    group_removed => "group-removed",
    group_member_added => "group-member-added",
    group_member_removed => "group-member-removed",
    error_added => "error-added",
    error_removed => "error-removed",
    error_renumbered => "error-renumbered",
    error_message_changed => "error-message-changed",
    error_params_changed => "error-params-changed",
    error_key_changed => "error-key-changed",
    error_status_changed => "error-status-changed",
    error_body_changed => "error-body-changed",
    default_code_changed => "default-code-changed",
    response_status_added => "response-status-added",
    response_status_removed => "response-status-removed",
    setting_added => "setting-added",
    setting_removed => "setting-removed",
    setting_changed => "setting-changed",
    current_field_added => "current-field-added",
    current_field_removed => "current-field-removed",
    current_field_changed => "current-field-changed",
    item_key_changed => "item-key-changed",
    state_condition_added => "state-condition-added",
    state_condition_removed => "state-condition-removed",
    state_condition_changed => "state-condition-changed",
    transition_added => "transition-added",
    transition_removed => "transition-removed",
    provider_only_added => "provider-only-added",
    provider_only_removed => "provider-only-removed",
    pattern_added => "pattern-added",
    pattern_removed => "pattern-removed",
    version_added => "version-added",
    version_removed => "version-removed",
    availability_changed => "availability-changed",
}

#[test]
fn rule_ids_round_trip_and_are_kebab_case() {
    for r in RuleId::ALL {
        assert_eq!(RuleId::from_id(r.id()), Some(*r));
        assert!(r.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", r.id());
    }
}

/// The policy table of docs/diff.md lists every rule id with its severity.
#[test]
fn docs_list_every_rule_id_with_its_severity() {
    let docs = std::fs::read_to_string(PathBuf::from("../../docs/diff.md")).expect("docs/diff.md");
    for r in RuleId::ALL {
        let row = format!("| `{}` | {} |", r.id(), r.severity().as_str());
        assert!(docs.contains(&row), "docs/diff.md lacks the row `{row}`");
    }
}

/// A format added to a field, changed, or removed: every format goes through the diff,
/// `uri` to `url` tightens (every web address is a URI) and back loosens.
#[test]
fn formats_are_compared() {
    let dir = std::env::temp_dir().join(format!("mutaspec-diff-formats-{}", std::process::id()));
    let spec = |name: &str, body: &str| {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).expect("temp dir");
        let text = format!(
            "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts:\n  production: https://api.example.com\n\
             auth:\n  scheme: basic\nresponse:\n  status: 204\nbody:\n{body}"
        );
        std::fs::write(d.join("update_item.yaml"), text).expect("write spec");
        load(&d)
    };
    let formats: Vec<&str> = mutaspec_core::model::Format::ALL.iter().map(|(_, n)| *n).collect();
    let fields =
        |f: &dyn Fn(usize) -> String| -> String { formats.iter().enumerate().map(|(i, _)| format!("  f{i}: {}\n", f(i))).collect() };
    let none = spec("none", &fields(&|_| "string".into()));
    let each = spec("each", &fields(&|i| format!("{{ type: string, format: {} }}", formats[i])));
    let shifted = spec(
        "shifted",
        &fields(&|i| format!("{{ type: string, format: {} }}", formats[(i + 1) % formats.len()])),
    );
    let rules = |old: &Spec, new: &Spec| -> Vec<(String, String)> {
        diff::diff(old, new)
            .iter()
            .map(|c| (c.rule.id().to_owned(), c.message.clone()))
            .collect()
    };

    // Breaking changes come first: find each field's change by its name.
    let of = |changes: &[(String, String)], i: usize| -> (String, String) {
        let name = format!("`f{i}`");
        let mut mine = changes.iter().filter(|(_, msg)| msg.contains(&name));
        let one = mine.next().unwrap_or_else(|| panic!("no change on {name}: {changes:?}")).clone();
        assert!(mine.next().is_none(), "two changes on {name}: {changes:?}");
        one
    };

    let added = rules(&none, &each);
    assert_eq!(added.len(), formats.len());
    for (i, format) in formats.iter().enumerate() {
        let (rule, msg) = of(&added, i);
        assert_eq!(rule, "constraint-tightened");
        assert_eq!(msg, format!("new constraint on `f{i}`: format `{format}`"));
    }
    let removed = rules(&each, &none);
    assert!(removed.iter().all(|(rule, _)| rule == "constraint-loosened"), "{removed:?}");
    assert_eq!(removed.len(), formats.len());

    let changed = rules(&each, &shifted);
    let back = rules(&shifted, &each);
    assert_eq!(changed.len(), formats.len());
    for i in 0..formats.len() {
        let (old, new) = (formats[i], formats[(i + 1) % formats.len()]);
        let (rule, msg) = of(&changed, i);
        let (tighter, looser) = if (old, new) == ("uri", "url") {
            ("constraint-tightened", "constraint-loosened")
        } else {
            ("constraint-changed", "constraint-changed")
        };
        assert_eq!(rule, tighter, "{old} to {new}");
        assert!(msg.ends_with(&format!("now format `{new}`, was format `{old}`")), "{msg}");
        assert_eq!(of(&back, i).0, looser, "{new} to {old}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The rule changes are reported at any depth, now that rules hold in nested objects: a
/// nested field becoming set-once tightens, a nested identifying field becoming mutable
/// loosens, a nested conditional field's discriminator value changing is
/// `discriminator-changed`, each at the field's dotted path.
#[test]
fn rule_changes_are_reported_at_depth() {
    let dir = std::env::temp_dir().join(format!("mutaspec-diff-depth-{}", std::process::id()));
    let spec = |name: &str, rules: [&str; 3]| {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).expect("temp dir");
        let text = format!(
            "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts:\n  production: https://api.example.com\n\
             auth:\n  scheme: basic\nresponse:\n  status: 204\ntypes:\n  Kind: {{ values: [A, B] }}\nbody:\n\
             \x20 data.attributes.kind: {{ type: Kind, rule: identifying }}\n\
             \x20 data.attributes.externalId: {{ type: string{} }}\n\
             \x20 data.attributes.tag: {{ type: string{} }}\n\
             \x20 data.attributes.onlyA: {{ type: string, when: {{ kind: {} }} }}\n",
            rules[0], rules[1], rules[2]
        );
        std::fs::write(d.join("update_item.yaml"), text).expect("write spec");
        load(&d)
    };
    let old = spec("old", ["", ", rule: identifying", "A"]);
    let new = spec("new", [", rule: set_once", "", "B"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_changes(
        &old,
        &new,
        &[
            ("discriminator-changed", "data.attributes.onlyA"),
            ("rule-loosened", "data.attributes.tag"),
            ("rule-tightened", "data.attributes.externalId"),
        ],
    );
}

/// Transitions, state conditions and the named patterns below the top level (a nested
/// object, keyed array items, map values) are compared with the rule ids of the top
/// level, at the nested path (`tests/diff-depth/`).
#[test]
fn state_rules_at_depth_reuse_the_top_level_rule_ids() {
    let dir = Path::new("tests/diff-depth");
    let (old, new) = (load(&dir.join("old")), load(&dir.join("new")));
    assert_changes(
        &old,
        &new,
        &[
            ("pattern-added", "accounts{}.limit"),
            ("pattern-added", "data.attributes.limit"),
            ("pattern-removed", "cards[].spend"),
            ("state-condition-added", "data.attributes.legalName"),
            ("transition-added", "data.attributes.status"),
            ("transition-removed", "accounts{}.status"),
        ],
    );
}

/// A constraint's presence test (`if: { field: { sent: BOOL } }`) is one of its
/// conditions: gaining one loosens the constraint, losing one tightens it, turning it
/// around changes it.
#[test]
fn presence_conditions_of_constraints_are_compared() {
    let dir = std::env::temp_dir().join(format!("mutaspec-diff-sent-{}", std::process::id()));
    let spec = |name: &str, conds: [&str; 3]| {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).expect("temp dir");
        let text = format!(
            "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts:\n  production: https://api.example.com\n\
             auth:\n  scheme: basic\nresponse:\n  status: 204\nbody:\n\
             \x20 nickname: string\n\
             \x20 a: {{ type: string, max_length: {{ value: 5{} }} }}\n\
             \x20 b: {{ type: string, max_length: {{ value: 5{} }} }}\n\
             \x20 c: {{ type: string, max_length: {{ value: 5{} }} }}\n",
            conds[0], conds[1], conds[2]
        );
        std::fs::write(d.join("update_item.yaml"), text).expect("write spec");
        load(&d)
    };
    let sent = ", if: { nickname: { sent: true } }";
    let not_sent = ", if: { nickname: { sent: false } }";
    let old = spec("old", ["", sent, sent]);
    let new = spec("new", [sent, "", not_sent]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_changes(
        &old,
        &new,
        &[
            ("constraint-changed", "c"),
            ("constraint-loosened", "a"),
            ("constraint-tightened", "b"),
        ],
    );
}
