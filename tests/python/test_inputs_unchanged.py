"""Inputs are never modified, and results are Python objects that later calls cannot change, from the
cross-language table tests/fixtures/inputs-unchanged.json (made by tests/fixtures/make_tables.py;
tests/js/inputs-unchanged.test.mjs runs the same table in JS).

Every function taking arrays, matrices, images or strings is called with its inputs in each
representation of the table: lists, tuples, ``array.array``, ``memoryview``, ``bytearray`` and JS
typed arrays (nested lists, rows of buffers and 2-D memoryviews for matrices). Afterwards every
input holds exactly what it held before, and a first result is unchanged by a second call of the
same shapes (which reuses the same scratch regions of the wasm memory) with other values."""

import array
import inspect

import pytest
import table
from backends import WASM, JsProxy, js

import fastwasm

TABLE = table.load("inputs-unchanged.json")


def grid(rows):
    """A C-contiguous 2-D float64 memoryview of ``rows``."""
    flat = array.array("d", [v for row in rows for v in row])
    return memoryview(flat).cast("B").cast("d", (len(rows), len(rows[0])))


# How each kind of input is made from plain values, by the names the table's representations use.
MAKERS = {
    "floats": {
        "list": list,
        "tuple": tuple,
        "array('d')": lambda v: array.array("d", v),
        "array('f')": lambda v: array.array("f", v),
        "memoryview": lambda v: memoryview(array.array("d", v)),
        "Float64Array": lambda v: js.Float64Array.new(v),
    },
    "matrix": {
        "list of lists": lambda m: [list(r) for r in m],
        "tuple of tuples": lambda m: tuple(tuple(r) for r in m),
        "list of array('d')": lambda m: [array.array("d", r) for r in m],
        "list of array('f')": lambda m: [array.array("f", r) for r in m],
        "2-D memoryview": grid,
        "list of Float64Array": lambda m: [js.Float64Array.new(r) for r in m],
    },
    "bytes": {
        "list": list,
        "bytes": bytes,
        "array('B')": lambda v: array.array("B", v),
        "memoryview of bytearray": lambda v: memoryview(bytearray(v)),
        "bytearray": bytearray,
    },
}
# The makers of JS values, which exist only under Pyodide.
JS_MAKERS = {"Float64Array", "list of Float64Array"}
REPRESENTATIONS = TABLE["representations"]["py"]
# Python name -> tagged arguments
CALLS = {table.python_name(name, call): table.for_py(call)["args"] for name, call in TABLE["calls"].items()}
CALLS = {name: args for name, args in CALLS.items() if name is not None}


def values_of(ref):
    """The values of an input: a literal list, or the name of one of the table's ``values``."""
    return table.decode(TABLE["values"][ref] if isinstance(ref, str) else ref)


def change(v):
    """Another value of the same kind: a float v becomes 1 - 2v, an image byte b (1 - 2b) % 256."""
    return 1.0 - 2.0 * v if isinstance(v, float) else (1 - 2 * v) % 256


def arguments_for(func, representation, transform=lambda v: v):
    """The arguments of ``func`` in ``representation``, input values transformed by ``transform``;
    and whether any input was made (rather than passed as a literal)."""
    made = False

    def make(arg):
        nonlocal made
        if isinstance(arg, dict) and "$" not in arg:
            ((kind, ref),) = arg.items()
            maker_name = REPRESENTATIONS[representation][kind]
            if maker_name in JS_MAKERS and not WASM:
                pytest.skip(f"WebAssembly backend only: a JS typed array as input ({maker_name})")
            maker = MAKERS[kind][maker_name]
            values = values_of(ref)
            made = True
            if kind == "matrix":
                return maker([[transform(x) for x in row] for row in values])
            return maker([transform(x) for x in values])
        return table.decode(arg)

    args = tuple(make(arg) for arg in CALLS[func])
    return args, made


def snapshot(x):
    """Everything observable about an input or result, in plain, comparable Python values
    (``repr`` keeps NaN and -0.0 apart)."""
    if isinstance(x, JsProxy):
        return ("js", str(x.constructor.name), x.to_bytes().hex())
    if isinstance(x, memoryview):
        return ("memoryview", x.format, x.shape, x.tobytes().hex())
    if isinstance(x, array.array):
        return ("array", x.typecode, x.tobytes().hex())
    if isinstance(x, (bytes, bytearray)):
        return (type(x).__name__, bytes(x).hex())
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [snapshot(v) for v in x])
    return (type(x).__name__, repr(x))


def assert_plain_python(result, where):
    """Results hold no JS proxies and no views (memoryviews) on foreign memory."""
    assert not isinstance(result, (JsProxy, memoryview)), f"{where}: {type(result)}"
    if isinstance(result, (list, tuple)):
        for i, v in enumerate(result):
            assert_plain_python(v, f"{where}[{i}]")


@pytest.mark.parametrize("representation", list(REPRESENTATIONS))
@pytest.mark.parametrize("func", list(CALLS))
def test_inputs_unchanged_and_results_independent(func, representation):
    args, made = arguments_for(func, representation)
    before = [snapshot(a) for a in args]
    result = getattr(fastwasm, func)(*args)
    assert [snapshot(a) for a in args] == before, f"{func} modified its input"
    assert_plain_python(result, func)
    first = snapshot(result)

    # The same shapes with other values, through the same scratch regions.
    other = getattr(fastwasm, func)(*arguments_for(func, representation, change)[0])
    assert_plain_python(other, f"second {func}")
    assert snapshot(result) == first, f"the first {func} result changed after a second call"
    if made and isinstance(result, (list, tuple, array.array, bytearray)):
        assert snapshot(other) != first, "the second call must see other values"


def test_complex_and_nested_inputs_unchanged():
    nested = TABLE["nested"]["py"]
    inputs = table.decode(nested["inputs"])
    before = snapshot(inputs)
    for func, *indices in nested["calls"]:
        getattr(fastwasm, func)(*(inputs[i] for i in indices))
    assert snapshot(inputs) == before


def test_every_function_with_array_image_or_string_arguments_is_covered():
    scalar_only = set(TABLE["scalar_only"])
    functions = {name for name in fastwasm.__all__ if inspect.isfunction(getattr(fastwasm, name))}
    assert set(CALLS) | scalar_only | set(TABLE["not_kernels"]["py"]) == functions


def test_scalar_only_results_are_independent():
    calls = {name: table.for_py(call) for name, call in TABLE["scalar_only"].items()}
    results = {name: getattr(fastwasm, name)(*table.decode(call["args"])) for name, call in calls.items()}
    before = snapshot(list(results.values()))
    for name, result in results.items():
        assert_plain_python(result, name)
    for name, call in calls.items():
        getattr(fastwasm, name)(*table.decode(call["other"]))
    assert snapshot(list(results.values())) == before
