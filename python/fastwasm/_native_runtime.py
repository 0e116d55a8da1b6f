"""The native backend on CPython: the kernels of ``fastwasm._native``, the extension module built
from the same kernels crate as the WebAssembly module, behind the protocol of :mod:`._runtime`.

The package's conversions, result kinds and error messages are shared by both backends; only
this protocol differs. Natively, array arguments are not staged: the extension reads each
buffer in place (``ZERO_COPY``) with the GIL released, array results are ``Region`` objects
(Rust-owned buffers) instead of region ids, and there is no instance to trap or re-instantiate.
"""

from __future__ import annotations

from typing import Any

from . import _native

__all__ = [
    "JsException",
    "JsProxy",
    "ZERO_COPY",
    "call_small",
    "dead",
    "default_thread_count",
    "f64_region",
    "fn",
    "instantiations",
    "is_trap",
    "poisoned",
    "region_new",
    "region_view",
    "thread_count",
    "threaded",
    "threads_unavailable",
    "to_js",
]

#: Array arguments are passed as the caller's buffers, read in place.
ZERO_COPY = True
#: The extension's error: ``kind``, ``argument`` and ``detail``, as the wasm build's JS errors.
JsException = _native.KernelError
#: No JS objects exist on CPython; nothing is an instance of this class.
JsProxy = type("JsProxy", (), {"__doc__": "Never instantiated on CPython."})
#: Only the wasm backend crosses short inputs together with the call.
call_small = None
#: ``f64_region(seq)``: a list or tuple of floats and ints as a float64 region, or None for
#: anything else (the package then uses ``array.array("d", seq)``).
f64_region = _native.f64_region
#: The extension module is loaded once and cannot trap: its generation never changes.
instantiations = 1
#: Calls marked by a nested trap: never any natively.
poisoned: list[Any] = []
#: The extension never traps, so it is never retired.
dead = None
#: The kernels always use rayon's pool (when the extension is built with threads).
threaded = bool(_native.THREADS)


def thread_count() -> int:
    """The size of rayon's pool (``RAYON_NUM_THREADS`` sets it). Asked only when needed: it starts
    the pool, whose threads a process forked afterwards would not have."""
    return _native.thread_count()


def threads_unavailable() -> str:
    """Why the kernels cannot use threads: only an extension built without them."""
    return "" if threaded else "this build of fastwasm's native extension has no threads"


def default_thread_count() -> int:
    """The size of rayon's pool."""
    return thread_count()


def to_js(value: Any) -> Any:
    """Identity: nothing crosses to JS natively."""
    return value


def is_trap(exc: BaseException) -> bool:
    """The native kernels cannot trap (they return errors, and a Rust panic is a Python
    ``PanicException``, not a trap)."""
    return False


class Exports:
    """The kernels under their export names (``fn.sum``, ``fn.gaussianBlur``, ...) and the region
    functions of the resident arrays, as :data:`._runtime.fn` has them."""

    def __init__(self) -> None:
        for name in dir(_native):
            if (not name.startswith("_") or name.startswith("__f32_")) and name != "f64_region":
                setattr(self, name, getattr(_native, name))
        setattr(self, "__fwRegionKind", _region_kind)
        setattr(self, "__fwRegionLength", len)
        setattr(self, "__fwRegionFree", _region_free)


def _region_kind(region: Any) -> int:
    return region.kind


def _region_free(region: Any) -> None:
    """Nothing to do: a region is freed when its last reference goes."""


#: The kernels under their export names.
fn = Exports()


class View:
    """What :func:`region_view` returns: a region's ``length``, and copies into it (``assign``)
    or out of it (``assign_to``), as a JS typed array proxy offers them under Pyodide."""

    __slots__ = ("_bytes", "length")

    def __init__(self, region: Any) -> None:
        self._bytes = memoryview(region).cast("B")
        self.length = len(region)

    def assign(self, buf: memoryview) -> None:
        """Copies ``buf`` (same element type and length) into the region."""
        self._bytes[:] = memoryview(buf).cast("B")

    def assign_to(self, out: Any) -> None:
        """Copies the region into ``out`` (same element type and length)."""
        memoryview(out).cast("B")[:] = self._bytes


def region_view(region: Any) -> View:
    """A view on a live region, as the wasm runtime's ``regionView(id)``."""
    return View(region)


def region_new(kind: int, length: int) -> tuple[Any, View]:
    """A new zeroed region of ``length`` elements of ``kind`` and a view to fill it, as the wasm
    runtime's ``regionNew(kind, length)``; raises the extension's error when it cannot be
    allocated."""
    region = _native.Region(kind, length)
    return region, View(region)
