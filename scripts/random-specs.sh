#!/usr/bin/env bash
# Runs batches of random specs (tests/random_specs.rs) on demand.
set -euo pipefail
usage() {
  cat <<'USAGE'
usage: scripts/random-specs.sh [--seed N] [--batches N] [--apis N] [--endpoints N] [--cases N]

Generates random specs meant to be valid (tests/random_specs/gen.rs), keeps the endpoints
the loader accepts, generates one crate per batch and checks it: cargo clippy -D warnings,
rustdoc -D warnings, no doctests, and the generated validators against the evaluator on
random JSON cases. Prints per seed the endpoints generated / loaded / compiled, the JSON
cases compared and the failures (a failing batch is kept under $TMPDIR, with the first
endpoint that fails alone under minimal/).

  --seed N       first seed (default 1000; CI runs seed 12)
  --batches N    batches, seeds N, N+1, ... (default 3)
  --apis N       APIs per batch (default 10; CI 8)
  --endpoints N  endpoints per API (default 30; CI 25)
  --cases N      JSON cases per endpoint for the differential (default 40; 0: none)
USAGE
}
seed=1000 batches=3 apis=10 endpoints=30 cases=40
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    --apis) apis=$2; shift 2 ;;
    --endpoints) endpoints=$2; shift 2 ;;
    --cases) cases=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
RANDOM_SPECS_SEED=$seed RANDOM_SPECS_BATCHES=$batches RANDOM_SPECS_APIS=$apis \
RANDOM_SPECS_ENDPOINTS=$endpoints RANDOM_SPECS_CASES=$cases \
  cargo test --test random_specs random_specs_compile -- --nocapture
