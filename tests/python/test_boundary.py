"""The typed boundary from Python: errors by kind, big ints, code points, resident arrays.

The reproductions of the boundary redesign that apply to Python: validation before allocation,
text with lone surrogates (Python's own semantics: every code point counts, a lone surrogate
included), and every int a JS number accepts.

On the native backend inputs are read in place, so there is no wasm memory that could grow: the
same errors are checked there, and the resident arrays' regions are watched through weak
references instead of the wasm build's region count.
"""

import array
import gc
import weakref

import fastwasm
import pytest
from backends import WASM, native_only, wasm_only
from fastwasm._backend import runtime as _runtime


def memory_bytes():
    """The wasm memory's size (the WebAssembly backend only)."""
    return int(_runtime.exports.wasmMemory().buffer.byteLength)


# --- errors cross as kinds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "exc", "message"),
    [
        (lambda: fastwasm.mean([]), ValueError, "mean: x must not be empty"),
        (lambda: fastwasm.quantile([1.0], 1.5), ValueError, "quantile: q must be in [0, 1], got 1.5"),
        (lambda: fastwasm.percentile([1.0], 150), ValueError, "percentile: q must be in [0, 100], got 150"),
        (lambda: fastwasm.moving_average([1.0, 2.0], 3), ValueError, "moving_average: window "),
        (lambda: fastwasm.mandelbrot(2, 2, -2, 1, -1, 1, 2**32), ValueError, "mandelbrot: max_iter "),
        (lambda: fastwasm.histogram([1.0, 2.0], 2**40), MemoryError, "histogram: bins "),
        (lambda: fastwasm.fft([]), ValueError, "fft: x must not be empty"),
        (lambda: fastwasm.det([[1.0, 2.0, 3.0]]), ValueError, "det: a must be square"),
    ],
)
def test_kernel_errors_map_by_kind_with_python_names(call, exc, message):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc
    assert str(info.value).startswith(message), str(info.value)
    assert fastwasm.sum([1.0, 2.0]) == 3.0


# --- every int a JS number accepts, and a clear error beyond -------------------------------------


def test_ints_up_to_2_53_minus_1_are_accepted():
    big = 2**53 - 1
    assert fastwasm.word_counts("a b a", big) == [("a", 2), ("b", 1)]
    assert fastwasm.sum([big, 1]) == float(2**53)
    assert fastwasm.quantile([1.0, 2.0], 1) == 2.0


@pytest.mark.parametrize("n", [2**53, 2**64, 2**1024, -(2**1024)])
def test_huge_ints_get_errors_naming_the_function(n):
    with pytest.raises(ValueError) as info:
        fastwasm.primes(n)
    assert str(info.value).startswith("primes: n "), str(info.value)
    with pytest.raises(ValueError) as info:
        fastwasm.moving_average([1.0, 2.0], n)
    assert str(info.value).startswith("moving_average: window "), str(info.value)


@pytest.mark.parametrize("n", [2**1024, -(2**1024)])
def test_huge_ints_as_floats_get_errors_naming_the_function(n):
    with pytest.raises(ValueError) as info:
        fastwasm.quantile([1.0, 2.0], n)
    assert str(info.value).startswith("quantile: q "), str(info.value)
    with pytest.raises(ValueError) as info:
        fastwasm.sum([1.0, n])
    assert str(info.value).startswith("sum: x "), str(info.value)
    with pytest.raises(ValueError) as info:
        fastwasm.gaussian_blur(bytes(4), 1, 1, n)
    assert str(info.value).startswith("gaussian_blur: sigma "), str(info.value)


# --- text by code points -----------------------------------------------------------------------


def test_lone_surrogates_are_code_points_of_their_own():
    assert fastwasm.levenshtein("\ud800", "\udc00") == 1
    assert fastwasm.levenshtein("\ud800", "\ud800") == 0
    # Two lone surrogates are two code points, unlike the one code point they would pair into.
    assert len("\ud800\udc00") == 2
    assert fastwasm.levenshtein("\ud800\udc00", "\U00010000") == 2
    assert fastwasm.levenshtein("\U0001f600", "") == 1
    assert fastwasm.levenshtein("x\U0001f600y", "x\U0001f601y") == 1


def test_word_counts_treat_lone_surrogates_as_separators():
    assert fastwasm.word_counts("a\ud800b a", 5) == [("a", 2), ("b", 1)]
    assert fastwasm.word_counts("\ud800\udc00", 5) == []


# --- images within wasm32's address space on both backends --------------------------------------


@pytest.mark.parametrize("func", ["grayscale", "sobel", "gaussian_blur"])
@pytest.mark.parametrize(
    ("w", "h", "message"),
    [
        (100_000, 100_000, "w and h are too large: 4*w*h overflows, got 100000x100000"),
        (65_536, 16_384, "w and h are too large: 4*w*h overflows, got 65536x16384"),  # 4*w*h = 2**32
        (65_535, 16_384, "rgba must have 4*w*h = 4294901760 bytes, got 4"),  # fits: the length is checked
        (1, 0, "h must be at least 1, got 0"),
    ],
)
def test_images_beyond_wasm32_are_refused_alike(func, w, h, message):
    # The native build keeps wasm32's limit on 4*w*h, as it keeps every size below 2**32.
    args = (bytes(4), w, h) + ((1.0,) if func == "gaussian_blur" else ())
    with pytest.raises(ValueError) as info:
        getattr(fastwasm, func)(*args)
    assert str(info.value) == f"{func}: {message}"


# --- validation before allocation --------------------------------------------------------------


def test_a_bad_element_at_the_end_of_a_long_list_does_not_grow_memory():
    before = memory_bytes() if WASM else None
    values = [1.5] * 2_000_000 + ["x"]
    with pytest.raises(TypeError) as info:
        fastwasm.mean(values)
    assert str(info.value).startswith("mean: x "), str(info.value)
    if WASM:
        assert memory_bytes() == before


def test_bad_sizes_and_scalars_with_large_inputs_are_refused_before_staging():
    big = array.array("d", bytes(8 * 2**23))  # 64 MiB: staging it would grow the memory
    before = memory_bytes() if WASM else None
    cases = [
        (lambda: fastwasm.quantile(big, 2), "quantile: q "),
        (lambda: fastwasm.var(big, 2**24), "var: ddof "),
        (lambda: fastwasm.dot(big, [1.0, 2.0]), "dot: a "),
        (lambda: fastwasm.moving_average(big, 2**24), "moving_average: window "),
        (lambda: fastwasm.histogram(big, 0), "histogram: bins "),
        (lambda: fastwasm.convolve(big, [1.0], "nope"), "convolve: mode "),
        (lambda: fastwasm.grayscale(bytes(2**26), 3, 3), "grayscale: rgba "),
    ]
    for call, prefix in cases:
        with pytest.raises(ValueError) as info:
            call()
        assert str(info.value).startswith(prefix), str(info.value)
    if WASM:
        assert memory_bytes() == before


def test_large_inputs_pass_the_check_before_staging():
    # Above 64 KiB the sizes are checked before staging; an optional array left out (fft's
    # imaginary part) must count as absent, not as an empty array.
    x = [((i * 7919) % 1000) / 100.0 - 5.0 for i in range(20_000)]
    # The real-input path and the complex one agree to rounding (they are different algorithms).
    real, complex_ = fastwasm.fft(x), fastwasm.fft([complex(v, 0.0) for v in x])
    assert len(real) == len(complex_) == len(x)
    assert max(abs(a - b) for a, b in zip(real, complex_)) <= 1e-9 * max(abs(b) for b in complex_)
    assert fastwasm.sum(x) == fastwasm.sum(array.array("d", x))
    assert fastwasm.convolve(x, x[:3]) == fastwasm.convolve(array.array("d", x), x[:3]).tolist()
    assert fastwasm.histogram(x, 7)[0] == fastwasm.histogram(array.array("d", x), 7)[0].tolist()


# --- resident arrays -----------------------------------------------------------------------------


def test_resident_chain_returns_resident_until_the_scalar():
    x = [float((i * 7919) % 1000) - 500.0 for i in range(20_000)]
    r = fastwasm.array(x)
    assert isinstance(r, fastwasm.ResidentArray)
    assert (len(r), r.dtype) == (20_000, "float64")
    s = fastwasm.sort(r)
    c = fastwasm.cumsum(s)
    assert isinstance(s, fastwasm.ResidentArray) and isinstance(c, fastwasm.ResidentArray)
    assert s.tolist() == sorted(x)
    assert fastwasm.quantile(c, 0.5) == fastwasm.quantile(fastwasm.cumsum(sorted(x)), 0.5)
    assert c.to_array() == array.array("d", fastwasm.cumsum(sorted(x)))
    for a in (r, s, c):
        a.free()


def test_resident_results_of_every_kind():
    with fastwasm.array([3.0, 1.0, 2.0, 2.0]) as r:
        idx = fastwasm.argsort(r)
        assert (idx.dtype, idx.tolist()) == ("uint32", [1, 2, 3, 0])
        counts, edges = fastwasm.histogram(r, 2)
        assert (counts.tolist(), edges.tolist()) == ([1, 3], [1.0, 2.0, 3.0])
        assert fastwasm.dot(r, r) == 18.0
        assert isinstance(fastwasm.convolve(r, [1.0, 1.0]), fastwasm.ResidentArray)
    img = fastwasm.array([10, 20, 30, 255], "uint8")
    gray = fastwasm.grayscale(img, 1, 1)
    assert (gray.dtype, gray.tolist()) == ("uint8", [18, 18, 18, 255])


def test_freed_resident_arrays_raise_value_error_naming_the_function():
    r = fastwasm.array([1.0, 2.0])
    r.free()
    r.free()
    assert r.freed
    with pytest.raises(ValueError) as info:
        fastwasm.sum(r)
    assert str(info.value).startswith("sum: x is a ResidentArray that was freed")
    with pytest.raises(ValueError):
        r.tolist()


def test_array_checks_its_arguments():
    with pytest.raises(TypeError, match=r"^array: data "):
        fastwasm.array("abc")
    with pytest.raises(ValueError, match=r"^array: dtype "):
        fastwasm.array([1.0], "int64")
    with pytest.raises(TypeError, match=r"^array: dtype "):
        fastwasm.array([1.0], 8)
    with pytest.raises(TypeError):
        fastwasm.ResidentArray()
    assert fastwasm.array([1.9, 255], "uint8").tolist() == [1, 255]


@wasm_only("counts the wasm build's regions and measures its memory")
def test_resident_arrays_are_freed_and_memory_stays_flat():
    def regions():
        return int(_runtime.exports.__fwRegionCount())

    for _ in range(50):
        fastwasm.sort(fastwasm.array([3.0, 1.0] * 500)).free()
    before_regions, before_bytes = regions(), memory_bytes()
    for _ in range(500):
        with fastwasm.array([3.0, 1.0] * 500) as r:
            fastwasm.sort(r).free()
    for _ in range(500):
        fastwasm.sort(fastwasm.array([3.0, 1.0] * 500))  # dropped: __del__ frees both
    assert regions() == before_regions
    assert memory_bytes() == before_bytes


@native_only("the WebAssembly backend's regions are counted by the test above")
def test_resident_arrays_and_results_free_their_regions():
    """What the test above checks in the wasm memory, natively: each resident array's region (a
    ``Region`` object) is gone once the array is freed, explicitly, by a with block or when the
    array is dropped."""
    refs = []
    for _ in range(200):
        with fastwasm.array([3.0, 1.0] * 500) as r:
            ordered = fastwasm.sort(r)
            refs += [weakref.ref(r._id), weakref.ref(ordered._id)]
            ordered.free()
        dropped = fastwasm.array([3.0, 1.0] * 500)
        result = fastwasm.sort(dropped)
        refs += [weakref.ref(dropped._id), weakref.ref(result._id)]
        del dropped, result  # __del__ frees both
    gc.collect()
    assert [ref for ref in refs if ref() is not None] == []
