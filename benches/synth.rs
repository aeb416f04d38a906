//! Synthetic specs for benchmarks: `endpoints(n)` returns the files of an API with `n`
//! endpoint specs, each shaped like a real one (an enum discriminator, a conditional
//! object, a set-once id, dotted paths, an array of objects, constraints, a lock).
//!
//! `cargo bench --bench generate -- --help` runs it; `MUTASPEC_SYNTH_DIR=DIR cargo bench
//! --bench generate -- write_synth` writes the 1,000-endpoint spec to DIR for a look.

/// The shared API file.
pub fn api_file() -> String {
    "api: synth
hosts: { production: https://api.example.com, staging: https://sandbox.example.com }
auth: { scheme: bearer, api_key_header: x-api-key }
settings:
  nameUpdates: { default: true, locks: { when: false, error: 70001 } }
types:
  Kind: { values: [PERSON, COMPANY] }
  Address:
    fields:
      addressType: { values: [Home, Work] }
      line1: { type: string, required: { value: true, error: 70002 }, max_length: 76 }
      city: { type: string, required: true }
      country: { type: string, format: country_alpha3 }
errors:
  name: SynthError
  codes:
    - { code: 70001, name: NameLocked, message: Name updates are locked. }
    - { code: 70002, name: LineMissing, message: Address line 1 is required. }
"
    .to_owned()
}

/// One endpoint file.
pub fn endpoint_file(i: usize) -> String {
    format!(
        "api: synth
endpoint: update_thing_{i}
title: Update thing {i}
method: POST
path: /things/{{thingId}}/parts/{{partId}}
params:
  thingId: {{ type: integer }}
  partId: {{ type: string, pattern: \"P[0-9]{{6}}\" }}
response: {{ status: 204 }}
body:
  externalId: {{ type: string, rule: set_once }}
  kind: {{ type: Kind, rule: identifying }}
  person:
    when: {{ kind: PERSON }}
    fields:
      firstName: {{ type: string, locked_by: [nameUpdates], max_length: 40 }}
      email: {{ type: string, format: email }}
      birthDate: {{ type: date, after: 1900-01-01, sensitive: true }}
      addresses: {{ type: \"Address[]\", unique_by: addressType }}
  company:
    when: {{ kind: COMPANY }}
    fields:
      legalName: string
      taxId: {{ type: string, sensitive: true }}
  nickName: string
  isPrimary: boolean
  settings.limits.daily: decimal
  settings.limits.monthly: {{ type: decimal, min: 0 }}
  settings.notify.email: boolean
  cards[].id: string
  cards[].name: {{ type: string, max_length: 26 }}
  tags: {{ type: \"map<string>\", merge: replace }}
  owner: {{ rule: not_updatable, docs: The owner cannot change. }}
"
    )
}

/// The files of an API with `n` endpoints, as `(path, text)`.
pub fn endpoints(n: usize) -> Vec<(String, String)> {
    let mut files = vec![("synth/api.yaml".to_owned(), api_file())];
    files.extend((0..n).map(|i| (format!("synth/update_thing_{i}.yaml"), endpoint_file(i))));
    files
}
