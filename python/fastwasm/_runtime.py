"""Instantiation of the fastwasm WebAssembly module inside Pyodide.

The package ships the same ``fastwasm_bg.wasm`` as the npm package together with wasm-bindgen's
``no-modules`` glue. The glue is evaluated as a JS function expression (so it defines no globals)
and the module is compiled and instantiated synchronously with ``initSync``, which works in Node,
on a page's main thread and in a Web Worker alike.

It also ships the threaded build (``threads/``: pkg-mt's glue, .wasm and worker helper), which
:func:`load_threads` starts on request (``fastwasm.enable_threads``): the same exports on a shared
memory, with rayon's pool of Web Workers. It then replaces the single-threaded instance for good.
"""

from __future__ import annotations

import json
import re
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
    "after_trap",
    "dead",
    "default_thread_count",
    "load_threads",
    "switch_to",
    "thread_count",
    "threaded",
    "threads_unavailable",
    "f64_region",
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
#: Sequences are converted by ``array.array("d", seq)`` (the native backend has a faster path).
f64_region = None

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


# Pyodide turns a JS number with no fractional part into a Python int, so a float result of -0
# would reach Python as 0 and lose its sign (numpy's and the native backend's min([-0.0]) is
# -0.0). The exports with a number result (the signatures the binding declares) are wrapped to
# return the string "-0" for it, which the package's float() reads as -0.0; every other result
# passes through unchanged.
_keep_zero_sign: JsProxy = run_js(
    """(function (f) {
  // Every scalar export takes at most two arguments (an absent optional one is undefined).
  const signed = function (a, b) {
    const r = f(a, b);
    return r === 0 && 1 / r < 0 ? "-0" : r;
  };
  Object.defineProperty(signed, "name", { value: f.name }); // __fwCheck takes the export's name
  return signed;
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


def _instantiate(new_exports: JsProxy | None = None) -> None:
    """Makes ``new_exports`` (by default a fresh single-threaded instance) the package's instance."""
    global exports, helpers, instantiations
    global call_small, stage_one, stage_many, region_view, region_new
    if new_exports is None:
        new_exports = _new_instance()
    signatures = json.loads(new_exports.__fwSignatures())
    numbers = {name for name, s in signatures.items() if s["result"] == "number"}
    for name in js.Object.keys(new_exports):
        export = getattr(new_exports, name)
        setattr(fn, name, _keep_zero_sign(export) if name in numbers else export)
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


#: After a trap in the threaded instance, which cannot be re-instantiated: the message every later
#: call raises as ``RuntimeError`` (after its function's name). None while the instance is usable.
dead: str | None = None


def after_trap(func: str, exc: JsException) -> str:
    """The ``RuntimeError`` message for a trap of ``func``'s call, after dealing with it: a
    single-threaded instance is re-instantiated; the threaded one cannot be (its memory is shared
    with the pool's workers, which may be in the middle of its work), so it is retired and every
    later call refuses, without entering wasm, with the same message."""
    global dead
    what = f"{exc.name}: {exc.message}"
    if not threaded:
        reinstantiate()
        return f"{func}: the WebAssembly instance trapped ({what}); fastwasm re-instantiated it, so later calls work"
    dead = (
        f"fastwasm's threaded WebAssembly instance trapped in {func} ({what}) and cannot be "
        "re-instantiated, because its memory is shared with the thread pool: restart the kernel "
        "(or reload the page, or the worker) before calling fastwasm again"
    )
    _retire()
    return f"{func}: {dead}"


def _retire() -> None:
    """Points every way into the dead instance at a refusal (freeing a region does nothing)."""
    global call_small, stage_one, stage_many, region_view, region_new

    def refuse(*_args: Any) -> Any:
        raise RuntimeError(dead)

    for name in list(vars(fn)):
        setattr(fn, name, refuse)
    setattr(fn, "__fwRegionFree", lambda *_args: None)
    call_small = stage_one = stage_many = region_view = region_new = refuse


# --- The threaded build ----------------------------------------------------------------------

_THREADS = _HERE / "threads"
#: Whether the threaded instance is in use (:func:`switch_to`).
threaded = False
# Threads of the instance in use.
_thread_count = 1


def thread_count() -> int:
    """Threads the kernels use: the pool's size once :func:`switch_to` ran, else 1."""
    return _thread_count

# Why this context cannot run the thread pool, as sentences for the user (none when it can). The
# kernels of the threaded build block the calling thread while the pool works, which a page's
# main thread may not do (Atomics.wait throws there); the pool is Web Workers on a
# SharedArrayBuffer, which needs cross-origin isolation.
_host_problems: JsProxy = run_js(
    """(function () {
  const problems = [];
  if (typeof process === 'object' && process?.versions?.node) {
    return "Pyodide runs in Node.js here, which has no Web Workers for fastwasm's thread pool";
  }
  const inWorker = typeof WorkerGlobalScope === 'function' && globalThis instanceof WorkerGlobalScope;
  if (!inWorker) {
    problems.push("Python runs on the page's main thread, which must not wait while the pool " +
      "works: run Pyodide in a Web Worker (a JupyterLite kernel does; in PyScript, " +
      '<script type="py" worker>)');
  }
  if (globalThis.crossOriginIsolated !== true) {
    problems.push("the page is not cross-origin isolated: serve it with the headers " +
      "Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp");
  } else if (typeof SharedArrayBuffer !== 'function') {
    problems.push("this browser has no SharedArrayBuffer, even though the page is cross-origin " +
      "isolated (WebKitGTK has none)");
  }
  if (inWorker && typeof Worker !== 'function') {
    problems.push("this browser cannot start Web Workers from a worker");
  }
  return problems.join('; ');
})"""
)


def threads_unavailable() -> str:
    """Why the threaded instance cannot run here, in words for the user; ``""`` when it can."""
    if not (_THREADS / "fastwasm_bg.wasm").is_file():
        return "this build of fastwasm has no threaded module (it was built without pkg-mt/)"
    return str(_host_problems())


def default_thread_count() -> int:
    """The browser's logical cores (``navigator.hardwareConcurrency``), at least 1."""
    return max(1, int(getattr(getattr(js, "navigator", None), "hardwareConcurrency", 1) or 1))


# Imports the threaded glue from blob: URLs (the package's files live in Pyodide's file system, not
# at URLs): each worker helper it imports gets a URL, the glue's import of it is pointed there, and
# the glue gets a URL of its own, which the pool's workers import too (wasm-bindgen-rayon passes it
# to them). The URLs stay valid for the life of the page. Then it instantiates the module on a new
# shared memory and starts `n` workers, within `timeoutMs`.
_start_threaded: JsProxy = run_js(
    """(async function (glue, helpers, bytes, n, timeoutMs) {
  const url = (text) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  for (const [specifier, source] of helpers) {
    const quoted = `'${specifier}'`;
    if (!glue.includes(quoted)) throw new Error(`the threaded glue does not import ${specifier}`);
    glue = glue.replaceAll(quoted, JSON.stringify(url(source)));
  }
  const module = await import(url(glue));
  await module.default({ module_or_path: await WebAssembly.compile(bytes) });
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`its ${n} workers did not start within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([module.initThreadPool(n), late]);
  } finally {
    clearTimeout(timer);
  }
  return module;
})"""
)

# What the threaded glue imports besides itself: wasm-bindgen's snippets (the worker helper).
_SNIPPET_IMPORT = re.compile(r"""^import .* from '(\./snippets/[^']+)';$""", re.MULTILINE)


async def load_threads(n: int, timeout_s: float = 30.0) -> JsProxy:
    """Instantiates the threaded build with a pool of ``n`` workers and returns its exports,
    without using it yet (:func:`switch_to` does). Raises ``RuntimeError`` saying why it did not
    start."""
    glue = (_THREADS / "fastwasm_glue.js").read_text(encoding="utf-8")
    helpers = [
        [spec, (_THREADS / spec).read_text(encoding="utf-8")] for spec in _SNIPPET_IMPORT.findall(glue)
    ]
    try:
        return await _start_threaded(
            glue, to_js(helpers), to_js((_THREADS / "fastwasm_bg.wasm").read_bytes()), n, timeout_s * 1000
        )
    except JsException as exc:
        raise RuntimeError(f"the threaded module did not start: {exc.message}") from None


def switch_to(new_exports: JsProxy, n: int) -> None:
    """Makes the threaded instance ``new_exports`` (from :func:`load_threads`, with ``n`` workers) the
    package's instance for good."""
    global threaded, _thread_count
    _instantiate(new_exports)
    threaded, _thread_count = True, n


exports: JsProxy
helpers: JsProxy
call_small: JsProxy
stage_one: JsProxy
stage_many: JsProxy
region_view: JsProxy
region_new: JsProxy
_instantiate()
