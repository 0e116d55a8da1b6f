"""fastwasm's native backend with real numpy (2.4.6), function by function.

numpy in gives numpy out for every public function, with the result kinds and dtypes that
python/fastwasm/__init__.py documents; float64, float32 and integer inputs, strided, reversed and
Fortran-ordered arrays, empty and 0-d inputs; results equal numpy's own function on the same input
within the golden tolerances (tests/fixtures/make_fixtures.py), and exactly where fastwasm promises
exactness (sort, unique, argsort, min/max, arg-extremes, histogram counts, transpose); the
documented deviations from numpy asserted as deviations; inputs never modified and results never
aliasing them; C-contiguous inputs read in place with no buffer left exported after the call.

    build/native-venv/bin/python -m pytest tests/native/test_numpy.py
"""

import json
import math
import os
import subprocess
import sys
import textwrap

import pytest

np = pytest.importorskip("numpy")
fastwasm = pytest.importorskip("fastwasm")
if getattr(fastwasm, "backend", None) != "native":
    pytest.skip("needs fastwasm's native backend (CPython)", allow_module_level=True)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
from image_refs import ref_gaussian_blur, ref_grayscale, ref_sobel  # noqa: E402

with open(os.path.join(HERE, "..", "fixtures", "golden.json"), encoding="utf-8") as _f:
    GOLDEN = json.load(_f)
# |got - want| <= REL * max(1, |want|, scale): the golden fixtures' float tolerance.
REL = GOLDEN["tolerance"]["rel"]
# float32 results (tests/python/test_float32.py): a few ulps of a 24-bit significand over sums of
# tens of terms, relative to the magnitude of the data.
F32_REL = 1e-5

RNG = np.random.default_rng(2026)
X = RNG.standard_normal(37) * 10.0  # odd length: median is a middle element
X_EVEN = RNG.standard_normal(40)
TIES = np.array([3.0, 1.0, 2.0, 1.0, 3.0, 0.0, -0.0, 2.0, 1.0, -0.0, 0.0])
INTS = RNG.integers(-1000, 1000, 29)
MAT = RNG.standard_normal((6, 6)) + 6.0 * np.eye(6)  # well conditioned
RECT = RNG.standard_normal((4, 7))
IMAGE = RNG.integers(0, 256, (5, 7, 4), dtype=np.uint8)


# --- comparisons ---------------------------------------------------------------------------------


def mag(a):
    """Largest finite magnitude in ``a`` (0 if none): the scale of a result built from it."""
    a = np.abs(np.asarray(a, dtype=np.complex128)).ravel()
    a = a[np.isfinite(a)]
    return float(a.max()) if a.size else 0.0


def assert_close(got, want, scale=0.0, rel=REL):
    """Element-wise ``|got - want| <= rel * max(1, |want|, scale)``; NaN matches NaN, infinities
    match exactly (real and imaginary parts separately for complex values)."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    if np.iscomplexobj(want) or np.iscomplexobj(got):
        assert_close(got.real, want.real, scale, rel)
        assert_close(got.imag, want.imag, scale, rel)
        return
    g, w = got.astype(np.float64).ravel(), want.astype(np.float64).ravel()
    assert np.array_equal(np.isnan(g), np.isnan(w)), f"NaNs differ: {got} vs {want}"
    inf = np.isinf(w)
    assert np.array_equal(g[inf], w[inf]), f"infinities differ: {got} vs {want}"
    finite = np.isfinite(w)
    tol = rel * np.maximum(np.maximum(1.0, np.abs(w[finite])), scale)
    bad = np.flatnonzero(np.abs(g[finite] - w[finite]) > tol)
    first = (g[finite][bad[0]], w[finite][bad[0]]) if bad.size else None
    assert not bad.size, f"{bad.size} of {w.size} differ, first: got {first[0]!r}, expected {first[1]!r}"


def assert_exact(got, want):
    """Same values, bit-for-bit up to the sign of zero, NaN matching NaN."""
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, f"shape {got.shape}, expected {want.shape}"
    assert np.array_equal(got, want, equal_nan=got.dtype.kind in "fc"), f"{got} != {want}"


def assert_array(result, dtype, shape):
    """``result`` is an ordinary numpy array of ``dtype`` and ``shape`` that owns its values."""
    assert type(result) is np.ndarray, f"expected numpy.ndarray, got {type(result).__name__}"
    assert result.dtype == np.dtype(dtype), f"dtype {result.dtype}, expected {np.dtype(dtype)}"
    assert result.shape == tuple(shape), f"shape {result.shape}, expected {tuple(shape)}"
    assert result.flags.writeable, "results are writeable arrays, like numpy's"


# --- input layouts -------------------------------------------------------------------------------


def unaligned(x):
    """A C-contiguous, read-only copy of ``x`` at an odd address (``flags.aligned`` is False), as
    numpy makes from a buffer at an odd offset: read as any other layout (converted)."""
    out = np.frombuffer(bytes(1) + x.tobytes(), dtype=x.dtype, offset=1).reshape(x.shape)
    assert not out.flags.aligned and out.flags.c_contiguous
    return out


def layouts(x):
    """``(label, array)``: the values of the float64 array ``x`` in each layout and memory kind an
    input can have; every one must give the same result."""
    yield "contiguous", x.copy()
    wide = np.full(2 * x.size, 99.0)
    wide[::2] = x
    yield "strided", wide[::2]
    yield "reversed", x[::-1].copy()[::-1]
    col = np.full((x.size, 3), 99.0)
    col[:, 1] = x
    yield "column", col[:, 1]
    ro = x.copy()
    ro.flags.writeable = False
    yield "read-only", ro
    yield "frombuffer", np.frombuffer(x.tobytes(), dtype=np.float64)
    yield "unaligned", unaligned(x)
    yield "big-endian", x.astype(">f8")


def matrix_layouts(a):
    """``(label, array)``: the 2-D float64 array ``a`` in C and Fortran order, as strided and
    reversed views, and read-only."""
    yield "C", np.ascontiguousarray(a)
    yield "Fortran", np.asfortranarray(a)
    yield "transposed view", np.ascontiguousarray(a.T).T
    big = np.full((2 * a.shape[0], 3 * a.shape[1]), 99.0)
    big[::2, ::3] = a
    yield "strided", big[::2, ::3]
    yield "reversed", a[::-1, ::-1].copy()[::-1, ::-1]
    ro = a.copy()
    ro.flags.writeable = False
    yield "read-only", ro
    yield "unaligned", unaligned(a)


def ids(pairs):
    return [label for label, _ in pairs]


LAYOUTS = list(layouts(X))
MATRIX_LAYOUTS = list(matrix_layouts(MAT))
RECT_LAYOUTS = list(matrix_layouts(RECT))

# --- statistics and sorting: 1-D float input -----------------------------------------------------

# name -> (fastwasm call, numpy reference, scale of the result); scalars are floats.
FLOAT_SCALARS = {
    "sum": (fastwasm.sum, np.sum, lambda x: float(np.sum(np.abs(x)))),
    "mean": (fastwasm.mean, np.mean, mag),
    "var": (fastwasm.var, np.var, lambda x: 0.0),
    "var ddof=1": (lambda x: fastwasm.var(x, ddof=1), lambda x: np.var(x, ddof=1), lambda x: 0.0),
    "std": (fastwasm.std, np.std, lambda x: 0.0),
    "std ddof=1.5": (lambda x: fastwasm.std(x, 1.5), lambda x: np.std(x, ddof=1.5), lambda x: 0.0),
    "norm": (fastwasm.norm, np.linalg.norm, lambda x: 0.0),
    "median": (fastwasm.median, np.median, mag),
    "quantile": (lambda x: fastwasm.quantile(x, 0.3), lambda x: np.quantile(x, 0.3), mag),
    "percentile": (lambda x: fastwasm.percentile(x, 90), lambda x: np.percentile(x, 90), mag),
}
# Promised exact (fastwasm picks an element).
EXACT_SCALARS = {"min": (fastwasm.min, np.min), "max": (fastwasm.max, np.max)}
INDEX_SCALARS = {"argmin": (fastwasm.argmin, np.argmin), "argmax": (fastwasm.argmax, np.argmax)}


@pytest.mark.parametrize("name", FLOAT_SCALARS)
@pytest.mark.parametrize(("layout", "x"), LAYOUTS, ids=ids(LAYOUTS))
def test_float_reductions_equal_numpy(name, layout, x):
    func, ref, scale = FLOAT_SCALARS[name]
    want = ref(X)
    got = func(x)
    assert type(got) is float
    assert_close(got, want, scale(X))


@pytest.mark.parametrize("name", [*EXACT_SCALARS, *INDEX_SCALARS])
@pytest.mark.parametrize(("layout", "x"), LAYOUTS, ids=ids(LAYOUTS))
def test_extremes_equal_numpy_exactly(name, layout, x):
    if name in EXACT_SCALARS:
        func, ref = EXACT_SCALARS[name]
        got = func(x)
        assert type(got) is float and got == ref(X)
    else:
        func, ref = INDEX_SCALARS[name]
        got = func(x)
        assert type(got) is int and got == int(ref(X))


@pytest.mark.parametrize("q", [0.0, 0.01, 0.25, 0.5, 0.7, 0.99, 1.0])
def test_even_length_median_and_quantiles_equal_numpy(q):
    assert_close(fastwasm.median(X_EVEN), np.median(X_EVEN), mag(X_EVEN))
    assert_close(fastwasm.quantile(X_EVEN, q), np.quantile(X_EVEN, q), mag(X_EVEN))
    assert_close(fastwasm.percentile(X_EVEN, 100 * q), np.percentile(X_EVEN, 100 * q), mag(X_EVEN))
    assert_close(fastwasm.quantile(INTS, q), np.quantile(INTS, q), mag(INTS))


Y = RNG.standard_normal(X.size)
# Pairs of inputs in the same layout.
PAIR_LAYOUTS = [(label, x, y) for (label, x), (_, y) in zip(layouts(X), layouts(Y))]


@pytest.mark.parametrize(("layout", "x", "y"), PAIR_LAYOUTS, ids=ids([p[:2] for p in PAIR_LAYOUTS]))
def test_dot_equals_numpy(layout, x, y):
    got = fastwasm.dot(x, y)
    assert type(got) is float
    assert_close(got, np.dot(X, Y), float(np.sum(np.abs(X * Y))))


@pytest.mark.parametrize(("layout", "x"), LAYOUTS, ids=ids(LAYOUTS))
def test_sorting_equals_numpy_exactly(layout, x):
    got = fastwasm.sort(x)
    assert_array(got, np.float64, X.shape)
    assert_exact(got, np.sort(X))
    got = fastwasm.argsort(x)
    assert_array(got, np.intp, X.shape)
    assert_exact(got, np.argsort(X, kind="stable"))
    got = fastwasm.unique(x)
    assert_array(got, np.float64, np.unique(X).shape)
    assert_exact(got, np.unique(X))


@pytest.mark.parametrize(("layout", "x"), LAYOUTS, ids=ids(LAYOUTS))
def test_cumsum_and_moving_average_equal_numpy(layout, x):
    got = fastwasm.cumsum(x)
    assert_array(got, np.float64, X.shape)
    assert_close(got, np.cumsum(X), float(np.sum(np.abs(X))))
    got = fastwasm.moving_average(x, 5)
    assert_array(got, np.float64, (X.size - 4,))
    assert_close(got, np.convolve(X, np.ones(5) / 5, "valid"), mag(X))


@pytest.mark.parametrize("range_", [None, (-5.0, 12.5)])
@pytest.mark.parametrize(("layout", "x"), LAYOUTS, ids=ids(LAYOUTS))
def test_histogram_equals_numpy(layout, x, range_):
    counts, edges = fastwasm.histogram(x, 7, range=range_)
    want_counts, want_edges = np.histogram(X, 7, range=range_)
    assert_array(counts, np.int64, (7,))
    assert_array(edges, np.float64, (8,))
    assert_exact(counts, want_counts)
    assert_close(edges, want_edges, max(mag(X), mag(range_ or 0.0)))


def test_histogram_counts_values_on_edges_like_numpy():
    x = np.linspace(0.0, 1.0, 101)  # many values fall on an edge of 10 or 20 bins
    for bins in (3, 10, 20):
        counts, _ = fastwasm.histogram(x, bins)
        assert_exact(counts, np.histogram(x, bins)[0])


def test_ties_and_signed_zeros_like_numpy():
    assert_exact(fastwasm.argsort(TIES), np.argsort(TIES, kind="stable"))
    assert_exact(fastwasm.sort(TIES), np.sort(TIES))
    assert_exact(fastwasm.unique(TIES), np.unique(TIES))
    assert fastwasm.argmin(TIES) == np.argmin(TIES) and fastwasm.argmax(TIES) == np.argmax(TIES)
    assert fastwasm.median(TIES) == np.median(TIES)


def test_nan_like_numpy():
    x = np.array([2.0, np.nan, -1.0, 5.0, np.nan, 0.5])
    for name in ("sum", "mean", "var", "std", "median"):
        assert math.isnan(FLOAT_SCALARS[name][0](x)) and np.isnan(FLOAT_SCALARS[name][1](x))
    assert math.isnan(fastwasm.quantile(x, 0.5)) and np.isnan(np.quantile(x, 0.5))
    assert math.isnan(fastwasm.min(x)) and math.isnan(fastwasm.max(x))
    assert fastwasm.argmin(x) == np.argmin(x) == 1 and fastwasm.argmax(x) == np.argmax(x) == 1
    assert_exact(fastwasm.sort(x), np.sort(x))  # NaNs last
    assert_exact(fastwasm.argsort(x), np.argsort(x, kind="stable"))
    assert_exact(fastwasm.unique(x), np.unique(x))  # NaNs collapse into one, as numpy 2 does
    assert_close(fastwasm.cumsum(x), np.cumsum(x))
    counts, edges = fastwasm.histogram(x, 4, range=(-1.0, 5.0))
    assert_exact(counts, np.histogram(x, 4, range=(-1.0, 5.0))[0])  # NaNs are not counted


def test_infinities_like_numpy():
    x = np.array([1.0, np.inf, -3.0, -np.inf, 2.0])
    assert fastwasm.min(x) == -np.inf and fastwasm.max(x) == np.inf
    assert fastwasm.argmin(x) == 3 and fastwasm.argmax(x) == 1
    assert fastwasm.norm(x) == np.inf
    assert_exact(fastwasm.sort(x), np.sort(x))
    with np.errstate(invalid="ignore"):  # inf - inf
        assert math.isnan(fastwasm.sum(x)) and np.isnan(np.sum(x))
        assert_close(fastwasm.cumsum(x), np.cumsum(x))
    with pytest.raises(ValueError, match=r"^histogram: x has the autodetected range") as info:
        fastwasm.histogram(x, 3)
    assert type(info.value) is ValueError
    with pytest.raises(ValueError):
        np.histogram(x, 3)


def test_numpy_scalars_as_arguments():
    assert_close(fastwasm.quantile(X, np.float64(0.25)), np.quantile(X, 0.25), mag(X))
    assert_close(fastwasm.percentile(X, np.int64(75)), np.percentile(X, 75), mag(X))
    assert_close(fastwasm.var(X, ddof=np.int32(1)), np.var(X, ddof=1))
    assert_close(fastwasm.std(X, ddof=np.float32(0.5)), np.std(X, ddof=0.5))
    counts, edges = fastwasm.histogram(X, np.int64(5), range=(np.float64(-20), np.float32(20)))
    assert_exact(counts, np.histogram(X, 5, range=(-20.0, 20.0))[0])
    assert_close(fastwasm.moving_average(X, np.uint8(3)), np.convolve(X, np.ones(3) / 3, "valid"), mag(X))
    assert_exact(fastwasm.convolve(X, X[:3], mode=np.str_("same")), fastwasm.convolve(X, X[:3], "same"))


# --- dtypes: float32 and integers ----------------------------------------------------------------

INT_DTYPES = [np.int64, np.int32, np.int16, np.uint8, np.uint32, np.uint64]


@pytest.mark.parametrize("dtype", INT_DTYPES, ids=lambda d: np.dtype(d).name)
def test_integer_inputs_compute_as_float64(dtype):
    """Integer arrays are converted to float64 once: values as numpy gives for the same array
    cast to float64, results float64."""
    x = np.abs(INTS).astype(dtype) if np.dtype(dtype).kind == "u" else INTS.astype(dtype)
    xf = x.astype(np.float64)
    assert fastwasm.sum(x) == np.sum(x)  # small integers: the float64 sum is exact
    assert_close(fastwasm.mean(x), np.mean(x), mag(xf))
    assert_close(fastwasm.var(x), np.var(x))
    assert fastwasm.min(x) == np.min(x) and fastwasm.max(x) == np.max(x)
    assert fastwasm.argmin(x) == np.argmin(x) and fastwasm.argmax(x) == np.argmax(x)
    assert_close(fastwasm.median(x), np.median(x), mag(xf))
    assert_exact(fastwasm.argsort(x), np.argsort(x, kind="stable"))
    for func, ref in ((fastwasm.sort, np.sort), (fastwasm.unique, np.unique), (fastwasm.cumsum, np.cumsum)):
        got = func(x)
        assert_array(got, np.float64, ref(xf).shape)
        assert_exact(got, ref(xf))
    counts, edges = fastwasm.histogram(x, 6)
    want_counts, want_edges = np.histogram(x, 6)
    assert_exact(counts, want_counts)
    assert_close(edges, want_edges, mag(xf))
    assert_close(fastwasm.fft(x), np.fft.fft(x), float(np.sum(np.abs(xf))))
    assert_exact(fastwasm.convolve(x, x[:4]), np.convolve(xf, xf[:4]))


FLOAT32_X = X.astype(np.float32)


def test_float32_reductions_compute_in_float64():
    """Functions other than matmul, convolve, fft and ifft compute float32 input in float64: the
    result equals numpy's on the float32 values widened to float64."""
    x64 = FLOAT32_X.astype(np.float64)
    for name, (func, _, scale) in FLOAT_SCALARS.items():
        got = func(FLOAT32_X)
        assert type(got) is float, name
        assert_close(got, FLOAT_SCALARS[name][1](x64), scale(x64))
    for name, (func, ref) in EXACT_SCALARS.items():
        assert func(FLOAT32_X) == ref(x64)
    for name, (func, ref) in INDEX_SCALARS.items():
        assert func(FLOAT32_X) == ref(x64)
    assert_exact(fastwasm.argsort(FLOAT32_X), np.argsort(FLOAT32_X, kind="stable"))


def test_float32_sum_is_float64_deviation():
    """Deviation (documented: "Other functions compute float32 inputs in float64"): numpy sums
    float32 in float32, fastwasm in float64, so 2**24 + 1 + 1 + 1 + 1 is exact here."""
    x = np.array([2.0**24, 1, 1, 1, 1], dtype=np.float32)
    assert fastwasm.sum(x) == 2.0**24 + 4
    assert np.sum(x) == np.float32(2.0**24)  # numpy's float32 sum loses the ones
    assert fastwasm.mean(x) == (2.0**24 + 4) / 5


def test_float32_array_results_are_float64_deviation():
    """Deviation: array results of float32 input are float64 for every function but matmul,
    convolve, fft and ifft, where numpy keeps float32."""
    x64 = FLOAT32_X.astype(np.float64)
    for func, ref in ((fastwasm.sort, np.sort), (fastwasm.unique, np.unique), (fastwasm.cumsum, np.cumsum)):
        got = func(FLOAT32_X)
        assert ref(FLOAT32_X).dtype == np.float32
        assert_array(got, np.float64, ref(x64).shape)
        assert_close(got, ref(x64), float(np.sum(np.abs(x64))))
    counts, edges = fastwasm.histogram(FLOAT32_X, 5)
    want_counts, want_edges = np.histogram(FLOAT32_X, 5)
    assert want_edges.dtype == np.float32
    assert_array(edges, np.float64, (6,))
    assert_array(counts, np.int64, (5,))
    assert_exact(counts, np.histogram(x64, 5)[0])
    assert_close(edges, np.histogram(x64, 5)[1], mag(x64))
    m32 = MAT.astype(np.float32)
    for func, ref in ((fastwasm.transpose, lambda a: a.T), (fastwasm.inv, np.linalg.inv)):
        got = func(m32)
        assert ref(m32).dtype == np.float32
        assert_array(got, np.float64, m32.shape)
        assert_close(got, ref(m32.astype(np.float64)), mag(ref(m32.astype(np.float64))))
    b32 = FLOAT32_X[:6]
    got = fastwasm.solve(m32, b32)
    assert np.linalg.solve(m32, b32).dtype == np.float32
    want = np.linalg.solve(m32.astype(np.float64), b32.astype(np.float64))
    assert_array(got, np.float64, (6,))
    assert_close(got, want, mag(want))
    got = fastwasm.det(m32)
    assert type(got) is float
    assert_close(got, np.linalg.det(m32.astype(np.float64)))


def test_float16_computes_in_float64_deviation():
    """Deviation (documented: only float32 inputs compute in float32; "any other mix is computed
    in float64"): float16 input gives float64 and complex128 results, where numpy keeps float16
    (convolve, sort) or gives complex64 (fft)."""
    x16 = X[:8].astype(np.float16)
    x64 = x16.astype(np.float64)
    assert np.fft.fft(x16).dtype == np.complex64 and np.convolve(x16, x16).dtype == np.float16
    got = fastwasm.fft(x16)
    assert_array(got, np.complex128, (8,))
    assert_close(got, np.fft.fft(x64), float(np.sum(np.abs(x64))))
    got = fastwasm.convolve(x16, x16)
    assert_array(got, np.float64, (15,))
    assert_close(got, np.convolve(x64, x64), mag(x64) * float(np.sum(np.abs(x64))))
    assert_exact(fastwasm.sort(x16), np.sort(x64))


def test_integer_array_results_are_float64_deviation():
    """Deviation: integer inputs give float64 arrays where numpy keeps the integer dtype."""
    x = INTS
    assert np.sort(x).dtype == np.int64 and np.cumsum(x).dtype == np.int64
    assert fastwasm.sort(x).dtype == np.float64 and fastwasm.cumsum(x).dtype == np.float64
    a = np.arange(12).reshape(3, 4)
    assert (a @ a.T).dtype == np.int64 and np.convolve(x, x).dtype == np.int64
    got = fastwasm.matmul(a, a.T)
    assert_array(got, np.float64, (3, 3))
    assert_exact(got, (a @ a.T).astype(np.float64))
    got = fastwasm.convolve(x, x)
    assert_array(got, np.float64, (2 * x.size - 1,))
    assert_exact(got, np.convolve(x, x).astype(np.float64))
    assert_array(fastwasm.transpose(a), np.float64, (4, 3))
    # Beyond 2**53 the conversion to float64 rounds, as np.asarray(x, dtype=float64) does.
    big = np.array([2**53 + 1, 1], dtype=np.int64)
    assert_exact(fastwasm.sort(big), np.array([1.0, 2.0**53]))
    assert np.sort(big)[1] == 2**53 + 1


def test_scalars_are_python_numbers_deviation():
    """Deviation (documented: "Scalars are float or int"): scalar results are Python float and
    int, not numpy scalars."""
    assert type(np.sum(X)) is np.float64 and type(np.argmin(X)) is np.intp
    for func in (fastwasm.sum, fastwasm.mean, fastwasm.var, fastwasm.std, fastwasm.min,
                 fastwasm.max, fastwasm.norm, fastwasm.median):
        assert type(func(X)) is float
        assert type(func(FLOAT32_X)) is float  # numpy: float32 scalars
    assert type(fastwasm.quantile(X, 0.5)) is float and type(fastwasm.percentile(X, 5)) is float
    assert type(fastwasm.dot(X, X)) is float and type(fastwasm.det(MAT)) is float
    assert type(fastwasm.argmin(X)) is int and type(fastwasm.argmax(X)) is int


# --- linear algebra ------------------------------------------------------------------------------


@pytest.mark.parametrize(("la", "a"), RECT_LAYOUTS, ids=ids(RECT_LAYOUTS))
@pytest.mark.parametrize(("lb", "b"), RECT_LAYOUTS[:3], ids=ids(RECT_LAYOUTS[:3]))
def test_matmul_equals_numpy(la, a, lb, b):
    got = fastwasm.matmul(a, b.T)
    want = RECT @ RECT.T
    assert_array(got, np.float64, want.shape)
    assert_close(got, want, RECT.shape[1] * mag(RECT) ** 2)


@pytest.mark.parametrize(("layout", "a"), RECT_LAYOUTS, ids=ids(RECT_LAYOUTS))
def test_transpose_equals_numpy_exactly(layout, a):
    got = fastwasm.transpose(a)
    assert_array(got, np.float64, (7, 4))
    assert_exact(got, RECT.T)


def test_transpose_copies_deviation():
    """Deviation (documented: "a.T (copied, row-major)"): the transpose is a new C-contiguous
    array, where numpy's a.T is a view of a."""
    a = RECT.copy()
    got = fastwasm.transpose(a)
    assert np.shares_memory(a.T, a)
    assert got.flags.c_contiguous and not np.shares_memory(got, a)


@pytest.mark.parametrize(("layout", "a"), MATRIX_LAYOUTS, ids=ids(MATRIX_LAYOUTS))
def test_solve_det_inv_equal_numpy(layout, a):
    b = X[:6]
    want = np.linalg.solve(MAT, b)
    got = fastwasm.solve(a, b)
    assert_array(got, np.float64, (6,))
    assert_close(got, want, mag(want))
    got = fastwasm.det(a)
    assert type(got) is float
    assert_close(got, np.linalg.det(MAT))
    want = np.linalg.inv(MAT)
    got = fastwasm.inv(a)
    assert_array(got, np.float64, (6, 6))
    assert_close(got, want, mag(want))


B_LAYOUTS = list(layouts(X[:6]))


@pytest.mark.parametrize(("layout", "b"), B_LAYOUTS, ids=ids(B_LAYOUTS))
def test_solve_right_hand_side_layouts(layout, b):
    want = np.linalg.solve(MAT, X[:6])
    got = fastwasm.solve(MAT, b)
    assert_array(got, np.float64, (6,))
    assert_close(got, want, mag(want))


def test_solve_needs_pivoting_like_numpy():
    a = np.array([[0.0, 2.0, 1.0], [1.0, 0.0, 0.0], [0.0, 0.0, 3.0]])
    b = np.array([1.0, 2.0, 3.0])
    assert_close(fastwasm.solve(a, b), np.linalg.solve(a, b))
    assert_close(fastwasm.inv(a), np.linalg.inv(a))
    assert_close(fastwasm.det(a), np.linalg.det(a))


def test_singular_matrices_raise_value_error_deviation():
    """Deviation: a singular matrix raises a plain ``ValueError`` ("a is singular"), where numpy
    raises its ``LinAlgError``; det of an exactly singular matrix is 0.0, as numpy's."""
    a = np.array([[1.0, 2.0], [2.0, 4.0]])
    for call in (lambda: fastwasm.solve(a, [1.0, 1.0]), lambda: fastwasm.inv(a)):
        with pytest.raises(ValueError, match=r"^(solve|inv): a is singular") as info:
            call()
        assert type(info.value) is ValueError
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.inv(a)
    assert fastwasm.det(a) == 0.0 == np.linalg.det(a)


def test_non_finite_matrices_raise_deviation():
    """Deviation (documented: solve and inv raise ``ValueError`` when ``a`` is not finite): NaN
    or infinity raises where numpy propagates NaN; det gives NaN, as numpy's."""
    a = MAT.copy()
    a[2, 3] = np.nan
    with pytest.raises(ValueError, match=r"^solve: a must be finite"):
        fastwasm.solve(a, X[:6])
    with pytest.raises(ValueError, match=r"^inv: a must be finite"):
        fastwasm.inv(a)
    with np.errstate(invalid="ignore"):
        assert np.isnan(np.linalg.solve(a, X[:6])).all() and np.isnan(np.linalg.inv(a)).all()
        assert np.isnan(np.linalg.det(a))
    assert math.isnan(fastwasm.det(a))
    b = X[:6].copy()
    b[0] = np.inf
    with pytest.raises(ValueError, match=r"^solve: b must be finite"):
        fastwasm.solve(MAT, b)


def test_mixed_numpy_and_list_inputs_give_numpy():
    a = [[1.0, 2.0], [3.0, 4.0]]
    assert_array(fastwasm.matmul(a, np.eye(2)), np.float64, (2, 2))
    assert_array(fastwasm.matmul(np.eye(2), a), np.float64, (2, 2))
    assert_array(fastwasm.solve(np.array(a), [1.0, 2.0]), np.float64, (2,))
    assert_array(fastwasm.solve(a, np.array([1.0, 2.0])), np.float64, (2,))
    assert_array(fastwasm.convolve([1.0, 2.0], np.array([1.0])), np.float64, (2,))
    assert type(fastwasm.matmul(a, a)) is list  # no numpy input: lists


# --- float32 in, float32 out: matmul, convolve, fft, ifft ----------------------------------------


def test_matmul_float32():
    a32, b32 = RECT.astype(np.float32), RECT.T.astype(np.float32)
    want = a32.astype(np.float64) @ b32.astype(np.float64)
    for a, b in ((a32, b32), (np.asfortranarray(a32), b32), (a32[:, ::-1].copy()[:, ::-1], b32)):
        got = fastwasm.matmul(a, b)
        assert (a32 @ b32).dtype == np.float32
        assert_array(got, np.float32, want.shape)
        assert_close(got, want, RECT.shape[1] * mag(RECT) ** 2, F32_REL)
    # Any other mix is float64, as in numpy.
    got = fastwasm.matmul(a32, RECT.T)
    assert (a32 @ RECT.T).dtype == np.float64
    assert_array(got, np.float64, want.shape)
    assert_close(got, a32.astype(np.float64) @ RECT.T, RECT.shape[1] * mag(RECT) ** 2)


V = RNG.standard_normal(5)
CONVOLVE_LAYOUTS = [(label, a, v) for (label, a), (_, v) in zip(layouts(X), layouts(V))]


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize(("layout", "a", "v"), CONVOLVE_LAYOUTS, ids=ids([p[:2] for p in CONVOLVE_LAYOUTS]))
def test_convolve_layouts_equal_numpy(layout, a, v, mode):
    scale = max(mag(X) * np.sum(np.abs(V)), mag(V) * np.sum(np.abs(X)))
    want = np.convolve(X, V, mode)
    got = fastwasm.convolve(a, v, mode)
    assert_array(got, np.float64, want.shape)
    assert_close(got, want, scale)


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_equals_numpy(mode):
    v = V
    scale = max(mag(X) * np.sum(np.abs(v)), mag(v) * np.sum(np.abs(X)))
    want = np.convolve(X, v, mode)
    # The shorter first (numpy swaps them; "same" has max(len) values).
    assert_close(fastwasm.convolve(v, X, mode), np.convolve(v, X, mode), scale)
    a32, v32 = X.astype(np.float32), v.astype(np.float32)
    want32 = np.convolve(a32.astype(np.float64), v32.astype(np.float64), mode)
    got = fastwasm.convolve(a32, v32, mode)
    assert np.convolve(a32, v32, mode).dtype == np.float32
    assert_array(got, np.float32, want.shape)
    assert_close(got, want32, scale, F32_REL)
    got = fastwasm.convolve(a32[::-1], v32[::2], mode)  # float32 views: converted, still float32
    assert_array(got, np.float32, np.convolve(a32[::-1], v32[::2], mode).shape)
    assert_close(got, np.convolve(a32[::-1].astype(np.float64), v32[::2].astype(np.float64), mode), scale, F32_REL)
    got = fastwasm.convolve(a32, v, mode)  # float32 with float64: float64, as numpy
    assert np.convolve(a32, v, mode).dtype == np.float64
    assert_array(got, np.float64, want.shape)


def fft_inputs():
    """``(label, input)`` for the transforms: real and complex values in each dtype and layout."""
    z = X + 1j * RNG.standard_normal(X.size)
    yield "float64", X
    yield "complex128", z
    yield "complex strided", np.repeat(z, 2)[::2]
    yield "complex reversed", z[::-1]
    yield "complex read-only", np.frombuffer(z.tobytes(), dtype=np.complex128)
    yield "complex unaligned", unaligned(z)
    yield "int64", INTS
    yield "float32", X.astype(np.float32)
    yield "complex64", z.astype(np.complex64)
    yield "complex64 strided", z.astype(np.complex64)[::-2]
    yield "float32 unaligned", unaligned(X.astype(np.float32))
    yield "length 1", np.array([2.5])
    yield "prime length", RNG.standard_normal(31)


FFT_INPUTS = list(fft_inputs())


@pytest.mark.parametrize("name", ["fft", "ifft"])
@pytest.mark.parametrize(("label", "x"), FFT_INPUTS, ids=ids(FFT_INPUTS))
def test_transforms_equal_numpy(name, label, x):
    func, ref = getattr(fastwasm, name), getattr(np.fft, name)
    want = ref(x)
    got = func(x)
    # float32 and complex64 in: complex64 out, as numpy 2 gives.
    assert_array(got, want.dtype, x.shape)
    assert want.dtype == (np.complex64 if x.dtype in (np.float32, np.complex64) else np.complex128)
    wide = x.astype(np.complex128)
    scale = float(np.sum(np.abs(wide.real)) + np.sum(np.abs(wide.imag)))
    scale = scale / x.size if name == "ifft" else scale
    rel = F32_REL if want.dtype == np.complex64 else REL
    assert_close(got, ref(wide), scale, rel)


# --- images --------------------------------------------------------------------------------------

def assert_image(got, want, unrounded):
    """``got`` equals the reference bytes ``want`` (h, w, 4) exactly, except ±1 where the value
    before rounding (``unrounded``: per byte, or one luma per pixel for R, G and B with alpha
    exact) is within 1e-9 of a half-way point, as the golden fixtures allow (a one-ulp difference
    in exp() or the luma may round either way)."""
    if unrounded.ndim == 2:
        unrounded = np.repeat(unrounded[..., None], 4, axis=-1)
        unrounded[..., 3] = 0.0
    ambiguous = np.abs(unrounded - np.floor(unrounded) - 0.5) <= 1e-9
    diff = np.abs(got.reshape(want.shape).astype(np.int16) - want.astype(np.int16))
    bad = (diff > 1) | ((diff == 1) & ~ambiguous)
    assert not bad.any(), f"{int(bad.sum())} bytes differ, first at {np.argwhere(bad)[0]}"


def image_layouts(px):
    """``(label, array)``: RGBA bytes of the (h, w, 4) image ``px`` in each shape and layout."""
    h, w, _ = px.shape
    yield "h,w,4", px.copy()
    yield "flat", px.ravel().copy()
    yield "h,4w", px.reshape(h, 4 * w).copy()
    yield "Fortran", np.asfortranarray(px)
    wide = np.zeros((h, 2 * w, 4), dtype=np.uint8)
    wide[:, ::2] = px
    yield "strided", wide[:, ::2]
    yield "reversed", px[::-1, ::-1].copy()[::-1, ::-1]
    ro = px.copy()
    ro.flags.writeable = False
    yield "read-only", ro
    yield "frombuffer", np.frombuffer(px.tobytes(), dtype=np.uint8)


IMAGE_LAYOUTS = list(image_layouts(IMAGE))
IMAGE_REFS = {
    "grayscale": (lambda img, w, h: fastwasm.grayscale(img, w, h), ref_grayscale),
    "gaussian_blur": (
        lambda img, w, h: fastwasm.gaussian_blur(img, w, h, 1.3),
        lambda px: ref_gaussian_blur(px, 1.3),
    ),
    "sobel": (lambda img, w, h: fastwasm.sobel(img, w, h), ref_sobel),
}


@pytest.mark.parametrize("name", IMAGE_REFS)
@pytest.mark.parametrize(("layout", "img"), IMAGE_LAYOUTS, ids=ids(IMAGE_LAYOUTS))
def test_images_keep_shape_and_uint8(name, layout, img):
    func, ref = IMAGE_REFS[name]
    h, w, _ = IMAGE.shape
    got = func(img, w, h)
    assert_array(got, np.uint8, img.shape)
    assert_image(got, *ref(IMAGE))


def test_images_with_numpy_int_sizes():
    h, w, _ = IMAGE.shape
    got = fastwasm.grayscale(IMAGE, np.int64(w), np.int32(h))
    assert_exact(got, fastwasm.grayscale(IMAGE, w, h))
    got = fastwasm.gaussian_blur(IMAGE, np.uint16(w), np.int64(h), np.float32(0.75))
    assert_exact(got, fastwasm.gaussian_blur(IMAGE, w, h, float(np.float32(0.75))))


def test_images_need_uint8():
    h, w, _ = IMAGE.shape
    for dtype in (np.float64, np.int8, np.uint16):
        with pytest.raises(TypeError, match=r"^sobel: rgba must be a uint8 array"):
            fastwasm.sobel(IMAGE.astype(dtype), w, h)


# --- functions without array inputs --------------------------------------------------------------


def test_functions_without_arrays_take_numpy_scalars():
    """mandelbrot and primes return lists whatever their arguments; levenshtein and word_counts
    take numpy strings (``np.str_`` is a ``str``)."""
    args = (np.int64(8), np.int32(5), np.float64(-2), np.float32(1), -1.0, np.float64(1.0), np.uint8(50))
    got = fastwasm.mandelbrot(*args)
    assert got == fastwasm.mandelbrot(8, 5, -2.0, 1.0, -1.0, 1.0, 50)
    assert type(got) is list and len(got) == 40
    assert fastwasm.primes(np.int64(30)) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    assert fastwasm.levenshtein(np.str_("kitten"), np.str_("sitting")) == 3
    assert fastwasm.word_counts(np.str_("a b a"), np.int64(5)) == [("a", 2), ("b", 1)]


def test_resident_arrays_from_and_to_numpy():
    data = {"float64": X, "float32": FLOAT32_X, "uint32": np.abs(INTS), "uint8": IMAGE.ravel()}
    for dtype, x in data.items():
        r = fastwasm.array(x, dtype)
        assert r.dtype == dtype and len(r) == x.size
        got = np.asarray(r)
        assert_array(got, dtype, x.shape)
        assert_exact(got, x.astype(dtype))
        r.free()
    with fastwasm.array(X[::-1]) as r:
        assert fastwasm.sum(r) == fastwasm.sum(X[::-1])
        assert_exact(np.asarray(fastwasm.sort(r)), np.sort(X))


# --- empty and 0-d inputs ------------------------------------------------------------------------

EMPTY = np.array([], dtype=np.float64)


def test_empty_vectors_give_values_like_numpy():
    assert fastwasm.sum(EMPTY) == 0.0 == np.sum(EMPTY)
    assert fastwasm.norm(EMPTY) == 0.0 == np.linalg.norm(EMPTY)
    assert fastwasm.dot(EMPTY, EMPTY) == 0.0 == np.dot(EMPTY, EMPTY)
    for func in (fastwasm.cumsum, fastwasm.sort, fastwasm.unique):
        assert_array(func(EMPTY), np.float64, (0,))
    assert_array(fastwasm.argsort(EMPTY), np.intp, (0,))
    counts, edges = fastwasm.histogram(EMPTY, 4)  # range (0, 1), as numpy
    want_counts, want_edges = np.histogram(EMPTY, 4)
    assert_array(counts, np.int64, (4,))
    assert_exact(counts, want_counts)
    assert_close(edges, want_edges)


@pytest.mark.parametrize(("shape_a", "shape_b"), [((0, 3), (3, 2)), ((2, 0), (0, 3)), ((2, 3), (3, 0))])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_matmul_with_zero_dimensions_like_numpy(shape_a, shape_b, dtype):
    """Zero dimensions are allowed (the kernel's documentation; with k = 0 the result is all
    zeros), as in numpy."""
    a, b = np.ones(shape_a, dtype=dtype), np.ones(shape_b, dtype=dtype)
    got = fastwasm.matmul(a, b)
    assert_array(got, dtype, (a @ b).shape)
    assert_exact(got, a @ b)


def test_empty_square_matrices_like_numpy():
    """n = 0: det is 1.0, inv and solve give empty results (the kernels' documentation), as in
    numpy; the transpose of a 0 x 3 matrix is 3 x 0."""
    assert_array(fastwasm.transpose(np.ones((0, 3))), np.float64, (3, 0))
    assert fastwasm.det(np.ones((0, 0))) == 1.0 == np.linalg.det(np.ones((0, 0)))
    assert_array(fastwasm.inv(np.ones((0, 0))), np.float64, (0, 0))
    assert_array(fastwasm.solve(np.ones((0, 0)), EMPTY), np.float64, (0,))


EMPTY_ERRORS = {
    "mean": (lambda x: fastwasm.mean(x), "x"),
    "var": (lambda x: fastwasm.var(x), "x"),
    "std": (lambda x: fastwasm.std(x), "x"),
    "min": (lambda x: fastwasm.min(x), "x"),
    "max": (lambda x: fastwasm.max(x), "x"),
    "argmin": (lambda x: fastwasm.argmin(x), "x"),
    "argmax": (lambda x: fastwasm.argmax(x), "x"),
    "median": (lambda x: fastwasm.median(x), "x"),
    "quantile": (lambda x: fastwasm.quantile(x, 0.5), "x"),
    "percentile": (lambda x: fastwasm.percentile(x, 50), "x"),
    "moving_average": (lambda x: fastwasm.moving_average(x, 1), "x"),
    "fft": (lambda x: fastwasm.fft(x), "x"),
    "ifft": (lambda x: fastwasm.ifft(x), "x"),
    "convolve": (lambda x: fastwasm.convolve(x, [1.0]), "a"),
}


EMPTY_CASES = [(name, dtype) for name in EMPTY_ERRORS for dtype in ("float64", "float32")]
EMPTY_CASES += [("fft", "complex128"), ("ifft", "complex128"), ("fft", "complex64")]


@pytest.mark.parametrize(("name", "dtype"), EMPTY_CASES)
def test_empty_inputs_raise_value_error(name, dtype):
    """Documented: these raise ``ValueError`` for empty input. Deviation for mean, var, std and
    median, where numpy warns and returns NaN (min, max, argmin, argmax, quantile, fft and
    convolve raise in numpy too)."""
    func, arg = EMPTY_ERRORS[name]
    with pytest.raises(ValueError) as info:
        func(np.array([], dtype=dtype))
    assert type(info.value) is ValueError
    assert str(info.value) == f"{name}: {arg} must not be empty"


def test_empty_mean_raises_where_numpy_gives_nan_deviation():
    with pytest.warns(RuntimeWarning):
        assert np.isnan(np.mean(EMPTY)) and np.isnan(np.median(EMPTY))
    with pytest.raises(ValueError, match=r"^mean: x must not be empty$"):
        fastwasm.mean(EMPTY)


def test_empty_images_raise_value_error():
    empty = np.zeros((0, 0, 4), dtype=np.uint8)
    with pytest.raises(ValueError, match=r"^grayscale: w must be at least 1, got 0$"):
        fastwasm.grayscale(empty, 0, 0)
    with pytest.raises(ValueError, match=r"^sobel: rgba must have 4\*w\*h = 4 bytes, got 0$"):
        fastwasm.sobel(empty, 1, 1)


ZERO_D = [np.array(2.5), np.float64(2.5), np.array(3, dtype=np.int64), np.float32(1.5)]


@pytest.mark.parametrize("x", ZERO_D, ids=["array", "float64", "int64 array", "float32"])
def test_zero_d_inputs_raise_type_error_deviation(x):
    """Deviation: a 0-d array or numpy scalar is not an array argument (``TypeError`` naming the
    argument), where numpy treats it as one value."""
    assert np.sum(x) == x  # numpy: one value
    calls = {
        "sum": lambda: fastwasm.sum(x),
        "mean": lambda: fastwasm.mean(x),
        "min": lambda: fastwasm.min(x),
        "sort": lambda: fastwasm.sort(x),
        "argsort": lambda: fastwasm.argsort(x),
        "cumsum": lambda: fastwasm.cumsum(x),
        "histogram": lambda: fastwasm.histogram(x, 2),
        "quantile": lambda: fastwasm.quantile(x, 0.5),
        "dot": lambda: fastwasm.dot(x, x),
        "fft": lambda: fastwasm.fft(x),
        "ifft": lambda: fastwasm.ifft(x),
        "convolve": lambda: fastwasm.convolve(x, [1.0]),
    }
    for name, call in calls.items():
        with pytest.raises(TypeError) as info:
            call()
        arg = {"dot": "a", "convolve": "a"}.get(name, "x")
        assert str(info.value).startswith(f"{name}: {arg} must be "), str(info.value)


def test_zero_d_matrices_raise_value_error():
    for name in ("matmul", "transpose", "det", "inv"):
        func = getattr(fastwasm, name)
        args = (np.array(2.0), np.array(2.0)) if name == "matmul" else (np.array(2.0),)
        with pytest.raises((TypeError, ValueError)) as info:
            func(*args)
        assert str(info.value).startswith(f"{name}: a must be "), str(info.value)


def test_wrong_dimensions_deviation():
    """Deviation: 1-D functions take only 1-D arrays (``ValueError``), where numpy reduces or
    sorts an n-D array; matrix functions take only 2-D arrays (numpy broadcasts stacks)."""
    m = np.arange(6.0).reshape(2, 3)
    assert np.sum(m) == 15.0
    for name, call in (("sum", lambda: fastwasm.sum(m)), ("sort", lambda: fastwasm.sort(m)),
                       ("cumsum", lambda: fastwasm.cumsum(m)), ("fft", lambda: fastwasm.fft(m))):
        with pytest.raises(ValueError, match=rf"^{name}: x must be 1-dimensional, got 2 dimensions"):
            call()
    stack = np.ones((2, 3, 3))
    assert np.linalg.det(stack).shape == (2,)
    with pytest.raises(ValueError, match=r"^det: a must be 2-dimensional, got 3 dimensions"):
        fastwasm.det(stack)
    with pytest.raises(ValueError, match=r"^matmul: a must be 2-dimensional, got 1 dimension"):
        fastwasm.matmul(np.ones(3), np.ones((3, 2)))


def test_norm_does_not_overflow_deviation():
    """Deviation (documented: "scaled so that no intermediate overflows or underflows"):
    numpy's norm overflows to inf and underflows to 0 where fastwasm's does not."""
    big, small = np.array([1e200, 1e200]), np.array([1e-200, 1e-200])
    with np.errstate(over="ignore", under="ignore"):
        assert np.linalg.norm(big) == np.inf and np.linalg.norm(small) == 0.0
    assert_close(fastwasm.norm(big), math.sqrt(2) * 1e200)
    assert fastwasm.norm(small) == pytest.approx(math.sqrt(2) * 1e-200, rel=1e-15)


def test_var_ddof_beyond_the_data_raises_deviation():
    """Deviation (documented): ``ddof >= len(x)`` raises ``ValueError``, where numpy warns and
    returns inf or NaN."""
    x = np.array([1.0, 2.0])
    with pytest.warns(RuntimeWarning):
        assert np.isinf(np.var(x, ddof=2)) or np.isnan(np.var(x, ddof=2))
    with pytest.raises(ValueError, match=r"^var: ddof "):
        fastwasm.var(x, ddof=2)
    with pytest.raises(ValueError, match=r"^std: ddof "):
        fastwasm.std(x, ddof=-1)


# --- large inputs: the threaded and bucketed paths -----------------------------------------------

# Above the sizes where the native build (Cargo feature `threads`) splits sort, argsort, unique,
# matmul and the image filters across threads (2**17 values, 2**21 multiply-adds, 2**17 pixel
# taps) and the radix sort splits its input into buckets.
BIG = np.round(RNG.standard_normal(300_001) * 1000.0, 1)  # many ties
BIG[RNG.integers(0, BIG.size, 50)] = np.nan


def test_large_sorting_equals_numpy_exactly():
    assert_exact(fastwasm.sort(BIG), np.sort(BIG))
    assert_exact(fastwasm.argsort(BIG), np.argsort(BIG, kind="stable"))
    assert_exact(fastwasm.unique(BIG), np.unique(BIG))
    finite = BIG[np.isfinite(BIG)]
    assert_exact(fastwasm.argsort(finite[::-1]), np.argsort(finite[::-1], kind="stable"))
    assert_exact(fastwasm.sort(finite.astype(np.float32)), np.sort(finite.astype(np.float32)).astype(np.float64))


def test_large_reductions_equal_numpy():
    x = BIG[np.isfinite(BIG)]
    total = float(np.sum(np.abs(x)))
    assert_close(fastwasm.sum(x), np.sum(x), total)
    assert_close(fastwasm.mean(x), np.mean(x), mag(x))
    assert_close(fastwasm.var(x, ddof=1), np.var(x, ddof=1))
    assert fastwasm.min(x) == np.min(x) and fastwasm.argmax(x) == np.argmax(x)
    assert fastwasm.median(x) == np.median(x)
    assert_close(fastwasm.quantile(x, 0.123), np.quantile(x, 0.123), mag(x))
    assert_close(fastwasm.cumsum(x), np.cumsum(x), total)
    counts, edges = fastwasm.histogram(x, 1000)
    want_counts, want_edges = np.histogram(x, 1000)
    assert_exact(counts, want_counts)
    assert_close(edges, want_edges, mag(x))
    assert_close(fastwasm.dot(x, x[::-1]), np.dot(x, x[::-1]), float(np.sum(np.abs(x * x[::-1]))))


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_large_matmul_equals_numpy(dtype):
    a, b = RNG.standard_normal((160, 200)), RNG.standard_normal((200, 180))
    a, b = a.astype(dtype), b.astype(dtype)
    got = fastwasm.matmul(a, np.asfortranarray(b))
    assert_array(got, dtype, (160, 180))
    rel = F32_REL if dtype == "float32" else REL
    assert_close(got, a.astype(np.float64) @ b.astype(np.float64), 200 * mag(a) * mag(b), rel)


@pytest.mark.parametrize("n", [2**16, 65537, 100_000])
def test_large_transforms_and_convolve_equal_numpy(n):
    x = RNG.standard_normal(n) + 1j * RNG.standard_normal(n)
    scale = float(np.sum(np.abs(x.real)) + np.sum(np.abs(x.imag)))
    assert_close(fastwasm.fft(x), np.fft.fft(x), scale)
    assert_close(fastwasm.ifft(x), np.fft.ifft(x), scale / n)
    v = RNG.standard_normal(257)
    conv_scale = max(mag(x.real) * np.sum(np.abs(v)), mag(v) * np.sum(np.abs(x.real)))
    assert_close(fastwasm.convolve(x.real, v, "same"), np.convolve(x.real, v, "same"), conv_scale)


def test_large_images_equal_the_definitions():
    px = RNG.integers(0, 256, (300, 401, 4), dtype=np.uint8)
    h, w, _ = px.shape
    for name in ("grayscale", "gaussian_blur", "sobel"):
        func, ref = IMAGE_REFS[name]
        got = func(px, w, h)
        assert_array(got, np.uint8, px.shape)
        assert_image(got, *ref(px))


# --- the golden fixtures with numpy inputs -------------------------------------------------------

# JS export name -> Python function name, where they differ (as tests/python/test_golden.py).
PY_NAMES = {"variance": "var", "movingAverage": "moving_average", "gaussianBlur": "gaussian_blur"}
# Golden kernels without array inputs (tests/python/test_golden.py runs them).
NO_ARRAYS = {"mandelbrot", "primes", "levenshtein", "wordCounts"}
GOLDEN_CASES = [c for c in GOLDEN["cases"] if c["fn"] not in NO_ARRAYS]


def num(v):
    """A float from the fixture encoding (numbers, or "NaN" / "Infinity" / "-Infinity")."""
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def vec(values):
    return np.array([num(v) for v in values], dtype=np.float64)


def mat(m):
    return vec(m["data"]).reshape(m["shape"])


def golden_call(case):
    """The case's call with numpy inputs (float64 arrays, 2-D for matrices, (h, w, 4) uint8 for
    images)."""
    fn, a = case["fn"], case["args"]
    f = getattr(fastwasm, PY_NAMES.get(fn, fn))
    if fn in ("variance", "std"):
        return f(vec(a["x"]), ddof=num(a["ddof"]))
    if fn in ("quantile", "percentile"):
        return f(vec(a["x"]), num(a["q"]))
    if fn == "histogram":
        rng = None if a["range"] is None else (num(a["range"][0]), num(a["range"][1]))
        return f(vec(a["x"]), a["bins"], range=rng)
    if fn == "movingAverage":
        return f(vec(a["x"]), a["window"])
    if "x" in a:
        return f(vec(a["x"]))
    if fn == "dot":
        return f(vec(a["a"]), vec(a["b"]))
    if fn == "convolve":
        return f(vec(a["a"]), vec(a["v"]), mode=a["mode"])
    if fn == "matmul":
        return f(mat(a["a"]), mat(a["b"]))
    if fn == "solve":
        return f(mat(a["a"]), vec(a["b"]))
    if fn in ("transpose", "det", "inv"):
        return f(mat(a["a"]))
    if fn == "fft":
        return f(vec(a["re"]) if a["im"] is None else vec(a["re"]) + 1j * vec(a["im"]))
    if fn == "ifft":
        return f(vec(a["re"]) + 1j * vec(a["im"]))
    img = a["image"]
    px = np.array(img["rgba"], dtype=np.uint8).reshape(img["h"], img["w"], 4)
    if fn == "gaussianBlur":
        return f(px, img["w"], img["h"], num(a["sigma"]))
    return f(px, img["w"], img["h"])


@pytest.mark.parametrize("case", GOLDEN_CASES, ids=[c["name"] for c in GOLDEN_CASES])
def test_golden_with_numpy_inputs(case):
    """Every golden case with array inputs, given numpy arrays: numpy results of the documented
    dtypes, equal to the fixtures (made with numpy) within their tolerances."""
    fn, exp = case["fn"], case["expected"]
    scale = num(case.get("scale", 0.0))
    got = golden_call(case)
    if fn in ("argmin", "argmax"):
        assert type(got) is int and got == exp
    elif isinstance(exp, (int, float, str)):
        assert type(got) is float
        assert_close(got, num(exp), scale)
    elif fn in ("sort", "unique"):
        assert_array(got, np.float64, (len(exp),))
        assert_exact(got, vec(exp))
    elif fn == "argsort":
        assert_array(got, np.intp, (len(exp),))
        assert_exact(got, np.array(exp))
    elif fn == "histogram":
        counts, edges = got
        assert_array(counts, np.int64, (len(exp["counts"]),))
        assert_array(edges, np.float64, (len(exp["edges"]),))
        assert_exact(counts, np.array(exp["counts"]))
        assert_close(edges, vec(exp["edges"]), scale)
    elif fn in ("matmul", "transpose", "inv"):
        assert_array(got, np.float64, exp["shape"])
        assert_close(got, mat(exp), scale)
    elif fn in ("fft", "ifft"):
        assert_array(got, np.complex128, (len(exp["re"]),))
        assert_close(got, vec(exp["re"]) + 1j * vec(exp["im"]), scale)
    elif fn in ("grayscale", "sobel", "gaussianBlur"):
        img = case["args"]["image"]
        assert_array(got, np.uint8, (img["h"], img["w"], 4))
        diff = np.abs(got.ravel().astype(np.int16) - np.array(exp, dtype=np.int16))
        ambiguous = np.zeros(diff.size, dtype=bool)
        ambiguous[case.get("ambiguous", [])] = True
        bad = (diff > 1) | ((diff == 1) & ~ambiguous)
        assert not bad.any(), f"{int(bad.sum())} bytes differ, first at {np.flatnonzero(bad)[0]}"
    else:  # cumsum, solve, convolve, movingAverage
        assert_array(got, np.float64, (len(exp),))
        assert_close(got, vec(exp), scale)


# --- inputs unchanged, results not aliasing ------------------------------------------------------


def calls_with_arrays():
    """``(name, make)``: each function called with numpy inputs; ``make()`` returns the call and
    its array arguments (fresh arrays, so nothing else holds them)."""
    h, w, _ = IMAGE.shape
    one_d = ["sum", "mean", "var", "std", "min", "max", "argmin", "argmax", "norm", "median",
             "cumsum", "sort", "argsort", "unique", "fft", "ifft"]
    for name in one_d:
        yield name, lambda name=name: (getattr(fastwasm, name), [X.copy()])
    yield "quantile", lambda: (lambda x: fastwasm.quantile(x, 0.2), [X.copy()])
    yield "percentile", lambda: (lambda x: fastwasm.percentile(x, 20), [X.copy()])
    yield "histogram", lambda: (lambda x: fastwasm.histogram(x, 5), [X.copy()])
    yield "moving_average", lambda: (lambda x: fastwasm.moving_average(x, 3), [X.copy()])
    yield "dot", lambda: (fastwasm.dot, [X.copy(), X[::-1].copy()])
    yield "convolve", lambda: (fastwasm.convolve, [X.copy(), X[:5].copy()])
    yield "convolve float32", lambda: (fastwasm.convolve, [FLOAT32_X.copy(), FLOAT32_X[:5].copy()])
    yield "fft float32", lambda: (fastwasm.fft, [FLOAT32_X.copy()])
    yield "fft complex", lambda: (fastwasm.fft, [X + 1j * X[::-1]])
    yield "ifft complex64", lambda: (fastwasm.ifft, [(X + 1j * X[::-1]).astype(np.complex64)])
    yield "matmul", lambda: (fastwasm.matmul, [RECT.copy(), RECT.T.copy()])
    yield "matmul float32", lambda: (fastwasm.matmul, [RECT.astype(np.float32), RECT.T.astype(np.float32)])
    yield "transpose", lambda: (fastwasm.transpose, [RECT.copy()])
    yield "solve", lambda: (fastwasm.solve, [MAT.copy(), X[:6].copy()])
    yield "det", lambda: (fastwasm.det, [MAT.copy()])
    yield "inv", lambda: (fastwasm.inv, [MAT.copy()])
    yield "grayscale", lambda: (lambda img: fastwasm.grayscale(img, w, h), [IMAGE.copy()])
    yield "gaussian_blur", lambda: (lambda img: fastwasm.gaussian_blur(img, w, h, 2.0), [IMAGE.copy()])
    yield "sobel", lambda: (lambda img: fastwasm.sobel(img, w, h), [IMAGE.copy()])
    yield "array", lambda: (fastwasm.array, [X.copy()])


CALLS = dict(calls_with_arrays())


def arrays_in(result):
    """The numpy arrays in a result (an array, or a tuple such as histogram's)."""
    if isinstance(result, np.ndarray):
        return [result]
    if isinstance(result, tuple):
        return [r for r in result if isinstance(r, np.ndarray)]
    return []


def test_every_public_function_is_covered():
    names = {n for n in fastwasm.__all__ if callable(getattr(fastwasm, n)) and n[0].islower()}
    without_arrays = {"mandelbrot", "primes", "levenshtein", "word_counts", "enable_threads", "threads"}
    covered = {name.split()[0] for name in CALLS}
    assert names - without_arrays == covered


@pytest.mark.parametrize("name", CALLS)
def test_inputs_unchanged_and_results_not_aliased(name):
    func, arrays = CALLS[name]()
    before = [(a.copy(), a.dtype, a.shape, a.strides) for a in arrays]
    result = func(*arrays)
    for a, (copy, dtype, shape, strides) in zip(arrays, before):
        assert (a.dtype, a.shape, a.strides) == (dtype, shape, strides)
        assert np.array_equal(a, copy, equal_nan=True), f"{name} modified its input"
    for r in arrays_in(result):
        for a in arrays:
            assert not np.shares_memory(r, a), f"{name}'s result aliases its input"
        snapshot = [a.copy() for a in arrays]
        r[...] = 0  # writing to the result leaves the inputs alone
        assert all(np.array_equal(a, s, equal_nan=True) for a, s in zip(arrays, snapshot))
    # A second call with other values leaves the first result as it was.
    if arrays_in(result):
        kept = [r.copy() for r in arrays_in(result)]
        _, other = CALLS[name]()
        for o in other:
            o[...] = o[::-1] if o.ndim == 1 else o
        func(*other)
        assert all(np.array_equal(r, k, equal_nan=True) for r, k in zip(arrays_in(result), kept))


# --- zero-copy: read in place, buffers released --------------------------------------------------


@pytest.mark.parametrize("name", CALLS)
def test_no_buffer_left_exported(name):
    """After the call, each input can be resized in place (``refcheck=True``), which numpy refuses
    while a buffer export (a memoryview, a PyBuffer held by the extension) or any other reference
    to the array is alive."""
    func, arrays = CALLS[name]()
    result = func(*arrays)
    if name == "array":
        result.free()
    del result
    while arrays:
        a = arrays.pop()
        a.resize(a.size + 3, refcheck=True)


# Calls that fail after their array inputs were taken (a bad scalar argument or shape).
FAILING_CALLS = {
    "quantile": lambda x: fastwasm.quantile(x, 1.5),
    "percentile": lambda x: fastwasm.percentile(x, -1),
    "histogram": lambda x: fastwasm.histogram(x, 0),
    "moving_average": lambda x: fastwasm.moving_average(x, 10**6),
    "var": lambda x: fastwasm.var(x, ddof=10**6),
    "std": lambda x: fastwasm.std(x, ddof=10**6),
    "convolve": lambda a, v: fastwasm.convolve(a, v, "nope"),
    "convolve float32": lambda a, v: fastwasm.convolve(a, v, "nope"),
    "dot": lambda a, b: fastwasm.dot(a, b[1:]),
    "matmul": lambda a, b: fastwasm.matmul(a, b[1:]),
    "matmul float32": lambda a, b: fastwasm.matmul(a, b[1:]),
    "solve": lambda a, b: fastwasm.solve(a, b[1:]),
    "grayscale": lambda img: fastwasm.grayscale(img, 1, 1),
    "gaussian_blur": lambda img: fastwasm.gaussian_blur(img, 7, 5, -1.0),
    "sobel": lambda img: fastwasm.sobel(img, 2, 2),
}


@pytest.mark.parametrize("name", FAILING_CALLS)
def test_no_buffer_left_exported_after_an_error(name):
    """The same after a call that raises ``ValueError``."""
    _, arrays = CALLS[name]()
    with pytest.raises(ValueError):
        FAILING_CALLS[name](*arrays)
    while arrays:
        a = arrays.pop()
        a.resize(a.size + 3, refcheck=True)


def test_read_only_and_frombuffer_inputs_in_place():
    """Read-only arrays and arrays over immutable ``bytes`` are read, never written."""
    data = X.tobytes()
    x = np.frombuffer(data, dtype=np.float64)
    assert not x.flags.writeable
    assert fastwasm.sum(x) == fastwasm.sum(X) and fastwasm.median(x) == fastwasm.median(X)
    assert_exact(fastwasm.sort(x), np.sort(X))
    assert data == X.tobytes()
    img = np.frombuffer(IMAGE.tobytes(), dtype=np.uint8)
    h, w, _ = IMAGE.shape
    assert_exact(fastwasm.sobel(img, w, h), fastwasm.sobel(IMAGE, w, h).ravel())
    m32 = np.frombuffer(RECT.astype(np.float32).tobytes(), dtype=np.float32).reshape(RECT.shape)
    assert_array(fastwasm.matmul(m32, m32.T), np.float32, (4, 4))


def test_contiguous_float64_input_is_not_copied():
    """A C-contiguous float64 input is read in place: reducing 80 MB raises the process's peak
    memory by far less than a copy would (measured in a fresh interpreter, whose peak is only
    this)."""
    script = textwrap.dedent(
        """
        import resource, numpy as np, fastwasm
        x = np.ones(10_000_000)
        fastwasm.sum(x[:10])
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        fastwasm.sum(x); fastwasm.mean(x); fastwasm.var(x); fastwasm.max(x); fastwasm.dot(x, x)
        fastwasm.histogram(x, 10)
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    grown_kib = int(out.stdout.strip())
    assert grown_kib < 20_000, f"peak memory grew by {grown_kib} KiB for an 80 MB input"
