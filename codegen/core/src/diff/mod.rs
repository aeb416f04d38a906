//! `mutaspec diff`: what a spec change means for callers, rule by rule.
//!
//! The diff compares two *resolved* [`Spec`]s, never their text: reordering keys,
//! switching between dotted and nested field paths, renaming an inline type or rewriting
//! comments reports nothing. Stages: `side` loads each [`Side`] (a path, or a git revision),
//! `compare` walks APIs and endpoints, `fields` walks request bodies structurally (a field
//! is identified by its wire path, `individual.mailingAddress[].zip`) and `attrs`
//! compares a field's rule, side effects and locks, `constraints`
//! decides whether a constraint tightened or loosened, `catalog` compares error codes (by
//! code) and program settings (by name); `change` holds the result ([`Change`]) and
//! [`render()`] prints it as text, Markdown or JSON, or (`ci`) as GitHub annotations, SARIF
//! or JUnit; [`accept`] reads accept files, which accept or re-grade reviewed changes. The
//! command `mutaspec diff` is [`crate::ops::diff()`].
//!
//! # Level policy
//!
//! Callers build requests with the generated types. A change is **breaking** when a
//! request that compiled or was accepted before may no longer compile or be accepted,
//! a **warning** when requests keep working but what they do changes, and **info**
//! otherwise. Each rule id has one severity:
//!
//! | rule id | severity | when |
//! |---|---|---|
//! | `endpoint-added` | info | a new endpoint |
//! | `endpoint-removed` | breaking | an endpoint is gone |
//! | `method-changed` | breaking | the HTTP method changed |
//! | `path-changed` | breaking | the path template changed (including parameter names) |
//! | `param-type-changed` | breaking | a path parameter changed between integer and string |
//! | `host-changed` | warning | the production or staging host changed |
//! | `host-added` | info | a staging host is documented |
//! | `host-removed` | breaking | the staging host is gone |
//! | `auth-changed` | breaking | the auth scheme or API key header changed |
//! | `response-changed` | warning | the response status or body type changed |
//! | `field-added` | info | a new field that requests need not send |
//! | `required-field-added` | breaking | a new field required whenever its parent is sent |
//! | `field-removed` | breaking | a field requests could send is gone |
//! | `type-changed` | breaking | a field's type changed shape (scalar, array, map, object, enum) |
//! | `rule-tightened` | breaking | mutable → set-once, identifying, conditional or not updatable; set-once → identifying; anything → not updatable |
//! | `rule-loosened` | info | the reverse of `rule-tightened` |
//! | `rule-changed` | warning | between conditional and set-once or identifying |
//! | `discriminator-changed` | breaking | a conditional field's discriminator or value changed |
//! | `merge-to-replace` | breaking | a value now replaces the current one: what a request leaves out is cleared |
//! | `replace-to-merge` | warning | a value now merges into the current one |
//! | `output-only-added` | breaking | a field became output-only |
//! | `output-only-removed` | info | an output-only field may now be sent |
//! | `constraint-tightened` | breaking | a new constraint, a bound moved inward, a condition dropped, an enum closed |
//! | `constraint-loosened` | info | a constraint removed, a bound moved outward, a condition added, an enum opened |
//! | `constraint-changed` | warning | a constraint changed in no single direction (pattern, format, error code) |
//! | `enum-value-added` | info | an enum accepts a new value |
//! | `enum-value-removed` | breaking | an enum value is gone |
//! | `effect-added` | warning | sending a field may now trigger a side effect |
//! | `effect-removed` | info | sending a field no longer triggers a side effect |
//! | `sensitive-added` | info | a field is now redacted from `Debug` and logs |
//! | `sensitive-removed` | warning | a field's value may now be printed |
//! | `lock-added` | breaking | a program setting can now lock a field |
//! | `lock-removed` | info | a program setting no longer locks a field |
//! | `ignored-added` | warning | a field is now `ignored`: the provider accepts it and it has no effect |
//! | `ignored-removed` | warning | an `ignored` field now has an effect (another rule) |
//! | `object-opened` | info | an object now accepts unknown members (`open: true`) |
//! | `object-closed` | breaking | an object no longer accepts unknown members |
//! | `group-added` | breaking | a new condition across fields (`groups:`) |
//! | `group-removed` | info | a condition across fields is gone |
//! | `group-member-added` | warning | a condition across fields names another field |
//! | `group-member-removed` | warning | a condition across fields no longer names a field |
//! | `error-added` | info | a new error code |
//! | `error-removed` | breaking | an error code is gone |
//! | `error-renumbered` | breaking | the same message under another code |
//! | `error-message-changed` | info | an error's message changed, with the same template parameters |
//! | `error-params-changed` | breaking | an error's template parameters changed |
//! | `setting-added` | info | a new program setting |
//! | `setting-removed` | breaking | a program setting is gone |
//! | `setting-changed` | warning | a setting's default or what it locks changed |
//!
//! Fields a caller cannot send (not updatable, output-only) are compared for their rule
//! and output-only flag only; removing one is not reported. Documentation, titles and
//! Rust names (`rust:`, `name:`, variant names) are not compared: they change no request.

pub mod accept;
mod attrs;
mod catalog;
mod change;
mod ci;
mod compare;
mod constraints;
mod fields;
mod groups;
mod render;
mod side;

pub use accept::AcceptFile;
pub use change::{Acceptance, Change, Level, RuleId};
pub use render::{render, render_with, OutputFormat};
pub use side::{Side, SideError};

use crate::model::Spec;

/// Every change from `old` to `new`, ordered for output: groups (an API's shared parts,
/// or an endpoint) with the worst severity first, breaking first inside each group.
pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut changes = compare::specs(old, new);
    change::sort(&mut changes);
    changes
}

/// The exit code for `changes`: 1 when one counts as at least as severe as `fail_on`
/// (an accepted change counts as nothing, a re-graded one as its new severity).
pub fn exit_code(changes: &[Change], fail_on: Level) -> u8 {
    u8::from(changes.iter().any(|c| c.graded().is_some_and(|s| s <= fail_on)))
}
