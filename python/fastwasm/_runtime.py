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
    "ZERO_COPY",
    "JsException",
    "JsProxy",
    "call_small",
    "exports",
    "fn",
    "helpers",
    "instantiations",
    "is_trap",
    "poisoned",
    "region_new",
    "region_view",
    "reinstantiate",
    "stage_many",
    "stage_one",
    "to_js",
]

_HERE = Path(__file__).resolve().parent

#: Array arguments are copied into staging regions of the module's memory (the native backend
#: reads them in place instead).
ZERO_COPY = False

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

# The JS helpers of one instance, made in one JS call each so that a fastwasm call crosses the
# Python/JS boundary as few times as possible. `stage` sizes every staging region before it makes
# any view (sizing may grow the memory, which detaches older views); views are cached per slot
# while the memory buffer, address and length are unchanged. Region kinds and slot ids are those of
# src/regions.rs: kind 0 float64, 1 uint32, 2 uint8, 3 float32; staging slot i has region id i + 1.
_helpers: JsProxy = run_js(
    """(function (exports) {
  const memory = exports.wasmMemory();
  const VIEWS = [Float64Array, Uint32Array, Uint8Array, Float32Array];
  const cache = [];
  function view(slot, kind, length, address) {
    const buffer = memory.buffer;
    const c = cache[slot];
    if (c && c.buffer === buffer && c.kind === kind && c.address === address && c.length === length) {
      return c.view;
    }
    const v = new VIEWS[kind](buffer, address, length);
    cache[slot] = { buffer, kind, address, length, view: v };
    return v;
  }
  // What each staging slot holds (kind, length, address): this instance's slots change only
  // through stageSlot, so restaging the same kind and length again needs no call into wasm.
  const staged = [];
  function stageSlot(slot, kind, length) {
    const s = staged[slot];
    if (s && s.kind === kind && s.length === length) return s.address;
    let address;
    try {
      address = exports.__fwStage(slot, kind, length);
    } catch (err) {
      staged[slot] = undefined;
      if (err instanceof Error) err.slot = slot; // which input could not be staged
      throw err;
    }
    staged[slot] = { kind, length, address };
    return address;
  }
  return {
    stage(...specs) {
      const addresses = [];
      for (let i = 0; i < specs.length; i += 2) addresses.push(stageSlot(i / 2, specs[i], specs[i + 1]));
      return addresses.map((address, slot) => view(slot, specs[2 * slot], specs[2 * slot + 1], address));
    },
    stageOne(kind, length) {
      return view(0, kind, length, stageSlot(0, kind, length));
    },
    callSmall(fn, extra, ...values) {
      view(0, 0, values.length, stageSlot(0, 0, values.length)).set(values);
      return extra === undefined ? fn(1) : fn(1, extra);
    },
    regionView(id) {
      const length = exports.__fwRegionLength(id);
      return new VIEWS[exports.__fwRegionKind(id)](memory.buffer, exports.__fwRegionAddress(id), length);
    },
    regionNew(kind, length) {
      const id = exports.__fwRegionNew(kind, length);
      return [id, new VIEWS[kind](memory.buffer, exports.__fwRegionAddress(id), length)];
    },
  };
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
#: Frames of fastwasm calls that were converting their arguments when a nested fastwasm call (made
#: from a callback of an argument) trapped: each raises ``RuntimeError`` when it gets to wasm.
poisoned: list[Any] = []


def _instantiate() -> None:
    global exports, helpers, instantiations
    global call_small, stage_one, stage_many, region_view, region_new
    new_exports = _new_instance()
    for name in js.Object.keys(new_exports):
        setattr(fn, name, getattr(new_exports, name))
    #: The wasm-bindgen exports object: the raw kernels under their JS names (they take region
    #: ids for arrays and return region ids for array results), and the region functions.
    exports = new_exports
    #: The JS helpers of this instance (see ``_helpers``): ``stage(kind0, len0, kind1, len1, ...)``
    #: returns typed-array views on staging regions 1, 2, ... to fill; ``callSmall(export, extra,
    #: *floats)`` calls ``export`` on the floats staged in region 1; ``regionNew(kind, len)``
    #: makes a resident region and returns ``[id, view]``; ``regionView(id)`` views a live region
    #: (results are copied out of that view once, into the Python object, then freed).
    helpers = _helpers(new_exports)
    # Read once: reading a property of a JS object from Python costs about as much as a call.
    call_small = helpers.callSmall
    stage_one = helpers.stageOne
    stage_many = helpers.stage
    region_view = helpers.regionView
    region_new = helpers.regionNew
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
    views on the old memory stay valid but no longer refer to the module's memory, and resident
    arrays of the old instance are gone (``instantiations`` tells them apart)."""
    _instantiate()


exports: JsProxy
helpers: JsProxy
call_small: JsProxy
stage_one: JsProxy
stage_many: JsProxy
region_view: JsProxy
region_new: JsProxy
_instantiate()
