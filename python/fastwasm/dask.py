"""fastwasm kernels on chunked ``dask.array`` data, for a Dask cluster.

Every function takes a dask array and returns dask collections: nothing runs until ``.compute()``
(or ``dask.compute(a, b, ...)``, which shares the passes over the data). Each chunk is handed to
the public fastwasm function on whichever worker holds it, so this runs on either backend; on a
``distributed`` cluster that is the native extension on CPython workers.

Each result equals single-process fastwasm on the whole computed array:

- bit for bit: :func:`grayscale`, :func:`gaussian_blur` and :func:`sobel` (``map_blocks`` and
  ``map_overlap`` with exactly the halo each filter reads, so chunk edges see the pixels the whole
  image would give them and the image border is clamped by the kernel itself, as on one machine);
  :func:`cumsum` (each chunk continues the running sum from the previous chunk's last value);
  :func:`min`, :func:`max` and the counts and edges of :func:`histogram`; :func:`quantile`,
  :func:`percentile` and :func:`median` (exact selection, see :func:`quantile`);
- to a few units in the last place: :func:`sum`, :func:`mean`, :func:`var` and :func:`std`.
  Each chunk is summed by fastwasm (pairwise, like numpy) and the chunk sums are added with
  ``math.fsum`` (correctly rounded); the variance takes fastwasm's two passes, the mean and
  then the chunks' sums of squared deviations from it. The results differ from the
  single-process ones only by the rounding inside each summation: well below ``1e-12`` relative
  for data whose sum does not cancel, and identical for a single chunk.

Errors: a bad argument raises ``TypeError`` or ``ValueError`` at once, the message starting with
``fastwasm.dask.<function>:`` and naming the argument (not a dask array, a wrong dtype or number
of dimensions, the channels of an image split across chunks, unknown chunk sizes where they are
needed). Errors that depend on the data (an empty array whose size was unknown, a histogram
range that is not finite) are raised by ``compute()``.

numpy equivalents: each function's numpy equivalent is that of the fastwasm function it applies;
``dask.array`` has the same names (``da.sum``, ``da.histogram``, ``da.percentile``, ...), several
of them approximate or with other rounding.
"""

from __future__ import annotations

import builtins as _builtins
import math
import operator
import struct
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

import numpy as np

try:
    import dask
    import dask.array as da
    from dask.base import tokenize
except ImportError as err:  # pragma: no cover - depends on the environment
    raise ImportError(
        "fastwasm.dask needs dask: pip install 'dask[distributed]' (fastwasm itself does not)"
    ) from err

import fastwasm

__all__ = [
    "cumsum",
    "gaussian_blur",
    "grayscale",
    "histogram",
    "max",
    "mean",
    "median",
    "min",
    "percentile",
    "quantile",
    "sobel",
    "std",
    "sum",
    "var",
]

_T = TypeVar("_T")

#: Chunk results combined per task in tree reductions of large partials (histogram counts).
_FAN_IN = 8


# --- argument checks -------------------------------------------------------------------------


def _prefix(func: str) -> str:
    return f"fastwasm.dask.{func}"


def _dask_array(func: str, arg: str, x: object) -> da.Array:
    if not isinstance(x, da.Array):
        hint = " (wrap it with dask.array.from_array)" if hasattr(x, "__array__") else ""
        raise TypeError(
            f"{_prefix(func)}: {arg} must be a dask array, got {type(x).__module__}."
            f"{type(x).__qualname__}{hint}"
        )
    return x


def _vector(func: str, x: object) -> da.Array:
    """``x`` checked to be a 1-D dask array of real numbers (float or integer dtype)."""
    x = _dask_array(func, "x", x)
    if x.dtype.kind not in "fiu" or x.dtype.itemsize > 8:
        raise TypeError(
            f"{_prefix(func)}: x must have a float or integer dtype of at most 64 bits, "
            f"got {x.dtype}"
        )
    if x.ndim != 1:
        raise ValueError(
            f"{_prefix(func)}: x must be 1-dimensional, got {x.ndim} dimensions "
            f"(shape {x.shape}; use x.ravel())"
        )
    return x


def _known_length(x: da.Array) -> int | None:
    n = x.shape[0]
    return None if math.isnan(n) else int(n)


def _not_empty(func: str, x: da.Array) -> None:
    if _known_length(x) == 0:
        raise ValueError(f"{_prefix(func)}: x must not be empty")


def _image(func: str, rgba: object) -> da.Array:
    """``rgba`` checked to be a ``(h, w, 4)`` uint8 dask array with the channels in one chunk."""
    rgba = _dask_array(func, "rgba", rgba)
    if rgba.dtype != np.uint8:
        raise TypeError(f"{_prefix(func)}: rgba must have dtype uint8, got {rgba.dtype}")
    if rgba.ndim != 3 or rgba.shape[2] != 4:
        raise ValueError(
            f"{_prefix(func)}: rgba must have shape (h, w, 4) (RGBA rows), got {rgba.shape}"
        )
    if any(math.isnan(c) for axis in rgba.chunks for c in axis):
        raise ValueError(
            f"{_prefix(func)}: rgba has unknown chunk sizes (call rgba.compute_chunk_sizes())"
        )
    if len(rgba.chunks[2]) != 1:
        raise ValueError(
            f"{_prefix(func)}: rgba must keep the 4 channels of a pixel in one chunk, got chunks "
            f"{rgba.chunks[2]} along the last axis (use rgba.rechunk({{2: 4}}))"
        )
    if 0 in rgba.shape:
        raise ValueError(f"{_prefix(func)}: rgba must not be empty, got shape {rgba.shape}")
    return rgba


def _by_fastwasm(func: str, call: Callable[[], _T]) -> _T:
    """``call()``, a call of fastwasm's ``func``, its ``TypeError`` or ``ValueError`` re-raised
    with this module's prefix. Used to check scalar arguments by calling fastwasm on a tiny
    input, so that the rules and wording of those checks stay fastwasm's own."""
    try:
        return call()
    except (TypeError, ValueError) as err:
        message = str(err).removeprefix(f"{func}: ")
        raise type(err)(f"{_prefix(func)}: {message}") from None


def _real(func: str, arg: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{_prefix(func)}: {arg} must be a real number, got {type(value).__name__}")
    return float(value)


def _name(func: str, *args: object) -> str:
    """Task names ``fastwasm-<func>-<token>``: the task stream shows them as ``fastwasm-<func>``."""
    return f"fastwasm-{func}-{tokenize(*args)}"


def _blocks(x: da.Array) -> list:
    return list(x.to_delayed().ravel())


def _scalar(value: Any) -> da.Array:
    return da.from_delayed(value, shape=(), dtype=np.float64)


# --- images ----------------------------------------------------------------------------------


def _gray_block(block: np.ndarray) -> np.ndarray:
    h, w, _ = block.shape
    return fastwasm.grayscale(block, w, h)


def _blur_block(block: np.ndarray, sigma: float) -> np.ndarray:
    h, w, _ = block.shape
    return fastwasm.gaussian_blur(block, w, h, sigma)


def _sobel_block(block: np.ndarray) -> np.ndarray:
    h, w, _ = block.shape
    return fastwasm.sobel(block, w, h)


def grayscale(rgba: da.Array) -> da.Array:
    """:func:`fastwasm.grayscale` of a ``(h, w, 4)`` uint8 RGBA image, chunk by chunk
    (``map_blocks``; pixels are independent). Same shape and chunks; bit for bit the
    single-process result.

    numpy equivalent: R = G = B = ``np.floor(rgba[..., :3] @ [0.299, 0.587, 0.114] + 0.5)``,
    alpha kept. Raises ``TypeError`` when ``rgba`` is not a dask array or not uint8,
    ``ValueError`` for a shape other than ``(h, w, 4)``, an empty image, unknown chunk sizes or
    channels split across chunks.
    """
    rgba = _image("grayscale", rgba)
    return rgba.map_blocks(_gray_block, dtype=np.uint8, name=_name("grayscale", rgba))


def _filtered(func: str, rgba: da.Array, radius: int, block_fn: Any, **kwargs: object) -> da.Array:
    """``block_fn`` over ``rgba`` with a halo of ``radius`` pixels from the neighbouring chunks.

    The kernels clamp at the edges of what they are given. Inside the image, a chunk plus its
    halo holds every pixel its filter reads, so it computes exactly what the whole image gives.
    At the image border there is no halo (``boundary="none"``): the chunk's edge is the image's
    edge, and the kernel clamps there exactly as on the whole image. An axis held in one chunk
    needs no halo; a radius beyond the image's size along an axis puts that axis in one chunk.
    """
    depth = {2: 0}
    for axis in (0, 1):
        if len(rgba.chunks[axis]) == 1:
            depth[axis] = 0
        elif radius >= rgba.shape[axis]:
            rgba = rgba.rechunk({axis: -1})
            depth[axis] = 0
        else:
            depth[axis] = radius
    return rgba.map_overlap(
        block_fn,
        depth=depth,
        boundary="none",
        dtype=np.uint8,
        name=_name(func, rgba, kwargs),
        **kwargs,
    )


def gaussian_blur(rgba: da.Array, sigma: float) -> da.Array:
    """:func:`fastwasm.gaussian_blur` of a ``(h, w, 4)`` uint8 RGBA image with standard
    deviation ``sigma`` (0 < sigma <= 1000), over chunks along both image axes.

    The filter reads ``r = ceil(3 * sigma)`` pixels on each side, so each chunk gets a halo of
    ``r`` pixels (``map_overlap``, ``boundary="none"``: the kernel clamps at the image border
    itself); the result is bit for bit the single-process blur, border included. Chunks smaller
    than ``r`` are merged by dask first. numpy has no equivalent (see
    :func:`fastwasm.gaussian_blur`). Errors: as :func:`grayscale`; ``TypeError`` or
    ``ValueError`` for a ``sigma`` that is not a real number in (0, 1000].
    """
    rgba = _image("gaussian_blur", rgba)
    tiny = np.zeros((1, 1, 4), np.uint8)
    _by_fastwasm("gaussian_blur", lambda: fastwasm.gaussian_blur(tiny, 1, 1, sigma))
    sigma = float(sigma)
    radius = math.ceil(3.0 * sigma)  # the kernel's radius (crates/kernels/src/image/mod.rs)
    return _filtered("gaussian_blur", rgba, radius, _blur_block, sigma=sigma)


def sobel(rgba: da.Array) -> da.Array:
    """:func:`fastwasm.sobel` edge magnitude of a ``(h, w, 4)`` uint8 RGBA image, over chunks
    along both image axes.

    The 3x3 Sobel kernels read one pixel on each side, so each chunk gets a 1-pixel halo
    (``map_overlap``, ``boundary="none"``: the kernel clamps at the image border itself); the
    result is bit for bit the single-process one. numpy has no equivalent (see
    :func:`fastwasm.sobel`). Errors: as :func:`grayscale`.
    """
    rgba = _image("sobel", rgba)
    return _filtered("sobel", rgba, 1, _sobel_block)


# --- running sum -----------------------------------------------------------------------------


def _cumsum_block(block: np.ndarray, carry: float | None) -> np.ndarray:
    if carry is None:
        return fastwasm.cumsum(block)
    # fastwasm's running sum starts from -0.0, the identity of addition, so with ``carry``
    # first it reaches ``carry`` exactly and then adds this chunk's values in order: the same
    # additions, in the same order, as the single-process running sum.
    return fastwasm.cumsum(np.concatenate((np.array([carry]), block)))[1:]


def _cumsum_carry(out: np.ndarray, carry: float | None) -> float | None:
    return float(out[-1]) if len(out) else carry


def cumsum(x: da.Array) -> da.Array:
    """:func:`fastwasm.cumsum` of a 1-D dask array: running sums ``x[0], x[0] + x[1], ...`` as a
    float64 dask array with ``x``'s chunks, bit for bit the single-process result.

    A running sum in floating point depends on every earlier addition, so chunk ``i`` starts from
    the last running sum of chunk ``i - 1`` (one float passed along): the chunks run one after
    another, each on the worker that holds it, and nothing is re-added afterwards.
    (``dask.array.cumsum`` adds each chunk's offset afterwards, which runs in parallel but rounds
    differently.) numpy equivalent: ``np.cumsum(x)`` (float64).

    Raises ``TypeError`` when ``x`` is not a dask array of a float or integer dtype,
    ``ValueError`` when it is not 1-D or its chunk sizes are unknown.
    """
    x = _vector("cumsum", x)
    if any(math.isnan(c) for c in x.chunks[0]):
        raise ValueError(
            f"{_prefix('cumsum')}: x has unknown chunk sizes (call x.compute_chunk_sizes())"
        )
    name = _name("cumsum", x)
    block_task = dask.delayed(_cumsum_block, pure=True)
    carry_task = dask.delayed(_cumsum_carry, pure=True)
    carry = None
    parts = []
    for i, (block, size) in enumerate(zip(_blocks(x), x.chunks[0])):
        out = block_task(block, carry, dask_key_name=(name, i))
        carry = carry_task(out, carry, dask_key_name=(f"{name}-carry", i))
        parts.append(da.from_delayed(out, shape=(size,), dtype=np.float64))
    if not parts:
        return da.zeros((0,), dtype=np.float64)
    return da.concatenate(parts)


# --- reductions ------------------------------------------------------------------------------


def _total(values: list[float]) -> float:
    """The correctly rounded sum of ``values`` (``math.fsum``); IEEE addition when one is not
    finite or the total overflows (then it is ±inf or NaN, as a single running sum gives)."""
    if all(math.isfinite(v) for v in values):
        try:
            return math.fsum(values)
        except OverflowError:
            pass
    return float(np.sum(np.array(values, dtype=np.float64)))


def _reduce(func: str, x: da.Array, chunk_fn: Any, combine_fn: Any, *args: object) -> da.Array:
    """A 0-d float64 dask array: ``combine_fn([chunk_fn(block) for each block], *args)``."""
    name = _name(func, x, *args)
    chunk_task = dask.delayed(chunk_fn, pure=True)
    parts = [chunk_task(b, dask_key_name=(f"{name}-chunk", i)) for i, b in enumerate(_blocks(x))]
    return _scalar(dask.delayed(combine_fn, pure=True)(parts, *args, dask_key_name=name))


def _chunk_sum(block: np.ndarray) -> tuple[int, float]:
    return len(block), fastwasm.sum(block)


def _combine_sum(parts: list[tuple[int, float]]) -> np.float64:
    return np.float64(0.0 + _total([s for _, s in parts]))


def sum(x: da.Array) -> da.Array:  # noqa: A001 - numpy's name
    """Sum of a 1-D dask array as a 0-d float64 dask array: :func:`fastwasm.sum` of each chunk
    (pairwise summation), the chunk sums added exactly rounded (``math.fsum``).

    Equals single-process :func:`fastwasm.sum` up to the rounding inside the chunks' pairwise
    sums (a few units in the last place); 0.0 for an empty array. numpy equivalent:
    ``np.sum(x)``; dask: ``x.sum()``. Raises ``TypeError`` when ``x`` is not a dask array of a
    float or integer dtype, ``ValueError`` when it is not 1-D.
    """
    return _reduce("sum", _vector("sum", x), _chunk_sum, _combine_sum)


def _overall_mean(parts: list[tuple[int, float]], func: str) -> float:
    n = _builtins.sum(c for c, _ in parts)
    if n == 0:
        raise ValueError(f"{_prefix(func)}: x must not be empty")
    return _total([s for c, s in parts if c]) / n


def _combine_mean(parts: list[tuple[int, float]]) -> np.float64:
    return np.float64(_overall_mean(parts, "mean"))


def mean(x: da.Array) -> da.Array:
    """Arithmetic mean of a 1-D dask array as a 0-d float64 dask array: the exactly rounded
    total of the chunks' :func:`fastwasm.sum` divided by the length.

    Equals single-process :func:`fastwasm.mean` up to the chunks' rounding (see :func:`sum`).
    numpy equivalent: ``np.mean(x)``; dask: ``x.mean()``. Raises ``TypeError``/``ValueError`` as
    :func:`sum`, and ``ValueError`` for an empty ``x`` (from ``compute()`` if its length was
    unknown).
    """
    x = _vector("mean", x)
    _not_empty("mean", x)
    return _reduce("mean", x, _chunk_sum, _combine_mean)


def _chunk_squares(block: np.ndarray, mean: float) -> tuple[int, float]:
    """This chunk's length and pairwise sum of squared deviations from the overall mean: the
    second pass of fastwasm's own two-pass variance, on this chunk."""
    deviations = np.subtract(block, mean, dtype=np.float64)
    return len(block), fastwasm.sum(deviations * deviations)


def _combine_var(parts: list[tuple[int, float]], ddof: float, func: str) -> np.float64:
    n = _builtins.sum(c for c, _ in parts)
    if ddof >= n:
        raise ValueError(
            f"{_prefix(func)}: ddof must be less than the length of x ({n}), got {ddof:g}"
        )
    variance = _total([q for c, q in parts if c]) / (n - ddof)
    return np.float64(math.sqrt(variance) if func == "std" else variance)


def _variance(func: str, x: da.Array, ddof: object) -> da.Array:
    """fastwasm's two passes over the chunks: the overall mean (exactly rounded total of the
    chunk sums), then the chunks' sums of squared deviations from it, added exactly rounded.
    The squared deviations are summed from the same mean, so nothing is lost when the mean is
    large next to the spread (as it would be by combining per-chunk variances)."""
    x = _vector(func, x)
    _not_empty(func, x)
    ddof = _ddof(func, x, ddof)
    name = _name(func, x, ddof)
    blocks = _blocks(x)
    sum_task = dask.delayed(_chunk_sum, pure=True)
    sums = [sum_task(b, dask_key_name=(f"{name}-sum", i)) for i, b in enumerate(blocks)]
    overall = dask.delayed(_overall_mean, pure=True)(sums, func, dask_key_name=f"{name}-mean")
    squares_task = dask.delayed(_chunk_squares, pure=True)
    squares = [
        squares_task(b, overall, dask_key_name=(f"{name}-squares", i)) for i, b in enumerate(blocks)
    ]
    return _scalar(dask.delayed(_combine_var, pure=True)(squares, ddof, func, dask_key_name=name))


def _ddof(func: str, x: da.Array, ddof: object) -> float:
    value = _real(func, "ddof", ddof)
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{_prefix(func)}: ddof must be non-negative and finite, got {value:g}")
    n = _known_length(x)
    if n is not None and n > 0 and value >= n:
        raise ValueError(
            f"{_prefix(func)}: ddof must be less than the length of x ({n}), got {value:g}"
        )
    return value


def var(x: da.Array, ddof: float = 0) -> da.Array:
    """Variance of a 1-D dask array with divisor ``len(x) - ddof``, as a 0-d float64 dask
    array, in fastwasm's two passes: the mean (as :func:`mean`), then each chunk's
    :func:`fastwasm.sum` of squared deviations from that mean, the chunk totals added exactly
    rounded: ``sum((x - mean)**2) / (len(x) - ddof)``.

    Equals single-process :func:`fastwasm.var` up to the rounding inside the chunks' pairwise
    sums and of the mean (a few units in the last place, however large the mean is next to the
    spread); NaN when ``x`` holds NaN or infinity.
    numpy equivalent: ``np.var(x, ddof=ddof)``; dask: ``x.var(ddof=ddof)``. Raises ``TypeError``
    as :func:`sum` or for a non-numeric ``ddof``; ``ValueError`` for an empty ``x``, a negative
    or non-finite ``ddof`` or one not below ``len(x)`` (from ``compute()`` if the length was
    unknown).
    """
    return _variance("var", x, ddof)


def std(x: da.Array, ddof: float = 0) -> da.Array:
    """Standard deviation of a 1-D dask array, the square root of :func:`var` ``(x, ddof)``, as
    a 0-d float64 dask array; as close to single-process :func:`fastwasm.std` as :func:`var` is.

    numpy equivalent: ``np.std(x, ddof=ddof)``; dask: ``x.std(ddof=ddof)``. Errors: as
    :func:`var`.
    """
    return _variance("std", x, ddof)


def _chunk_extreme(block: np.ndarray, which: str) -> float | None:
    if len(block) == 0:
        return None
    return fastwasm.min(block) if which == "min" else fastwasm.max(block)


def _combine_extreme(parts: list[float | None], which: str) -> np.float64:
    values = [v for v in parts if v is not None]
    if not values:
        raise ValueError(f"{_prefix(which)}: x must not be empty")
    if any(math.isnan(v) for v in values):
        return np.float64(math.nan)
    keep = operator.lt if which == "min" else operator.gt
    # fastwasm's rule, chunk after chunk: between equal values (-0.0 and 0.0) the later one wins.
    acc = values[0]
    for v in values[1:]:
        acc = acc if keep(acc, v) else v
    return np.float64(acc)


def min(x: da.Array) -> da.Array:  # noqa: A001 - numpy's name
    """Smallest element of a 1-D dask array as a 0-d float64 dask array: the smallest of the
    chunks' :func:`fastwasm.min`, exactly the single-process result (NaN if any element is NaN;
    of equal values such as -0.0 and 0.0, the later one).

    numpy equivalent: ``np.min(x)``; dask: ``x.min()``. Raises ``TypeError``/``ValueError`` as
    :func:`sum`, and ``ValueError`` for an empty ``x`` (from ``compute()`` if its length was
    unknown).
    """
    x = _vector("min", x)
    _not_empty("min", x)
    return _reduce("min", x, partial(_chunk_extreme, which="min"), _combine_extreme, "min")


def max(x: da.Array) -> da.Array:  # noqa: A001 - numpy's name
    """Largest element of a 1-D dask array as a 0-d float64 dask array: the largest of the
    chunks' :func:`fastwasm.max`, exactly the single-process result (NaN if any element is NaN).

    numpy equivalent: ``np.max(x)``; dask: ``x.max()``. Errors: as :func:`min`.
    """
    x = _vector("max", x)
    _not_empty("max", x)
    return _reduce("max", x, partial(_chunk_extreme, which="max"), _combine_extreme, "max")


# --- histogram -------------------------------------------------------------------------------


def _histogram_range(parts: list[float | None], bins: int, given: tuple | None) -> tuple:
    """The range every chunk is counted over, and the edges, exactly as single-process
    :func:`fastwasm.histogram` derives them: the given range, or (min, max) of the data, which
    fastwasm itself validates and widens (``lo == hi``) when it computes the edges."""
    if given is not None:
        return given, fastwasm.histogram(np.empty(0), bins, range=given)[1]
    lows = [p[0] for p in parts if p is not None]
    if not lows:  # no data: fastwasm's default range (0, 1)
        return (0.0, 1.0), fastwasm.histogram(np.empty(0), bins)[1]
    lo = float(_combine_extreme(lows, "min"))
    hi = float(_combine_extreme([p[1] for p in parts if p is not None], "max"))
    limits = np.array([lo, hi])
    return (lo, hi), _by_fastwasm("histogram", lambda: fastwasm.histogram(limits, bins)[1])


def _chunk_min_max(block: np.ndarray) -> tuple[float, float] | None:
    if len(block) == 0:
        return None
    return fastwasm.min(block), fastwasm.max(block)


def _chunk_counts(block: np.ndarray, bins: int, plan: tuple) -> np.ndarray:
    (lo, hi), _ = plan
    counts = fastwasm.histogram(block, bins, range=(lo, hi))[0]
    return np.asarray(counts, dtype=np.int64)


def _add(*counts: np.ndarray) -> np.ndarray:
    return np.add.reduce(counts)


def _tree(parts: list, fn: Any, name: str) -> Any:
    """``fn(*parts)`` as a tree of tasks taking at most ``_FAN_IN`` parts each."""
    task = dask.delayed(fn, pure=True)
    level = 0
    while len(parts) > 1:
        parts = [
            task(*parts[i : i + _FAN_IN], dask_key_name=(f"{name}-{level}", i // _FAN_IN))
            for i in range(0, len(parts), _FAN_IN)
        ]
        level += 1
    return parts[0]


def histogram(
    x: da.Array,
    bins: int,
    range: tuple[float, float] | None = None,  # noqa: A002 - numpy's name
) -> tuple[da.Array, da.Array]:
    """Histogram of a 1-D dask array: ``(counts, edges)``, dask arrays of ``bins`` int64 counts
    and ``bins + 1`` float64 edges, exactly single-process :func:`fastwasm.histogram`'s.

    Without ``range``, the data's min and max are found first (a pass over the chunks), as
    fastwasm does; every chunk is then counted by :func:`fastwasm.histogram` over that one range
    and the counts added. numpy equivalent: ``np.histogram(x, bins, range=range)``; dask:
    ``da.histogram`` (which needs ``range``). Raises ``TypeError``/``ValueError`` as :func:`sum`
    or for a bad ``bins`` or ``range`` (as fastwasm.histogram); a data range that is not finite
    or too narrow for ``bins`` raises ``ValueError`` from ``compute()``.
    """
    x = _vector("histogram", x)
    empty = np.empty(0)
    _by_fastwasm("histogram", lambda: fastwasm.histogram(empty, bins, range=range))
    bins = int(bins)
    given = None if range is None else (float(range[0]), float(range[1]))
    name = _name("histogram", x, bins, given)
    blocks = _blocks(x)
    if given is None:
        limits_task = dask.delayed(_chunk_min_max, pure=True)
        limits = [limits_task(b, dask_key_name=(f"{name}-limits", i)) for i, b in enumerate(blocks)]
    else:
        limits = []
    plan = dask.delayed(_histogram_range, pure=True)(
        limits, bins, given, dask_key_name=f"{name}-range"
    )
    count_task = dask.delayed(_chunk_counts, pure=True)
    counts = [count_task(b, bins, plan, dask_key_name=(name, i)) for i, b in enumerate(blocks)]
    if not counts:
        total = dask.delayed(np.zeros, pure=True)(bins, dtype=np.int64)
    else:
        total = _tree(counts, _add, f"{name}-sum")
    edges = dask.delayed(operator.getitem, pure=True)(plan, 1, dask_key_name=f"{name}-edges")
    return (
        da.from_delayed(total, shape=(bins,), dtype=np.int64),
        da.from_delayed(edges, shape=(bins + 1,), dtype=np.float64),
    )


# --- exact quantiles -------------------------------------------------------------------------
#
# Radix selection on the float64 bit patterns. ``_keys`` maps each float to a uint64 whose
# unsigned order is the total order fastwasm's selection uses (f64::total_cmp: -0.0 before 0.0).
# Four rounds each fix the next 16 bits of the key of the wanted order statistic: every chunk
# counts, among its keys that start with the bits fixed so far, how many have each value of the
# next 16 bits; the totals say which value holds the wanted rank. After four rounds the whole key,
# hence the value, is known exactly, whatever the data: no sampling, no tolerance, and a fixed
# number of rounds (a graph built once). Only the counts travel, as (bin, count) pairs; each
# chunk keeps its candidates for the next round, so after the first round only they are read.

_DIGIT_BITS = 16
_DIGITS = 1 << _DIGIT_BITS
_ROUNDS = 64 // _DIGIT_BITS
_SIGN = 1 << 63
_ALL = (1 << 64) - 1


def _keys(block: np.ndarray) -> np.ndarray:
    signed = np.ascontiguousarray(block, dtype=np.float64).view(np.int64)
    keys = signed >> 63  # -1 for negative floats, else 0
    keys &= 0x7FFF_FFFF_FFFF_FFFF
    keys ^= signed  # f64::total_cmp's key: negative floats' other bits reversed, compared signed
    keys ^= -(1 << 63)  # the same order, unsigned
    return keys.view(np.uint64)


def _value(key: int) -> float:
    bits = key ^ _SIGN if key >> 63 else key ^ _ALL
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def _sparse(digits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(digits.astype(np.intp), minlength=_DIGITS)
    bins = np.flatnonzero(counts)
    return bins, counts[bins]


def _chunk_round(source: Any, state: dict | None, round_: int) -> tuple:
    """One chunk's part of round ``round_``: ``(counts, candidates)``.

    ``counts`` holds the chunk's NaN count (round 0) and, for each wanted rank, the (bin, count)
    pairs of the next 16 bits among the chunk's keys that start with the bits of that rank
    fixed so far (in round 0, one row for all of them). ``candidates`` maps each such prefix to
    those keys, all the next round looks at. ``source`` is the chunk in round 0, then the
    chunk's result of the previous round.
    """
    if round_ == 0:
        keys = _keys(source)
        nan_count = int(np.count_nonzero(np.isnan(source))) if source.dtype.kind == "f" else 0
        return (nan_count, (_sparse(keys >> (64 - _DIGIT_BITS)),)), {0: keys}
    if state["done"]:
        return (0, ()), {}
    _, previous = source
    fixed = _DIGIT_BITS * round_
    low = _DIGITS - 1
    prefixes = {prefix for prefix, _ in state["targets"]}
    candidates: dict[int, np.ndarray] = {}
    for parent_prefix, parent in previous.items():
        wanted = [p for p in prefixes if p >> _DIGIT_BITS == parent_prefix]
        if not wanted:
            continue
        # The keys under one parent prefix differ first in the digit fixed last round: one pass
        # through a table of the wanted digits, however many ranks are wanted.
        digits = (parent >> (64 - fixed)) & low
        table = np.zeros(_DIGITS, dtype=bool)
        table[[p & low for p in wanted]] = True
        inside = table[digits]
        pool, pool_digits = parent[inside], digits[inside]
        for p in wanted:
            candidates[p] = pool[pool_digits == (p & low)]
    shift = 64 - fixed - _DIGIT_BITS
    rows = {p: _sparse((keys >> shift) & low) for p, keys in candidates.items()}
    counts = (0, tuple(rows[prefix] for prefix, _ in state["targets"]))
    return counts, candidates if round_ < _ROUNDS - 1 else {}


def _add_digit_counts(*parts: tuple) -> tuple:
    nan_count = _builtins.sum(p[0] for p in parts)
    rows = [p[1] for p in parts if p[1]]
    if not rows:
        return nan_count, ()
    added = []
    for t in range(len(rows[0])):
        dense = np.zeros(_DIGITS, dtype=np.int64)
        for row in rows:
            bins, counts = row[t]
            dense[bins] += counts
        bins = np.flatnonzero(dense)
        added.append((bins, dense[bins]))
    return nan_count, tuple(added)


def _linear_index(n: int, q: float) -> tuple[int, int, float]:
    """fastwasm's (numpy's) linear-method ranks and weight for quantile ``q`` of ``n`` values,
    the same float64 operations as ``linear_index`` in crates/kernels/src/stats.rs."""
    last = n - 1
    vi = float(last) * q
    if vi >= last:
        return last, last, vi + 1.0
    below = float(math.floor(vi))
    lo = _builtins.min(int(below), _builtins.max(last - 1, 0))
    return lo, _builtins.min(lo + 1, last), vi - below


def _lerp(a: float, b: float, t: float) -> float:
    """numpy's ``_lerp``, as fastwasm's ``lerp``."""
    diff = b - a
    return b - diff * (1.0 - t) if t >= 0.5 else a + diff * t


def _narrow(total: tuple, state: dict, round_: int) -> dict:
    """The state after round ``round_``: the wanted ranks (set in round 0) and the bits of their
    keys fixed so far, or ``done`` with NaN."""
    if state["done"]:
        return state
    nan_count, rows = total
    state = dict(state)
    if round_ == 0:
        n = nan_count + (int(rows[0][1].sum()) if rows else 0)
        if n == 0:
            raise ValueError(f"{_prefix(state['func'])}: x must not be empty")
        if nan_count:
            return {**state, "done": True}
        state["odd"] = n % 2 == 1
        if state["func"] == "median":
            ranks = [n // 2, n // 2] if state["odd"] else [n // 2 - 1, n // 2]
        else:
            spots = [_linear_index(n, q) for q in state["qs"]]
            state["gammas"] = [gamma for _, _, gamma in spots]
            ranks = [rank for lo, hi, _ in spots for rank in (lo, hi)]
        targets = [(0, rank) for rank in ranks]
        rows = rows * len(targets)
    else:
        targets = state["targets"]
    narrowed = []
    for (prefix, rank), (bins, counts) in zip(targets, rows):
        below = np.cumsum(counts)
        at = int(np.searchsorted(below, rank, side="right"))
        before = int(below[at - 1]) if at else 0
        narrowed.append(((prefix << _DIGIT_BITS) | int(bins[at]), rank - before))
    state["targets"] = narrowed
    return state


def _finish(state: dict) -> np.float64 | np.ndarray:
    if state["func"] == "median":
        if state["done"]:
            return np.float64(math.nan)
        a, b = (_value(prefix) for prefix, _ in state["targets"])
        # fastwasm's median: the middle value, or the mean of the two middle values.
        return np.float64(0.0 + b if state["odd"] else (0.0 + a + b) / 2.0)
    if state["done"]:
        results = [math.nan] * len(state["qs"])
    else:
        values = [_value(prefix) for prefix, _ in state["targets"]]
        pairs = zip(values[0::2], values[1::2], state["gammas"])
        results = [_lerp(a, b, gamma) for a, b, gamma in pairs]
    return np.float64(results[0]) if state["scalar"] else np.array(results, dtype=np.float64)


def _select(func: str, x: da.Array, qs: list[float] | None, scalar: bool = True) -> da.Array:
    state: Any = {"func": func, "qs": qs, "scalar": scalar, "done": False}
    name = _name(func, x, qs)
    round_task = dask.delayed(_chunk_round, pure=True)
    counts_of = dask.delayed(operator.getitem, pure=True)
    narrow_task = dask.delayed(_narrow, pure=True)
    sources = _blocks(x)
    for round_ in range(_ROUNDS):
        key = f"{name}-{round_}"
        given = None if round_ == 0 else state
        sources = [
            round_task(src, given, round_, dask_key_name=(key, i)) for i, src in enumerate(sources)
        ]
        counts = [
            counts_of(out, 0, dask_key_name=(f"{key}-counts", i)) for i, out in enumerate(sources)
        ]
        total = _tree(counts, _add_digit_counts, f"{key}-sum") if counts else (0, ())
        state = narrow_task(total, state, round_, dask_key_name=f"{key}-narrow")
    result = dask.delayed(_finish, pure=True)(state, dask_key_name=name)
    shape = () if scalar else (len(qs),)
    return da.from_delayed(result, shape=shape, dtype=np.float64)


def _fractions(func: str, q: object, scale: float) -> tuple[list[float], bool]:
    """``q`` (a number or a 1-D sequence of numbers), each checked by fastwasm's ``func`` and
    divided by ``scale``, and whether ``q`` was a single number."""
    scalar = np.ndim(q) == 0
    if not scalar and np.ndim(q) != 1:
        raise ValueError(
            f"{_prefix(func)}: q must be a number or a 1-D sequence, got {np.ndim(q)} dimensions"
        )
    one = np.zeros(1)
    qs = [q] if scalar else list(q)
    for value in qs:
        _by_fastwasm(func, lambda value=value: getattr(fastwasm, func)(one, value))
    return [float(value) / scale for value in qs], scalar


def quantile(x: da.Array, q: float | Sequence[float]) -> da.Array:
    """The ``q``-th quantile (``0 <= q <= 1``) of a 1-D dask array, exactly single-process
    :func:`fastwasm.quantile`: linear interpolation between the sorted values at
    ``floor(q*(n-1))`` and ``ceil(q*(n-1))``, with the same float64 operations; NaN if any
    element is NaN. A 0-d float64 dask array, or a 1-D one for a sequence of ``q`` (all found in
    the same passes).

    Exact across chunks: the order statistics are found by radix selection on the float64 bit
    patterns, four rounds of per-chunk counts of the next 16 bits among the candidates (a fixed
    number of rounds whatever the data's distribution; only counts travel, never the data).
    numpy equivalent: ``np.quantile(x, q)``; dask's ``da.percentile`` is approximate across
    chunks. Raises ``TypeError``/``ValueError`` as :func:`sum`, ``TypeError`` for a non-numeric
    ``q``, ``ValueError`` for a ``q`` outside [0, 1] or an empty ``x`` (from ``compute()`` if
    its length was unknown).
    """
    x = _vector("quantile", x)
    qs, scalar = _fractions("quantile", q, 1.0)
    _not_empty("quantile", x)
    return _select("quantile", x, qs, scalar)


def percentile(x: da.Array, q: float | Sequence[float]) -> da.Array:
    """The ``q``-th percentile (``0 <= q <= 100``) of a 1-D dask array: :func:`quantile` at
    ``q / 100``, exactly single-process :func:`fastwasm.percentile`; a 0-d float64 dask array,
    or a 1-D one for a sequence of ``q``.

    numpy equivalent: ``np.percentile(x, q)``; dask: ``da.percentile`` (approximate across
    chunks). Errors: as :func:`quantile`, with ``q`` in [0, 100].
    """
    x = _vector("percentile", x)
    qs, scalar = _fractions("percentile", q, 100.0)
    _not_empty("percentile", x)
    return _select("percentile", x, qs, scalar)


def median(x: da.Array) -> da.Array:
    """Median of a 1-D dask array as a 0-d float64 dask array, exactly single-process
    :func:`fastwasm.median` (the middle value, or the mean of the two middle values; NaN if any
    element is NaN), by the exact selection of :func:`quantile`.

    numpy equivalent: ``np.median(x)``; dask: ``da.median`` (which needs the whole axis in one
    chunk). Raises ``TypeError``/``ValueError`` as :func:`sum`, and ``ValueError`` for an empty
    ``x`` (from ``compute()`` if its length was unknown).
    """
    x = _vector("median", x)
    _not_empty("median", x)
    return _select("median", x, None)
