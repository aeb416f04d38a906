//! Objects and their fields: dotted paths, inline types, rules, locks and constraints.
//!
//! Checks here look at one field at a time. Checks that relate a field to another (the
//! discriminator of a conditional field, the item field of `unique_by`, error codes) run
//! over the finished model in `check`.

use super::types::{self, Scope};
use super::{names, At, MAX_FIELDS, MAX_TYPE_DEPTH};
use crate::diag::Loc;
use crate::diag::{Diagnostics, Label};
use crate::model::{
    Clear, Constrained, Constraint, ConstraintKind, EffectWhile, EnumDef, EnumValue, Field, Format, Group, GroupKind, Lock, Member, Merge,
    Object, StateCondition, Tagged, TaggedVariant, Transitions, Ty, TypeDef, TypeKind, UpdateRule,
};
use crate::raw::{self, OrderedMap, RawField, RawFieldSpec, RawFile};
use crate::source::KeySeg;

/// The hint of every unusable type name.
const TYPE_NAME_HINT: &str = "type names become Rust types: rename it, and its uses, in UpperCamelCase";

/// The hint of every type nested too deep.
pub(super) const DEPTH_HINT: &str =
    "rustc fails on the generated types from about 60 levels, so mutaspec accepts 32 levels of objects, arrays and maps: flatten the structure";

/// The hint of a bound that is not a number.
const NUMBER_HINT: &str = "write the bound as a number, e.g. `min: 0` or `max: \"1050.00\"`";

/// The hint of every invalid pattern.
pub(super) const PATTERN_HINT: &str =
    "patterns take literals, `.`, `[...]` classes, `\\d` `\\w` `\\s`, `\\` escapes, `(...)` groups, `|`, `^` `$` and `{n}` `{n,m}` `{n,}` `?` `*` `+` (README, \"Patterns\")";

/// The message of an invalid pattern, located at the offending byte when the runtime
/// names it (`invalid pattern at byte 3: ...`) and the pattern's line shows it verbatim.
pub(super) fn pattern_error(text: &str, why: &str, at: &At<'_>) -> (crate::diag::Loc, String) {
    let located = why
        .strip_prefix("invalid pattern at byte ")
        .and_then(|r| r.split_once(": "))
        .and_then(|(n, what)| Some((text.get(..n.parse::<usize>().ok()?)?, what)));
    let Some((before, what)) = located else {
        return (at.value(), format!("invalid pattern `{text}`: {why}"));
    };
    let len = text[before.len()..].chars().next().map_or(1, char::len_utf8);
    (at.value_at(text, before.len(), len), format!("invalid pattern `{text}`: {what}"))
}

/// Resolves the `types:` of a file; inline types found inside are returned too.
pub(super) fn named_types(raw: &RawFile, at: &At<'_>, scope: &Scope<'_>, diags: &mut Diagnostics) -> Vec<TypeDef> {
    let mut sink = Vec::new();
    for (name, t) in raw.types.iter() {
        let here = at.at("types").at(name.as_str());
        if let Err(why) = names::checked_type(name) {
            diags.error("bad-name", here.key(), format!("type name is unusable: {why}"), TYPE_NAME_HINT);
            continue;
        }
        let kind = match (&t.fields, &t.values) {
            (Some(fields), None) => {
                if t.error.is_some() {
                    diags.error(
                        "misplaced-key",
                        here.at("error").key(),
                        format!("`error` applies to enums; `{name}` is an object"),
                        "remove it",
                    );
                }
                let mut cx = FieldResolver {
                    scope,
                    sink: &mut sink,
                    diags,
                    in_body: false,
                };
                if t.labels.is_some() {
                    cx.diags.error(
                        "misplaced-key",
                        here.at("labels").key(),
                        "`labels:` names the values of an enum; this type is an object",
                        "remove `labels:`, or move it to the enum whose values it labels",
                    );
                }
                let nodes = group(fields.iter().map(|(k, v)| (k, v, here.at("fields").at(k.as_str()))), cx.diags);
                let mut object = cx.object(nodes, name);
                object.groups = groups(&t.groups, &here.at("groups"), cx.diags);
                object.open = open_object(&object, t.open, cx.diags);
                TypeKind::Object(object)
            }
            (None, Some(values)) if !t.groups.is_empty() => {
                diags.error(
                    "misplaced-key",
                    here.at("groups").key(),
                    format!("`groups:` relates fields of an object; `{name}` is an enum"),
                    "remove it, or move it to the object whose fields it names",
                );
                continue;
            }
            (None, Some(values)) => match enum_def(
                values,
                (t.labels.as_ref(), t.available.as_ref()),
                t.open.unwrap_or(false),
                t.error,
                &here,
                diags,
            ) {
                Some(e) => TypeKind::Enum(e),
                None => continue,
            },
            _ => {
                diags.error(
                    "bad-type",
                    here.key(),
                    format!("type `{name}` needs exactly one of `fields:` (an object) or `values:` (an enum)"),
                    "an object type lists `fields: { name: type }`, an enum type lists `values: [A, B]`",
                );
                continue;
            }
        };
        sink.push(TypeDef {
            name: name.clone(),
            docs: t.docs.clone(),
            kind,
            inline: false,
            loc: here.key(),
        });
    }
    sink
}

/// Resolves an endpoint's `body:` into its request object.
pub(super) fn body(
    fields: &OrderedMap<RawField>,
    at: &At<'_>,
    scope: &Scope<'_>,
    sink: &mut Vec<TypeDef>,
    diags: &mut Diagnostics,
) -> Object {
    let mut cx = FieldResolver {
        scope,
        sink,
        diags,
        in_body: true,
    };
    let nodes = group(fields.iter().map(|(k, v)| (k, v, at.at(k.as_str()))), cx.diags);
    cx.object(nodes, "")
}

/// Resolves an endpoint's `current:`: resource fields the body does not carry, each a
/// type expression or a mapping with `type`, `values`, `labels`, `fields`, `name`,
/// `rust` and `docs` only (a snapshot's value is read, never sent or checked: rules,
/// constraints, locks and the like have nothing to apply to). Inline types are named
/// `Current<Field>`.
pub(super) fn current(
    fields: &OrderedMap<RawField>,
    at: &At<'_>,
    scope: &Scope<'_>,
    sink: &mut Vec<TypeDef>,
    diags: &mut Diagnostics,
) -> Vec<Field> {
    for (wire, f) in fields.iter() {
        let RawField::Full(spec) = f else { continue };
        let here = at.at(wire.as_str());
        for key in request_only_keys(spec) {
            diags.error(
                "misplaced-key",
                here.at(key).key(),
                format!("`{key}` does not apply to a `current:` field: the resource has it, a request never sends it"),
                "a `current:` field takes `type`, `values`, `labels`, `fields`, `name`, `rust` and `docs`: remove it",
            );
        }
    }
    let mut cx = FieldResolver {
        scope,
        sink,
        diags,
        in_body: true,
    };
    let nodes = group(fields.iter().map(|(k, v)| (k, v, at.at(k.as_str()))), cx.diags);
    cx.object(nodes, "Current").fields
}

/// The keys of a field mapping that only a request's field takes.
fn request_only_keys(spec: &RawFieldSpec) -> Vec<&'static str> {
    let set = [
        ("open", spec.open.is_some()),
        ("error", spec.error.is_some()),
        ("aliases", !spec.aliases.is_empty()),
        ("rule", spec.rule.is_some()),
        ("when", spec.when.is_some()),
        ("locked_by", !spec.locked_by.is_empty()),
        ("merge", spec.merge.is_some()),
        ("key", spec.key.is_some()),
        ("sensitive", spec.sensitive.is_some()),
        ("effects", !spec.effects.is_empty()),
        ("output_only", spec.output_only.is_some()),
        ("format", spec.format.is_some()),
        ("min_length", spec.min_length.is_some()),
        ("max_length", spec.max_length.is_some()),
        ("min_items", spec.min_items.is_some()),
        ("max_items", spec.max_items.is_some()),
        ("min", spec.min.is_some()),
        ("max", spec.max.is_some()),
        ("after", spec.after.is_some()),
        ("before", spec.before.is_some()),
        ("pattern", spec.pattern.is_some()),
        ("required", spec.required.is_some()),
        ("unique_by", spec.unique_by.is_some()),
        ("check", spec.check.is_some()),
        ("items", spec.items.is_some()),
        ("keys", spec.keys.is_some()),
    ];
    set.iter().filter(|(_, on)| *on).map(|(k, _)| *k).collect()
}

fn enum_def(
    values: &[String],
    (labels, available): (Option<&OrderedMap<String>>, Option<&OrderedMap<crate::raw::RawAvailability>>),
    open: bool,
    error: Option<u32>,
    at: &At<'_>,
    diags: &mut Diagnostics,
) -> Option<EnumDef> {
    if open && error.is_some() {
        // No value is refused, so the code would never be produced.
        diags.error(
            "misplaced-key",
            at.at("error").key(),
            "an open enum accepts every value: its `error:` code is never produced",
            "remove `error:`, or `open: true` if values outside the list are refused",
        );
        return None;
    }
    if values.is_empty() {
        diags.error(
            "bad-type",
            at.at("values").value(),
            "an enum needs at least one value",
            "list the documented values: `values: [A, B]`",
        );
        return None;
    }
    let mut out: Vec<EnumValue> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let here = at.at("values").at(i);
        let rust = match names::type_name(v) {
            Ok(r) => r,
            Err(why) => {
                diags.error(
                    "bad-name",
                    here.value(),
                    format!("enum value gives no Rust variant: {why}"),
                    "enum values are ASCII words (letters, digits, `_`, `-`, spaces) that make an UpperCamelCase variant",
                );
                continue;
            }
        };
        if rust == "Unrecognized" {
            diags.error(
                "reserved-name",
                here.value(),
                "`Unrecognized` is the variant for values outside the enum",
                "this value cannot be expressed; report it",
            );
            continue;
        }
        if let Some(prev) = out.iter().find(|p| p.wire == *v || p.rust == rust) {
            let what = if prev.wire == *v {
                format!("value `{v}` is listed twice")
            } else {
                format!("values `{}` and `{v}` both become variant `{rust}`", prev.wire)
            };
            diags.error("duplicate-value", here.value(), what, "each value appears once");
            continue;
        }
        let label = labels.and_then(|l| l.0.iter().find(|(k, _)| k == v)).map(|(_, l)| l.clone());
        let available = available
            .and_then(|l| l.0.iter().find(|(k, _)| k == v))
            .map(|(_, a)| crate::model::Availability {
                since: a.since.clone(),
                until: a.until.clone(),
            })
            .unwrap_or_default();
        out.push(EnumValue {
            wire: v.clone(),
            rust,
            available,
            label,
        });
    }
    for (k, _) in available.map_or(&[][..], |l| l.0.as_slice()) {
        if !values.contains(k) {
            diags.error(
                "bad-version",
                at.at("available").at(k.as_str()).key(),
                format!("`{k}` is not a value of the enum: its versions apply to nothing"),
                crate::diag::did_you_mean(k, values.iter().map(String::as_str)),
            );
        }
    }
    for (k, _) in labels.map_or(&[][..], |l| l.0.as_slice()) {
        if !values.contains(k) {
            diags.error(
                "bad-label",
                at.at("labels").at(k.as_str()).key(),
                format!("`{k}` is not a value of the enum: its label labels nothing"),
                crate::diag::did_you_mean(k, values.iter().map(String::as_str)),
            );
        }
    }
    Some(EnumDef { values: out, open, error })
}

/// A wire name in a dotted path, with what declares it.
struct Node<'r, 's> {
    wire: String,
    list: bool,
    decl: Option<(&'r RawField, At<'s>)>,
    children: Vec<Node<'r, 's>>,
    first: At<'s>,
}

/// Groups `key: field` entries into a tree, splitting dotted keys.
fn group<'r, 's>(entries: impl Iterator<Item = (&'r String, &'r RawField, At<'s>)>, diags: &mut Diagnostics) -> Vec<Node<'r, 's>> {
    let mut nodes = Vec::new();
    for (key, raw, at) in entries {
        let segs: Vec<&str> = key.split('.').collect();
        if segs
            .iter()
            .any(|s| s.trim_end_matches("[]").is_empty() || s.trim_end_matches("[]").contains(['[', ']']))
        {
            diags.error(
                "bad-path",
                at.key(),
                format!("`{key}` is not a valid field path"),
                "write `a.b.c`, with `[]` after an array of objects: `cards[].id`",
            );
            continue;
        }
        // Refused before `insert` recurses once per segment.
        if segs.len() > MAX_TYPE_DEPTH + 1 {
            diags.error(
                "too-deep-type",
                at.key(),
                format!(
                    "`{}...` nests {} objects, more than {MAX_TYPE_DEPTH}",
                    segs[..3].join("."),
                    segs.len() - 1
                ),
                DEPTH_HINT,
            );
            continue;
        }
        insert(&mut nodes, &segs, raw, at, diags);
    }
    nodes
}

fn insert<'r, 's>(nodes: &mut Vec<Node<'r, 's>>, segs: &[&str], raw: &'r RawField, at: At<'s>, diags: &mut Diagnostics) {
    let Some((head, rest)) = segs.split_first() else { return };
    let (name, list) = match head.strip_suffix("[]") {
        Some(n) => (n, true),
        None => (*head, false),
    };
    if rest.is_empty() && list {
        diags.error(
            "bad-path",
            at.key(),
            format!("`{head}` ends a path with `[]`"),
            "`[]` marks an array of objects inside a path; for an array field write `type: T[]`",
        );
        return;
    }
    let idx = match nodes.iter().position(|n| n.wire == name) {
        Some(i) => i,
        None => {
            nodes.push(Node {
                wire: name.to_owned(),
                list,
                decl: None,
                children: Vec::new(),
                first: at.clone(),
            });
            nodes.len() - 1
        }
    };
    let node = &mut nodes[idx];
    if !rest.is_empty() && node.list != list && (!node.children.is_empty() || node.decl.is_some()) {
        diags.error(
            "bad-path",
            at.key(),
            format!("`{name}` is an array of objects in one path and a plain object in another"),
            "write `[]` after it in every path, or in none",
        );
        return;
    }
    node.list |= list;
    if rest.is_empty() {
        if let Some((_, first)) = &node.decl {
            diags.error_with_labels(
                "duplicate-field",
                at.key(),
                format!("field `{name}` is declared twice"),
                "merge the two declarations",
                [Label::new(first.key(), "first declared here")],
            );
            return;
        }
        node.decl = Some((raw, at));
    } else {
        insert(&mut node.children, rest, raw, at, diags);
    }
}

/// Merges dotted children into the nodes of an inline `fields:`.
fn merge_nodes<'r, 's>(into: &mut Vec<Node<'r, 's>>, from: Vec<Node<'r, 's>>, diags: &mut Diagnostics) {
    for n in from {
        match into.iter_mut().find(|m| m.wire == n.wire) {
            None => into.push(n),
            Some(m) => {
                match (&m.decl, n.decl) {
                    (Some((_, first)), Some((_, second))) => {
                        diags.error_with_labels(
                            "duplicate-field",
                            second.key(),
                            format!("field `{}` is declared twice", n.wire),
                            "merge the two declarations",
                            [Label::new(first.key(), "first declared here")],
                        );
                    }
                    (None, Some(d)) => m.decl = Some(d),
                    _ => {}
                }
                m.list |= n.list;
                merge_nodes(&mut m.children, n.children, diags);
            }
        }
    }
}

struct FieldResolver<'a, 'b> {
    scope: &'a Scope<'a>,
    sink: &'b mut Vec<TypeDef>,
    diags: &'b mut Diagnostics,
    /// Resolving an endpoint's `body:` (its inline types included), not `types:`.
    in_body: bool,
}

impl FieldResolver<'_, '_> {
    /// An object's fields.
    fn object(&mut self, mut nodes: Vec<Node<'_, '_>>, owner: &str) -> Object {
        if let Some(extra) = nodes.get(MAX_FIELDS) {
            self.diags.error(
                "too-many-fields",
                extra.first.key(),
                format!("`{}` is field {} of one object; an object has at most {MAX_FIELDS}", extra.wire, MAX_FIELDS + 1),
                format!("rustc fails on the generated code of objects with about 1,500 fields: group fields into nested objects of at most {MAX_FIELDS}"),
            );
            nodes.truncate(MAX_FIELDS);
        }
        let mut fields: Vec<Field> = Vec::new();
        for node in nodes {
            let Some(f) = self.field(node, owner) else { continue };
            if let Some(prev) = fields.iter().find(|p| p.rust == f.rust) {
                self.diags.error(
                    "name-collision",
                    f.loc.clone(),
                    format!("fields `{}` and `{}` both become `{}` in Rust", prev.wire, f.wire, f.rust),
                    format!(
                        "give one of them another Rust name with `rust: <name>` (e.g. `rust: {}_2`)",
                        f.rust.trim_start_matches("r#")
                    ),
                );
            }
            // Kept even when it collides: checks by wire name (`when:`, `if:`) still find it.
            fields.push(f);
        }
        self.check_aliases(&fields);
        Object {
            fields,
            groups: Vec::new(),
            open: false,
        }
    }

    /// A field's `aliases:`: each a name the wire can carry, none its own wire name.
    fn aliases(&mut self, spec: &RawFieldSpec, wire: &str, rule: &UpdateRule, at: &At<'_>) -> Vec<String> {
        if spec.aliases.is_empty() {
            return Vec::new();
        }
        if *rule == UpdateRule::NotUpdatable {
            self.diags.error(
                "bad-alias",
                at.at("aliases").key(),
                "a `not_updatable` field takes no `aliases:`",
                "a request never carries the field: remove `aliases:`",
            );
            return Vec::new();
        }
        let mut out: Vec<String> = Vec::new();
        for (i, a) in spec.aliases.iter().enumerate() {
            let here = at.at("aliases").at(i).value();
            if a.is_empty() || a.chars().any(char::is_control) {
                self.diags.error(
                    "bad-alias",
                    here,
                    "an alias is a non-empty wire name",
                    "write the other spelling the docs give, e.g. `foreignID`",
                );
            } else if a == wire || out.contains(a) {
                self.diags.error(
                    "bad-alias",
                    here,
                    format!("`{a}` is already a name of this field"),
                    "remove the repeated alias",
                );
            } else {
                out.push(a.clone());
            }
        }
        out
    }

    /// No two fields of an object share a wire name or alias (JSON could not tell them
    /// apart).
    fn check_aliases(&mut self, fields: &[Field]) {
        for (i, f) in fields.iter().enumerate() {
            for a in &f.aliases {
                let Some(other) = fields
                    .iter()
                    .enumerate()
                    .find(|(j, g)| *j != i && (g.wire == *a || (*j < i && g.aliases.contains(a))))
                else {
                    continue;
                };
                self.diags.error_with_labels(
                    "bad-alias",
                    f.loc.clone(),
                    format!("alias `{a}` of field `{}` is also a name of field `{}`", f.wire, other.1.wire),
                    "each wire name, alias or not, belongs to one field: remove the alias",
                    [crate::diag::Label::new(other.1.loc.clone(), "that field")],
                );
            }
        }
    }

    fn field(&mut self, node: Node<'_, '_>, owner: &str) -> Option<Field> {
        let Node {
            wire,
            list,
            decl,
            children,
            first,
        } = node;
        let default_spec = RawFieldSpec::default();
        let (spec, at, short) = match &decl {
            None => (&default_spec, first, None),
            Some((RawField::Short(s), at)) => (&default_spec, at.clone(), Some(s.as_str())),
            Some((RawField::Full(b), at)) => (&**b, at.clone(), None),
        };
        let rust = match spec.rust.as_deref().map_or_else(|| names::field_name(&wire), names::checked_field) {
            Ok(r) => r,
            Err(why) => {
                let place = if spec.rust.is_some() { at.at("rust").value() } else { at.key() };
                self.diags.error(
                    "bad-name",
                    place,
                    format!("field `{wire}` has no usable Rust name: {why}"),
                    "name it with `rust: <snake_case_name>`",
                );
                return None;
            }
        };
        let rule = self.rule(spec, &at);
        self.check_output_only(spec, &at);
        let declared = spec.ty.is_some() || short.is_some() || spec.fields.is_some() || spec.values.is_some() || !children.is_empty();
        let ty = self.field_type(&wire, list, spec, short, children, &rule, &at, owner);
        // A type that failed is reported already: what depends on it is not checked, or
        // every constraint would add "applies to ..., not `no type`".
        let failed = ty.is_none() && (declared || rule != UpdateRule::NotUpdatable);
        let (merge, constraints) = if failed {
            (Merge::Merge, Vec::new())
        } else {
            (self.merge(spec, ty.as_ref(), &at), self.constraints(spec, ty.as_ref(), &at))
        };
        if rule == UpdateRule::NotUpdatable {
            self.check_never_sent(&constraints, spec, &at);
        }
        if rule == UpdateRule::Ignored {
            self.check_ignored(&constraints, spec, &at);
        }
        let locks = spec
            .locked_by
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let here = at.at("locked_by").at(i);
                Lock {
                    setting: l.setting.clone(),
                    when: pairs(&l.when),
                    loc: here.value(),
                    yaml: here.path.clone(),
                    state: state_conditions(&l.state, &here),
                }
            })
            .collect();
        let (state, transitions) = self.state_and_transitions(spec, &at);
        let aliases = self.aliases(spec, &wire, &rule, &at);
        if spec.available.is_some() && spec.values.is_none() {
            self.diags.error(
                "misplaced-key",
                at.at("available").key(),
                "`available:` gives the versions of the values of an inline enum (`values:`)",
                "give a field's own versions with `since:` and `until:`, or put `available:` on the enum type",
            );
        }
        let clear = if failed { None } else { self.clear(spec, ty.as_ref(), &rule, &at) };
        let clear_entries = !failed && self.clear_entries(spec, ty.as_ref(), &rule, &at);
        if spec.labels.is_some() && spec.values.is_none() {
            self.diags.error(
                "misplaced-key",
                at.at("labels").key(),
                "`labels:` names the values of an inline enum (`values:`)",
                "remove `labels:`, or put it on the enum type whose values it labels",
            );
        }
        Some(Field {
            wire,
            rust,
            aliases,
            clear,
            clear_entries,
            ty,
            rule,
            locks,
            merge,
            key: spec.key.clone(),
            sensitive: spec.sensitive.unwrap_or(false),
            effects: spec.effects.iter().map(|e| e.effect.clone()).collect(),
            effects_while: effects_while(spec, &at),
            output_only: spec.output_only.unwrap_or(false),
            constraints,
            docs: spec.docs.clone(),
            loc: at.key(),
            yaml: at.path.clone(),
            state,
            transitions,
            available: crate::model::Availability {
                since: spec.since.clone(),
                until: spec.until.clone(),
            },
        })
    }

    /// The field's own state conditions (`while:`) and transitions. Both read the
    /// current resource's snapshot of the object the field is in, at any depth (the
    /// names a `while:` uses are resolved by the checks, once every type is known).
    fn state_and_transitions(&mut self, spec: &RawFieldSpec, at: &At<'_>) -> (Vec<StateCondition>, Option<Transitions>) {
        let state = spec.state.as_ref().map(|m| state_conditions(m, at)).unwrap_or_default();
        let transitions = (spec.transitions.is_some() || spec.provider_only.is_some()).then(|| Transitions {
            moves: spec.transitions.as_ref().map(|m| m.0.clone()).unwrap_or_default(),
            provider_only: spec.provider_only.clone().unwrap_or_default(),
            loc: if spec.transitions.is_some() {
                at.at("transitions").key()
            } else {
                at.at("provider_only").key()
            },
        });
        (state, transitions)
    }

    /// The state conditions of the field's side effects (`{ effect, while }`): read
    /// from the current resource, so top-level fields of `body:` only (`nested-state`
    /// below, as a field's own `while:`).
    /// Whether the field's `name:` (of its inline type), if any, is a usable type name;
    /// reports it when not.
    fn usable_type_name(&mut self, spec: &RawFieldSpec, at: &At<'_>) -> bool {
        let Some(n) = &spec.name else { return true };
        let Err(why) = names::checked_type(n) else { return true };
        self.diags.error(
            "bad-name",
            at.at("name").value(),
            format!("type name is unusable: {why}"),
            TYPE_NAME_HINT,
        );
        false
    }

    fn rule(&mut self, spec: &RawFieldSpec, at: &At<'_>) -> UpdateRule {
        let rule = spec.rule.as_deref();
        let named = rule
            .and_then(|n| UpdateRule::NAMED.iter().find(|(x, _)| *x == n))
            .map(|(_, r)| r.clone());
        let base = match (rule, named) {
            (None, _) => UpdateRule::Mutable,
            (Some(_), Some(r)) => r,
            (Some("conditional"), None) => {
                self.diags.error(
                    "bad-rule",
                    at.at("rule").value(),
                    "a conditional rule is written with `when:`",
                    "replace `rule: conditional` by `when: { <discriminator>: <VALUE> }`",
                );
                UpdateRule::Mutable
            }
            (Some(other), None) => {
                let hint = crate::diag::did_you_mean(other, UpdateRule::NAMED.iter().map(|(n, _)| *n));
                self.diags
                    .error("bad-rule", at.at("rule").value(), format!("unknown update rule `{other}`"), hint);
                UpdateRule::Mutable
            }
        };
        let Some(when) = &spec.when else { return base };
        if base != UpdateRule::Mutable {
            self.diags.error(
                "conflicting-rules",
                at.at("when").key(),
                format!(
                    "a field has exactly one update rule, and this one has both `{}` and a `when:` condition",
                    base.id()
                ),
                "remove `rule:` (a conditional field is mutable when its condition holds) or remove `when:`",
            );
            return base;
        }
        match when.0.as_slice() {
            [(disc, value)] => UpdateRule::Conditional {
                discriminator: disc.clone(),
                value: value.clone(),
            },
            _ => {
                self.diags.error(
                    "bad-rule",
                    at.at("when").value(),
                    "`when:` names exactly one discriminator",
                    "write `when: { type: INDIVIDUAL }`",
                );
                base
            }
        }
    }

    /// A not-updatable field is never in a request: a constraint, lock or side effect on
    /// it would be documented and never checked.
    fn check_never_sent(&mut self, constraints: &[Constraint], spec: &RawFieldSpec, at: &At<'_>) {
        if let Some((key, loc)) = first_checked_key(constraints, spec, at) {
            self.diags.error(
                "never-checked",
                loc,
                format!("`{key}` on a `not_updatable` field is never checked: a request never carries the field"),
                "remove it (the field's `docs:` can say what the provider documents)",
            );
        }
    }

    /// The provider ignores an `ignored` field: nothing refuses it, so a constraint, lock
    /// or side effect on it would contradict the rule.
    fn check_ignored(&mut self, constraints: &[Constraint], spec: &RawFieldSpec, at: &At<'_>) {
        if let Some((key, loc)) = first_checked_key(constraints, spec, at) {
            self.diags.error(
                "ignored-checked",
                loc,
                format!(
                    "`{key}` on an `ignored` field: the provider accepts the field and ignores it, so nothing refuses or triggers anything"
                ),
                "remove it, or give the field the rule the docs give if it is not ignored",
            );
        }
    }

    /// A request body is what the caller sends: an output-only field has no place in it.
    /// A field's `clear:`: `null`, or a sentinel its wire kind can carry (`""` on a
    /// string, decimal, date, enum, object, array or map), on a field a caller sends.
    fn clear(&mut self, spec: &RawFieldSpec, ty: Option<&Ty>, rule: &UpdateRule, at: &At<'_>) -> Option<Clear> {
        let raw = spec.clear.as_ref()?;
        let here = at.at("clear").value();
        if *rule == UpdateRule::NotUpdatable || spec.output_only == Some(true) {
            let what = if *rule == UpdateRule::NotUpdatable {
                "a `not_updatable`"
            } else {
                "an `output_only`"
            };
            self.diags.error(
                "bad-clear",
                at.at("clear").key(),
                format!("{what} field takes no `clear:`"),
                "a request never carries the field, so it cannot clear it: remove `clear:`",
            );
            return None;
        }
        let sentinel = match raw {
            raw::RawClear::Null => return Some(Clear::Null),
            raw::RawClear::Other(what) => {
                self.diags.error(
                    "bad-clear",
                    here,
                    format!("`clear:` takes `null` or a sentinel string, not {what}"),
                    "write `clear: null` (the API removes the value on `null`) or `clear: \"\"` (on `\"\"`)",
                );
                return None;
            }
            raw::RawClear::Text(t) => t,
        };
        if !sentinel.is_empty() {
            self.diags.error(
                "bad-clear",
                here,
                format!("unsupported clearing sentinel {sentinel:?}"),
                "the sentinels known are `null` and `\"\"`: write `clear: null` or `clear: \"\"`",
            );
            return None;
        }
        let numeric = |t: &Ty| matches!(t, Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Boolean);
        if let Some(t) = ty.filter(|t| numeric(t)) {
            self.diags.error(
                "bad-clear",
                here,
                format!(
                    "a field of type `{}` cannot carry the sentinel `\"\"` (its wire kind is not a string)",
                    t.spec_text()
                ),
                "clear it with `clear: null` if the API removes it on `null`, or remove `clear:`",
            );
            return None;
        }
        Some(Clear::Sentinel(sentinel.clone()))
    }

    /// A map field's `clear_entries: null`: an entry sent as `null` deletes its key. On a
    /// map a caller sends, neither sensitive nor checked against the current resource.
    fn clear_entries(&mut self, spec: &RawFieldSpec, ty: Option<&Ty>, rule: &UpdateRule, at: &At<'_>) -> bool {
        let Some(raw) = &spec.clear_entries else { return false };
        let refuse = |diags: &mut Diagnostics, msg: String, hint: &str| {
            diags.error("bad-clear", at.at("clear_entries").key(), msg, hint);
            false
        };
        if *raw != raw::RawClear::Null {
            return refuse(
                self.diags,
                "`clear_entries:` takes `null` only (an entry sent as `null` deletes its key)".to_owned(),
                "write `clear_entries: null`; a form-encoded body sends a `null` entry as `key=`",
            );
        }
        if !matches!(ty, Some(Ty::Map(_))) {
            let what = ty.map_or_else(|| "no type".to_owned(), |t| format!("`{}`", t.spec_text()));
            return refuse(
                self.diags,
                format!("`clear_entries:` is for a map field (`map<T>`), not {what}"),
                "remove it, or use `clear:` to clear the whole field",
            );
        }
        let why = match rule {
            UpdateRule::NotUpdatable => Some("a `not_updatable` field is never sent"),
            UpdateRule::SetOnce | UpdateRule::Identifying => Some("a set-once or identifying map is compared whole with the current one"),
            UpdateRule::SetOnceKeys => Some("a `set_once_keys` map keeps its keys: no entry may be deleted"),
            UpdateRule::Mutable
            | UpdateRule::Ignored
            | UpdateRule::Conditional { .. }
            | UpdateRule::IncreaseOnly
            | UpdateRule::DecreaseOnly
            | UpdateRule::AppendOnly => None,
        };
        let why = why
            .or_else(|| (spec.output_only == Some(true)).then_some("an `output_only` field is never sent"))
            .or_else(|| (spec.sensitive == Some(true)).then_some("not supported on a sensitive map yet"));
        if let Some(why) = why {
            return refuse(
                self.diags,
                format!("this field takes no `clear_entries:`: {why}"),
                "remove `clear_entries:`",
            );
        }
        true
    }

    fn check_output_only(&mut self, spec: &RawFieldSpec, at: &At<'_>) {
        if self.in_body && spec.output_only == Some(true) {
            self.diags.error(
                "output-only-in-body",
                at.at("output_only").key(),
                "an `output_only` field is set by the provider only, and `body:` is what the caller sends",
                "output-only fields belong in response types: move it to the type `response: { type: T }` names, or remove it",
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn field_type(
        &mut self,
        wire: &str,
        list: bool,
        spec: &RawFieldSpec,
        short: Option<&str>,
        children: Vec<Node<'_, '_>>,
        rule: &UpdateRule,
        at: &At<'_>,
        owner: &str,
    ) -> Option<Ty> {
        let inline_object = spec.fields.is_some() || !children.is_empty();
        let inline_name = || {
            spec.name
                .clone()
                .unwrap_or_else(|| names::derived_type(format!("{owner}{}", names::camel(wire))))
        };
        if let Some(u) = &spec.union {
            return self.tagged(wire, spec, u, at, inline_name());
        }
        if spec.name.is_some() && !inline_object && spec.values.is_none() {
            self.diags.error(
                "misplaced-key",
                at.at("name").key(),
                "`name:` names an inline type; this field has none",
                "use `rust:` to rename the field itself",
            );
        }
        if !self.usable_type_name(spec, at) {
            return None;
        }
        if ((spec.open.is_some() && !inline_object) || spec.error.is_some()) && spec.values.is_none() {
            let (key, applies) = if spec.error.is_some() {
                ("error", "inline enums (`values:`)")
            } else {
                ("open", "inline enums (`values:`) and inline objects (`fields:`)")
            };
            self.diags.error(
                "misplaced-key",
                at.at(key).key(),
                format!("`{key}` applies to {applies}"),
                "put it on the type, or use `error:` inside a constraint",
            );
        }
        if !spec.groups.is_empty() && !inline_object {
            self.diags.error(
                "misplaced-key",
                at.at("groups").key(),
                "`groups:` relates fields of an inline object (`fields:`); this field has none",
                "put `groups:` on the object type the field refers to",
            );
        }
        if inline_object && spec.values.is_some() {
            self.diags.error(
                "bad-type",
                at.key(),
                format!("field `{wire}` has both `fields:` and `values:`"),
                "an inline type is an object or an enum, not both",
            );
            return None;
        }
        if let Some(s) = short {
            if !children.is_empty() {
                self.dotted_into_typed(wire, s, &children, at);
                return None;
            }
            // A short field's value is the type expression itself.
            return types::parse(s, self.scope, at, self.diags);
        }
        if inline_object {
            let is_list = match spec.ty.as_deref() {
                None => list,
                Some("object") if !list => false,
                Some("object[]") => true,
                Some(other) if spec.fields.is_none() => {
                    self.dotted_into_typed(wire, other, &children, at);
                    return None;
                }
                Some(other) => {
                    self.diags.error(
                        "bad-type",
                        at.at("type").value(),
                        format!("a field with inline `fields:` has type `object` or `object[]`, not `{other}`"),
                        "drop `type:`, or drop `fields:` and refer to a named type",
                    );
                    return None;
                }
            };
            let name = inline_name();
            let mut nodes = match &spec.fields {
                Some(f) => group(f.iter().map(|(k, v)| (k, v, at.at("fields").at(k.as_str()))), self.diags),
                None => Vec::new(),
            };
            merge_nodes(&mut nodes, children, self.diags);
            let mut object = self.object(nodes, &name);
            object.groups = groups(&spec.groups, &at.at("groups"), self.diags);
            object.open = open_object(&object, spec.open, self.diags);
            self.sink.push(TypeDef {
                name: name.clone(),
                docs: spec.docs.clone(),
                kind: TypeKind::Object(object),
                inline: true,
                loc: at.key(),
            });
            let named = Ty::Named(name);
            return Some(if is_list { Ty::List(Box::new(named)) } else { named });
        }
        if let Some(values) = &spec.values {
            let is_list = match spec.ty.as_deref() {
                None | Some("enum") => false,
                Some("enum[]") => true,
                Some(other) => {
                    self.diags.error(
                        "bad-type",
                        at.at("type").value(),
                        format!("a field with inline `values:` has type `enum` or `enum[]`, not `{other}`"),
                        "drop `type:`",
                    );
                    return None;
                }
            };
            let def = enum_def(
                values,
                (spec.labels.as_ref(), spec.available.as_ref()),
                spec.open.unwrap_or(false),
                spec.error,
                at,
                self.diags,
            )?;
            let name = inline_name();
            self.sink.push(TypeDef {
                name: name.clone(),
                docs: spec.docs.clone(),
                kind: TypeKind::Enum(def),
                inline: true,
                loc: at.key(),
            });
            let named = Ty::Named(name);
            return Some(if is_list { Ty::List(Box::new(named)) } else { named });
        }
        match spec.ty.as_deref() {
            Some(t) => types::parse(t, self.scope, &at.at("type"), self.diags),
            None if *rule == UpdateRule::NotUpdatable => None,
            None => {
                self.diags.error(
                    "missing-type",
                    at.key(),
                    format!("field `{wire}` has no type"),
                    "add `type: <type>`, or `fields:` / `values:` for an inline type",
                );
                None
            }
        }
    }

    /// A discriminated union (`union: { tag: type, variants: {...} }`): the variants'
    /// Rust names and types here; the tag and the variants' objects are checked once every
    /// type and sibling is known (`Checker::check_tagged`).
    fn tagged(&mut self, wire: &str, spec: &RawFieldSpec, u: &raw::RawUnion, at: &At<'_>, name: String) -> Option<Ty> {
        let here = at.at("union");
        for (key, given) in [
            ("type", spec.ty.is_some()),
            ("fields", spec.fields.is_some()),
            ("values", spec.values.is_some()),
        ] {
            if given {
                self.diags.error(
                    "bad-union",
                    at.at(key).key(),
                    format!("field `{wire}` has both `union:` and `{key}:`"),
                    "a `union:` is the field's type: remove the other",
                );
                return None;
            }
        }
        if !self.usable_type_name(spec, at) {
            return None;
        }
        if u.variants.0.is_empty() {
            self.diags.error(
                "bad-union",
                here.at("variants").value(),
                format!("the union `{wire}` has no variants"),
                "list each tag value and the object type it selects: `variants: { individuals: IndividualAttributes }`",
            );
            return None;
        }
        let mut variants: Vec<TaggedVariant> = Vec::new();
        let mut ok = true;
        for (value, ty) in &u.variants.0 {
            let vat = here.at("variants").at(value.as_str());
            let rust = match names::type_name(value) {
                Ok(r) if r == Tagged::UNTAGGED => {
                    self.diags.error(
                        "bad-union",
                        vat.key(),
                        format!("tag value `{value}` becomes variant `{}`", Tagged::UNTAGGED),
                        "`Untagged` is the variant for a value sent with no tag or a tag naming no variant: the value cannot be declared",
                    );
                    ok = false;
                    continue;
                }
                Ok(r) => r,
                Err(why) => {
                    self.diags.error(
                        "bad-union",
                        vat.key(),
                        format!("tag value gives no Rust variant: {why}"),
                        "tag values are ASCII words (letters, digits, `_`, `-`, spaces) that make an UpperCamelCase variant",
                    );
                    ok = false;
                    continue;
                }
            };
            if let Some(prev) = variants.iter().find(|p| p.rust == rust) {
                self.diags.error(
                    "bad-union",
                    vat.key(),
                    format!("tag values `{}` and `{value}` both become variant `{rust}`", prev.value),
                    "rename one of the values",
                );
                ok = false;
                continue;
            }
            if !self.scope.contains(ty) {
                let hint = match crate::diag::suggest(ty, self.scope.names()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "a variant is an object type declared under `types:`".to_owned(),
                };
                self.diags.error("unknown-type", vat.value(), format!("unknown type `{ty}`"), hint);
                ok = false;
                continue;
            }
            variants.push(TaggedVariant {
                value: value.clone(),
                rust,
                ty: ty.clone(),
            });
        }
        ok.then(|| {
            Ty::Tagged(Box::new(Tagged {
                name,
                tag: u.tag.clone(),
                variants,
                error: u.error,
            }))
        })
    }

    /// A dotted path (`size.height`) adds a field to `size`, which is declared with a type:
    /// reported at the dotted path, the entry that is wrong.
    fn dotted_into_typed(&mut self, wire: &str, ty: &str, children: &[Node<'_, '_>], at: &At<'_>) {
        let Some(child) = children.first() else { return };
        let path = match child.first.path.last() {
            Some(KeySeg::Key(k)) => k.clone(),
            _ => format!("{wire}.{}", child.wire),
        };
        let item = ty.trim().trim_end_matches("[]");
        let hint = if types::PRIMITIVES.contains(&item) || item.starts_with("map<") {
            format!("`{wire}` is a `{ty}`, which has no fields: make it an inline object with `fields:`, or remove its declaration")
        } else {
            format!(
                "declare `{}` in type `{item}`, or make `{wire}` an inline object with `fields:`",
                child.wire
            )
        };
        self.diags.error(
            "bad-path",
            child.first.key(),
            format!("`{path}` adds a field to `{wire}`, which is declared as `{ty}` (at {})", at.key()),
            hint,
        );
    }

    fn merge(&mut self, spec: &RawFieldSpec, ty: Option<&Ty>, at: &At<'_>) -> Merge {
        let default = if matches!(ty, Some(Ty::List(_))) {
            Merge::Replace
        } else {
            Merge::Merge
        };
        let Some(m) = spec.merge.as_deref() else { return default };
        let composite = matches!(ty, Some(Ty::List(_) | Ty::Map(_) | Ty::Named(_)));
        let value = match Merge::ALL.iter().find(|(_, n)| *n == m) {
            Some((mode, _)) => *mode,
            None => {
                let other = m;
                self.diags.error(
                    "bad-merge",
                    at.at("merge").value(),
                    format!("unknown merge mode `{other}`"),
                    crate::diag::did_you_mean(other, Merge::ALL.iter().map(|(_, n)| *n)),
                );
                return default;
            }
        };
        if !composite {
            self.diags.error(
                "bad-merge",
                at.at("merge").key(),
                "`merge:` applies to objects, maps and arrays",
                "remove it: a scalar is always replaced",
            );
        }
        value
    }

    /// A field's constraints: on the value itself (a scalar, or an array's or map's
    /// count), on each element (`items:`, or a value constraint on an array of scalars)
    /// and on each key of a map (`keys:`). Each key takes one constraint or a list of them.
    fn constraints(&mut self, spec: &RawFieldSpec, ty: Option<&Ty>, at: &At<'_>) -> Vec<Constraint> {
        let mut out = Vec::new();
        let shown = ty.map_or_else(|| "no type".to_owned(), Ty::spec_text);
        // The id of `T | string` is a string: its constraints apply when an id is sent.
        let sized = ty.is_some_and(|t| matches!(t, Ty::String | Ty::List(_) | Ty::Map(_) | Ty::OrId(_)));
        let counted = ty.is_some_and(|t| matches!(t, Ty::List(_) | Ty::Map(_)));
        let listed = ty.is_some_and(|t| matches!(t, Ty::List(_)));
        let not = |key: &str, what: &str| {
            Some((
                format!("`{key}` applies to {what}, not `{shown}`"),
                "remove it, or change the field's type".to_owned(),
            ))
        };
        // Value constraints on the field: the value's, or each item's of an array.
        let own = ValueKeys::of_field(spec);
        match ty {
            Some(Ty::Map(_)) => {
                for key in own.present() {
                    self.diags.error(
                        "bad-constraint",
                        at.at(key).key(),
                        format!("`{key}` on a map: a map's values and its keys are constrained apart"),
                        format!("write `items: {{ {key}: ... }}` for each value, or `keys: {{ {key}: ... }}` for each key"),
                    );
                }
            }
            Some(Ty::List(item)) => self.values(&own, Some(item), &shown, Constrained::Items, at, &mut out),
            Some(Ty::OrId(_)) => {
                let shown = format!("the string id of `{shown}`");
                self.values(&own, Some(&Ty::String), &shown, Constrained::Whole, at, &mut out);
            }
            ty => self.values(&own, ty, &shown, Constrained::Whole, at, &mut out),
        }
        // The limits of a free-form JSON value.
        let json = ty == Some(&Ty::Json);
        for key in ["max_depth", "max_bytes"] {
            let raw = if key == "max_depth" {
                spec.max_depth.as_ref()
            } else {
                spec.max_bytes.as_ref()
            };
            let refusal = (!json).then(|| {
                (
                    format!("`{key}` limits a free-form `json` value, not `{shown}`"),
                    "remove it, or type the field `json`".to_owned(),
                )
            });
            self.take(raw, key, at, Constrained::Whole, refusal, &mut out, |_, v, _| {
                Some(if key == "max_depth" {
                    ConstraintKind::MaxDepth(*v)
                } else {
                    ConstraintKind::MaxBytes(*v)
                })
            });
        }
        let min_length = |key: &'static str| {
            move |cx: &mut Self, v: &u64, here: &At<'_>| {
                if *v == 0 {
                    cx.diags.error(
                        "bad-constraint",
                        here.value(),
                        format!("`{key}: 0` says nothing: every length is at least 0"),
                        "remove it",
                    );
                }
                (*v > 0).then_some(ConstraintKind::MinLength(*v))
            }
        };
        let max_length = |_: &mut Self, v: &u64, _: &At<'_>| Some(ConstraintKind::MaxLength(*v));
        let sizes = "strings, arrays and maps";
        let whole = Constrained::Whole;
        self.take(
            spec.min_length.as_ref(),
            "min_length",
            at,
            whole,
            (!sized).then(|| not("min_length", sizes)).flatten(),
            &mut out,
            min_length("min_length"),
        );
        self.take(
            spec.max_length.as_ref(),
            "max_length",
            at,
            whole,
            (!sized).then(|| not("max_length", sizes)).flatten(),
            &mut out,
            max_length,
        );
        // `min_items`/`max_items`: the count of an array or map, as `min_length`/`max_length`
        // count it, under the name that cannot be read as each item's length.
        for (items, length) in [("min_items", "min_length"), ("max_items", "max_length")] {
            let (raw_items, raw_length) = if items == "min_items" {
                (spec.min_items.as_ref(), spec.min_length.as_ref())
            } else {
                (spec.max_items.as_ref(), spec.max_length.as_ref())
            };
            let refusal = if !counted {
                Some((
                    format!("`{items}` counts the items of an array or the entries of a map, not the length of `{shown}`"),
                    format!("write `{length}` for a string's characters, or change the field's type"),
                ))
            } else if raw_length.is_some() {
                Some((
                    format!("`{items}` and `{length}` both count the items of this `{shown}`"),
                    format!("keep `{items}` alone (a list, `{items}: [...]`, gives several bounds, each with its own condition)"),
                ))
            } else {
                None
            };
            if items == "min_items" {
                self.take(raw_items, items, at, whole, refusal, &mut out, min_length("min_items"));
            } else {
                self.take(raw_items, items, at, whole, refusal, &mut out, max_length);
            }
        }
        self.take(spec.required.as_ref(), "required", at, whole, None, &mut out, |cx, v, here| {
            if !*v {
                cx.diags.error(
                    "bad-constraint",
                    here.value(),
                    "`required: false` says nothing",
                    "remove it: fields of an update are optional unless required",
                );
            }
            v.then_some(ConstraintKind::Required)
        });
        let refusal = (!listed).then(|| not("unique_by", "arrays of objects")).flatten();
        self.take(spec.unique_by.as_ref(), "unique_by", at, whole, refusal, &mut out, |_, v, _| {
            Some(ConstraintKind::UniqueBy(v.clone()))
        });
        if let Some(items) = &spec.items {
            let here = at.at("items");
            let elem = match ty {
                Some(Ty::List(e) | Ty::Map(e)) => Some(&**e),
                _ => None,
            };
            let refusal = match elem {
                None => Some((
                    format!("`items:` constrains each item of an array or each value of a map, not `{shown}`"),
                    "put the constraints on the field itself, or change the field's type".to_owned(),
                )),
                Some(Ty::List(_) | Ty::Map(_)) => Some((
                    format!(
                        "`items:` constrains elements that are single values, not the `{}` of `{shown}`",
                        elem.map_or_else(String::new, Ty::spec_text)
                    ),
                    "constraints on the elements of nested arrays and maps are not supported: flatten the type".to_owned(),
                )),
                Some(_) => None,
            };
            match refusal {
                Some((message, hint)) => self.diags.error("bad-constraint", here.key(), message, hint),
                None => {
                    let what = if matches!(ty, Some(Ty::Map(_))) {
                        "the values of"
                    } else {
                        "the items of"
                    };
                    let shown = format!("{what} `{shown}` (`{}`)", elem.map_or_else(String::new, Ty::spec_text));
                    self.values(&ValueKeys::of_part(items), elem, &shown, Constrained::Items, &here, &mut out);
                }
            }
        }
        if let Some(keys) = &spec.keys {
            let here = at.at("keys");
            if matches!(ty, Some(Ty::Map(_))) {
                self.values(
                    &ValueKeys::of_part(keys),
                    Some(&Ty::String),
                    "map keys (strings)",
                    Constrained::Keys,
                    &here,
                    &mut out,
                );
            } else {
                self.diags.error(
                    "bad-constraint",
                    here.key(),
                    format!("`keys:` constrains the keys of a map, not `{shown}`"),
                    "remove it, or change the field's type",
                );
            }
        }
        // The fixed order of the keys (docs, checks and violations follow it), each part's
        // and each list's in the order written.
        out.sort_by_key(|c| CONSTRAINT_ORDER.iter().position(|k| *k == c.kind.id()));
        self.check_bounds(&out, at);
        out
    }

    /// The value constraints `keys` on values of type `item` (`None`: no type), shown in
    /// errors as `shown` (an article-less phrase: a type is quoted), all on `part`.
    fn values(&mut self, keys: &ValueKeys<'_>, item: Option<&Ty>, shown: &str, on: Constrained, at: &At<'_>, out: &mut Vec<Constraint>) {
        let is = |pred: fn(&Ty) -> bool| item.is_some_and(pred);
        let stringy = is(|t| *t == Ty::String);
        let numeric = is(|t| matches!(t, Ty::Integer | Ty::Unsigned | Ty::Number | Ty::Decimal));
        let dated = is(|t| matches!(t, Ty::Date | Ty::DateTime));
        let shown = if shown.contains('`') || shown.contains(' ') {
            shown.to_owned()
        } else {
            format!("`{shown}`")
        };
        let not = |key: &str, applies: bool, what: &str| {
            (!applies).then(|| {
                (
                    format!("`{key}` applies to {what}, not {shown}"),
                    "remove it, or change the field's type".to_owned(),
                )
            })
        };
        self.take(
            keys.format,
            "format",
            at,
            on,
            not("format", stringy, "strings"),
            out,
            |cx, v, here| {
                let found = Format::ALL.iter().find(|(_, n)| n == v).map(|(f, _)| *f);
                if found.is_none() {
                    cx.diags.error(
                        "bad-constraint",
                        here.value(),
                        format!("unknown format `{v}`"),
                        crate::diag::did_you_mean(v, Format::ALL.iter().map(|(_, n)| *n)),
                    );
                }
                found.map(ConstraintKind::Format)
            },
        );
        self.take(
            keys.min_length,
            "min_length",
            at,
            on,
            not("min_length", stringy, "strings"),
            out,
            |cx, v, here| {
                if *v == 0 {
                    cx.diags.error(
                        "bad-constraint",
                        here.value(),
                        "`min_length: 0` says nothing: every length is at least 0",
                        "remove it",
                    );
                }
                (*v > 0).then_some(ConstraintKind::MinLength(*v))
            },
        );
        self.take(
            keys.max_length,
            "max_length",
            at,
            on,
            not("max_length", stringy, "strings"),
            out,
            |_, v, _| Some(ConstraintKind::MaxLength(*v)),
        );
        let numbers = "integers, numbers and decimals";
        self.take(keys.min, "min", at, on, not("min", numeric, numbers), out, |cx, v, here| {
            cx.number(&v.0, item, here).map(ConstraintKind::Min)
        });
        self.take(keys.max, "max", at, on, not("max", numeric, numbers), out, |cx, v, here| {
            cx.number(&v.0, item, here).map(ConstraintKind::Max)
        });
        let dates = "dates and datetimes";
        self.take(keys.after, "after", at, on, not("after", dated, dates), out, |cx, v, here| {
            cx.date(v, item, here).map(ConstraintKind::After)
        });
        self.take(keys.before, "before", at, on, not("before", dated, dates), out, |cx, v, here| {
            cx.date(v, item, here).map(ConstraintKind::Before)
        });
        self.take(
            keys.pattern,
            "pattern",
            at,
            on,
            not("pattern", stringy, "strings"),
            out,
            |cx, v, here| cx.pattern(v, here).map(ConstraintKind::Pattern),
        );
        self.take(keys.check, "check", at, on, not("check", stringy, "strings"), out, |cx, v, here| {
            if mutaspec_runtime::checks::named_check(v).is_some() {
                Some(ConstraintKind::Check(v.clone()))
            } else {
                cx.diags.error(
                    "bad-constraint",
                    here.value(),
                    format!("unknown named check `{v}`"),
                    crate::diag::did_you_mean(v, mutaspec_runtime::checks::named_check_names().collect::<Vec<_>>()),
                );
                None
            }
        });
    }

    /// The constraints of one key (`cs`, under `at`), each through `kind`, unless the key
    /// does not apply (`refusal`: the message and hint, reported at the key).
    #[allow(clippy::too_many_arguments)]
    fn take<T>(
        &mut self,
        cs: Option<&raw::Constraints<T>>,
        key: &str,
        at: &At<'_>,
        on: Constrained,
        refusal: Option<(String, String)>,
        out: &mut Vec<Constraint>,
        mut kind: impl FnMut(&mut Self, &T, &At<'_>) -> Option<ConstraintKind>,
    ) {
        let Some(cs) = cs else { return };
        let here = at.at(key);
        if let Some((message, hint)) = refusal {
            self.diags.error("bad-constraint", here.key(), message, hint);
            return;
        }
        let each = cs.each();
        if each.is_empty() {
            self.diags.error(
                "bad-constraint",
                here.value(),
                format!("an empty list of `{key}` constraints says nothing"),
                "remove it, or list the constraints: `[40, { value: 30, setting: NAME }]`",
            );
        }
        for (i, c) in each {
            let h = i.map_or_else(|| here.clone(), |i| here.at(i));
            if let Some(k) = kind(self, &c.value, &h) {
                out.push(self.constraint(k, on, c, &h));
            }
        }
    }

    /// A constraint's `if:`, each field with its value or its list of values (any of
    /// them), as pairs: a field named twice means any of its values.
    fn any_of(&mut self, when: &OrderedMap<raw::OneOrMany>, here: &At<'_>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (k, vs) in when.iter() {
            if vs.0.is_empty() && vs.1.is_none() {
                self.diags.error(
                    "bad-condition",
                    here.at("if").at(k.as_str()).value(),
                    format!("`if:` lists no value for `{k}`"),
                    "write the value, or a list of values any of which applies the constraint: `[US, CA]`",
                );
            }
            out.extend(vs.0.iter().map(|v| (k.clone(), v.clone())));
        }
        out
    }

    fn constraint<T>(&mut self, kind: ConstraintKind, on: Constrained, c: &raw::Constraint<T>, here: &At<'_>) -> Constraint {
        Constraint {
            kind,
            on,
            error: c.error,
            setting: c.setting.clone(),
            when: self.any_of(&c.when, here),
            sent: c.when.iter().filter_map(|(k, v)| v.1.map(|b| (k.clone(), b))).collect(),
            state: state_conditions(&c.state, here),
            loc: here.key(),
            yaml: here.path.clone(),
        }
    }

    /// A `min`/`max` bound, as the generated code will compare with it: an `i64` literal
    /// for an integer, a finite `f64` literal for a number, the runtime's `Decimal` for a
    /// decimal. A bound at the end of the `i64` range holds for every value (and the
    /// generated comparison would be useless, a warning): refused too.
    fn number(&mut self, text: &str, item: Option<&Ty>, here: &At<'_>) -> Option<String> {
        let decimal = mutaspec_runtime::Decimal::parse(text).is_ok();
        let shown = abbreviated(text);
        let failure = match item {
            Some(Ty::Integer) => match text.parse::<i64>() {
                Ok(i64::MIN | i64::MAX) => Some((
                    format!("`{shown}` is the end of the `integer` range: every integer is within it"),
                    "remove the bound: `integer` is i64, and no value lies beyond it".to_owned(),
                )),
                Ok(_) => None,
                Err(_) if decimal && !text.contains('.') => Some((
                    format!("`{shown}` is beyond the range of `integer` (i64, -9223372036854775808 to 9223372036854775807)"),
                    "use a bound within the i64 range, make the field `unsigned` (u64, 0 to 18446744073709551615) for larger non-negative integers, or `decimal` for any size".to_owned(),
                )),
                Err(_) => Some((format!("`{shown}` is not an integer"), NUMBER_HINT.to_owned())),
            },
            Some(Ty::Unsigned) => match text.parse::<u64>() {
                Ok(0 | u64::MAX) => Some((
                    format!("`{shown}` is the end of the `unsigned` range: every unsigned integer is within it"),
                    "remove the bound: `unsigned` is u64, and no value lies beyond it".to_owned(),
                )),
                Ok(_) => None,
                Err(_) if decimal && !text.contains('.') => Some((
                    format!("`{shown}` is beyond the range of `unsigned` (u64, 0 to 18446744073709551615)"),
                    "use a bound within the u64 range, or make the field a `decimal` to allow any size".to_owned(),
                )),
                Err(_) => Some((format!("`{shown}` is not a non-negative integer"), NUMBER_HINT.to_owned())),
            },
            Some(Ty::Number) if decimal && !text.parse::<f64>().is_ok_and(f64::is_finite) => Some((
                format!("`{shown}` is beyond the range of `number` (f64, at most about 1.8e308)"),
                "use a smaller bound, or make the field a `decimal` to allow larger values".to_owned(),
            )),
            // YAML read a number too large for a float (`1e309`).
            Some(Ty::Number) if matches!(text, "inf" | "-inf") => Some((
                "this bound is beyond the range of `number` (f64, at most about 1.8e308)".to_owned(),
                "use a smaller bound, or make the field a `decimal` to allow larger values".to_owned(),
            )),
            _ if decimal => None,
            _ => Some((format!("`{shown}` is not a decimal number"), NUMBER_HINT.to_owned())),
        };
        if let Some((message, hint)) = failure {
            self.diags.error("bad-constraint", here.value(), message, hint);
            return None;
        }
        Some(text.to_owned())
    }

    /// A date bound of a date field, an RFC 3339 bound of a datetime field: the runtime's
    /// parsers decide, as the generated validator compares with them.
    fn date(&mut self, text: &str, item: Option<&Ty>, here: &At<'_>) -> Option<String> {
        let (ok, what, example) = if item == Some(&Ty::DateTime) {
            let ok = mutaspec_runtime::DateTime::parse(text).is_ok();
            (ok, "an RFC 3339 datetime with a time zone", "`1900-01-01T00:00:00Z`")
        } else {
            (mutaspec_runtime::Date::parse(text).is_ok(), "a date (YYYY-MM-DD)", "`1900-01-01`")
        };
        if !ok {
            self.diags.error(
                "bad-constraint",
                here.value(),
                format!("`{text}` is not {what}"),
                format!("write e.g. {example}"),
            );
        }
        ok.then(|| text.to_owned())
    }

    fn pattern(&mut self, text: &str, here: &At<'_>) -> Option<String> {
        match crate::pattern_check(text) {
            Ok(()) => Some(text.to_owned()),
            Err(why) => {
                let (loc, message) = pattern_error(text, &why, here);
                self.diags.error("bad-pattern", loc, message, PATTERN_HINT);
                None
            }
        }
    }

    /// Constraints of one part that apply under the same conditions: a lower bound above
    /// the upper one (no value fits), or two bounds of one kind (the looser one is dead).
    fn check_bounds(&mut self, cs: &[Constraint], at: &At<'_>) {
        let same_conditions = |a: &Constraint, b: &Constraint| {
            let mut x = a.when.clone();
            let mut y = b.when.clone();
            x.sort();
            y.sort();
            let (mut xs, mut ys) = (a.sent.clone(), b.sent.clone());
            xs.sort();
            ys.sort();
            if xs != ys {
                return false;
            }
            let state = |c: &Constraint| {
                let mut s: Vec<(String, Vec<String>)> = c.state.iter().map(|s| (s.field.clone(), s.values.clone())).collect();
                s.sort();
                s
            };
            a.on == b.on && a.setting == b.setting && x == y && state(a) == state(b)
        };
        let value_at = |c: &Constraint| At {
            src: at.src,
            path: c.yaml.clone(),
        };
        for (i, hi) in cs.iter().enumerate() {
            for lo in cs.iter().filter(|lo| same_conditions(lo, hi)) {
                let empty = match (&lo.kind, &hi.kind) {
                    (ConstraintKind::MinLength(a), ConstraintKind::MaxLength(b)) => {
                        (a > b).then(|| (a.to_string(), b.to_string(), "min_length", "max_length"))
                    }
                    (ConstraintKind::Min(a), ConstraintKind::Max(b)) => {
                        // Both bounds passed `number`: each compares as the field's type does.
                        let decimal = mutaspec_runtime::Decimal::parse(a).ok();
                        let empty = match (a.parse::<i64>(), b.parse::<i64>(), decimal) {
                            (Ok(x), Ok(y), _) => x > y,
                            (_, _, Some(x)) => x.cmp_str(b) == Some(std::cmp::Ordering::Greater),
                            _ => false,
                        };
                        empty.then(|| (a.clone(), b.clone(), "min", "max"))
                    }
                    _ => None,
                };
                if let Some((a, b, lo_key, hi_key)) = empty {
                    self.diags.error(
                        "empty-range",
                        value_at(hi).value(),
                        format!("no value fits: {lo_key} {a} > {hi_key} {b}"),
                        "swap or fix the bounds",
                    );
                }
            }
            let bound = matches!(
                hi.kind,
                ConstraintKind::MinLength(_)
                    | ConstraintKind::MaxLength(_)
                    | ConstraintKind::Min(_)
                    | ConstraintKind::Max(_)
                    | ConstraintKind::After(_)
                    | ConstraintKind::Before(_)
                    | ConstraintKind::Required
                    | ConstraintKind::MaxDepth(_)
                    | ConstraintKind::MaxBytes(_)
            );
            if let Some(first) = cs[..i]
                .iter()
                .find(|c| bound && c.kind.id() == hi.kind.id() && same_conditions(c, hi))
            {
                self.diags.error_with_labels(
                    "duplicate-constraint",
                    hi.loc.clone(),
                    format!("two `{}` constraints apply under the same conditions", hi.kind.id()),
                    "keep the tighter one, or give each its own `setting:`, `if:` or `while:`",
                    [Label::new(first.loc.clone(), "the other one")],
                );
            }
        }
    }
}

/// The order of a field's constraints, by [`ConstraintKind::id`].
const CONSTRAINT_ORDER: [&str; 13] = [
    "format",
    "min_length",
    "max_length",
    "min",
    "max",
    "after",
    "before",
    "pattern",
    "required",
    "unique_by",
    "check",
    "max_depth",
    "max_bytes",
];

/// The value constraints of a field, or of a part of it (`items:`, `keys:`), by key.
struct ValueKeys<'r> {
    format: Option<&'r raw::Constraints<String>>,
    min_length: Option<&'r raw::Constraints<u64>>,
    max_length: Option<&'r raw::Constraints<u64>>,
    min: Option<&'r raw::Constraints<raw::Number>>,
    max: Option<&'r raw::Constraints<raw::Number>>,
    after: Option<&'r raw::Constraints<String>>,
    before: Option<&'r raw::Constraints<String>>,
    pattern: Option<&'r raw::Constraints<String>>,
    check: Option<&'r raw::Constraints<String>>,
}

impl<'r> ValueKeys<'r> {
    /// A field's own value constraints (its lengths count the whole value: not here).
    fn of_field(s: &'r RawFieldSpec) -> Self {
        ValueKeys {
            format: s.format.as_ref(),
            min_length: None,
            max_length: None,
            min: s.min.as_ref(),
            max: s.max.as_ref(),
            after: s.after.as_ref(),
            before: s.before.as_ref(),
            pattern: s.pattern.as_ref(),
            check: s.check.as_ref(),
        }
    }

    fn of_part(p: &'r raw::RawPart) -> Self {
        ValueKeys {
            format: p.format.as_ref(),
            min_length: p.min_length.as_ref(),
            max_length: p.max_length.as_ref(),
            min: p.min.as_ref(),
            max: p.max.as_ref(),
            after: p.after.as_ref(),
            before: p.before.as_ref(),
            pattern: p.pattern.as_ref(),
            check: p.check.as_ref(),
        }
    }

    /// The keys given, in spec-key order.
    fn present(&self) -> Vec<&'static str> {
        [
            ("format", self.format.is_some()),
            ("min_length", self.min_length.is_some()),
            ("max_length", self.max_length.is_some()),
            ("min", self.min.is_some()),
            ("max", self.max.is_some()),
            ("after", self.after.is_some()),
            ("before", self.before.is_some()),
            ("pattern", self.pattern.is_some()),
            ("check", self.check.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, on)| on.then_some(k))
        .collect()
    }
}

/// A bound as shown in a message: a long one (hundreds of digits) by its start and length.
fn abbreviated(text: &str) -> String {
    if text.chars().count() <= 40 {
        return text.to_owned();
    }
    let start: String = text.chars().take(20).collect();
    format!("{start}... ({} characters)", text.chars().count())
}

/// The conditions of a `while:` mapping under `at` (a field, a constraint or a lock):
/// names and values are checked against the endpoint by `check::check_state`.
fn state_conditions(m: &OrderedMap<raw::StateValues>, at: &At<'_>) -> Vec<StateCondition> {
    m.iter()
        .map(|(k, v)| {
            let here = at.at("while").at(k.as_str());
            StateCondition {
                field: k.clone(),
                values: v.0.clone(),
                loc: here.key(),
                yaml: here.path.clone(),
            }
        })
        .collect()
}

fn pairs(m: &OrderedMap<String>) -> Vec<(String, String)> {
    m.0.clone()
}

/// The hint of every malformed entry of `groups:`.
const GROUP_HINT: &str = "write one of `required_together: [a, b]`, `conflicts: [a, b]`, `exactly_one_of: [a, b]`, `at_least_one_of: [a, b]`, `required: [a], with: [b]` or `required: [a], if: { b: [X, Y] }`, with an optional `error: CODE`";

/// Resolves the `groups:` of an object (`at` is the `groups` key): their shape only;
/// whether the members exist is checked over the finished model (`check`).
pub(super) fn groups(raw: &[raw::RawGroup], at: &At<'_>, diags: &mut Diagnostics) -> Vec<Group> {
    let mut out = Vec::new();
    for (i, g) in raw.iter().enumerate() {
        let here = at.at(i);
        let sets = [
            ("required_together", &g.required_together, GroupKind::RequiredTogether),
            ("conflicts", &g.conflicts, GroupKind::Conflicts),
            ("exactly_one_of", &g.exactly_one_of, GroupKind::ExactlyOneOf),
            ("at_least_one_of", &g.at_least_one_of, GroupKind::AtLeastOneOf),
        ];
        let mut given: Vec<&str> = sets.iter().filter(|(_, v, _)| v.is_some()).map(|(k, _, _)| *k).collect();
        if g.required.is_some() {
            given.push("required");
        }
        if g.check.is_some() {
            given.push("check");
        }
        if given.len() != 1 {
            let what = if given.is_empty() {
                "a group names no kind".to_owned()
            } else {
                format!(
                    "a group has several kinds: {}",
                    given.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                )
            };
            diags.error("bad-group", here.value(), what, GROUP_HINT);
            continue;
        }
        let key = given[0];
        let list = |name: &str, items: &[String], diags: &mut Diagnostics| -> Option<Vec<Member>> {
            let mut ms: Vec<Member> = Vec::new();
            let mut ok = true;
            for (j, item) in items.iter().enumerate() {
                let loc = here.at(name).at(j).value();
                let path: Vec<String> = item.split('.').map(str::to_owned).collect();
                if path.iter().any(|s| s.is_empty() || s.contains(['[', ']'])) {
                    diags.error(
                        "bad-group",
                        loc,
                        format!("`{item}` is not a field path"),
                        "name a field of the object, or a field below it with a dotted path (`individual.email`); not through an array",
                    );
                    ok = false;
                    continue;
                }
                if ms.iter().any(|m| m.path == path) {
                    diags.error(
                        "bad-group",
                        loc,
                        format!("`{item}` is listed twice in this group"),
                        "a field is in a group once: remove the repeated name",
                    );
                    ok = false;
                    continue;
                }
                ms.push(Member { path, loc });
            }
            ok.then_some(ms)
        };
        let misplaced = |k: &str, diags: &mut Diagnostics| {
            diags.error(
                "bad-group",
                here.at(k).key(),
                format!("`{k}:` belongs to a `required:` group, not `{key}:`"),
                "use `required: [a], with: [b]` or `required: [a], if: { b: VALUE }`",
            );
        };
        for (k, set) in [("fields", g.fields.is_some()), ("args", g.args.is_some())] {
            if set && key != "check" {
                diags.error(
                    "bad-group",
                    here.at(k).key(),
                    format!("`{k}:` belongs to a `check:` group, not `{key}:`"),
                    "use `check: NAME, fields: [a, b], args: { ... }`",
                );
            }
        }
        let kind_members = if let Some(name) = &g.check {
            if g.with.is_some() || g.when.is_some() {
                misplaced(if g.with.is_some() { "with" } else { "if" }, diags);
                continue;
            }
            let Some(known) = mutaspec_runtime::checks::group_check_args(name) else {
                diags.error(
                    "bad-check",
                    here.at("check").value(),
                    format!("unknown check across fields `{name}`"),
                    crate::diag::did_you_mean(name, mutaspec_runtime::checks::group_check_names().collect::<Vec<_>>()),
                );
                continue;
            };
            let Some(fields) = &g.fields else {
                diags.error(
                    "bad-check",
                    here.at("check").key(),
                    format!("check `{name}` names no field"),
                    "list the fields it reads: `fields: [a, b]`",
                );
                continue;
            };
            let Some(members) = list("fields", fields, diags) else { continue };
            if members.len() < 2 {
                diags.error(
                    "bad-check",
                    here.at("fields").value(),
                    format!(
                        "check `{name}` reads {} field; a check across fields reads two or more",
                        members.len()
                    ),
                    "add the other fields, or use a constraint on the one field",
                );
                continue;
            }
            let mut args = Vec::new();
            let mut ok = true;
            for (k, v) in g.args.iter().flat_map(|a| a.iter()) {
                let here_arg = here.at("args").at(k.as_str());
                if !known.contains(&k.as_str()) {
                    let hint = if known.is_empty() {
                        format!("`{name}` takes no argument")
                    } else {
                        crate::diag::did_you_mean(k, known.iter().copied())
                    };
                    diags.error("bad-check", here_arg.key(), format!("check `{name}` takes no argument `{k}`"), hint);
                    ok = false;
                    continue;
                }
                let fits = match (name.as_str(), k.as_str()) {
                    ("sum", "equals") => v.0.parse::<f64>().is_ok_and(f64::is_finite),
                    ("ascending", "strict") => v.0 == "true" || v.0 == "false",
                    _ => true,
                };
                if !fits {
                    let (want, example) = if k == "strict" {
                        ("`true` or `false`", "strict: false")
                    } else {
                        ("a finite number", "equals: 100")
                    };
                    diags.error(
                        "bad-check",
                        here_arg.value(),
                        format!("argument `{k}` of check `{name}` is {want}, not `{}`", v.0),
                        format!("write it as `{example}`"),
                    );
                    ok = false;
                    continue;
                }
                args.push((k.clone(), v.0.clone()));
            }
            // `sum` needs its total; `ascending`'s `strict` defaults to true.
            if name == "sum" && ok && !args.iter().any(|(k, _)| k == "equals") {
                diags.error(
                    "bad-check",
                    here.at("check").key(),
                    "check `sum` needs the total: `args: { equals: N }`",
                    "add `args: { equals: 100 }` with the documented total",
                );
                continue;
            }
            if !ok {
                continue;
            }
            (GroupKind::Check { name: name.clone(), args }, members)
        } else if let Some(req) = &g.required {
            let Some(members) = list("required", req, diags) else { continue };
            if members.is_empty() {
                diags.error("bad-group", here.at("required").value(), "`required:` names no field", GROUP_HINT);
                continue;
            }
            match (&g.with, &g.when) {
                (Some(with), None) => {
                    let Some(with) = list("with", with, diags) else { continue };
                    if with.is_empty() {
                        diags.error("bad-group", here.at("with").value(), "`with:` names no field", GROUP_HINT);
                        continue;
                    }
                    if let Some(m) = with.iter().find(|w| members.iter().any(|m| m.path == w.path)) {
                        diags.error(
                            "bad-group",
                            m.loc.clone(),
                            format!("`{}` is required when it is sent itself", m.dotted()),
                            "a field is in `required:` or in `with:`, not both",
                        );
                        continue;
                    }
                    (GroupKind::RequiredWith(with), members)
                }
                (None, Some(when)) => {
                    let Some(((field, values), rest)) = when.0.split_first() else {
                        diags.error("bad-group", here.at("if").value(), "`if:` names no field", GROUP_HINT);
                        continue;
                    };
                    if !rest.is_empty() {
                        diags.error(
                            "bad-group",
                            here.at("if").at(rest[0].0.as_str()).key(),
                            "a `required:` group's `if:` names one field",
                            "write one group per condition",
                        );
                        continue;
                    }
                    let floc = here.at("if").at(field.as_str());
                    if values.1.is_some() {
                        diags.error(
                            "bad-group",
                            floc.value(),
                            "a `required:` group's `if:` compares a value; `{ sent: ... }` is a constraint's presence test",
                            format!("for \"required when `{field}` is sent\" write `with: [{field}]`"),
                        );
                        continue;
                    }
                    if values.0.is_empty() {
                        diags.error(
                            "bad-group",
                            floc.value(),
                            "`if:` lists no value",
                            "write the value, or a list of values: `[US, CA]`",
                        );
                        continue;
                    }
                    let path: Vec<String> = field.split('.').map(str::to_owned).collect();
                    if path.iter().any(|s| s.is_empty() || s.contains(['[', ']'])) {
                        diags.error(
                            "bad-group",
                            floc.key(),
                            format!("`{field}` is not a field path"),
                            "name a field with a dotted path",
                        );
                        continue;
                    }
                    if let Some(m) = members.iter().find(|m| m.path == path) {
                        diags.error(
                            "bad-group",
                            m.loc.clone(),
                            format!("`{}` is required when it has a value itself", m.dotted()),
                            "a field is in `required:` or in `if:`, not both",
                        );
                        continue;
                    }
                    let kind = GroupKind::RequiredIf {
                        field: Member { path, loc: floc.key() },
                        values: values.0.clone(),
                    };
                    (kind, members)
                }
                (Some(_), Some(_)) | (None, None) => {
                    diags.error(
                        "bad-group",
                        here.at("required").key(),
                        "a `required:` group needs exactly one of `with:` (a field sent) or `if:` (a field's values)",
                        GROUP_HINT,
                    );
                    continue;
                }
            }
        } else {
            if g.with.is_some() {
                misplaced("with", diags);
                continue;
            }
            if g.when.is_some() {
                misplaced("if", diags);
                continue;
            }
            let Some((_, Some(items), kind)) = sets.into_iter().find(|(k, _, _)| *k == key) else {
                continue;
            };
            let Some(members) = list(key, items, diags) else { continue };
            if members.len() < 2 {
                diags.error(
                    "bad-group",
                    here.at(key).value(),
                    format!("`{key}:` names {} field; a group relates two or more", members.len()),
                    "add the other fields, or use `required: true` on a single field",
                );
                continue;
            }
            (kind, members)
        };
        let (kind, members) = kind_members;
        out.push(Group {
            kind,
            members,
            error: g.error,
            loc: here.at(key).key(),
        });
    }
    out
}

/// An object's `open:`: an open object keeps
/// unknown members in a map field of its own, so no field may take that Rust name.
fn open_object(o: &Object, open: Option<bool>, diags: &mut Diagnostics) -> bool {
    let open = open.unwrap_or(false);
    if open {
        if let Some(f) = o.fields.iter().find(|f| f.rust == Object::ADDITIONAL) {
            diags.error(
                "name-collision",
                f.loc.clone(),
                format!(
                    "field `{}` becomes `{}` in Rust, the name of the map an open object keeps unknown members in",
                    f.wire,
                    Object::ADDITIONAL
                ),
                "give the field another Rust name with `rust: <name>`",
            );
        }
    }
    open
}

/// The first key of a field that asks for a check or an effect (a constraint, then
/// `locked_by:`, then `effects:`) and where it is written: the rules that take none
/// (`not_updatable`, `ignored`) report it.
fn first_checked_key(constraints: &[Constraint], spec: &RawFieldSpec, at: &At<'_>) -> Option<(&'static str, Loc)> {
    if let Some(c) = constraints.first() {
        Some((c.kind.id(), c.loc.clone()))
    } else if !spec.locked_by.is_empty() {
        Some(("locked_by", at.at("locked_by").key()))
    } else if !spec.effects.is_empty() {
        Some(("effects", at.at("effects").key()))
    } else {
        None
    }
}

/// The side effects of a field that apply only while a state holds (`effects: [{ effect,
/// while }]`); that they are on a top-level field of `body:` is checked with the other
/// state conditions (`check.rs`).
fn effects_while(spec: &RawFieldSpec, at: &At<'_>) -> Vec<EffectWhile> {
    let mut out = Vec::new();
    for (i, e) in spec.effects.iter().enumerate() {
        if e.state.0.is_empty() {
            continue;
        }
        out.push(EffectWhile {
            effect: e.effect.clone(),
            state: state_conditions(&e.state, &at.at("effects").at(i)),
        });
    }
    out
}
