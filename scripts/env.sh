# Shared shell settings for the fastwasm scripts (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
cd "$ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
# The wasm-bindgen version pinned with '=' in Cargo.toml.
wasm_bindgen_version() { sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$ROOT/Cargo.toml"; }

# The threaded wasm build (Cargo feature `threads`: rayon on a pool of Web Workers sharing the
# module's memory, wasm-bindgen-rayon) needs std rebuilt with atomics, hence nightly and
# -Z build-std (scripts/install.sh installs both). RUSTFLAGS replaces .cargo/config.toml's wasm32
# rustflags, so +simd128 is repeated. Since nightly-2025-10-03 (rust-lang/rust#147225) +atomics no
# longer implies a shared memory, so the linker gets what it used to imply: a shared, imported
# memory of at most 1 GiB and the thread-local storage exports wasm-bindgen needs. Its own target
# directory keeps target/wasm32-unknown-unknown/release single-threaded.
MT_TARGET_DIR=target/mt
MT_BUILD_STD=(-Z build-std=panic_abort,std)
mt_rustflags="-C target-feature=+atomics,+bulk-memory,+mutable-globals,+simd128"
for arg in --shared-memory --max-memory=1073741824 --import-memory \
  --export=__wasm_init_tls --export=__tls_size --export=__tls_align --export=__tls_base; do
  mt_rustflags+=" -C link-arg=$arg"
done
unset arg

# wasm-bindgen-rayon 1.3.0 (the newest) starts each pool worker with `init(module, memory)`, which
# wasm-bindgen 0.2.130's glue accepts with a console warning ("using deprecated parameters for the
# initialization function") in every worker of every run. This passes the one object the glue
# wants, in the worker helper under $1/snippets; it fails if the snippet no longer has exactly that
# call (a new wasm-bindgen-rayon: check whether it still needs this).
# tests/js/rayon-snippet.test.mjs checks the result.
fix_rayon_worker_helper() {
  local helper old_init new_init
  helper=$(find "$1/snippets" -path '*wasm-bindgen-rayon-*' -name 'workerHelpers*.js')
  old_init='await pkg.default(data.module, data.memory);'
  new_init='await pkg.default({ module_or_path: data.module, memory: data.memory });'
  if [ "$(printf '%s\n' "$helper" | grep -c .)" != 1 ] || [ "$(grep -cF "$old_init" "$helper")" != 1 ]; then
    echo "expected one wasm-bindgen-rayon worker helper calling '$old_init' in $1/snippets; found: ${helper:-none}" >&2
    return 1
  fi
  sed -i "s/$old_init/$new_init/" "$helper"
  grep -qF "$new_init" "$helper"
}
