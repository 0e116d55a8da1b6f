"""Bad inputs for every catalogue function: the exception type, a message that starts with the
function's Python name and names the argument, and a module that keeps working afterwards."""

import array
import math
import re

import pytest
from pyodide.code import run_js

import fastwasm
from fastwasm import _convert

IMG = bytes(range(16))  # a 2x2 RGBA image


def check_still_works():
    assert fastwasm.var(range(1, 11)) == pytest.approx(99 / 12)
    assert fastwasm.sort([3, 1, 2]) == [1.0, 2.0, 3.0]
    assert fastwasm.argsort([3, 1, 2]) == [1, 2, 0]
    assert fastwasm.histogram([1, 2, 3, 4], 2) == ([2, 2], [1.0, 2.5, 4.0])
    assert fastwasm.matmul([[1, 2]], [[3], [4]]) == [[11.0]]
    assert fastwasm.det([[2, 0], [0, 3]]) == 6.0
    assert fastwasm.fft([1, 1]) == [2 + 0j, 0j]
    assert fastwasm.moving_average([1, 2, 3], 2) == [1.5, 2.5]
    assert fastwasm.grayscale(IMG, 2, 2)[:4] == bytearray([1, 1, 1, 3])
    assert fastwasm.levenshtein("ab", "ba") == 2
    assert fastwasm.word_counts("b a b", 1) == [("b", 2)]


BAD = [
    # (function, argument, call, exception, message pattern)
    ("var", "x", lambda: fastwasm.var("abc"), TypeError, r"x must be a sequence of numbers"),
    ("var", "x", lambda: fastwasm.var([]), ValueError, r"x must not be empty$"),
    ("var", "ddof", lambda: fastwasm.var([1, 2], ddof=True), TypeError, r"ddof must be a real number, got bool$"),
    ("var", "ddof", lambda: fastwasm.var([1, 2], ddof="1"), TypeError, r"ddof must be a real number"),
    ("var", "ddof", lambda: fastwasm.var([1, 2], ddof=2), ValueError, r"ddof must be less than the length of x \(2\), got 2$"),
    ("var", "ddof", lambda: fastwasm.var([1, 2], ddof=-1), ValueError, r"ddof must be non-negative"),
    ("std", "x", lambda: fastwasm.std(None), TypeError, r"x must be a sequence"),
    ("std", "ddof", lambda: fastwasm.std([1.0], 1), ValueError, r"ddof must be less than"),
    ("std", "ddof", lambda: fastwasm.std([1.0, 2.0], math.nan), ValueError, r"ddof must be non-negative and finite"),
    ("min", "x", lambda: fastwasm.min([]), ValueError, r"x must not be empty$"),
    ("max", "x", lambda: fastwasm.max("x"), TypeError, r"x must be a sequence"),
    ("argmin", "x", lambda: fastwasm.argmin([]), ValueError, r"x must not be empty$"),
    ("argmax", "x", lambda: fastwasm.argmax([[1, 2]]), TypeError, r"x must contain only numbers"),
    ("norm", "x", lambda: fastwasm.norm(3.0), TypeError, r"x must be a sequence"),
    ("median", "x", lambda: fastwasm.median([]), ValueError, r"x must not be empty$"),
    ("quantile", "q", lambda: fastwasm.quantile([1, 2], 1.5), ValueError, r"q must be in \[0, 1\], got 1.5$"),
    ("quantile", "q", lambda: fastwasm.quantile([1, 2], "0.5"), TypeError, r"q must be a real number"),
    ("quantile", "q", lambda: fastwasm.quantile([1, 2], True), TypeError, r"q must be a real number"),
    ("quantile", "x", lambda: fastwasm.quantile([], 0.5), ValueError, r"x must not be empty$"),
    ("cumsum", "x", lambda: fastwasm.cumsum({1, 2}), TypeError, r"x must be a sequence"),
    ("histogram", "bins", lambda: fastwasm.histogram([1, 2], 0), ValueError, r"bins must be at least 1, got 0$"),
    ("histogram", "bins", lambda: fastwasm.histogram([1, 2], 2.0), TypeError, r"bins must be an int"),
    ("histogram", "bins", lambda: fastwasm.histogram([1, 2], True), TypeError, r"bins must be an int"),
    ("histogram", "bins", lambda: fastwasm.histogram([1, 2], -3), ValueError, r"bins must be a non-negative integer"),
    ("histogram", "range", lambda: fastwasm.histogram([1, 2], 2, range=(2, 1)), ValueError, r"range must have lo <= hi"),
    ("histogram", "range", lambda: fastwasm.histogram([1, 2], 2, range=(0,)), ValueError, r"range must be a \(lo, hi\) pair"),
    ("histogram", "range", lambda: fastwasm.histogram([1, 2], 2, range=5), TypeError, r"range must be a \(lo, hi\) pair"),
    ("histogram", "range", lambda: fastwasm.histogram([1, 2], 2, range=("a", 1)), TypeError, r"range\[0\] must be a real number"),
    ("histogram", "range", lambda: fastwasm.histogram([1, 2], 2, range=(0, math.inf)), ValueError, r"range of \[0, inf\] is not finite"),
    ("histogram", "x", lambda: fastwasm.histogram("ab", 2), TypeError, r"x must be a sequence"),
    ("sort", "x", lambda: fastwasm.sort("ab"), TypeError, r"x must be a sequence"),
    ("argsort", "x", lambda: fastwasm.argsort([1, "a"]), TypeError, r"x must contain only numbers"),
    ("unique", "x", lambda: fastwasm.unique(None), TypeError, r"x must be a sequence"),
    ("matmul", "a", lambda: fastwasm.matmul([[1, 2, 3], [4, 5]], [[1]]), ValueError,
     r"a must be a rectangular 2-D array \(row 1 has 2 elements, expected 3\)$"),
    ("matmul", "b", lambda: fastwasm.matmul([[1]], [[1], [2, 3]]), ValueError, r"b must be a rectangular 2-D array"),
    ("matmul", "b", lambda: fastwasm.matmul([[1, 2]], [[1, 2]]), ValueError, r"a has 2 columns but b has 1 rows"),
    ("matmul", "a", lambda: fastwasm.matmul([1, 2], [[1], [2]]), ValueError, r"a must be 2-dimensional, got 1 dimension$"),
    ("matmul", "a", lambda: fastwasm.matmul([], [[1]]), ValueError, r"a must be 2-dimensional"),
    ("matmul", "a", lambda: fastwasm.matmul([[[1]]], [[1]]), ValueError, r"a must be 2-dimensional, got 3 or more"),
    ("matmul", "b", lambda: fastwasm.matmul([[1]], "ab"), TypeError, r"b must be a 2-D array"),
    ("matmul", "a", lambda: fastwasm.matmul([[1, "x"]], [[1], [2]]), TypeError, r"a\[0\] must contain only numbers"),
    ("matmul", "a", lambda: fastwasm.matmul(["ab"], [[1]]), TypeError, r"a\[0\] must be a sequence of numbers"),
    ("transpose", "a", lambda: fastwasm.transpose(5), TypeError, r"a must be a 2-D array"),
    ("transpose", "a", lambda: fastwasm.transpose(memoryview(b"abc")), ValueError, r"a must be 2-dimensional, got 1 dimensions"),
    ("solve", "a", lambda: fastwasm.solve([[1, 2], [3, 4], [5, 6]], [1, 2]), ValueError, r"a must be square, got 3x2$"),
    ("solve", "a", lambda: fastwasm.solve([[1, 2], [2, 4]], [1, 2]), ValueError, r"a is singular$"),
    ("solve", "a", lambda: fastwasm.solve([[math.nan]], [1]), ValueError, r"a must be finite"),
    ("solve", "b", lambda: fastwasm.solve([[1, 0], [0, 1]], [1]), ValueError, r"b must have n = 2 elements, got 1$"),
    ("solve", "b", lambda: fastwasm.solve([[1]], "x"), TypeError, r"b must be a sequence"),
    ("det", "a", lambda: fastwasm.det([[1, 2, 3], [4, 5, 6]]), ValueError, r"a must be square, got 2x3$"),
    ("det", "a", lambda: fastwasm.det(None), TypeError, r"a must be a 2-D array"),
    ("inv", "a", lambda: fastwasm.inv([[1, 2], [2, 4]]), ValueError, r"a is singular$"),
    ("inv", "a", lambda: fastwasm.inv([[1, 2]]), ValueError, r"a must be square, got 1x2$"),
    ("fft", "x", lambda: fastwasm.fft([]), ValueError, r"x must not be empty$"),
    ("fft", "x", lambda: fastwasm.fft("abc"), TypeError, r"x must be a sequence"),
    ("fft", "x", lambda: fastwasm.fft([1j, "a"]), TypeError, r"x must contain only numbers"),
    ("ifft", "x", lambda: fastwasm.ifft([]), ValueError, r"x must not be empty$"),
    ("ifft", "x", lambda: fastwasm.ifft(None), TypeError, r"x must be a sequence"),
    ("convolve", "a", lambda: fastwasm.convolve([], [1]), ValueError, r"a must not be empty$"),
    ("convolve", "v", lambda: fastwasm.convolve([1], []), ValueError, r"v must not be empty$"),
    ("convolve", "mode", lambda: fastwasm.convolve([1], [1], "middle"), ValueError,
     r'mode must be "full", "same" or "valid", got "middle"$'),
    ("convolve", "mode", lambda: fastwasm.convolve([1], [1], 1), TypeError, r"mode must be a str, got int$"),
    ("convolve", "a", lambda: fastwasm.convolve("a", [1]), TypeError, r"a must be a sequence"),
    ("moving_average", "window", lambda: fastwasm.moving_average([1, 2, 3], 5), ValueError,
     r"window must be in \[1, len\(x\)\] \(3\), got 5$"),
    ("moving_average", "window", lambda: fastwasm.moving_average([1, 2], 0), ValueError, r"window must be in"),
    ("moving_average", "window", lambda: fastwasm.moving_average([1, 2], -1), ValueError, r"window must be a non-negative integer"),
    ("moving_average", "window", lambda: fastwasm.moving_average([1, 2], 1.5), TypeError, r"window must be an int"),
    ("moving_average", "window", lambda: fastwasm.moving_average([1], True), TypeError, r"window must be an int, got bool$"),
    ("moving_average", "x", lambda: fastwasm.moving_average([], 1), ValueError, r"x must not be empty$"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale(b"\0" * 47, 3, 4), ValueError, r"rgba must have 4\*w\*h = 48 bytes, got 47$"),
    ("grayscale", "w", lambda: fastwasm.grayscale(b"", 0, 1), ValueError, r"w must be at least 1, got 0$"),
    ("grayscale", "w", lambda: fastwasm.grayscale(b"abcd", 1.0, 1), TypeError, r"w must be an int"),
    ("grayscale", "h", lambda: fastwasm.grayscale(b"abcd", 1, None), TypeError, r"h must be an int"),
    ("grayscale", "w", lambda: fastwasm.grayscale(b"abcd", 100_000, 100_000), ValueError, r"4\*w\*h is too large"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale("abcd", 1, 1), TypeError, r"rgba must be bytes"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale(None, 1, 1), TypeError, r"rgba must be bytes"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale([0, 0, 0, 256], 1, 1), ValueError, r"rgba values must be in range\(0, 256\)$"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale([0.5] * 4, 1, 1), TypeError, r"rgba must contain only ints"),
    ("grayscale", "rgba", lambda: fastwasm.grayscale(array.array("d", [0] * 4), 1, 1), TypeError,
     r"rgba must be a buffer of unsigned bytes \(format 'B'\), got format 'd'$"),
    ("gaussian_blur", "sigma", lambda: fastwasm.gaussian_blur(IMG, 2, 2, 0), ValueError, r"sigma must be in \(0, 1000\], got 0$"),
    ("gaussian_blur", "sigma", lambda: fastwasm.gaussian_blur(IMG, 2, 2, 1e4), ValueError, r"sigma must be in \(0, 1000\]"),
    ("gaussian_blur", "sigma", lambda: fastwasm.gaussian_blur(IMG, 2, 2, math.nan), ValueError, r"sigma must be finite, got NaN$"),
    ("gaussian_blur", "sigma", lambda: fastwasm.gaussian_blur(IMG, 2, 2, "1"), TypeError, r"sigma must be a real number"),
    ("gaussian_blur", "sigma", lambda: fastwasm.gaussian_blur(IMG, 2, 2, True), TypeError, r"sigma must be a real number, got bool$"),
    ("gaussian_blur", "rgba", lambda: fastwasm.gaussian_blur(IMG, 2, 3, 1.0), ValueError, r"rgba must have 4\*w\*h = 24 bytes, got 16$"),
    ("sobel", "rgba", lambda: fastwasm.sobel(b"\0" * 8, 1, 1), ValueError, r"rgba must have 4\*w\*h = 4 bytes, got 8$"),
    ("sobel", "h", lambda: fastwasm.sobel(b"\0" * 4, 1, -1), ValueError, r"h must be a non-negative integer"),
    ("sobel", "rgba", lambda: fastwasm.sobel({1: 2}, 1, 1), TypeError, r"rgba must be bytes"),
    ("levenshtein", "a", lambda: fastwasm.levenshtein(1, "a"), TypeError, r"a must be a str, got int$"),
    ("levenshtein", "b", lambda: fastwasm.levenshtein("a", b"b"), TypeError, r"b must be a str, got bytes$"),
    ("word_counts", "text", lambda: fastwasm.word_counts(b"abc", 1), TypeError, r"text must be a str, got bytes$"),
    ("word_counts", "k", lambda: fastwasm.word_counts("a", -1), ValueError, r"k must be a non-negative integer, got -1$"),
    ("word_counts", "k", lambda: fastwasm.word_counts("a", 1.0), TypeError, r"k must be an int"),
    ("word_counts", "k", lambda: fastwasm.word_counts("a", True), TypeError, r"k must be an int, got bool$"),
    ("mandelbrot", "y_max", lambda: fastwasm.mandelbrot(2, 2, -2.0, 1.0, -1.0, math.nan, 10), ValueError,
     r"y_max must be finite, got NaN$"),
    ("mandelbrot", "max_iter", lambda: fastwasm.mandelbrot(2, 2, -2.0, 1.0, -1.0, 1.0, 2**32), ValueError,
     r"max_iter (is too large|must be below 2\^32), got 4294967296$"),
]


@pytest.mark.parametrize(
    ("func", "arg", "call", "exc", "pattern"),
    BAD,
    ids=[f"{i}-{row[0]}-{row[1]}" for i, row in enumerate(BAD)],
)
def test_bad_input(func, arg, call, exc, pattern):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc
    message = str(info.value)
    assert message.startswith(f"{func}: "), message
    assert arg in message.split(":", 1)[1], message
    assert re.search(pattern, message), (pattern, message)
    # No JavaScript names leak into Python messages.
    for js_name in ("variance", "movingAverage", "gaussianBlur", "wordCounts", "maxIter", "yMax"):
        assert js_name not in message
    check_still_works()


def test_error_mapping_helper():
    # The one helper that maps thrown JS errors: names are rewritten, the rest kept verbatim.
    def thrower(message, name="Error"):
        return run_js(f"(() => {{ const e = new {name}({message!r}); throw e; }})")

    with pytest.raises(MemoryError) as info:
        _convert.call("sum", thrower("scratch: out of memory: cannot allocate 8 bytes"))
    assert str(info.value) == "sum: out of memory: cannot allocate 8 bytes"
    with pytest.raises(ValueError) as info:
        _convert.call("moving_average", thrower("movingAverage: maxIter and xMin, not xMinimum"))
    assert str(info.value) == "moving_average: max_iter and x_min, not xMinimum"
    with pytest.raises(TypeError) as info:
        _convert.call("word_counts", thrower("Cannot convert a BigInt", "TypeError"))
    assert str(info.value) == "word_counts: Cannot convert a BigInt"
    check_still_works()


def test_many_errors_in_a_row():
    for _ in range(100):
        with pytest.raises(ValueError):
            fastwasm.inv([[0.0]])
        with pytest.raises(ValueError):
            fastwasm.gaussian_blur(IMG, 2, 2, -1.0)
        with pytest.raises(TypeError):
            fastwasm.word_counts(None, 1)
    check_still_works()
