#!/usr/bin/env bash
# `include_spec!`'s own work (the proc-macro's expansion, and its tokens crossing the
# bridge) against compiling its output (issue #14).
#
# Three scratch crates, each with the three `include_spec!` calls of examples/consumer
# (spec/banking, spec/payments, spec/helix):
#   expanded   their expansion pasted as source (written by `cargo bench --bench expand`
#              with MUTASPEC_EXPAND_OUT): compiling the output alone
#   macro      the calls themselves, the macro built as cargo's dev profile builds a
#              proc-macro by default (opt-level 0)
#   macro-opt  the same with the macro's dependencies optimized
#              (`[profile.dev.build-override] opt-level = 3`, in its own workspace)
# Each run touches a crate's lib.rs and times `cargo build` of it (CARGO_INCREMENTAL=0:
# the whole crate, every time); the crates alternate; medians of RUNS runs. The
# expansion's cost is t(macro) - t(expanded), shown as a share of t(expanded).
#
#   scripts/measure-expansion.sh          # RUNS=5
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
root=${MEASURE_DIR:-${CARGO_TARGET_DIR:-$repo/target}/measure}/expansion
export CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

rm -rf "$root/ws" "$root/ws-opt"
mkdir -p "$root/ws/expanded/src" "$root/ws/macro/src" "$root/ws-opt/macro-opt/src"
(cd "$repo" && MUTASPEC_EXPAND_OUT="$root/ws/expanded/src/lib.rs" cargo bench -q --bench expand -- no-bench-matches-this >/dev/null)
calls='mutaspec_macros::include_spec!("'"$repo"'/spec/banking");
mutaspec_macros::include_spec!("'"$repo"'/spec/payments");
mutaspec_macros::include_spec!("'"$repo"'/spec/helix");'
echo "$calls" >"$root/ws/macro/src/lib.rs"
echo "$calls" >"$root/ws-opt/macro-opt/src/lib.rs"
manifest() { # name, then extra dependency lines
  local name=$1
  shift
  printf '[package]\nname = "measure-%s"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nmutaspec-runtime = { path = "%s/codegen/runtime" }\n' "$name" "$repo"
  printf '%s\n' "$@"
}
manifest expanded >"$root/ws/expanded/Cargo.toml"
manifest macro "mutaspec-macros = { path = \"$repo/codegen/macros\" }" >"$root/ws/macro/Cargo.toml"
manifest macro-opt "mutaspec-macros = { path = \"$repo/codegen/macros\" }" >"$root/ws-opt/macro-opt/Cargo.toml"
printf '[workspace]\nresolver = "2"\nmembers = ["expanded", "macro"]\n' >"$root/ws/Cargo.toml"
printf '[workspace]\nresolver = "2"\nmembers = ["macro-opt"]\n\n[profile.dev.build-override]\nopt-level = 3\n' >"$root/ws-opt/Cargo.toml"
cp "$repo/Cargo.lock" "$root/ws/Cargo.lock"
cp "$repo/Cargo.lock" "$root/ws-opt/Cargo.lock"

ws_of() { case $1 in macro-opt) echo "$root/ws-opt" ;; *) echo "$root/ws" ;; esac; }
# Target directories of their own: no other cargo run shares their lock (and the timing).
build() { (cd "$(ws_of "$1")" && cargo build -q -p "measure-$1" --target-dir "$(ws_of "$1")/target"); }
for name in expanded macro macro-opt; do build "$name"; done

timed() {
  local start end
  touch "$(ws_of "$1")/$1/src/lib.rs"
  start=$(now)
  build "$1"
  end=$(now)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}
declare -A times
for _ in $(seq "$runs"); do
  for name in expanded macro macro-opt; do
    times[$name]+="$(timed "$name") "
  done
done

e=$(printf '%s\n' ${times[expanded]} | median)
printf '\n%-36s %8s %22s   (median of %s; touch lib.rs, CARGO_INCREMENTAL=0)\n' "" build "expansion (share)" "$runs"
printf '%-36s %7ss\n' "expanded source (the output alone)" "$e"
for name in macro macro-opt; do
  echo "$name: ${times[$name]% } (s); expanded: ${times[expanded]% } (s)" >&2
  m=$(printf '%s\n' ${times[$name]} | median)
  label="include_spec! ($name)"
  [ "$name" = macro ] && label="include_spec! (default: opt-level 0)"
  [ "$name" = macro-opt ] && label="include_spec! (build-override opt 3)"
  printf '%-36s %7ss %12.2fs (%5.1f%%)\n' "$label" "$m" "$(awk -v a="$m" -v b="$e" 'BEGIN { print a - b }')" "$(awk -v a="$m" -v b="$e" 'BEGIN { print 100 * (a - b) / b }')"
done
printf '\n%s, %s CPU(s), dev profile\n' "$(rustc --version)" "$(nproc)"
