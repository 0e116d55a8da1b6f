#!/usr/bin/env bash
# Builds everything: pkg/ (wasm-pack, ES module + .d.ts), the multi-threaded pkg-mt/, the Python
# package's copy of pkg's .wasm with its no-modules JS glue, the py3-none-any wheel in python/dist/,
# and the JupyterLite site with the example notebooks in build/lite/.
#   --quick  only pkg/, the Python package and its wheel (no pkg-mt/, no JupyterLite site)
source "$(dirname "$0")/env.sh"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

step "wasm-pack build --release --target web"
wasm-pack build --release --target web --out-dir pkg --out-name fastwasm

# The Python package needs glue it can evaluate synchronously (no ES module import), so it uses
# wasm-bindgen's no-modules output. Both targets emit the same .wasm bytes; check that, then
# ship pkg's optimised .wasm with the no-modules glue.
step "no-modules glue for the Python package"
raw=target/wasm32-unknown-unknown/release/fastwasm.wasm
rm -rf build/glue && mkdir -p build/glue/web build/glue/no-modules
wasm-bindgen --target web --out-dir build/glue/web "$raw"
wasm-bindgen --target no-modules --out-dir build/glue/no-modules "$raw"
cmp build/glue/web/fastwasm_bg.wasm build/glue/no-modules/fastwasm_bg.wasm
cp build/glue/no-modules/fastwasm.js python/fastwasm/fastwasm_glue.js
cp pkg/fastwasm_bg.wasm python/fastwasm/fastwasm_bg.wasm

# The same exports with the Cargo feature `threads`: rayon on a pool of Web Workers sharing the
# module's memory (wasm-bindgen-rayon). std must be rebuilt with atomics, hence nightly and
# -Z build-std (scripts/install.sh installs both). RUSTFLAGS replaces .cargo/config.toml's wasm32
# rustflags, so +simd128 is repeated. Since nightly-2025-10-03 (rust-lang/rust#147225) +atomics no
# longer implies a shared memory, so the linker gets what it used to imply: a shared, imported
# memory of at most 1 GiB and the thread-local storage exports wasm-bindgen needs. Its own target
# directory keeps target/wasm32-unknown-unknown/release (used above) single-threaded.
if [ "$quick" = 0 ]; then
step "wasm-pack build (threads, nightly) -> pkg-mt"
mt_rustflags="-C target-feature=+atomics,+bulk-memory,+mutable-globals,+simd128"
for arg in --shared-memory --max-memory=1073741824 --import-memory \
  --export=__wasm_init_tls --export=__tls_size --export=__tls_align --export=__tls_base; do
  mt_rustflags+=" -C link-arg=$arg"
done
CARGO_TARGET_DIR=target/mt RUSTFLAGS="$mt_rustflags" rustup run nightly \
  wasm-pack build --release --target web --out-dir pkg-mt --out-name fastwasm \
  -- --features threads -Z build-std=panic_abort,std

fi

step "Python wheel"
rm -rf python/dist
python3 -m pip wheel -q --no-deps -w python/dist ./python
ls -l pkg/fastwasm_bg.wasm python/dist/*.whl
[ "$quick" = 1 ] && exit 0
ls -l pkg-mt/fastwasm_bg.wasm

step "JupyterLite site with the example notebooks (build/lite)"
build/lite-venv/bin/python scripts/build_lite.py
