"""fastwasm: numeric kernels written in Rust, for Python in Pyodide (compiled to WebAssembly)
and on CPython (a native extension built from the same kernels).

The functions follow numpy's names and results. 1-D float inputs may be any sequence or iterable
of numbers, any buffer (``array.array``, ``memoryview``, ...) or a numpy array; 2-D inputs are
sequences of rows or 2-D buffers; images are RGBA bytes. Each input is copied once, straight into
the module's memory, and the kernel reads it there.

Results mirror the input kind: numpy arrays in give numpy arrays out; other buffers give
``array.array`` (``bytearray`` for images); sequences give lists (lists of rows for matrices).
Scalars are ``float`` or ``int``. numpy is optional and never imported by fastwasm.

float32 in, float32 out, as numpy does: when every array input of ``matmul``, ``convolve``,
``fft`` or ``ifft`` is float32 (``array.array("f")``, a float32 buffer or numpy array, numpy
complex64 for the transforms, a JS ``Float32Array`` or a float32 resident array), the kernel
computes in float32 and returns float32 (``array.array("f")``, numpy float32 or complex64);
any other mix is computed in float64. Other functions compute float32 inputs in float64.

Wrong argument types raise ``TypeError``, bad values or shapes ``ValueError`` and failed
allocations ``MemoryError``; every message starts with the function's name, and the traceback ends
in that function (fastwasm's internal frames are left out).

One package, two backends: under Pyodide the kernels run in the WebAssembly module shipped in the
wheel, on CPython in the native extension ``fastwasm._native``. The API, the error classes and
messages, and the result kinds are the same on both; ``fastwasm.backend`` says which one runs. On
CPython, contiguous inputs of the kernel's element type are read in place (no copy), numpy
results wrap the kernel's output without a copy, and the GIL is released while a kernel runs.

Threads: ``await enable_threads()`` makes the kernels that split their work use every core (under
Pyodide, the wheel's threaded build on a pool of Web Workers, where the page allows it; natively,
rayon's pool, always on); ``threads()`` says whether they do, and if not, why.
"""

# Only the names in __all__ (and private ones) are bound here, so the imports are aliased.
# sum, min and max shadow the builtins in this module; nothing here needs the builtins.
import array as _array
from importlib.metadata import version as _version
from collections.abc import Iterable as _Iterable
from collections.abc import Sequence as _Sequence
from typing import Any as _Any
from typing import Literal as _Literal
from typing import TypeAlias as _TypeAlias

from . import _backend, _resident
from ._convert import call as _call
from ._convert import code_points as _code_points
from ._convert import complex_parts as _complex_parts
from ._convert import complex_parts_f32 as _complex_parts_f32
from ._convert import complex_result as _complex_result
from ._convert import f64_args as _f64_args
from ._convert import f64_buffer as _f64_buffer
from ._convert import f64_matrix as _f64_matrix
from ._convert import f64_result as _f64_result
from ._convert import f32_args as _f32_args
from ._convert import f32_matrix as _f32_matrix
from ._convert import f32_result as _f32_result
from ._convert import float_arg as _float_arg
from ._convert import index_result as _index_result
from ._convert import int_arg as _int_arg
from ._convert import interleaved as _interleaved
from ._convert import interleaved_f32 as _interleaved_f32
from ._convert import json_result as _json_result
from ._convert import matrix_result as _matrix_result
from ._convert import option_arg as _option_arg
from ._convert import range_arg as _range_arg
from ._convert import reduce as _reduce
from ._convert import result_kind as _result_kind
from ._convert import rgba_buffer as _rgba_buffer
from ._convert import rgba_result as _rgba_result
from ._convert import square_matrix as _square_matrix
from ._convert import NO_ARRAY as _NO_ARRAY
from ._convert import Staged as _Staged
from ._convert import u32_list as _u32_list
from ._convert import utf8 as _utf8
from ._resident import ResidentArray
from ._threads import ThreadsStatus, enable_threads, threads
from ._tracebacks import ERRORS as _ERRORS
from ._tracebacks import from_public as _from_public

#: The installed package's version (defined once, in the project's Cargo.toml).
__version__ = _version("fastwasm")
#: Which backend runs the kernels: ``"wasm"`` (the WebAssembly module, under Pyodide) or
#: ``"native"`` (the native extension, on CPython).
backend: _Literal["wasm", "native"] = _backend.name
__all__ = [
    "ArrayLike",
    "ComplexArray",
    "ComplexLike",
    "FloatArray",
    "ImageLike",
    "IndexArray",
    "Matrix",
    "MatrixLike",
    "RGBAImage",
    "ResidentArray",
    "ThreadsStatus",
    "__version__",
    "backend",
    "argmax",
    "array",
    "argmin",
    "argsort",
    "convolve",
    "cumsum",
    "det",
    "dot",
    "enable_threads",
    "fft",
    "gaussian_blur",
    "grayscale",
    "histogram",
    "ifft",
    "inv",
    "levenshtein",
    "mandelbrot",
    "matmul",
    "max",
    "mean",
    "median",
    "min",
    "moving_average",
    "norm",
    "percentile",
    "primes",
    "quantile",
    "sobel",
    "solve",
    "sort",
    "std",
    "sum",
    "threads",
    "transpose",
    "unique",
    "var",
    "word_counts",
]

#: What the 1-D float functions accept: a sequence or iterable of real numbers, an object
#: supporting the buffer protocol (``array.array``, ``memoryview``, ...) or a 1-D numpy array.
ArrayLike: _TypeAlias = _Iterable[float] | memoryview
#: A 1-D input that may be complex: like ``ArrayLike``, or complex numbers / a complex numpy array.
ComplexLike: _TypeAlias = _Iterable[complex] | memoryview
#: A 2-D float input: a sequence of rows (each ``ArrayLike``), a 2-D buffer or a 2-D numpy array.
MatrixLike: _TypeAlias = _Sequence[ArrayLike] | memoryview
#: RGBA bytes, row-major: ``bytes``, ``bytearray``, a byte buffer, a numpy ``uint8`` array of any
#: shape with ``4 * w * h`` elements, or a sequence of ints in ``range(256)``.
ImageLike: _TypeAlias = bytes | bytearray | memoryview | _Iterable[int]

#: A 1-D float result: ``list[float]`` for sequence input, ``array.array("d")`` for buffer input,
#: a float64 numpy array for numpy input (``"f"`` and float32 for float32 input where noted).
FloatArray: _TypeAlias = list[float] | _array.array | _Any
#: A 1-D index or count result: ``list[int]``, ``array.array("I")`` or an integer numpy array.
IndexArray: _TypeAlias = list[int] | _array.array | _Any
#: A 2-D float result: a list of rows of floats, or a 2-D float64 numpy array.
Matrix: _TypeAlias = list[list[float]] | _Any
#: A complex result: a list of complex, or a complex128 numpy array (complex64 for float32 input).
ComplexArray: _TypeAlias = list[complex] | _Any
#: An RGBA result: a ``bytearray``, or a uint8 numpy array of the input's shape.
RGBAImage: _TypeAlias = bytearray | _Any

_fn = _backend.runtime.fn

# Kernel argument names that the Python API spells differently (see _convert.call).
_SHAPE = {"n": "a", "rows": "a", "cols": "a"}
_MATMUL = {"m": "a", "k": "a", "n": "b"}
_FFT = {"re": "x", "im": "x"}
_RANGE = {"lo": "range", "hi": "range"}


def sum(x: ArrayLike) -> float:  # noqa: A001 - numpy's name
    """Sum of the elements of ``x`` (pairwise summation); 0.0 when ``x`` is empty.

    numpy equivalent: ``np.sum(x)`` for 1-D float64 ``x``.
    """
    try:
        return float(_reduce("sum", _fn.sum, x))
    except _ERRORS as err:
        raise _from_public(err)


def mean(x: ArrayLike) -> float:
    """Arithmetic mean of the elements of ``x``.

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.mean(x)``.
    """
    try:
        return float(_reduce("mean", _fn.mean, x))
    except _ERRORS as err:
        raise _from_public(err)


def dot(a: ArrayLike, b: ArrayLike) -> float:
    """Inner product ``a[0]*b[0] + a[1]*b[1] + ...`` of two equal-length vectors.

    Raises ``ValueError`` when the lengths differ. numpy equivalent: ``np.dot(a, b)`` for 1-D
    ``a`` and ``b``.
    """
    try:
        return float(_call("dot", _fn.dot, *_f64_args("dot", a=a, b=b)))
    except _ERRORS as err:
        raise _from_public(err)


def mandelbrot(
    w: int,
    h: int,
    x_min: float,
    x_max: float,
    y_min: float,
    y_max: float,
    max_iter: int,
) -> list[int]:
    """Escape-time counts of the Mandelbrot set on a ``w`` x ``h`` grid, flat and row-major.

    Pixel ``(px, py)`` samples its centre ``c = cx + i*cy`` with
    ``cx = x_min + (px + 0.5) * (x_max - x_min) / w`` and
    ``cy = y_min + (py + 0.5) * (y_max - y_min) / h``; its count is the number of iterations of
    ``z = z*z + c`` from ``z = 0`` performed while ``|z|**2 <= 4``, capped at ``max_iter``.
    The result has ``w * h`` entries, pixel ``(px, py)`` at index ``py * w + px``.
    Raises ``ValueError`` for an empty grid or out-of-range arguments.

    numpy has no equivalent; the result matches ``counts.ravel()`` for a ``(h, w)`` count array.
    """
    try:
        args = (
            _int_arg("mandelbrot", "w", w),
            _int_arg("mandelbrot", "h", h),
            _float_arg("mandelbrot", "x_min", x_min),
            _float_arg("mandelbrot", "x_max", x_max),
            _float_arg("mandelbrot", "y_min", y_min),
            _float_arg("mandelbrot", "y_max", y_max),
            _int_arg("mandelbrot", "max_iter", max_iter),
        )
        return _u32_list(_call("mandelbrot", _fn.mandelbrot, *args))
    except _ERRORS as err:
        raise _from_public(err)


def primes(n: int) -> list[int]:
    """All primes ``<= n`` in ascending order (sieve of Eratosthenes).

    Raises ``ValueError`` when ``n`` is negative or above 10**9. numpy has no equivalent; the
    result equals ``[p for p in range(2, n + 1) if all(p % d for d in range(2, isqrt(p) + 1))]``.
    """
    try:
        return _u32_list(_call("primes", _fn.primes, _int_arg("primes", "n", n)))
    except _ERRORS as err:
        raise _from_public(err)


def array(data: ArrayLike, dtype: str = "float64") -> ResidentArray:
    """A :class:`ResidentArray`: ``data`` copied once into fastwasm's wasm memory (natively: a
    buffer the extension owns), where it stays across calls until freed.

    ``dtype`` is ``"float64"`` (default), ``"uint32"``, ``"uint8"`` or ``"float32"`` (which makes
    ``fft``, ``ifft`` and ``convolve`` compute in float32). Kernels read a resident
    array in place and return resident arrays for resident input, so chained calls copy nothing
    in or out; ``tolist()``, ``to_array()`` and ``numpy.asarray()`` copy it out once. Raises
    ``TypeError`` for non-numeric data, ``ValueError`` for an unknown dtype or values outside an
    integer dtype, ``MemoryError`` when (wasm) memory is exhausted. numpy equivalent:
    ``np.array(data, dtype=dtype)`` (in fastwasm's memory instead of the Python heap).
    """
    try:
        return _resident.new("array", data, dtype)
    except _ERRORS as err:
        raise _from_public(err)


# --- statistics ------------------------------------------------------------------------------


def var(x: ArrayLike, ddof: float = 0) -> float:
    """Variance of ``x``: the mean squared deviation from the mean, with ``len(x) - ddof`` as the
    divisor (two-pass, pairwise sums).

    Raises ``ValueError`` when ``x`` is empty or ``ddof`` is negative or ``>= len(x)``.
    numpy equivalent: ``np.var(x, ddof=ddof)``.
    """
    try:
        ddof = _float_arg("var", "ddof", ddof)
        return float(_reduce("var", _fn.variance, x, ddof))
    except _ERRORS as err:
        raise _from_public(err)


def std(x: ArrayLike, ddof: float = 0) -> float:
    """Standard deviation of ``x``, the square root of :func:`var` ``(x, ddof)``.

    Raises ``ValueError`` when ``x`` is empty or ``ddof`` is negative or ``>= len(x)``.
    numpy equivalent: ``np.std(x, ddof=ddof)``.
    """
    try:
        ddof = _float_arg("std", "ddof", ddof)
        return float(_reduce("std", _fn.std, x, ddof))
    except _ERRORS as err:
        raise _from_public(err)


def min(x: ArrayLike) -> float:  # noqa: A001 - numpy's name
    """Smallest element of ``x``; NaN if any element is NaN.

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.min(x)``.
    """
    try:
        return float(_reduce("min", _fn.min, x))
    except _ERRORS as err:
        raise _from_public(err)


def max(x: ArrayLike) -> float:  # noqa: A001 - numpy's name
    """Largest element of ``x``; NaN if any element is NaN.

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.max(x)``.
    """
    try:
        return float(_reduce("max", _fn.max, x))
    except _ERRORS as err:
        raise _from_public(err)


def argmin(x: ArrayLike) -> int:
    """Index of the first smallest element of ``x`` (the first NaN, if any).

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``int(np.argmin(x))``.
    """
    try:
        return int(_reduce("argmin", _fn.argmin, x))
    except _ERRORS as err:
        raise _from_public(err)


def argmax(x: ArrayLike) -> int:
    """Index of the first largest element of ``x`` (the first NaN, if any).

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``int(np.argmax(x))``.
    """
    try:
        return int(_reduce("argmax", _fn.argmax, x))
    except _ERRORS as err:
        raise _from_public(err)


def norm(x: ArrayLike) -> float:
    """Euclidean (L2) norm ``sqrt(x[0]**2 + x[1]**2 + ...)``, scaled so that no intermediate
    overflows or underflows; 0.0 when ``x`` is empty.

    numpy equivalent: ``np.linalg.norm(x)`` for 1-D ``x``.
    """
    try:
        return float(_reduce("norm", _fn.norm, x))
    except _ERRORS as err:
        raise _from_public(err)


def median(x: ArrayLike) -> float:
    """Median of ``x`` (the mean of the two middle values for even lengths); NaN if any element
    is NaN.

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.median(x)``.
    """
    try:
        return float(_reduce("median", _fn.median, x))
    except _ERRORS as err:
        raise _from_public(err)


def quantile(x: ArrayLike, q: float) -> float:
    """The ``q``-th quantile of ``x`` (``0 <= q <= 1``), interpolating linearly between the
    sorted values at positions ``floor(q*(n-1))`` and ``ceil(q*(n-1))``.

    Raises ``ValueError`` when ``x`` is empty or ``q`` is outside [0, 1].
    numpy equivalent: ``np.quantile(x, q)``.
    """
    try:
        q = _float_arg("quantile", "q", q)
        return float(_reduce("quantile", _fn.quantile, x, q))
    except _ERRORS as err:
        raise _from_public(err)


def percentile(x: ArrayLike, q: float) -> float:
    """The ``q``-th percentile of ``x`` (``0 <= q <= 100``): :func:`quantile` at ``q / 100``,
    interpolating linearly between the two nearest sorted values.

    Raises ``ValueError`` when ``x`` is empty or ``q`` is outside [0, 100].
    numpy equivalent: ``np.percentile(x, q)``.
    """
    try:
        q = _float_arg("percentile", "q", q)
        return float(_reduce("percentile", _fn.percentile, x, q))
    except _ERRORS as err:
        raise _from_public(err)


def cumsum(x: ArrayLike) -> FloatArray:
    """Running sums ``[x[0], x[0] + x[1], ...]`` of ``x``.

    The result mirrors ``x``'s kind (list, ``array.array("d")`` or numpy float64 array).
    numpy equivalent: ``np.cumsum(x)``.
    """
    try:
        return _f64_result(_call("cumsum", _fn.cumsum, *_f64_args("cumsum", x=x)), _result_kind(x))
    except _ERRORS as err:
        raise _from_public(err)


def histogram(
    x: ArrayLike, bins: int, range: tuple[float, float] | None = None  # noqa: A002 - numpy's name
) -> tuple[IndexArray, FloatArray]:
    """Counts of ``x`` in ``bins`` equal-width bins over ``range = (lo, hi)`` (default: the
    smallest and largest element), and the ``bins + 1`` bin edges.

    Every bin is half-open ``[edge[i], edge[i+1])`` except the last, which includes ``hi``;
    values outside ``range`` are not counted. Returns ``(counts, edges)``, each mirroring ``x``'s
    kind (counts as a list of int, ``array.array("I")`` or numpy int64 array). Raises
    ``ValueError`` for ``bins < 1``, ``lo > hi`` or a non-finite range.
    numpy equivalent: ``np.histogram(x, bins, range=range)``.
    """
    try:
        bins_n = _int_arg("histogram", "bins", bins)
        lo, hi = _range_arg("histogram", "range", range)
        ids = _call("histogram", _fn.histogram, *_f64_args("histogram", x=x), bins_n, lo, hi, names=_RANGE)
        kind = _result_kind(x)
        return _index_result(ids[0], kind, "int64"), _f64_result(ids[1], kind)
    except _ERRORS as err:
        raise _from_public(err)


# --- sorting ---------------------------------------------------------------------------------


def sort(x: ArrayLike) -> FloatArray:
    """Sorted copy of ``x``, ascending, NaNs last.

    The result mirrors ``x``'s kind. numpy equivalent: ``np.sort(x)``.
    """
    try:
        return _f64_result(_call("sort", _fn.sort, *_f64_args("sort", x=x)), _result_kind(x))
    except _ERRORS as err:
        raise _from_public(err)


def argsort(x: ArrayLike) -> IndexArray:
    """Indices that sort ``x`` (stable: equal elements keep their order; NaNs last).

    The result is a list of int, ``array.array("I")`` or numpy ``intp`` array, mirroring ``x``.
    numpy equivalent: ``np.argsort(x, kind="stable")``.
    """
    try:
        return _index_result(_call("argsort", _fn.argsort, *_f64_args("argsort", x=x)), _result_kind(x))
    except _ERRORS as err:
        raise _from_public(err)


def unique(x: ArrayLike) -> FloatArray:
    """Sorted distinct values of ``x`` (all NaNs collapse into one, last).

    The result mirrors ``x``'s kind. numpy equivalent: ``np.unique(x)``.
    """
    try:
        return _f64_result(_call("unique", _fn.unique, *_f64_args("unique", x=x)), _result_kind(x))
    except _ERRORS as err:
        raise _from_public(err)


# --- linear algebra --------------------------------------------------------------------------


def matmul(a: MatrixLike, b: MatrixLike) -> Matrix:
    """Matrix product of ``a`` (m x k) and ``b`` (k x n): the m x n matrix with entries
    ``sum(a[i][p] * b[p][j] for p in range(k))``.

    Raises ``ValueError`` when an input is not a rectangular 2-D array or the inner sizes
    differ. The result is a list of rows (a numpy array if an input is one). When both inputs are
    float32 (numpy float32, 2-D float32 buffers, or rows of ``array.array("f")``), the product is
    computed in float32 (a numpy float32 array for numpy input).
    numpy equivalent: ``np.matmul(a, b)`` for 2-D ``a`` and ``b``.
    """
    try:
        f32_a = _f32_matrix(a)
        f32_b = _f32_matrix(b) if f32_a is not None else None
        if f32_a is not None and f32_b is not None:
            (buf_a, m, k), (buf_b, k_b, n), typecode = f32_a, f32_b, "f"
        else:
            buf_a, m, k = _f64_matrix("matmul", "a", a)
            buf_b, k_b, n = _f64_matrix("matmul", "b", b)
            typecode = "d"
        if k != k_b:
            raise ValueError(
                f"matmul: a has {k} columns but b has {k_b} rows (shapes {m}x{k} and {k_b}x{n})"
            )
        args = (_Staged(buf_a, "a"), _Staged(buf_b, "b"), m, k, n)
        export = _fn.__f32_matmul if typecode == "f" else _fn.matmul
        result = _call("matmul", export, *args, names=_MATMUL)
        return _matrix_result(result, m, n, _result_kind(a, b), typecode)
    except _ERRORS as err:
        raise _from_public(err)


def transpose(a: MatrixLike) -> Matrix:
    """Transpose of the rows x cols matrix ``a``: the cols x rows matrix with ``t[j][i] = a[i][j]``.

    The result is a list of rows (a numpy array if ``a`` is one). numpy equivalent: ``a.T``
    (``np.transpose(a)``) for 2-D ``a``.
    """
    try:
        buf, rows, cols = _f64_matrix("transpose", "a", a)
        result = _call("transpose", _fn.transpose, _Staged(buf, "a"), rows, cols, names=_SHAPE)
        return _matrix_result(result, cols, rows, _result_kind(a))
    except _ERRORS as err:
        raise _from_public(err)


def solve(a: MatrixLike, b: ArrayLike) -> FloatArray:
    """Solution ``x`` of ``a @ x = b`` for a square matrix ``a`` and a vector ``b`` (LU with
    partial pivoting).

    Raises ``ValueError`` when ``a`` is not square, ``len(b)`` differs from its size, or ``a`` is
    singular or not finite. The result mirrors ``b``'s kind (numpy if ``a`` or ``b`` is numpy).
    numpy equivalent: ``np.linalg.solve(a, b)`` for 1-D ``b``.
    """
    try:
        buf_a, n = _square_matrix("solve", "a", a)
        args = (_Staged(buf_a, "a"), _Staged(_f64_buffer("solve", "b", b), "b"), n)
        result = _call("solve", _fn.solve, *args, names=_SHAPE)
        return _f64_result(result, _result_kind(b, a))
    except _ERRORS as err:
        raise _from_public(err)


def det(a: MatrixLike) -> float:
    """Determinant of the square matrix ``a`` (LU with partial pivoting).

    Raises ``ValueError`` when ``a`` is not square. numpy equivalent: ``np.linalg.det(a)``.
    """
    try:
        buf, n = _square_matrix("det", "a", a)
        return float(_call("det", _fn.det, _Staged(buf, "a"), n, names=_SHAPE))
    except _ERRORS as err:
        raise _from_public(err)


def inv(a: MatrixLike) -> Matrix:
    """Inverse of the square matrix ``a``: the matrix ``x`` with ``a @ x = x @ a = I``.

    Raises ``ValueError`` when ``a`` is not square, singular or not finite. The result is a list
    of rows (a numpy array if ``a`` is one). numpy equivalent: ``np.linalg.inv(a)``.
    """
    try:
        buf, n = _square_matrix("inv", "a", a)
        result = _call("inv", _fn.inv, _Staged(buf, "a"), n, names=_SHAPE)
        return _matrix_result(result, n, n, _result_kind(a))
    except _ERRORS as err:
        raise _from_public(err)


# --- signal processing -----------------------------------------------------------------------


def fft(x: ComplexLike) -> ComplexArray:
    """Discrete Fourier transform ``X[k] = sum(x[t] * exp(-2j*pi*k*t/n) for t in range(n))`` of
    the real or complex values ``x``, for any length ``n >= 1``.

    Returns a list of complex (a numpy complex128 array for numpy input). Float32 input (numpy
    float32 or complex64, ``array.array("f")``, a float32 resident array) is transformed in
    float32: a numpy complex64 array for numpy input, else a list of complex. Raises
    ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.fft.fft(x)``.
    """
    try:
        kind = _result_kind(x)
        parts32 = _complex_parts_f32("fft", "x", x)
        if parts32 is not None:
            re32, im32 = parts32
            args32 = (re32, _NO_ARRAY if im32 is None else im32)
            return _complex_result(_call("fft", _fn.__f32_fft, *args32, names=_FFT), kind, "f")
        re_part, im_part = _complex_parts("fft", "x", x)
        im = _NO_ARRAY if im_part is None else _Staged(im_part, "x")  # none: all-zero imaginary part
        result = _call("fft", _fn.fft, _Staged(re_part, "x"), im, names=_FFT)
        return _complex_result(result, kind)
    except _ERRORS as err:
        raise _from_public(err)


def ifft(x: ComplexLike) -> ComplexArray:
    """Inverse discrete Fourier transform
    ``x[t] = sum(X[k] * exp(2j*pi*k*t/n) for k in range(n)) / n`` of the real or complex values
    ``x``, for any length ``n >= 1``.

    Returns a list of complex (a numpy complex128 array for numpy input); float32 input is
    transformed in float32, as for :func:`fft`. Raises ``ValueError`` when ``x`` is empty.
    numpy equivalent: ``np.fft.ifft(x)``.
    """
    try:
        kind = _result_kind(x)
        x32 = _interleaved_f32("ifft", "x", x)
        if x32 is not None:
            return _complex_result(_call("ifft", _fn.__f32_ifft, _Staged(x32, "x")), kind, "f")
        result = _call("ifft", _fn.ifft, _Staged(_interleaved("ifft", "x", x), "x"))
        return _complex_result(result, kind)
    except _ERRORS as err:
        raise _from_public(err)


def convolve(
    a: ArrayLike, v: ArrayLike, mode: _Literal["full", "same", "valid"] = "full"
) -> FloatArray:
    """Discrete linear convolution ``(a * v)[n] = sum(a[m] * v[n - m])``.

    ``mode="full"`` gives all ``len(a) + len(v) - 1`` values, ``"same"`` the
    ``max(len(a), len(v))`` central ones, ``"valid"`` only those where the sequences overlap
    completely. Raises ``ValueError`` for an empty input or an unknown mode. The result mirrors
    ``a``'s kind (numpy if either input is numpy); when both inputs are float32 it is computed in
    float32 (``array.array("f")``, numpy float32, a float32 resident array).
    numpy equivalent: ``np.convolve(a, v, mode)``.
    """
    try:
        mode_s = _option_arg("convolve", "mode", mode)
        kind = _result_kind(a, v)
        args32 = _f32_args("convolve", a=a, v=v)
        if args32 is not None:
            return _f32_result(_call("convolve", _fn.__f32_convolve, *args32, mode_s), kind)
        result = _call("convolve", _fn.convolve, *_f64_args("convolve", a=a, v=v), mode_s)
        return _f64_result(result, kind)
    except _ERRORS as err:
        raise _from_public(err)


def moving_average(x: ArrayLike, window: int) -> FloatArray:
    """Means of every run of ``window`` consecutive values of ``x`` (``len(x) - window + 1``
    values).

    Raises ``ValueError`` when ``x`` is empty or ``window`` is outside [1, len(x)]. The result
    mirrors ``x``'s kind. numpy equivalent: ``np.convolve(x, np.ones(window) / window, "valid")``.
    """
    try:
        window_n = _int_arg("moving_average", "window", window)
        args = (*_f64_args("moving_average", x=x), window_n)
        result = _call("moving_average", _fn.movingAverage, *args)
        return _f64_result(result, _result_kind(x))
    except _ERRORS as err:
        raise _from_public(err)


# --- images ----------------------------------------------------------------------------------


def _image(func: str, export: _Any, rgba: ImageLike, w: int, h: int, *args: float) -> RGBAImage:
    """Runs an image kernel on ``w`` x ``h`` RGBA bytes; the result mirrors ``rgba``."""
    w_n = _int_arg(func, "w", w)
    h_n = _int_arg(func, "h", h)
    if type(rgba) is ResidentArray and rgba.dtype == "uint8":
        result = _call(func, export, rgba._live_id(func, "rgba"), w_n, h_n, *args)
        return ResidentArray._adopt(result)
    buf, shape = _rgba_buffer(func, "rgba", rgba)
    return _rgba_result(_call(func, export, _Staged(buf, "rgba"), w_n, h_n, *args), shape)


def grayscale(rgba: ImageLike, w: int, h: int) -> RGBAImage:
    """Grayscale of a ``w`` x ``h`` RGBA image: R = G = B = round-half-up(0.299 R + 0.587 G +
    0.114 B), alpha kept.

    ``rgba`` holds ``4 * w * h`` bytes, row-major. Returns a ``bytearray`` (a numpy uint8 array
    of ``rgba``'s shape for numpy input). Raises ``ValueError`` for a size mismatch or an empty
    image. numpy has no equivalent; with numpy, R = G = B =
    ``np.floor(rgba[..., :3] @ [0.299, 0.587, 0.114] + 0.5)``.
    """
    try:
        return _image("grayscale", _fn.grayscale, rgba, w, h)
    except _ERRORS as err:
        raise _from_public(err)


def gaussian_blur(rgba: ImageLike, w: int, h: int, sigma: float) -> RGBAImage:
    """Gaussian blur of all four channels of a ``w`` x ``h`` RGBA image with standard deviation
    ``sigma`` (0 < sigma <= 1000).

    Separable: weights ``exp(-i**2 / (2*sigma**2))`` for ``i`` in [-r, r], ``r = ceil(3*sigma)``,
    normalised, applied horizontally then vertically in floating point with edges clamped, then
    rounded half up. Returns a ``bytearray`` (numpy uint8 of ``rgba``'s shape for numpy input).
    numpy has no equivalent; ``scipy.ndimage.gaussian_filter1d(..., mode="nearest",
    truncate=ceil(3*sigma)/sigma)`` along each image axis is the closest.
    """
    try:
        sigma = _float_arg("gaussian_blur", "sigma", sigma)
        return _image("gaussian_blur", _fn.gaussianBlur, rgba, w, h, sigma)
    except _ERRORS as err:
        raise _from_public(err)


def sobel(rgba: ImageLike, w: int, h: int) -> RGBAImage:
    """Sobel edge magnitude of a ``w`` x ``h`` RGBA image.

    The luma ``0.299 R + 0.587 G + 0.114 B`` is filtered with the 3x3 Sobel kernels (edges
    clamped); ``sqrt(gx**2 + gy**2)``, rounded half up and capped at 255, goes into R = G = B,
    with alpha 255. Returns a ``bytearray`` (numpy uint8 of ``rgba``'s shape for numpy input).
    numpy has no equivalent; ``np.hypot(scipy.ndimage.sobel(luma, 1, mode="nearest"),
    scipy.ndimage.sobel(luma, 0, mode="nearest"))`` is the closest.
    """
    try:
        return _image("sobel", _fn.sobel, rgba, w, h)
    except _ERRORS as err:
        raise _from_public(err)


# --- text ------------------------------------------------------------------------------------


def levenshtein(a: str, b: str) -> int:
    """Edit distance between ``a`` and ``b``: the fewest single-character insertions, deletions
    and substitutions turning one into the other (characters are Unicode code points).

    numpy has no equivalent (it is not an array operation).
    """
    try:
        args = (
            _Staged(_code_points("levenshtein", "a", a), "a"),
            _Staged(_code_points("levenshtein", "b", b), "b"),
        )
        return int(_call("levenshtein", _fn.levenshtein, *args))
    except _ERRORS as err:
        raise _from_public(err)


def word_counts(text: str, k: int) -> list[tuple[str, int]]:
    """The ``k`` most frequent words of ``text`` with their counts, as ``[(word, count), ...]``
    ordered by count descending, then word ascending.

    Words are maximal runs of alphanumeric characters, lowercased. numpy has no equivalent; for
    ASCII text it equals ``Counter(re.findall(r"[^\\W_]+", text.lower()))`` sorted by
    ``(-count, word)`` and cut to ``k``.
    """
    try:
        text_arg = _Staged(_utf8("word_counts", "text", text), "text")
        k_n = _int_arg("word_counts", "k", k)
        pairs = _json_result(_call("word_counts", _fn.wordCounts, text_arg, k_n))
        return [(word, count) for word, count in pairs]
    except _ERRORS as err:
        raise _from_public(err)

