"""Packaging and import behaviour: public names, docs, type hints, no global side effects, and which
backend a wheel carries (the Pyodide wheel the WebAssembly module, the native wheel the extension
module, both the same Python sources)."""

import builtins
import importlib
import importlib.metadata
import importlib.util
import inspect
import json
import re
import sys
import types
import typing
from pathlib import Path

import pytest
from backends import WASM, js, wasm_only

import fastwasm

FUNCTIONS = ["dot", "mandelbrot", "mean", "primes", "sum"]
# The package's sources, the same in both wheels.
SOURCES = ["__init__.py", "_backend.py", "_convert.py", "_native_runtime.py", "_resident.py", "_runtime.py",
           "_tracebacks.py"]  # fmt: skip


def test_all_lists_the_functions():
    assert set(FUNCTIONS) <= set(fastwasm.__all__)
    for name in fastwasm.__all__:
        assert hasattr(fastwasm, name), name


def test_no_other_public_names():
    # Submodules (fastwasm.dask) become attributes of the package once imported.
    public = {
        name
        for name, value in vars(fastwasm).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(fastwasm.__all__) - {"__version__"}


def test_version_matches_installed_metadata():
    # The version is defined in Cargo.toml; tests/js/dts.test.mjs checks the wheel's name carries it.
    assert re.fullmatch(r"\d+\.\d+\.\d+", fastwasm.__version__)
    assert importlib.metadata.version("fastwasm") == fastwasm.__version__


def test_imported_from_the_installed_wheel():
    package_dir = Path(fastwasm.__file__).parent
    assert "site-packages" in package_dir.parts
    files = {str(f) for f in importlib.metadata.files("fastwasm")}
    assert {f"fastwasm/{name}" for name in [*SOURCES, "py.typed"]} <= files
    native = {f for f in files if f.startswith("fastwasm/_native.")}
    if WASM:
        for name in ("fastwasm_bg.wasm", "fastwasm_glue.js", "py.typed"):
            assert (package_dir / name).is_file(), name
        assert (package_dir / "fastwasm_bg.wasm").read_bytes()[:4] == b"\0asm"
        assert {"fastwasm/fastwasm_bg.wasm", "fastwasm/fastwasm_glue.js"} <= files
        # The threaded build (fastwasm.enable_threads): pkg-mt's glue, its .wasm and the worker
        # helper the glue imports (absent from a `scripts/build.sh --quick` wheel).
        threads = {f for f in files if f.startswith("fastwasm/threads/")}
        assert {"fastwasm/threads/fastwasm_bg.wasm", "fastwasm/threads/fastwasm_glue.js"} <= threads, files
        helpers = [f for f in threads if f.startswith("fastwasm/threads/snippets/") and f.endswith(".js")]
        assert len(helpers) == 1 and "wasm-bindgen-rayon" in helpers[0], threads
        assert (package_dir / "threads" / "fastwasm_bg.wasm").read_bytes()[:4] == b"\0asm"
        assert native == set()
    else:
        # One extension module for every CPython from 3.11 on (the stable ABI), and none of the
        # WebAssembly files, which have no use on CPython.
        assert len(native) == 1 and native.pop().endswith((".abi3.so", ".pyd")), files
        assert not any(f.endswith((".wasm", ".js")) for f in files), files
        assert fastwasm._native.__file__.startswith(str(package_dir))


def test_backend_names_the_one_in_use():
    assert "backend" in fastwasm.__all__
    assert fastwasm.backend == ("wasm" if sys.platform == "emscripten" else "native")
    assert fastwasm._backend.runtime.__name__ == ("fastwasm._runtime" if WASM else "fastwasm._native_runtime")
    if not WASM:
        assert "fastwasm._runtime" not in sys.modules  # the native import never loads the wasm runtime


@wasm_only("the JS global scope")
def test_import_does_not_pollute_js_globals():
    js_globals = set(js.Object.getOwnPropertyNames(js.globalThis))
    assert "wasm_bindgen" not in js_globals
    assert not any("fastwasm" in name for name in js_globals)


def test_import_does_not_pollute_globals():
    # Python builtins gain nothing from the import (nor does the JS global scope, above).
    assert builtins.sum is not fastwasm.sum
    assert builtins.sum([1, 2]) == 3
    assert "numpy" not in sys.modules or not sys.modules["numpy"].__name__.startswith("fastwasm")


def test_import_does_not_import_numpy():
    # numpy must only ever be used, never imported, by fastwasm.
    source = "\n".join(Path(fastwasm.__file__).with_name(name).read_text() for name in SOURCES)
    assert "import numpy" not in source


@pytest.mark.parametrize("name", FUNCTIONS)
def test_functions_have_docstrings_and_type_hints(name):
    func = getattr(fastwasm, name)
    assert func.__doc__ and "numpy" in func.__doc__
    hints = typing.get_type_hints(func)
    params = inspect.signature(func).parameters
    assert set(params) | {"return"} == set(hints)


def test_return_type_hints():
    assert typing.get_type_hints(fastwasm.sum)["return"] is float
    assert typing.get_type_hints(fastwasm.primes)["return"] == list[int]
    assert typing.get_type_hints(fastwasm.mandelbrot)["return"] == list[int]


def test_the_wasm_runtime_outside_pyodide_raises_import_error(monkeypatch):
    # Load a second copy of the WebAssembly runtime module as if on a non-Pyodide platform (on
    # CPython it is one: ``import fastwasm`` takes the native backend there and never loads it).
    path = Path(fastwasm.__file__).with_name("_runtime.py")
    spec = importlib.util.spec_from_file_location("fastwasm_runtime_copy", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(ImportError, match="fastwasm needs Pyodide"):
        spec.loader.exec_module(module)


@wasm_only("the wasm runtime wraps its float64 exports")
def test_the_float_exports_wrapped_for_the_sign_of_zero_take_at_most_two_arguments():
    # The wrapper passes two arguments on (see _runtime._keep_zero_sign): every export with a
    # number result must take at most two.
    runtime = fastwasm._backend.runtime
    signatures = json.loads(runtime.exports.__fwSignatures())
    numbers = [name for name, signature in signatures.items() if signature["result"] == "number"]
    assert {"sum", "min", "det", "quantile"} <= set(numbers)
    for name in numbers:
        export = getattr(runtime.exports, name)
        assert export.length <= 2, name
        assert getattr(runtime.fn, name).name == export.name == name
