#!/usr/bin/env bash
# Runs the wasm-bindgen tests (tests/web.rs) in WebKitGTK, Safari's engine family:
#
#   bash scripts/wasm-test-webkit.sh        (after scripts/install.sh: webkit2gtk-driver, xvfb)
#
# wasm-pack drives WebKit through its Safari support, with Debian's WebKitWebDriver standing in for
# safaridriver. This works because of three facts about wasm-pack 0.15 and wasm-bindgen-test-runner
# 0.2.130 (src/wasm_bindgen_test_runner/headless.rs):
# - `wasm-pack test --safari` looks for a binary named `safaridriver` on PATH only, so a temporary
#   directory puts one there, a link to WebKitWebDriver. The runner starts it with `--port=N`, an
#   option WebKitWebDriver understands.
# - For Safari the runner sends an empty capability set and ignores webdriver.json, so
#   `webkitgtk:browserOptions` cannot be passed. None is needed: WebKitWebDriver then launches its
#   default browser, /usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser --automation.
# - MiniBrowser has no headless mode; xvfb-run gives it a virtual display.
source "$(dirname "$0")/env.sh"

driver=${WEBKITWEBDRIVER:-$(command -v WebKitWebDriver || true)}
[ -x "$driver" ] || { echo "no WebKitWebDriver (apt-get install webkit2gtk-driver, or set WEBKITWEBDRIVER)" >&2; exit 1; }
have xvfb-run || { echo "no xvfb-run (apt-get install xvfb)" >&2; exit 1; }

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
ln -s "$driver" "$bin/safaridriver"
PATH="$bin:$PATH" xvfb-run -a wasm-pack test --headless --safari "$@"
