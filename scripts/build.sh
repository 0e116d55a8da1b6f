#!/usr/bin/env bash
# Builds everything: pkg/ (wasm-pack, ES module + .d.ts), the Python package's copy of the same
# .wasm with its no-modules JS glue, the py3-none-any wheel in python/dist/, and the JupyterLite
# site with the example notebooks in build/lite/.
source "$(dirname "$0")/env.sh"

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

step "Python wheel"
rm -rf python/dist
python3 -m pip wheel -q --no-deps -w python/dist ./python
ls -l pkg/fastwasm_bg.wasm python/dist/*.whl

step "JupyterLite site with the example notebooks (build/lite)"
build/lite-venv/bin/python scripts/build_lite.py
