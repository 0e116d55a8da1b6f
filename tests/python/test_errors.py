"""Wrong argument types raise TypeError, kernel errors raise ValueError, and the module keeps
working after every error."""

import array

import pytest

import fastwasm


def check_still_works():
    assert fastwasm.sum(range(1, 1001)) == 500500.0
    assert fastwasm.mean([1.0, 2.0, 6.0]) == 3.0
    assert fastwasm.dot([1, 2, 3], [4, 5, 6]) == 32.0
    assert fastwasm.primes(20) == [2, 3, 5, 7, 11, 13, 17, 19]
    assert fastwasm.mandelbrot(1, 1, -1.0, 1.0, -1.0, 1.0, 10) == [10]


@pytest.mark.parametrize(
    ("bad", "type_name"),
    [
        ("1.0, 2.0", "str"),
        (b"\x01\x02", "bytes"),
        (None, "NoneType"),
        ({1.0: 2.0}, "dict"),
        ({1.0, 2.0}, "set"),
        (3.0, "float"),
        (3, "int"),
        (True, "bool"),
        (object(), "object"),
    ],
)
def test_float_input_of_wrong_type(bad, type_name):
    with pytest.raises(TypeError) as info:
        fastwasm.sum(bad)
    assert str(info.value) == f"sum: x must be a sequence of numbers or a buffer, got {type_name}"
    with pytest.raises(TypeError, match=r"^mean: x must be a sequence of numbers or a buffer"):
        fastwasm.mean(bad)
    with pytest.raises(TypeError, match=r"^dot: b must be a sequence of numbers or a buffer"):
        fastwasm.dot([1.0], bad)
    with pytest.raises(TypeError, match=r"^dot: a must be a sequence of numbers or a buffer"):
        fastwasm.dot(bad, [1.0])
    check_still_works()


@pytest.mark.parametrize("bad", [[1.0, "2"], [None], [1, 2, [3]], (x for x in [1.0, "a"])])
def test_sequence_with_non_numbers(bad):
    with pytest.raises(TypeError, match=r"^sum: x must contain only numbers"):
        fastwasm.sum(bad)
    check_still_works()


def test_dot_names_the_bad_argument():
    with pytest.raises(TypeError, match=r"^dot: b must contain only numbers"):
        fastwasm.dot([1.0, 2.0], [1.0, "x"])
    check_still_works()


def test_multidimensional_buffer():
    grid = memoryview(array.array("d", range(6))).cast("B").cast("d", (2, 3))
    with pytest.raises(ValueError, match=r"^sum: x must be 1-dimensional, got 2 dimensions$"):
        fastwasm.sum(grid)
    check_still_works()


@pytest.mark.parametrize("bad", [3.0, "10", None, True, [10]])
def test_integer_argument_of_wrong_type(bad):
    with pytest.raises(TypeError, match=r"^primes: n must be an int, got "):
        fastwasm.primes(bad)
    with pytest.raises(TypeError, match=r"^mandelbrot: w must be an int, got "):
        fastwasm.mandelbrot(bad, 2, -2.0, 1.0, -1.0, 1.0, 10)
    with pytest.raises(TypeError, match=r"^mandelbrot: max_iter must be an int, got "):
        fastwasm.mandelbrot(2, 2, -2.0, 1.0, -1.0, 1.0, bad)
    check_still_works()


@pytest.mark.parametrize("bad", ["0", None, True, [1.0], 1j])
def test_float_argument_of_wrong_type(bad):
    with pytest.raises(TypeError, match=r"^mandelbrot: y_max must be a real number, got "):
        fastwasm.mandelbrot(2, 2, -2.0, 1.0, -1.0, bad, 10)
    check_still_works()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: fastwasm.mean([]), "mean: x must not be empty"),
        (lambda: fastwasm.dot([1.0, 2.0], [1.0]), "dot: a and b must have the same length, got 2 and 1"),
        (
            lambda: fastwasm.primes(4 * 10**9),
            "primes: n must be at most 1000000000, got 4000000000",
        ),
        (lambda: fastwasm.primes(-1), "primes: n must be a non-negative integer, got -1"),
        (
            lambda: fastwasm.mandelbrot(0, 10, -2.0, 1.0, -1.0, 1.0, 10),
            "mandelbrot: w must be at least 1, got 0",
        ),
        (
            lambda: fastwasm.mandelbrot(10, 0, -2.0, 1.0, -1.0, 1.0, 10),
            "mandelbrot: h must be at least 1, got 0",
        ),
    ],
)
def test_kernel_errors_are_value_errors(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message
    # Raised "from None": no chained JavaScript exception in the traceback.
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__
    check_still_works()


@pytest.mark.parametrize("n", [10**9 + 1, 2**53 + 1, 10**30, -(10**30)])
def test_huge_integers_are_rejected_by_the_kernel(n):
    with pytest.raises(ValueError, match=r"^primes: n must be"):
        fastwasm.primes(n)
    check_still_works()


def test_other_kernel_range_errors():
    for call in (
        lambda: fastwasm.mandelbrot(-1, 10, -2.0, 1.0, -1.0, 1.0, 10),
        lambda: fastwasm.mandelbrot(10, 10, -2.0, 1.0, -1.0, 1.0, -5),
        lambda: fastwasm.mandelbrot(100_000, 100_000, -2.0, 1.0, -1.0, 1.0, 10),
    ):
        with pytest.raises(ValueError, match=r"^mandelbrot: "):
            call()
        check_still_works()


def test_many_errors_in_a_row():
    for _ in range(200):
        with pytest.raises(ValueError):
            fastwasm.mean([])
        with pytest.raises(ValueError):
            fastwasm.primes(-3)
    check_still_works()
