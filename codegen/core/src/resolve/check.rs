//! Relational checks over the whole resolved model. Each `check_*` states one rule.
//!
//! They run once every type is resolved, so a field can be related to its siblings, its
//! items' fields, the API's settings, effects and error catalogue.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::Sources;
use crate::diag::{did_you_mean, Diagnostics, Label, Loc};
use crate::model::{
    snapshot_name, Api, ConstraintKind, Endpoint, Field, GroupKind, Member, Object, StateCondition, Ty, TypeDef, TypeKind, UpdateRule,
};
use crate::source::KeySeg;

/// Runs every check over one API.
pub(super) fn run(api: &Api, sources: &Sources, diags: &mut Diagnostics) {
    {
        let mut cx = Checker {
            api,
            endpoint: None,
            sources,
            diags,
            codes_used: BTreeMap::new(),
        };
        cx.check_type_names(&api.types, &[]);
        cx.check_reserved_names(spec_reserved(api));
        for t in &api.types {
            cx.check_type(t);
        }
        for ep in &api.endpoints {
            cx.endpoint = Some(ep);
            cx.check_type_names(&ep.types, &api.types);
            for t in &ep.types {
                cx.check_type(t);
            }
            cx.check_object(&ep.body);
            cx.check_current_fields(ep);
            cx.check_rules_reach_current(ep);
            cx.check_response(ep);
        }
        cx.endpoint = None;
        cx.check_settings();
        cx.check_catalog_coverage();
    }
}

struct Checker<'a, 'd> {
    api: &'a Api,
    endpoint: Option<&'a Endpoint>,
    sources: &'a Sources,
    diags: &'d mut Diagnostics,
    /// Error codes referenced by rules, with the first place that does.
    codes_used: BTreeMap<u32, Loc>,
}

impl<'a> Checker<'a, '_> {
    /// The location of a sub-path's value of a spec element.
    fn loc(&self, base: &Loc, yaml: &[KeySeg], tail: &[&str]) -> Loc {
        self.locate(base, yaml, tail, false)
    }

    /// The location of a sub-path's key of a spec element (for "this name is wrong").
    fn key_loc(&self, base: &Loc, yaml: &[KeySeg], tail: &[&str]) -> Loc {
        self.locate(base, yaml, tail, true)
    }

    fn locate(&self, base: &Loc, yaml: &[KeySeg], tail: &[&str], key: bool) -> Loc {
        let Some(src) = self.sources.get(&base.file) else {
            return base.clone();
        };
        let mut p = yaml.to_vec();
        p.extend(tail.iter().map(|s| KeySeg::Key((*s).to_owned())));
        if key {
            src.key_loc(&p)
        } else {
            src.value_loc(&p)
        }
    }

    fn find_type(&self, name: &str) -> Option<&'a TypeDef> {
        self.api.find_type(self.endpoint, name)
    }

    fn object_of(&self, ty: &Ty) -> Option<&'a Object> {
        match ty {
            Ty::Named(n) => match &self.find_type(n)?.kind {
                TypeKind::Object(o) => Some(o),
                TypeKind::Enum(_) => None,
            },
            _ => None,
        }
    }

    /// Whether a field's type failed to resolve (no type, or a named type that is not in
    /// the model): an error is reported already, and checks that need the type skip it.
    fn unresolved(&self, f: &Field) -> bool {
        match f.ty.as_ref().map(Ty::element) {
            None => f.rule != UpdateRule::NotUpdatable,
            Some(Ty::Named(n)) => self.find_type(n).is_none(),
            Some(_) => false,
        }
    }

    fn enum_values(&self, ty: Option<&Ty>) -> Option<Vec<&'a str>> {
        let Some(Ty::Named(n)) = ty else { return None };
        match &self.find_type(n)?.kind {
            TypeKind::Enum(e) => Some(e.values.iter().map(|v| v.wire.as_str()).collect()),
            TypeKind::Object(_) => None,
        }
    }

    /// Whether a condition's value, written as text, can be compared with a field of this
    /// type: the generated code compares the field's text (`as_str`).
    fn compares_as_text(&self, ty: Option<&Ty>) -> bool {
        match ty {
            Some(Ty::String | Ty::Decimal | Ty::Date | Ty::DateTime) => true,
            Some(Ty::Named(_)) => self.enum_values(ty).is_some(),
            _ => false,
        }
    }

    /// A type cannot take a name the generated code defines or relies on: it would be a
    /// duplicate definition or shadow a prelude name, a broken build instead of an error.
    fn check_reserved_names(&mut self, reserved: Vec<(String, String)>) {
        let api = self.api;
        // By name, the first reason of each: one look-up per type (a scan of the list per
        // type grows with the square of the endpoints).
        let mut reasons: HashMap<&str, &str> = HashMap::with_capacity(reserved.len());
        for (name, why) in &reserved {
            reasons.entry(name).or_insert(why);
        }
        let all = api.types.iter().chain(api.endpoints.iter().flat_map(|e| e.types.iter()));
        for t in all {
            if let Some(why) = reasons.get(t.name.as_str()) {
                let hint = if t.inline {
                    "name the inline type with `name: <OtherName>`"
                } else {
                    "rename the type"
                };
                self.diags.error(
                    "reserved-name",
                    t.loc.clone(),
                    format!("type name `{}` is taken: {why}", t.name),
                    hint,
                );
            }
        }
    }

    /// Two types of one module cannot share a Rust name (named, inline, or shared ones
    /// an endpoint module sees).
    fn check_type_names(&mut self, types: &[TypeDef], outer: &[TypeDef]) {
        let mut seen: BTreeMap<&str, &Loc> = BTreeMap::new();
        for t in outer {
            seen.insert(&t.name, &t.loc);
        }
        for t in types {
            if let Some(first) = seen.get(t.name.as_str()) {
                let hint = if t.inline {
                    "name the inline type with `name: <UniqueName>`"
                } else {
                    "rename one of the two types"
                };
                self.diags.error(
                    "name-collision",
                    t.loc.clone(),
                    format!("two types are named `{}` (the other at {first})", t.name),
                    hint,
                );
            } else {
                seen.insert(&t.name, &t.loc);
            }
        }
    }

    fn check_type(&mut self, t: &TypeDef) {
        match &t.kind {
            TypeKind::Object(o) => self.check_object(o),
            // An inline enum's code is checked with the field that declares it.
            TypeKind::Enum(e) if !t.inline => {
                if let Some(code) = e.error {
                    let at = self.loc(&t.loc, &crate::path!["types", t.name.as_str()], &["error"]);
                    self.use_code(code, &at);
                }
            }
            TypeKind::Enum(_) => {}
        }
        if let (TypeKind::Enum(e), false) = (&t.kind, t.inline) {
            let yaml = crate::path!["types", t.name.as_str()];
            for v in &e.values {
                self.check_availability(&v.available, &t.loc, &yaml, &["available", v.wire.as_str()]);
            }
        }
    }

    fn check_object(&mut self, o: &Object) {
        for f in &o.fields {
            self.check_inline_enum_code(f);
            self.check_conditional(o, f);
            self.check_item_key(f);
            self.check_locks(f);
            self.check_constraints(o, f);
            self.check_effects(f);
            self.check_states(o, f);
            self.check_transitions(f);
            self.check_pattern(f);
            self.check_or_id(f);
            self.check_tagged(o, f);
            let (loc, yaml) = (f.loc.clone(), f.yaml.clone());
            self.check_availability(&f.available, &loc, &yaml, &[]);
            // An inline enum's values are checked with the field that declares them.
            if let Some(Ty::Named(n)) = f.ty.as_ref().map(Ty::element) {
                if let Some(TypeDef {
                    kind: TypeKind::Enum(e),
                    inline: true,
                    ..
                }) = self.find_type(n)
                {
                    for v in &e.values {
                        self.check_availability(&v.available, &loc, &yaml, &["available", v.wire.as_str()]);
                    }
                }
            }
        }
        self.check_groups(o);
    }

    /// Every `while:` of a field of `o` (its own, its constraints', its locks') names a
    /// field of the current resource ([`Self::state_field_of`]: on a top-level field
    /// `Endpoint::state_field`, deeper a field of `o`) of an enum, string or boolean type,
    /// with values it can have.
    fn check_states(&mut self, o: &Object, f: &Field) {
        let top = self.endpoint.is_some_and(|ep| std::ptr::eq(o, &ep.body));
        let effects = f.effects_while.iter().flat_map(|e| e.state.iter());
        if let (false, Some(first)) = (top, f.effects_while.first()) {
            self.diags.error(
                "nested-state",
                first.state[0].loc.clone(),
                "`while:` of a side effect reads the current resource, which mutaspec does only on the top-level fields of `body:`",
                "move the field to the top level of `body:`, or drop the condition",
            );
        }
        let effects = effects.filter(|_| top);
        let all: Vec<&StateCondition> = f.state_conditions().chain(effects).collect();
        if !all.is_empty() && !f.sendable() {
            self.diags.error(
                "never-checked",
                all[0].loc.clone(),
                "`while:` on a field a request never carries is never checked",
                "remove it",
            );
            return;
        }
        for c in all {
            self.check_state(o, c);
        }
    }

    /// The resource field a `while:` of a field of `o` names: on a top-level field of
    /// the body, a top-level field or a `current:` field ([`Endpoint::state_field`]);
    /// deeper (a nested object, an array item, a map value, a type under `types:`), a
    /// field of the same object, read from that object's snapshot.
    fn state_field_of<'o>(&self, o: &'o Object, wire: &str) -> Option<&'o Field>
    where
        'a: 'o,
    {
        match self.endpoint {
            Some(ep) if std::ptr::eq(o, &ep.body) => ep.state_field(wire),
            Some(_) | None => o.field(wire),
        }
    }

    fn check_state(&mut self, o: &Object, c: &StateCondition) {
        let top = self.endpoint.is_some_and(|ep| std::ptr::eq(o, &ep.body));
        let Some(field) = self.state_field_of(o, &c.field) else {
            let elsewhere = self.endpoint.filter(|_| !top).and_then(|ep| ep.state_field(&c.field)).is_some();
            let (message, hint) = if top {
                (
                    format!("`while:` names `{}`, which is not a field of the current resource", c.field),
                    did_you_mean(&c.field, o.fields.iter().map(|f| f.wire.as_str())),
                )
            } else if elsewhere {
                (
                    format!(
                        "`while:` below the top level of `body:` names a field of the same object, and `{}` is not one",
                        c.field
                    ),
                    format!(
                        "`{}` is a top-level or `current:` field, which only the top-level fields of `body:` read: declare the state field in this object (`not_updatable` when the request cannot send it), or move the condition to a top-level field",
                        c.field
                    ),
                )
            } else {
                (
                    format!(
                        "`while:` below the top level of `body:` names a field of the same object, and `{}` is not one",
                        c.field
                    ),
                    did_you_mean(&c.field, o.fields.iter().map(|f| f.wire.as_str())),
                )
            };
            self.diags.error("bad-state", c.loc.clone(), message, hint);
            return;
        };
        if self.unresolved(field) {
            return;
        }
        let value_at = |i: usize| {
            let mut p = c.yaml.clone();
            if c.values.len() > 1 || self.is_seq(c) {
                p.push(KeySeg::Index(i));
            }
            self.sources.get(&c.loc.file).map_or_else(|| c.loc.clone(), |s| s.value_loc(&p))
        };
        let locs: Vec<Loc> = (0..c.values.len()).map(value_at).collect();
        let value_at = |i: usize| locs[i].clone();
        if c.values.is_empty() {
            self.diags.error(
                "bad-state",
                c.loc.clone(),
                format!("`while:` lists no value of `{}`", c.field),
                "list the values under which it applies: `status: [ACTIVE, PAUSED]`",
            );
            return;
        }
        if field.sensitive {
            self.diags.error(
                "bad-state",
                c.loc.clone(),
                format!("`while:` names `{}`, which is `sensitive`", c.field),
                "a state condition compares the value in the clear: name a field that is not sensitive",
            );
            return;
        }
        match field.ty.as_ref() {
            Some(Ty::Boolean) => {
                for (i, v) in c.values.iter().enumerate() {
                    if v != "true" && v != "false" {
                        self.diags.error(
                            "bad-state",
                            value_at(i),
                            format!("`{v}` is not a value of boolean `{}`", c.field),
                            "write `true` or `false`",
                        );
                    }
                }
                if c.values.iter().any(|v| v == "true") && c.values.iter().any(|v| v == "false") {
                    self.diags.error(
                        "bad-state",
                        c.loc.clone(),
                        format!("`while:` lists both values of boolean `{}`: it always holds", c.field),
                        "keep the one value under which it applies",
                    );
                }
            }
            Some(Ty::String) => {}
            ty => match self.enum_values(ty) {
                Some(values) => {
                    for (i, v) in c.values.iter().enumerate() {
                        if !values.contains(&v.as_str()) {
                            self.diags.error(
                                "bad-state",
                                value_at(i),
                                format!("`{v}` is not a value of `{}`", c.field),
                                did_you_mean(v, values.iter().copied()),
                            );
                        }
                    }
                }
                None => {
                    let shown = ty.map_or_else(|| "no type".to_owned(), Ty::spec_text);
                    self.diags.error(
                        "bad-state",
                        c.loc.clone(),
                        format!("`while:` names `{}`, which is `{shown}`", c.field),
                        "a state condition names an enum, string or boolean field of the resource",
                    );
                }
            },
        }
    }

    /// Whether a `while:` entry was written as a list (its values are located by index).
    fn is_seq(&self, c: &StateCondition) -> bool {
        let Some(src) = self.sources.get(&c.loc.file) else { return false };
        let mut p = c.yaml.clone();
        p.push(KeySeg::Index(0));
        src.value_loc(&p) != src.value_loc(&c.yaml)
    }

    /// `transitions:` and `provider_only:` are on a sendable enum field and name its
    /// values.
    fn check_transitions(&mut self, f: &Field) {
        let Some(t) = &f.transitions else { return };
        if self.unresolved(f) {
            return;
        }
        let Some(values) = self.enum_values(f.ty.as_ref()) else {
            let shown = f.ty.as_ref().map_or_else(|| "no type".to_owned(), Ty::spec_text);
            self.diags.error(
                "bad-transition",
                t.loc.clone(),
                format!("transition rules are for enum fields, and `{}` is `{shown}`", f.wire),
                "give the field an enum type (`values:` or a named enum), or remove `transitions:` and `provider_only:`",
            );
            return;
        };
        if !f.sendable() {
            self.diags.error(
                "never-checked",
                t.loc.clone(),
                format!("transition rules on `{}` are never checked: a request never carries it", f.wire),
                "remove them",
            );
            return;
        }
        let unknown = |cx: &mut Self, v: &str, at: Loc| {
            if !values.contains(&v) {
                cx.diags.error(
                    "bad-transition",
                    at,
                    format!("`{v}` is not a value of `{}`", f.wire),
                    did_you_mean(v, values.iter().copied()),
                );
            }
        };
        for (from, to) in &t.moves {
            let at = self.key_loc(&f.loc, &f.yaml, &["transitions", from]);
            unknown(self, from, at);
            for (i, v) in to.iter().enumerate() {
                let at = self.sources.get(&f.loc.file).map_or_else(
                    || f.loc.clone(),
                    |s| {
                        let mut p = f.yaml.clone();
                        p.extend([KeySeg::Key("transitions".into()), KeySeg::Key(from.clone()), KeySeg::Index(i)]);
                        s.value_loc(&p)
                    },
                );
                unknown(self, v, at);
            }
        }
        for (i, v) in t.provider_only.iter().enumerate() {
            let at = self.sources.get(&f.loc.file).map_or_else(
                || f.loc.clone(),
                |s| {
                    let mut p = f.yaml.clone();
                    p.extend([KeySeg::Key("provider_only".into()), KeySeg::Index(i)]);
                    s.value_loc(&p)
                },
            );
            unknown(self, v, at);
        }
    }

    /// A named transition pattern fits the field's type: `increase_only` and
    /// `decrease_only` numbers, decimals and dates, `append_only` arrays, `set_once_keys`
    /// maps.
    fn check_pattern(&mut self, f: &Field) {
        if !f.rule.is_pattern() || self.unresolved(f) {
            return;
        }
        let ty = f.ty.as_ref();
        let (fits, what) = match f.rule {
            UpdateRule::IncreaseOnly | UpdateRule::DecreaseOnly => (
                matches!(
                    ty,
                    Some(Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Decimal | Ty::Date | Ty::DateTime)
                ),
                "an integer, unsigned, number, decimal, date or datetime field",
            ),
            UpdateRule::AppendOnly => (matches!(ty, Some(Ty::List(_))), "an array field"),
            UpdateRule::SetOnceKeys => (matches!(ty, Some(Ty::Map(_))), "a map field"),
            UpdateRule::Mutable
            | UpdateRule::SetOnce
            | UpdateRule::Identifying
            | UpdateRule::NotUpdatable
            | UpdateRule::Ignored
            | UpdateRule::Conditional { .. } => (true, ""),
        };
        if !fits {
            let shown = ty.map_or_else(|| "no type".to_owned(), Ty::spec_text);
            self.diags.error(
                "bad-rule",
                self.loc(&f.loc, &f.yaml, &["rule"]),
                format!("`rule: {}` applies to {what}, and `{}` is `{shown}`", f.rule.id(), f.wire),
                "choose the pattern of the field's type (`increase_only`, `decrease_only`, `append_only`, `set_once_keys`), or another rule",
            );
        }
    }

    /// `since:`/`until:` name listed versions, `since` before `until`; `tail` is the
    /// path of the keys below the element (`available`, `PAUSED` for an enum value).
    fn check_availability(&mut self, a: &crate::model::Availability, base: &Loc, yaml: &[KeySeg], tail: &[&str]) {
        let api = self.api;
        let listed: Vec<&str> = api.versions.iter().map(|v| v.name.as_str()).collect();
        let index = |key: &str, v: &Option<String>, cx: &mut Self| -> Option<usize> {
            let v = v.as_ref()?;
            let mut path: Vec<&str> = tail.to_vec();
            path.push(key);
            let at = cx.loc(base, yaml, &path);
            if listed.is_empty() {
                cx.diags.error(
                    "bad-version",
                    at,
                    format!("`{key}: {v}` names a version, but API `{}` lists no `versions:`", api.name),
                    "list the documented versions in the API's shared file: `versions: [...]`, oldest first",
                );
                return None;
            }
            let found = api.version_index(v);
            if found.is_none() {
                let hint = match crate::diag::suggest(v, listed.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? (the versions: {})", listed.join(", ")),
                    None => format!("name one of the API's versions: {}", listed.join(", ")),
                };
                cx.diags.error(
                    "bad-version",
                    at,
                    format!("version `{v}` is not one of the API's `versions:`"),
                    hint,
                );
            }
            found
        };
        let since = index("since", &a.since, self);
        let until = index("until", &a.until, self);
        if let (Some(s), Some(u)) = (since, until) {
            if s >= u {
                let mut path: Vec<&str> = tail.to_vec();
                path.push("until");
                let at = self.loc(base, yaml, &path);
                self.diags.error(
                    "bad-version",
                    at,
                    format!(
                        "no version has it: `since: {}` is not before `until: {}` (`until` is the first version without it)",
                        listed[s], listed[u]
                    ),
                    "swap or fix the versions (`versions:` lists them oldest first)",
                );
            }
        }
    }

    /// `T | string`: `T` is an object type (an enum is a string already).
    fn check_or_id(&mut self, f: &Field) {
        let Some(Ty::OrId(n)) = &f.ty else { return };
        if let Some(TypeKind::Enum(_)) = self.find_type(n).map(|t| &t.kind) {
            let at = self.loc(&f.loc, &f.yaml, &["type"]);
            self.diags.error(
                "bad-union",
                at,
                format!("`{n} | string`: `{n}` is an enum, whose values are strings already"),
                format!("type the field `{n}`, or `string`"),
            );
        }
    }

    /// A discriminated union: its tag is a sendable sibling enum or string whose values
    /// name the variants, each variant an object type, and the field takes no rule
    /// comparing it with the current resource.
    fn check_tagged(&mut self, o: &Object, f: &Field) {
        let Some(Ty::Tagged(t)) = &f.ty else { return };
        if let Some(other) = self.find_type(&t.name) {
            let at = self.key_loc(&f.loc, &f.yaml, &["union"]);
            self.diags.error_with_labels(
                "name-collision",
                at,
                format!("union `{}` generates enum `{}`, which is also a declared type", f.wire, t.name),
                "name the union's enum with `name: <TypeName>` beside `union:`",
                [Label::new(other.loc.clone(), "the declared type")],
            );
        }
        if let Some(code) = t.error {
            let at = self.loc(&f.loc, &f.yaml, &["union", "error"]);
            self.use_code(code, &at);
        }
        let tag_at = self.loc(&f.loc, &f.yaml, &["union", "tag"]);
        match o.fields.iter().find(|s| s.wire == t.tag) {
            None => {
                let names = o.fields.iter().filter(|s| s.wire != f.wire).map(|s| s.wire.as_str());
                let hint = match crate::diag::suggest(&t.tag, names) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "the tag is a field beside `{}` in the same object (JSON:API's `type` beside `attributes`)",
                        f.wire
                    ),
                };
                self.diags.error(
                    "bad-union",
                    tag_at,
                    format!("the tag of union `{}` names no field beside it: `{}`", f.wire, t.tag),
                    hint,
                );
            }
            Some(s) if s.wire == f.wire => {
                self.diags.error(
                    "bad-union",
                    tag_at,
                    format!("union `{}` is its own tag", f.wire),
                    "the tag is another field of the same object, an enum or a string",
                );
            }
            Some(s) => {
                let values = match &s.ty {
                    Some(Ty::String) => None,
                    Some(ty @ Ty::Named(n)) => match self.find_type(n).map(|d| &d.kind) {
                        Some(TypeKind::Enum(e)) => Some(e.values.iter().map(|v| v.wire.clone()).collect::<Vec<_>>()),
                        _ => {
                            self.bad_tag(f, s, ty, tag_at);
                            return;
                        }
                    },
                    Some(ty) => {
                        self.bad_tag(f, s, ty, tag_at);
                        return;
                    }
                    None => return,
                };
                if !s.sendable() || s.sensitive || s.clear.is_some() {
                    self.diags.error_with_labels(
                        "bad-union",
                        tag_at,
                        format!("the tag `{}` of union `{}` is not a plain field a request carries", s.wire, f.wire),
                        "a tag is sent beside the union as it is: not `not_updatable`, `sensitive` or clearable",
                        [Label::new(s.loc.clone(), "the tag")],
                    );
                }
                if let Some(values) = values {
                    for v in t.variants.iter().filter(|v| !values.contains(&v.value)) {
                        let at = self.key_loc(&f.loc, &f.yaml, &["union", "variants", v.value.as_str()]);
                        let listed: Vec<String> = values.iter().map(|x| format!("`{x}`")).collect();
                        self.diags.error(
                            "bad-union",
                            at,
                            format!("`{}` is not a value of the tag `{}`", v.value, s.wire),
                            format!("the tag's values are {}", listed.join(", ")),
                        );
                    }
                }
            }
        }
        for v in &t.variants {
            if self.object_of(&Ty::Named(v.ty.clone())).is_none() {
                let at = self.loc(&f.loc, &f.yaml, &["union", "variants", v.value.as_str()]);
                self.diags.error(
                    "bad-union",
                    at,
                    format!("variant `{}` of union `{}`: `{}` is not an object type", v.value, f.wire, v.ty),
                    "a variant is an object type (`fields:`) declared under `types:`",
                );
            }
        }
        // Which variant the current resource holds is not known: rules reading it are
        // refused inside a variant.
        for v in &t.variants {
            if let Some(rule) = self.rule_in_variant(&v.ty) {
                let (place, what) = rule_place(rule);
                self.diags.error_with_labels(
                    "nested-rule",
                    self.locate(&rule.loc, &rule.yaml, &[place], place == "when"),
                    format!(
                        "{what} is checked against the current resource, which mutaspec cannot do inside variant `{}` of union `{}`",
                        v.value, f.wire
                    ),
                    "which variant the current resource holds is not known: remove the rule from the variant's object, or move it beside the union",
                    [Label::new(f.loc.clone(), "this union holds it")],
                );
            }
        }
        if f.sensitive || f.clear.is_some() || !matches!(f.rule, UpdateRule::Mutable) {
            let at = self.key_loc(&f.loc, &f.yaml, &["union"]);
            self.diags.error(
                "bad-union",
                at,
                format!("union `{}` takes no rule, `sensitive:` or `clear:`", f.wire),
                "a discriminated union is compared with nothing and cleared by nothing yet: remove them",
            );
        }
    }

    fn bad_tag(&mut self, f: &Field, s: &Field, ty: &Ty, at: Loc) {
        self.diags.error_with_labels(
            "bad-union",
            at,
            format!(
                "the tag `{}` of union `{}` is a `{}`, not an enum or a string",
                s.wire,
                f.wire,
                ty.spec_text()
            ),
            "a tag's value names the variant: type the tag an enum of the variants' values, or `string`",
            [Label::new(s.loc.clone(), "the tag")],
        );
    }

    /// The first field inside object type `name` (through nested objects) whose rule
    /// reads the current resource.
    fn rule_in_variant(&self, name: &str) -> Option<&'a Field> {
        let mut seen = vec![name.to_owned()];
        let mut todo = vec![name.to_owned()];
        while let Some(n) = todo.pop() {
            let Some(o) = self.object_of(&Ty::Named(n)) else { continue };
            for f in &o.fields {
                if f.compared_with_current() || (f.sendable() && matches!(f.rule, UpdateRule::Conditional { .. })) {
                    return Some(f);
                }
                if let Some(Ty::Named(m)) = f.ty.as_ref().map(Ty::element) {
                    if !seen.contains(m) {
                        seen.push(m.clone());
                        todo.push(m.clone());
                    }
                }
            }
        }
        None
    }

    /// Every field a group names is a field a request carries, found from the group's
    /// object through objects only; an `if:` field compares as text, with its values.
    fn check_groups(&mut self, o: &Object) {
        for g in &o.groups {
            let mut all: Vec<&Member> = g.members.iter().collect();
            match &g.kind {
                GroupKind::RequiredWith(with) => all.extend(with),
                GroupKind::RequiredIf { field, .. } => all.push(field),
                GroupKind::RequiredTogether
                | GroupKind::Conflicts
                | GroupKind::ExactlyOneOf
                | GroupKind::AtLeastOneOf
                | GroupKind::Check { .. } => {}
            }
            for m in &all {
                self.group_member(o, m);
            }
            // Members through an array or a map are checked per item or entry: all of
            // them under the same one.
            let prefixes: Vec<(Option<Vec<String>>, &Member)> = all.iter().map(|m| (self.container_prefix(o, m), *m)).collect();
            if let Some((Some(p), _)) = prefixes.iter().find(|(p, _)| p.is_some()) {
                if let Some((other, m)) = prefixes.iter().find(|(q, _)| q.as_ref() != Some(p)) {
                    let message =
                        match other {
                            Some(q) => format!(
                            "a group names `{}`, through `{}`, and `{}`, through `{}`: its members would cross different arrays or maps",
                            prefixes.iter().find(|(x, _)| x.as_ref() == Some(p)).map_or_else(String::new, |(_, m)| m.dotted()),
                            p.join("."),
                            m.dotted(),
                            q.join(".")
                        ),
                            None => format!(
                                "a group names members through `{}`, checked per item or entry, and `{}`, which is not",
                                p.join("."),
                                m.dotted()
                            ),
                        };
                    self.diags.error(
                        "bad-group",
                        m.loc.clone(),
                        message,
                        "a group through an array or a map relates the fields of one item or entry: put the group on the item type instead",
                    );
                }
            }
            if let GroupKind::RequiredIf { field, values } = &g.kind {
                if let Some(f) = self.member_field(o, field) {
                    if !self.unresolved(f) && !self.compares_as_text(f.ty.as_ref()) {
                        let shown = f.ty.as_ref().map_or_else(|| "no type".to_owned(), Ty::spec_text);
                        self.diags.error(
                            "bad-group",
                            field.loc.clone(),
                            format!(
                                "`if:` compares `{}` with values written as text, and it is `{shown}`",
                                field.dotted()
                            ),
                            "a `required:` group's `if:` names a string, enum, decimal, date or datetime field",
                        );
                    } else if let Some(known) = self.enum_values(f.ty.as_ref()) {
                        for v in values.iter().filter(|v| !known.contains(&v.as_str())) {
                            self.diags.error(
                                "bad-group",
                                field.loc.clone(),
                                format!("`{v}` is not a value of `{}`", field.dotted()),
                                did_you_mean(v, known.iter().copied()),
                            );
                        }
                    }
                }
            }
            if let GroupKind::Check { name, .. } = &g.kind {
                self.check_group_check_types(o, name, &g.members);
            }
            if let Some(code) = g.error {
                self.use_code(code, &g.loc);
            }
        }
    }

    /// The fields a named check across fields reads have the types it compares: numbers
    /// for `sum`; numbers or dates, all of one type, for `ascending`.
    fn check_group_check_types(&mut self, o: &Object, name: &str, members: &[Member]) {
        let mut first: Option<&Ty> = None;
        for m in members {
            let Some(f) = self.member_field(o, m) else { continue };
            let Some(ty) = f.ty.as_ref() else { continue };
            let number = matches!(ty, Ty::Integer | Ty::Unsigned | Ty::Number);
            let fits = match name {
                "sum" => number,
                _ => number || *ty == Ty::Date,
            };
            let want = if name == "sum" {
                "an `integer`, `unsigned` or `number` field"
            } else {
                "an `integer`, `unsigned`, `number` or `date` field"
            };
            if !fits {
                self.diags.error(
                    "bad-check",
                    m.loc.clone(),
                    format!("check `{name}` reads `{}`, which is `{}`", m.dotted(), ty.spec_text()),
                    format!("check `{name}` reads {want}"),
                );
                continue;
            }
            match first {
                Some(t) if name == "ascending" && t != ty => self.diags.error(
                    "bad-check",
                    m.loc.clone(),
                    format!(
                        "check `ascending` compares `{}` (`{}`) with a `{}`",
                        m.dotted(),
                        ty.spec_text(),
                        t.spec_text()
                    ),
                    "the fields of `ascending` all have one type",
                ),
                Some(_) => {}
                None => first = Some(ty),
            }
        }
    }

    /// The field a group member names, when it resolves (no error reported here).
    fn member_field<'o>(&self, o: &'o Object, m: &Member) -> Option<&'o Field>
    where
        'a: 'o,
    {
        let mut obj = o;
        let (last, inner) = m.path.split_last()?;
        for seg in inner {
            obj = self.object_of(obj.field(seg)?.ty.as_ref()?.element())?;
        }
        obj.field(last)
    }

    /// The path to the array or map of objects a group member goes through (the
    /// container field included), when it goes through one.
    fn container_prefix(&self, o: &Object, m: &Member) -> Option<Vec<String>> {
        let mut obj = o;
        for (i, seg) in m.path.iter().enumerate().take(m.path.len().saturating_sub(1)) {
            let ty = obj.field(seg)?.ty.as_ref()?;
            if matches!(ty, Ty::List(_) | Ty::Map(_)) {
                // Of objects only: a member through `string[]` is refused on its own.
                return self.object_of(ty.element()).map(|_| m.path[..=i].to_vec());
            }
            obj = self.object_of(ty)?;
        }
        None
    }

    fn group_member<'o>(&mut self, o: &'o Object, m: &Member)
    where
        'a: 'o,
    {
        let mut obj = o;
        let mut crossed = false;
        for (i, seg) in m.path.iter().enumerate() {
            let shown = m.path[..=i].join(".");
            let Some(f) = obj.field(seg) else {
                self.diags.error(
                    "bad-group",
                    m.loc.clone(),
                    format!("a group names `{shown}`, which is not a field here"),
                    did_you_mean(seg, obj.fields.iter().map(|f| f.wire.as_str())),
                );
                return;
            };
            if let Some(why) = unsendable(f) {
                self.diags.error(
                    "bad-group",
                    m.loc.clone(),
                    format!("a group names `{shown}`, which a request never carries: it is {why}"),
                    "a group relates fields a request can send: remove it from the group",
                );
                return;
            }
            if f.rule == UpdateRule::Ignored {
                self.diags.error(
                    "bad-group",
                    m.loc.clone(),
                    format!("a group names `{shown}`, which the provider ignores (`rule: ignored`)"),
                    "whether an ignored field is sent changes nothing: remove it from the group",
                );
                return;
            }
            if i + 1 == m.path.len() {
                return;
            }
            // Through an array or a map of objects: each item or entry (once, plainly).
            if let Some(item) =
                f.ty.as_ref()
                    .filter(|t| matches!(t, Ty::List(_) | Ty::Map(_)))
                    .and_then(|t| self.object_of(t.element()))
            {
                let why = if crossed {
                    Some("it goes through a second array or map")
                } else if f.sensitive {
                    Some("the array or map is `sensitive`")
                } else if f.clear_entries {
                    Some("the map's entries may be deleted (`clear_entries`)")
                } else {
                    None
                };
                if let Some(why) = why {
                    self.diags.error(
                        "bad-group",
                        m.loc.clone(),
                        format!("`{}` goes through `{shown}`, an array or map, and {why}", m.dotted()),
                        "put the group on the item type instead",
                    );
                    return;
                }
                crossed = true;
                obj = item;
                continue;
            }
            match f.ty.as_ref().and_then(|t| self.object_of(t)) {
                Some(next) => obj = next,
                None if self.unresolved(f) => return,
                None => {
                    let shown_ty = f.ty.as_ref().map_or_else(|| "no type".to_owned(), Ty::spec_text);
                    self.diags.error(
                        "bad-group",
                        m.loc.clone(),
                        format!("`{}` goes through `{shown}`, which is `{shown_ty}`, not an object", m.dotted()),
                        "a dotted group member goes through objects, or one array or map of objects: put the group on the item type instead",
                    );
                    return;
                }
            }
        }
    }

    /// The code of a field's inline enum (`values:` with `error:`) is a rule's code.
    fn check_inline_enum_code(&mut self, f: &Field) {
        let Some(Ty::Named(n)) = f.ty.as_ref().map(Ty::element) else {
            return;
        };
        let Some(TypeDef {
            kind: TypeKind::Enum(e),
            inline: true,
            loc,
            ..
        }) = self.find_type(n)
        else {
            return;
        };
        if let (Some(code), true) = (e.error, *loc == f.loc) {
            let at = self.loc(&f.loc, &f.yaml, &["error"]);
            self.use_code(code, &at);
        }
    }

    /// A conditional field names an `identifying` enum sibling and one of its values.
    fn check_conditional(&mut self, o: &Object, f: &Field) {
        let UpdateRule::Conditional { discriminator, value } = &f.rule else {
            return;
        };
        let at = self.key_loc(&f.loc, &f.yaml, &["when", discriminator]);
        let root = self.endpoint.filter(|e| std::ptr::eq(o, &e.body));
        let resource = self.endpoint.and_then(|e| e.current.iter().find(|c| c.wire == *discriminator));
        if let (None, Some(c)) = (o.field(discriminator), resource) {
            if root.is_some() {
                self.check_current_discriminator(f, c, value);
            } else {
                self.diags.error(
                    "bad-discriminator",
                    at,
                    format!("`when:` names `{discriminator}`, a `current:` field, inside a nested object"),
                    "a `current:` field decides only top-level fields of `body:`: move the condition to the top-level field that holds this object",
                );
            }
            return;
        }
        let Some(d) = o.field(discriminator) else {
            let siblings = o.fields.iter().filter(|s| s.wire != f.wire).map(|s| s.wire.as_str());
            // At the top level a `current:` field may decide too.
            let resource: &[Field] = root.map_or(&[], |e| &e.current);
            let hint = did_you_mean(discriminator, siblings.chain(resource.iter().map(|c| c.wire.as_str())));
            let nor = if resource.is_empty() { "" } else { " nor a `current:` field" };
            self.diags.error(
                "bad-discriminator",
                at,
                format!("`when:` names `{discriminator}`, which is not a field beside `{}`{nor}", f.wire),
                hint,
            );
            return;
        };
        if self.unresolved(d) {
            return;
        }
        let declared = Label::new(self.key_loc(&d.loc, &d.yaml, &[]), format!("`{discriminator}` is declared here"));
        if d.rule != UpdateRule::Identifying {
            self.diags.error_with_labels(
                "bad-discriminator",
                at.clone(),
                format!("`{discriminator}` is not a discriminator: its rule is `{}`", d.rule.id()),
                format!("mark `{discriminator}` with `rule: identifying` if it selects the object"),
                [declared.clone()],
            );
        }
        if d.sensitive {
            self.diags.error(
                "bad-discriminator",
                at.clone(),
                format!("discriminator `{discriminator}` is marked `sensitive`"),
                "a discriminator's value selects an object and is sent in the clear: remove `sensitive: true`",
            );
        }
        match self.enum_values(d.ty.as_ref()) {
            None => self.diags.error(
                "bad-discriminator",
                at,
                format!("discriminator `{discriminator}` is not an enum"),
                "a discriminator's type is an enum whose values name the objects",
            ),
            Some(values) if !values.contains(&value.as_str()) => {
                let values_at = match d.ty.as_ref() {
                    Some(Ty::Named(n)) => self
                        .find_type(n)
                        .filter(|t| t.loc != d.loc)
                        .map(|t| Label::new(t.loc.clone(), format!("enum `{}` is declared here", t.name))),
                    _ => None,
                };
                self.diags.error_with_labels(
                    "bad-discriminator",
                    self.loc(&f.loc, &f.yaml, &["when", discriminator]),
                    format!("`{value}` is not a value of discriminator `{discriminator}`"),
                    did_you_mean(value, values.iter().copied()),
                    [values_at.unwrap_or(declared)],
                );
            }
            Some(_) => {}
        }
    }

    /// `key:` is on an array of objects, not sensitive, and names an `identifying` item
    /// field of a type compared by value (string, integer, unsigned, enum), not
    /// sensitive: the key pairs a sent item with the current item it updates.
    fn check_item_key(&mut self, f: &Field) {
        let Some(key) = &f.key else { return };
        let at = self.loc(&f.loc, &f.yaml, &["key"]);
        let item = match &f.ty {
            Some(Ty::List(i)) => self.object_of(i),
            _ => None,
        };
        let Some(item) = item else {
            if !self.unresolved(f) {
                self.diags.error(
                    "bad-key",
                    at,
                    format!(
                        "`key:` names the field identifying an item of an array of objects; `{}` is not one",
                        f.wire
                    ),
                    "remove `key:`",
                );
            }
            return;
        };
        if f.sensitive {
            self.diags.error(
                "bad-key",
                at.clone(),
                format!("`{}` is `sensitive`: its items cannot be matched by key", f.wire),
                "remove `key:` or `sensitive: true`",
            );
        }
        let Some(k) = item.field(key) else {
            self.diags.error(
                "bad-key",
                at,
                format!("`key:` names `{key}`, which is not a field of the items of `{}`", f.wire),
                did_you_mean(key, item.fields.iter().map(|g| g.wire.as_str())),
            );
            return;
        };
        let by_value = matches!(k.ty, Some(Ty::String | Ty::Integer | Ty::Unsigned)) || self.enum_values(k.ty.as_ref()).is_some();
        let declared = Label::new(self.key_loc(&k.loc, &k.yaml, &[]), format!("`{key}` is declared here"));
        if k.rule != UpdateRule::Identifying || k.sensitive || (!by_value && !self.unresolved(k)) {
            self.diags.error_with_labels(
                "bad-key",
                at,
                format!("item key `{key}` must be an `identifying` string, integer or enum field that is not sensitive"),
                format!(
                    "an item's key names it and never changes: mark `{key}` with `rule: identifying`, or key the items by another field"
                ),
                [declared],
            );
        }
    }

    /// A top-level field conditional on a `current:` field: the resource's value decides,
    /// so it is an enum (not sensitive) with the value named.
    fn check_current_discriminator(&mut self, f: &Field, c: &Field, value: &str) {
        let discriminator = &c.wire;
        let at = self.loc(&f.loc, &f.yaml, &["when", discriminator]);
        let declared = Label::new(self.key_loc(&c.loc, &c.yaml, &[]), format!("`{discriminator}` is declared here"));
        if self.unresolved(c) {
            return;
        }
        match self.enum_values(c.ty.as_ref()) {
            None => self.diags.error_with_labels(
                "bad-discriminator",
                self.key_loc(&f.loc, &f.yaml, &["when", discriminator]),
                format!("discriminator `{discriminator}` of the current resource is not an enum"),
                "a discriminator's type is an enum whose values name the objects: give the `current:` field `values: [...]` or an enum type",
                [declared],
            ),
            Some(values) if !values.contains(&value) => self.diags.error_with_labels(
                "bad-discriminator",
                at,
                format!("`{value}` is not a value of discriminator `{discriminator}`"),
                did_you_mean(value, values.iter().copied()),
                [declared],
            ),
            Some(_) => {}
        }
    }

    /// A `current:` field is one the body does not carry (a body field is in the
    /// snapshot already, with its rule).
    fn check_current_fields(&mut self, ep: &Endpoint) {
        for c in &ep.current {
            if let Some(b) = ep.body.field(&c.wire) {
                self.diags.error_with_labels(
                    "bad-current",
                    c.loc.clone(),
                    format!("`{}` is declared under `current:` and under `body:`", c.wire),
                    "`current:` lists resource fields the request does not carry: remove it from `current:` (a body field's rule already reads the resource)",
                    [Label::new(b.loc.clone(), "the body field")],
                );
            }
        }
    }

    /// Rules that read the current resource (`set_once`, `identifying`, `when:`) hold in
    /// nested objects, whose snapshot the current resource's has at the same path. Not
    /// in array items or map values (no identity pairs a sent item with a current one),
    /// nor below a field whose own rule compares its whole value.
    fn check_rules_reach_current(&mut self, ep: &'a Endpoint) {
        let mut memo = BTreeMap::new();
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&'a Object> = vec![&ep.body];
        while let Some(o) = todo.pop() {
            for f in o.fields.iter().filter(|f| f.sendable()) {
                let Some(ty) = &f.ty else { continue };
                let (n, or_id) = match ty.element() {
                    Ty::Named(n) => (n, false),
                    Ty::OrId(n) => (n, true),
                    _ => continue,
                };
                let Some(inner) = self.object_of(&Ty::Named(n.clone())) else {
                    continue;
                };
                let reads = self.api.reads_current(Some(ep), n, &mut memo);
                // A keyed array pairs each sent item with the current one of its key, a
                // map each entry with the current entry of its key (not a sensitive
                // map's: its keys are data).
                let keyed = (matches!(ty, Ty::List(_)) && f.key.is_some()) || (matches!(ty, Ty::Map(_)) && !f.sensitive);
                let container = (matches!(ty, Ty::List(_) | Ty::Map(_)) && !keyed) || or_id;
                if reads && (container || f.compared_with_current()) {
                    if let Some(rule) = self.rule_inside(ep, n, &mut memo) {
                        let (place, what) = rule_place(rule);
                        let at = match (place, rule.state_conditions().next()) {
                            // A constraint's or a lock's `while:` is located by itself.
                            ("while", Some(c)) if rule.state.is_empty() => c.loc.clone(),
                            _ => self.locate(&rule.loc, &rule.yaml, &[place], place != "rule"),
                        };
                        let (why, hint) = if or_id {
                            (
                                format!("inside the object of `{}`, which may also be sent as its id", f.wire),
                                "an object-or-id union is not matched with the current resource's: remove the rule, or make the field the object alone",
                            )
                        } else if matches!(ty, Ty::Map(_)) && container {
                            (
                                format!("inside the values of `{}`, a sensitive map", f.wire),
                                "a sensitive map's keys are data, and a value is matched with the current one by its key: remove `sensitive: true` from the map (mark the sensitive fields inside the values instead), or remove the rule",
                            )
                        } else if container {
                            (
                                format!("inside the items of `{}`", f.wire),
                                "an array item without a key has no identity to match it with the current item: add `key: <item field>` to the array, naming the `identifying` item field the docs say names an item, or remove the rule",
                            )
                        } else {
                            (
                                format!("inside `{}`, whose `{}` rule compares its whole value", f.wire, f.rule.id()),
                                "the whole value's rule already decides: remove the rule inside, or the outer one",
                            )
                        };
                        self.diags.error_with_labels(
                            "nested-rule",
                            at,
                            format!("{what} is checked against the current resource, which mutaspec cannot do {why}"),
                            hint,
                            [Label::new(f.loc.clone(), "this field holds it")],
                        );
                    }
                    continue;
                }
                if (!container || keyed) && seen.insert(n.clone()) {
                    todo.push(inner);
                }
            }
        }
    }

    /// The first field that reads the current resource inside object type `name`,
    /// through nested objects.
    fn rule_inside(&self, ep: &'a Endpoint, name: &str, memo: &mut BTreeMap<String, bool>) -> Option<&'a Field> {
        let mut path = vec![name.to_owned()];
        let mut at = name.to_owned();
        loop {
            let o = self.object_of(&Ty::Named(at.clone()))?;
            if let Some(f) = o.fields.iter().find(|f| f.reads_current_itself()) {
                return Some(f);
            }
            // Into the objects whose snapshot is carried: a nested object, the items of a
            // keyed array, the values of a map that is not sensitive.
            let next = o.fields.iter().find_map(|f| {
                let n = match &f.ty {
                    Some(Ty::Named(n)) => n,
                    Some(Ty::List(i)) if f.key.is_some() => match &**i {
                        Ty::Named(n) => n,
                        _ => return None,
                    },
                    Some(Ty::Map(i)) if !f.sensitive => match &**i {
                        Ty::Named(n) => n,
                        _ => return None,
                    },
                    _ => return None,
                };
                (!path.contains(n) && self.api.reads_current(Some(ep), n, memo)).then(|| n.clone())
            })?;
            path.push(next.clone());
            at = next;
        }
    }

    /// `if:` keys name fields of `target`, and enum values are members.
    fn check_condition(&mut self, target: Option<&Object>, when: &[(String, String)], base: &Loc, yaml: &[KeySeg]) {
        for (k, v) in when {
            let at = self.key_loc(base, yaml, &["if", k]);
            let Some(obj) = target else {
                self.diags.error(
                    "bad-condition",
                    at,
                    "`if:` needs an object (or array of objects) to look into",
                    "remove it",
                );
                return;
            };
            match obj.field(k) {
                None => self.diags.error(
                    "bad-condition",
                    at,
                    format!("`if:` names `{k}`, which is not a field here"),
                    did_you_mean(k, obj.fields.iter().map(|f| f.wire.as_str())),
                ),
                Some(f) if unsendable(f).is_some() || (!self.unresolved(f) && !self.compares_as_text(f.ty.as_ref())) => {
                    let message = match unsendable(f) {
                        Some(why) => format!("`if:` names `{k}`, which a request never carries: it is {why}"),
                        None => {
                            let shown = f.ty.as_ref().map_or_else(|| "no type".to_owned(), Ty::spec_text);
                            format!("`if:` compares `{k}` with a value written as text, and `{k}` is `{shown}`")
                        }
                    };
                    self.diags.error(
                        "bad-condition",
                        at,
                        message,
                        "conditions name string, enum, decimal, date or datetime fields a request carries: remove it",
                    );
                }
                Some(f) => {
                    if let Some(values) = self.enum_values(f.ty.as_ref()) {
                        if !values.contains(&v.as_str()) {
                            self.diags.error(
                                "bad-condition",
                                self.loc(base, yaml, &["if", k]),
                                format!("`{v}` is not a value of `{k}`"),
                                did_you_mean(v, values.iter().copied()),
                            );
                        }
                    }
                }
            }
        }
    }

    /// A lock names a setting that locks; per-item conditions name item fields.
    fn check_locks(&mut self, f: &Field) {
        for lock in &f.locks {
            // The setting's name: the lock itself, or its `setting:` in the mapping form.
            let name_at = self.loc(&lock.loc, &lock.yaml, &["setting"]);
            match self.api.setting(&lock.setting) {
                None => {
                    let hint = self.setting_hint(&lock.setting);
                    self.diags
                        .error("unknown-setting", name_at, format!("unknown setting `{}`", lock.setting), hint);
                }
                Some(s) if s.locks.is_none() => self.diags.error_with_labels(
                    "bad-lock",
                    name_at,
                    format!("setting `{}` locks nothing", lock.setting),
                    format!("give `{}` a `locks: {{ when: BOOL, error: CODE }}`", lock.setting),
                    [Label::new(
                        s.loc.clone(),
                        format!("`{}` is declared here, without `locks:`", lock.setting),
                    )],
                ),
                Some(_) => {}
            }
            let target = match &f.ty {
                _ if self.unresolved(f) => continue,
                Some(Ty::List(item)) => self.object_of(item),
                // Planned per item only: on another field the condition would be dropped
                // and the lock would hold always.
                _ => {
                    if let Some((k, _)) = lock.when.first() {
                        self.diags.error(
                            "bad-condition",
                            self.key_loc(&lock.loc, &lock.yaml, &["if", k]),
                            format!(
                                "a lock's `if:` looks into the items of an array of objects, and `{}` is not one",
                                f.wire
                            ),
                            "remove `if:` (the lock then holds for the whole field)",
                        );
                    }
                    continue;
                }
            };
            self.check_condition(target, &lock.when, &lock.loc, &lock.yaml);
        }
    }

    fn check_constraints(&mut self, o: &Object, f: &Field) {
        let unresolved = self.unresolved(f);
        for c in &f.constraints {
            if let Some(code) = c.error {
                let at = self.loc(&c.loc, &c.yaml, &["error"]);
                self.use_code(code, &at);
            }
            if let Some(s) = &c.setting {
                if self.api.setting(s).is_none() {
                    let at = self.loc(&c.loc, &c.yaml, &["setting"]);
                    let hint = self.setting_hint(s);
                    self.diags.error("unknown-setting", at, format!("unknown setting `{s}`"), hint);
                }
            }
            let item = f.ty.as_ref().and_then(|t| match t {
                Ty::List(i) => self.object_of(i),
                _ => None,
            });
            if unresolved {
                continue;
            }
            if let ConstraintKind::UniqueBy(key) = &c.kind {
                match item {
                    None => self.diags.error(
                        "bad-constraint",
                        c.loc.clone(),
                        "`unique_by` applies to arrays of objects",
                        "remove it",
                    ),
                    Some(obj) if obj.field(key).and_then(unsendable).is_some() => {
                        let why = obj.field(key).and_then(unsendable).unwrap_or_default();
                        self.diags.error(
                            "bad-constraint",
                            self.loc(&c.loc, &c.yaml, &[]),
                            format!("`unique_by` names `{key}`, which a request never carries: it is {why}"),
                            "name an item field the request can send",
                        );
                    }
                    Some(obj) if obj.field(key).is_none() => {
                        let at = self.loc(&c.loc, &c.yaml, &[]);
                        self.diags.error(
                            "bad-constraint",
                            at,
                            format!("`unique_by` names `{key}`, which is not a field of the items"),
                            did_you_mean(key, obj.fields.iter().map(|f| f.wire.as_str())),
                        );
                    }
                    Some(_) => {}
                }
            }
            let target = if matches!(c.kind, ConstraintKind::UniqueBy(_)) {
                let first = c.when.first().map(|(k, _)| k).or_else(|| c.sent.first().map(|(k, _)| k));
                if let Some(k) = first {
                    // Planned against the siblings, and so never checked: refused.
                    self.diags.error(
                        "bad-condition",
                        self.key_loc(&c.loc, &c.yaml, &["if", k]),
                        "`unique_by` takes no `if:`",
                        "`unique_by` applies to every item: remove `if:`",
                    );
                    continue;
                }
                item
            } else {
                Some(o)
            };
            self.check_condition(target, &c.when, &c.loc, &c.yaml);
            self.check_sent(o, f, c);
        }
    }

    /// A constraint's presence tests (`if: { field: { sent: BOOL } }`) name another
    /// field beside it that a request can carry.
    fn check_sent(&mut self, o: &Object, f: &Field, c: &crate::model::Constraint) {
        for (k, _) in &c.sent {
            let at = self.key_loc(&c.loc, &c.yaml, &["if", k]);
            match o.field(k) {
                None => self.diags.error(
                    "bad-condition",
                    at,
                    format!("`if:` names `{k}`, which is not a field here"),
                    did_you_mean(k, o.fields.iter().map(|f| f.wire.as_str())),
                ),
                Some(s) if s.wire == f.wire => self.diags.error(
                    "bad-condition",
                    at,
                    format!("`if:` tests whether `{k}` is sent, and the constraint is on `{k}` itself: it always holds"),
                    "a presence test names a sibling: remove it",
                ),
                Some(s) => {
                    if let Some(why) = unsendable(s) {
                        self.diags.error(
                            "bad-condition",
                            at,
                            format!("`if:` tests whether `{k}` is sent, and a request never carries it: it is {why}"),
                            "name a field a request can send, or remove the condition",
                        );
                    }
                }
            }
        }
    }

    /// A close setting name, or where settings are declared.
    fn setting_hint(&self, name: &str) -> String {
        if self.api.settings.is_empty() {
            format!("declare it under `settings:` in the shared file of api `{}`", self.api.name)
        } else {
            did_you_mean(name, self.api.settings.iter().map(|s| s.name.as_str()))
        }
    }

    /// Effects are declared by the API.
    fn check_effects(&mut self, f: &Field) {
        for (i, e) in f.effects.iter().enumerate() {
            if !self.api.effects.iter().any(|x| x.name == *e) {
                let at = self.sources.get(&f.loc.file).map_or_else(
                    || f.loc.clone(),
                    |s| {
                        let mut p = f.yaml.clone();
                        p.extend([KeySeg::Key("effects".into()), KeySeg::Index(i)]);
                        // `{ effect: NAME, while: ... }`: at the name.
                        if f.effects_while
                            .iter()
                            .any(|w| w.state.first().is_some_and(|c| c.yaml.starts_with(&p)))
                        {
                            p.push(KeySeg::Key("effect".into()));
                        }
                        s.value_loc(&p)
                    },
                );
                let hint = if self.api.effects.is_empty() {
                    format!("declare it under `effects:` in the shared file of api `{}`", self.api.name)
                } else {
                    did_you_mean(e, self.api.effects.iter().map(|x| x.name.as_str()))
                };
                self.diags.error("unknown-effect", at, format!("unknown side effect `{e}`"), hint);
            }
        }
    }

    /// A typed response names an object type the endpoint can see.
    fn check_response(&mut self, ep: &Endpoint) {
        let Some(name) = &ep.response.body else { return };
        let at = self
            .sources
            .get(&ep.file)
            .map_or_else(|| ep.loc.clone(), |s| s.value_loc(&crate::path!["response", "type"]));
        match self.find_type(name) {
            Some(TypeDef {
                kind: TypeKind::Object(_), ..
            }) => {}
            Some(_) => self.diags.error(
                "bad-response",
                at,
                format!("response type `{name}` is an enum"),
                "a response body is an object type",
            ),
            None => {
                let mut names: Vec<&str> = self.api.types.iter().chain(&ep.types).map(|t| t.name.as_str()).collect();
                names.sort_unstable();
                self.diags.error(
                    "unknown-type",
                    at,
                    format!("unknown response type `{name}`"),
                    did_you_mean(name, names.iter().copied()),
                );
            }
        }
    }

    fn check_settings(&mut self) {
        let locks: Vec<(u32, Loc)> = self
            .api
            .settings
            .iter()
            .filter_map(|s| {
                let at = self.loc(&s.loc, &crate::path!["settings", s.name.as_str()], &["locks", "error"]);
                Some((s.locks.as_ref()?.error?, at))
            })
            .collect();
        for (code, loc) in locks {
            self.use_code(code, &loc);
        }
        // `ProgramSettings::api_version` holds the chosen version of a versioned API.
        if !self.api.versions.is_empty() {
            let api = self.api;
            for st in api
                .settings
                .iter()
                .filter(|st| st.name == Api::VERSION_MEMBER || st.rust == "api_version")
            {
                self.diags.error(
                    "reserved-name",
                    st.loc.clone(),
                    format!(
                        "setting `{}` takes the name of `ProgramSettings::api_version`, the chosen API version",
                        st.name
                    ),
                    "rename the setting: an API with `versions:` has `api_version` in its settings",
                );
            }
        }
    }

    /// A rule's code must be in the catalogue, and not server-only.
    fn use_code(&mut self, code: u32, at: &Loc) {
        let Some(cat) = &self.api.errors else {
            self.diags.error(
                "unknown-code",
                at.clone(),
                format!("error code {code} is used, but api `{}` has no error catalogue", self.api.name),
                "declare `errors:` in the API's shared file",
            );
            return;
        };
        if !cat.key.numeric() {
            self.diags.error(
                "unknown-code",
                at.clone(),
                format!(
                    "error code {code} is used, but catalogue `{}` is keyed by string codes (`key: {}`)",
                    cat.name,
                    cat.key.id()
                ),
                "a client rule's `error:` names a numeric code: remove it (string codes are read back from responses)",
            );
            return;
        }
        match cat.codes.iter().find(|c| c.code == code) {
            None => {
                let near: Vec<String> = cat.codes.iter().map(|c| c.code.to_string()).collect();
                let hint = crate::diag::suggest(&code.to_string(), near.iter().map(String::as_str)).map_or_else(
                    || "add it to the catalogue under `errors.codes`".to_owned(),
                    |s| format!("did you mean {s}?"),
                );
                self.diags.error(
                    "unknown-code",
                    at.clone(),
                    format!("error code {code} is not in catalogue `{}`", cat.name),
                    hint,
                );
            }
            Some(c) if c.server_only => self.diags.error(
                "server-code-used",
                at.clone(),
                format!("error code {code} is marked `check: server`, but a client rule produces it"),
                "mark it `check: client`, or remove the rule",
            ),
            Some(_) => {
                self.codes_used.entry(code).or_insert_with(|| at.clone());
            }
        }
    }

    /// Every client-checkable code is produced by some rule.
    fn check_catalog_coverage(&mut self) {
        let Some(cat) = &self.api.errors else { return };
        let mut used: BTreeSet<u32> = self.codes_used.keys().copied().collect();
        used.extend(cat.default);
        for c in &cat.codes {
            if !c.server_only && !used.contains(&c.code) {
                self.diags.error(
                    "unused-code",
                    c.loc.clone(),
                    format!("code {} is client-checkable, but no rule of the spec produces it", c.code),
                    "reference it with `error: CODE` on a constraint, an enum or a setting lock, or mark it `check: server`",
                );
            }
        }
    }
}

/// Names a spec type cannot take in this API, with the reason: the items mutaspec
/// generates beside the spec's types, and prelude names the generated code uses.
fn spec_reserved(api: &Api) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for name in [Api::SETTINGS_TYPE, Api::EFFECT_TYPE] {
        out.push((name.to_owned(), "mutaspec generates it in every API module".to_owned()));
    }
    if let Some(cat) = &api.errors {
        out.push((cat.name.clone(), "it is the error catalogue's enum".to_owned()));
    }
    if !api.versions.is_empty() {
        out.push((
            Api::VERSION_TYPE.to_owned(),
            "mutaspec generates it for the API's `versions:`".to_owned(),
        ));
    }
    for ep in &api.endpoints {
        for name in ep.generated_names() {
            out.push((name, format!("mutaspec generates it for endpoint `{}`", ep.name)));
        }
    }
    let mut memo = BTreeMap::new();
    for t in &api.types {
        if api.reads_current(None, &t.name, &mut memo) {
            out.push((
                snapshot_name(&t.name),
                format!("mutaspec generates it: the current-resource snapshot of `{}`", t.name),
            ));
        }
    }
    for ep in &api.endpoints {
        let mut memo = BTreeMap::new();
        for t in &ep.types {
            if api.reads_current(Some(ep), &t.name, &mut memo) {
                out.push((
                    snapshot_name(&t.name),
                    format!("mutaspec generates it: the current-resource snapshot of `{}`", t.name),
                ));
            }
        }
    }
    for name in super::names::PRELUDE {
        out.push((name.to_owned(), "a Rust prelude name the generated code uses".to_owned()));
    }
    out
}

/// Where a field's rule is written, and how to name it.
fn rule_place(f: &Field) -> (&'static str, &'static str) {
    match f.rule {
        UpdateRule::Conditional { .. } => ("when", "`when:`"),
        UpdateRule::SetOnce => ("rule", "`rule: set_once`"),
        UpdateRule::Identifying => ("rule", "`rule: identifying`"),
        UpdateRule::IncreaseOnly | UpdateRule::DecreaseOnly | UpdateRule::AppendOnly | UpdateRule::SetOnceKeys => {
            ("rule", "the named pattern")
        }
        UpdateRule::Mutable | UpdateRule::NotUpdatable | UpdateRule::Ignored => match &f.transitions {
            Some(t) if t.moves.is_empty() => ("provider_only", "`provider_only:`"),
            Some(_) => ("transitions", "`transitions:`"),
            None if f.state_conditions().next().is_some() => ("while", "`while:`"),
            None => ("rule", "the rule"),
        },
    }
}

/// Why a request never carries a field (its struct has no such field), if it does not.
fn unsendable(f: &Field) -> Option<&'static str> {
    if f.rule == UpdateRule::NotUpdatable {
        Some("`not_updatable`")
    } else if f.output_only {
        Some("`output_only`")
    } else {
        None
    }
}
