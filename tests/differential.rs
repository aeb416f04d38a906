//! The two back ends of the validation plan agree: for every endpoint of `spec/`,
//! payloads generated from the model go through the generated validator
//! (`<Prefix>Request::validate_with(current, settings)` after serde) and through the
//! evaluator behind `mutaspec validate` (`mutaspec_core::eval::evaluate`), which must
//! give the same violations (path, rule, message, code) in the same order, and refuse
//! the same JSON (a payload, snapshot or settings serde does not accept).
//!
//! Payloads walk the request object of the model: each field absent, `null` (often
//! for a clearable field, and its sentinel for one cleared by `""`; rarely where `null`
//! does not clear, which both back ends refuse, rule `not_clearable`), a value
//! from a small per-field pool mixing valid and invalid values for its checks (emails
//! with and without `@`, dates valid, invalid and before 1900, decimals, enum values
//! known and unknown, PO boxes, lines of 76, 77 and 80 characters, repeated address and
//! phone types, discriminators matching or not), and rarely a value of the wrong JSON
//! type (arrays in place of objects included), an unknown member or a not-updatable
//! attribute. Current snapshots and settings are drawn the same way (rarely an array, an
//! unknown member or a misspelt one), or left out.
//!
//! A payload with not-updatable attributes is refused by serde and is a list of
//! `not_updatable` violations for the evaluator, followed by those of the rest: the
//! test checks serde's error names them, and compares the two back ends on the payload
//! without them. Repeated map keys (which a `Value` cannot hold) and arrays at the root
//! are compared on JSON text by `repeated_keys_and_arrays_are_refused_by_both`.
//!
//! The seed documents say nothing of clearing, nested rules, state conditions,
//! transitions, groups, open objects, ignored fields, unions, json values or versions,
//! so the feature specs of those capabilities (`tests/features/<name>/spec`, expanded
//! here by `include_spec!`) are driven the same way, endpoint by endpoint.
//!
//! `PROPTEST_CASES` overrides the 256 cases per endpoint.

use std::sync::OnceLock;

use mutaspec_core::eval::{self, Part};
use mutaspec_core::model::{Api, Clear, Constrained, ConstraintKind, Endpoint, Field, Format, Object, Spec, Ty, TypeKind};
use mutaspec_core::plan::{self, EndpointPlan};
use mutaspec_runtime::{Violation, Violations};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// The spec, loaded once.
fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
        match mutaspec_core::load(&dir) {
            Ok(l) => l.spec,
            Err(e) => panic!("spec/ does not load:\n{}", e.render()),
        }
    })
}

fn endpoint(name: &str) -> (&'static Api, &'static Endpoint) {
    spec().endpoint(name).unwrap_or_else(|| panic!("no endpoint {name}"))
}

/// A feature's spec (`tests/features/<dir>/spec`), loaded once by `$load`, and the same
/// spec expanded in place by the proc-macro as module `$module`. No seed document says a
/// field of `spec/` may be cleared, sits in a nested object with a rule, or has a state
/// condition, a transition, a group, an open object, an ignored field, a union, a json
/// value or versions, so these capabilities are driven over their feature specs.
macro_rules! feature_spec {
    ($load:ident, $module:ident, $dir:literal) => {
        fn $load() -> &'static Spec {
            static SPEC: OnceLock<Spec> = OnceLock::new();
            SPEC.get_or_init(|| {
                let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join($dir);
                match mutaspec_core::load(&dir) {
                    Ok(l) => l.spec,
                    Err(e) => panic!("{} does not load:\n{}", $dir, e.render()),
                }
            })
        }
        mod $module {
            mutaspec_macros::include_spec!($dir);
        }
    };
}

feature_spec!(clearing_spec, clearing_spec, "tests/features/clearing/spec");
feature_spec!(nested_rules_spec, nested_rules_spec, "tests/features/nested-rules/spec");
feature_spec!(state_spec, state_spec, "tests/features/state/spec");
feature_spec!(transitions_spec, transitions_spec, "tests/features/transitions/spec");
feature_spec!(cross_field_spec, cross_field_spec, "tests/features/cross-field/spec");
feature_spec!(open_objects_spec, open_objects_spec, "tests/features/open-objects/spec");
feature_spec!(ignored_fields_spec, ignored_fields_spec, "tests/features/ignored-fields/spec");
feature_spec!(unions_spec, unions_spec, "tests/features/unions/spec");
feature_spec!(json_values_spec, json_values_spec, "tests/features/json-values/spec");
feature_spec!(versions_spec, versions_spec, "tests/features/versions/spec");
feature_spec!(
    discriminated_union_spec,
    discriminated_union_spec,
    "tests/features/discriminated-union/spec"
);
feature_spec!(state_at_depth_spec, state_at_depth_spec, "tests/features/state-at-depth/spec");
feature_spec!(side_effects_spec, side_effects_spec, "tests/features/side-effects/spec");
feature_spec!(unknown_state_spec, unknown_state_spec, "tests/features/unknown-state/spec");

/// One generated input: a payload, and maybe a current snapshot and settings.
#[derive(Debug, Clone)]
struct Case {
    payload: Value,
    current: Option<Value>,
    settings: Option<Value>,
}

// ---------------------------------------------------------------------------------
// Strategies, from the model.

/// How deep objects nest in generated payloads.
const MAX_DEPTH: usize = 4;

#[derive(Clone, Copy)]
struct Gen {
    api: &'static Api,
    ep: &'static Endpoint,
}

impl Gen {
    fn object_of(self, ty: &Ty) -> Option<&'static Object> {
        let Ty::Named(n) = ty else { return None };
        match &self.api.find_type(Some(self.ep), n)?.kind {
            TypeKind::Object(o) => Some(o),
            TypeKind::Enum(_) => None,
        }
    }

    fn enum_values(self, ty: &Ty) -> Option<Vec<String>> {
        let Ty::Named(n) = ty else { return None };
        match &self.api.find_type(Some(self.ep), n)?.kind {
            TypeKind::Enum(e) => Some(e.values.iter().map(|v| v.wire.clone()).collect()),
            TypeKind::Object(_) => None,
        }
    }

    /// An object: each field absent, `null`, a value, or rarely the wrong JSON type;
    /// not-updatable attributes and unknown members rarely.
    fn object(self, o: &'static Object, depth: usize) -> BoxedStrategy<Value> {
        let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = o.fields.iter().map(|f| self.field(f, depth)).collect();
        let unknown = prop_oneof![97 => Just(None), 3 => Just(Some(("zzUnknownMember".to_owned(), json!(1))))];
        (fields, unknown)
            .prop_map(|(fields, unknown)| {
                let mut m = Map::new();
                for (k, v) in fields.into_iter().chain(std::iter::once(unknown)).flatten() {
                    m.insert(k, v);
                }
                Value::Object(m)
            })
            .boxed()
    }

    fn field(self, f: &'static Field, depth: usize) -> BoxedStrategy<Option<(String, Value)>> {
        let wire = f.wire.clone();
        let sendable = f.sendable();
        let ty = match (&f.ty, sendable) {
            (Some(ty), true) if depth < MAX_DEPTH => ty,
            (_, true) => return Just(None).boxed(),
            (_, false) => return prop_oneof![97 => Just(None), 3 => odd_value().prop_map(move |v| Some((wire.clone(), v)))].boxed(),
        };
        let (w1, w2, w3, w4) = (wire.clone(), wire.clone(), wire.clone(), wire);
        // A clearable field is often cleared (by `null` or its sentinel); `null` on a
        // field that cannot be cleared by it is refused by both, so it comes rarely.
        let (clear, weight) = match &f.clear {
            Some(Clear::Null) => (Value::Null, 8),
            Some(Clear::Sentinel(s)) => (Value::String(s.clone()), 8),
            None => (Value::Null, 0),
        };
        prop_oneof![
            50 => Just(None),
            5 => Just(Some((w1, Value::Null))),
            weight => Just(Some((w4, clear.clone()))),
            42 => self.value(f, ty, depth).prop_map(move |v| Some((w2.clone(), v))),
            3 => odd_value().prop_map(move |v| Some((w3.clone(), v))),
        ]
        .boxed()
    }

    /// A value of type `ty` for field `f` (whose constraints pick the pool).
    fn value(self, f: &'static Field, ty: &Ty, depth: usize) -> BoxedStrategy<Value> {
        match ty {
            Ty::String => pick(string_pool(f)),
            Ty::Decimal => pick(strings(&["1050", "10.50", "-1", "0", "1e5", "abc", "", "1,000", " 1"])),
            Ty::Date => pick(strings(&[
                "2024-02-29",
                "2023-02-29",
                "1985-06-15",
                "1900-01-01",
                "1900-01-02",
                "1899-12-31",
                "06/15/1985",
                "x",
            ])),
            Ty::DateTime => pick(strings(&[
                "2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00.000+00:00",
                "1899-12-31T23:59:59Z",
                "2024-01-01",
                "2024-13-01T00:00:00Z",
                "soon",
            ])),
            Ty::Integer => pick(vec![
                json!(0),
                json!(1),
                json!(-1),
                json!(5),
                json!(6),
                json!(1_500_000_000),
                json!(i64::MAX),
            ]),
            Ty::Unsigned => pick(vec![json!(0), json!(1), json!(-1), json!(u64::MAX), json!(i64::MAX as u64 + 1)]),
            Ty::Number => pick(vec![json!(0.0), json!(1.5), json!(-2), json!(1e300)]),
            Ty::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
            Ty::Json => pick(vec![
                json!(null),
                json!(1),
                json!("x"),
                json!({}),
                json!({ "a": [1, { "b": null }] }),
                json!([[[["deep"]]]]),
                json!({ "note": "0123456789012345678901234567890123456789012345678901234567890123456789" }),
            ]),
            // A discriminated union: any variant's object (whatever the tag says), or
            // something else.
            Ty::Tagged(t) => {
                let mut arms: Vec<BoxedStrategy<Value>> =
                    t.variants.iter().map(|v| self.value(f, &Ty::Named(v.ty.clone()), depth)).collect();
                arms.push(Just(json!({})).boxed());
                arms.push(Just(json!("x")).boxed());
                proptest::strategy::Union::new(arms).boxed()
            }
            Ty::OrId(n) => {
                let id = pick(string_pool(f));
                let object = self.value(f, &Ty::Named(n.clone()), depth);
                prop_oneof![id, object, Just(json!(7))].boxed()
            }
            Ty::Named(_) => {
                if let Some(o) = self.object_of(ty) {
                    return self.object(o, depth + 1);
                }
                let mut pool = self.enum_values(ty).unwrap_or_default();
                pool.extend(["Unknown".to_owned(), String::new()]);
                pick(pool.into_iter().map(Value::String).collect())
            }
            Ty::List(item) => {
                let item = self.value(f, item, depth + 1);
                proptest::collection::vec(item, 0..4).prop_map(Value::Array).boxed()
            }
            Ty::Map(item) => {
                // An entry sent as `null` deletes its key where the map takes it.
                let value = if f.clear_entries {
                    prop_oneof![4 => self.value(f, item, depth + 1), 1 => Just(Value::Null)].boxed()
                } else {
                    self.value(f, item, depth + 1)
                };
                let entry = (pick(key_pool(f)), value);
                let small = proptest::collection::vec(entry.clone(), 0..4);
                let large = proptest::collection::vec((0..40u32, self.value(f, item, depth + 1)), 18..24)
                    .prop_map(|v| v.into_iter().map(|(k, x)| (Value::String(format!("k{k}")), x)).collect());
                prop_oneof![8 => small, 2 => large]
                    .prop_map(|entries: Vec<(Value, Value)>| {
                        Value::Object(
                            entries
                                .into_iter()
                                .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), v))
                                .collect(),
                        )
                    })
                    .boxed()
            }
        }
    }

    fn payload(self) -> BoxedStrategy<Value> {
        prop_oneof![97 => self.object(&self.ep.body, 0), 3 => root_array()].boxed()
    }

    /// A current snapshot: the plan's snapshot fields, drawn from the same pools; a
    /// nested snapshot (rules inside an object) drawn the same way from its object's
    /// snapshot fields, and the endpoint's `current:` fields from their types.
    fn current(self, plan: &'static EndpointPlan) -> BoxedStrategy<Value> {
        let object = self.snapshot(plan, &self.ep.body, &plan.current, 1);
        prop_oneof![97 => object, 3 => root_array()].boxed()
    }

    /// The members of a snapshot whose fields are `fields` (fields of `o`, or at the
    /// root the endpoint's `current:` fields too).
    fn snapshot(
        self,
        plan: &'static EndpointPlan,
        o: &'static Object,
        fields: &'static [plan::CurrentField],
        depth: usize,
    ) -> BoxedStrategy<Value> {
        let members: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
            .iter()
            .filter_map(|c| {
                let f = o
                    .field(&c.wire)
                    .or_else(|| (depth == 1).then(|| self.ep.current_field(&c.wire)).flatten())?;
                Some((c, f))
            })
            .map(|(c, f)| {
                let wire = f.wire.clone();
                let (w1, w2, w3) = (wire.clone(), wire.clone(), wire);
                let ty = f.ty.clone().unwrap_or(Ty::String);
                let nested = c
                    .nested
                    .as_ref()
                    .and_then(|n| Some((plan.objects.get(n)?, self.object_of(&Ty::Named(n.clone()))?)));
                let value = match nested {
                    Some((p, inner)) if depth < 8 => {
                        let one = self.snapshot(plan, inner, &p.current, depth + 1);
                        // A keyed array's current items: a list of item snapshots; a
                        // map's current entries: an entry snapshot per key, drawn from
                        // the keys payloads use.
                        match &ty {
                            Ty::List(_) => proptest::collection::vec(one, 0..3).prop_map(Value::Array).boxed(),
                            Ty::Map(_) => proptest::collection::vec((pick(key_pool(f)), one), 0..4)
                                .prop_map(|entries| {
                                    Value::Object(
                                        entries
                                            .into_iter()
                                            .map(|(k, v)| (k.as_str().unwrap_or_default().to_owned(), v))
                                            .collect(),
                                    )
                                })
                                .boxed(),
                            _ => one,
                        }
                    }
                    _ => self.value(f, &ty, depth),
                };
                prop_oneof![
                    30 => Just(None),
                    5 => Just(Some((w1, Value::Null))),
                    63 => value.prop_map(move |v| Some((w2.clone(), v))),
                    2 => odd_value().prop_map(move |v| Some((w3.clone(), v))),
                ]
                .boxed()
            })
            .collect();
        let extra = prop_oneof![
            18 => Just(None),
            1 => Just(Some(("notInTheSnapshot".to_owned(), json!([1])))),
            1 => Just(misspelt(fields.iter().map(|c| c.wire.as_str()))),
        ];
        (members, extra)
            .prop_map(|(fields, extra)| Value::Object(fields.into_iter().chain(std::iter::once(extra)).flatten().collect()))
            .boxed()
    }

    /// Settings: each absent, true or false; rarely not a boolean; unknown ones ignored.
    fn settings(self) -> BoxedStrategy<Value> {
        let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = self
            .api
            .settings
            .iter()
            .map(|s| {
                let (n1, n2) = (s.name.clone(), s.name.clone());
                prop_oneof![
                    40 => Just(None),
                    58 => any::<bool>().prop_map(move |b| Some((n1.clone(), Value::Bool(b)))),
                    2 => odd_value().prop_map(move |v| Some((n2.clone(), v))),
                ]
                .boxed()
            })
            .collect();
        let extra = prop_oneof![
            18 => Just(None),
            1 => Just(Some(("noSuchSetting".to_owned(), json!("on")))),
            1 => Just(misspelt(self.api.settings.iter().map(|s| s.name.as_str()))),
        ];
        let object =
            (fields, extra).prop_map(|(fields, extra)| Value::Object(fields.into_iter().chain(std::iter::once(extra)).flatten().collect()));
        prop_oneof![97 => object, 3 => root_array()].boxed()
    }

    fn case(self, plan: &'static EndpointPlan) -> BoxedStrategy<Case> {
        let current = prop_oneof![1 => Just(None), 4 => self.current(plan).prop_map(Some)];
        let settings = prop_oneof![1 => Just(None), 4 => self.settings().prop_map(Some)];
        (self.payload(), current, settings)
            .prop_map(|(payload, current, settings)| Case {
                payload,
                current,
                settings,
            })
            .boxed()
    }
}

fn strings(v: &[&str]) -> Vec<Value> {
    v.iter().map(|s| Value::String((*s).to_owned())).collect()
}

/// A member named like the first of `names` with its last character dropped (a typo
/// that gets a did-you-mean), set to `true`.
fn misspelt<'a>(mut names: impl Iterator<Item = &'a str>) -> Option<(String, Value)> {
    let name = names.next()?;
    let typo: String = name.chars().take(name.chars().count().saturating_sub(1)).collect();
    Some((typo, Value::Bool(true)))
}

/// An array where an object belongs: serde's derive alone would read it by position.
fn root_array() -> BoxedStrategy<Value> {
    pick(vec![json!([]), json!(["PERSON", "Jane"]), json!([null]), json!([true, 1])])
}

fn pick(pool: Vec<Value>) -> BoxedStrategy<Value> {
    proptest::sample::select(pool).boxed()
}

/// A value of some JSON type, often the wrong one for the field.
fn odd_value() -> BoxedStrategy<Value> {
    pick(vec![
        Value::Null,
        json!(12),
        json!(1.5),
        json!(-1),
        json!("text"),
        json!(true),
        json!([]),
        json!(["a"]),
        json!({}),
        json!({"k": 1}),
    ])
}

/// Strings for a string field: a common pool, and values around each of its checks.
fn string_pool(f: &Field) -> Vec<Value> {
    let mut pool: Vec<String> = ["", "a", "Ann Lee", "1 Main St", "Zoë", "US", "12345"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    pool.push("A".repeat(80));
    for c in &f.constraints {
        match &c.kind {
            ConstraintKind::Format(Format::Email) => {
                pool.extend(["ann@example.com", "ann.example.com", "@example.com", "a@b"].map(String::from))
            }
            ConstraintKind::Format(Format::CountryAlpha2 | Format::CountryAlpha3) => {
                pool.extend(["US", "us", "USA", "DEU", "XX", "U"].map(String::from))
            }
            ConstraintKind::MinLength(n) | ConstraintKind::MaxLength(n) => {
                let n = usize::try_from(*n).unwrap_or(0).min(400);
                pool.extend([n.saturating_sub(1), n, n + 1].map(|k| "é".repeat(k)));
            }
            ConstraintKind::Check(_) => {
                pool.extend(["PO Box 12", "P.O. Box 9", "post office box 3", "Box Hill Rd", "12 Pobox Lane"].map(String::from))
            }
            ConstraintKind::Pattern(_) => pool.extend(["5152221212", "12-3", "IDabcdefghijklmnopqr", "ID123", "0"].map(String::from)),
            _ => {}
        }
    }
    pool.into_iter().map(Value::String).collect()
}

/// Keys for a map field: a common pool, and keys around each of its key constraints.
fn key_pool(f: &Field) -> Vec<Value> {
    let mut pool: Vec<String> = ["a", "b", "c", "vip customer", "x-y", "_k", "3ds", ""].map(String::from).to_vec();
    for c in f.constraints.iter().filter(|c| c.on == Constrained::Keys) {
        match &c.kind {
            ConstraintKind::MinLength(n) | ConstraintKind::MaxLength(n) => {
                let n = usize::try_from(*n).unwrap_or(0).min(100);
                pool.extend([n.saturating_sub(1), n, n + 1].map(|k| "é".repeat(k)));
            }
            ConstraintKind::Pattern(_) => pool.extend(["abc", "AB", "x", "123-4567"].map(String::from)),
            _ => {}
        }
    }
    pool.into_iter().map(Value::String).collect()
}

// ---------------------------------------------------------------------------------
// The comparison.

/// Runs both back ends on a case and compares.
fn compare<R, C, S>(
    api: &Api,
    ep: &Endpoint,
    plan: &EndpointPlan,
    case: &Case,
    validate: impl Fn(&R, Option<&C>, Option<&S>) -> Verdicts,
) -> Result<(), TestCaseError>
where
    R: DeserializeOwned,
    C: DeserializeOwned,
    S: DeserializeOwned,
{
    let evaluated = eval::evaluate(api, ep, plan, &case.payload, case.current.as_ref(), case.settings.as_ref());
    // The evaluator reads the snapshot, then the settings, then the payload.
    let current = case.current.clone().map(serde_json::from_value::<C>).transpose();
    let settings = case.settings.clone().map(serde_json::from_value::<S>).transpose();
    let request = serde_json::from_value::<R>(case.payload.clone());
    let refused = |part: Part, why: String| match &evaluated {
        Err(e) if e.part == part => {
            // A typo gets the same suggestion from both.
            if let eval::PayloadErrorKind::UnknownField {
                suggestion: Some(close), ..
            } = &e.kind
            {
                let hint = format!("did you mean `{close}`?");
                prop_assert!(why.contains(&hint), "serde says {why}, the evaluator {e}");
            }
            Ok(())
        }
        other => Err(TestCaseError::fail(format!(
            "serde refuses the {part} ({why}); the evaluator says {other:?}"
        ))),
    };
    let (current, settings, request) = match (current, settings, request) {
        (Err(e), _, _) => return refused(Part::Current, e.to_string()),
        (_, Err(e), _) => return refused(Part::Settings, e.to_string()),
        (_, _, Err(e)) if e.to_string().contains("is not updatable") => {
            return not_updatable(api, ep, plan, case, &e.to_string(), evaluated, validate);
        }
        (_, _, Err(e)) => return refused(Part::Payload, e.to_string()),
        (Ok(c), Ok(s), Ok(r)) => (c, s, r),
    };
    let verdicts = validate(&request, current.as_ref(), settings.as_ref());
    // `validate_with` runs the predicate, then (only if it fails) the collecting pass:
    // the two must agree, or a violation is lost (predicate true) or the valid path
    // pays for a collecting pass that finds nothing (predicate false).
    prop_assert_eq!(verdicts.predicate, verdicts.collected.is_empty(), "is_valid_with vs validate_into");
    let generated: Vec<Violation> = verdicts.result.err().map(Violations::into_vec).unwrap_or_default();
    prop_assert_eq!(&generated, verdicts.collected.as_slice(), "validate_with vs validate_into");
    match evaluated {
        Ok(v) => {
            prop_assert_eq!(v, generated);
            Ok(())
        }
        Err(e) => Err(TestCaseError::fail(format!(
            "serde accepts the case, the evaluator refuses it: {e:?}"
        ))),
    }
}

/// serde refused the payload for its not-updatable attributes (`why`): the evaluator
/// reports each one as a violation, first, then the violations of the payload without
/// them, on which the two back ends are compared as usual.
fn not_updatable<R, C, S>(
    api: &Api,
    ep: &Endpoint,
    plan: &EndpointPlan,
    case: &Case,
    why: &str,
    evaluated: Result<Vec<Violation>, eval::PayloadError>,
    validate: impl Fn(&R, Option<&C>, Option<&S>) -> Verdicts,
) -> Result<(), TestCaseError>
where
    R: DeserializeOwned,
    C: DeserializeOwned,
    S: DeserializeOwned,
{
    let mut stripped = case.clone();
    strip(api, ep, &ep.body, &mut stripped.payload);
    let v = match evaluated {
        Ok(v) => v,
        // serde stops at the first object with one; the evaluator goes on and meets a
        // wrong shape further on: both refuse, and the rest is compared without them.
        Err(e) if e.part == Part::Payload => return compare(api, ep, plan, &stripped, validate),
        Err(e) => return Err(TestCaseError::fail(format!("serde says {why}; the evaluator {e:?}"))),
    };
    let n = v.iter().take_while(|x| x.rule == mutaspec_runtime::Rule::NotUpdatable).count();
    prop_assert!(n > 0, "serde says {why}; the evaluator reports no not-updatable attribute: {v:?}");
    // serde names those of the first object that has any: one of the evaluator's.
    prop_assert!(
        v[..n]
            .iter()
            .any(|x| why.contains(&format!("`{}` is not updatable", x.path.rsplit('.').next().unwrap_or_default()))),
        "serde says {why}; the evaluator {v:?}"
    );
    let rest = eval::evaluate(api, ep, plan, &stripped.payload, case.current.as_ref(), case.settings.as_ref());
    prop_assert_eq!(rest.as_ref().ok().map(Vec::as_slice), Some(&v[n..]), "the payload without them");
    compare(api, ep, plan, &stripped, validate)
}

/// Removes every not-updatable attribute from a payload of `o`, at any depth.
fn strip(api: &Api, ep: &Endpoint, o: &Object, v: &mut Value) {
    let Value::Object(m) = v else { return };
    for f in &o.fields {
        if f.rule == mutaspec_core::model::UpdateRule::NotUpdatable {
            m.remove(&f.wire);
        } else if let (Some(ty), Some(x)) = (&f.ty, m.get_mut(&f.wire)) {
            strip_ty(api, ep, ty, x);
        }
    }
}

fn strip_ty(api: &Api, ep: &Endpoint, ty: &Ty, v: &mut Value) {
    match (ty, v) {
        (Ty::List(i), Value::Array(items)) => items.iter_mut().for_each(|x| strip_ty(api, ep, i, x)),
        (Ty::Map(i), Value::Object(m)) => m.values_mut().for_each(|x| strip_ty(api, ep, i, x)),
        (Ty::Named(n), v) => {
            if let Some(TypeKind::Object(o)) = api.find_type(Some(ep), n).map(|t| &t.kind) {
                strip(api, ep, o, v);
            }
        }
        _ => {}
    }
}

/// What the generated request says of a case, three ways.
struct Verdicts {
    /// `validate_with(current, settings)`.
    result: Result<(), Violations>,
    /// The collecting pass alone (`validate_into` from the root).
    collected: Violations,
    /// The predicate alone (`is_valid_with`).
    predicate: bool,
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One proptest per endpoint: `name`, its generated module and type prefix.
macro_rules! differential {
    ($test:ident, $name:literal, $api:ident :: $ep:ident, $req:ident, $cur:ident) => {
        differential!($test, $name, $api::$ep, $req, $cur, spec(), mutaspec_generated);
    };
    ($test:ident, $name:literal, $api:ident :: $ep:ident, $req:ident, $cur:ident, $spec:expr, $krate:ident) => {
        #[test]
        fn $test() {
            let (api, ep) = $spec.endpoint($name).unwrap_or_else(|| panic!("no endpoint {}", $name));
            let plan: &'static EndpointPlan = Box::leak(Box::new(plan::endpoint(api, ep)));
            let strategy = Gen { api, ep }.case(plan);
            let mut runner = proptest::test_runner::TestRunner::new(config());
            let result = runner.run(&strategy, |case| {
                compare(
                    api,
                    ep,
                    plan,
                    &case,
                    |r: &$krate::$api::$ep::$req, c, s: Option<&$krate::$api::ProgramSettings>| {
                        let c = c.map(|c: &$krate::$api::$ep::$cur| c);
                        let mut collected = Violations::new();
                        r.validate_into(&mutaspec_runtime::Path::root(), c, s, &mut collected);
                        Verdicts {
                            result: r.validate_with(c, s),
                            collected,
                            predicate: r.is_valid_with(c, s),
                        }
                    },
                )
            });
            if let Err(e) = result {
                panic!("{}: the generated validator and the evaluator disagree: {e}", $name);
            }
        }
    };
}

differential!(
    banking_update_customer,
    "banking::update_customer",
    banking::update_customer,
    UpdateCustomerRequest,
    UpdateCustomerCurrent
);
differential!(
    banking_update_account,
    "banking::update_account",
    banking::update_account,
    UpdateAccountRequest,
    UpdateAccountCurrent
);
differential!(
    payments_update_identity,
    "payments::update_identity",
    payments::update_identity,
    UpdateIdentityRequest,
    UpdateIdentityCurrent
);
differential!(
    helix_update_customer,
    "helix::update_customer",
    helix::update_customer,
    UpdateCustomerRequest,
    UpdateCustomerCurrent
);

differential!(
    clearing_update_profile,
    "clearing::update_profile",
    clearing::update_profile,
    UpdateProfileRequest,
    UpdateProfileCurrent,
    clearing_spec(),
    clearing_spec
);
differential!(
    clearing_update_card,
    "clearing::update_card",
    clearing::update_card,
    UpdateCardRequest,
    UpdateCardCurrent,
    clearing_spec(),
    clearing_spec
);

differential!(
    nested_rules_update_account,
    "nested_rules::update_account",
    nested_rules::update_account,
    UpdateAccountRequest,
    UpdateAccountCurrent,
    nested_rules_spec(),
    nested_rules_spec
);
differential!(
    nested_rules_update_profile,
    "nested_rules::update_profile",
    nested_rules::update_profile,
    UpdateProfileRequest,
    UpdateProfileCurrent,
    nested_rules_spec(),
    nested_rules_spec
);
differential!(
    state_update_customer,
    "state::update_customer",
    state::update_customer,
    UpdateCustomerRequest,
    UpdateCustomerCurrent,
    state_spec(),
    state_spec
);
differential!(
    state_at_depth_update_subscription,
    "state_at_depth::update_subscription",
    state_at_depth::update_subscription,
    UpdateSubscriptionRequest,
    UpdateSubscriptionCurrent,
    state_at_depth_spec(),
    state_at_depth_spec
);
differential!(
    state_at_depth_update_wallet,
    "state_at_depth::update_wallet",
    state_at_depth::update_wallet,
    UpdateWalletRequest,
    UpdateWalletCurrent,
    state_at_depth_spec(),
    state_at_depth_spec
);
differential!(
    state_update_merchant,
    "state::update_merchant",
    state::update_merchant,
    UpdateMerchantRequest,
    UpdateMerchantCurrent,
    state_spec(),
    state_spec
);
differential!(
    transitions_update_card,
    "transitions::update_card",
    transitions::update_card,
    UpdateCardRequest,
    UpdateCardCurrent,
    transitions_spec(),
    transitions_spec
);
differential!(
    cross_field_update_allocation,
    "cross_field::update_allocation",
    cross_field::update_allocation,
    UpdateAllocationRequest,
    UpdateAllocationCurrent,
    cross_field_spec(),
    cross_field_spec
);
differential!(
    cross_field_update_contact,
    "cross_field::update_contact",
    cross_field::update_contact,
    UpdateContactRequest,
    UpdateContactCurrent,
    cross_field_spec(),
    cross_field_spec
);
differential!(
    cross_field_update_profile,
    "cross_field::update_profile",
    cross_field::update_profile,
    UpdateProfileRequest,
    UpdateProfileCurrent,
    cross_field_spec(),
    cross_field_spec
);
differential!(
    cross_field_update_shipment,
    "cross_field::update_shipment",
    cross_field::update_shipment,
    UpdateShipmentRequest,
    UpdateShipmentCurrent,
    cross_field_spec(),
    cross_field_spec
);
differential!(
    unknown_state_update_customer,
    "unknown_state::update_customer",
    unknown_state::update_customer,
    UpdateCustomerRequest,
    UpdateCustomerCurrent,
    unknown_state_spec(),
    unknown_state_spec
);
differential!(
    cross_field_update_order,
    "cross_field::update_order",
    cross_field::update_order,
    UpdateOrderRequest,
    UpdateOrderCurrent,
    cross_field_spec(),
    cross_field_spec
);
differential!(
    open_objects_update_product,
    "open_objects::update_product",
    open_objects::update_product,
    UpdateProductRequest,
    UpdateProductCurrent,
    open_objects_spec(),
    open_objects_spec
);
differential!(
    ignored_fields_update_account,
    "ignored_fields::update_account",
    ignored_fields::update_account,
    UpdateAccountRequest,
    UpdateAccountCurrent,
    ignored_fields_spec(),
    ignored_fields_spec
);
differential!(
    unions_update_invoice,
    "unions::update_invoice",
    unions::update_invoice,
    UpdateInvoiceRequest,
    UpdateInvoiceCurrent,
    unions_spec(),
    unions_spec
);
differential!(
    json_values_update_order,
    "json_values::update_order",
    json_values::update_order,
    UpdateOrderRequest,
    UpdateOrderCurrent,
    json_values_spec(),
    json_values_spec
);
differential!(
    discriminated_union_update_party,
    "discriminated_union::update_party",
    discriminated_union::update_party,
    UpdatePartyRequest,
    UpdatePartyCurrent,
    discriminated_union_spec(),
    discriminated_union_spec
);
differential!(
    versions_update_subscription,
    "versions::update_subscription",
    versions::update_subscription,
    UpdateSubscriptionRequest,
    UpdateSubscriptionCurrent,
    versions_spec(),
    versions_spec
);

/// Evaluates 300 generated cases of endpoint `ep` (the same ones on every run) and hands
/// each verdict to `f`.
fn sample_verdicts(api: &'static Api, ep: &'static Endpoint, f: impl FnMut(Result<Vec<Violation>, eval::PayloadError>)) {
    sample_verdicts_n(api, ep, 300, f);
}

/// [`sample_verdicts`] over `n` cases (rules deep in a body need more to be reached).
fn sample_verdicts_n(api: &'static Api, ep: &'static Endpoint, n: usize, mut f: impl FnMut(Result<Vec<Violation>, eval::PayloadError>)) {
    let plan: &'static EndpointPlan = Box::leak(Box::new(plan::endpoint(api, ep)));
    let strategy = Gen { api, ep }.case(plan);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..n {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let case = tree.current();
        let verdict = eval::evaluate(api, ep, plan, &case.payload, case.current.as_ref(), case.settings.as_ref());
        f(verdict);
    }
}

/// A recorded JSON:API payload of a discriminated union reads as the variant its tag
/// names, with its siblings, and writes back to the same bytes; the tag decides, and a
/// value whose tag names no variant is kept as sent.
#[test]
fn a_discriminated_union_round_trips_a_recorded_payload() {
    use discriminated_union_spec::discriminated_union::update_party::UpdatePartyRequest;
    use discriminated_union_spec::discriminated_union::{PartyDataAttributes, PartyType};
    let recorded =
        r#"{"data":{"id":"p_1","type":"businesses","attributes":{"legalName":"Acme","taxId":"123456789","address":{"country":"US"}}}}"#;
    let r: UpdatePartyRequest = serde_json::from_str(recorded).unwrap();
    let data = r.data.as_ref().unwrap();
    assert_eq!(data.r#type, Some(PartyType::Businesses));
    match &data.attributes {
        Some(PartyDataAttributes::Businesses(b)) => assert_eq!(b.legal_name.as_deref(), Some("Acme")),
        other => panic!("not a business: {other:?}"),
    }
    assert_eq!(serde_json::to_string(&r).unwrap(), recorded);
    // The same members under another tag are read as that tag's object, which refuses them.
    let wrong = recorded.replace(r#""type":"businesses""#, r#""type":"individuals""#);
    assert!(serde_json::from_str::<UpdatePartyRequest>(&wrong).is_err());
    // A tag naming no variant keeps the value as sent, and so does a missing tag.
    let untagged = r#"{"data":{"id":"p_1","type":"trusts","attributes":{"trustee":"Bob"}}}"#;
    let r: UpdatePartyRequest = serde_json::from_str(untagged).unwrap();
    assert!(matches!(
        &r.data.as_ref().unwrap().attributes,
        Some(PartyDataAttributes::Untagged(_))
    ));
    assert_eq!(serde_json::to_string(&r).unwrap(), untagged);
    assert_eq!(PartyDataAttributes::Untagged(serde_json::json!({})).tag(), None);
    assert!(!r.is_valid_with(None, None));
}

/// Cases of the versions feature send versioned enum values as the items of an array and
/// the values of a map outside their versions (#17): the item checks are reached by both
/// back ends, not only the field's own.
#[test]
fn generated_cases_reach_versioned_enum_items() {
    let (api, ep) = versions_spec().endpoint("versions::update_subscription").unwrap();
    let (mut items, mut entries) = (false, false);
    sample_verdicts(api, ep, |verdict| {
        for v in verdict.into_iter().flatten() {
            if v.rule.as_str() == "version" {
                items |= v.path.starts_with("history[");
                entries |= v.path.starts_with("byRegion.");
            }
        }
    });
    assert!(items, "no generated case sends an array item outside its versions");
    assert!(entries, "no generated case sends a map value outside its versions");
}

/// Cases of the clearing feature's endpoints clear, break the clearing rules, and send
/// `null` where it does not clear (refused by both back ends).
#[test]
fn generated_cases_clear_fields() {
    use std::collections::BTreeSet;
    let (mut rules, mut refused) = (BTreeSet::new(), BTreeSet::new());
    for name in ["clearing::update_profile", "clearing::update_card"] {
        let (api, ep) = clearing_spec().endpoint(name).unwrap();
        sample_verdicts(api, ep, |verdict| match verdict {
            Ok(v) => rules.extend(v.iter().map(|x| x.rule.as_str())),
            Err(e) => {
                refused.insert(e.rule().as_str());
            }
        });
    }
    for rule in ["clear_set_once", "clear_identifying", "clear_required"] {
        assert!(rules.contains(rule), "no generated case breaks `{rule}`: {rules:?}");
    }
    assert!(refused.contains("not_clearable"), "{refused:?}");
}

/// The generator reaches the interesting verdicts: without this, agreement could come
/// from payloads that are all refused or all valid.
#[test]
fn generated_cases_cover_the_rules() {
    use std::collections::BTreeSet;
    let mut rules = BTreeSet::new();
    let mut refused = BTreeSet::new();
    let (mut arrays, mut typos) = (BTreeSet::new(), BTreeSet::new());
    for name in [
        "banking::update_customer",
        "banking::update_account",
        "payments::update_identity",
        "helix::update_customer",
    ] {
        let (api, ep) = endpoint(name);
        sample_verdicts(api, ep, |verdict| match verdict {
            Ok(v) => rules.extend(v.iter().map(|x| x.rule.as_str())),
            Err(e) => {
                refused.insert((e.part.to_string(), e.rule().as_str()));
                if e.path.is_empty() && e.message().contains("found an array") {
                    arrays.insert(e.part.to_string());
                }
                if e.message().contains("did you mean") {
                    typos.insert(e.part.to_string());
                }
            }
        });
    }
    for part in ["payload", "current resource", "settings"] {
        assert!(arrays.contains(part), "no generated {part} is an array: {arrays:?}");
    }
    for part in ["current resource", "settings"] {
        assert!(typos.contains(part), "no generated {part} has a misspelt member: {typos:?}");
    }
    for rule in [
        "format",
        "enum",
        "max_length",
        "after",
        "pattern",
        "required",
        "unique_by",
        "check",
        "set_once",
        "identifying",
        "conditional",
        "discriminator_mismatch",
        "locked_by_setting",
        "locked_by_verification",
    ] {
        assert!(rules.contains(rule), "no generated case breaks `{rule}`: {rules:?}");
    }
    for part in ["payload", "current resource", "settings"] {
        assert!(
            refused.iter().any(|(p, _)| p == part),
            "no generated {part} is refused: {refused:?}"
        );
    }
    assert!(rules.contains("not_updatable"), "{rules:?}");
}

/// JSON text the two back ends read alike: a repeated key in any map field (at any
/// depth the model reaches) and an array in place of the request object are refused by
/// the generated types and by `mutaspec validate`'s reader and evaluator; the same text
/// with distinct keys is accepted by both.
#[test]
fn repeated_keys_and_arrays_are_refused_by_both() {
    use mutaspec_generated::{banking, helix, payments};
    type Parse = fn(&str) -> Result<(), String>;
    fn parse<T: DeserializeOwned>(text: &str) -> Result<(), String> {
        serde_json::from_str::<T>(text).map(|_| ()).map_err(|e| e.to_string())
    }
    let endpoints: [(&str, Parse); 4] = [
        ("banking::update_customer", parse::<banking::update_customer::UpdateCustomerRequest>),
        ("banking::update_account", parse::<banking::update_account::UpdateAccountRequest>),
        (
            "payments::update_identity",
            parse::<payments::update_identity::UpdateIdentityRequest>,
        ),
        ("helix::update_customer", parse::<helix::update_customer::UpdateCustomerRequest>),
    ];
    let mut maps = 0;
    for (name, generated) in endpoints {
        let (api, ep) = endpoint(name);
        let plan = plan::endpoint(api, ep);
        let evaluator = |text: &str| -> Result<Vec<Violation>, String> {
            let v = eval::json::parse(text).map_err(|e| e.to_string())?;
            eval::evaluate(api, ep, &plan, &v, None, None).map_err(|e| e.to_string())
        };
        for text in ["[]", r#"["PERSON", "Jane"]"#, "[{}]", "null", "1"] {
            let g = generated(text).expect_err(text);
            assert!(g.contains("expected a JSON object"), "{name}: {text}: {g}");
            let e = evaluator(text).expect_err(text);
            assert!(e.contains("expected an object"), "{name}: {text}: {e}");
        }
        for (dup, distinct) in map_texts(api, ep, &ep.body, 0) {
            maps += 1;
            let g = generated(&dup).expect_err(&dup);
            assert!(g.contains("repeats key `k`"), "{name}: {dup}: {g}");
            let e = evaluator(&dup).expect_err(&dup);
            assert!(e.contains("repeats member `k`"), "{name}: {dup}: {e}");
            assert_eq!(generated(&distinct), Ok(()), "{name}: {distinct}");
            assert!(evaluator(&distinct).is_ok(), "{name}: {distinct}: {:?}", evaluator(&distinct));
        }
    }
    // metaData, tags (at the root and in `entity`), the account's maps.
    assert!(maps >= 4, "only {maps} map fields reached");
}

/// For each map field reachable from `o` (through objects and arrays): a payload text
/// where the map repeats key `k`, and the same with two distinct keys.
fn map_texts(api: &Api, ep: &Endpoint, o: &Object, depth: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if depth > 4 {
        return out;
    }
    for f in o.fields.iter().filter(|f| f.sendable()) {
        let Some(ty) = &f.ty else { continue };
        let wrap = |inner: String| format!(r#"{{"{}": {inner}}}"#, f.wire);
        let mut ty = ty;
        let mut arrays = 0;
        while let Ty::List(i) = ty {
            ty = i;
            arrays += 1;
        }
        let nest = |inner: String| wrap(format!("{}{inner}{}", "[".repeat(arrays), "]".repeat(arrays)));
        match ty {
            Ty::Map(item) => {
                let v = sample(api, ep, item);
                out.push((
                    nest(format!(r#"{{"k": {v}, "k": {v}}}"#)),
                    nest(format!(r#"{{"k": {v}, "j": {v}}}"#)),
                ));
            }
            Ty::Named(n) => {
                if let Some(TypeKind::Object(inner)) = api.find_type(Some(ep), n).map(|t| &t.kind) {
                    for (dup, distinct) in map_texts(api, ep, inner, depth + 1) {
                        out.push((nest(dup), nest(distinct)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// A JSON value of type `ty` that deserializes.
fn sample(api: &Api, ep: &Endpoint, ty: &Ty) -> String {
    match ty {
        Ty::Integer | Ty::Unsigned => "1".into(),
        Ty::Number => "1.5".into(),
        Ty::Boolean => "true".into(),
        Ty::Date => r#""2024-01-01""#.into(),
        Ty::DateTime => r#""2024-01-01T00:00:00Z""#.into(),
        Ty::List(_) => "[]".into(),
        Ty::Map(_) => "{}".into(),
        Ty::Named(n) => match api.find_type(Some(ep), n).map(|t| &t.kind) {
            Some(TypeKind::Enum(e)) => format!(r#""{}""#, e.values[0].wire),
            _ => "{}".into(),
        },
        Ty::String | Ty::Decimal | Ty::OrId(_) => r#""x""#.into(),
        Ty::Json | Ty::Tagged(_) => "{}".into(),
    }
}

/// Cases of the feature specs reach the rules of their capabilities: agreement on
/// them is not agreement on payloads that never get that far.
#[test]
fn generated_cases_reach_the_feature_rules() {
    use std::collections::BTreeSet;
    type Feature = (fn() -> &'static Spec, &'static [&'static str]);
    let specs: [Feature; 11] = [
        (nested_rules_spec, &["nested_rules::update_account", "nested_rules::update_profile"]),
        (
            state_at_depth_spec,
            &["state_at_depth::update_subscription", "state_at_depth::update_wallet"],
        ),
        (state_spec, &["state::update_customer", "state::update_merchant"]),
        (transitions_spec, &["transitions::update_card"]),
        (
            cross_field_spec,
            &[
                "cross_field::update_allocation",
                "cross_field::update_contact",
                "cross_field::update_profile",
                "cross_field::update_shipment",
                "cross_field::update_order",
            ],
        ),
        (open_objects_spec, &["open_objects::update_product"]),
        (ignored_fields_spec, &["ignored_fields::update_account"]),
        (unions_spec, &["unions::update_invoice"]),
        (json_values_spec, &["json_values::update_order"]),
        (versions_spec, &["versions::update_subscription"]),
        (discriminated_union_spec, &["discriminated_union::update_party"]),
    ];
    let mut rules = BTreeSet::new();
    // The rules broken below the top level of the body, with how they are reached: in
    // a nested object (`data.`), a keyed array item (`cards[`), a map value (`map`:
    // `accounts` or `spare`, of one value type).
    let mut nested = BTreeSet::new();
    for (spec, names) in specs {
        for name in names {
            let (api, ep) = spec().endpoint(name).unwrap();
            // Three objects deep, a rule needs the payload and the snapshot both to
            // reach it: more cases.
            let deep = name.starts_with("state_at_depth::");
            sample_verdicts_n(api, ep, if deep { 6_000 } else { 300 }, |verdict| {
                if let Ok(v) = verdict {
                    rules.extend(v.iter().map(|x| x.rule.as_str()));
                    if deep {
                        for x in &v {
                            let via = [("data.", "data."), ("cards[", "cards["), ("accounts.", "map"), ("spare.", "map")]
                                .into_iter()
                                .find(|(p, _)| x.path.starts_with(p));
                            if let Some((_, via)) = via {
                                nested.insert((via, x.rule.as_str()));
                            }
                        }
                    }
                }
            });
        }
    }
    let want: &[(&str, &[&str])] = &[
        (
            "data.",
            &[
                "state_condition",
                "transition",
                "terminal_state",
                "provider_only",
                "increase_only",
                "decrease_only",
                "append_only",
                "set_once_keys",
                "max_length",
            ],
        ),
        ("cards[", &["state_condition", "provider_only", "increase_only"]),
        (
            "map",
            &[
                "identifying",
                "set_once",
                "transition",
                "terminal_state",
                "discriminator_mismatch",
                "conditional",
                "state_condition",
                "append_only",
            ],
        ),
    ];
    for (via, rs) in want {
        for rule in *rs {
            assert!(
                nested.contains(&(*via, *rule)),
                "no generated case of state-at-depth breaks `{rule}` below `{via}`: {nested:?}"
            );
        }
    }
    for rule in [
        "set_once",
        "identifying",
        "conditional",
        "state_condition",
        "transition",
        "terminal_state",
        "provider_only",
        "increase_only",
        "decrease_only",
        "append_only",
        "set_once_keys",
        "conflicts",
        "exactly_one_of",
        "at_least_one_of",
        "required_together",
        "required_with",
        "required_if",
        "check",
        "max_depth",
        "max_bytes",
        "version",
        "union_tag_missing",
        "union_tag_unknown",
    ] {
        assert!(
            rules.contains(rule),
            "no generated case of the feature specs breaks `{rule}`: {rules:?}"
        );
    }
}

/// The side effects of generated cases of the side-effects feature (effects that apply
/// only in some states of the current resource): the evaluator's (`mutaspec validate`'s
/// `effects`) are the generated `side_effects_with(&current)`'s, or `side_effects()`'s
/// without a snapshot, and the cases reach a state-conditioned effect both left out and
/// reported.
#[test]
fn side_effects_agree_with_the_evaluator() {
    use side_effects_spec::side_effects::update_merchant::{UpdateMerchantCurrent, UpdateMerchantRequest};
    use std::collections::BTreeSet;
    let (api, ep) = side_effects_spec().endpoint("side_effects::update_merchant").unwrap();
    let plan: &'static EndpointPlan = Box::leak(Box::new(plan::endpoint(api, ep)));
    let strategy = Gen { api, ep }.case(plan);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let outcomes = std::cell::RefCell::new(BTreeSet::new());
    let result = runner.run(&strategy, |case| {
        let Ok(ev) = eval::Evaluator::new(api, ep, plan, case.current.as_ref(), case.settings.as_ref()) else {
            return Ok(());
        };
        let Ok(want) = ev.side_effects(&case.payload) else { return Ok(()) };
        let Ok(request) = serde_json::from_value::<UpdateMerchantRequest>(case.payload.clone()) else {
            return Ok(());
        };
        let got = match &case.current {
            None => request.side_effects(),
            Some(c) => match serde_json::from_value::<UpdateMerchantCurrent>(c.clone()) {
                Ok(c) => request.side_effects_with(&c),
                Err(_) => return Ok(()),
            },
        };
        let got: Vec<String> = got.iter().map(ToString::to_string).collect();
        prop_assert_eq!(&got, &want, "{:?}", case);
        let sends = case.payload.get("businessName").is_some_and(|v| !v.is_null());
        if sends {
            outcomes.borrow_mut().insert(want.iter().any(|e| e == "reverification"));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("side effects: the generated request and the evaluator disagree: {e}");
    }
    assert_eq!(
        outcomes.into_inner(),
        BTreeSet::from([false, true]),
        "the generated cases never leave out, or never report, the state-conditioned effect"
    );
}

/// The checks generated cases leave unmade for an unknown state (a snapshot without
/// the field they read, or none): the evaluator's `unchecked` are the generated
/// `unchecked(current, settings)`'s, on the endpoints with state conditions, a
/// `current:` discriminator and transitions; and the cases reach both some and none.
fn unchecked_agree<R: DeserializeOwned, C: DeserializeOwned, S: DeserializeOwned>(
    spec: &'static Spec,
    name: &str,
    generated: fn(&R, Option<&C>, Option<&S>) -> Vec<mutaspec_runtime::Unchecked>,
) {
    use std::collections::BTreeSet;
    let (api, ep) = spec.endpoint(name).unwrap();
    let plan: &'static EndpointPlan = Box::leak(Box::new(plan::endpoint(api, ep)));
    let strategy = Gen { api, ep }.case(plan);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    let seen = std::cell::RefCell::new(BTreeSet::new());
    let result = runner.run(&strategy, |case| {
        let Ok(ev) = eval::Evaluator::new(api, ep, plan, case.current.as_ref(), case.settings.as_ref()) else {
            return Ok(());
        };
        let Ok(want) = ev.unchecked(&case.payload) else { return Ok(()) };
        let Ok(request) = serde_json::from_value::<R>(case.payload.clone()) else {
            return Ok(());
        };
        let current = match case.current.clone().map(serde_json::from_value::<C>).transpose() {
            Ok(c) => c,
            Err(_) => return Ok(()),
        };
        let settings = match case.settings.clone().map(serde_json::from_value::<S>).transpose() {
            Ok(s) => s,
            Err(_) => return Ok(()),
        };
        let got: Vec<(String, &str, &str)> = generated(&request, current.as_ref(), settings.as_ref())
            .iter()
            .map(|u| (u.path.clone(), u.rule.as_str(), u.reads))
            .collect();
        let want: Vec<(String, &str, &str)> = want.iter().map(|u| (u.path.clone(), u.rule.as_str(), u.reads.as_str())).collect();
        prop_assert_eq!(&got, &want, "{:?}", case);
        seen.borrow_mut().insert(want.is_empty());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: unchecked: the generated request and the evaluator disagree: {e}");
    }
    assert_eq!(
        seen.into_inner(),
        BTreeSet::from([false, true]),
        "{name}: the cases never, or always, leave a check unmade"
    );
}

#[test]
fn unchecked_agree_with_the_evaluator() {
    use state_spec::state::{update_customer as sc, update_merchant as sm, ProgramSettings as SS};
    use unknown_state_spec::unknown_state::{update_customer as uc, ProgramSettings as US};
    unchecked_agree::<sc::UpdateCustomerRequest, sc::UpdateCustomerCurrent, SS>(
        state_spec(),
        "state::update_customer",
        sc::UpdateCustomerRequest::unchecked,
    );
    unchecked_agree::<sm::UpdateMerchantRequest, sm::UpdateMerchantCurrent, SS>(
        state_spec(),
        "state::update_merchant",
        sm::UpdateMerchantRequest::unchecked,
    );
    unchecked_agree::<uc::UpdateCustomerRequest, uc::UpdateCustomerCurrent, US>(
        unknown_state_spec(),
        "unknown_state::update_customer",
        uc::UpdateCustomerRequest::unchecked,
    );
}
