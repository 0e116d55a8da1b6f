"""What only the native backend promises (CPython; skipped under Pyodide): contiguous inputs of the
kernel's element type are read in place through the buffer protocol and released after the call,
numpy results wrap the kernel's own buffer (a ``Region``) and keep it alive exactly as long as they
need it, kernels release the GIL, and the shipped extension has the ``threads`` feature (rayon)."""

import array
import gc
import threading
import time
import weakref

import pytest
from backends import NATIVE

import fastwasm

if not NATIVE:
    pytest.skip("native backend only: the extension module fastwasm._native", allow_module_level=True)

import numpy as np  # noqa: E402 - only where the native backend runs (numpy is in its venv)
from fastwasm import _native  # noqa: E402

RNG = np.random.default_rng(15)
IMAGE = RNG.integers(0, 256, size=(3, 5, 4), dtype=np.uint8)


def region_of(result):
    """The ``Region`` under a numpy result (through reshapes and views)."""
    base = result.base
    while isinstance(base, np.ndarray):
        base = base.base
    assert type(base) is _native.Region, type(base)
    return base


# --- inputs read in place ----------------------------------------------------------------------


def test_read_only_inputs_are_read_in_place():
    # np.frombuffer over bytes: read-only memory, which a kernel can read but nothing can write.
    values = RNG.normal(size=1000)
    x = np.frombuffer(values.tobytes(), dtype=np.float64)
    assert not x.flags.writeable and x.flags.c_contiguous
    assert np.array_equal(fastwasm.sort(x), np.sort(values))
    assert fastwasm.sum(x) == fastwasm.sum(values.tolist())
    assert fastwasm.quantile(x, 0.25) == np.quantile(values, 0.25)
    img = np.frombuffer(IMAGE.tobytes(), dtype=np.uint8).reshape(IMAGE.shape)
    assert not img.flags.writeable
    gray = fastwasm.grayscale(img, 5, 3)
    assert gray.shape == IMAGE.shape and np.array_equal(gray, fastwasm.grayscale(IMAGE.copy(), 5, 3))
    assert bytes(fastwasm.grayscale(IMAGE.tobytes(), 5, 3)) == gray.tobytes()


def test_no_buffer_stays_exported_after_a_call():
    # array.array and bytearray refuse to resize while a buffer of theirs is exported.
    x = array.array("d", RNG.normal(size=100).tolist())
    fastwasm.sum(x)
    fastwasm.sort(x)
    fastwasm.convolve(x, x)
    x.append(1.0)
    with pytest.raises(ValueError):
        fastwasm.quantile(x, 2)  # refused by the kernel, after the buffer was exported
    x.append(2.0)
    img = bytearray(IMAGE.tobytes())
    fastwasm.gaussian_blur(img, 5, 3, 1.0)
    with pytest.raises(ValueError):
        fastwasm.sobel(img, 5, 4)
    img.extend(bytes(4 * 5))
    assert len(fastwasm.sobel(img, 5, 4)) == 4 * 5 * 4
    text = "native " * 100
    fastwasm.word_counts(text, 3)
    fastwasm.levenshtein(text, text[::-1])


def test_non_contiguous_fortran_and_unaligned_inputs_are_converted_once():
    a = RNG.normal(size=(4, 6))
    for view in (a[:, ::2].ravel(order="K")[::-1], np.asfortranarray(a).T.ravel(order="K")):
        assert np.array_equal(fastwasm.cumsum(view), np.cumsum(view))
    unaligned = np.frombuffer(b"\0" + a.tobytes(), dtype=np.float64, count=a.size, offset=1)
    assert not unaligned.flags.aligned
    assert np.array_equal(fastwasm.sort(unaligned), np.sort(a.ravel()))
    fortran = np.asfortranarray(a[:, :4])
    assert np.allclose(fastwasm.matmul(fortran, fortran.T), fortran @ fortran.T, rtol=1e-12)


# --- results own their region ------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda x: fastwasm.sort(x), id="sort"),
        pytest.param(lambda x: fastwasm.histogram(x, 4)[1], id="histogram-edges"),
        pytest.param(lambda x: fastwasm.fft(x), id="fft"),
        pytest.param(lambda x: fastwasm.matmul(x.reshape(10, 10), x.reshape(10, 10)), id="matmul"),
        pytest.param(lambda x: fastwasm.grayscale((x * 2.55).astype(np.uint8), 5, 5), id="grayscale"),
    ],
)
def test_numpy_results_keep_their_region_alive_and_free_it_with_them(call):
    x = np.linspace(0.0, 99.0, 100)
    result = call(x)
    expected = result.copy()
    region = weakref.ref(region_of(result))
    del x
    for _ in range(3):
        call(np.linspace(100.0, 0.0, 100))  # other results, in other memory
    gc.collect()
    assert region() is not None
    assert np.array_equal(result, expected)
    result[...] = 0  # the result is the caller's to write
    assert not result.any()
    del result, expected
    gc.collect()
    assert region() is None


def test_resident_arrays_keep_their_region_until_freed():
    r = fastwasm.array([3.0, 1.0, 2.0])
    region = weakref.ref(r._id)
    s = fastwasm.sort(r)
    assert s.tolist() == [1.0, 2.0, 3.0] and np.asarray(s).tolist() == [1.0, 2.0, 3.0]
    gc.collect()
    assert region() is not None
    r.free()
    gc.collect()
    assert region() is None and s.tolist() == [1.0, 2.0, 3.0]
    s.free()


# --- the GIL is released -------------------------------------------------------------------------


def test_kernels_release_the_gil():
    """Two threads run a long kernel (mandelbrot 2000x2000, max_iter 500) while this thread keeps
    running Python code: the two calls overlap in time, and this thread runs during the middle of
    each, which it could not if a kernel held the GIL. Not a speed test: only the order of events
    is checked."""
    start = threading.Barrier(3)
    intervals = {}
    results = {}

    def run(name):
        start.wait()
        begin = time.perf_counter()
        results[name] = fastwasm.mandelbrot(2000, 2000, -2.0, 1.0, -1.5, 1.5, 500)
        intervals[name] = (begin, time.perf_counter())

    threads = [threading.Thread(target=run, args=(name,)) for name in ("a", "b")]
    for t in threads:
        t.start()
    start.wait()
    beats = []
    while any(t.is_alive() for t in threads):
        beats.append(time.perf_counter())
        time.sleep(0.001)
    for t in threads:
        t.join()

    assert results["a"] == results["b"] and len(results["a"]) == 2000 * 2000
    (a0, a1), (b0, b1) = intervals["a"], intervals["b"]
    assert max(a0, b0) < min(a1, b1), intervals  # the two calls overlap
    for begin, end in intervals.values():
        quarter = (end - begin) / 4
        assert any(begin + quarter < t < end - quarter for t in beats), (begin, end, len(beats))


def test_the_shipped_extension_is_threaded():
    assert _native.THREADS is True
