#!/usr/bin/env bash
# Runs every test suite against the current build (scripts/build.sh) and reports each one.
# Every suite runs even when an earlier one fails; the exit code is non-zero if any failed.
source "$(dirname "$0")/env.sh"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export GECKODRIVER="${GECKODRIVER:-$HOME/.cargo/bin/geckodriver}"
mkdir -p test-results

passed=() failed=()
suite() { # name command...
  local name=$1; shift
  step "$name: $*"
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
}

suite fmt cargo fmt --all --check
suite clippy cargo clippy --workspace --all-targets -- -D warnings
suite clippy-threads cargo clippy --workspace --features threads --all-targets -- -D warnings
suite clippy-wasm cargo clippy --workspace --exclude fastwasm-python --target wasm32-unknown-unknown --all-targets -- -D warnings
suite rust cargo test --workspace
suite rust-threads cargo test --workspace --features threads
suite chrome wasm-pack test --headless --chrome
suite firefox wasm-pack test --headless --firefox
suite webkit bash scripts/wasm-test-webkit.sh
suite trap-build bash scripts/build-trap-test.sh
suite js node --test tests/js/
suite pyodide node tests/python/run.mjs
# The e2e tests run in Chromium, Firefox and WebKitGTK (tests/e2e/engines.mjs), one file at a time;
# FASTWASM_ENGINES=firefox,webkit narrows the engines.
suite e2e node --test --test-concurrency=1 tests/e2e/
suite fuzz bash scripts/fuzz.sh

step "summary"
for s in "${passed[@]}"; do echo "  ok    $s"; done
for s in "${failed[@]}"; do echo "  FAIL  $s"; done
echo "suites: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
