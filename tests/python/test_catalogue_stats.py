"""Statistics kernels (var, std, min, max, argmin, argmax, norm, median, quantile, cumsum,
histogram) against plain-Python references (the statistics module and naive.py)."""

import itertools
import math
import random
import statistics

import pytest

import fastwasm
from naive import naive_histogram, naive_quantile, naive_var

RNG = random.Random(20240611)
SAMPLES = [
    [3.5],
    [1.0, 2.0],
    [RNG.uniform(-10, 10) for _ in range(7)],
    [RNG.gauss(5, 3) for _ in range(100)],
    [RNG.uniform(0, 1) for _ in range(2501)],
]


@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_var_and_std(x):
    assert math.isclose(fastwasm.var(x), statistics.pvariance(x), rel_tol=1e-12, abs_tol=1e-300)
    assert math.isclose(fastwasm.std(x), statistics.pstdev(x), rel_tol=1e-12, abs_tol=1e-300)
    if len(x) > 1:
        assert math.isclose(fastwasm.var(x, ddof=1), statistics.variance(x), rel_tol=1e-12)
        assert math.isclose(fastwasm.std(x, 1), statistics.stdev(x), rel_tol=1e-12)
    if len(x) > 2:
        assert math.isclose(fastwasm.var(x, ddof=2), naive_var(x, 2), rel_tol=1e-12)
        assert math.isclose(fastwasm.var(x, ddof=0.5), naive_var(x, 0.5), rel_tol=1e-12)


@pytest.mark.parametrize("n", [1, 2, 3, 10, 1000, 100_001])
def test_var_of_1_to_n_closed_form(n):
    assert math.isclose(fastwasm.var(range(1, n + 1)), (n * n - 1) / 12, rel_tol=1e-12)
    assert math.isclose(fastwasm.std(range(1, n + 1)), math.sqrt((n * n - 1) / 12), rel_tol=1e-12)


def test_var_of_constant_is_exactly_zero():
    assert fastwasm.var([0.375] * 1000) == 0.0
    assert fastwasm.std([7.0]) == 0.0


@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_min_max_argmin_argmax(x):
    assert fastwasm.min(x) == min(x)
    assert fastwasm.max(x) == max(x)
    assert fastwasm.argmin(x) == x.index(min(x))
    assert fastwasm.argmax(x) == x.index(max(x))


def test_arg_extremes_pick_the_first_and_nan_wins():
    assert fastwasm.argmin([3, 1, 2, 1]) == 1
    assert fastwasm.argmax([1, 5, 5, 0]) == 1
    x = [1.0, math.nan, 0.0, math.nan]
    assert fastwasm.argmin(x) == 1 and fastwasm.argmax(x) == 1
    assert math.isnan(fastwasm.min(x)) and math.isnan(fastwasm.max(x))
    assert type(fastwasm.argmin([2.0])) is int and type(fastwasm.argmax([2.0])) is int
    assert fastwasm.min([-math.inf, 0.0]) == -math.inf


@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_norm(x):
    assert math.isclose(fastwasm.norm(x), math.sqrt(math.fsum(v * v for v in x)), rel_tol=1e-13)


def test_norm_without_overflow_or_underflow():
    assert fastwasm.norm([3e200, 4e200]) == pytest.approx(5e200, rel=1e-15)
    assert fastwasm.norm([3e-200, -4e-200]) == pytest.approx(5e-200, rel=1e-15)
    assert fastwasm.norm([]) == 0.0
    assert fastwasm.norm([-2.0]) == 2.0


@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_median(x):
    assert fastwasm.median(x) == statistics.median(x)


def test_median_small_cases():
    assert fastwasm.median([5, 1, 3]) == 3.0
    assert fastwasm.median([4, 1, 3, 2]) == 2.5
    assert math.isnan(fastwasm.median([1.0, math.nan, 2.0]))


@pytest.mark.parametrize("q", [0.0, 0.1, 0.25, 0.5, 0.73, 0.9, 1.0])
@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_quantile(x, q):
    assert math.isclose(fastwasm.quantile(x, q), naive_quantile(x, q), rel_tol=1e-12, abs_tol=1e-12)


def test_quantile_end_points_and_int_q():
    x = [4.0, -1.0, 9.5, 2.0]
    assert fastwasm.quantile(x, 0) == -1.0
    assert fastwasm.quantile(x, 1) == 9.5
    assert fastwasm.quantile(x, 0.5) == fastwasm.median(x)
    assert fastwasm.quantile(range(101), 0.37) == pytest.approx(37.0)


@pytest.mark.parametrize("q", [0, 12.5, 50, 99.9, 100])
@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_percentile_is_the_quantile_at_q_over_100(x, q):
    assert math.isclose(fastwasm.percentile(x, q), naive_quantile(x, q / 100), rel_tol=1e-12, abs_tol=1e-12)


def test_percentile_known_values():
    # np.percentile([1, 2, 3, 4], 50) == 2.5; sorted [1, 2, 3, 4, 7, 10] at 0.3 * 5 = 1.5 -> 2.5
    assert fastwasm.percentile([1, 2, 3, 4], 50) == 2.5
    assert fastwasm.percentile([10, 7, 4, 3, 2, 1], 30) == 2.5
    assert fastwasm.percentile([4.0, -1.0, 9.5], 0) == -1.0
    assert fastwasm.percentile([4.0, -1.0, 9.5], 100) == 9.5


@pytest.mark.parametrize("x", SAMPLES, ids=lambda x: f"n{len(x)}")
def test_cumsum(x):
    result = fastwasm.cumsum(x)
    expected = list(itertools.accumulate(x))
    assert len(result) == len(x)
    for got, want in zip(result, expected):
        assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-9)


def test_cumsum_small_and_empty():
    assert fastwasm.cumsum([1, 2, 3, 4]) == [1.0, 3.0, 6.0, 10.0]
    assert fastwasm.cumsum([]) == []


@pytest.mark.parametrize("bins", [1, 2, 5, 10, 37])
@pytest.mark.parametrize("x", SAMPLES[2:], ids=lambda x: f"n{len(x)}")
def test_histogram_data_range(x, bins):
    counts, edges = fastwasm.histogram(x, bins)
    want_counts, want_edges = naive_histogram(x, bins, min(x), max(x))
    assert counts == want_counts
    assert len(edges) == bins + 1
    assert edges[0] == min(x) and edges[-1] == max(x)
    for got, want in zip(edges, want_edges):
        assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    assert sum(counts) == len(x)


def test_histogram_with_range():
    x = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 9.0, -4.0]
    counts, edges = fastwasm.histogram(x, 4, range=(0, 4))
    assert counts == [1, 2, 2, 1]  # the right edge of each bin but the last is open
    assert edges == [0.0, 1.0, 2.0, 3.0, 4.0]
    counts, _ = fastwasm.histogram(x, 2, (1.0, 3.0))
    assert counts == [2, 3]  # 3.0 falls in the closed last bin
    assert fastwasm.histogram(range(10), 5, [0, 10])[0] == [2, 2, 2, 2, 2]


def test_histogram_of_constant_data_widens_the_range():
    counts, edges = fastwasm.histogram([3.0, 3.0, 3.0], 2)
    assert edges == [2.5, 3.0, 3.5]
    assert counts == [0, 3]


def test_histogram_result_types():
    counts, edges = fastwasm.histogram([1.0, 2.0, 3.0], 2)
    assert all(type(c) is int for c in counts)
    assert all(type(e) is float for e in edges)
