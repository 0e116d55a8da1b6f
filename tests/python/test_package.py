"""Packaging and import behaviour: public names, docs, type hints, no global side effects."""

import builtins
import importlib.metadata
import importlib.util
import inspect
import re
import sys
import typing
from pathlib import Path

import js
import pytest

import fastwasm

FUNCTIONS = ["dot", "mandelbrot", "mean", "primes", "sum"]


def test_all_lists_the_functions():
    assert set(FUNCTIONS) <= set(fastwasm.__all__)
    for name in fastwasm.__all__:
        assert hasattr(fastwasm, name), name


def test_no_other_public_names():
    public = {name for name in vars(fastwasm) if not name.startswith("_")}
    assert public == set(fastwasm.__all__) - {"__version__"}


def test_version_matches_installed_metadata():
    # The version is defined in Cargo.toml; tests/js/dts.test.mjs checks the wheel's name carries it.
    assert re.fullmatch(r"\d+\.\d+\.\d+", fastwasm.__version__)
    assert importlib.metadata.version("fastwasm") == fastwasm.__version__


def test_imported_from_the_installed_wheel():
    package_dir = Path(fastwasm.__file__).parent
    assert "site-packages" in package_dir.parts
    for name in ("fastwasm_bg.wasm", "fastwasm_glue.js", "py.typed"):
        assert (package_dir / name).is_file(), name
    assert (package_dir / "fastwasm_bg.wasm").read_bytes()[:4] == b"\0asm"
    files = {str(f) for f in importlib.metadata.files("fastwasm")}
    assert {"fastwasm/fastwasm_bg.wasm", "fastwasm/fastwasm_glue.js", "fastwasm/py.typed"} <= files


def test_import_does_not_pollute_globals():
    # Neither the JS global scope nor Python builtins gain anything from the import.
    js_globals = set(js.Object.getOwnPropertyNames(js.globalThis))
    assert "wasm_bindgen" not in js_globals
    assert not any("fastwasm" in name for name in js_globals)
    assert builtins.sum is not fastwasm.sum
    assert builtins.sum([1, 2]) == 3
    assert "numpy" not in sys.modules or not sys.modules["numpy"].__name__.startswith("fastwasm")


def test_import_does_not_import_numpy():
    # numpy must only ever be used, never imported, by fastwasm.
    source = "\n".join(
        Path(fastwasm.__file__).with_name(name).read_text()
        for name in ("__init__.py", "_convert.py", "_runtime.py")
    )
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


def test_import_outside_pyodide_raises_import_error(monkeypatch):
    # Load a second copy of the runtime module as if on a non-Pyodide platform.
    path = Path(fastwasm.__file__).with_name("_runtime.py")
    spec = importlib.util.spec_from_file_location("fastwasm_runtime_copy", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(ImportError, match="fastwasm needs Pyodide"):
        spec.loader.exec_module(module)
