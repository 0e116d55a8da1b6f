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
cargo_install wasm-bindgen-cli "$(wasm_bindgen_version)" wasm-bindgen
cargo_install wasm-pack "" wasm-pack

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-fund --no-audit
fi
have wasm-opt || { echo "wasm-opt missing after npm ci" >&2; exit 1; }

have python3 || apt_install python3 python3-pip

if [ "$WITH_TESTS" = 1 ]; then
  apt_install chromium chromium-driver firefox-esr
  cargo_install geckodriver "" geckodriver
fi
wheels=build/pyodide-wheels
mkdir -p "$wheels"
if ! python3 - "$wheels" <<'PY'
import pathlib, sys
want = [l.strip().split("==") for l in open("tests/python/pyodide-wheels.txt") if l.strip() and not l.startswith("#")]
have = {p.name.lower() for p in pathlib.Path(sys.argv[1]).glob("*.whl")}
sys.exit(0 if all(any(h.startswith(f"{n.replace('-', '_')}-{v}-") for h in have) for n, v in want) else 1)
PY
then
  step "pip download Pyodide wheels (micropip for the demo, pytest for the tests)"
  python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.14 \
    -d "$wheels" -r tests/python/pyodide-wheels.txt
fi
echo "install: all tools present"
