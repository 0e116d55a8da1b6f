"""Which backend the Python tests run on, for the test modules of this directory.

The same test files run inside Pyodide (``node tests/python/run.mjs``: the WebAssembly backend)
and on CPython (``python -m pytest tests/python``: the native extension). A test about something
only the WebAssembly backend has (JS values as inputs, the wasm memory and its staging regions,
traps and re-instantiation) carries the mark ``wasm_only(reason)``, one about the extension module
``native_only(reason)``; everything else runs on both.

On CPython the JS names (``js``, ``run_js``, ``JsProxy``, ``JsException``) are stand-ins that no
value is an instance of, so that modules importing them collect; only code that runs under
Pyodide uses them. (test_leaks.py reads ``fastwasm.backend`` itself: the Pyodide workers of
tests/e2e load it without this module.)
"""

import pytest

import fastwasm

#: ``"wasm"`` under Pyodide, ``"native"`` on CPython.
BACKEND = fastwasm.backend
WASM = BACKEND == "wasm"
NATIVE = BACKEND == "native"


def wasm_only(reason):
    """A mark that skips a test (or a ``pytest.param``) on the native backend, saying why it is
    about the WebAssembly backend only."""
    return pytest.mark.skipif(not WASM, reason=f"WebAssembly backend only: {reason}")


def native_only(reason):
    """A mark that skips a test under Pyodide, saying why it is about the native backend only."""
    return pytest.mark.skipif(not NATIVE, reason=f"native backend only: {reason}")


#: What the backend's exports raise for a kernel error: a JS exception under Pyodide, the
#: extension's ``fastwasm._native.KernelError`` on CPython (fastwasm re-raises it as a Python
#: error with nothing chained).
KernelError = fastwasm._backend.runtime.JsException

if WASM:
    import js
    from pyodide.code import run_js
    from pyodide.ffi import JsException, JsProxy
else:
    js = None
    run_js = None

    class JsProxy:
        """No JS objects exist on CPython: nothing is an instance of this class."""

    class JsException(Exception):
        """No JS exceptions exist on CPython: nothing raises this class."""


__all__ = ["BACKEND", "NATIVE", "WASM", "JsException", "JsProxy", "KernelError", "js", "native_only", "run_js", "wasm_only"]
