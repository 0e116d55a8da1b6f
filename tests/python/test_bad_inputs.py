"""Bad arguments for every function in ``fastwasm.__all__``, as one table of (function, argument,
bad value) rows. Each raises ``TypeError`` (wrong type), ``ValueError`` (bad value, shape or size)
or ``MemoryError`` (a result too large for wasm memory) whose message starts with the function's
Python name and names the Python argument, and the next valid call of the same function still
gives the naive reference's answer.

FUNCTIONS lists every function's parameters (checked against its signature), their kinds and one
valid call. Wrong types, NaN/inf and bad counts are generated per parameter kind; BAD_VALUES adds
each function's own cases (empty input, length mismatch, too-large results, ...)."""

import array
import inspect
import math
import re

import pytest
from pyodide.code import run_js
from test_catalogue_image_text import (
    counter_word_counts,
    dp_levenshtein,
    naive_blur,
    naive_grayscale,
    naive_sobel,
)
from test_catalogue_linalg import exact_det, exact_solve, naive_matmul
from test_catalogue_signal import naive_convolve, naive_dft, naive_idft
from test_catalogue_stats import naive_histogram, naive_quantile, naive_var
from test_values import naive_mandelbrot, trial_division_primes

import fastwasm
from fastwasm import _convert
from fastwasm._runtime import JsException

X = [3.0, -1.5, 4.0, 1.0, 5.25]
LONG = [float(i % 7) - 2.5 for i in range(40)]  # crosses through a scratch region, not the call
M = [[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]]
IMG = bytes([10, 200, 30, 255, 250, 5, 60, 128, 0, 0, 0, 7, 90, 91, 255, 33, 1, 2, 3, 4, 255, 255, 255, 0])
TEXT = "The cat, the hat; THE end"


def inverse(a):
    """Inverse by exact solves against the unit vectors (columns), transposed back into rows."""
    n = len(a)
    columns = [exact_solve(a, [float(i == j) for i in range(n)]) for j in range(n)]
    return [[float(columns[j][i]) for j in range(n)] for i in range(n)]


# function -> (parameters as (name, kind), valid arguments, reference result of the valid call)
FUNCTIONS = {
    "argmax": ([("x", "floats")], (X,), 4),
    "argmin": ([("x", "floats")], (X,), 1),
    "argsort": ([("x", "floats")], (X,), sorted(range(5), key=X.__getitem__)),
    "convolve": ([("a", "floats"), ("v", "floats"), ("mode", "str")], ([1, 2, 3], [0, 1, 0.5], "same"),
                 naive_convolve([1, 2, 3], [0, 1, 0.5], "same")),
    "cumsum": ([("x", "floats")], (X,), [3.0, 1.5, 5.5, 6.5, 11.75]),
    "det": ([("a", "matrix")], (M,), float(exact_det(M))),
    "dot": ([("a", "floats"), ("b", "floats")], (X, [1, 2, 3, 4, 5]), math.fsum(v * (i + 1) for i, v in enumerate(X))),
    "fft": ([("x", "complex")], ([1, 2j, 0, -1, 3 - 2j],), naive_dft([1, 2j, 0, -1, 3 - 2j])),
    "gaussian_blur": ([("rgba", "image"), ("w", "int"), ("h", "int"), ("sigma", "real")], (IMG, 3, 2, 0.8),
                      naive_blur(IMG, 3, 2, 0.8)),
    "grayscale": ([("rgba", "image"), ("w", "int"), ("h", "int")], (IMG, 3, 2), naive_grayscale(IMG)),
    "histogram": ([("x", "floats"), ("bins", "int"), ("range", "range")], ([0.5, 1.5, 1.7, 3.2, 9], 4, (0, 4)),
                  naive_histogram([0.5, 1.5, 1.7, 3.2, 9], 4, 0, 4)),
    "ifft": ([("x", "complex")], ([1, 2 + 1j, -1 + 0.5j],), naive_idft([1, 2 + 1j, -1 + 0.5j])),
    "inv": ([("a", "matrix")], (M,), inverse(M)),
    "levenshtein": ([("a", "str"), ("b", "str")], ("kitten", "sitting"), dp_levenshtein("kitten", "sitting")),
    "mandelbrot": ([("w", "int"), ("h", "int"), ("x_min", "real"), ("x_max", "real"), ("y_min", "real"),
                    ("y_max", "real"), ("max_iter", "int")], (5, 3, -2.0, 1.0, -1.0, 1.0, 30),
                   naive_mandelbrot(5, 3, -2.0, 1.0, -1.0, 1.0, 30)),
    "matmul": ([("a", "matrix"), ("b", "matrix")], ([[1, 2, 3], [4, 5, 6]], M), naive_matmul([[1, 2, 3], [4, 5, 6]], M)),
    "max": ([("x", "floats")], (X,), 5.25),
    "mean": ([("x", "floats")], (X,), math.fsum(X) / 5),
    "median": ([("x", "floats")], (X,), 3.0),
    "min": ([("x", "floats")], (X,), -1.5),
    "moving_average": ([("x", "floats"), ("window", "int")], (X, 2), [(X[i] + X[i + 1]) / 2 for i in range(4)]),
    "norm": ([("x", "floats")], (X,), math.sqrt(math.fsum(v * v for v in X))),
    "primes": ([("n", "int")], (30,), trial_division_primes(30)),
    "quantile": ([("x", "floats"), ("q", "real")], (X, 0.3), naive_quantile(X, 0.3)),
    "sobel": ([("rgba", "image"), ("w", "int"), ("h", "int")], (IMG, 2, 3), naive_sobel(IMG, 2, 3)),
    "solve": ([("a", "matrix"), ("b", "floats")], (M, [1, -2, 0.5]), [float(v) for v in exact_solve(M, [1, -2, 0.5])]),
    "sort": ([("x", "floats")], (X,), sorted(X)),
    "std": ([("x", "floats"), ("ddof", "real")], (X, 1), math.sqrt(naive_var(X, 1))),
    "sum": ([("x", "floats")], (X,), math.fsum(X)),
    "transpose": ([("a", "matrix")], ([[1, 2, 3], [4, 5, 6]],), [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]),
    "unique": ([("x", "floats")], ([2, 1, 2, -0.5, 1],), [-0.5, 1.0, 2.0]),
    "var": ([("x", "floats"), ("ddof", "real")], (X, 0), naive_var(X)),
    "word_counts": ([("text", "str"), ("k", "int")], (TEXT, 2), counter_word_counts(TEXT, 2)),
}  # fmt: skip

# --- generated bad values per parameter kind: (label, value, exception, message after "<func>: ") --

class Strings:
    """An iterable (not a sequence) of strings, iterable any number of times."""

    def __init__(self, *items):
        self.items = items

    def __iter__(self):
        return iter(self.items)


NOT_A_SEQUENCE = [("a str", "1,2"), ("bytes", b"\x01\x02"), ("None", None), ("a dict", {1.0: 2.0}),
                  ("a set", {1.0, 2.0}), ("a float", 3.0), ("an int", 3), ("a bool", True),
                  ("a complex", 1j), ("an object", object())]  # fmt: skip
BAD_ELEMENTS = [("a str element", [1.0, "2"]), ("a None element", [None]), ("a nested list", [[1.0, 2.0]]),
                ("a bytes element", [b"a"]), ("an iterable of str", Strings("a"))]  # fmt: skip
NOT_AN_INT = [("a float", 2.5), ("an integral float", 2.0), ("a str", "2"), ("None", None), ("a bool", True),
              ("a list", [2]), ("a complex", 2j)]  # fmt: skip
NOT_A_REAL = [("a str", "0.5"), ("None", None), ("a bool", True), ("a list", [0.5]), ("a complex", 0.5j),
              ("bytes", b"1")]  # fmt: skip
NOT_A_STR = [("an int", 1), ("None", None), ("bytes", b"a"), ("a list", ["a"]), ("a bool", True)]
NOT_AN_IMAGE = [("a str", "abcd"), ("None", None), ("an int", 4), ("a dict", {0: 1}), ("a set", {1}),
                ("a float", 1.5), ("an object", object())]  # fmt: skip
NOT_A_MATRIX = [("an int", 5), ("None", None), ("a str", "ab"), ("bytes", b"ab"), ("a dict", {0: [1.0]}),
                ("a set", {1.0}), ("a float", 1.0)]  # fmt: skip
NOT_A_RANGE = [("an int", 5), ("a str", "ab"), ("a dict", {0: 1}), ("a set", {0, 1}), ("a float", 1.0)]
NON_FINITE = [("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf)]
BAD_COUNTS = [("-1", -1), ("2**60", 2**60), ("10**400", 10**400), ("-10**400", -(10**400))]
GRID = memoryview(array.array("d", range(6))).cast("B").cast("d", (2, 3))


def type_name(value):
    return type(value).__qualname__


def exactly(text):
    return "^" + re.escape(text) + "$"


def count_message(arg, value):
    """The kernel's message for a bad count (Python ints beyond 2**53 cross as floats)."""
    if abs(value) <= 2**53:
        return exactly(f"{arg} must be a non-negative integer, got {value}")
    if abs(value) > 2**1023:
        return exactly(f"{arg} must be a non-negative integer, got {'inf' if value > 0 else '-inf'}")
    return rf"^{arg} is too large, got \d+$"


def generated(arg, kind):
    """(label, value, exception, message pattern) rows for parameter ``arg`` of ``kind``."""
    if kind in ("floats", "complex"):
        expected = f"{arg} must be a sequence of numbers or a buffer, got "
        rows = [(label, v, TypeError, exactly(expected + type_name(v))) for label, v in NOT_A_SEQUENCE]
        extra = ("a complex element", [1.0, 1j]) if kind == "floats" else ("a str after a complex", [1j, "a"])
        elements = [*BAD_ELEMENTS, extra]
        rows += [(label, v, TypeError, rf"^{arg} must contain only numbers") for label, v in elements]
        return rows + [("a 2-D buffer", GRID, ValueError, exactly(f"{arg} must be 1-dimensional, got 2 dimensions"))]
    if kind == "matrix":
        expected = f"{arg} must be a 2-D array (a sequence of rows or a 2-D buffer), got "
        rows = [(label, v, TypeError, exactly(expected + type_name(v))) for label, v in NOT_A_MATRIX]
        return rows + [
            ("a str row", ["ab"], TypeError, exactly(f"{arg}[0] must be a sequence of numbers or a buffer, got str")),
            ("a None row", [None], TypeError, exactly(f"{arg}[0] must be a sequence of numbers or a buffer, got NoneType")),
            ("a str element", [[1.0, "x"]], TypeError, rf"^{arg}\[0\] must contain only numbers"),
            ("a 1-D list", [1.0, 2.0], ValueError, exactly(f"{arg} must be 2-dimensional, got 1 dimension")),
            ("a 3-D list", [[[1.0]]], ValueError, exactly(f"{arg} must be 2-dimensional, got 3 or more dimensions")),
            ("ragged rows", [[1.0, 2.0], [3.0]], ValueError, rf"^{arg} must be a rectangular 2-D array"),
            ("an empty list", [], ValueError, exactly(f"{arg} must be 2-dimensional, got an empty sequence")),
            ("a 1-D buffer", memoryview(b"abc"), ValueError, exactly(f"{arg} must be 2-dimensional, got 1 dimensions")),
        ]  # fmt: skip
    if kind == "int":
        rows = [(label, v, TypeError, exactly(f"{arg} must be an int, got {type_name(v)}")) for label, v in NOT_AN_INT]
        return rows + [(label, v, ValueError, count_message(arg, v)) for label, v in BAD_COUNTS]
    if kind == "real":
        rows = [(label, v, TypeError, exactly(f"{arg} must be a real number, got {type_name(v)}")) for label, v in NOT_A_REAL]
        return rows + [(label, v, ValueError, r"(finite|must be in)") for label, v in NON_FINITE]
    if kind == "str":
        return [(label, v, TypeError, exactly(f"{arg} must be a str, got {type_name(v)}")) for label, v in NOT_A_STR]
    if kind == "image":
        expected = f"{arg} must be bytes, a byte buffer or a sequence of ints in range(256), got "
        rows = [(label, v, TypeError, exactly(expected + type_name(v))) for label, v in NOT_AN_IMAGE]
        return rows + [
            ("floats", [0.5] * 24, TypeError, rf"^{arg} must contain only ints"),
            ("a float64 buffer", array.array("d", [0] * 24), TypeError,
             exactly(f"{arg} must be a buffer of unsigned bytes (format 'B'), got format 'd'")),
            ("a uint16 buffer", array.array("H", [0] * 24), TypeError, rf"^{arg} must be a buffer of unsigned bytes"),
            ("values above 255", [256] * 24, ValueError, exactly(f"{arg} values must be in range(0, 256)")),
            ("negative values", [-1] * 24, ValueError, exactly(f"{arg} values must be in range(0, 256)")),
        ]  # fmt: skip
    if kind == "range":
        expected = f"{arg} must be a (lo, hi) pair or None, got "
        rows = [(label, v, TypeError, exactly(expected + type_name(v))) for label, v in NOT_A_RANGE]
        return rows + [
            ("a None bound", (None, 1), TypeError, exactly(f"{arg}[0] must be a real number, got NoneType")),
            ("a str bound", (0, "1"), TypeError, exactly(f"{arg}[1] must be a real number, got str")),
            ("one value", (0,), ValueError, exactly(f"{arg} must be a (lo, hi) pair, got 1 values")),
            ("three values", (0, 1, 2), ValueError, exactly(f"{arg} must be a (lo, hi) pair, got 3 values")),
            ("a NaN bound", (math.nan, 1), ValueError, exactly(f"supplied {arg} of [nan, 1.0] is not finite")),
            ("an infinite bound", (0, math.inf), ValueError, exactly(f"supplied {arg} of [0.0, inf] is not finite")),
            ("lo > hi", (2, 1), ValueError, rf"^{arg} must have lo <= hi, got \[2, 1\]$"),
        ]  # fmt: skip
    raise AssertionError(f"unknown parameter kind {kind}")


# --- each function's own bad values: (function, argument, label, call, exception, pattern) --------


def square(n):
    return [[float(i == j) for j in range(n)] for i in range(n)]


BAD_VALUES = [
    *[(f, "x", "empty", (lambda f=f: getattr(fastwasm, f)([])), ValueError, r"^x must not be empty$")
      for f in ("mean", "min", "max", "argmin", "argmax", "median", "var", "std", "fft", "ifft")],
    ("mean", "x", "empty array.array", lambda: fastwasm.mean(array.array("d")), ValueError, r"^x must not be empty$"),
    ("quantile", "x", "empty", lambda: fastwasm.quantile((), 0.5), ValueError, r"^x must not be empty$"),
    ("moving_average", "x", "empty", lambda: fastwasm.moving_average([], 1), ValueError, r"^x must not be empty$"),
    ("dot", "a", "length mismatch", lambda: fastwasm.dot([1, 2], [1]), ValueError,
     r"^a and b must have the same length, got 2 and 1$"),
    ("dot", "b", "long length mismatch", lambda: fastwasm.dot(LONG, LONG[1:]), ValueError,
     r"^a and b must have the same length, got 40 and 39$"),
    ("var", "ddof", "equal to len(x)", lambda: fastwasm.var([1, 2], ddof=2), ValueError,
     r"^ddof must be less than the length of x \(2\), got 2$"),
    ("var", "ddof", "negative", lambda: fastwasm.var(LONG, ddof=-1), ValueError, r"^ddof must be non-negative"),
    ("std", "ddof", "above len(x)", lambda: fastwasm.std([1.0], 1.5), ValueError, r"^ddof must be less than"),
    ("quantile", "q", "1.5", lambda: fastwasm.quantile([1, 2], 1.5), ValueError, r"^q must be in \[0, 1\], got 1.5$"),
    ("quantile", "q", "-0.1 with a long x", lambda: fastwasm.quantile(LONG, -0.1), ValueError, r"^q must be in \[0, 1\]"),
    ("histogram", "bins", "0", lambda: fastwasm.histogram([1, 2], 0), ValueError, r"^bins must be at least 1, got 0$"),
    ("histogram", "bins", "2**28 (2 GiB of edges)", lambda: fastwasm.histogram([1, 2], 2**28), MemoryError,
     r"^out of memory: .*\(bins = 268435456\)$"),
    ("histogram", "bins", "2**40", lambda: fastwasm.histogram([1, 2], 2**40), MemoryError,
     r"^out of memory: bins = 1099511627776 is beyond"),
    ("histogram", "x", "NaN without a range", lambda: fastwasm.histogram([1, math.nan], 2), ValueError,
     r"^x must be finite when no range is given, got NaN$"),
    ("histogram", "x", "inf without a range", lambda: fastwasm.histogram(LONG + [math.inf], 2), ValueError,
     r"^x must be finite when no range is given, got inf$"),
    ("matmul", "b", "inner sizes differ", lambda: fastwasm.matmul([[1, 2]], [[1, 2]]), ValueError,
     r"^a has 2 columns but b has 1 rows \(shapes 1x2 and 1x2\)$"),
    ("matmul", "b", "no columns in a", lambda: fastwasm.matmul([[]], [[1]]), ValueError, r"^a has 0 columns but b has 1 rows"),
    ("solve", "a", "not square", lambda: fastwasm.solve([[1, 2], [3, 4], [5, 6]], [1, 2]), ValueError,
     r"^a must be square, got 3x2$"),
    ("solve", "a", "singular", lambda: fastwasm.solve([[1, 2], [2, 4]], [1, 2]), ValueError, r"^a is singular$"),
    ("solve", "a", "NaN", lambda: fastwasm.solve([[math.nan]], [1]), ValueError, r"^a must be finite"),
    ("solve", "b", "wrong length", lambda: fastwasm.solve(square(2), [1]), ValueError, r"^b must have n = 2 elements, got 1$"),
    ("solve", "b", "infinite", lambda: fastwasm.solve(square(2), [1, math.inf]), ValueError, r"^b must be finite"),
    ("det", "a", "not square", lambda: fastwasm.det([[1, 2, 3], [4, 5, 6]]), ValueError, r"^a must be square, got 2x3$"),
    ("det", "a", "no columns", lambda: fastwasm.det([[]]), ValueError, r"^a must be square, got 1x0$"),
    ("inv", "a", "singular", lambda: fastwasm.inv([[1, 2], [2, 4]]), ValueError, r"^a is singular$"),
    ("inv", "a", "not square", lambda: fastwasm.inv([[1, 2]]), ValueError, r"^a must be square, got 1x2$"),
    ("inv", "a", "infinite", lambda: fastwasm.inv([[math.inf]]), ValueError, r"^a must be finite"),
    ("convolve", "a", "empty", lambda: fastwasm.convolve([], [1]), ValueError, r"^a must not be empty$"),
    ("convolve", "v", "empty", lambda: fastwasm.convolve([1], array.array("d")), ValueError, r"^v must not be empty$"),
    ("convolve", "mode", "unknown", lambda: fastwasm.convolve([1], [1], "middle"), ValueError,
     r'^mode must be "full", "same" or "valid", got "middle"$'),
    ("convolve", "mode", "upper case", lambda: fastwasm.convolve([1], [1], "FULL"), ValueError, r"^mode must be"),
    ("moving_average", "window", "0", lambda: fastwasm.moving_average([1, 2], 0), ValueError,
     r"^window must be in \[1, len\(x\)\]"),
    ("moving_average", "window", "above len(x)", lambda: fastwasm.moving_average([1, 2, 3], 5), ValueError,
     r"^window must be in \[1, len\(x\)\] \(3\), got 5$"),
    ("moving_average", "window", "2**40", lambda: fastwasm.moving_average([1, 2], 2**40), ValueError, r"^window is too large"),
    ("grayscale", "rgba", "length mismatch", lambda: fastwasm.grayscale(b"\0" * 47, 3, 4), ValueError,
     r"^rgba must have 4\*w\*h = 48 bytes, got 47$"),
    ("grayscale", "rgba", "empty", lambda: fastwasm.grayscale(bytearray(), 1, 1), ValueError, r"^rgba must have 4\*w\*h = 4 bytes, got 0$"),
    ("grayscale", "w", "0", lambda: fastwasm.grayscale(b"", 0, 1), ValueError, r"^w must be at least 1, got 0$"),
    ("grayscale", "h", "0", lambda: fastwasm.grayscale(b"", 1, 0), ValueError, r"^h must be at least 1, got 0$"),
    ("grayscale", "w", "100000x100000", lambda: fastwasm.grayscale(b"abcd", 100_000, 100_000), ValueError, r"^4\*w\*h is too large"),
    ("gaussian_blur", "sigma", "0", lambda: fastwasm.gaussian_blur(IMG, 3, 2, 0), ValueError, r"^sigma must be in \(0, 1000\], got 0$"),
    ("gaussian_blur", "sigma", "negative", lambda: fastwasm.gaussian_blur(IMG, 3, 2, -1.0), ValueError, r"^sigma must be in"),
    ("gaussian_blur", "sigma", "1e4", lambda: fastwasm.gaussian_blur(IMG, 3, 2, 1e4), ValueError, r"^sigma must be in"),
    ("gaussian_blur", "rgba", "length mismatch", lambda: fastwasm.gaussian_blur(IMG, 3, 3, 1.0), ValueError,
     r"^rgba must have 4\*w\*h = 36 bytes, got 24$"),
    ("sobel", "rgba", "length mismatch", lambda: fastwasm.sobel(b"\0" * 8, 1, 1), ValueError, r"^rgba must have 4\*w\*h = 4 bytes, got 8$"),
    ("sobel", "h", "0", lambda: fastwasm.sobel(b"", 1, 0), ValueError, r"^h must be at least 1"),
    ("mandelbrot", "w", "0", lambda: fastwasm.mandelbrot(0, 10, -2.0, 1.0, -1.0, 1.0, 10), ValueError, r"^w must be at least 1, got 0$"),
    ("mandelbrot", "h", "0", lambda: fastwasm.mandelbrot(10, 0, -2.0, 1.0, -1.0, 1.0, 10), ValueError, r"^h must be at least 1, got 0$"),
    ("mandelbrot", "w", "100000x100000", lambda: fastwasm.mandelbrot(100_000, 100_000, -2.0, 1.0, -1.0, 1.0, 10), ValueError,
     r"^w\*h must be at most \d+ pixels, got 100000x100000$"),
    ("mandelbrot", "h", "1x2**31", lambda: fastwasm.mandelbrot(1, 2**31, -2.0, 1.0, -1.0, 1.0, 10), ValueError, r"^w\*h must be at most"),
    ("mandelbrot", "max_iter", "2**32", lambda: fastwasm.mandelbrot(2, 2, -2.0, 1.0, -1.0, 1.0, 2**32), ValueError,
     r"^max_iter (is too large|must be below 2\^32), got 4294967296$"),
    ("primes", "n", "4e9", lambda: fastwasm.primes(4 * 10**9), ValueError, r"^n must be at most 1000000000, got 4000000000$"),
    ("primes", "n", "10**9 + 1", lambda: fastwasm.primes(10**9 + 1), ValueError, r"^n must be at most 1000000000"),
    ("primes", "n", "2**53 + 1", lambda: fastwasm.primes(2**53 + 1), ValueError, r"^n is too large"),
    ("word_counts", "k", "-1", lambda: fastwasm.word_counts(TEXT, -1), ValueError, r"^k must be a non-negative integer, got -1$"),
]  # fmt: skip

# --- the table -------------------------------------------------------------------------------------


def _generated_rows():
    for func, (params, valid, _) in FUNCTIONS.items():
        for i, (arg, kind) in enumerate(params):
            for label, value, exc, pattern in generated(arg, kind):
                args = list(valid)
                args[i] = value
                yield func, arg, label, (lambda f=getattr(fastwasm, func), a=tuple(args): f(*a)), exc, pattern


ROWS = [*_generated_rows(), *BAD_VALUES]
JS_ONLY_NAMES = ("variance", "movingAverage", "gaussianBlur", "wordCounts", "maxIter", "xMin", "xMax", "yMin",
                 "yMax", "byteLength", "interleaved")  # fmt: skip


def close(got, want):
    if isinstance(want, (list, tuple)):
        assert len(got) == len(want), (got, want)
        for g, w in zip(got, want):
            close(g, w)
    elif isinstance(want, (bytes, bytearray, int, str)):
        assert got == want, (got, want)
    else:
        assert abs(got - want) <= 1e-9 * max(1.0, abs(want)), (got, want)


def check_valid_call(func):
    _, valid, expected = FUNCTIONS[func]
    close(getattr(fastwasm, func)(*valid), expected)


@pytest.mark.parametrize(
    ("func", "arg", "label", "call", "exc", "pattern"),
    ROWS,
    ids=[f"{row[0]}-{row[1]}-{row[2]}" for row in ROWS],
)
def test_bad_input(func, arg, label, call, exc, pattern):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc
    message = str(info.value)
    assert message.startswith(f"{func}: "), message
    detail = message[len(func) + 2 :]
    assert re.search(rf"\b{re.escape(arg)}\b", detail), f"{arg} not named: {message}"
    assert re.search(pattern, detail), (pattern, message)
    assert not any(name in message for name in JS_ONLY_NAMES), message
    # No JavaScript exception chained into the traceback.
    assert info.value.__cause__ is None
    assert info.value.__suppress_context__ or not isinstance(info.value.__context__, JsException)
    check_valid_call(func)


def test_the_table_covers_every_parameter_of_every_function():
    functions = [name for name in fastwasm.__all__ if inspect.isfunction(getattr(fastwasm, name))]
    assert sorted(FUNCTIONS) == sorted(functions)
    for func, (params, _, _) in FUNCTIONS.items():
        assert [arg for arg, _ in params] == list(inspect.signature(getattr(fastwasm, func)).parameters), func
        for arg, _ in params:
            assert any(row[0] == func and row[1] == arg for row in ROWS), f"{func}: no bad input for {arg}"
        check_valid_call(func)
    print(f"{len(ROWS)} bad inputs over {len(FUNCTIONS)} functions")


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


def test_many_errors_in_a_row():
    for _ in range(200):
        with pytest.raises(ValueError):
            fastwasm.mean([])
        with pytest.raises(ValueError):
            fastwasm.primes(-3)
        with pytest.raises(TypeError):
            fastwasm.word_counts(None, 1)
        with pytest.raises(MemoryError):
            fastwasm.histogram([1.0], 2**28)
    for func in FUNCTIONS:
        check_valid_call(func)
