#!/usr/bin/env bash
# The crates generated from the test-only specs that no test lints: every feature case
# under tests/features/*/spec (as one spec tree, an API per feature, the way
# tests/features.rs builds its scratch crate) and each fixture tree of tests/fixtures/
# that is a spec (wire, error-catalogues/*). Each must pass clippy (all targets) and
# rustdoc, both with `-D warnings`, like generated/ does.
#
#   scripts/lint-spec-crates.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=${CARGO_TARGET_DIR:-$root/target}/lint-spec-crates
cargo build --locked -q --bin mutaspec
mutaspec=${CARGO_TARGET_DIR:-$root/target}/debug/mutaspec

mkdir -p "$work/spec/features"
for dir in tests/features/*/spec; do
  name=$(basename "$(dirname "$dir")")
  cp -r "$dir" "$work/spec/features/$name"
done
trees=("features:$work/spec/features" "wire:tests/fixtures/wire")
for dir in tests/fixtures/error-catalogues/*/; do
  trees+=("catalogue-$(basename "$dir"):$dir")
done

for entry in "${trees[@]}"; do
  name=${entry%%:*}
  spec=${entry#*:}
  out="$work/crates/$name"
  mkdir -p "$out"
  "$mutaspec" generate --no-codegen --spec "$spec" --out "$out" --crate "lint-$name" --runtime-path "$root/codegen/runtime" --color never
  # A crate of its own, outside the workspace.
  printf '\n[workspace]\n' >>"$out/Cargo.toml"
  echo "== $name"
  (cd "$out" && CARGO_TARGET_DIR=$target cargo clippy -q --all-targets --all-features -- -D warnings)
  (cd "$out" && CARGO_TARGET_DIR=$target RUSTDOCFLAGS="-D warnings" cargo doc -q --no-deps --all-features)
done
echo "ok: ${#trees[@]} spec trees generate crates that pass clippy and rustdoc with -D warnings"
