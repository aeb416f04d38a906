#!/usr/bin/env bash
# The generated crate with every API feature, with none, and with each one alone:
# clippy (all targets) and rustdoc, both with `-D warnings`. An API's module must
# compile, lint and document alone, and the crate with no API at all must too.
#
#   scripts/feature-matrix.sh                # mutaspec-generated
#   PACKAGE=provider-api scripts/feature-matrix.sh
set -euo pipefail
cd "$(dirname "$0")/.."
package=${PACKAGE:-mutaspec-generated}
manifest=$(cargo metadata --format-version 1 --no-deps --locked |
  python3 -c 'import json, sys; p = [p for p in json.load(sys.stdin)["packages"] if p["name"] == sys.argv[1]][0]; print(p["manifest_path"])' "$package")
apis=$(python3 -c 'import sys, tomllib; f = tomllib.load(open(sys.argv[1], "rb")).get("features", {}); print(" ".join(k for k in f if k != "default"))' "$manifest")
echo "$package: API features: $apis"

run() { # label, then cargo feature arguments
  local label=$1
  shift
  echo "== $label"
  cargo clippy --locked -q -p "$package" --all-targets "$@" -- -D warnings
  RUSTDOCFLAGS="-D warnings" cargo doc --locked -q --no-deps -p "$package" "$@"
}

run "all features" --all-features
run "no feature" --no-default-features
for api in $apis; do
  run "only $api" --no-default-features --features "$api"
done
echo "ok: $package with all, none and each of: $apis"
