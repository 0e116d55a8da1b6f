#!/usr/bin/env bash
# Installs whatever is missing, skipping what is present. Downloads only crates, npm packages,
# PyPI wheels and Debian packages.
#   scripts/install.sh         tools to build and serve the demo
#   scripts/install.sh --test  also the browsers, drivers and wheels the tests need
source "$(dirname "$0")/env.sh"
WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

cargo_install() { # crate version binary
  local crate=$1 version=$2 bin=$3
  if have "$bin" && { [ -z "$version" ] || "$bin" --version 2>/dev/null | grep -qF "$version"; }; then return 0; fi
  step "cargo install $crate ${version:+--version $version}"
  cargo install "$crate" ${version:+--version "$version"}
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# The multi-threaded build (pkg-mt/) rebuilds std with atomics: nightly, its std sources and its
# wasm32 target.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  step "rustup toolchain install nightly"
  rustup toolchain install nightly --profile minimal
fi
if ! rustup component list --toolchain nightly --installed | grep -qx rust-src; then
  step "rustup component add rust-src --toolchain nightly"
  rustup component add rust-src --toolchain nightly
fi
if ! rustup target list --toolchain nightly --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown --toolchain nightly"
  rustup target add wasm32-unknown-unknown --toolchain nightly
fi
cargo_install wasm-bindgen-cli "$(wasm_bindgen_version)" wasm-bindgen
cargo_install wasm-pack "" wasm-pack

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-fund --no-audit
fi
have wasm-opt || { echo "wasm-opt missing after npm ci" >&2; exit 1; }

have python3 || apt_install python3 python3-pip

if [ "$WITH_TESTS" = 1 ]; then
  # The e2e runner (tests/e2e/engines.mjs): Chromium, Firefox and WebKitGTK through their WebDriver
  # servers; MiniBrowser (from webkit2gtk-driver's libwebkit2gtk) needs an X display (Xvfb); the
  # runner's recording proxy makes its TLS certificate with openssl.
  apt_install chromium chromium-driver firefox-esr webkit2gtk-driver xvfb openssl
  cargo_install geckodriver "" geckodriver
  # The fuzz suite (scripts/fuzz.sh) builds fuzz/ with cargo-fuzz on the nightly toolchain above.
  cargo_install cargo-fuzz "" cargo-fuzz
fi
# pip_download LIST DIR: the name==version wheels of LIST (for Pyodide's Python 3.14) into DIR,
# unless all are there already.
pip_download() {
  local list=$1 dir=$2
  mkdir -p "$dir"
  python3 - "$list" "$dir" <<'PY' && return 0
import pathlib, re, sys
norm = lambda s: re.sub(r"[-_.]+", "_", s).lower()
want = [l.split("#")[0].strip().split("==") for l in open(sys.argv[1]) if l.split("#")[0].strip()]
have = {norm(p.name) for p in pathlib.Path(sys.argv[2]).glob("*.whl")}
sys.exit(0 if all(any(h.startswith(f"{norm(n)}_{norm(v)}_") for h in have) for n, v in want) else 1)
PY
  step "pip download $list"
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.14 -d "$dir" -r "$list"
}
# micropip for the demo page, pytest for the tests.
pip_download tests/python/pyodide-wheels.txt build/pyodide-wheels

# The native side: CPython with maturin (builds the native wheel), numpy, Dask, nbclient and
# ipykernel (the native test suite), in build/native-venv.
if ! cmp -s scripts/native-requirements.txt build/native-venv/requirements.txt; then
  have python3 && python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  step "native CPython venv (build/native-venv)"
  rm -rf build/native-venv
  python3 -m venv build/native-venv
  build/native-venv/bin/python -m pip install -q --disable-pip-version-check -r scripts/native-requirements.txt
  cp scripts/native-requirements.txt build/native-venv/requirements.txt
fi

# The notebook site: JupyterLite's build tools in a venv, and the wheels its kernel loads.
if ! cmp -s scripts/lite/requirements.txt build/lite-venv/requirements.txt; then
  have python3 && python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  step "JupyterLite build tools (build/lite-venv)"
  rm -rf build/lite-venv
  python3 -m venv build/lite-venv
  build/lite-venv/bin/python -m pip install -q --disable-pip-version-check -r scripts/lite/requirements.txt
  cp scripts/lite/requirements.txt build/lite-venv/requirements.txt
fi
pip_download scripts/lite/pyodide-wheels.txt build/lite-wheels/pyodide
pip_download scripts/lite/piplite-wheels.txt build/lite-wheels/piplite
echo "install: all tools present"
