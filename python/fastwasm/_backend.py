"""Which backend runs the kernels: the WebAssembly module under Pyodide, the native extension on
CPython. Both are modules with the protocol of :mod:`._runtime`; the rest of the package uses
``runtime`` and never asks which one it is, except where a backend-only fast path applies
(``runtime.ZERO_COPY``)."""

import sys

if sys.platform == "emscripten":
    from . import _runtime as runtime

    #: ``"wasm"`` under Pyodide, ``"native"`` on CPython.
    name = "wasm"
else:
    from . import _native_runtime as runtime

    name = "native"

__all__ = ["name", "runtime"]
