//! The proc-macro and the `build.rs` front expand to exactly the generated crate: the
//! expansion of `spec/`, split back into one file per inline module and formatted by
//! render's `format_file`, equals `generated/src/**` byte for byte.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use mutaspec_core::{emit, expand, model::Spec, render};
use quote::quote;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn spec() -> Spec {
    mutaspec_core::load(Path::new("spec"))
        .unwrap_or_else(|e| panic!("{}", e.render()))
        .spec
}

/// `include_spec!("spec")`, as the macro expands it in this crate.
fn expansion() -> syn::File {
    let tokens = expand::include_spec_in(quote!("spec"), Path::new(ROOT));
    syn::parse2(tokens).expect("the expansion parses as items")
}

/// Splits an inline tree back into files: a module with inline children becomes
/// `<name>/mod.rs`, one without `<name>.rs`; each keeps its outer attributes on the
/// declaration left in its parent (less the inline layout's `allow` of clippy's
/// `mixed_attributes_style`), and its inner attributes become the file's.
fn split(dir: &Path, file_name: PathBuf, attrs: Vec<syn::Attribute>, items: Vec<syn::Item>, out: &mut BTreeMap<PathBuf, syn::File>) {
    let mut kept = Vec::new();
    for item in items {
        match item {
            syn::Item::Mod(mut m) if m.content.is_some() => {
                let (_, children) = m.content.take().expect("checked");
                let (inner, outer): (Vec<_>, Vec<_>) = m.attrs.drain(..).partition(|a| matches!(a.style, syn::AttrStyle::Inner(_)));
                // The one attribute only the inline layout has (see `emit::child`).
                m.attrs = outer
                    .into_iter()
                    .filter(|a| !quote!(#a).to_string().contains("mixed_attributes_style"))
                    .collect();
                m.semi = Some(Default::default());
                let name = m.ident.to_string();
                // The one attribute only the file layout has: each API's module behind its
                // cargo feature (the crate root's children are the API modules).
                if dir.as_os_str().is_empty() {
                    m.attrs.push(syn::parse_quote!(#[cfg(feature = #name)]));
                }
                let has_children = children.iter().any(|i| matches!(i, syn::Item::Mod(c) if c.content.is_some()));
                let child_dir = dir.join(&name);
                let child_file = if has_children {
                    child_dir.join("mod.rs")
                } else {
                    dir.join(format!("{name}.rs"))
                };
                split(&child_dir, child_file, inner, children, out);
                kept.push(syn::Item::Mod(m));
            }
            other => kept.push(other),
        }
    }
    out.insert(
        file_name,
        syn::File {
            shebang: None,
            attrs,
            items: kept,
        },
    );
}

/// The formatted files of an inline tree, as `generated/src` holds them.
fn files_of(tree: syn::File, spec: &Spec) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let root_docs: syn::File = syn::parse2(emit::crate_docs(spec)).expect("the crate docs parse");
    split(Path::new(""), PathBuf::from("lib.rs"), root_docs.attrs, tree.items, &mut files);
    let mut sources: BTreeMap<PathBuf, String> = BTreeMap::new();
    for api in &spec.apis {
        sources.insert(PathBuf::from(&api.name).join("mod.rs"), emit::spec_file(spec, &api.loc.file));
        for ep in &api.endpoints {
            sources.insert(
                PathBuf::from(&api.name).join(format!("{}.rs", ep.name)),
                emit::spec_file(spec, &ep.file),
            );
        }
    }
    files
        .into_iter()
        .map(|(path, file)| {
            let text = render::format_file(quote!(#file), sources.get(&path).map(String::as_str)).expect("formats");
            (path, text)
        })
        .collect()
}

fn generated_src() -> BTreeMap<PathBuf, String> {
    let root = Path::new("generated/src");
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("generated/src").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(root).expect("under root").to_path_buf(),
                    fs::read_to_string(&p).expect("utf-8"),
                );
            }
        }
    }
    out
}

fn assert_same_files(actual: &BTreeMap<PathBuf, String>, expected: &BTreeMap<PathBuf, String>) {
    assert_eq!(
        actual.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "the file lists differ"
    );
    for (path, text) in expected {
        assert!(
            actual[path] == *text,
            "{} differs from the expansion; first differing line: {:?}",
            path.display(),
            actual[path].lines().zip(text.lines()).find(|(a, b)| a != b)
        );
    }
}

/// `const _: &[&[u8]] = &[include_bytes!(...), ...];`: the paths it includes.
fn tracked(item: &syn::Item) -> Option<Vec<PathBuf>> {
    let syn::Item::Const(c) = item else { return None };
    let text = quote!(#c).to_string();
    let paths = text
        .split("include_bytes !")
        .skip(1)
        .filter_map(|s| s.split('"').nth(1))
        .map(PathBuf::from)
        .collect();
    Some(paths)
}

#[test]
fn the_expansion_of_spec_formats_to_generated_src_byte_for_byte() {
    let mut tree = expansion();
    let tracking: Vec<PathBuf> = tree.items.iter().filter_map(tracked).flatten().collect();
    tree.items.retain(|i| !matches!(i, syn::Item::Const(_)));
    assert_same_files(&files_of(tree, &spec()), &generated_src());

    let mut spec_files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![Path::new(ROOT).join("spec")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("spec/").flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                spec_files.push(e.path());
            }
        }
    }
    spec_files.sort();
    let mut tracking = tracking;
    tracking.sort();
    assert_eq!(tracking, spec_files, "every spec file is tracked with include_bytes!");
}

#[test]
fn the_build_rs_front_writes_the_same_code() {
    let out = std::env::temp_dir().join(format!("mutaspec-build-front-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    let generate = || {
        mutaspec_core::build::Config::new()
            .spec(Path::new(ROOT).join("spec"))
            .out_dir(&out)
            .out_file("api.rs")
            .emit_rerun_if_changed(false)
            .generate()
            .expect("generates");
    };
    generate();
    let text = fs::read_to_string(out.join("api.rs")).expect("written");
    assert!(text.starts_with(render::HEADER_MARK), "{}", &text[..80]);
    let tree: syn::File = syn::parse_file(&text).expect("the file parses");
    assert_same_files(&files_of(tree, &spec()), &generated_src());
    let before = fs::metadata(out.join("api.rs")).and_then(|m| m.modified()).expect("mtime");
    std::thread::sleep(std::time::Duration::from_millis(20));
    generate();
    let after = fs::metadata(out.join("api.rs")).and_then(|m| m.modified()).expect("mtime");
    assert_eq!(before, after, "an unchanged spec rewrote the file");
    let _ = fs::remove_dir_all(&out);
}

#[test]
fn the_build_rs_front_reports_spec_errors_readably() {
    let err = mutaspec_core::build::Config::new()
        .spec(Path::new(ROOT).join("tests/bad-specs/unknown-type.yaml"))
        .out_dir(std::env::temp_dir())
        .emit_rerun_if_changed(false)
        .generate()
        .expect_err("a bad spec");
    let debug = format!("{err:?}");
    assert!(
        debug.contains("unknown type `Adress`") && debug.contains("unknown-type.yaml:12:20"),
        "{debug}"
    );
}

/// A spec warning reaches cargo as one `cargo:warning=` line, whatever its text: a spec file
/// whose name holds a line break and a directive (`cargo:rustc-cfg=...`) cannot inject it,
/// neither through the warning nor through `rerun-if-changed`.
#[test]
fn the_build_rs_front_forwards_spec_warnings_as_cargo_warnings() {
    let dir = std::env::temp_dir().join(format!("mutaspec-build-warnings-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let spec = dir.join("spec");
    fs::create_dir_all(&spec).unwrap();
    let text = fs::read_to_string(Path::new(ROOT).join("tests/bad-specs/allow-unknown-warning.yaml")).unwrap();
    let text = text.replace("  allow: [plain-http]\n", "");
    fs::write(spec.join("shop\ncargo:rustc-cfg=injected\r\ncargo:rustc-env=X=1.yaml"), &text).unwrap();
    let mut directives = Vec::new();
    mutaspec_core::build::Config::new()
        .spec(&spec)
        .out_dir(&dir)
        .generate_to(&mut directives)
        .expect("a warning is no error");
    let directives = String::from_utf8(directives).unwrap();
    let lines: Vec<&str> = directives.lines().collect();
    let warnings: Vec<&&str> = lines.iter().filter(|l| l.starts_with("cargo:warning=")).collect();
    assert_eq!(warnings.len(), 1, "{directives}");
    assert!(
        warnings[0].ends_with(
            "shop\\u{a}cargo:rustc-cfg=injected\\u{d}\\u{a}cargo:rustc-env=X=1.yaml:9:12: [plain-http-host] staging host \
             `http://sandbox.example.com` uses plain http: credentials would travel unencrypted (hint: use https; if the \
             provider really documents plain http, keep it and add `allow: [plain-http-host]` to `hosts:` with a comment \
             citing the source)"
        ),
        "{directives}"
    );
    for line in &lines {
        assert!(
            line.starts_with("cargo:warning=") || line.starts_with("cargo:rerun-if-changed="),
            "an injected directive: {line:?}\n{directives}"
        );
    }
    assert_eq!(lines, [format!("cargo:rerun-if-changed={}", spec.display()).as_str(), warnings[0]]);
    assert!(dir.join("mutaspec.rs").is_file());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_spec_error_points_at_the_path_and_carries_file_line_col() {
    let tokens = expand::include_spec_in(quote!("tests/ui/specs/malformed.yaml"), Path::new(ROOT)).to_string();
    assert!(tokens.contains("compile_error"), "{tokens}");
    assert!(
        tokens.contains("tests/ui/specs/malformed.yaml:12:9: unknown type `strng`"),
        "{tokens}"
    );
    assert!(
        tokens.contains("tests/ui/specs/malformed.yaml:13:20: unknown type `Adress`"),
        "{tokens}"
    );
    assert!(tokens.contains("include_bytes"), "the broken file is tracked too: {tokens}");
}

/// The proc-macro's path: on success the items come as text (built with proc-macro2's
/// own tokens, handed to rustc in one parse), and that text is the same expansion, with
/// and without options; an error keeps its tokens (and the path literal's span).
#[test]
fn the_macro_path_expands_to_the_same_items_as_text() {
    for input in [
        quote!("spec"),
        quote!("spec", derives = ["Eq"], type_attribute("banking::Document", "#[non_exhaustive]")),
    ] {
        let expand::Expansion::Text(text) = expand::include_spec_expansion(input.clone()) else {
            panic!("a spec that loads expands to text: {input}");
        };
        let tokens = expand::include_spec_in(input, Path::new(ROOT));
        assert_eq!(text.parse::<proc_macro2::TokenStream>().unwrap().to_string(), tokens.to_string());
    }
    let missing = expand::include_spec_expansion(quote!("no/such/spec"));
    assert!(matches!(missing, expand::Expansion::Tokens(t) if t.to_string().contains("compile_error")));
}
