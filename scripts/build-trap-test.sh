#!/usr/bin/env bash
# Builds the test-only trap build into build/trap/: the Cargo feature `trap-test` adds the export
# forceTrap(kind), which makes the instance trap, so the tests can check that the wrappers notice a
# trap, report it and recover. Never part of pkg/, pkg-mt/ or the Python wheel.
#   build/trap/web/         reset-capable web glue behind the wrapper of pkg/ (js/fastwasm.js):
#                           re-instantiates after a trap (tests/js/trap.test.mjs, tests/e2e/trap.test.mjs)
#   build/trap/no-reset/    plain web glue behind the same wrapper: cannot re-instantiate, like pkg-mt/
#   build/trap/no-modules/  fastwasm_glue.js + fastwasm_bg.wasm as the Python package ships them
#   build/trap/threads/     the threaded build's glue, .wasm and worker helper, as the Python
#                           package ships them in fastwasm/threads/ (tests/e2e/threads.test.mjs)
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

# The threaded build with forceTrap: pkg-mt's target directory and flags, so only the fastwasm
# crate itself is compiled again (with the feature trap-test); plain wasm-bindgen web glue, as in
# pkg-mt/ (whose worker helper fix, scripts/build.sh, it gets too).
step "threaded trap test build (features threads, trap-test) -> build/trap/threads"
CARGO_TARGET_DIR=$MT_TARGET_DIR RUSTFLAGS="$mt_rustflags" rustup run nightly \
  cargo build --release --target wasm32-unknown-unknown --features threads,trap-test "${MT_BUILD_STD[@]}"
mkdir -p "$out/threads"
wasm-bindgen --target web --out-dir "$out/threads" "$MT_TARGET_DIR/wasm32-unknown-unknown/release/fastwasm.wasm"
mv "$out/threads/fastwasm.js" "$out/threads/fastwasm_glue.js"
fix_rayon_worker_helper "$out/threads"
