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

__all__ = ["JsException", "JsProxy", "exports", "typed_view"]

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

_memory: JsProxy = exports.wasmMemory()
#: Typed-array constructor for each memoryview format the scratch regions are filled from.
_ARRAY_TYPES: dict[str, Any] = {"d": js.Float64Array, "B": js.Uint8Array}
# The ArrayBuffer the cached views were made on; growing the wasm memory replaces (and detaches)
# it, which invalidates every view.
_buffer: JsProxy | None = None
# slot -> (format, byte address, length, typed-array view)
_views: dict[int, tuple[str, int, int, JsProxy]] = {}


def typed_view(slot: int, fmt: str, address: int, length: int) -> JsProxy:
    """A typed array of ``length`` elements at byte ``address`` of the wasm memory.

    ``fmt`` is the element's memoryview format: ``"d"`` gives a ``Float64Array``, ``"B"`` a
    ``Uint8Array``. Views are cached per scratch slot and reused while the format, address, length
    and memory buffer are unchanged, so repeated calls with same-sized inputs create no JS objects.
    """
    global _buffer
    buffer = _memory.buffer
    if _buffer is None or buffer != _buffer:  # JsProxy equality is JS identity
        _buffer = buffer
        _views.clear()
    cached = _views.get(slot)
    if cached is not None and cached[:3] == (fmt, address, length):
        return cached[3]
    view = _ARRAY_TYPES[fmt].new(buffer, address, length)
    _views[slot] = (fmt, address, length, view)
    return view

