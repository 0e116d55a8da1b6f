"""fastwasm: numeric kernels written in Rust, compiled to WebAssembly, for Python in Pyodide.

The functions follow numpy's names and results. 1-D float inputs may be any sequence or iterable
of numbers, any buffer (``array.array``, ``memoryview``, ...) or a numpy array; each is copied
once, straight into the module's memory, and the kernel reads it there. Errors reported by a
kernel are raised as ``ValueError`` (``MemoryError`` for failed allocations) with the kernel's
message.

Importing this package outside Pyodide raises ``ImportError``.
"""

# Only the names in __all__ (and private ones) are bound here, so the imports are aliased.
from collections.abc import Iterable as _Iterable
from typing import TypeAlias as _TypeAlias

from . import _runtime
from ._convert import call as _call
from ._convert import f64_args as _f64_args
from ._convert import float_arg as _float_arg
from ._convert import int_arg as _int_arg
from ._convert import u32_list as _u32_list

__version__ = "0.1.0"
__all__ = ["ArrayLike", "__version__", "dot", "mandelbrot", "mean", "primes", "sum"]

#: What the 1-D float functions accept: a sequence or iterable of real numbers, an object
#: supporting the buffer protocol (``array.array``, ``memoryview``, ...) or a 1-D numpy array.
ArrayLike: _TypeAlias = _Iterable[float] | memoryview

_exports = _runtime.exports


def sum(x: ArrayLike) -> float:  # noqa: A001 - numpy's name
    """Sum of the elements of ``x`` (pairwise summation); 0.0 when ``x`` is empty.

    numpy equivalent: ``np.sum(x)`` for 1-D float64 ``x``.
    """
    (view,) = _f64_args("sum", x=x)
    return float(_call("sum", _exports.sum, view))


def mean(x: ArrayLike) -> float:
    """Arithmetic mean of the elements of ``x``.

    Raises ``ValueError`` when ``x`` is empty. numpy equivalent: ``np.mean(x)``.
    """
    (view,) = _f64_args("mean", x=x)
    return float(_call("mean", _exports.mean, view))


def dot(a: ArrayLike, b: ArrayLike) -> float:
    """Inner product ``a[0]*b[0] + a[1]*b[1] + ...`` of two equal-length vectors.

    Raises ``ValueError`` when the lengths differ. numpy equivalent: ``np.dot(a, b)`` for 1-D
    ``a`` and ``b``.
    """
    view_a, view_b = _f64_args("dot", a=a, b=b)
    return float(_call("dot", _exports.dot, view_a, view_b))


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
    args = (
        _int_arg("mandelbrot", "w", w),
        _int_arg("mandelbrot", "h", h),
        _float_arg("mandelbrot", "x_min", x_min),
        _float_arg("mandelbrot", "x_max", x_max),
        _float_arg("mandelbrot", "y_min", y_min),
        _float_arg("mandelbrot", "y_max", y_max),
        _int_arg("mandelbrot", "max_iter", max_iter),
    )
    return _u32_list(_call("mandelbrot", _exports.mandelbrot, *args))


def primes(n: int) -> list[int]:
    """All primes ``<= n`` in ascending order (sieve of Eratosthenes).

    Raises ``ValueError`` when ``n`` is negative or above 10**9. numpy has no equivalent; the
    result equals ``[p for p in range(2, n + 1) if all(p % d for d in range(2, isqrt(p) + 1))]``.
    """
    return _u32_list(_call("primes", _exports.primes, _int_arg("primes", "n", n)))
