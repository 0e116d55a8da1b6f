"""Accepted input kinds, result types, and inputs large enough to grow the wasm memory."""

import array
import math
import random
import sys
import types
from fractions import Fraction

import pytest
from backends import js, wasm_only

import fastwasm

VALUES = [1.5, -2.0, 3.25, 10.0]
EXPECTED_SUM = 12.75


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(list, id="list"),
        pytest.param(tuple, id="tuple"),
        pytest.param(lambda v: (x for x in v), id="generator"),
        pytest.param(lambda v: iter(v), id="iterator"),
        pytest.param(lambda v: array.array("d", v), id="array-d"),
        pytest.param(lambda v: array.array("f", v), id="array-f"),
        pytest.param(lambda v: memoryview(array.array("d", v)), id="memoryview-d"),
        pytest.param(lambda v: memoryview(array.array("d", v)).cast("B").cast("d"), id="memoryview-cast"),
        pytest.param(lambda v: [Fraction(x) for x in v], id="fractions"),
        pytest.param(lambda v: js.Float64Array.new(v), id="js-Float64Array", marks=wasm_only("a JS value as input")),
        pytest.param(lambda v: js.Array.from_(v), id="js-Array", marks=wasm_only("a JS value as input")),
    ],
)
def test_float_input_kinds(make):
    assert fastwasm.sum(make(VALUES)) == EXPECTED_SUM
    assert fastwasm.mean(make(VALUES)) == EXPECTED_SUM / 4
    assert fastwasm.dot(make(VALUES), make(VALUES)) == math.fsum(v * v for v in VALUES)


def test_range_input():
    assert fastwasm.sum(range(10)) == 45.0
    assert fastwasm.mean(range(0, 100, 10)) == 45.0
    assert fastwasm.dot(range(3), range(3, 6)) == 0 * 3 + 1 * 4 + 2 * 5


def test_integer_buffers_are_converted():
    ints = array.array("i", [1, -2, 3, 40])
    assert fastwasm.sum(ints) == 42.0
    assert fastwasm.sum(memoryview(ints)) == 42.0
    assert fastwasm.mean(array.array("q", [2, 4])) == 3.0
    assert fastwasm.dot(array.array("B", [1, 2]), array.array("h", [-3, 4])) == 5.0


def test_bytearray_is_a_buffer_of_byte_values():
    # Like np.asarray(bytearray(...)): the elements are the byte values.
    assert fastwasm.sum(bytearray([1, 2, 250])) == 253.0


def test_non_contiguous_memoryview():
    strided = memoryview(array.array("d", range(10)))[::3]  # 0, 3, 6, 9
    assert not strided.c_contiguous
    assert fastwasm.sum(strided) == 18.0


def test_mixed_int_float_and_bool_sequence():
    assert fastwasm.sum([1, 2.5, True]) == 4.5


def test_result_types():
    assert type(fastwasm.sum([1, 2])) is float
    assert type(fastwasm.mean([1, 2])) is float
    assert type(fastwasm.dot([1], [2])) is float
    counts = fastwasm.mandelbrot(4, 2, -2.0, 1.0, -1.0, 1.0, 20)
    assert type(counts) is list and all(type(c) is int for c in counts)
    ps = fastwasm.primes(50)
    assert type(ps) is list and all(type(p) is int for p in ps)


def test_keyword_arguments():
    assert fastwasm.sum(x=[1, 2]) == 3.0
    assert fastwasm.dot(a=[1, 2], b=[3, 4]) == 11.0
    assert fastwasm.primes(n=10) == [2, 3, 5, 7]
    assert fastwasm.mandelbrot(
        w=2, h=1, x_min=-1.0, x_max=1.0, y_min=-0.5, y_max=0.5, max_iter=9
    ) == fastwasm.mandelbrot(2, 1, -1.0, 1.0, -0.5, 0.5, 9)


def test_one_million_floats():
    rng = random.Random(2024)
    x = array.array("d", (rng.random() for _ in range(1_000_000)))
    assert math.isclose(fastwasm.sum(x), math.fsum(x), rel_tol=1e-12)
    assert math.isclose(fastwasm.mean(x), math.fsum(x) / len(x), rel_tol=1e-12)
    assert math.isclose(fastwasm.dot(x, x), math.fsum(v * v for v in x), rel_tol=1e-12)
    assert fastwasm.sum(range(1_000_000)) == 1_000_000 * 999_999 / 2


def test_growing_and_shrinking_inputs():
    # Each larger input needs a bigger scratch region (and eventually more wasm memory); the
    # results must follow the new data, not stale views.
    for n in (10, 1_000, 100, 250_000, 10, 2_000_000, 3, 500_000):
        assert fastwasm.sum(range(n)) == n * (n - 1) / 2, n
        assert fastwasm.mean(range(1, n + 1)) == (n + 1) / 2, n


def test_dot_with_both_inputs_growing():
    # The second input's scratch region may grow the memory after the first was reserved.
    for n in (5, 300_000, 1_500_000, 7):
        assert fastwasm.dot([2.0] * n, range(n)) == n * (n - 1), n
        assert fastwasm.dot(range(n), [0.5] * n) == n * (n - 1) / 4, n


@wasm_only("grows the wasm memory under the cached views on it")
def test_same_size_input_after_memory_growth():
    # Same-sized calls reuse a cached view on the wasm memory. Growing the memory (here directly,
    # as any other user of the module could) detaches that view, so it must be recreated.
    memory = fastwasm._runtime.exports.wasmMemory()
    for grow_by in (1, 16):
        assert fastwasm.sum([1.0] * 1000) == 1000.0
        assert fastwasm.dot([1.0] * 1000, [1.0] * 1000) == 1000.0
        size = memory.buffer.byteLength
        memory.grow(grow_by)
        assert memory.buffer.byteLength == size + grow_by * 65536
        assert fastwasm.sum([2.0] * 1000) == 2000.0
        assert fastwasm.dot([3.0] * 1000, [0.5] * 1000) == 1500.0


def test_same_size_input_after_a_large_result():
    assert fastwasm.sum([1.0] * 1000) == 1000.0
    big = fastwasm.primes(20_000_000)
    assert len(big) == 1_270_607  # pi(2 * 10**7)
    assert fastwasm.sum([2.0] * 1000) == 2000.0


def test_numpy_arrays(monkeypatch):
    # numpy is optional and not available in every Pyodide; a stand-in module checks that numpy
    # arrays are recognised without importing numpy and converted with ascontiguousarray.
    calls = []

    class ndarray:
        __module__ = "numpy"

        def __init__(self, data, ndim=1):
            self.data = data
            self.ndim = ndim

    class contiguous(array.array):
        ndim = 1

    def ascontiguousarray(x, dtype=None):
        calls.append(dtype)
        result = contiguous("d", x.data)
        result.ndim = x.ndim
        return result

    fake_numpy = types.ModuleType("numpy")
    fake_numpy.float64 = "float64"
    fake_numpy.ascontiguousarray = ascontiguousarray
    monkeypatch.setitem(sys.modules, "numpy", fake_numpy)
    assert fastwasm.sum(ndarray([1, 2, 3])) == 6.0
    assert calls == ["float64"]
    with pytest.raises(ValueError, match=r"^sum: x must be 1-dimensional, got 2 dimensions$"):
        fastwasm.sum(ndarray([1, 2, 3, 4], ndim=2))
    with pytest.raises(TypeError, match=r"^sum: x must be a sequence of numbers or a buffer"):
        fastwasm.sum(ndarray([1.0], ndim=0))


def test_real_numpy_arrays():
    np = pytest.importorskip("numpy")
    x = np.arange(10, dtype=np.int32)
    assert fastwasm.sum(x) == 45.0
    assert fastwasm.sum(np.arange(20.0)[::2]) == float(np.arange(20.0)[::2].sum())
    assert fastwasm.dot(np.ones(5), np.arange(5.0)) == 10.0
    with pytest.raises(ValueError):
        fastwasm.sum(np.ones((2, 2)))


def _reference_reductions(v, ddof, q):
    """Pure-Python results of the reductions, for ``len(v) > ddof``."""
    n = len(v)
    mean = math.fsum(v) / n
    s = sorted(v)
    pos = q * (n - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    var = math.fsum((x - mean) ** 2 for x in v) / (n - ddof)
    return {
        "sum": math.fsum(v),
        "mean": mean,
        "min": min(v),
        "max": max(v),
        "argmin": v.index(min(v)),
        "argmax": v.index(max(v)),
        "norm": math.sqrt(math.fsum(x * x for x in v)),
        "median": (s[(n - 1) // 2] + s[n // 2]) / 2,
        "quantile": s[lo] + (s[hi] - s[lo]) * (pos - lo),
        "var": var,
        "std": math.sqrt(var),
    }


@pytest.mark.parametrize("kind", ["list", "array"])
def test_reductions_agree_on_both_sides_of_the_short_input_path(kind):
    # Inputs of up to 16 floats cross together with the call (one JS call); longer ones through a
    # scratch view. Both must give the same answers, for every reduction and its extra argument.
    rng = random.Random(7)
    for n in range(2, 40):  # var/std with ddof=1 need two values
        v = [rng.uniform(-100, 100) for _ in range(n)]
        x = v if kind == "list" else array.array("d", v)
        expected = _reference_reductions(v, 1, 0.3)
        got = {
            "sum": fastwasm.sum(x),
            "mean": fastwasm.mean(x),
            "min": fastwasm.min(x),
            "max": fastwasm.max(x),
            "argmin": fastwasm.argmin(x),
            "argmax": fastwasm.argmax(x),
            "norm": fastwasm.norm(x),
            "median": fastwasm.median(x),
            "quantile": fastwasm.quantile(x, 0.3),
            "var": fastwasm.var(x, ddof=1),
            "std": fastwasm.std(x, ddof=1),
        }
        for name, want in expected.items():
            assert got[name] == pytest.approx(want, rel=1e-12, abs=1e-12), (name, n)


@pytest.mark.parametrize("n", [0, 1, 16, 17])
def test_reduction_errors_on_both_sides_of_the_short_input_path(n):
    with pytest.raises(ValueError, match=r"^quantile: q must be"):
        fastwasm.quantile([1.0] * n or [1.0], 1.5)
    if n == 0:
        with pytest.raises(ValueError, match=r"^mean: x must not be empty"):
            fastwasm.mean([])
    with pytest.raises(TypeError, match=r"^sum: x must contain only numbers"):
        fastwasm.sum(["a"] * (n or 1))
    assert fastwasm.sum([2.0] * n) == 2.0 * n
