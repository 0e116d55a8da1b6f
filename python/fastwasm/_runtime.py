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

__all__ = [
    "JsException",
    "JsProxy",
    "call_small",
    "exports",
    "fn",
    "instantiations",
    "is_trap",
    "reinstantiate",
    "scratch_view",
    "scratch_views",
    "small_f64",
]

_HERE = Path(__file__).resolve().parent

# Compiles the module once (kept for re-instantiation) and returns a function that evaluates the
# glue afresh and instantiates the module with it: a new glue closure has none of the old
# instance's state (cached memory views, heap slots). The glue declares
# `let wasm_bindgen = (function(exports) {...})(...)`; wrapping it in a function keeps that binding
# local. The `{module}` object is built on the JS side: to_js of a Python dict would give a Map,
# which initSync does not accept.
_new_instance: JsProxy = run_js(
    "(function (bytes) {\n"
    "  const module = new WebAssembly.Module(bytes);\n"
    "  return function () {\n"
    + (_HERE / "fastwasm_glue.js").read_text(encoding="utf-8")
    + "\n    wasm_bindgen.initSync({ module });\n    return wasm_bindgen;\n  };\n})"
)(to_js((_HERE / "fastwasm_bg.wasm").read_bytes()))

# Reserving scratch regions and making typed-array views on them happens in one JS call, so a
# call into fastwasm crosses the Python/JS boundary as few times as possible. All regions are
# reserved before any view is made (reserving may grow the memory, which detaches older views),
# and views are cached per slot while the memory buffer, address and length are unchanged.
_scratch_helpers: JsProxy = run_js(
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
)

#: ``small_f64(*values)``: a new JS ``Float64Array`` of the given Python floats, made in one JS
#: call. Cheaper than a scratch view plus ``assign`` for a handful of elements.
small_f64: JsProxy = run_js("(function (...values) { return Float64Array.of(...values); })")

#: ``call_small(export, extra, *values)``: ``export(Float64Array.of(*values))``, or
#: ``export(Float64Array.of(*values), extra)`` when ``extra`` is not ``None``, in one JS call.
call_small: JsProxy = run_js(
    """(function (fn, extra, ...values) {
  const x = Float64Array.of(...values);
  return extra === undefined ? fn(x) : fn(x, extra);
})"""
)


class Exports:
    """The wasm exports as plain Python attributes (``fn.sum``, ``fn.gaussianBlur``, ...).

    Each export is read from the JS exports object once per instantiation, so a call does not
    pay for a JS property lookup. The object stays the same across re-instantiations; its
    attributes are replaced.
    """


#: The kernels under their JS names, refreshed by :func:`reinstantiate`.
fn = Exports()
#: How many times the module has been instantiated in this interpreter (1 after import).
instantiations = 0


def _instantiate() -> None:
    global exports, scratch_view, scratch_views, instantiations
    new_exports = _new_instance()
    helpers = _scratch_helpers(new_exports)
    for name in js.Object.keys(new_exports):
        setattr(fn, name, getattr(new_exports, name))
    #: The wasm-bindgen exports object: the kernels under their JS names, plus ``scratch`` and
    #: ``wasmMemory``.
    exports = new_exports
    #: ``scratch_view(fmt, length)``: a typed array (``Float64Array`` for format ``"d"``,
    #: ``Uint8Array`` for ``"B"``) of ``length`` elements on scratch slot 0 of the wasm memory.
    scratch_view = helpers.one
    #: ``scratch_views(fmt0, length0, fmt1, length1, ...)``: a JS array of such views on slots
    #: 0, 1, ...
    scratch_views = helpers.many
    instantiations += 1


def is_trap(exc: JsException) -> bool:
    """Whether a JS exception thrown by a wasm call is a trap (``WebAssembly.RuntimeError``:
    unreachable, out-of-bounds access, ...) or a stack overflow, after which the instance's state
    cannot be trusted, rather than an ordinary error thrown by the kernel."""
    name = exc.name
    return name == "RuntimeError" or (
        name == "RangeError" and "call stack" in str(exc.message)
    )


def reinstantiate() -> None:
    """Replace the instance with a fresh one of the same module (after a trap). Typed-array
    views on the old memory stay valid but no longer refer to the module's memory."""
    _instantiate()


exports: JsProxy
scratch_view: JsProxy
scratch_views: JsProxy
_instantiate()
