#!/usr/bin/env bash
# Builds the test-only trap build into build/trap/: the Cargo feature `trap-test` adds the export
# forceTrap(kind), which makes the instance trap, so the tests can check that the wrappers notice a
# trap, report it and recover. Never part of pkg/, pkg-mt/ or the Python wheel.
#   build/trap/web/         reset-capable web glue behind the wrapper of pkg/ (js/fastwasm.js):
#                           re-instantiates after a trap (tests/js/trap.test.mjs, tests/e2e/trap.test.mjs)
#   build/trap/no-reset/    plain web glue behind the same wrapper: cannot re-instantiate, like pkg-mt/
#   build/trap/no-modules/  fastwasm_glue.js + fastwasm_bg.wasm as the Python package ships them
source "$(dirname "$0")/env.sh"

step "trap test build (feature trap-test) -> build/trap"
CARGO_TARGET_DIR=target/trap cargo build --release --target wasm32-unknown-unknown --features trap-test
raw=target/trap/wasm32-unknown-unknown/release/fastwasm.wasm
out=build/trap
rm -rf "$out" && mkdir -p "$out/web" "$out/no-reset" "$out/no-modules"
wasm-bindgen --target web --experimental-reset-state-function --out-dir "$out/web" "$raw"
wasm-bindgen --target web --out-dir "$out/no-reset" "$raw"
wasm-bindgen --target no-modules --out-dir "$out/no-modules" "$raw"
mv "$out/no-modules/fastwasm.js" "$out/no-modules/fastwasm_glue.js"
rm "$out/no-modules/fastwasm.d.ts" "$out/no-modules/fastwasm_bg.wasm.d.ts"
node js/compose.mjs "$out/web"
node js/compose.mjs "$out/no-reset"
