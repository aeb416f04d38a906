#!/usr/bin/env bash
# Build cost of a generated crate against its serde-only control (issue #14): the same
# public types with serde's derives only, impls and private wire structs removed,
# derived mechanically from the generated sources by scripts/control-crate.py.
#
# Both crates are copied into one scratch workspace (same profile, same target
# directory, dependencies built once beforehand); each run touches the crate's lib.rs
# and times `cargo build`, then `cargo check`, of that crate alone, with
# CARGO_INCREMENTAL=0 so the whole crate is compiled again. The crates alternate
# (generated, control, generated, control, ...) so a change in the machine's load hits
# both alike; the median of RUNS runs is printed, and the ratio generated / control.
#
#   scripts/measure-generated-build.sh                  # generated/, RUNS=5
#   RUNS=3 scripts/measure-generated-build.sh path/to/crate
#   FEATURES=banking scripts/measure-generated-build.sh  # only these API features
#
# The crate's `[features]` (one per API) are copied to both manifests.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
crate=$(cd "${1:-$repo/generated}" && pwd)
runs=${RUNS:-5}
root=${MEASURE_DIR:-${CARGO_TARGET_DIR:-$repo/target}/measure}/control
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The `[features]` table of the crate's manifest, if any (up to the next table).
features=$(awk '/^\[features\]/ { on = 1; print; next } /^\[/ { on = 0 } on' "$crate/Cargo.toml")

rm -rf "$root/gen" "$root/control"
mkdir -p "$root/gen" "$root/control"
cp -r "$crate/src" "$root/gen/src"
python3 "$repo/scripts/control-crate.py" "$crate/src" "$root/control/src" >&2
for name in gen control; do
  cat >"$root/$name/Cargo.toml" <<EOF
[package]
name = "measure-$name"
version = "0.1.0"
edition = "2021"
publish = false

[lib]
path = "src/lib.rs"

[dependencies]
mutaspec-runtime = { path = "$repo/codegen/runtime" }

$features
EOF
done
cat >"$root/Cargo.toml" <<EOF
[workspace]
resolver = "2"
members = ["gen", "control"]
EOF
cp "$repo/Cargo.lock" "$root/Cargo.lock" 2>/dev/null || true

feature_args=()
[ -n "${FEATURES:-}" ] && feature_args=(--no-default-features --features "$FEATURES")
cargo_in() { (cd "$root" && cargo "$@" -q "${feature_args[@]}" --target-dir "$root/target"); }

# Dependencies, and a first build of each crate (warnings shown once).
for name in gen control; do
  cargo_in build -p "measure-$name"
  cargo_in check -p "measure-$name"
done

timed() { # command crate -> seconds
  local start end
  touch "$root/$2/src/lib.rs"
  start=$(now)
  cargo_in "$1" -p "measure-$2"
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

declare -A times
for _ in $(seq "$runs"); do
  for cmd in build check; do
    for name in gen control; do
      times[$cmd.$name]+="$(timed "$cmd" "$name") "
    done
  done
done

lines() { cat "$1"/src/**/*.rs "$1"/src/*.rs 2>/dev/null | wc -l; }
shopt -s globstar
# The ratio of each run's pair (taken one after the other), then their median: steadier
# than the ratio of the medians when the load changes between runs.
pair_ratios() { paste -d' ' <(printf '%s\n' $1) <(printf '%s\n' $2) | awk '{ printf "%.3f\n", $1 / $2 }'; }
printf '\n%-14s %10s %10s %8s %12s   (median of %s; each run: %s)\n' "" generated control ratio "run ratios" "$runs" "touch lib.rs, CARGO_INCREMENTAL=0"
for cmd in build check; do
  g=$(printf '%s\n' ${times[$cmd.gen]} | median)
  c=$(printf '%s\n' ${times[$cmd.control]} | median)
  r=$(pair_ratios "${times[$cmd.gen]}" "${times[$cmd.control]}" | median)
  echo "$cmd: generated ${times[$cmd.gen]% }; control ${times[$cmd.control]% } (s)" >&2
  printf '%-14s %9ss %9ss %7.2fx %11.2fx\n' "cargo $cmd" "$g" "$c" "$(awk -v a="$g" -v b="$c" 'BEGIN { print a / b }')" "$r"
done
printf '%-14s %10s %10s\n' "lines" "$(lines "$root/gen")" "$(lines "$root/control")"
printf '\n%s, %s CPU(s), dev profile; crate: %s%s\n' "$(rustc --version)" "$(nproc)" "$crate" "${FEATURES:+ (features: $FEATURES)}"
