"""Input kinds the catalogue functions accept and result types that mirror them: sequences give
lists, buffers give array.array (bytearray for images), numpy arrays give numpy arrays."""

import array
import random
import statistics
import sys

import pytest
from backends import WASM, js, wasm_only

import fastwasm
import stand_in_numpy
from stand_in_numpy import FakeArray

VALUES = [3.0, -1.5, 2.0, 0.25]
# Inputs that are JS values (typed arrays, arrays) exist only under Pyodide.
JS = wasm_only("a JS value as input")

ONE_D_KINDS = [
    pytest.param(list, "list", id="list"),
    pytest.param(tuple, "list", id="tuple"),
    pytest.param(lambda v: (x for x in v), "list", id="generator"),
    pytest.param(lambda v: js.Array.from_(v), "list", id="js-Array", marks=JS),
    pytest.param(lambda v: array.array("d", v), "buffer", id="array-d"),
    pytest.param(lambda v: array.array("f", v), "buffer", id="array-f"),
    pytest.param(lambda v: memoryview(array.array("d", v)), "buffer", id="memoryview"),
    pytest.param(lambda v: memoryview(array.array("d", [x for x in v for _ in (0, 1)]))[::2], "buffer", id="strided"),
    pytest.param(lambda v: js.Float64Array.new(v), "buffer", id="js-Float64Array", marks=JS),
]


def as_list(result, kind, typecode="d"):
    if kind == "list":
        assert type(result) is list
    else:
        assert type(result) is array.array and result.typecode == typecode
    return list(result)


@pytest.mark.parametrize(("make", "kind"), ONE_D_KINDS)
def test_one_d_results_mirror_the_input(make, kind):
    assert as_list(fastwasm.cumsum(make(VALUES)), kind) == [3.0, 1.5, 3.5, 3.75]
    assert as_list(fastwasm.sort(make(VALUES)), kind) == sorted(VALUES)
    assert as_list(fastwasm.unique(make(VALUES + VALUES)), kind) == sorted(VALUES)
    assert as_list(fastwasm.argsort(make(VALUES)), kind, "I") == [1, 3, 2, 0]
    assert as_list(fastwasm.moving_average(make(VALUES), 2), kind) == [0.75, 0.25, 1.125]
    assert as_list(fastwasm.convolve(make(VALUES), [1.0], "same"), kind) == VALUES
    counts, edges = fastwasm.histogram(make(VALUES), 3, range=(-1.5, 3.0))
    assert as_list(counts, kind, "I") == [1, 1, 2]
    assert as_list(edges, kind) == [-1.5, 0.0, 1.5, 3.0]
    assert fastwasm.solve([[2, 0], [0, 4]], make(VALUES[:2])) == (
        [1.5, -0.375] if kind == "list" else array.array("d", [1.5, -0.375])
    )
    # Scalars are plain Python numbers whatever the input kind.
    assert type(fastwasm.var(make(VALUES))) is float
    assert type(fastwasm.argmax(make(VALUES))) is int
    assert fastwasm.median(make(VALUES)) == 1.125
    assert fastwasm.quantile(make(VALUES), 1) == 3.0


def test_range_and_integer_buffers():
    assert fastwasm.cumsum(range(4)) == [0.0, 1.0, 3.0, 6.0]
    assert fastwasm.sort(array.array("i", [3, -1, 2])) == array.array("d", [-1.0, 2.0, 3.0])
    assert fastwasm.argsort(bytearray([5, 1, 3])) == array.array("I", [1, 2, 0])
    assert fastwasm.max(array.array("B", [1, 200, 3])) == 200.0


def test_inputs_are_not_modified():
    x = array.array("d", [3.0, 1.0, 2.0])
    a = [[1.0, 2.0], [3.0, 4.0]]
    img = bytearray(range(16))
    fastwasm.sort(x)
    fastwasm.inv(a)
    fastwasm.grayscale(img, 2, 2)
    assert x.tolist() == [3.0, 1.0, 2.0]
    assert a == [[1.0, 2.0], [3.0, 4.0]]
    assert img == bytearray(range(16))


MATRIX = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
MATRIX_KINDS = [
    pytest.param(lambda m: m, id="lists"),
    pytest.param(lambda m: tuple(tuple(r) for r in m), id="tuples"),
    pytest.param(lambda m: (r for r in m), id="generator-of-rows"),
    pytest.param(lambda m: [array.array("d", r) for r in m], id="array-rows"),
    pytest.param(lambda m: [range(int(r[0]), int(r[0]) + 3) for r in m], id="range-rows"),
    pytest.param(lambda m: memoryview(array.array("d", sum(m, []))).cast("B").cast("d", (2, 3)), id="memoryview-2d"),
    pytest.param(lambda m: memoryview(array.array("q", [int(v) for v in sum(m, [])])).cast("B").cast("q", (2, 3)),
                 id="memoryview-2d-int"),
    pytest.param(lambda m: js.JSON.parse(str(m)), id="js-nested-Array", marks=JS),
]


@pytest.mark.parametrize("make", MATRIX_KINDS)
def test_matrix_input_kinds(make):
    assert fastwasm.transpose(make(MATRIX)) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    assert fastwasm.matmul(make(MATRIX), [[1], [0], [1]]) == [[4.0], [10.0]]
    result = fastwasm.matmul([[1, 1]], make(MATRIX))
    assert result == [[5.0, 7.0, 9.0]]
    assert all(type(v) is float for v in result[0])


def test_square_matrix_from_a_2d_buffer():
    buf = memoryview(array.array("d", [4, 7, 2, 6])).cast("B").cast("d", (2, 2))
    assert fastwasm.det(buf) == pytest.approx(10.0)
    inv = fastwasm.inv(buf)
    assert [[round(v, 12) for v in row] for row in inv] == [[0.6, -0.7], [-0.2, 0.4]]
    assert fastwasm.solve(buf, [1, 2]) == pytest.approx([-0.8, 0.6])


def test_complex_input_kinds():
    expected = [6 + 0j, -2 + 2j, -2 + 0j, -2 - 2j]
    inputs = [[0, 1, 2, 3], (0.0, 1.0, 2.0, 3.0), range(4), array.array("d", range(4)),
              memoryview(array.array("i", range(4))), [0j, 1 + 0j, 2, 3.0]]  # fmt: skip
    if WASM:
        inputs.append(js.Float64Array.new([0, 1, 2, 3]))
    for x in inputs:
        result = fastwasm.fft(x)
        assert type(result) is list
        assert [complex(round(v.real, 12), round(v.imag, 12)) for v in result] == expected
    back = fastwasm.ifft(iter(expected))
    assert [complex(round(v.real, 12), round(v.imag, 12)) for v in back] == [0, 1, 2, 3]


IMAGE = bytes([10, 20, 30, 255, 200, 100, 0, 128])
GRAY = bytearray([18, 18, 18, 255, 119, 119, 119, 128])


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(bytes, id="bytes"),
        pytest.param(bytearray, id="bytearray"),
        pytest.param(memoryview, id="memoryview"),
        pytest.param(lambda b: memoryview(b).cast("B", (2, 4)), id="memoryview-2d"),
        pytest.param(lambda b: memoryview(bytes(x for x in b for _ in (0, 1)))[::2], id="strided"),
        pytest.param(lambda b: memoryview(b).cast("c"), id="memoryview-c"),
        pytest.param(lambda b: array.array("B", b), id="array-B"),
        pytest.param(list, id="list-of-ints"),
        pytest.param(lambda b: (x for x in b), id="generator"),
        pytest.param(lambda b: js.Uint8ClampedArray.new(list(b)), id="js-Uint8ClampedArray", marks=JS),
        pytest.param(lambda b: js.Uint8Array.new(list(b)), id="js-Uint8Array", marks=JS),
    ],
)
def test_image_input_kinds(make):
    result = fastwasm.grayscale(make(IMAGE), 2, 1)
    assert type(result) is bytearray
    assert result == GRAY
    assert type(fastwasm.sobel(make(IMAGE), 1, 2)) is bytearray
    assert fastwasm.gaussian_blur(make(IMAGE), 2, 1, 0.01) == bytearray(IMAGE)


def test_large_inputs_grow_memory_and_shrink_again():
    rng = random.Random(3)
    big = [rng.random() for _ in range(1_000_000)]
    assert fastwasm.sort(big)[:3] == sorted(big)[:3]
    assert fastwasm.argmax(big) == big.index(max(big))
    img = bytes(rng.randrange(256) for _ in range(4 * 700 * 500))
    gray = fastwasm.grayscale(img, 700, 500)
    assert len(gray) == len(img) and gray[3::4] == img[3::4]
    n = 120
    a = [[float(i == j) * 3 for j in range(n)] for i in range(n)]
    assert fastwasm.det(a) == pytest.approx(3.0**n)
    # Back to small inputs: cached views must follow the new memory.
    assert fastwasm.cumsum([1, 2]) == [1.0, 3.0]
    assert fastwasm.grayscale(IMAGE, 2, 1) == GRAY
    assert fastwasm.matmul([[2]], [[3]]) == [[6.0]]


# --- numpy -----------------------------------------------------------------------------------


@pytest.fixture
def fake_numpy(monkeypatch):
    np = stand_in_numpy.module()
    monkeypatch.setitem(sys.modules, "numpy", np)
    return np


def test_numpy_one_d_results(fake_numpy):
    x = FakeArray(VALUES)
    result = fastwasm.sort(x)
    assert type(result) is FakeArray and result.dtype == "float64" and result.shape == (4,)
    assert result.data == sorted(VALUES)
    order = fastwasm.argsort(x)
    assert order.dtype == "intp" and order.data == [1, 3, 2, 0]
    counts, edges = fastwasm.histogram(x, 3, (-1.5, 3.0))
    assert counts.dtype == "int64" and counts.data == [1, 1, 2]
    assert edges.dtype == "float64" and edges.data == [-1.5, 0.0, 1.5, 3.0]
    # One numpy input is enough for a numpy result.
    assert type(fastwasm.convolve([1.0, 2.0], FakeArray([1.0]))) is FakeArray
    assert type(fastwasm.solve([[1, 0], [0, 1]], FakeArray([1, 2]))) is FakeArray
    assert type(fastwasm.solve(FakeArray([1.0], (1, 1)), [5.0])) is FakeArray
    assert fastwasm.var(x) == statistics.pvariance(VALUES) and type(fastwasm.var(x)) is float
    with pytest.raises(ValueError, match=r"^cumsum: x must be 1-dimensional, got 2 dimensions$"):
        fastwasm.cumsum(FakeArray(VALUES, (2, 2)))


def test_numpy_matrices(fake_numpy):
    a = FakeArray([1, 2, 3, 4, 5, 6], (2, 3))
    t = fastwasm.transpose(a)
    assert type(t) is FakeArray and t.shape == (3, 2) and t.data == [1.0, 4.0, 2.0, 5.0, 3.0, 6.0]
    p = fastwasm.matmul(a, [[1], [1], [1]])
    assert type(p) is FakeArray and p.shape == (2, 1) and p.data == [6.0, 15.0]
    assert fastwasm.matmul(MATRIX, [[1], [1], [1]]) == [[6.0], [15.0]]  # no numpy input: lists
    assert fastwasm.det(FakeArray([2, 0, 0, 3], (2, 2))) == 6.0
    inv = fastwasm.inv(FakeArray([2, 0, 0, 4], (2, 2)))
    assert inv.shape == (2, 2) and inv.data == [0.5, 0.0, 0.0, 0.25]
    with pytest.raises(ValueError, match=r"^det: a must be 2-dimensional, got 1 dimensions$"):
        fastwasm.det(FakeArray([1.0]))
    with pytest.raises(ValueError, match=r"^inv: a must be square, got 2x3$"):
        fastwasm.inv(a)


def test_numpy_complex(fake_numpy):
    x = FakeArray([1 + 1j, 0j, 0j, 0j], dtype="complex128")
    result = fastwasm.fft(x)
    assert type(result) is FakeArray and result.dtype == "complex128"
    assert result.data == [1 + 1j] * 4
    back = fastwasm.ifft(result)
    assert back.dtype == "complex128" and back.data == [1 + 1j, 0j, 0j, 0j]
    real = fastwasm.fft(FakeArray([1.0, 1.0]))
    assert real.dtype == "complex128" and real.data == [2 + 0j, 0j]


def test_numpy_images(fake_numpy):
    img = FakeArray(IMAGE, (1, 2, 4), "uint8")
    result = fastwasm.grayscale(img, 2, 1)
    assert type(result) is FakeArray and result.dtype == "uint8" and result.shape == (1, 2, 4)
    assert bytearray(result.data) == GRAY
    assert fastwasm.sobel(img, 2, 1).shape == (1, 2, 4)
    with pytest.raises(TypeError, match=r"^grayscale: rgba must be a uint8 array, got dtype float64$"):
        fastwasm.grayscale(FakeArray([0.0] * 8, (2, 4)), 2, 1)


def test_real_numpy():
    np = pytest.importorskip("numpy")
    x = np.array(VALUES)
    assert np.array_equal(fastwasm.sort(x), np.sort(x))
    assert fastwasm.argsort(x).dtype == np.argsort(x).dtype
    counts, edges = fastwasm.histogram(x, 3)
    want_counts, want_edges = np.histogram(x, 3)
    assert np.array_equal(counts, want_counts) and np.allclose(edges, want_edges)
    a = np.arange(6.0).reshape(2, 3)
    assert np.allclose(fastwasm.matmul(a, a.T), a @ a.T)
    assert np.allclose(fastwasm.fft(x), np.fft.fft(x))
    img = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    assert fastwasm.grayscale(img, 3, 2).shape == (2, 3, 4)
