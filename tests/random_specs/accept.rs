//! Which generated files the loader accepts: each API is loaded alone, endpoint files
//! the diagnostics blame are left out and the rest loaded again, until it loads or its
//! shared file is blamed (then the whole API is refused).

use std::collections::BTreeMap;
use std::path::Path;

use super::gen::ApiDraft;

/// What the loader said of one API.
pub struct Accepted {
    /// Per endpoint of the draft: kept or not.
    pub keep: Vec<bool>,
    /// The API loads (with `keep`).
    pub loads: bool,
    /// Diagnostic ids that refused something, with counts.
    pub refusals: BTreeMap<&'static str, usize>,
    /// One rendered example per diagnostic id (printed with `RANDOM_SPECS_VERBOSE`).
    pub examples: BTreeMap<&'static str, String>,
}

pub fn accept(api: &ApiDraft) -> Accepted {
    let mut keep = vec![true; api.endpoints.len()];
    let mut refusals = BTreeMap::new();
    let mut examples = BTreeMap::new();
    for _ in 0..6 {
        let files = api.files(&keep);
        let texts: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())).collect();
        let err = match mutaspec_core::load_texts(&texts) {
            Ok(_) => {
                return Accepted {
                    keep,
                    loads: true,
                    refusals,
                    examples,
                }
            }
            Err(e) => e,
        };
        let shared = format!("{}/api.yaml", api.name);
        let mut shared_blamed = false;
        let mut endpoint_blamed = false;
        for d in err.diagnostics.iter().filter(|d| d.severity == mutaspec_core::Severity::Error) {
            *refusals.entry(d.id).or_insert(0) += 1;
            examples.entry(d.id).or_insert_with(|| {
                let src = err.sources.text(&d.loc.file);
                d.render(src)
            });
            let file: &Path = &d.loc.file;
            // A code used only by a refused endpoint file reads as unused: that is decided
            // again once the blamed endpoints are left out.
            if file == Path::new(&shared) && d.id != "unused-code" {
                shared_blamed = true;
            }
            for (i, (ep, _, _)) in api.endpoints.iter().enumerate() {
                if file == Path::new(&format!("{}/{ep}.yaml", api.name)) && keep[i] {
                    keep[i] = false;
                    endpoint_blamed = true;
                }
            }
        }
        if shared_blamed || !endpoint_blamed {
            break;
        }
    }
    Accepted {
        keep: vec![false; api.endpoints.len()],
        loads: false,
        refusals,
        examples,
    }
}
