"""fastwasm.dask on a distributed.LocalCluster of two worker processes.

Every result is compared with single-process fastwasm on the same data, computed: bit for bit
where fastwasm.dask promises it (images, cumsum, min, max, histogram, quantile, percentile,
median), within rtol 1e-12 for sum, mean, var and std. The datasets have 8 to 24 chunks, and the
fastwasm tasks are checked to have run on both workers.
"""

import math
import subprocess
import sys

import numpy as np
import pytest

import fastwasm

if getattr(fastwasm, "backend", None) != "native":
    pytest.skip(
        "fastwasm.dask runs on Dask workers: needs fastwasm's native backend (CPython), "
        f"got backend {getattr(fastwasm, 'backend', None)!r}",
        allow_module_level=True,
    )
DASK_MISSING = "fastwasm.dask needs dask: pip install 'dask[distributed]'"
da = pytest.importorskip("dask.array", reason=DASK_MISSING)
distributed = pytest.importorskip("distributed", reason=DASK_MISSING)

import dask  # noqa: E402 - after the skips
from dask.utils import key_split  # noqa: E402

import fastwasm.dask as fd  # noqa: E402

RNG = np.random.default_rng(15)
# 120 000 values in 12 chunks: normal values, repeated values, both zeros.
VALUES = np.concatenate([RNG.normal(50.0, 1e3, 100_000), np.round(RNG.normal(0, 3, 20_000))])
VALUES[[7, 70_007]] = -0.0
RNG.shuffle(VALUES)
# (h, w, 4) RGBA in 8 x 3 = 24 chunks of 12 x 30 pixels (the last ones smaller).
IMAGE = RNG.integers(0, 256, size=(90, 70, 4), dtype=np.uint8)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def x(client):
    return da.from_array(VALUES, chunks=10_000)


@pytest.fixture(scope="module")
def image(client):
    return da.from_array(IMAGE, chunks=(12, 30, 4))


def same(a, b):
    """Bit for bit, for floats: equal with the same sign of zero, or both NaN."""
    a, b = float(a), float(b)
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


def rgba_args(img):
    h, w, _ = img.shape
    return w, h


# --- images ----------------------------------------------------------------------------------


def test_grayscale_equals_whole_image(image):
    got = fd.grayscale(image)
    assert got.chunks == image.chunks
    data = image.compute()
    np.testing.assert_array_equal(got.compute(), fastwasm.grayscale(data, *rgba_args(data)))


# Radii 1, 3, 7 (within a chunk), 15 (more than the 12-row chunks: dask merges them) and 18
# (beyond the kernel's float64-checked radius of 16).
@pytest.mark.parametrize("sigma", [0.2, 1.0, 2.2, 5.0, 6.0])
def test_gaussian_blur_equals_whole_image_bit_for_bit(image, sigma):
    data = image.compute()
    want = fastwasm.gaussian_blur(data, *rgba_args(data), sigma)
    got = fd.gaussian_blur(image, sigma).compute()
    assert got.dtype == np.uint8 and got.shape == data.shape
    np.testing.assert_array_equal(got, want)


def test_gaussian_blur_radius_beyond_the_image(client):
    small = da.from_array(IMAGE[:9, :10], chunks=(3, 4, 4))
    data = small.compute()
    for sigma in (3.0, 40.0):
        want = fastwasm.gaussian_blur(data, *rgba_args(data), sigma)
        np.testing.assert_array_equal(fd.gaussian_blur(small, sigma).compute(), want)


def test_sobel_equals_whole_image_bit_for_bit(image):
    data = image.compute()
    got = fd.sobel(image)
    assert got.chunks == image.chunks
    np.testing.assert_array_equal(got.compute(), fastwasm.sobel(data, *rgba_args(data)))


@pytest.mark.parametrize(("h", "w", "chunks"), [(6, 9, (1, 3, 4)), (4, 5, (2, 1, 4))])
def test_image_in_chunks_of_single_rows_or_columns(client, h, w, chunks):
    # Chunks plus halo narrower than the blur's 4-pixel groups take the kernel's narrow path.
    thin = da.from_array(IMAGE[:h, :w], chunks=chunks)
    data = thin.compute()
    got = dask.compute(fd.sobel(thin), fd.gaussian_blur(thin, 0.3), fd.grayscale(thin))
    np.testing.assert_array_equal(got[0], fastwasm.sobel(data, w, h))
    np.testing.assert_array_equal(got[1], fastwasm.gaussian_blur(data, w, h, 0.3))
    np.testing.assert_array_equal(got[2], fastwasm.grayscale(data, w, h))


# --- running sum -----------------------------------------------------------------------------


def test_cumsum_equals_single_process_bit_for_bit(x):
    got = fd.cumsum(x)
    assert got.chunks == x.chunks and got.dtype == np.float64
    want = fastwasm.cumsum(x.compute())
    result = got.compute()
    assert all(same(g, w) for g, w in zip(result[::997], want[::997]))
    np.testing.assert_array_equal(result, want)
    assert np.array_equal(np.signbit(result), np.signbit(want))


def test_cumsum_of_integers_and_empty_chunks(client):
    ints = np.arange(-5_000, 35_000, 3, dtype=np.int64)
    x = da.from_array(ints, chunks=((0, 1_000, 0, 5_000, 2_000, 1_000, 1_000, 3_334),))
    np.testing.assert_array_equal(fd.cumsum(x).compute(), fastwasm.cumsum(ints))


# --- reductions ------------------------------------------------------------------------------


def test_sum_mean_var_std_within_rtol_1e_12(x):
    data = x.compute()
    got = dask.compute(
        fd.sum(x), fd.mean(x), fd.var(x), fd.var(x, ddof=1), fd.std(x), fd.std(x, ddof=1.5)
    )
    want = (
        fastwasm.sum(data),
        fastwasm.mean(data),
        fastwasm.var(data),
        fastwasm.var(data, ddof=1),
        fastwasm.std(data),
        fastwasm.std(data, ddof=1.5),
    )
    for g, w in zip(got, want):
        assert np.ndim(g) == 0
        assert g == pytest.approx(w, rel=1e-12, abs=0)


def test_var_of_shifted_data_within_rtol_1e_12(client):
    # A large mean and a small spread: the combination must not cancel.
    data = 1e9 + RNG.normal(0, 1, 80_000)
    x = da.from_array(data, chunks=9_000)
    assert fd.var(x).compute() == pytest.approx(fastwasm.var(data), rel=1e-12, abs=0)
    assert fd.mean(x).compute() == pytest.approx(fastwasm.mean(data), rel=1e-12, abs=0)


def test_min_max_exact(x):
    data = x.compute()
    got_min, got_max = dask.compute(fd.min(x), fd.max(x))
    assert same(got_min, fastwasm.min(data)) and same(got_max, fastwasm.max(data))


def test_min_max_of_zeros_take_the_later_one(client):
    # fastwasm (like numpy) returns the later of equal extremes: here the sign of zero shows it.
    for data in (np.array([0.0, 1.0, -0.0, 2.0] * 4), np.array([-0.0, 1.0, 0.0, 2.0] * 4)):
        x = da.from_array(data, chunks=2)
        assert same(fd.min(x).compute(), fastwasm.min(data))
        assert same(fd.max(-x).compute(), fastwasm.max(-data))


@pytest.mark.parametrize("bins", [1, 37, 1000])
def test_histogram_counts_and_edges_exact(x, bins):
    data = x.compute()
    counts, edges = dask.compute(*fd.histogram(x, bins))
    want_counts, want_edges = fastwasm.histogram(data, bins)
    np.testing.assert_array_equal(counts, want_counts)
    np.testing.assert_array_equal(edges, want_edges)
    assert counts.dtype == np.int64 and counts.sum() == len(data)


def test_histogram_with_range_and_constant_data(client):
    data = np.full(40, 3.0)
    x = da.from_array(data, chunks=5)
    for given in (None, (-2.0, 3.0), (3.0, 3.0)):
        counts, edges = dask.compute(*fd.histogram(x, 4, range=given))
        want_counts, want_edges = fastwasm.histogram(data, 4, range=given)
        np.testing.assert_array_equal(counts, want_counts)
        np.testing.assert_array_equal(edges, want_edges)


def test_histogram_of_non_finite_data_raises_on_compute(client):
    x = da.from_array(np.array([1.0, 2.0, np.inf, 4.0] * 4), chunks=4)
    counts, _ = fd.histogram(x, 3)
    with pytest.raises(ValueError, match=r"fastwasm.dask.histogram: .*not finite"):
        counts.compute()


# --- exact quantiles -------------------------------------------------------------------------

QS = [0.0, 0.001, 0.25, 1 / 3, 0.5, 0.7, 0.999, 1.0]


def test_quantile_exact(x):
    data = x.compute()
    one, several = dask.compute(fd.quantile(x, 0.3), fd.quantile(x, QS))
    assert np.ndim(one) == 0 and same(one, fastwasm.quantile(data, 0.3))
    assert several.shape == (len(QS),)
    for q, got in zip(QS, several):
        assert same(got, fastwasm.quantile(data, q)), q


def test_percentile_and_median_exact(x):
    data = x.compute()
    got = dask.compute(fd.percentile(x, [12.5, 50, 99.9]), fd.median(x), fd.median(x[1:]))
    for q, g in zip([12.5, 50, 99.9], got[0]):
        assert same(g, fastwasm.percentile(data, q)), q
    assert same(got[1], fastwasm.median(data))  # even length: mean of the two middle values
    assert same(got[2], fastwasm.median(data[1:]))  # odd length


@pytest.mark.parametrize(
    "data",
    [
        np.arange(50, dtype=np.float32) / 7,  # float32, converted to float64 as fastwasm does
        np.tile(np.array([-0.0, 0.0, 1.0]), 10),  # signed zeros, repeats
        np.array([-np.inf, -1e308, 5e-324, 0.0, 1e308, np.inf] * 3),
        np.array([np.inf] * 20),  # inf - inf: NaN, as numpy
        np.array([1.0, np.nan, 2.0] * 8),  # NaN anywhere: NaN
        RNG.integers(-(2**62), 2**62, 64),  # int64 beyond 2**53: rounded to float64
    ],
    ids=["float32", "zeros", "extremes", "infinities", "nan", "int64"],
)
def test_quantile_and_median_exact_on_edge_cases(client, data):
    x = da.from_array(data, chunks=max(1, len(data) // 8))
    quantiles, med = dask.compute(fd.quantile(x, QS), fd.median(x))
    for q, got in zip(QS, quantiles):
        assert same(got, fastwasm.quantile(data, q)), q
    assert same(med, fastwasm.median(data))


# --- the work runs on the cluster ------------------------------------------------------------


def test_fastwasm_tasks_ran_on_both_workers(client, x, image):
    with distributed.get_task_stream(client) as stream:
        dask.compute(fd.quantile(x, 0.3), fd.var(x), fd.histogram(x, 10)[0], fd.sobel(image))
    workers = set(client.scheduler_info()["workers"])
    ran_on = {t["worker"] for t in stream.data if key_split(t["key"]).startswith("fastwasm-")}
    assert ran_on == workers and len(workers) == 2
    assert all(client.run(lambda: "fastwasm.dask" in sys.modules).values())


def test_fastwasm_reads_arrays_gathered_from_workers(x):
    # compute() hands back arrays over the received network frames, at whatever byte offset they
    # landed: fastwasm reads an unaligned float64 array like any other.
    data = VALUES[:1001].copy()
    unaligned = np.frombuffer(bytearray(8 * len(data) + 1), np.float64, len(data), offset=1)
    unaligned[:] = data
    assert not unaligned.flags.aligned
    assert same(fastwasm.sum(unaligned), fastwasm.sum(data))
    assert same(fastwasm.quantile(unaligned, 0.3), fastwasm.quantile(data, 0.3))
    np.testing.assert_array_equal(fastwasm.cumsum(unaligned), fastwasm.cumsum(data))
    np.testing.assert_array_equal(fastwasm.cumsum(x[:1001].compute()), fastwasm.cumsum(data))


@pytest.mark.parametrize("name", fd.__all__)
def test_functions_document_numpy_equivalent_and_errors(name):
    doc = getattr(fd, name).__doc__
    assert "numpy" in doc and ("Raises" in doc or "Errors" in doc)


def test_import_fastwasm_does_not_import_dask():
    code = "import sys, fastwasm; print([m for m in ('dask', 'distributed') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- bad input -------------------------------------------------------------------------------


def test_bad_input_raises_naming_function_and_argument():
    vector = da.from_array(np.arange(8.0), chunks=4)
    rgba = da.from_array(IMAGE[:4, :4], chunks=(2, 2, 4))
    with pytest.raises(TypeError, match=r"^fastwasm.dask.sum: x must be a dask array, got numpy"):
        fd.sum(np.arange(3.0))
    with pytest.raises(TypeError, match=r"^fastwasm.dask.median: x must have a float or integer"):
        fd.median(vector.astype(np.complex128))
    with pytest.raises(ValueError, match=r"^fastwasm.dask.var: x must be 1-dimensional, got 2"):
        fd.var(vector.reshape(2, 4))
    with pytest.raises(ValueError, match=r"^fastwasm.dask.var: ddof must be less than the length"):
        fd.var(vector, ddof=8)
    with pytest.raises(ValueError, match=r"^fastwasm.dask.mean: x must not be empty"):
        fd.mean(vector[:0])
    with pytest.raises(ValueError, match=r"^fastwasm.dask.quantile: q must be in \[0, 1\]"):
        fd.quantile(vector, 1.5)
    with pytest.raises(TypeError, match=r"^fastwasm.dask.quantile: q "):
        fd.quantile(vector, "half")
    with pytest.raises(ValueError, match=r"^fastwasm.dask.percentile: q must be in \[0, 100\]"):
        fd.percentile(vector, [50, 101])
    with pytest.raises(ValueError, match=r"^fastwasm.dask.histogram: bins must be at least 1"):
        fd.histogram(vector, 0)
    with pytest.raises(ValueError, match=r"^fastwasm.dask.cumsum: x has unknown chunk sizes"):
        fd.cumsum(vector[vector > 2])
    with pytest.raises(TypeError, match=r"^fastwasm.dask.sobel: rgba must have dtype uint8"):
        fd.sobel(rgba.astype(np.float64))
    with pytest.raises(ValueError, match=r"^fastwasm.dask.grayscale: rgba must have shape"):
        fd.grayscale(rgba[..., :3])
    with pytest.raises(ValueError, match=r"^fastwasm.dask.sobel: rgba must keep the 4 channels"):
        fd.sobel(rgba.rechunk({2: 2}))
    with pytest.raises(ValueError, match=r"^fastwasm.dask.gaussian_blur: sigma must be in"):
        fd.gaussian_blur(rgba, -1.0)
