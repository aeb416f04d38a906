#!/usr/bin/env bash
# Build time of the example consumer (examples/consumer) with the proc-macro front vs the
# same consumer compiling the committed generated crate: from clean, on a no-op rebuild,
# and after an edit of the consumer's own source. Each front builds in a target
# directory of its own, emptied before every clean build; RUNS builds per figure (the
# fronts interleaved), the median is printed.
#
#   scripts/measure-consumer-build.sh            # RUNS=3
#   RUNS=1 scripts/measure-consumer-build.sh
#
# Fronts (features of mutaspec-example-consumer, with --no-default-features):
#   generated        the three API modules re-exported from mutaspec-generated; no macro
#   generated,macro  the same, plus `ProfileChange` (#[derive(Update)]): the macro crate
#                    is built, the API code comes from generated/
#   macro            include_spec! for banking, payments and helix, and the derive
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
root=${MEASURE_DIR:-${CARGO_TARGET_DIR:-target}/measure}
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-}

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

build() { # front target-dir
  cargo build -q -p mutaspec-example-consumer --no-default-features --features "$1" --target-dir "$2"
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
  for front in generated generated,macro macro; do
    dir="$root/${front/,/-}"
    rm -rf "$dir"
    times[$front.clean]+="$(timed "$front" "$dir") "
    times[$front.noop]+="$(timed "$front" "$dir") "
    touch examples/consumer/src/lib.rs
    times[$front.edit]+="$(timed "$front" "$dir") "
  done
done
declare -A result
for key in "${!times[@]}"; do
  echo "$key: ${times[$key]}s" >&2
  result[$key]=$(printf '%s\n' ${times[$key]} | median)
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
printf '\n%-20s %10s %17s %8s %10s %8s\n' "median of $runs" "generated" "generated+derive" "ratio" "macro" "ratio"
for kind in clean noop edit; do
  label=$kind
  [ "$kind" = clean ] && label="from clean"
  [ "$kind" = noop ] && label="no-op rebuild"
  [ "$kind" = edit ] && label="touch src/lib.rs"
  g=${result[generated.$kind]} d=${result[generated,macro.$kind]} m=${result[macro.$kind]}
  printf '%-20s %9ss %16ss %8s %9ss %8s\n' "$label" "$g" "$d" "$(ratio "$d" "$g")" "$m" "$(ratio "$m" "$g")"
done
printf '\n%s, %s CPU(s), %s\n' "$(rustc --version)" "$(nproc)" "dev profile"
