#!/usr/bin/env bash
# Build time of a generated crate against its number of endpoints (issue #14), and the
# build of one API out of many with the crate's API features.
#
# The specs are benches/synth.rs's (`cargo bench --bench generate` writes 1,000 endpoint
# files when MUTASPEC_SYNTH_DIR is set): the first N of them, split into APIs of
# PER_API endpoints each (synth_0, synth_1, ...: each API a cargo feature, with its own
# copy of the shared api.yaml), generated with `mutaspec generate --crate synth-N`.
# Each crate sits in one scratch workspace (dependencies built once); a run touches
# its lib.rs and times `cargo build` (CARGO_INCREMENTAL=0: the whole crate), the
# sizes interleaved; medians of RUNS runs. Then, for the largest size, the same crate
# with one API feature only (`--no-default-features --features synth_0`).
#
#   scripts/measure-endpoint-scaling.sh                      # SIZES="100 1000"
#   SIZES="100 200 400" RUNS=3 scripts/measure-endpoint-scaling.sh
#
# Prints seconds per endpoint at each size and t(largest) / t(smallest) against the
# ratio of the sizes (linear: the same).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
sizes=${SIZES:-100 1000}
runs=${RUNS:-3}
per_api=${PER_API:-10}
root=${MEASURE_DIR:-${CARGO_TARGET_DIR:-$repo/target}/measure}/scaling
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The crates and their target directory are kept from a previous run: `generate` rewrites
# only changed files, so an unchanged crate is not built again before the timed runs.
rm -rf "$root/synth" "$root"/spec-*
mkdir -p "$root/synth" "$root/ws"
(cd "$repo" && MUTASPEC_SYNTH_DIR="$root/synth" cargo bench -q --bench generate -- no-bench-matches-this >/dev/null)
(cd "$repo" && cargo build -q --bin mutaspec)
mutaspec=${CARGO_TARGET_DIR:-$repo/target}/debug/mutaspec

members=()
for n in $sizes; do
  spec="$root/spec-$n"
  for i in $(seq 0 $((n - 1))); do
    api=synth_$((i / per_api))
    mkdir -p "$spec/$api"
    [ -f "$spec/$api/api.yaml" ] || sed "s/^api: synth$/api: $api/" "$root/synth/synth/api.yaml" >"$spec/$api/api.yaml"
    sed "s/^api: synth$/api: $api/" "$root/synth/synth/update_thing_$i.yaml" >"$spec/$api/update_thing_$i.yaml"
  done
  "$mutaspec" generate --spec "$spec" --out "$root/ws/synth-$n" --crate "synth-$n" --runtime-path "$repo/codegen/runtime" >/dev/null
  members+=("\"synth-$n\"")
done
(
  IFS=,
  printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "${members[*]}"
) >"$root/ws/Cargo.toml"
cp "$repo/Cargo.lock" "$root/ws/Cargo.lock"

# A target directory of its own: no other cargo run shares its lock (and the timing).
build() { (cd "$root/ws" && cargo build -q -p "synth-$1" "${@:2}" --target-dir "$root/ws/target"); }
for n in $sizes; do build "$n"; done

timed() { # size, cargo arguments
  local start end
  touch "$root/ws/synth-$1/src/lib.rs"
  start=$(now)
  build "$@"
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}
largest=$(printf '%s\n' $sizes | sort -n | tail -n 1)
smallest=$(printf '%s\n' $sizes | sort -n | head -n 1)
declare -A times
for _ in $(seq "$runs"); do
  for n in $sizes; do
    times[$n]+="$(timed "$n") "
  done
  times[one]+="$(timed "$largest" --no-default-features --features synth_0) "
done

printf '\n%-28s %10s %12s %16s   (median of %s; touch lib.rs, CARGO_INCREMENTAL=0)\n' "" build "per endpoint" "lines of src/" "$runs"
for n in $sizes; do
  echo "$n endpoints: ${times[$n]% } (s)" >&2
  t=$(printf '%s\n' ${times[$n]} | median)
  lines=$(find "$root/ws/synth-$n/src" -name '*.rs' -exec cat {} + | wc -l)
  printf '%-28s %9ss %10.1fms %16s\n' "$n endpoints ($((n / per_api)) APIs)" "$t" "$(awk -v t="$t" -v n="$n" 'BEGIN { print 1000 * t / n }')" "$lines"
done
echo "one API of $largest endpoints: ${times[one]% } (s)" >&2
t1=$(printf '%s\n' ${times[one]} | median)
tl=$(printf '%s\n' ${times[$largest]} | median)
ts=$(printf '%s\n' ${times[$smallest]} | median)
printf '%-28s %9ss %10s   (%.2fx the whole crate)\n' "one API ($per_api of $largest)" "$t1" "" "$(awk -v a="$t1" -v b="$tl" 'BEGIN { print a / b }')"
if [ "$largest" != "$smallest" ]; then
  printf '\nt(%s) / t(%s) = %.2f for %sx the endpoints (linear: %s)\n' "$largest" "$smallest" \
    "$(awk -v a="$tl" -v b="$ts" 'BEGIN { print a / b }')" "$((largest / smallest))" "$((largest / smallest))"
fi
printf '%s, %s CPU(s), dev profile\n' "$(rustc --version)" "$(nproc)"
