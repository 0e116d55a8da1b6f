"""Signal kernels (fft, ifft, convolve, moving_average) against naive references (naive.py)."""

import cmath
import math
import random

import pytest

import fastwasm
from naive import naive_convolve, naive_dft, naive_idft

RNG = random.Random(99)


def close_complex(got, want, tol=1e-9):
    assert len(got) == len(want)
    scale = max([1.0] + [abs(w) for w in want])
    for g, w in zip(got, want):
        assert type(g) is complex
        assert abs(g - w) <= tol * scale, (got, want)


def close_list(got, want, tol=1e-12):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert type(g) is float
        assert math.isclose(g, w, rel_tol=tol, abs_tol=tol), (got, want)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 8, 12, 16, 17, 64, 97, 100])
def test_fft_of_real_input(n):
    x = [RNG.uniform(-1, 1) for _ in range(n)]
    close_complex(fastwasm.fft(x), naive_dft(x))


@pytest.mark.parametrize("n", [1, 2, 6, 13, 32, 45])
def test_fft_and_ifft_of_complex_input(n):
    x = [complex(RNG.uniform(-1, 1), RNG.uniform(-1, 1)) for _ in range(n)]
    close_complex(fastwasm.fft(x), naive_dft(x))
    close_complex(fastwasm.ifft(x), naive_idft(x))
    close_complex(fastwasm.ifft(fastwasm.fft(x)), x)


def test_ifft_of_real_input_and_mixed_values():
    x = [1.0, 2.0, 0.0, -1.0, 5.5]
    close_complex(fastwasm.ifft(x), naive_idft(x))
    mixed = [1, 2.5, 3j, complex(1, -1)]
    close_complex(fastwasm.fft(mixed), naive_dft([complex(v) for v in mixed]))


def test_fft_closed_forms():
    assert fastwasm.fft([1.0, 0.0, 0.0, 0.0]) == [1 + 0j] * 4  # impulse -> flat
    close_complex(fastwasm.fft([1.0] * 8), [8] + [0] * 7)
    n = 16
    tone = [cmath.exp(2j * math.pi * 3 * t / n) for t in range(n)]
    close_complex(fastwasm.fft(tone), [n if k == 3 else 0 for k in range(n)])


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize(("la", "lv"), [(1, 1), (5, 3), (3, 5), (10, 10), (8, 1), (50, 7), (6, 4)])
def test_convolve(la, lv, mode):
    a = [RNG.uniform(-2, 2) for _ in range(la)]
    v = [RNG.uniform(-2, 2) for _ in range(lv)]
    close_list(fastwasm.convolve(a, v, mode), naive_convolve(a, v, mode))
    close_list(fastwasm.convolve(a, v, mode=mode), naive_convolve(a, v, mode))


def test_convolve_small_exact():
    assert fastwasm.convolve([1, 2, 3], [0, 1, 0.5]) == [0.0, 1.0, 2.5, 4.0, 1.5]
    assert fastwasm.convolve([1, 2, 3], [0, 1, 0.5], "same") == [1.0, 2.5, 4.0]
    assert fastwasm.convolve([1, 2, 3], [0, 1, 0.5], "valid") == [2.5]


@pytest.mark.parametrize(("n", "window"), [(1, 1), (5, 1), (5, 5), (10, 3), (1000, 17)])
def test_moving_average(n, window):
    x = [RNG.uniform(-10, 10) for _ in range(n)]
    want = [math.fsum(x[i:i + window]) / window for i in range(n - window + 1)]
    close_list(fastwasm.moving_average(x, window), want, 1e-9)


def test_moving_average_small_exact():
    assert fastwasm.moving_average([1, 2, 3, 4, 5], 2) == [1.5, 2.5, 3.5, 4.5]
    assert fastwasm.moving_average(range(10), 10) == [4.5]
