#!/usr/bin/env bash
# Build time of the example consumer (examples/consumer) with the proc-macro front vs the
# same consumer compiling the committed generated crate: from clean, on a no-op rebuild,
# and after an edit of the consumer's own source. Each front builds in a target
# directory of its own, emptied before every clean build; RUNS builds per figure (the
# fronts interleaved), the median is printed.
#
#   scripts/measure-consumer-build.sh            # RUNS=3
#   RUNS=1 scripts/measure-consumer-build.sh
#   CLEAN=0 RUNS=5 scripts/measure-consumer-build.sh   # no-op and edit figures only
#
# Fronts (features of mutaspec-example-consumer, with --no-default-features):
#   generated        the three API modules re-exported from mutaspec-generated; no macro
#   generated,macro  the same, plus `ProfileChange` (#[derive(Update)]): the macro crate
#                    is built, the API code comes from generated/
#   macro            include_spec! for banking, payments and helix, and the derive
#   macro crate      the pattern that keeps edits fast: the three include_spec! calls in
#                    a small crate of their own (a scratch copy, standing in for
#                    mutaspec-generated), which the consumer (a scratch copy of
#                    examples/consumer, feature `generated`) depends on: an edit of the
#                    consumer expands and compiles nothing of the specs again
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
# CLEAN=0: build each front from clean once, untimed, then time only no-op rebuilds and
# edits (cheaper: the clean builds are most of the script's time).
clean=${CLEAN:-1}
root=${MEASURE_DIR:-${CARGO_TARGET_DIR:-target}/measure}
mkdir -p "$root"
root=$(cd "$root" && pwd)
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-}

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The `macro crate` front's scratch workspace: `api` (named mutaspec-generated, so the
# consumer's `generated` feature re-exports its modules) and a copy of the consumer.
repo=$(pwd)
ws=$root/macro-crate-ws
rm -rf "$ws"
mkdir -p "$ws/api/src" "$ws/consumer"
cp -r examples/consumer/src examples/consumer/build.rs "$ws/consumer/"
for api in banking payments helix; do
  echo "mutaspec_macros::include_spec!(\"$repo/spec/$api\");"
done >"$ws/api/src/lib.rs"
cat >"$ws/api/Cargo.toml" <<EOF
[package]
name = "mutaspec-generated"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
mutaspec-runtime = { path = "$repo/codegen/runtime" }
mutaspec-macros = { path = "$repo/codegen/macros" }
EOF
cat >"$ws/consumer/Cargo.toml" <<EOF
[package]
name = "mutaspec-example-consumer"
version = "0.1.0"
edition = "2021"
publish = false

[features]
macro = ["dep:mutaspec-macros"]
build-rs = ["dep:mutaspec-core"]
generated = ["dep:mutaspec-generated"]

[dependencies]
mutaspec-runtime = { path = "$repo/codegen/runtime" }
mutaspec-macros = { path = "$repo/codegen/macros", optional = true }
mutaspec-generated = { path = "../api", optional = true }

[build-dependencies]
mutaspec-core = { path = "$repo/codegen/core", optional = true }
EOF
printf '[workspace]\nresolver = "2"\nmembers = ["api", "consumer"]\n' >"$ws/Cargo.toml"
cp Cargo.lock "$ws/Cargo.lock"

build() { # front target-dir
  if [ "$1" = macro-crate ]; then
    (cd "$ws" && cargo build -q -p mutaspec-example-consumer --no-default-features --features generated --target-dir "$2")
  else
    cargo build -q -p mutaspec-example-consumer --no-default-features --features "$1" --target-dir "$2"
  fi
}

edited() { # front -> the consumer source an edit touches
  if [ "$1" = macro-crate ]; then echo "$ws/consumer/src/lib.rs"; else echo examples/consumer/src/lib.rs; fi
}

timed() { # front target-dir -> seconds
  local start end
  start=$(now)
  build "$1" "$2"
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}

# Runs interleave the fronts, so a change in the machine's load hits both alike.
declare -A times
for _ in $(seq "$runs"); do
  for front in generated generated,macro macro macro-crate; do
    dir="$root/${front/,/-}"
    if [ "$clean" = 1 ] || [ ! -d "$dir" ]; then
      rm -rf "$dir"
      t=$(timed "$front" "$dir")
      [ "$clean" = 1 ] && times[$front.clean]+="$t "
    fi
    # The fronts share examples/consumer/src: another front's edit is this one's too.
    [ "$clean" = 1 ] || build "$front" "$dir"
    times[$front.noop]+="$(timed "$front" "$dir") "
    touch "$(edited "$front")"
    times[$front.edit]+="$(timed "$front" "$dir") "
  done
done
declare -A result
for key in "${!times[@]}"; do
  echo "$key: ${times[$key]}s" >&2
  result[$key]=$(printf '%s\n' ${times[$key]} | median)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
printf '\n%-20s %10s %17s %8s %10s %8s %12s %8s\n' "median of $runs" "generated" "generated+derive" "ratio" "macro" "ratio" "macro crate" "ratio"
kinds="noop edit"
[ "$clean" = 1 ] && kinds="clean $kinds"
for kind in $kinds; do
  label=$kind
  [ "$kind" = clean ] && label="from clean"
  [ "$kind" = noop ] && label="no-op rebuild"
  [ "$kind" = edit ] && label="touch src/lib.rs"
  g=${result[generated.$kind]} d=${result[generated,macro.$kind]} m=${result[macro.$kind]} c=${result[macro-crate.$kind]}
  printf '%-20s %9ss %16ss %8s %9ss %8s %11ss %8s\n' "$label" "$g" "$d" "$(ratio "$d" "$g")" "$m" "$(ratio "$m" "$g")" "$c" "$(ratio "$c" "$g")"
done
printf '\n%s, %s CPU(s), %s\n' "$(rustc --version)" "$(nproc)" "dev profile"
