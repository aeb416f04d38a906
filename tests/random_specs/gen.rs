//! A seeded generator of random spec directories meant to be valid: several APIs, each
//! with a shared file and dozens of endpoint files, drawing names from a hostile
//! alphabet (keywords, prelude names, names the generated code uses, names that collide
//! after case conversion, Unicode where the format allows it), every type form and
//! nesting, every rule (the named transition patterns, `while:` state conditions and enum
//! `transitions:` included), constraint, lock, effect, `sensitive`, `output_only` and merge
//! mode, error catalogues, and docs text full of Markdown, code, HTML, URLs and control
//! characters. The same seed always gives the same bytes.

use std::collections::BTreeSet;

use super::yaml::Y;

/// Something the generator can produce that a known bug broke (or still breaks: the
/// entries of [`PENDING`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// `sensitive: true` on an object, an array of objects, or inside an object with
    /// `effects:` (issue 12: E0599/E0609).
    SensitiveComposite,
    /// Self-referencing or mutually recursive named types (issue 12: E0072).
    RecursiveTypes,
    /// Enum value `ERR` and values colliding with items of the generated impls.
    EnumValueErr,
    /// A catalogue named like a prelude type (`Option`).
    ReservedCatalogueName,
    /// An API named `lib`/`bin`, an endpoint named `mutaspec_runtime`; an API named
    /// `main` (`mod main;` in `lib.rs`: clippy::special_module_name; seed 12; refused:
    /// bad-specs/api-named-main); an endpoint named like its API (module_inception;
    /// allowed on that module: `random-regressions/module_names`).
    ReservedModuleName,
    /// Path params `fooBar` and `foo_bar` in one path.
    ParamCaseCollision,
    /// Bidi controls or a lone CR in `docs:`.
    BidiOrCrInDocs,
    /// Code fences or 4-space indented blocks in `docs:` (doctests).
    DocFences,
    /// `min_length: 1` on an array (`clippy::len_zero`).
    MinLengthOneArray,
    /// Markdown that rustdoc warns about: `map<string>`-like tags, bare URLs,
    /// `[links]` that resolve to nothing.
    RustdocHazards,
    /// A tab in `docs:` became a tab in a doc comment: `clippy::tabs_in_doc_comments`
    /// (found by this generator, seed 12; fixed: `random-regressions/tabs_in_docs`).
    TabsInDocs,
    /// A type named `Self_` (written, or derived from a top-level field `self`) got
    /// suffixed names `Self_Wire`, `Self_Match`: `non_camel_case_types` (seed 12; fixed:
    /// `Self` escapes to `SelfType`, `Self_` is refused: bad-specs/type-named-self-underscore).
    SelfTypeName,
    /// A lock or constraint `if:` on a field whose type is an object (not an array):
    /// the loader checks the condition against the field's siblings, the plan dropped
    /// it (seed 12; fixed: a sibling condition, `random-regressions/conditions_and_locks`).
    ConditionOnObjectField,
    /// An endpoint named like a prelude type (`option`, `result`, `string`, `vec`):
    /// its marker struct `Option` shadowed the prelude in its module: E0107 (seed 12;
    /// fixed: refused, bad-specs/endpoint-named-like-a-prelude-type).
    PreludeEndpointName,
    /// An API or endpoint named `std`, `core` or `alloc`: the module shadows the crate
    /// the generated code names in `std::fmt::...` paths: E0433/E0277 (seed 12; refused
    /// since the reserved names).
    StdModuleName,
    /// Markdown lists in `docs:` followed by a line (`- a\nb`):
    /// clippy::doc_lazy_continuation (seed 12; fixed: `random-regressions/markdown_lists`).
    MarkdownLists,
    /// Field references (`unique_by` keys, `if:` conditions of constraints and locks)
    /// that the generated code reads in another scope than the loader checked them in:
    /// E0609 `no field` (seed 12; fixed: keys on fields a request never carries or that
    /// are not text are refused, bad-specs/condition-on-unsendable-or-untextual-field;
    /// sensitive items and keys exposed, `random-regressions/conditions_and_locks`).
    FieldReferences,
    /// Type nesting near the limits.
    DeepNesting,
    /// Number bounds beyond f64/i64.
    BigNumberBounds,
    /// `set_once`/`identifying` below the top level of a body (refused in array items
    /// and map values, which the generator nests them in too).
    NestedSetOnce,
    /// `output_only: true` on a body field.
    OutputOnlyBody,
    /// `api_key_header: Authorization`.
    AuthorizationHeader,
}

/// Features not drawn by default: each makes the loader refuse the spec (a located
/// error, with its `tests/bad-specs/` case), so drawing it only adds refused endpoints and
/// lowers the share that reaches the compiler.
///
/// Every other finding of the generator is fixed, with its regression spec under
/// `tests/fixtures/random-regressions/`.
pub const PENDING: &[Feature] = &[
    Feature::DeepNesting,         // refused past 32 levels and 500 fields (too-deep-type, too-many-fields)
    Feature::BigNumberBounds,     // refused beyond f64/i64 and at the ends of i64 (bad-constraint)
    Feature::NestedSetOnce,       // set_once/identifying in array items (nested-rule)
    Feature::OutputOnlyBody,      // output_only under body (output-only-in-body)
    Feature::AuthorizationHeader, // api_key_header Authorization (api-key-header-taken)
];

/// splitmix64: small, fast, and the same everywhere.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6d75_7461_7370_6563)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// 0..n
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    /// true with probability `pct`%.
    pub fn pct(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One generated API, kept as trees so that endpoints can be left out (the catalogue
/// then lists only the codes that the remaining files use).
pub struct ApiDraft {
    pub name: String,
    shared: Y,
    shared_codes: BTreeSet<u32>,
    /// The catalogue without its codes, and every code entry.
    catalog: Option<(Y, Vec<(u32, Y)>)>,
    /// `(endpoint name, file, codes it uses)`.
    pub endpoints: Vec<(String, Y, BTreeSet<u32>)>,
}

impl ApiDraft {
    /// The files of the API with the endpoints whose `keep` is true:
    /// `(path relative to the spec root, text)`, the shared file first.
    pub fn files(&self, keep: &[bool]) -> Vec<(String, String)> {
        let mut used = self.shared_codes.clone();
        for ((_, _, codes), k) in self.endpoints.iter().zip(keep) {
            if *k {
                used.extend(codes.iter().copied());
            }
        }
        let mut shared = self.shared.clone();
        if let Some((head, codes)) = &self.catalog {
            let mut head = head.clone();
            let list = codes
                .iter()
                .filter(|(c, y)| used.contains(c) || is_server(y))
                .map(|(_, y)| y.clone())
                .collect();
            head.put("codes", Y::Seq(list));
            shared.put("errors", head);
        }
        let mut out = vec![(format!("{}/api.yaml", self.name), super::yaml::write(&shared))];
        for ((ep, y, _), k) in self.endpoints.iter().zip(keep) {
            if *k {
                out.push((format!("{}/{ep}.yaml", self.name), super::yaml::write(y)));
            }
        }
        out
    }
}

fn is_server(y: &Y) -> bool {
    matches!(y, Y::Map(e) if e.iter().any(|(k, v)| k == "check" && matches!(v, Y::Str(s) if s == "server")))
}

/// How a batch is drawn.
pub struct Params {
    pub seed: u64,
    pub apis: usize,
    pub endpoints_per_api: usize,
    /// Features allowed (all but `PENDING` by default).
    pub enabled: Vec<Feature>,
}

impl Params {
    pub fn new(seed: u64, apis: usize, endpoints_per_api: usize) -> Params {
        let all = [
            Feature::SensitiveComposite,
            Feature::RecursiveTypes,
            Feature::EnumValueErr,
            Feature::ReservedCatalogueName,
            Feature::ReservedModuleName,
            Feature::ParamCaseCollision,
            Feature::BidiOrCrInDocs,
            Feature::DocFences,
            Feature::MinLengthOneArray,
            Feature::RustdocHazards,
            Feature::TabsInDocs,
            Feature::SelfTypeName,
            Feature::ConditionOnObjectField,
            Feature::PreludeEndpointName,
            Feature::StdModuleName,
            Feature::MarkdownLists,
            Feature::FieldReferences,
            Feature::DeepNesting,
            Feature::BigNumberBounds,
            Feature::NestedSetOnce,
            Feature::OutputOnlyBody,
            Feature::AuthorizationHeader,
        ];
        Params {
            seed,
            apis,
            endpoints_per_api,
            enabled: all.into_iter().filter(|f| !PENDING.contains(f)).collect(),
        }
    }
}

// ---------------------------------------------------------------------------------
// Alphabets.

const FIELD_WORDS: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "async",
    "await",
    "match",
    "mod",
    "use",
    "impl",
    "dyn",
    "gen",
    "try",
    "box",
    "default",
    "new",
    "value",
    "values",
    "path",
    "current",
    "settings",
    "violations",
    "out",
    "v",
    "s",
    "f",
    "e",
    "err",
    "ok",
    "some",
    "none",
    "option",
    "result",
    "string",
    "vec",
    "request",
    "validate",
    "is_valid",
    "into",
    "from",
    "len",
    "iter",
    "clone",
    "fmt",
    "serde",
    "wire",
    "self_",
    "_links",
    "__kind",
    "fooBar",
    "FooBar2",
    "foo_bar3",
    "HTTPServer",
    "httpServer2",
    "ID",
    "id2",
    "Id3",
    "map",
    "list",
    "key",
    "k",
    "a1",
    "x2y",
    "nickName",
    "isPaperless",
    "amount",
    "createdAt",
    "zip",
    "line1",
    "tags",
    "meta",
    "data",
    "items",
    "item",
    "std",
    "core",
    "alloc",
    "mutaspec_runtime",
    "r",
    "expose",
    "sensitive",
    "effects",
    "predicate",
    "root",
    "seg",
    "index",
    "other",
];

const TYPE_WORDS: &[&str] = &[
    "Path",
    "Value",
    "Map",
    "Sensitive",
    "Decimal",
    "Date",
    "DateTime",
    "Violation",
    "Violations",
    "Rule",
    "Seg",
    "Error",
    "Debug",
    "Serialize",
    "Deserialize",
    "Fn",
    "Sized",
    "Sync",
    "Drop",
    "Type",
    "Request",
    "Current",
    "Settings",
    "HashMap",
    "BTreeMap",
    "Cow",
    "Arc",
    "Rc",
    "Wire",
    "Format",
    "Formatter",
    "Display",
    "FromStr",
    "T",
    "U",
    "Item",
    "Output",
    "Address",
    "Kind",
    "Node",
    "Params",
    "Unrecognized2",
    "Common2",
    "SelfType",
    "Mutaspec",
    "Deserializer",
    "Serializer",
    "Visitor",
    "Hash",
    "Hasher",
    "Ordering",
    "Infallible",
];

/// Prelude names the generated code uses (the loader reserves them for types).
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "AsRef",
    "Iterator",
    "ToString",
    "Send",
    "SelfField",
    "Self_",
    "New",
    "Value",
    "Path",
];

/// Prelude names the loader reserves: drawn rarely, to see the refusal stays clean.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "Result",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "ProgramSettings",
    "SideEffect",
];

const MODULE_WORDS: &[&str] = &[
    "banking", "option", "result", "string", "vec", "std", "core", "alloc", "serde", "tests", "test", "main", "prelude", "types", "errors",
    "settings", "request", "current", "r_type", "main", "my_api", "update_x", "a", "x1", "http", "json", "wire", "path",
];

const SETTING_WORDS: &[&str] = &[
    "type",
    "self",
    "default",
    "fn",
    "nameUpdates",
    "name_updates2",
    "helixKyc",
    "dpsClient",
    "is_valid",
    "locked",
    "value",
    "Self",
    "async",
    "settings",
    "new",
    "clone",
];

const ENUM_VALUES: &[&str] = &[
    "INDIVIDUAL",
    "BUSINESS",
    "JOINT_TENANCY",
    "M",
    "F",
    "U",
    "Ok",
    "None",
    "Some",
    "Self",
    "self",
    "type",
    "1",
    "2nd",
    "A-B",
    "a b",
    "Residence",
    "Mailing",
    "x",
    "Default",
    "Unknown",
    "Other",
    "FromStr",
    "Value",
    "Display",
    "Result",
    "fmt",
    "from_str",
    "as_str",
    "ALL CAPS",
    "kebab-case-value",
    "snake_case_value",
    "Deserialize",
    "Serialize",
    "V1",
    "true",
    "false",
    "null",
    "0",
];

/// Collide with the generated `FromStr` impl (`Self::Err`) and the like.
const ENUM_VALUES_PENDING: &[&str] = &["ERR", "Err"];

const DOC_PIECES: &[&str] = &[
    "Plain words.",
    "**bold** and _emphasis_ and `code`.",
    "# A heading",
    "A table:\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "`Vec<T>` and `map<string>` in backticks.",
    "<https://example.com/docs>",
    "[a link](https://example.com/x?a=1&b=2)",
    "Quote: \"double\" and 'single' and `back`.",
    "Braces {0} {} {{}} and a % sign.",
    "Comment-like */ /* */ // and #[test] fn x() {}",
    "Backslash \\ and \\n (escaped, not a newline).",
    "Zoë, naïve, 日本語, emoji 🦀, RTL-free text.",
    "Trailing spaces   ",
    "& &amp; &lt; entities",
    "A line\nand another line.",
    "A paragraph.\n\nAnother paragraph.",
    "> a quote",
    "Footnote[^1].\n\n[^1]: the note.",
    "`` double `backticks` ``",
    "Ends with a backslash \\",
    "} ) ] closing brackets first",
    "\"\"\" triple quotes \"\"\"",
    "r#\"raw\"# string-ish",
    "--- not a document marker",
    "NUL-free \u{1} \u{7} \u{1b}[31m escape",
    "\u{7f} DEL and \u{85} NEL and \u{2028} LS",
    "<br/> <b>bold</b> inline HTML",
];

/// Rustdoc warns on these (bare URLs, unclosed HTML tags, broken intra-doc links).
const DOC_PIECES_RUSTDOC: &[&str] = &[
    "https://example.com/bare",
    "map<string> outside backticks",
    "<script>alert(1)</script>",
    "See [Address] and [`Nope`].",
    "Vec<Option<T>> generic",
];

const DOC_PIECES_FENCES: &[&str] = &[
    "```\nfn main() { std::fs::write(\"/tmp/mutaspec-doctest-ran\", \"x\").unwrap(); }\n```",
    "```json\n{\"a\": 1}\n```",
    "~~~\nlet x = 1;\n~~~",
    "Text:\n\n    indented code block\n    second line",
    "```rust\npanic!()\n```",
];

const DOC_PIECES_LISTS: &[&str] = &["- a list\n- of items", "1. first\n2. second", "* star\nlazy line"];

const DOC_PIECES_TABS: &[&str] = &["Tab\there.", "\tleading tab", "a\t\tb"];

const DOC_PIECES_BIDI: &[&str] = &["bidi \u{202e}override\u{202c} here", "lone\rCR", "isolate \u{2066}x\u{2069}"];

const PATTERNS: &[&str] = &[
    "[0-9]{10}",
    "ID[A-Za-z0-9]{18}",
    "[A-Z]{2}",
    "a?b*c+",
    "[a-z]{1,5}",
    "x",
    "[0-9]{3}-[0-9]{4}",
    "[A-Za-z0-9 ]*",
    // Groups, alternation, anchors, shorthands and a long repetition (README "Patterns").
    "^\\d{5}(-\\d{4})?$",
    "(INV|CRN)-[0-9]{6}|DRAFT",
    "(?:ab|c)*d?",
    "^[^<>]{0,5000}$",
    "(a|b(c|))+\\.?",
];

// ---------------------------------------------------------------------------------
// The shapes the generator keeps to know what it may say about a field.

#[derive(Debug, Clone)]
enum Shape {
    Str,
    Int,
    Uint,
    Num,
    Bool,
    Dec,
    Date,
    DateTime,
    Enum(Vec<String>),
    /// A free-form JSON value (`json`).
    Json,
    /// An object: its fields' wire names and shapes.
    Obj(Vec<(String, Shape)>),
    List(Box<Shape>),
    Map(Box<Shape>),
    /// A recursive reference (shape unknown to the generator).
    Opaque,
}

/// The named transition patterns a field of this shape can take.
fn pattern_for(shape: &Shape) -> Option<&'static [&'static str]> {
    match shape {
        Shape::Int | Shape::Uint | Shape::Num | Shape::Dec | Shape::Date | Shape::DateTime => Some(&["increase_only", "decrease_only"]),
        Shape::List(_) => Some(&["append_only"]),
        Shape::Map(_) => Some(&["set_once_keys"]),
        Shape::Str | Shape::Bool | Shape::Enum(_) | Shape::Json | Shape::Obj(_) | Shape::Opaque => None,
    }
}

impl Shape {
    fn list_of_obj(&self) -> Option<&Vec<(String, Shape)>> {
        match self {
            Shape::List(i) => match &**i {
                Shape::Obj(f) => Some(f),
                _ => None,
            },
            _ => None,
        }
    }
    fn composite(&self) -> bool {
        matches!(self, Shape::Obj(_) | Shape::List(_) | Shape::Map(_) | Shape::Opaque)
    }
    fn contains_obj(&self) -> bool {
        match self {
            Shape::Obj(_) | Shape::Opaque => true,
            Shape::List(i) | Shape::Map(i) => i.contains_obj(),
            _ => false,
        }
    }
}

/// A field before its attributes: wire name, `rust:`, type expression, shape, and the
/// inline type's mapping if any.
type Draft = (String, Option<String>, String, Shape, Option<Y>);

struct NamedType {
    name: String,
    shape: Shape,
}

struct ApiCx {
    name: String,
    types: Vec<NamedType>,
    /// Settings that lock (usable in `locked_by:`), and all boolean settings.
    locking: Vec<String>,
    settings: Vec<String>,
    effects: Vec<String>,
    /// Codes used by `error:` anywhere (become client codes of the catalogue).
    used_codes: BTreeSet<u32>,
    /// The codes used by the file being drawn (the shared file, or one endpoint).
    owner_codes: BTreeSet<u32>,
    next_code: u32,
    has_catalog: bool,
}

pub struct Gen {
    rng: Rng,
    enabled: Vec<Feature>,
    /// Drawing the fields of a named type (or of an object inside one): only there may a
    /// field be `output_only` (the loader refuses it under `body:`: output-only-in-body).
    in_named_type: bool,
    /// Aliases drawn so far: each alias ends with its number, so none collides.
    aliases: usize,
}

impl Gen {
    fn on(&self, f: Feature) -> bool {
        self.enabled.contains(&f)
    }

    fn docs(&mut self) -> String {
        let n = self.rng.range(1, 3);
        let mut parts = Vec::new();
        for _ in 0..n {
            let r = self.rng.below(100);
            let piece = if r < 8 && self.on(Feature::RustdocHazards) {
                *self.rng.pick(DOC_PIECES_RUSTDOC)
            } else if r < 14 && self.on(Feature::DocFences) {
                *self.rng.pick(DOC_PIECES_FENCES)
            } else if r < 18 && self.on(Feature::BidiOrCrInDocs) {
                *self.rng.pick(DOC_PIECES_BIDI)
            } else if r < 22 && self.on(Feature::TabsInDocs) {
                *self.rng.pick(DOC_PIECES_TABS)
            } else if r < 28 && self.on(Feature::MarkdownLists) {
                *self.rng.pick(DOC_PIECES_LISTS)
            } else {
                *self.rng.pick(DOC_PIECES)
            };
            parts.push(piece.to_owned());
        }
        parts.join(if self.rng.pct(50) { " " } else { "\n\n" })
    }

    fn maybe_docs(&mut self, m: &mut Y, pct: u64) {
        if self.rng.pct(pct) {
            let d = self.docs();
            m.put("docs", Y::s(d));
        }
    }

    /// A fresh name from `words`, made unique in `used` by its case-folded form.
    fn fresh(&mut self, words: &[&str], used: &mut BTreeSet<String>, suffix_style: fn(&str, usize) -> String) -> String {
        for attempt in 0..50 {
            let w = *self.rng.pick(words);
            let name = if attempt < 3 { w.to_owned() } else { suffix_style(w, attempt) };
            if used.insert(fold(&name)) {
                return name;
            }
        }
        let name = suffix_style("zz", used.len() + 100);
        used.insert(fold(&name));
        name
    }

    fn code(&mut self, api: &mut ApiCx) -> Option<u32> {
        if !api.has_catalog || !self.rng.pct(35) {
            return None;
        }
        let c = if !api.used_codes.is_empty() && self.rng.pct(30) {
            *api.used_codes.iter().nth(self.rng.below(api.used_codes.len())).unwrap()
        } else {
            api.next_code += 1 + self.rng.below(3) as u32;
            api.next_code
        };
        api.used_codes.insert(c);
        api.owner_codes.insert(c);
        Some(c)
    }

    /// A constraint value, bare or in the long form with `error:`, `setting:`, `if:`.
    fn constraint(&mut self, api: &mut ApiCx, value: Y, siblings: &[(String, Shape)]) -> Y {
        let code = self.code(api);
        let setting = (!api.settings.is_empty() && self.rng.pct(15)).then(|| self.rng.pick(&api.settings).clone());
        let cond = if self.rng.pct(15) { self.condition(siblings) } else { None };
        if code.is_none() && setting.is_none() && cond.is_none() {
            return value;
        }
        let mut m = Y::map().with("value", value);
        if let Some(c) = code {
            m.put("error", Y::n(c));
        }
        if let Some(s) = setting {
            m.put("setting", Y::s(s));
        }
        if let Some(c) = cond {
            m.put("if", c);
        }
        m
    }

    /// `{ sibling: VALUE }` for an enum sibling, if there is one.
    fn condition(&mut self, siblings: &[(String, Shape)]) -> Option<Y> {
        if !self.on(Feature::FieldReferences) {
            return None;
        }
        let enums: Vec<(&String, &Vec<String>)> = siblings
            .iter()
            .filter_map(|(w, s)| match s {
                Shape::Enum(v) => Some((w, v)),
                _ => None,
            })
            .collect();
        if enums.is_empty() {
            return None;
        }
        let (w, vals) = enums[self.rng.below(enums.len())];
        Some(Y::map().with(w.clone(), Y::s(self.rng.pick(vals).clone())))
    }

    fn enum_values(&mut self) -> Vec<String> {
        let n = self.rng.range(1, 5);
        let mut used = BTreeSet::new();
        let mut out = Vec::new();
        for _ in 0..n {
            let v = if self.on(Feature::EnumValueErr) && self.rng.pct(10) {
                *self.rng.pick(ENUM_VALUES_PENDING)
            } else {
                *self.rng.pick(ENUM_VALUES)
            };
            // Variants are UpperCamelCase of the value: avoid duplicates mostly.
            if used.insert(variant_fold(v)) || self.rng.pct(1) {
                out.push(v.to_owned());
            }
        }
        out
    }

    /// A type expression and its shape. `depth` bounds nesting.
    fn ty(&mut self, api: &ApiCx, local: &[NamedType], depth: usize) -> (String, Shape) {
        let max_depth = if self.on(Feature::DeepNesting) { 40 } else { 3 };
        let r = self.rng.below(100);
        if depth < max_depth && r < 12 {
            let (t, s) = self.ty(api, local, depth + 1);
            return (format!("{t}[]"), Shape::List(Box::new(s)));
        }
        if depth < max_depth && r < 20 {
            let (t, s) = self.ty(api, local, depth + 1);
            return (format!("map<{t}>"), Shape::Map(Box::new(s)));
        }
        if r < 38 {
            let named: Vec<&NamedType> = api.types.iter().chain(local.iter()).collect();
            if !named.is_empty() {
                let t = named[self.rng.below(named.len())];
                // An object or its string id, now and then (its shape: unknown here).
                if matches!(t.shape, Shape::Obj(_)) && self.rng.pct(15) {
                    return (format!("{} | string", t.name), Shape::Opaque);
                }
                return (t.name.clone(), t.shape.clone());
            }
        }
        let scalars: [(&str, Shape); 9] = [
            ("string", Shape::Str),
            ("integer", Shape::Int),
            ("unsigned", Shape::Uint),
            ("number", Shape::Num),
            ("boolean", Shape::Bool),
            ("decimal", Shape::Dec),
            ("date", Shape::Date),
            ("datetime", Shape::DateTime),
            ("json", Shape::Json),
        ];
        let (t, s) = self.rng.pick(&scalars).clone();
        (t.to_owned(), s)
    }

    /// Constraints fitting `shape` into the field mapping `m`.
    fn constraints(&mut self, api: &mut ApiCx, m: &mut Y, shape: &Shape, nested: bool, siblings: &[(String, Shape)]) {
        if nested && self.rng.pct(25) {
            let v = self.constraint(api, Y::b(true), siblings);
            m.put("required", v);
        }
        if !self.rng.pct(55) {
            return;
        }
        match shape {
            Shape::Str => match self.rng.below(5) {
                0 => {
                    let f = self.rng.pick(&mutaspec_core::model::Format::ALL).1;
                    let v = self.constraint(api, Y::s(f), siblings);
                    m.put("format", v);
                }
                1 => {
                    let p = *self.rng.pick(PATTERNS);
                    let v = self.constraint(api, Y::s(p), siblings);
                    m.put("pattern", v);
                }
                2 => {
                    let v = self.constraint(api, Y::s("no_po_box"), siblings);
                    m.put("check", v);
                }
                _ => self.lengths(api, m, siblings, false),
            },
            Shape::Int => self.bounds(api, m, siblings, true),
            Shape::Uint => {
                // Bounds of 19 and 20 digits: beyond i64, within u64.
                if self.rng.pct(60) {
                    let lo = self.rng.range(1, 10);
                    let v = self.constraint(api, Y::n(lo), siblings);
                    m.put("min", v);
                }
                if self.rng.pct(60) {
                    let hi = *self
                        .rng
                        .pick(&["9223372036854775808", "10000000000000000000", "18446744073709551614", "1000"]);
                    let v = self.constraint(api, Y::n(hi), siblings);
                    m.put("max", v);
                }
            }
            Shape::Num | Shape::Dec => self.bounds(api, m, siblings, false),
            Shape::Json => {
                if self.rng.pct(50) {
                    let d = self.rng.range(0, 4);
                    let v = self.constraint(api, Y::n(d), siblings);
                    m.put("max_depth", v);
                }
                if self.rng.pct(50) {
                    let b = self.rng.range(1, 80);
                    let v = self.constraint(api, Y::n(b), siblings);
                    m.put("max_bytes", v);
                }
            }
            Shape::Date | Shape::DateTime => {
                let date = matches!(shape, Shape::Date);
                let (a, b) = if date {
                    ("1900-01-01", "2100-12-31")
                } else {
                    ("1900-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
                };
                if self.rng.pct(60) {
                    let v = self.constraint(api, Y::s(a), siblings);
                    m.put("after", v);
                }
                if self.rng.pct(50) {
                    let v = self.constraint(api, Y::s(b), siblings);
                    m.put("before", v);
                }
            }
            Shape::List(item) => {
                if self.rng.pct(60) {
                    self.lengths(api, m, siblings, true);
                }
                if self.rng.pct(35) {
                    self.part(api, m, "items", item, siblings);
                }
                if let Shape::Obj(fields) = &**item {
                    let keys: Vec<&String> = fields
                        .iter()
                        .filter(|(_, s)| matches!(s, Shape::Str | Shape::Enum(_) | Shape::Int))
                        .map(|(w, _)| w)
                        .collect();
                    if !keys.is_empty() && self.rng.pct(50) && self.on(Feature::FieldReferences) {
                        let k = keys[self.rng.below(keys.len())].clone();
                        // `unique_by` takes no `if:` (refused at load): no siblings to name.
                        let v = self.constraint(api, Y::s(k), &[]);
                        m.put("unique_by", v);
                    }
                }
            }
            Shape::Map(item) => {
                self.lengths(api, m, siblings, true);
                if self.rng.pct(35) {
                    self.part(api, m, "items", item, siblings);
                }
                if self.rng.pct(35) {
                    self.part(api, m, "keys", &Shape::Str, siblings);
                }
            }
            _ => {}
        }
    }

    /// `items:` (each element of an array or map of single values) or `keys:` (each key
    /// of a map) with value constraints fitting the element's shape.
    fn part(&mut self, api: &mut ApiCx, m: &mut Y, key: &str, item: &Shape, siblings: &[(String, Shape)]) {
        let mut p = Y::map();
        match item {
            Shape::Str => {
                self.lengths(api, &mut p, siblings, false);
                if self.rng.pct(40) {
                    let pattern = *self.rng.pick(PATTERNS);
                    let v = self.constraint(api, Y::s(pattern), siblings);
                    p.put("pattern", v);
                }
            }
            Shape::Int => self.bounds(api, &mut p, siblings, true),
            Shape::Num | Shape::Dec => self.bounds(api, &mut p, siblings, false),
            _ => return,
        }
        if !p.is_empty_map() {
            m.put(key, p);
        }
    }

    fn lengths(&mut self, api: &mut ApiCx, m: &mut Y, siblings: &[(String, Shape)], collection: bool) {
        let mut lo = self.rng.below(4) as u64;
        if collection && lo == 1 && !self.on(Feature::MinLengthOneArray) {
            lo = 2;
        }
        // `min_length: 0` says nothing and is refused at load (bad-specs/min-length-zero).
        if lo == 0 {
            lo = 3;
        }
        // An array's or map's count, under either name.
        let (min, max) = if collection && self.rng.pct(35) {
            ("min_items", "max_items")
        } else {
            ("min_length", "max_length")
        };
        if self.rng.pct(60) {
            let v = self.constraint(api, Y::n(lo), siblings);
            m.put(min, v);
        }
        if self.rng.pct(60) {
            let hi = lo + self.rng.range(0, 80) as u64;
            let v = self.constraint(api, Y::n(hi), siblings);
            // Now and then two bounds: a looser one always, this one under a setting.
            let v = match (&v, api.settings.first()) {
                (Y::Plain(_), Some(setting)) if self.rng.pct(25) => Y::Seq(vec![
                    Y::n(hi + self.rng.range(1, 20) as u64),
                    Y::map().with("value", v).with("setting", Y::s(setting.clone())),
                ]),
                _ => v,
            };
            m.put(max, v);
        }
    }

    fn bounds(&mut self, api: &mut ApiCx, m: &mut Y, siblings: &[(String, Shape)], integer: bool) {
        let (lo, hi): (Y, Y) = if self.on(Feature::BigNumberBounds) && self.rng.pct(5) {
            (Y::n("-9223372036854775808"), Y::n(format!("1{}", "0".repeat(309))))
        } else if integer {
            let lo = self.rng.range(0, 10) as i64 - 5;
            (Y::n(lo), Y::n(lo + self.rng.range(0, 1000) as i64))
        } else {
            let lo = *self.rng.pick(&["0", "-1.5", "0.01", "10"]);
            let hi = *self.rng.pick(&["100", "1050.00", "99999.99", "10"]);
            if self.rng.pct(30) {
                (Y::s(lo), Y::s(hi))
            } else {
                (Y::n(lo), Y::n(hi))
            }
        };
        if self.rng.pct(60) {
            let v = self.constraint(api, lo, siblings);
            m.put("min", v);
        }
        if self.rng.pct(60) {
            let v = self.constraint(api, hi, siblings);
            m.put("max", v);
        }
    }

    /// An object's fields (`fields:` or `body:`), with their shapes.
    fn fields(&mut self, api: &mut ApiCx, local: &[NamedType], depth: usize, top: bool) -> (Y, Vec<(String, Shape)>) {
        let mut used = BTreeSet::new();
        let n = if top { self.rng.range(2, 12) } else { self.rng.range(1, 6) };
        // First the names and types, so constraints can refer to siblings.
        let mut drafts: Vec<Draft> = Vec::new();
        let mut discriminator: Option<(String, Vec<String>)> = None;
        if top && self.rng.pct(25) {
            let words: &[&str] = if self.on(Feature::SelfTypeName) {
                &["type", "kind", "Self", "self", "variant"]
            } else {
                &["type", "kind", "variant"]
            };
            let w = self.fresh(words, &mut used, suffixed);
            let values = self.enum_values();
            discriminator = Some((w.clone(), values.clone()));
            drafts.push((w, None, "enum".to_owned(), Shape::Enum(values), None));
        }
        for _ in 0..n {
            let (wire, rust) = self.wire_name(&mut used);
            let r = self.rng.below(100);
            let max_inline = if self.on(Feature::DeepNesting) { 30 } else { 3 };
            if r < 15 && depth < max_inline {
                // Inline object (or array of them).
                let (fields, shapes) = self.fields(api, local, depth + 1, false);
                let array = self.rng.pct(35);
                let mut m = Y::map();
                if array {
                    m.put("type", Y::s("object[]"));
                }
                m.put("fields", fields);
                let shape = Shape::Obj(shapes);
                let shape = if array { Shape::List(Box::new(shape)) } else { shape };
                drafts.push((wire, rust, String::new(), shape, Some(m)));
            } else if r < 23 {
                let values = self.enum_values();
                let array = self.rng.pct(25);
                let mut m = Y::map();
                if array {
                    m.put("type", Y::s("enum[]"));
                }
                m.put("values", Y::Seq(values.iter().map(Y::s).collect()));
                if self.rng.pct(20) {
                    m.put("open", Y::b(true));
                } else if let Some(c) = self.code(api) {
                    m.put("error", Y::n(c));
                }
                let shape = Shape::Enum(values);
                let shape = if array { Shape::List(Box::new(shape)) } else { shape };
                drafts.push((wire, rust, String::new(), shape, Some(m)));
            } else {
                let (t, s) = self.ty(api, local, depth);
                drafts.push((wire, rust, t, s, None));
            }
        }
        // Which fields a request never carries, decided first: conditions, `unique_by`
        // keys and item conditions name only the others (the loader refuses the rest:
        // tests/bad-specs/condition-on-unsendable-or-untextual-field).
        let disc = usize::from(discriminator.is_some());
        let unsendable: Vec<(bool, bool)> = (0..drafts.len())
            .map(|i| {
                let not_updatable = i >= disc && self.rng.pct(6);
                let output_only = i >= disc && depth > 0 && (self.in_named_type || self.on(Feature::OutputOnlyBody)) && self.rng.pct(5);
                (not_updatable, output_only)
            })
            .collect();
        let siblings: Vec<(String, Shape)> = drafts
            .iter()
            .zip(&unsendable)
            .filter(|(_, (nu, oo))| !nu && !oo)
            .map(|(d, _)| (d.0.clone(), d.3.clone()))
            .collect();
        let mut out = Y::map();
        for (i, (wire, rust, ty, shape, inline)) in drafts.into_iter().enumerate() {
            let is_disc = discriminator.is_some() && i == 0;
            let (not_updatable, output_only) = unsendable[i];
            let short = !is_disc && !not_updatable && !output_only && inline.is_none() && rust.is_none() && self.rng.pct(30);
            if short {
                out.put(wire, Y::s(ty));
                continue;
            }
            let mut m = inline.unwrap_or_else(|| Y::map().with("type", Y::s(ty.clone())));
            if let Some(r) = rust {
                m.put("rust", Y::s(r));
            }
            if let (true, Some((_, values))) = (is_disc, &discriminator) {
                m.put("values", Y::Seq(values.iter().map(Y::s).collect()));
                m.put("rule", Y::s("identifying"));
                out.put(wire, m);
                continue;
            }
            self.maybe_docs(&mut m, 30);
            let risky = PRELUDE.contains(&camel_of(&wire).as_str()) || TYPE_WORDS.contains(&camel_of(&wire).as_str());
            let must_name = fold(&wire).starts_with("self") && !self.on(Feature::SelfTypeName);
            let inline_type = matches!(m, Y::Map(ref e) if e.iter().any(|(k, _)| k == "fields" || k == "values"));
            if inline_type && (must_name || self.rng.pct(if risky { 95 } else { 50 })) {
                let n = format!("Inline{}{}", camel_of(&wire), self.rng.below(100_000));
                m.put("name", Y::s(n));
            }
            let others: Vec<(String, Shape)> = siblings.iter().filter(|(w, _)| *w != wire).cloned().collect();
            // The rule.
            let rule_pct = self.rng.below(100);
            let nested_rules = depth == 0 || self.on(Feature::NestedSetOnce);
            if not_updatable {
                m.put("rule", Y::s("not_updatable"));
            } else if let (Some((d, values)), true) = (&discriminator, rule_pct < 20 && top) {
                m.put("when", Y::map().with(d.clone(), Y::s(self.rng.pick(values).clone())));
            } else if rule_pct < 30 && nested_rules {
                let r = *self.rng.pick(&["set_once", "identifying"]);
                m.put("rule", Y::s(r));
            } else if rule_pct < 34 && top && pattern_for(&shape).is_some() {
                // A named transition pattern (Kubernetes' `oldSelf` rules).
                let names = pattern_for(&shape).unwrap_or_default();
                m.put("rule", Y::s(*self.rng.pick(names)));
            } else if rule_pct < 36 {
                m.put("rule", Y::s("mutable"));
            }
            // State conditions on the discriminator and transitions of an inline enum
            // (top-level fields of the body only: the snapshot holds those).
            if top && !not_updatable {
                if let (Some((d, values)), true) = (&discriminator, self.rng.pct(12)) {
                    let chosen: Vec<Y> = values.iter().filter(|_| self.rng.pct(50)).map(Y::s).collect();
                    let chosen = if chosen.is_empty() {
                        vec![Y::s(self.rng.pick(values).clone())]
                    } else {
                        chosen
                    };
                    m.put("while", Y::map().with(d.clone(), Y::Seq(chosen)));
                }
                let inline_enum = matches!(m, Y::Map(ref e) if e.iter().any(|(k, _)| k == "values"));
                if let (Shape::Enum(values), true) = (&shape, inline_enum && self.rng.pct(30)) {
                    let mut moves = Y::map();
                    let froms: Vec<&String> = values.iter().filter(|_| self.rng.pct(60)).collect();
                    for v in froms {
                        let next: Vec<Y> = values.iter().filter(|w| *w != v && self.rng.pct(40)).map(Y::s).collect();
                        moves.put(v.clone(), Y::Seq(next));
                    }
                    m.put("transitions", moves);
                    if self.rng.pct(30) {
                        m.put("provider_only", Y::Seq(vec![Y::s(self.rng.pick(values).clone())]));
                    }
                }
            }
            let no_cond: Vec<(String, Shape)> = Vec::new();
            let cond_siblings = if shape.contains_obj() && !self.on(Feature::ConditionOnObjectField) {
                &no_cond
            } else {
                &others
            };
            if !not_updatable {
                self.constraints(api, &mut m, &shape, !top, cond_siblings);
            }
            // Locks and effects on a field a request never carries are never checked, and
            // refused at load (bad-specs/never-checked-on-not-updatable).
            if !not_updatable && !api.locking.is_empty() && self.rng.pct(15) {
                let mut locks = Vec::new();
                for _ in 0..self.rng.range(1, 2) {
                    let s = self.rng.pick(&api.locking).clone();
                    // A lock's `if:` looks into the items of an array of objects; on any
                    // other field it is refused at load.
                    let target = match &shape {
                        Shape::List(_) => shape.list_of_obj().cloned().unwrap_or_default(),
                        _ => Vec::new(),
                    };
                    match self.condition(&target) {
                        Some(c) if self.rng.pct(60) => locks.push(Y::map().with("setting", Y::s(s)).with("if", c)),
                        _ => locks.push(Y::s(s)),
                    }
                }
                m.put("locked_by", Y::Seq(locks));
            }
            if shape.composite() && self.rng.pct(20) {
                m.put("merge", Y::s(*self.rng.pick(&["merge", "replace"])));
            }
            let composite_sensitive = shape.contains_obj();
            if self.rng.pct(12) && (!composite_sensitive || self.on(Feature::SensitiveComposite)) {
                m.put("sensitive", Y::b(true));
            }
            if !not_updatable
                && !api.effects.is_empty()
                && self.rng.pct(12)
                && (!shape.contains_obj() || self.on(Feature::SensitiveComposite))
            {
                let e = self.rng.pick(&api.effects).clone();
                m.put("effects", Y::Seq(vec![Y::s(e)]));
            }
            if output_only {
                m.put("output_only", Y::b(true));
            }
            if !not_updatable && self.rng.pct(8) {
                // Another spelling of the field: unique in the API by its suffix.
                self.aliases += 1;
                m.put("aliases", Y::Seq(vec![Y::s(format!("{wire}Alias{}", self.aliases))]));
            }
            out.put(wire, m);
        }
        (out, siblings)
    }

    /// A wire name and maybe a `rust:` override (required for names with no Rust form).
    fn wire_name(&mut self, used: &mut BTreeSet<String>) -> (String, Option<String>) {
        let r = self.rng.below(100);
        if r < 4 {
            let w = format!("{}ë{}", self.rng.pick(&["naïv", "zo", "straße"]), used.len());
            let rust = format!("unicode_{}", used.len());
            used.insert(fold(&w));
            used.insert(fold(&rust));
            return (w, Some(rust));
        }
        if r < 7 {
            let w = format!("x-{}-{}", self.rng.pick(&["api", "trace", "id"]), used.len());
            let rust = self.fresh(&["type", "self", "fn", "r#x", "x_field"], used, suffixed);
            let rust = if rust == "r#x" { format!("x_{}", used.len()) } else { rust };
            used.insert(fold(&w));
            return (w, Some(rust));
        }
        (self.fresh(FIELD_WORDS, used, suffixed), None)
    }

    fn named_types(&mut self, api: &mut ApiCx, into: &mut Y, local: bool, used: &mut BTreeSet<String>) -> Vec<NamedType> {
        let mut out: Vec<NamedType> = Vec::new();
        let n = self.rng.range(0, 4);
        for _ in 0..n {
            // A reserved name in the shared file refuses the whole API: rarer there.
            let name = if self.rng.pct(if local { 3 } else { 1 }) {
                (*self.rng.pick(RESERVED_TYPES)).to_owned()
            } else if self.on(Feature::SelfTypeName) && self.rng.pct(3) {
                "SelfType".to_owned()
            } else {
                self.fresh(TYPE_WORDS, used, |w, i| format!("{w}{i}"))
            };
            let mut m = Y::map();
            self.maybe_docs(&mut m, 40);
            let shape = if self.rng.pct(35) {
                let values = self.enum_values();
                m.put("values", Y::Seq(values.iter().map(Y::s).collect()));
                if self.rng.pct(20) {
                    m.put("open", Y::b(true));
                } else if let Some(c) = self.code(api) {
                    m.put("error", Y::n(c));
                }
                Shape::Enum(values)
            } else {
                let mut prior: Vec<NamedType> = Vec::new();
                if local {
                    prior.extend(out.iter().map(|t| NamedType {
                        name: t.name.clone(),
                        shape: t.shape.clone(),
                    }));
                }
                if self.on(Feature::RecursiveTypes) && self.rng.pct(20) {
                    prior.push(NamedType {
                        name: name.clone(),
                        shape: Shape::Opaque,
                    });
                }
                self.in_named_type = true;
                let (fields, shapes) = self.fields(api, &prior, 1, false);
                self.in_named_type = false;
                m.put("fields", fields);
                Shape::Obj(shapes)
            };
            into.put(name.clone(), m);
            let t = NamedType { name, shape };
            if local {
                out.push(t);
            } else {
                api.types.push(t);
            }
        }
        out
    }
}

/// The case-folded form under which two names collide (`fooBar`, `foo_bar`, `FOO_BAR`).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-' && *c != ' ')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded form of an enum value's variant (`1` and `V1` both give `V1`).
fn variant_fold(v: &str) -> String {
    let f = fold(v);
    if f.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{f}")
    } else {
        f
    }
}

fn suffixed(w: &str, i: usize) -> String {
    let w = w.trim_end_matches('_');
    if w.chars().last().is_some_and(|c| c.is_ascii_lowercase()) {
        format!("{w}{i}")
    } else {
        format!("{w}_{i}")
    }
}

fn camel_of(wire: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in wire.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            up = false;
        } else {
            up = true;
        }
    }
    out
}

/// Draws one batch.
pub fn batch(p: &Params) -> Vec<ApiDraft> {
    let mut g = Gen {
        rng: Rng::new(p.seed),
        enabled: p.enabled.clone(),
        in_named_type: false,
        aliases: 0,
    };
    let mut apis = Vec::new();
    let mut api_names = BTreeSet::new();
    for _ in 0..p.apis {
        let words: Vec<&str> = MODULE_WORDS
            .iter()
            .copied()
            // Names refused for an API (`std`, `core`, `alloc`, `main`) refuse all its
            // files: drawn rarely, with the other refused names below.
            .filter(|w| !["std", "core", "alloc", "main"].contains(w))
            .collect();
        let mut name = g.fresh(&words, &mut api_names, |w, i| format!("{}_{i}", w.trim_end_matches('_')));
        // Rarely: a refused API name refuses every file of the API.
        if g.on(Feature::ReservedModuleName) && g.rng.pct(2) {
            let n = (*g.rng.pick(&["lib", "bin", "main", "mutaspec_runtime", "std", "core", "alloc"])).to_owned();
            if api_names.insert(fold(&n)) {
                name = n;
            }
        }
        apis.push(api(&mut g, &name, p.endpoints_per_api));
    }
    apis
}

/// One API: its shared file and its endpoint files.
fn api(g: &mut Gen, name: &str, endpoints: usize) -> ApiDraft {
    let mut cx = ApiCx {
        name: name.to_owned(),
        types: Vec::new(),
        locking: Vec::new(),
        settings: Vec::new(),
        effects: Vec::new(),
        used_codes: BTreeSet::new(),
        owner_codes: BTreeSet::new(),
        next_code: 1000 + g.rng.below(50_000) as u32,
        has_catalog: g.rng.pct(70),
    };
    let mut shared = Y::map().with("api", Y::s(name));
    if g.rng.pct(60) {
        let t = g.docs();
        shared.put("title", Y::s(t.lines().next().unwrap_or("T").to_owned()));
    }
    g.maybe_docs(&mut shared, 70);
    let mut hosts = Y::map().with("production", Y::s(format!("https://api.{}.example.com", name.replace('_', "-"))));
    if g.rng.pct(50) {
        hosts.put("staging", Y::s("https://staging.example.com"));
    }
    shared.put("hosts", hosts);
    let scheme = *g.rng.pick(&["bearer", "basic"]);
    let mut auth = Y::map().with("scheme", Y::s(scheme));
    if scheme == "bearer" && g.rng.pct(50) {
        let h = if g.on(Feature::AuthorizationHeader) && g.rng.pct(20) {
            "Authorization"
        } else {
            *g.rng.pick(&["x-api-key", "X-Key", "api-key"])
        };
        auth.put("api_key_header", Y::s(h));
    }
    shared.put("auth", auth);
    // Settings and effects first: fields refer to them.
    let mut settings = Y::map();
    let mut used = BTreeSet::new();
    for _ in 0..g.rng.range(0, 4) {
        let s = g.fresh(SETTING_WORDS, &mut used, suffixed);
        let mut m = Y::map();
        g.maybe_docs(&mut m, 60);
        if g.rng.pct(50) {
            m.put("default", Y::b(g.rng.pct(50)));
        }
        if g.rng.pct(55) {
            if g.rng.pct(30) {
                m.put("kind", Y::s("identity_verification"));
            }
            let mut l = Y::map().with("when", Y::b(g.rng.pct(50)));
            if let Some(c) = g.code(&mut cx) {
                l.put("error", Y::n(c));
            }
            m.put("locks", l);
            cx.locking.push(s.clone());
        }
        cx.settings.push(s.clone());
        settings.put(s, m);
    }
    let mut effects = Y::map();
    let mut used_e = BTreeSet::new();
    for _ in 0..g.rng.range(0, 3) {
        let e = g.fresh(
            &["reverification", "type", "self", "pause", "fn", "notify", "SideEffect"],
            &mut used_e,
            suffixed,
        );
        let d = g.docs();
        effects.put(e.clone(), Y::map().with("docs", Y::s(d)));
        cx.effects.push(e);
    }
    let mut types = Y::map();
    let mut type_names = BTreeSet::new();
    g.named_types(&mut cx, &mut types, false, &mut type_names);
    // Endpoints.
    let mut eps = Vec::new();
    let mut ep_names = BTreeSet::new();
    for _ in 0..endpoints {
        let words: Vec<&str> = MODULE_WORDS
            .iter()
            .copied()
            .filter(|w| g.on(Feature::PreludeEndpointName) || !PRELUDE.contains(&camel_of(w).as_str()))
            .filter(|w| g.on(Feature::ReservedModuleName) || *w != "main")
            .filter(|w| g.on(Feature::StdModuleName) || !["std", "core", "alloc"].contains(w))
            .collect();
        let mut ep = if g.rng.pct(20) {
            g.fresh(&words, &mut ep_names, |w, i| format!("update_{}_{i}", w.trim_end_matches('_')))
        } else {
            let words: Vec<String> = MODULE_WORDS.iter().map(|w| format!("update_{w}")).collect();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            g.fresh(&words, &mut ep_names, |w, i| format!("{}_{i}", w.trim_end_matches('_')))
        };
        if g.on(Feature::ReservedModuleName) && g.rng.pct(5) && ep_names.insert(fold("mutaspec_runtime")) {
            ep = "mutaspec_runtime".to_owned();
        }
        let mut local_names = type_names.clone();
        let shared_codes = std::mem::take(&mut cx.owner_codes);
        let y = endpoint(g, &mut cx, &ep, &mut local_names);
        let codes = std::mem::replace(&mut cx.owner_codes, shared_codes);
        eps.push((ep, y, codes));
    }
    if !types.is_empty_map() {
        shared.put("types", types);
    }
    if !settings.is_empty_map() {
        shared.put("settings", settings);
    }
    if !effects.is_empty_map() {
        shared.put("effects", effects);
    }
    let catalog = cx.has_catalog.then(|| catalog(g, &cx));
    ApiDraft {
        name: name.to_owned(),
        shared,
        shared_codes: cx.owner_codes.clone(),
        catalog,
        endpoints: eps,
    }
}

fn catalog(g: &mut Gen, cx: &ApiCx) -> (Y, Vec<(u32, Y)>) {
    // A refused catalogue refuses every code of the API, so the whole API: rarely.
    let name = if g.on(Feature::ReservedCatalogueName) && g.rng.pct(1) {
        (*g.rng.pick(&["Option", "Result", "String"])).to_owned()
    } else {
        format!("{}Error", camel_of(&cx.name))
    };
    let mut m = Y::map().with("name", Y::s(name));
    g.maybe_docs(&mut m, 50);
    if g.rng.pct(40) {
        let mut c = Y::map().with("from", Y::n(1)).with("to", Y::n(999)).with("message", Y::s(g.docs()));
        if g.rng.pct(50) {
            c.put("notes", Y::s(g.docs()));
        }
        m.put("common", c);
    }
    let mut codes = Vec::new();
    let mut names = BTreeSet::new();
    for c in &cx.used_codes {
        codes.push((*c, code_entry(g, *c, false, &mut names)));
    }
    let servers = g.rng.range(0, 3) as u32;
    for server in cx.next_code + 10..cx.next_code + 10 + servers {
        codes.push((server, code_entry(g, server, true, &mut names)));
    }
    (m, codes)
}

fn code_entry(g: &mut Gen, code: u32, server: bool, names: &mut BTreeSet<String>) -> Y {
    let mut e = Y::map().with("code", Y::n(code));
    if g.rng.pct(60) {
        let n = g.fresh(
            &[
                "InvalidBirthDate",
                "TagInUse",
                "Common3",
                "Unknown3",
                "Display",
                "Debug",
                "Error",
                "Other",
                "Source",
                "Code",
                "Message",
            ],
            names,
            |w, i| format!("{w}{i}"),
        );
        e.put("name", Y::s(n));
    }
    if g.rng.pct(40) {
        let docs = g.docs().replace(['{', '}'], "");
        e.put("message", Y::s(format!("Tag '{{0}}' and {{name}} {docs}")));
        e.put("params", Y::map().with("0", Y::s("tag")).with("name", Y::s("the_name")));
    } else {
        let msg = g.docs().replace(['{', '}'], "");
        e.put("message", Y::s(msg));
    }
    if server {
        e.put("check", Y::s("server"));
    } else if g.rng.pct(30) {
        e.put("check", Y::s("client"));
    }
    if g.rng.pct(30) {
        e.put("notes", Y::s(g.docs()));
    }
    e
}

fn endpoint(g: &mut Gen, cx: &mut ApiCx, name: &str, type_names: &mut BTreeSet<String>) -> Y {
    let mut y = Y::map().with("api", Y::s(cx.name.clone())).with("endpoint", Y::s(name));
    if g.rng.pct(60) {
        let t = g.docs();
        y.put("title", Y::s(t.lines().next().unwrap_or("T").to_owned()));
    }
    if g.rng.pct(40) {
        y.put("source", Y::s(g.docs()));
    }
    g.maybe_docs(&mut y, 60);
    y.put("method", Y::s(*g.rng.pick(&["POST", "PUT", "PATCH", "DELETE", "GET"])));
    // Path and params.
    let mut path = String::from("/v1/") + &name.replace('_', "-");
    let mut params = Y::map();
    let mut used = BTreeSet::new();
    let n = g.rng.range(0, 3);
    let mut pnames: Vec<String> = Vec::new();
    for _ in 0..n {
        let p = g.fresh(
            &["customerId", "id", "type", "self", "accountId", "fn", "Self", "path", "params"],
            &mut used,
            suffixed,
        );
        pnames.push(p);
    }
    if g.on(Feature::ParamCaseCollision) && g.rng.pct(10) {
        pnames.push("fooBar".to_owned());
        pnames.push("foo_bar".to_owned());
    }
    for p in pnames {
        path.push_str(&format!("/x/{{{p}}}"));
        let mut m = Y::map().with("type", Y::s(*g.rng.pick(&["integer", "string"])));
        if m_type_is_string(&m) && g.rng.pct(30) {
            m.put("pattern", Y::s(*g.rng.pick(PATTERNS)));
        }
        g.maybe_docs(&mut m, 40);
        params.put(p, m);
    }
    y.put("path", Y::s(path));
    if !params.is_empty_map() {
        y.put("params", params);
    }
    if g.rng.pct(10) {
        y.put("hosts", Y::map().with("production", Y::s("https://other.example.com")));
    }
    if g.rng.pct(10) {
        y.put("auth", Y::map().with("scheme", Y::s("basic")));
    }
    let objects: Vec<String> = cx
        .types
        .iter()
        .filter(|t| matches!(t.shape, Shape::Obj(_)))
        .map(|t| t.name.clone())
        .collect();
    let mut resp = if !objects.is_empty() && g.rng.pct(30) {
        Y::map().with("status", Y::n(200)).with("type", Y::s(g.rng.pick(&objects).clone()))
    } else {
        Y::map().with("status", Y::n(*g.rng.pick(&[204, 200, 202])))
    };
    g.maybe_docs(&mut resp, 20);
    y.put("response", resp);
    let mut types = Y::map();
    let local = g.named_types(cx, &mut types, true, type_names);
    if !types.is_empty_map() {
        y.put("types", types);
    }
    // The body: nested fields, and some dotted paths.
    let (mut body, _) = g.fields(cx, &local, 0, true);
    if g.rng.pct(30) {
        let mut used: BTreeSet<String> = match &body {
            Y::Map(m) => m.iter().map(|(w, _)| fold(w)).collect(),
            _ => BTreeSet::new(),
        };
        let root = g.fresh(&["configuration", "debitCardIssuance", "a", "sweep", "meta"], &mut used, suffixed);
        let array = g.rng.pct(35);
        let sep = if array { "[]." } else { "." };
        for i in 0..g.rng.range(1, 3) {
            let leaf = match i {
                0 => format!("{root}{sep}leaf"),
                1 => format!("{root}{sep}inner.minBalance"),
                _ => format!("{root}{sep}inner.deep.id"),
            };
            let ty = *g.rng.pick(&["string", "decimal", "integer", "date"]);
            body.put(leaf, Y::s(ty));
        }
    }
    y.put("body", body);
    y
}

fn m_type_is_string(m: &Y) -> bool {
    matches!(m, Y::Map(e) if e.iter().any(|(k, v)| k == "type" && matches!(v, Y::Str(s) if s == "string")))
}

impl Y {
    fn is_empty_map(&self) -> bool {
        matches!(self, Y::Map(m) if m.is_empty())
    }
}
