//! The derive's input: the struct and its `#[mutaspec(...)]` attributes, each value kept
//! with its tokens so an error can point at it.
//!
//! On the struct: `spec = "path"`, `endpoint = "api::endpoint"`, `module = "path::to::api"`
//! (all three required). On a field: `rename = "wireName"`.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn3::{Data, DeriveInput, Fields, Ident, LitStr, Type};

use super::Errors;
use crate::emit::consumer::{OwnField, Target};

const CONTAINER_KEYS: [&str; 3] = ["spec", "endpoint", "module"];
const FIELD_KEYS: [&str; 1] = ["rename"];

/// The struct deriving `Update`.
pub(crate) struct Input<'a> {
    /// The struct.
    pub input: &'a DeriveInput,
    /// `spec = "..."`.
    pub spec: Option<LitStr>,
    /// `endpoint = "..."`.
    pub endpoint: Option<LitStr>,
    /// `module = "..."`, parsed as a path spanned on the literal.
    pub module: Option<TokenStream>,
    /// The named fields (none when the input is not a struct with named fields).
    pub fields: Vec<Field<'a>>,
}

/// One field of the struct.
pub(crate) struct Field<'a> {
    /// Its name.
    pub ident: &'a Ident,
    /// Its type.
    pub ty: &'a Type,
    /// `rename = "..."`: the wire name it maps onto.
    pub rename: Option<LitStr>,
    /// Whether its attributes had a mistake (already reported): the field is not
    /// checked further, as what it maps onto is unknown.
    pub broken: bool,
}

impl<'a> Input<'a> {
    /// Reads the struct and its attributes, reporting every mistake into `errors`.
    pub fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Input<'a> {
        let mut values: [Option<LitStr>; 3] = [None, None, None];
        let mut broken = false;
        for attr in input.attrs.iter().filter(|a| a.path().is_ident("mutaspec")) {
            broken |= !parse_attr(attr, &CONTAINER_KEYS, &mut values, errors);
        }
        let [spec, endpoint, module] = values;
        let what = [
            "the spec file or directory, relative to the crate's Cargo.toml",
            "the endpoint, as `api::endpoint`",
            "the path of the API module holding the generated types, e.g. `mutaspec_generated::banking`",
        ];
        // After a malformed attribute a key may only look missing: one error is enough.
        for ((key, value), what) in CONTAINER_KEYS.iter().zip([&spec, &endpoint, &module]).zip(what) {
            if value.is_none() && !broken {
                errors.spanned(&input.ident, format!("missing `#[mutaspec({key} = \"...\")]`: {what}"));
            }
        }
        let module = module.and_then(|lit| match lit.parse::<syn3::Path>() {
            Ok(path) => Some(path.to_token_stream()),
            Err(_) => {
                errors.spanned(
                    &lit,
                    "`module` must be a path, e.g. `crate::banking` or `mutaspec_generated::banking`",
                );
                None
            }
        });
        Input {
            input,
            spec,
            endpoint,
            module,
            fields: fields(input, errors),
        }
    }

    /// The struct as the emitter sees it.
    pub fn target(&self, module: TokenStream, fields: Vec<OwnField>) -> Target {
        let (g, t, w) = self.input.generics.split_for_impl();
        let ident = &self.input.ident;
        Target {
            impl_generics: g.to_token_stream(),
            ty: quote! { #ident #t },
            where_clause: w.to_token_stream(),
            module,
            fields,
        }
    }
}

fn fields<'a>(input: &'a DeriveInput, errors: &mut Errors) -> Vec<Field<'a>> {
    let named = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(n) => Some(n),
            Fields::Unnamed(_) | Fields::Unit => None,
        },
        Data::Enum(_) | Data::Union(_) => None,
    };
    let Some(named) = named else {
        errors.spanned(
            &input.ident,
            "`#[derive(Update)]` needs a struct with named fields: each field maps onto a field of the endpoint's body",
        );
        return Vec::new();
    };
    named
        .named
        .iter()
        .filter_map(|f| {
            let mut values = [None];
            let mut broken = false;
            for attr in f.attrs.iter().filter(|a| a.path().is_ident("mutaspec")) {
                broken |= !parse_attr(attr, &FIELD_KEYS, &mut values, errors);
            }
            let [rename] = values;
            Some(Field {
                ident: f.ident.as_ref()?,
                ty: &f.ty,
                rename,
                broken,
            })
        })
        .collect()
}

/// One `#[mutaspec(key = "value", ...)]`: each key one of `keys`, at most once. An
/// unknown key is reported and skipped; returns false when anything was wrong.
fn parse_attr<const N: usize>(attr: &syn3::Attribute, keys: &[&str; N], values: &mut [Option<LitStr>; N], errors: &mut Errors) -> bool {
    let mut ok = true;
    let result = attr.parse_nested_meta(|meta| {
        let key = meta.path.get_ident().map(ToString::to_string).unwrap_or_default();
        let Some(i) = keys.iter().position(|k| *k == key) else {
            errors.push(meta.error(unknown_key(&key, keys)));
            ok = false;
            return skip_value(meta.input);
        };
        let value: LitStr = meta.value()?.parse()?;
        if values[i].is_some() {
            errors.push(meta.error(format!("duplicate `{key}`")));
            ok = false;
        }
        values[i] = Some(value);
        Ok(())
    });
    if let Err(e) = result {
        errors.push(e);
        ok = false;
    }
    ok
}

/// Skips `= value` up to the next comma.
fn skip_value(input: syn3::parse::ParseStream<'_>) -> syn3::Result<()> {
    input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                return Ok(((), rest));
            }
            rest = next;
        }
        Ok(((), rest))
    })
}

fn unknown_key(key: &str, keys: &[&str]) -> String {
    let expected: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let mut message = format!("unknown mutaspec attribute `{key}`: expected {}", expected.join(" or "));
    if let Some(s) = crate::diag::suggest(key, keys.iter().copied()) {
        message.push_str(&format!("\n  = hint: did you mean `{s}`?"));
    } else if CONTAINER_KEYS.contains(&key) {
        message.push_str(&format!("\n  = hint: `{key}` goes on the struct"));
    } else if FIELD_KEYS.contains(&key) {
        message.push_str(&format!("\n  = hint: `{key}` goes on a field"));
    }
    message
}
