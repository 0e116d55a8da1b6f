"""Instantiation of the fastwasm WebAssembly module inside Pyodide.

The package ships the same ``fastwasm_bg.wasm`` as the npm package together with wasm-bindgen's
``no-modules`` glue. The glue is evaluated as a JS function expression (so it defines no globals)
and the module is compiled and instantiated synchronously with ``initSync``, which works in Node,
on a page's main thread and in a Web Worker alike.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.platform != "emscripten":
    raise ImportError(
        "fastwasm needs Pyodide: it runs its kernels as WebAssembly through Pyodide's JavaScript "
        "bridge, which is not available in this Python "
        f"({sys.implementation.name} {sys.version.split()[0]} on {sys.platform})"
    )

try:
    import js
    from pyodide.code import run_js
    from pyodide.ffi import JsException, JsProxy, to_js
except ImportError as exc:  # pragma: no cover - emscripten Python without Pyodide
    raise ImportError("fastwasm needs Pyodide (the pyodide and js modules are missing)") from exc

__all__ = ["JsException", "JsProxy", "exports", "scratch_view", "scratch_views"]

_HERE = Path(__file__).resolve().parent


def _instantiate() -> JsProxy:
    glue = (_HERE / "fastwasm_glue.js").read_text(encoding="utf-8")
    wasm_bytes = (_HERE / "fastwasm_bg.wasm").read_bytes()
    # The glue declares `let wasm_bindgen = (function(exports) {...})(...)`; wrapping it in a
    # function keeps that binding local. The `{module}` object is built on the JS side: to_js of a
    # Python dict would give a Map, which initSync does not accept.
    init = run_js(
        "(function (bytes) {\n"
        + glue
        + "\nwasm_bindgen.initSync({ module: bytes });\nreturn wasm_bindgen;\n})"
    )
    return init(to_js(wasm_bytes))


#: The wasm-bindgen exports object: the kernels (``sum``, ``variance``, ``matmul``, ``fft``,
#: ``gaussianBlur``, ``wordCounts``, ...) under their JS names, plus ``scratch`` and ``wasmMemory``.
exports: JsProxy = _instantiate()

# Reserving scratch regions and making typed-array views on them happens in one JS call, so a
# call into fastwasm crosses the Python/JS boundary as few times as possible. All regions are
# reserved before any view is made (reserving may grow the memory, which detaches older views),
# and views are cached per slot while the memory buffer, address and length are unchanged.
_scratch_views: JsProxy = run_js(
    """(function (exports) {
  const memory = exports.wasmMemory();
  const types = { d: Float64Array, B: Uint8Array };
  const sizes = { d: 8, B: 1 };
  const cache = [];
  function view(slot, fmt, length, address) {
    const buffer = memory.buffer;
    const c = cache[slot];
    if (c && c.buffer === buffer && c.fmt === fmt && c.address === address && c.length === length) {
      return c.view;
    }
    const v = new types[fmt](buffer, address, length);
    cache[slot] = { buffer, fmt, address, length, view: v };
    return v;
  }
  return {
    one(fmt, length) {
      return view(0, fmt, length, exports.scratch(0, length * sizes[fmt]));
    },
    many(...specs) {
      const addresses = [];
      for (let i = 0; i < specs.length; i += 2) {
        addresses.push(exports.scratch(i / 2, specs[i + 1] * sizes[specs[i]]));
      }
      return addresses.map((address, slot) => view(slot, specs[2 * slot], specs[2 * slot + 1], address));
    },
  };
})"""
)(exports)
#: ``scratch_view(fmt, length)``: a typed array (``Float64Array`` for format ``"d"``,
#: ``Uint8Array`` for ``"B"``) of ``length`` elements on scratch slot 0 of the wasm memory.
scratch_view = _scratch_views.one
#: ``scratch_views(fmt0, length0, fmt1, length1, ...)``: a JS array of such views on slots 0, 1, ...
scratch_views = _scratch_views.many
