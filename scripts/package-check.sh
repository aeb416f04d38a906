#!/usr/bin/env bash
# The published crates (README "Crates") as a user gets them from crates.io.
#
#   scripts/package-check.sh [--offline] [--allow-dirty] [--keep] [--help]
#
# 1. `cargo package --locked`, with verification, for the five published crates in
#    dependency order (mutaspec-runtime, mutaspec-core, mutaspec-openapi, mutaspec-macros, mutaspec-cli):
#    each .crate is unpacked and built on its own, its mutaspec dependencies resolved from
#    the ones packaged just before (cargo's temporary local registry). The .crate files
#    are in <target>/package/.
# 2. A workspace outside this repository (a temp directory) that depends on the unpacked
#    packages only (`[patch.crates-io]` to their directories, so the packages' own
#    version requirements are what is resolved):
#    - the packaged `mutaspec` binary is built, and writes a complete crate with
#      `mutaspec generate --crate provider-api` (its Cargo.toml asks for
#      mutaspec-runtime by version), which `mutaspec check --crate provider-api` accepts;
#    - an application crate uses that generated crate, `include_spec!`, `#[derive(Update)]`
#      and the `build.rs` front (`mutaspec_core::build::Config`), builds with
#      `-D warnings`, forwards a spec warning as `cargo:warning=` (checked in cargo's
#      output), and runs.
#
# Options:
#   --offline      pass --offline to every cargo command (the dependencies must be in
#                  ~/.cargo/registry already, e.g. from a workspace build)
#   --allow-dirty  package a working tree with uncommitted changes
#   --keep         keep the outside workspace (its path is printed)
#   -h, --help     print this help
#
# Uses $CARGO_TARGET_DIR (default: target/) for both builds, so the outside one reuses
# the compiled dependencies (and <target>/debug/mutaspec is the packaged binary until the
# workspace's next build). `cargo package` warns that the tests of mutaspec-core and
# mutaspec-cli are not in their packages: they read the repository, so they stay out.
# Exit 0 when everything passes.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

offline=() dirty=() keep=0
for arg in "$@"; do
  case "$arg" in
    --offline) offline=(--offline) ;;
    --allow-dirty) dirty=(--allow-dirty) ;;
    --keep) keep=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "package-check.sh: unknown option \`$arg\` (see --help)" >&2; exit 2 ;;
  esac
done

export CARGO_TERM_COLOR=never
target=${CARGO_TARGET_DIR:-$repo/target}
case "$target" in /*) ;; *) target=$repo/$target ;; esac
export CARGO_TARGET_DIR=$target
crates=(mutaspec-runtime mutaspec-core mutaspec-openapi mutaspec-macros mutaspec-cli)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)

step() { printf '\n== %s\n' "$*"; }

step "cargo package --locked (verified): ${crates[*]}"
# Verification takes the crates packaged just before from a temporary local registry
# (<target>/package/tmp-registry), unpacked into $CARGO_HOME/registry/src/-<hash>/ and
# built like any registry crate. cargo 1.95 keeps both between runs and trusts them by
# name and version (a registry crate never changes; the unpacked files carry a fixed
# 2006 timestamp): a second run would verify a dependent against the first run's
# sources. So remove the unpacked copies (local registries only: their directory names
# start with `-`) and the fingerprints of what was built from them (their dep-info
# names those directories), and only those: everything else stays built.
for c in "${crates[@]}"; do
  rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/"$c-$version"
done
for d in "$target"/debug/deps/mutaspec_*.d; do
  [ -f "$d" ] && grep -q '/registry/src/-[0-9a-f]*/mutaspec-' "$d" || continue
  unit=$(basename "$d" .d) # mutaspec_core-<hash>
  rm -rf "$target/debug/.fingerprint/$(printf '%s' "${unit%-*}" | tr _ -)-${unit##*-}"
done
package_args=()
for c in "${crates[@]}"; do package_args+=(-p "$c"); done
cargo package --locked "${offline[@]}" "${dirty[@]}" "${package_args[@]}"

step "an outside workspace against the packages"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mutaspec-package-check.XXXXXX")
if [ "$keep" = 1 ]; then
  echo "kept: $tmp"
else
  trap 'rm -rf "$tmp"' EXIT
fi
ws=$tmp/ws
mkdir -p "$ws/packages"
for c in "${crates[@]}"; do
  tar -xzf "$target/package/$c-$version.crate" -C "$ws/packages"
done
# The repository's lock file as a seed: the same dependency versions (all in the local
# registry cache after a workspace build); cargo drops what the outside workspace lacks.
cp Cargo.lock "$ws/Cargo.lock"

manifest() { # members...
  {
    echo '[workspace]'
    echo 'resolver = "2"'
    printf 'members = [%s]\n' "$(printf '"%s", ' "$@" | sed 's/, $//')"
    echo
    echo '# Every mutaspec crate comes from its unpacked package.'
    echo '[patch.crates-io]'
    for c in "${crates[@]}"; do
      [ "$c" = mutaspec-cli ] || echo "$c = { path = \"packages/$c-$version\" }"
    done
  } >"$ws/Cargo.toml"
}

manifest "packages/mutaspec-cli-$version"
(cd "$ws" && cargo build -q "${offline[@]}" -p mutaspec-cli)
bin=$target/debug/mutaspec
mkdir -p "$ws/app"
cp -r spec "$ws/app/spec"

step "mutaspec generate --crate provider-api (the packaged binary)"
(cd "$ws" && "$bin" generate --spec app/spec --out provider-api --crate provider-api)
grep -qx "mutaspec-runtime = \"$version\"" "$ws/provider-api/Cargo.toml" || {
  echo "provider-api/Cargo.toml does not ask for mutaspec-runtime $version:" >&2
  cat "$ws/provider-api/Cargo.toml" >&2
  exit 1
}
(cd "$ws" && "$bin" check --spec app/spec --out provider-api --crate provider-api)

# A spec with a warning (a plain-http staging host, not allowed): the build.rs front
# must show it as a cargo warning.
mkdir -p "$ws/app/spec-warned"
cat >"$ws/app/spec-warned/shop.yaml" <<'EOF'
api: shop
endpoint: update_item
method: POST
path: /items
hosts:
  production: https://api.example.com
  staging: http://sandbox.example.com
auth: { scheme: basic }
response: { status: 204 }
body:
  name: string
EOF

cat >"$ws/app/Cargo.toml" <<EOF
[package]
name = "app"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
mutaspec-runtime = "$version"
mutaspec-macros = "$version"
provider-api = { path = "../provider-api" }

[build-dependencies]
mutaspec-core = "$version"
EOF
cat >"$ws/app/build.rs" <<'EOF'
fn main() {
    mutaspec_core::build::Config::new().spec("spec/helix").out_file("helix.rs").generate().unwrap();
    mutaspec_core::build::Config::new().spec("spec-warned").out_file("shop.rs").generate().unwrap();
}
EOF
mkdir -p "$ws/app/src"
cat >"$ws/app/src/main.rs" <<'EOF'
//! Every front of the published crates, outside the mutaspec repository.

// include_spec!: the spec expanded in place.
mutaspec_macros::include_spec!("spec/payments");
// The build.rs front.
include!(concat!(env!("OUT_DIR"), "/helix.rs"));
include!(concat!(env!("OUT_DIR"), "/shop.rs"));

use provider_api::banking::CustomerType;

/// #[derive(Update)] against the generated crate's types.
#[derive(Clone, Debug, Default, PartialEq, mutaspec_macros::Update)]
#[mutaspec(spec = "spec/banking", endpoint = "banking::update_customer", module = "provider_api::banking")]
struct ProfileChange {
    #[mutaspec(rename = "type")]
    kind: Option<CustomerType>,
    is_paperless: Option<bool>,
}

fn main() {
    let change = ProfileChange {
        kind: Some(CustomerType::Individual),
        is_paperless: Some(true),
    };
    change.validate().expect("a valid change");
    let json = mutaspec_runtime::serde_json::to_string(&change).expect("serializes");
    assert!(json.contains("\"isPaperless\":true"), "{json}");
    // An empty update (every field absent) from each front.
    let empty = |json: Result<String, _>| assert_eq!(json.expect("serializes"), "{}");
    use mutaspec_runtime::serde_json::to_string;
    empty(to_string(&provider_api::banking::update_customer::UpdateCustomerRequest::default()));
    empty(to_string(&payments::update_identity::UpdateIdentityRequest::default()));
    empty(to_string(&helix::update_customer::UpdateCustomerRequest::default()));
    empty(to_string(&shop::update_item::UpdateItemRequest::default()));
    println!("ok: the generated crate, include_spec!, #[derive(Update)] and the build.rs front");
}
EOF

manifest "packages/mutaspec-cli-$version" app provider-api
step "build the application: the build.rs front's spec warning, and no other warning"
log=$tmp/build.log
(cd "$ws" && cargo build "${offline[@]}" -p app) 2>&1 | tee "$log"
expected='^warning: app@0\.1\.0: \(.*/\)\{0,1\}spec-warned/shop\.yaml:7:12: \[plain-http-host\] staging host `http://sandbox\.example\.com` uses plain http'
grep -q "$expected" "$log" || {
  echo "the build.rs front's spec warning is not in cargo's output" >&2
  exit 1
}
# Every package built here is a member of the outside workspace (cargo shows their
# warnings): the packages, the generated crate and the application compile cleanly.
if grep '^warning' "$log" | grep -v "$expected" | grep -q .; then
  echo "warnings beyond the spec's:" >&2
  exit 1
fi
step "run it"
(cd "$ws" && cargo run -q "${offline[@]}" -p app)

step "ok"
