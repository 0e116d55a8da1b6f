"""Results of the kernels against independent references computed in plain Python (here and in
naive.py)."""

import math
import random

import fastwasm
from naive import naive_mandelbrot, trial_division_primes


# --- scalar results keep the sign of zero ------------------------------------------------------


def test_negative_zero_results_keep_their_sign():
    # As numpy gives them (and JS): under Pyodide a JS -0 would reach Python as the int 0.
    for result in (
        fastwasm.max([-0.0]),
        fastwasm.min([0.0, -0.0]),
        fastwasm.quantile([-0.0, -0.0], 0.5),
        fastwasm.percentile([-0.0], 100),
    ):
        assert type(result) is float and result == 0.0 and math.copysign(1.0, result) == -1.0
    assert math.copysign(1.0, fastwasm.max([0.0])) == 1.0


# --- sum -------------------------------------------------------------------------------------


def test_sum_of_1_to_1000():
    assert fastwasm.sum(range(1, 1001)) == 500500.0


def test_sum_of_empty_is_zero():
    result = fastwasm.sum([])
    assert result == 0.0
    assert type(result) is float


def test_sum_of_random_floats_matches_fsum():
    rng = random.Random(1234)
    for n in (1, 2, 7, 100, 1001, 100_000):
        x = [rng.uniform(0.0, 1.0) for _ in range(n)]
        expected = math.fsum(x)
        assert math.isclose(fastwasm.sum(x), expected, rel_tol=1e-12), n


def test_sum_of_mixed_signs():
    assert fastwasm.sum([1.5, -2.25, 4.0, -0.25]) == 3.0


def test_sum_propagates_nan_and_inf():
    assert math.isnan(fastwasm.sum([1.0, math.nan]))
    assert fastwasm.sum([1.0, math.inf]) == math.inf


# --- mean ------------------------------------------------------------------------------------


def test_mean_closed_form():
    for n in (1, 2, 10, 999, 10_000):
        assert fastwasm.mean(range(1, n + 1)) == (n + 1) / 2


def test_mean_of_random_floats():
    rng = random.Random(99)
    x = [rng.gauss(3.0, 2.0) for _ in range(50_000)]
    assert math.isclose(fastwasm.mean(x), math.fsum(x) / len(x), rel_tol=1e-12)


def test_mean_single_element():
    assert fastwasm.mean([-7.5]) == -7.5


# --- dot -------------------------------------------------------------------------------------


def test_dot_small():
    assert fastwasm.dot([1, 2, 3], [4, 5, 6]) == 32.0


def test_dot_sum_of_squares_closed_form():
    n = 1000
    assert fastwasm.dot(range(1, n + 1), range(1, n + 1)) == n * (n + 1) * (2 * n + 1) / 6


def test_dot_of_empty_vectors_is_zero():
    assert fastwasm.dot([], []) == 0.0


def test_dot_of_random_vectors_matches_naive():
    rng = random.Random(7)
    for n in (1, 3, 64, 1000, 20_000):
        a = [rng.uniform(0.0, 1.0) for _ in range(n)]
        b = [rng.uniform(0.0, 1.0) for _ in range(n)]
        expected = math.fsum(p * q for p, q in zip(a, b))
        assert math.isclose(fastwasm.dot(a, b), expected, rel_tol=1e-12), n


def test_dot_of_a_vector_with_itself():
    x = [0.5, -1.0, 2.0]
    assert fastwasm.dot(x, x) == 0.25 + 1.0 + 4.0


# --- mandelbrot ------------------------------------------------------------------------------


def test_mandelbrot_dyadic_grid_matches_naive():
    # Width/height and extents are powers of two, so every pixel centre is exact.
    args = (32, 16, -2.0, 2.0, -2.0, 2.0, 64)
    assert fastwasm.mandelbrot(*args) == naive_mandelbrot(*args)


def test_mandelbrot_general_grid_matches_naive():
    args = (37, 23, -2.0, 1.0, -1.2, 1.2, 100)
    result = fastwasm.mandelbrot(*args)
    assert len(result) == 37 * 23
    assert result == naive_mandelbrot(*args)


def test_mandelbrot_zoomed_grid_matches_naive():
    args = (20, 20, -0.75, -0.74, 0.1, 0.11, 500)
    assert fastwasm.mandelbrot(*args) == naive_mandelbrot(*args)


def test_mandelbrot_known_points():
    # One pixel centred on c = 0 never escapes; one centred on c = 2 + 2i escapes after 1 step.
    assert fastwasm.mandelbrot(1, 1, -1.0, 1.0, -1.0, 1.0, 77) == [77]
    assert fastwasm.mandelbrot(1, 1, 1.0, 3.0, 1.0, 3.0, 77) == [1]


def test_mandelbrot_is_row_major():
    # 3 wide, 2 high: the row index is the imaginary part, so the two rows are mirror images
    # over a view symmetric in y, and the columns differ.
    result = fastwasm.mandelbrot(3, 2, -2.0, 1.0, -1.0, 1.0, 50)
    assert result == naive_mandelbrot(3, 2, -2.0, 1.0, -1.0, 1.0, 50)
    assert result[:3] == result[3:]
    tall = fastwasm.mandelbrot(1, 3, -0.5, -0.5, -3.0, 3.0, 50)
    assert tall == naive_mandelbrot(1, 3, -0.5, -0.5, -3.0, 3.0, 50)


def test_mandelbrot_max_iter_zero_gives_zeros():
    assert fastwasm.mandelbrot(4, 3, -2.0, 1.0, -1.0, 1.0, 0) == [0] * 12


def test_mandelbrot_accepts_int_extents():
    assert fastwasm.mandelbrot(8, 8, -2, 2, -2, 2, 30) == naive_mandelbrot(8, 8, -2, 2, -2, 2, 30)


# --- primes ----------------------------------------------------------------------------------


def test_primes_small_n():
    assert fastwasm.primes(0) == []
    assert fastwasm.primes(1) == []
    assert fastwasm.primes(2) == [2]
    assert fastwasm.primes(3) == [2, 3]
    assert fastwasm.primes(4) == [2, 3]
    assert fastwasm.primes(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]


def test_primes_match_trial_division():
    for n in (5, 10, 97, 100, 101, 1000, 7919, 7920, 10_007):
        assert fastwasm.primes(n) == trial_division_primes(n), n


def test_prime_counting_function_at_one_million():
    result = fastwasm.primes(10**6)
    assert len(result) == 78498
    assert result[-1] == 999983
    assert result[:5] == [2, 3, 5, 7, 11]
