"""Inputs are never modified, and results are Python objects that later calls cannot change.

Every function taking arrays, matrices, images or strings is called with lists, tuples,
``array.array``, ``memoryview``, ``bytearray`` and JS typed arrays (nested lists, rows of buffers
and 2-D memoryviews for matrices). Afterwards every input holds exactly what it held before, and a
first result is unchanged by a second call of the same shapes (which reuses the same scratch
regions of the wasm memory) with other values."""

import array
import inspect
import math

import js
import pytest

import fastwasm
from fastwasm._runtime import JsProxy

# NaN, -0.0, infinities, duplicates and unsorted values: an in-place sort or clamp would show.
X = [3.0, -0.0, math.nan, 1e300, -2.5, 3.0, math.inf, 0.25, -math.inf, 7.0]
FINITE = [3.0, -0.0, 1.5, -2.5, 3.0, 0.25, 7.0, -1.0, 4.0]
M = [[0.0, 1.0, 2.0], [3.0, 1.0, 4.0], [5.0, 6.0, 0.0]]
IMG = [10, 200, 30, 255, 250, 5, 60, 128, 0, 0, 0, 7, 90, 91, 255, 33, 1, 2, 3, 4, 255, 255, 255, 0]
TEXT = "The cat, the hat; THE end"


def grid(rows):
    """A C-contiguous 2-D float64 memoryview of ``rows``."""
    flat = array.array("d", [v for row in rows for v in row])
    return memoryview(flat).cast("B").cast("d", (len(rows), len(rows[0])))


# representation -> (floats, matrix, image): how each kind of input is made from plain values.
REPRESENTATIONS = {
    "lists": (list, lambda m: [list(r) for r in m], list),
    "tuples": (tuple, lambda m: tuple(tuple(r) for r in m), bytes),
    "array.array": (lambda v: array.array("d", v), lambda m: [array.array("d", r) for r in m], lambda v: array.array("B", v)),
    "memoryview": (lambda v: memoryview(array.array("d", v)), grid, lambda v: memoryview(bytearray(v))),
    "bytearray and JS typed arrays": (js.Float64Array.new, lambda m: [js.Float64Array.new(r) for r in m], bytearray),
}  # fmt: skip

# function -> (floats, matrix, image) -> arguments
CALLS = {
    "argmax": lambda f, m, b: (f(X),),
    "argmin": lambda f, m, b: (f(X),),
    "argsort": lambda f, m, b: (f(X),),
    "convolve": lambda f, m, b: (f(FINITE), f([1.0, -2.0, 0.5]), "same"),
    "cumsum": lambda f, m, b: (f(X),),
    "det": lambda f, m, b: (m(M),),
    "dot": lambda f, m, b: (f(X), f(X[::-1])),
    "fft": lambda f, m, b: (f(FINITE),),
    "gaussian_blur": lambda f, m, b: (b(IMG), 3, 2, 1.5),
    "grayscale": lambda f, m, b: (b(IMG), 3, 2),
    "histogram": lambda f, m, b: (f(X), 3, (-5.0, 5.0)),
    "ifft": lambda f, m, b: (f(FINITE),),
    "inv": lambda f, m, b: (m(M),),
    "levenshtein": lambda f, m, b: ("kitten", "sitting"),
    "matmul": lambda f, m, b: (m(M[:2]), m(M)),
    "max": lambda f, m, b: (f(X),),
    "mean": lambda f, m, b: (f(X),),
    "median": lambda f, m, b: (f(X),),
    "min": lambda f, m, b: (f(X),),
    "moving_average": lambda f, m, b: (f(FINITE), 3),
    "norm": lambda f, m, b: (f(FINITE),),
    "quantile": lambda f, m, b: (f(X), 0.3),
    "sobel": lambda f, m, b: (b(IMG), 2, 3),
    "solve": lambda f, m, b: (m(M), f([1.0, -2.0, 0.5])),
    "sort": lambda f, m, b: (f(X),),
    "std": lambda f, m, b: (f(FINITE), 1),
    "sum": lambda f, m, b: (f(X),),
    "transpose": lambda f, m, b: (m(M[:2]),),
    "unique": lambda f, m, b: (f(X),),
    "var": lambda f, m, b: (f(FINITE),),
    "word_counts": lambda f, m, b: (TEXT, 2),
}


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


def change(v):
    """Another value of the same kind: a float v becomes 1 - 2v, an image byte b (1 - 2b) % 256."""
    return 1.0 - 2.0 * v if isinstance(v, float) else (1 - 2 * v) % 256


@pytest.mark.parametrize("representation", list(REPRESENTATIONS))
@pytest.mark.parametrize("func", list(CALLS))
def test_inputs_unchanged_and_results_independent(func, representation):
    floats, matrix, image = REPRESENTATIONS[representation]
    args = CALLS[func](floats, matrix, image)
    before = [snapshot(a) for a in args]
    result = getattr(fastwasm, func)(*args)
    assert [snapshot(a) for a in args] == before, f"{func} modified its input"
    assert_plain_python(result, func)
    first = snapshot(result)

    # The same shapes with other values, through the same scratch regions.
    def f(v):
        return floats([change(x) for x in v])

    def m(rows):
        return matrix([[change(x) for x in r] for r in rows])

    def b(v):
        return image([change(x) for x in v])

    other = getattr(fastwasm, func)(*CALLS[func](f, m, b))
    assert snapshot(result) == first, f"the first {func} result changed after a second call"
    if func not in ("levenshtein", "word_counts") and isinstance(result, (list, tuple, array.array, bytearray)):
        assert snapshot(other) != first, "the second call must see other values"


def test_complex_and_nested_inputs_unchanged():
    x = [1 + 2j, -0.0, math.nan, 3j]
    rows = [[1.0, 2.0], [3.0, -0.0]]
    inputs = (x, rows, [list(r) for r in rows])
    before = snapshot(inputs)
    fastwasm.fft(x)
    fastwasm.ifft(x)
    fastwasm.matmul(rows, rows)
    fastwasm.transpose(inputs[2])
    assert snapshot(inputs) == before


def test_every_function_with_array_image_or_string_arguments_is_covered():
    scalar_only = {"mandelbrot", "primes"}
    functions = {name for name in fastwasm.__all__ if inspect.isfunction(getattr(fastwasm, name))}
    assert set(CALLS) | scalar_only == functions


def test_scalar_only_results_are_independent():
    primes = fastwasm.primes(50)
    image = fastwasm.mandelbrot(4, 3, -2.0, 1.0, -1.0, 1.0, 20)
    before = snapshot((primes, image))
    assert_plain_python(primes, "primes")
    assert_plain_python(image, "mandelbrot")
    fastwasm.primes(1000)
    fastwasm.mandelbrot(4, 3, -1.0, 0.0, 0.0, 1.0, 50)
    assert snapshot((primes, image)) == before
