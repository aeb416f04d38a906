//! From raw spec files to the resolved [`Spec`]: every check that needs more than one
//! value, every default, every derived name.
//!
//! Resolution starts from the raw files `crate::load` read and deserialized: it groups
//! them by API, then resolves shared parts (`catalog`), types and fields (`fields`),
//! endpoints (`endpoint`), and finally runs the relational checks over the whole model
//! (`check`). Every stage reports into one [`Diagnostics`]; nothing stops at the first
//! error.

mod catalog;
mod check;
mod depth;
mod endpoint;
mod fields;
pub(crate) mod names;
mod request;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostics, Label, Loc};
use crate::load::Sources;
use crate::model::{Api, Spec};
use crate::raw::RawFile;
use crate::source::{KeySeg, SourceFile};

/// Most levels of objects, arrays and maps a type may nest, counted from the body (or
/// from a named type nothing else uses); a single type expression (`string[][]`,
/// `map<T[]>`) counts its `[]` and `map<` the same way. rustc fails on the generated
/// types from about 60 levels (E0275, E0320); README, "Limits and hostile input".
pub const MAX_TYPE_DEPTH: usize = 32;

/// Most fields an object (a body, a named or an inline object type) may have: rustc
/// overflows its stack building the debug info of the generated deserializer from about
/// 1,500 (README, "Limits and hostile input").
pub const MAX_FIELDS: usize = 500;

/// A handle on a place in a spec file, for locating diagnostics.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub src: &'a SourceFile,
    pub path: Vec<KeySeg>,
}

impl<'a> At<'a> {
    pub fn root(src: &'a SourceFile) -> Self {
        At { src, path: Vec::new() }
    }
    pub fn at(&self, seg: impl Into<KeySeg>) -> At<'a> {
        let mut path = self.path.clone();
        path.push(seg.into());
        At { src: self.src, path }
    }
    /// The key's location (for "this entry is wrong").
    pub fn key(&self) -> Loc {
        self.src.key_loc(&self.path)
    }
    /// The value's location (for "this value is wrong").
    pub fn value(&self) -> Loc {
        self.src.value_loc(&self.path)
    }
    /// The location of `part` inside the value, or the whole value's.
    pub fn value_part(&self, part: &str) -> Loc {
        self.find_in_value(part).unwrap_or_else(|| self.value())
    }
    /// The location of `len` bytes at byte `offset` of the value `whole`, when the value's
    /// line shows it verbatim; else the whole value's.
    pub fn value_at(&self, whole: &str, offset: usize, len: usize) -> Loc {
        match (self.find_in_value(whole), whole.get(..offset), whole.get(offset..offset + len)) {
            (Some(l), Some(before), Some(part)) => Loc {
                col: l.col + before.chars().count(),
                len: part.chars().count().max(1),
                ..l
            },
            _ => self.value(),
        }
    }
    /// The location of `part` inside the value, when the value's first line shows it.
    pub fn find_in_value(&self, part: &str) -> Option<Loc> {
        let loc = self.value();
        let line = self.src.text.lines().nth(loc.line.saturating_sub(1))?;
        let rest: String = line.chars().skip(loc.col.saturating_sub(1)).collect();
        let i = rest.find(part)?;
        Some(Loc {
            col: loc.col + rest[..i].chars().count(),
            len: part.chars().count().max(1),
            ..loc
        })
    }
}

/// All files of one API.
struct ApiFiles<'a> {
    shared: Option<(&'a RawFile, &'a SourceFile)>,
    endpoints: Vec<(&'a RawFile, &'a SourceFile)>,
}

/// Diagnostics another file of the same API could prevent (a shared type, setting, effect,
/// code, the hosts or auth; a rule that produces a code). While a file of the API cannot
/// be read they are follow-on noise of that file's error, and are dropped.
const NEEDS_EVERY_FILE: [&str; 7] = [
    "missing-hosts",
    "missing-auth",
    "unknown-type",
    "unknown-setting",
    "unknown-effect",
    "unknown-code",
    "unused-code",
];

/// Resolves the deserialized files (`broken`: the APIs of files that could not be read,
/// `None` when unknown) into the model, reporting into `diags`.
pub(crate) fn resolve(parsed: &[(Arc<Path>, RawFile)], sources: &Sources, broken: &[Option<String>], diags: &mut Diagnostics) -> Spec {
    let mut by_api: BTreeMap<&str, ApiFiles<'_>> = BTreeMap::new();
    for (path, raw) in parsed {
        let Some(src) = sources.get(path) else { continue };
        let entry = by_api.entry(raw.api.as_str()).or_insert(ApiFiles {
            shared: None,
            endpoints: Vec::new(),
        });
        if raw.endpoint.is_some() {
            entry.endpoints.push((raw, src));
        } else if let Some((_, first)) = entry.shared {
            diags.error(
                "duplicate-api-file",
                At::root(src).at("api").key(),
                format!("api `{}` already has a shared file ({})", raw.api, first.path.display()),
                "keep one file without `endpoint:` per API and merge the two",
            );
        } else {
            entry.shared = Some((raw, src));
        }
    }
    let with_shared: Vec<&str> = by_api.iter().filter(|(_, f)| f.shared.is_some()).map(|(n, _)| *n).collect();
    let mut apis: Vec<Api> = Vec::new();
    for (name, files) in by_api {
        let mut found = Diagnostics::new();
        if let Some(api) = resolve_api(name, &files, &mut found) {
            check::run(&api, sources, &mut found);
            depth::check(&api, &mut found);
            apis.push(api);
        }
        let found = found.into_sorted();
        let needs_shared = found.iter().any(|d| NEEDS_EVERY_FILE.contains(&d.id));
        let misnamed = needs_shared && files.shared.is_none() && check_api_name(name, &files, &with_shared, diags);
        let incomplete = misnamed || broken.iter().any(|b| b.as_deref().is_none_or(|b| b == name));
        for d in found {
            if incomplete && NEEDS_EVERY_FILE.contains(&d.id) {
                continue;
            }
            diags.push_diagnostic(d);
        }
    }
    Spec {
        apis,
        root: PathBuf::new(),
    }
}

/// An API without a shared file, whose endpoints miss what a shared file gives, and whose
/// name is a near miss of an API with a shared file, is a typo (`api: shp`): reported at
/// every `api:` naming it; the errors of what it misses are noise.
fn check_api_name(name: &str, files: &ApiFiles<'_>, with_shared: &[&str], diags: &mut Diagnostics) -> bool {
    let Some(close) = crate::diag::suggest(name, with_shared.iter().copied()) else {
        return false;
    };
    for (_, src) in &files.endpoints {
        diags.error(
            "unknown-api",
            At::root(src).at("api").value(),
            format!("no shared file declares api `{name}`"),
            format!("did you mean `{close}`?"),
        );
    }
    true
}

fn resolve_api(name: &str, files: &ApiFiles<'_>, diags: &mut Diagnostics) -> Option<Api> {
    let (_, first_src) = files.shared.or_else(|| files.endpoints.first().copied())?;
    if let Err(why) = names::api_name(name) {
        for (_, src) in files.shared.iter().chain(files.endpoints.iter()) {
            diags.error(
                "bad-name",
                At::root(src).at("api").value(),
                format!("api name `{name}` is unusable: {why}"),
                "api names become Rust modules",
            );
        }
        return None;
    }
    let shared_at = files.shared.map(|(raw, src)| (raw, At::root(src)));
    let mut api = catalog::shared(name, shared_at.as_ref().map(|(r, a)| (*r, a)), At::root(first_src).value(), diags);
    // Every type name of the API, so references resolve whatever the file order.
    let mut shared_names = BTreeSet::new();
    if let Some((raw, at)) = &shared_at {
        for (tname, _) in raw.types.iter() {
            shared_names.insert(tname.clone());
        }
        let scope = types::Scope {
            shared: &shared_names,
            local: None,
        };
        api.types = fields::named_types(raw, at, &scope, diags);
    }
    for (raw, src) in &files.endpoints {
        for key in ["settings", "effects", "errors"] {
            if src.has(&crate::path![key]) {
                diags.error(
                    "misplaced-key",
                    At::root(src).at(key).key(),
                    format!("`{key}` belongs in the API's shared file, not an endpoint file"),
                    format!("move it to the file of `api: {name}` that has no `endpoint:`"),
                );
            }
        }
        if let Some(ep) = endpoint::resolve(raw, &At::root(src), &api, &shared_names, diags) {
            api.endpoints.push(ep);
        }
    }
    api.endpoints.sort_by(|a, b| a.name.cmp(&b.name));
    for pair in api.endpoints.windows(2) {
        if pair[0].name == pair[1].name {
            diags.error_with_labels(
                "duplicate-endpoint",
                pair[1].loc.clone(),
                format!("endpoint `{}` is declared twice in api `{name}`", pair[1].name),
                "give each endpoint a unique name",
                [Label::new(pair[0].loc.clone(), "first declared here")],
            );
        }
    }
    Some(api)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Severity};
    use crate::load::load_texts;

    /// Loads one hostile file: it must fail (never panic), with every diagnostic placed
    /// inside the file, and render.
    fn fails_with_positions(bytes: &[u8]) -> Vec<Diagnostic> {
        let err = match load_texts(&[("hostile.yaml", bytes)]) {
            Ok(_) => panic!("loaded: {:?}", String::from_utf8_lossy(bytes)),
            Err(e) => e,
        };
        assert!(err.diagnostics.iter().any(|d| d.severity == Severity::Error));
        // Line breaks as YAML counts them: `\r\n`, `\n` or a lone `\r`.
        let lines = String::from_utf8_lossy(bytes).replace("\r\n", "\n").split(['\n', '\r']).count();
        for d in &err.diagnostics {
            assert_eq!(&*d.loc.file, Path::new("hostile.yaml"));
            assert!(
                (1..=lines).contains(&d.loc.line) && d.loc.col >= 1 && d.loc.len >= 1,
                "{d} in {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(!err.render().is_empty());
        err.diagnostics
    }

    fn ids(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.id).collect()
    }

    #[test]
    fn empty_and_separator_only_files_are_empty() {
        assert_eq!(ids(&fails_with_positions(b"")), ["empty-file"]);
        assert_eq!(ids(&fails_with_positions(b"---")), ["empty-file"]);
        assert_eq!(ids(&fails_with_positions(b"---\n---\n")), ["empty-file"]);
    }

    #[test]
    fn deeply_nested_flow_sequences_are_refused() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        for text in [deep(10_000), format!("api: x\nbody:\n  f: {}\n", deep(10_000)), deep(100)] {
            let d = fails_with_positions(text.as_bytes());
            assert!(matches!(ids(&d)[..], ["too-deep"] | ["yaml-syntax"]), "{d:?}");
        }
    }

    /// An endpoint file of api `shop` with these `types:` and `body:` lines.
    fn shop(types: &str, body: &str) -> String {
        format!(
            "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: {{ production: https://api.example.com }}\n\
             auth: {{ scheme: bearer }}\nresponse: {{ status: 204 }}\ntypes:\n{types}body:\n{body}"
        )
    }

    #[test]
    fn type_expressions_nested_thousands_deep_are_refused_without_recursing() {
        let lists = format!("string{}", "[]".repeat(2_000));
        let maps = format!("{}string{}", "map<".repeat(2_000), ">".repeat(2_000));
        for ty in [lists, maps] {
            let text = shop(
                "  T: { fields: { x: string } }\n",
                &format!("  a: \"{ty}\"\n  b: {{ type: \"{ty}\" }}\n"),
            );
            assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["too-deep-type", "too-deep-type"]);
        }
    }

    #[test]
    fn a_dotted_path_of_100_000_segments_is_refused_without_recursing() {
        // An explicit key (`? `) has no length limit in YAML.
        let text = shop(
            "  T: { fields: { x: string } }\n",
            &format!("  ? {}leaf\n  : string\n", "a.".repeat(100_000)),
        );
        assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["too-deep-type"]);
    }

    #[test]
    fn a_chain_of_thousands_of_named_types_is_measured_without_recursing() {
        let types: String = (0..5_000).map(|i| format!("  T{i}: {{ fields: {{ x: T{} }} }}\n", i + 1)).collect();
        let text = shop(&format!("{types}  T5000: {{ fields: {{ x: string }} }}\n"), "  a: T0\n  b: T4990\n");
        // One error, at the body field that starts the deep path (`a`; `b` is 11 levels).
        let d = fails_with_positions(text.as_bytes());
        assert_eq!(ids(&d), ["too-deep-type"]);
        assert_eq!(d[0].loc.line, 5_011);
    }

    #[test]
    fn cycles_of_named_types_end_the_depth_check() {
        // Recursion is refused or boxed elsewhere; the depth walk only has to end.
        let types = "  Node: { fields: { child: Node, kids: \"Node[]\", other: Other } }\n  Other: { fields: { back: Node } }\n  Lonely: { fields: { me: Lonely } }\n";
        let text = shop(types, "  root: Node\n");
        let diags = match load_texts(&[("cycle.yaml", text.as_bytes())]) {
            Ok(l) => l.warnings,
            Err(e) => e.diagnostics,
        };
        assert!(diags.iter().all(|d| d.id != "too-deep-type"), "{diags:?}");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused() {
        let line = "  field: { type: string, docs: padding padding padding padding }\n";
        let text = format!("api: x\nendpoint: e\nbody:\n{}", line.repeat((2 << 20) / line.len() + 1));
        assert!(text.len() >= 2 << 20);
        assert_eq!(ids(&fails_with_positions(text.as_bytes())), ["file-too-large"]);
    }

    /// xorshift64: a fixed-seed generator, so a failure reproduces.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_input_never_panics_and_always_fails_with_positions() {
        // Pieces of YAML (no `api:`, so nothing can load), for inputs that get past UTF-8.
        const PIECES: &[&str] = &[
            "body:",
            "types:",
            "fields:",
            "type:",
            " string",
            " Address[]",
            "\n",
            "\n  ",
            "\n    ",
            "- ",
            ": ",
            ":",
            "{",
            "}",
            "[",
            "]",
            ",",
            "\"",
            "'",
            "#",
            "&a ",
            "*a",
            "!tag ",
            "|",
            ">",
            "? ",
            "---",
            "...",
            "\t",
            "%YAML 1.2",
            "é",
            "\u{feff}",
            "x",
            "1e9",
            "~",
            "null",
            "rule: when",
            "min: 1",
            "max: 0",
            "{a: b}",
            "[1, 2]",
            "\\{",
            "\r",
        ];
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        for i in 0..2_000 {
            let bytes: Vec<u8> = if i % 2 == 0 {
                (0..rng.below(512)).map(|_| rng.next() as u8).collect()
            } else {
                let mut s = String::new();
                for _ in 0..rng.below(64) {
                    s.push_str(PIECES[rng.below(PIECES.len())]);
                }
                s.into_bytes()
            };
            fails_with_positions(&bytes);
        }
    }

    /// A small API using most of the format, for mutation.
    const SHARED: &str = "api: shop\nhosts: { production: https://api.example.com }\nauth: { scheme: bearer, api_key_header: x-api-key }\n\
        settings:\n  priceUpdates: { docs: Prices may change., default: true, locks: { when: false, error: 1001 } }\n\
        effects:\n  review: { docs: May trigger a review. }\n\
        errors:\n  name: ShopError\n  codes:\n    - { code: 1001, message: Price updates are disabled. }\n\
        \x20   - { code: 1002, message: \"Tag '{0}' is taken.\", params: { \"0\": tag }, check: server }\n\
        types:\n  Kind: { values: [BOOK, TOY] }\n  Phone:\n    fields:\n      kind: { values: [HOME, WORK] }\n      number: { type: string, pattern: \"[0-9]{10}\" }\n";
    const ENDPOINT: &str =
        "api: shop\nendpoint: update_item\nmethod: PATCH\npath: /items/{id}\nparams:\n  id: { type: string, pattern: \"I[0-9]{4}\" }\n\
        response: { status: 204 }\nbody:\n  kind: { type: Kind, rule: identifying }\n  isbn: { type: string, when: { kind: BOOK } }\n\
        \x20 price: { type: decimal, min: 0, max: \"1050.00\", locked_by: [priceUpdates], effects: [review] }\n\
        \x20 releasedOn: { type: date, after: 1900-01-01 }\n  phones:\n    type: Phone[]\n    unique_by: kind\n\
        \x20 shipping.weight: integer\n  shipping.boxes[].label: { type: string, max_length: 20 }\n";

    #[test]
    fn the_mutation_seed_loads() {
        let loaded =
            load_texts(&[("api.yaml", SHARED.as_bytes()), ("e.yaml", ENDPOINT.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn mutated_specs_never_panic_and_errors_have_positions() {
        const PIECES: &[&str] = &[
            "\n", "  ", ": ", "- ", "{", "}", "[", "]", ",", "\"", "#", "*a", "&a ", "é", "\t", "[]", ".", "x", "0", "-1", "T",
        ];
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2_000 {
            let which = rng.below(2);
            let mut text: Vec<char> = [SHARED, ENDPOINT][which].chars().collect();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(text.len() + 1);
                match rng.below(3) {
                    0 => {
                        let end = (at + 1 + rng.below(8)).min(text.len());
                        text.drain(at..end);
                    }
                    1 => text.splice(at..at, PIECES[rng.below(PIECES.len())].chars()).for_each(drop),
                    _ => {
                        let c = text.get(rng.below(text.len())).copied().unwrap_or('x');
                        text.insert(at, c);
                    }
                }
            }
            let mutated: String = text.into_iter().collect();
            let files = if which == 0 {
                [("api.yaml", mutated.as_bytes()), ("e.yaml", ENDPOINT.as_bytes())]
            } else {
                [("api.yaml", SHARED.as_bytes()), ("e.yaml", mutated.as_bytes())]
            };
            if let Err(e) = load_texts(&files) {
                assert!(e.diagnostics.iter().any(|d| d.severity == Severity::Error));
                for d in &e.diagnostics {
                    let text = files
                        .iter()
                        .find(|(n, _)| Path::new(n) == &*d.loc.file)
                        .map(|(_, t)| *t)
                        .expect("a known file");
                    let lines = String::from_utf8_lossy(text).lines().count().max(1);
                    assert!(d.loc.line >= 1 && d.loc.line <= lines && d.loc.col >= 1, "{d} in {mutated:?}");
                    assert!(d.hint.is_some(), "{d} has no hint, in {mutated:?}");
                }
                assert!(!e.render().is_empty());
            }
        }
    }

    #[test]
    fn a_bound_cut_inside_a_character_is_an_error_not_a_panic() {
        let text = ENDPOINT.replace("after: 1900-01-01", "after: 1900-01-0\u{e9}x");
        let err = load_texts(&[("api.yaml", SHARED.as_bytes()), ("e.yaml", text.as_bytes())]).expect_err("a bad date");
        assert_eq!(ids(&err.diagnostics), ["bad-constraint"]);
    }

    #[test]
    fn plain_http_host_is_only_a_warning() {
        let text = "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: { production: http://api.example.com }\n\
                    auth: { scheme: basic }\nresponse: { status: 204 }\nbody:\n  name: string\n";
        let loaded = load_texts(&[("shop.yaml", text.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert_eq!(ids(&loaded.warnings), ["plain-http-host"]);
        let allowed = text.replace("http://api.example.com", "http://api.example.com, allow: [plain-http-host]");
        let loaded = load_texts(&[("shop.yaml", allowed.as_bytes())]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    }

    #[test]
    fn hosts_no_request_can_use_are_errors() {
        let spec = |host: &str| {
            format!(
                "api: shop\nendpoint: update_item\nmethod: POST\npath: /items\nhosts: {{ production: \"{host}\" }}\n\
                 auth: {{ scheme: basic }}\nresponse: {{ status: 204 }}\nbody:\n  name: string\n"
            )
        };
        let long = format!("https://{}.com", "a".repeat(70_000));
        for host in [
            long.as_str(),
            "https://api.example.com:0",
            "https://api.example.com:x",
            "https://[::1",
            "https://a..b",
            "https://-a.com",
        ] {
            let err = load_texts(&[("shop.yaml", spec(host).as_bytes())]).expect_err(host);
            assert_eq!(ids(&err.diagnostics), ["bad-host"], "{host}");
            assert!(err.diagnostics[0].message.len() < 200, "{}", err.diagnostics[0].message);
        }
        for host in ["https://api.example.com:8443", "https://[2001:db8::1]:443", "https://127.0.0.1"] {
            load_texts(&[("shop.yaml", spec(host).as_bytes())]).unwrap_or_else(|e| panic!("{host}: {}", e.render()));
        }
    }

    #[test]
    fn shape_errors_are_all_reported_up_to_a_bound_that_says_so() {
        let mut text = String::from("api: shop\nendpoint: e\nmethod: POST\npath: /x\nresponse: { status: 204 }\nbody:\n");
        for i in 0..30 {
            text.push_str(&format!("  f{i}: {{ type: string, bad{i}: 1, sensitive: perhaps }}\n"));
        }
        let err = load_texts(&[("e.yaml", text.as_bytes())]).expect_err("shape errors");
        assert_eq!(err.diagnostics.len(), 60, "{}", err.render());
        for i in 0..120 {
            text.push_str(&format!("  g{i}: {{ type: string, bad{i}: 1 }}\n"));
        }
        let err = load_texts(&[("e.yaml", text.as_bytes())]).expect_err("shape errors");
        assert_eq!(err.diagnostics.len(), 101);
        assert!(
            err.diagnostics[0].message.starts_with("more shape errors may follow the 100"),
            "{}",
            err.diagnostics[0]
        );
    }
}
