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
//! | `auth-scheme-added` | warning | a scheme the caller may pick was added (several schemes: the caller picks one) |
//! | `auth-scheme-removed` | breaking | a scheme the caller could pick was removed |
//! | `content-type-changed` | warning | the body's content type changed (the bytes sent change) |
//! | `header-added` | info | an optional or fixed request header was added |
//! | `header-required` | breaking | a required request header was added, or an optional one became required |
//! | `header-removed` | breaking | a documented request header was removed (its field no longer exists) |
//! | `header-changed` | breaking | a request header's type or fixed value changed |
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
//! | `json-limit-tightened` | breaking | a `max_depth` or `max_bytes` limit of a `json` field added or lowered |
//! | `json-limit-loosened` | info | a `max_depth` or `max_bytes` limit of a `json` field removed or raised |
//! | `union-variant-added` | info | a field now also takes a string id or an object (`Customer` or `string` became `Customer \| string`) |
//! | `union-variant-removed` | breaking | a field no longer takes a string id or an object (`Customer \| string` became `Customer` or `string`) |
//! | `union-variant-added` | info | a discriminated union (`union:`) gained a variant: a new tag value is read |
//! | `union-variant-removed` | breaking | a discriminated union lost a variant (a tag value is no longer read) |
//! | `union-tag-changed` | breaking | a discriminated union's tag is another sibling field |
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
//! | `error-key-changed` | breaking | the catalogue's key kind changed (`number`, `string`, `status`, `status_and_code`): its codes have another type |
//! | `error-status-changed` | warning | a code's documented HTTP status changed |
//! | `error-body-changed` | warning | the catalogue's error body shape changed: error responses are read elsewhere |
//! | `default-code-changed` | warning | the catalogue's default code changed: violations whose rule names no code carry another |
//! | `response-status-added` | info | an endpoint documents a new success (beyond the first) or error status |
//! | `response-status-removed` | warning | an endpoint no longer documents a success (beyond the first) or error status |
//! | `setting-added` | info | a new program setting |
//! | `setting-removed` | breaking | a program setting is gone |
//! | `setting-changed` | warning | a setting's default or what it locks changed |
//! | `current-field-added` | info | the endpoint declares a new `current:` field |
//! | `current-field-removed` | breaking | a `current:` field is gone |
//! | `current-field-changed` | breaking | a `current:` field's type changed |
//! | `item-key-changed` | warning | an array's item key (`key:`) was added, removed or changed |
//! | `state-condition-added` | breaking | a field may now be sent only while the current resource has some values (`while:`): requests are refused in other states |
//! | `state-condition-removed` | info | a field may now be sent in any state |
//! | `state-condition-changed` | warning | the states in which a field may be sent, or in which a lock holds, changed |
//! | `transition-added` | info | an enum field may now change from a value to another (`transitions:`), or from a value to any |
//! | `transition-removed` | breaking | an enum field may no longer change from a value to another |
//! | `provider-only-added` | breaking | an enum value is now set and left only by the provider (`provider_only:`) |
//! | `provider-only-removed` | info | an enum value is no longer the provider's alone |
//! | `pattern-added` | breaking | a mutable field now follows a named transition pattern (`increase_only`, `decrease_only`, `append_only`, `set_once_keys`) |
//! | `pattern-removed` | info | a field that followed a named transition pattern is mutable again |
//! | `version-added` | info | the API lists a new version (`versions:`) |
//! | `version-removed` | breaking | a version is gone from `versions:`: code that chooses it no longer compiles |
//! | `availability-changed` | warning | a field's `since:`/`until:`, or an enum value's `available:`, changed: which versions accept it |
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
