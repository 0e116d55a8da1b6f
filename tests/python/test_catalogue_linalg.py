"""Sorting (sort, argsort, unique) and linear algebra (matmul, transpose, solve, det, inv)
against plain-Python references (naive.py; exact Fractions for the matrix kernels)."""

import math
import random

import pytest

import fastwasm
from naive import cofactor_det, exact_det, exact_solve, naive_matmul

RNG = random.Random(7)


def random_matrix(rows, cols):
    return [[RNG.uniform(-5, 5) for _ in range(cols)] for _ in range(rows)]


def close_matrix(got, want, tol=1e-9):
    assert len(got) == len(want)
    for g_row, w_row in zip(got, want):
        assert len(g_row) == len(w_row)
        for g, w in zip(g_row, w_row):
            assert math.isclose(g, w, rel_tol=tol, abs_tol=tol), (got, want)


# --- sorting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 2, 10, 1000])
def test_sort_argsort_unique_random(n):
    x = [RNG.choice([RNG.uniform(-3, 3), float(RNG.randint(-3, 3))]) for _ in range(n)]
    assert fastwasm.sort(x) == sorted(x)
    assert fastwasm.argsort(x) == sorted(range(n), key=x.__getitem__)  # stable
    assert fastwasm.unique(x) == sorted(set(x))


def test_sort_nan_last_and_stable_argsort():
    x = [3.0, math.nan, -1.0, 3.0, -math.inf, 0.0, math.nan, -0.0]
    s = fastwasm.sort(x)
    assert s[:6] == [-math.inf, -1.0, 0.0, -0.0, 3.0, 3.0] or s[:6] == [-math.inf, -1.0, -0.0, 0.0, 3.0, 3.0]
    assert all(math.isnan(v) for v in s[6:])
    assert fastwasm.argsort(x) == [4, 2, 5, 7, 0, 3, 1, 6]
    u = fastwasm.unique([2.0, math.nan, 1.0, 2.0, math.nan])
    assert u[:2] == [1.0, 2.0] and len(u) == 3 and math.isnan(u[2])


def test_sorting_result_types():
    assert all(type(v) is float for v in fastwasm.sort([3, 1, 2]))
    assert all(type(i) is int for i in fastwasm.argsort([3, 1, 2]))
    assert fastwasm.unique([3, 1, 3, 1]) == [1.0, 3.0]


# --- matmul / transpose ----------------------------------------------------------------------


@pytest.mark.parametrize(("m", "k", "n"), [(1, 1, 1), (2, 3, 4), (5, 1, 3), (7, 7, 7), (16, 9, 12)])
def test_matmul_random(m, k, n):
    a, b = random_matrix(m, k), random_matrix(k, n)
    close_matrix(fastwasm.matmul(a, b), naive_matmul(a, b), 1e-12)


def test_matmul_small_exact():
    assert fastwasm.matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]) == [[19.0, 22.0], [43.0, 50.0]]
    assert fastwasm.matmul([[1, 2, 3]], [[1], [1], [1]]) == [[6.0]]
    identity = [[1.0, 0.0], [0.0, 1.0]]
    assert fastwasm.matmul(identity, [[2.5, -1.0], [0.0, 4.0]]) == [[2.5, -1.0], [0.0, 4.0]]


@pytest.mark.parametrize(("rows", "cols"), [(1, 1), (1, 5), (5, 1), (3, 4), (20, 13)])
def test_transpose(rows, cols):
    a = random_matrix(rows, cols)
    t = fastwasm.transpose(a)
    assert t == [[a[i][j] for i in range(rows)] for j in range(cols)]
    assert fastwasm.transpose(t) == a


# --- solve / det / inv -----------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 6, 12])
def test_solve_random(n):
    a, b = random_matrix(n, n), [RNG.uniform(-5, 5) for _ in range(n)]
    x = fastwasm.solve(a, b)
    want = exact_solve(a, b)
    assert len(x) == n
    for got, w in zip(x, want):
        assert math.isclose(got, float(w), rel_tol=1e-8, abs_tol=1e-8)
    for row, bv in zip(a, b):  # a @ x == b
        assert math.isclose(math.fsum(r * v for r, v in zip(row, x)), bv, rel_tol=1e-9, abs_tol=1e-9)


def test_solve_needs_pivoting():
    assert fastwasm.solve([[0, 1], [1, 0]], [2, 3]) == [3.0, 2.0]
    assert fastwasm.solve([[2.0]], [5.0]) == [2.5]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_det_random_against_cofactor_expansion(n):
    a = random_matrix(n, n)
    assert math.isclose(fastwasm.det(a), cofactor_det(a), rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(fastwasm.det(a), float(exact_det(a)), rel_tol=1e-9, abs_tol=1e-9)


def test_det_closed_forms():
    upper = [[2, 3, 4, 5], [0, -1, 7, 8], [0, 0, 3, 9], [0, 0, 0, 0.5]]
    assert fastwasm.det(upper) == pytest.approx(2 * -1 * 3 * 0.5)
    lower = [[row[i] for row in upper] for i in range(4)]
    assert fastwasm.det(lower) == pytest.approx(-3.0)
    assert fastwasm.det([[0, 1], [1, 0]]) == -1.0
    assert fastwasm.det([[1, 2], [2, 4]]) == 0.0
    assert fastwasm.det([[1, 2], [3, 4]]) == pytest.approx(-2.0)
    assert type(fastwasm.det([[1]])) is float
    n = 30
    assert fastwasm.det([[float(i == j) * 2 for j in range(n)] for i in range(n)]) == 2.0**n


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10])
def test_inv_times_a_is_identity(n):
    a = random_matrix(n, n)
    ia = fastwasm.inv(a)
    identity = [[float(i == j) for j in range(n)] for i in range(n)]
    close_matrix(naive_matmul(ia, a), identity, 1e-9)
    close_matrix(naive_matmul(a, ia), identity, 1e-9)


def test_inv_small_exact():
    assert fastwasm.inv([[4.0]]) == [[0.25]]
    assert fastwasm.inv([[2, 0], [0, 4]]) == [[0.5, 0.0], [0.0, 0.25]]
    close_matrix(fastwasm.inv([[1, 2], [3, 4]]), [[-2.0, 1.0], [1.5, -0.5]], 1e-12)
