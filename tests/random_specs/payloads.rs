//! Random JSON cases (payload, current snapshot, settings) for an endpoint, drawn from
//! its resolved model: each field absent, `null`, a value around its constraints
//! (lengths, bounds, formats, patterns, dates, enum values known and unknown), or rarely
//! a value of the wrong JSON type, a not-updatable attribute or an unknown member.

use mutaspec_core::model::{Api, Constrained, ConstraintKind, Endpoint, Field, Format, Object, Ty, TypeKind, UpdateRule};
use mutaspec_core::plan::EndpointPlan;
use serde_json::{json, Map, Value};

use super::gen::Rng;

const MAX_DEPTH: usize = 5;

pub struct Case {
    pub payload: Value,
    pub current: Option<Value>,
    pub settings: Option<Value>,
}

pub struct Draw<'a> {
    pub api: &'a Api,
    pub ep: &'a Endpoint,
    pub rng: &'a mut Rng,
}

impl Draw<'_> {
    pub fn case(&mut self, plan: &EndpointPlan) -> Case {
        let payload = self.object(&self.ep.body, 0);
        let current = self.rng.pct(75).then(|| {
            let mut m = Map::new();
            for mutaspec_core::plan::CurrentField { wire, ty, .. } in &plan.current {
                let f = self.ep.body.field(wire);
                match self.rng.below(100) {
                    0..=29 => {}
                    30..=34 => {
                        m.insert(wire.clone(), Value::Null);
                    }
                    35..=97 => {
                        let v = self.value(f, ty, 1);
                        m.insert(wire.clone(), v);
                    }
                    _ => {
                        m.insert(wire.clone(), odd(self.rng));
                    }
                }
            }
            if self.rng.pct(10) {
                m.insert("notInTheSnapshot".to_owned(), json!([1]));
            }
            Value::Object(m)
        });
        let settings = self.rng.pct(75).then(|| {
            let mut m = Map::new();
            for s in &self.api.settings {
                match self.rng.below(100) {
                    0..=39 => {}
                    40..=97 => {
                        m.insert(s.name.clone(), Value::Bool(self.rng.pct(50)));
                    }
                    _ => {
                        m.insert(s.name.clone(), odd(self.rng));
                    }
                }
            }
            Value::Object(m)
        });
        Case {
            payload,
            current,
            settings,
        }
    }

    fn object(&mut self, o: &Object, depth: usize) -> Value {
        let mut m = Map::new();
        for f in &o.fields {
            let sendable = f.rule != UpdateRule::NotUpdatable && !f.output_only;
            match (&f.ty, sendable) {
                (Some(ty), true) if depth < MAX_DEPTH => match self.rng.below(100) {
                    0..=44 => {}
                    45..=49 => {
                        m.insert(f.wire.clone(), Value::Null);
                    }
                    50..=96 => {
                        let v = self.value(Some(f), ty, depth);
                        // Now and then under an alias: both back ends read it as the field.
                        let key = match f.aliases.first() {
                            Some(a) if self.rng.pct(30) => a.clone(),
                            _ => f.wire.clone(),
                        };
                        m.insert(key, v);
                    }
                    _ => {
                        m.insert(f.wire.clone(), odd(self.rng));
                    }
                },
                (_, false) if self.rng.pct(3) => {
                    m.insert(f.wire.clone(), odd(self.rng));
                }
                _ => {}
            }
        }
        if self.rng.pct(3) {
            m.insert("zzUnknownMember".to_owned(), json!(1));
        }
        Value::Object(m)
    }

    fn value(&mut self, f: Option<&Field>, ty: &Ty, depth: usize) -> Value {
        let constraints: Vec<&ConstraintKind> = f.map(|f| f.constraints.iter().map(|c| &c.kind).collect()).unwrap_or_default();
        match ty {
            Ty::String => Value::String(self.string(&constraints)),
            Ty::Decimal => {
                let mut pool: Vec<String> = ["1050", "10.50", "-1", "0", "1e5", "abc", "", "1,000", " 1", "99999.99", "100.001"]
                    .map(String::from)
                    .to_vec();
                pool.extend(bounds(&constraints));
                Value::String(self.rng.pick(&pool).clone())
            }
            Ty::Date => {
                let pool = [
                    "2024-02-29",
                    "2023-02-29",
                    "1985-06-15",
                    "1900-01-01",
                    "1900-01-02",
                    "1899-12-31",
                    "2100-12-31",
                    "2101-01-01",
                    "06/15/1985",
                    "x",
                ];
                json!(self.rng.pick(&pool))
            }
            Ty::DateTime => {
                let pool = [
                    "2024-01-01T00:00:00Z",
                    "2024-01-01T00:00:00.000+00:00",
                    "1900-01-01T00:00:00Z",
                    "1899-12-31T23:59:59Z",
                    "2100-01-01T00:00:00Z",
                    "2024-01-01",
                    "2024-13-01T00:00:00Z",
                    "soon",
                ];
                json!(self.rng.pick(&pool))
            }
            Ty::Unsigned => {
                let mut pool = vec![
                    json!(0),
                    json!(1),
                    json!(-1),
                    json!(1000),
                    json!(i64::MAX as u64 + 1),
                    json!(u64::MAX),
                ];
                for b in bounds(&constraints) {
                    if let Ok(n) = b.parse::<u64>() {
                        pool.extend([json!(n), json!(n.saturating_sub(1)), json!(n.saturating_add(1))]);
                    }
                }
                self.rng.pick(&pool).clone()
            }
            Ty::Integer => {
                let mut pool = vec![
                    json!(0),
                    json!(1),
                    json!(-1),
                    json!(5),
                    json!(-6),
                    json!(1000),
                    json!(i64::MAX),
                    json!(i64::MIN),
                ];
                for b in bounds(&constraints) {
                    if let Ok(n) = b.parse::<i64>() {
                        pool.extend([json!(n), json!(n.saturating_sub(1)), json!(n.saturating_add(1))]);
                    }
                }
                self.rng.pick(&pool).clone()
            }
            Ty::Number => {
                let mut pool = vec![
                    json!(0.0),
                    json!(1.5),
                    json!(-2),
                    json!(1e300),
                    json!(10),
                    json!(0.01),
                    json!(100.5),
                ];
                for b in bounds(&constraints) {
                    if let Ok(n) = b.parse::<f64>() {
                        pool.extend([json!(n), json!(n - 0.5), json!(n + 0.5)]);
                    }
                }
                self.rng.pick(&pool).clone()
            }
            Ty::Boolean => Value::Bool(self.rng.pct(50)),
            Ty::Named(n) => match self.api.find_type(Some(self.ep), n).map(|t| &t.kind) {
                Some(TypeKind::Object(o)) => self.object(o, depth + 1),
                Some(TypeKind::Enum(e)) => {
                    let mut pool: Vec<String> = e.values.iter().map(|v| v.wire.clone()).collect();
                    pool.extend(["Unknown".to_owned(), String::new()]);
                    Value::String(self.rng.pick(&pool).clone())
                }
                None => Value::Null,
            },
            Ty::Json => {
                let pool = [
                    json!(null),
                    json!(1),
                    json!("x"),
                    json!([]),
                    json!({}),
                    json!({ "a": [1, { "b": null }] }),
                    json!([[[["deep"]]]]),
                    json!({ "note": "0123456789012345678901234567890123456789012345678901234567890123456789" }),
                ];
                self.rng.pick(&pool).clone()
            }
            // Random specs declare no discriminated union; any variant's object if one did.
            Ty::Tagged(t) => match t.variants.first() {
                Some(v) => self.value(f, &Ty::Named(v.ty.clone()), depth),
                None => json!({}),
            },
            Ty::OrId(n) => {
                if self.rng.pct(50) {
                    Value::String(self.string(&constraints))
                } else {
                    self.value(f, &Ty::Named(n.clone()), depth)
                }
            }
            Ty::List(item) => {
                let n = if depth >= MAX_DEPTH { 0 } else { self.rng.below(4) };
                let mut v: Vec<Value> = (0..n).map(|_| self.value(f, item, depth + 1)).collect();
                // Repeat an item now and then: `unique_by` must see duplicates.
                if !v.is_empty() && self.rng.pct(20) {
                    v.push(v[0].clone());
                }
                Value::Array(v)
            }
            Ty::Map(item) => {
                let n = if depth >= MAX_DEPTH { 0 } else { self.rng.below(4) };
                let keys = map_keys(f);
                let mut m = Map::new();
                for _ in 0..n {
                    let k = self.rng.pick(&keys).clone();
                    let v = self.value(f, item, depth + 1);
                    m.insert(k, v);
                }
                Value::Object(m)
            }
        }
    }

    fn string(&mut self, constraints: &[&ConstraintKind]) -> String {
        let mut pool: Vec<String> = ["", "a", "Ann Lee", "1 Main St", "Zoë", "US", "12345", "\u{202e}x", "\0"]
            .map(String::from)
            .to_vec();
        pool.push("A".repeat(80));
        for c in constraints {
            match c {
                ConstraintKind::Format(f) => pool.extend(format_values(*f).iter().map(|s| (*s).to_owned())),
                ConstraintKind::MinLength(n) | ConstraintKind::MaxLength(n) => {
                    let n = usize::try_from(*n).unwrap_or(0).min(300);
                    pool.extend([n.saturating_sub(1), n, n + 1].map(|k| "é".repeat(k)));
                }
                ConstraintKind::Check(_) => pool.extend(["PO Box 12", "P.O. Box 9", "post office box 3", "Box Hill Rd"].map(String::from)),
                ConstraintKind::Pattern(_) => pool.extend(
                    [
                        "5152221212",
                        "IDabcdefghijklmnopqr",
                        "AB",
                        "abc",
                        "x",
                        "123-4567",
                        "b",
                        "ac",
                        "abbbcc",
                        "US",
                        "12345-6789",
                        "12345-678",
                        "INV-000123",
                        "DRAFT",
                        "CRN-12",
                        "ababcd",
                        "abd",
                        "<b>",
                        "abcb.",
                        "bcc",
                    ]
                    .map(String::from),
                ),
                _ => {}
            }
        }
        self.rng.pick(&pool).clone()
    }
}

/// Keys for a map: a common pool, and keys around each of the field's key constraints.
fn map_keys(f: Option<&Field>) -> Vec<String> {
    let mut keys: Vec<String> = ["a", "b", "vip customer", "x-y", "", "ünï"].map(String::from).to_vec();
    for c in f.into_iter().flat_map(|f| &f.constraints).filter(|c| c.on == Constrained::Keys) {
        match &c.kind {
            ConstraintKind::MinLength(n) | ConstraintKind::MaxLength(n) => {
                let n = usize::try_from(*n).unwrap_or(0).min(100);
                keys.extend([n.saturating_sub(1), n, n + 1].map(|k| "ké".repeat(k / 2) + &"k".repeat(k % 2)));
            }
            ConstraintKind::Pattern(_) => keys.extend(["abc", "AB", "x", "123-4567", "ac"].map(String::from)),
            _ => {}
        }
    }
    keys
}

fn bounds(constraints: &[&ConstraintKind]) -> Vec<String> {
    constraints
        .iter()
        .filter_map(|c| match c {
            ConstraintKind::Min(b) | ConstraintKind::Max(b) => Some(b.clone()),
            _ => None,
        })
        .collect()
}

/// A value of some JSON type, often the wrong one.
fn odd(rng: &mut Rng) -> Value {
    let pool = [
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
    ];
    rng.pick(&pool).clone()
}

/// Values a field of format `f` is sent: valid ones and near misses.
fn format_values(f: Format) -> &'static [&'static str] {
    match f {
        Format::Email => &[
            "ann@example.com",
            "ann.example.com",
            "@example.com",
            "a@b",
            "a..b@example.com",
            "\"a b\"@example.com",
        ],
        Format::CountryAlpha2 | Format::CountryAlpha3 => &["US", "us", "USA", "DEU", "XX"],
        Format::Uuid => &[
            "2eb8aa08-aa98-11ea-b4aa-73b441d16380",
            "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
            "2eb8aa08aa9811eab4aa73b441d16380",
        ],
        Format::Uri | Format::Url => &[
            "https://example.com/a?b#c",
            "mailto:ann@example.com",
            "/relative",
            "http://a b/",
            "ftp://x.org/",
        ],
        Format::Ipv4 | Format::Ipv6 => &["192.168.0.1", "192.168.0.01", "::1", "2001:db8::1", "1::2::3", "::ffff:1.2.3.4"],
        Format::E164 => &["+14155550123", "14155550123", "+1 415 555 0123", "+0123"],
        Format::Currency => &["USD", "usd", "EUR", "HRK", "XXX"],
    }
}
