#!/usr/bin/env bash
# Builds everything: pkg/ (wasm-pack, ES module + .d.ts), the multi-threaded pkg-mt/, the Python
# package's copy of pkg's .wasm with its no-modules JS glue (and of pkg-mt/ for its threads), the py3-none-any wheel for Pyodide and
# the native abi3 wheel for CPython (crates/python, maturin) in python/dist/, and the JupyterLite
# site with the example notebooks in build/lite/.
#   --quick  only pkg/, the Python package and its two wheels (no pkg-mt/, so no threads in the
#            Pyodide wheel; no JupyterLite site)
# pkg/ is the npm package "fastwasm" (`npm pack pkg`), with the threaded build inside it as
# pkg/threads/ (js/package.mjs).
source "$(dirname "$0")/env.sh"
quick=0
[ "${1:-}" = "--quick" ] && quick=1

step "wasm-pack build --release --target web"
wasm-pack build --release --target web --out-dir pkg --out-name fastwasm

# The Python package needs glue it can evaluate synchronously (no ES module import), so it uses
# wasm-bindgen's no-modules output; pkg/ gets web glue that can re-instantiate the module after a
# trap (--experimental-reset-state-function, which wasm-pack cannot pass). All of them emit the
# same .wasm bytes; check that, then ship pkg's optimised .wasm with the no-modules glue.
step "no-modules glue for the Python package, reset-capable web glue for pkg/"
raw=target/wasm32-unknown-unknown/release/fastwasm.wasm
rm -rf build/glue && mkdir -p build/glue/web build/glue/web-reset build/glue/no-modules
wasm-bindgen --target web --out-dir build/glue/web "$raw"
wasm-bindgen --target web --experimental-reset-state-function --out-dir build/glue/web-reset "$raw"
wasm-bindgen --target no-modules --out-dir build/glue/no-modules "$raw"
cmp build/glue/web/fastwasm_bg.wasm build/glue/no-modules/fastwasm_bg.wasm
cmp build/glue/web/fastwasm_bg.wasm build/glue/web-reset/fastwasm_bg.wasm
cp build/glue/no-modules/fastwasm.js python/fastwasm/fastwasm_glue.js
cp pkg/fastwasm_bg.wasm python/fastwasm/fastwasm_bg.wasm

# pkg/fastwasm.js becomes the typed boundary of js/fastwasm.js: it converts every argument before
# wasm runs, names errors, and re-instantiates the instance after a trap. wasm-pack's glue must be exactly
# wasm-bindgen's plain web glue, so that the reset-capable one fits pkg's (wasm-opt'd) .wasm too;
# js/compose.mjs also checks the .wasm's imports and exports against the glue.
step "pkg/: trap-recovering wrapper over the reset-capable glue"
cmp pkg/fastwasm.js build/glue/web/fastwasm.js
node js/compose.mjs --glue build/glue/web-reset --signatures-from build/glue/web pkg

# The same exports with the Cargo feature `threads` (scripts/env.sh has its flags and why).
if [ "$quick" = 0 ]; then
step "wasm-pack build (threads, nightly) -> pkg-mt"
CARGO_TARGET_DIR=$MT_TARGET_DIR RUSTFLAGS="$mt_rustflags" rustup run nightly \
  wasm-pack build --release --target web --out-dir pkg-mt --out-name fastwasm \
  -- --features threads "${MT_BUILD_STD[@]}"
fix_rayon_worker_helper pkg-mt
# The same wrapper, over wasm-pack's own glue: a shared-memory instance cannot be re-instantiated,
# so after a trap every call throws an Error saying to reload the page or worker.
node js/compose.mjs --signatures-from build/glue/web pkg-mt

fi

# The Python package's threaded build (fastwasm.enable_threads): pkg-mt's own glue (not the
# wrapper: the package calls the raw exports, as with the single-threaded glue), its .wasm and the
# worker helper it imports, at the same relative paths. A quick build has none, and the package
# then says that threads are not in this build.
rm -rf python/fastwasm/threads
if [ "$quick" = 0 ]; then
  mkdir -p python/fastwasm/threads
  cp pkg-mt/fastwasm_glue.js pkg-mt/fastwasm_bg.wasm python/fastwasm/threads/
  cp -r pkg-mt/snippets python/fastwasm/threads/
fi

# pkg/ becomes the npm package: its Node entry, the threaded build as pkg/threads/ (a quick build
# has none), README, "files" and the "exports" map, all defined in js/package.mjs.
step "npm package (pkg/)"
if [ "$quick" = 1 ]; then node js/package.mjs pkg; else node js/package.mjs --threads pkg-mt pkg; fi

step "Python wheels: Pyodide (py3-none-any) and native CPython (abi3)"
rm -rf python/dist
python3 -m pip wheel -q --no-deps -w python/dist ./python
# The same package source with fastwasm._native, built from the kernels crate by PyO3 (the
# threaded kernels on rayon's pool); build/native-venv (scripts/install.sh) has maturin.
build/native-venv/bin/maturin build --quiet --release -m crates/python/Cargo.toml -o python/dist
ls -l pkg/fastwasm_bg.wasm python/dist/*.whl
[ "$quick" = 1 ] && exit 0
ls -l pkg-mt/fastwasm_bg.wasm

step "JupyterLite site with the example notebooks (build/lite)"
build/lite-venv/bin/python scripts/build_lite.py
