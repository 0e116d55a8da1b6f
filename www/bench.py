"""The benchmark's two Python columns, run inside Pyodide by py-worker.js (and by
tests/js/bench-python.test.mjs under Node).

- ``PURE``: every kernel family of www/suite.js in idiomatic pure Python (standard library only,
  no numpy), written the way a good Python developer writes it: builtins and the standard library
  where they fit, plain loops where nothing does.
- ``WASM``: the same families through the ``fastwasm`` package, called with the inputs a fastwasm
  user would pass (``array.array("d")`` vectors, a ``bytearray`` image, ``str`` text).
- ``wasm-py-mt``: the same ``WASM`` calls once ``start_threads`` has started fastwasm's threads
  pool (``await fastwasm.enable_threads()``); py-worker.js runs it after every single-threaded task,
  since the pool cannot be stopped again.

``prepare`` turns the JS inputs of suite.js ``makeInputs`` into each column's idiomatic form once
per task (untimed); ``run_task`` times the call with suite.js's rules (``TIMING``) and converts
the result to the contract's ``{kind, value}`` afterwards (untimed).
"""

import array
import cmath
import collections
import itertools
import math
import re
import statistics
from time import perf_counter

import fastwasm  # installed with micropip before this file is run
from bench_timing import configure, measure, summary  # noqa: F401 - configure is called from JS
import js
from pyodide.ffi import to_js


# --- pure Python kernels --------------------------------------------------------------------------


def py_stats(x):
    """[sum, mean, population variance] of a list of floats.

    ``sum`` rather than ``math.fsum``: since Python 3.12 the builtin sums floats with Neumaier
    compensation, so it is accurate and is what everyone writes. ``statistics.fmean`` is the
    standard library's fast float mean. The variance is the textbook two-pass formula:
    ``statistics.pvariance`` is exact (it sums Fractions) but orders of magnitude slower, so a
    developer who cares about speed writes this instead.
    """
    total = sum(x)
    mean = statistics.fmean(x)
    var = sum((v - mean) ** 2 for v in x) / len(x)
    return [total, mean, var]


def py_dot(a, b):
    return math.sumprod(a, b)


def py_sort(x):
    return sorted(x)


def py_matmul(a, b):
    """Product of two matrices given as lists of rows: one ``sumprod`` per (row, column) pair."""
    columns = list(zip(*b))
    return [[math.sumprod(row, col) for col in columns] for row in a]


def py_fft(x):
    """Iterative radix-2 Cooley-Tukey FFT of a power-of-two-length sequence; a list of complex."""
    n = len(x)
    if n & (n - 1) or n == 0:
        raise ValueError(f"fft: length must be a power of 2, got {n}")
    a = [complex(v) for v in x]
    # Bit-reversal permutation.
    j = 0
    for i in range(1, n):
        bit = n >> 1
        while j & bit:
            j ^= bit
            bit >>= 1
        j |= bit
        if i < j:
            a[i], a[j] = a[j], a[i]
    # Butterflies, doubling the transform size at each level.
    size = 2
    while size <= n:
        half = size // 2
        twiddles = [cmath.exp(-2j * math.pi * k / size) for k in range(half)]
        for start in range(0, n, size):
            for k in range(half):
                lo, hi = start + k, start + k + half
                t = a[hi] * twiddles[k]
                a[hi] = a[lo] - t
                a[lo] = a[lo] + t
        size *= 2
    return a


def py_convolve(x, v):
    """Full discrete convolution: each output is the ``sumprod`` of a window of the zero-padded
    input with the reversed kernel."""
    k = len(v)
    taps = v[::-1]
    padded = [0.0] * (k - 1) + x + [0.0] * (k - 1)
    return [math.sumprod(padded[i : i + k], taps) for i in range(len(x) + k - 1)]


def _blur_line(line, weights, r):
    """One 1-D pass of the Gaussian over ``line``, edges clamped."""
    padded = [line[0]] * r + list(line) + [line[-1]] * r
    k = len(weights)
    return [math.sumprod(weights, padded[i : i + k]) for i in range(len(line))]


def py_gaussian_blur(rgba, w, h, sigma):
    """Separable Gaussian blur of RGBA bytes, fastwasm's definition (src/kernels/image.rs):
    weights ``exp(-i**2 / (2*sigma**2))`` for ``i`` in [-r, r], ``r = ceil(3*sigma)``, normalised;
    a horizontal then a vertical pass in floating point, edges clamped; rounded half up."""
    r = math.ceil(3 * sigma)
    weights = [math.exp(-(i * i) / (2 * sigma * sigma)) for i in range(-r, r + 1)]
    total = sum(weights)
    weights = [wt / total for wt in weights]
    out = bytearray(len(rgba))
    for c in range(4):
        channel = rgba[c::4]
        rows = [_blur_line(channel[y * w : (y + 1) * w], weights, r) for y in range(h)]
        columns = [_blur_line(col, weights, r) for col in zip(*rows)]
        out[c::4] = bytes(
            min(255, max(0, math.floor(v + 0.5))) for row in zip(*columns) for v in row
        )
    return out


def _luma(rgba):
    """The unrounded luma ``0.299*R + 0.587*G + 0.114*B`` of every pixel, in that order."""
    return [0.299 * r + 0.587 * g + 0.114 * b for r, g, b in zip(rgba[0::4], rgba[1::4], rgba[2::4])]


def py_grayscale(rgba, w, h):
    """R = G = B = the luma rounded half up, alpha kept (fastwasm's definition)."""
    levels = bytes(min(255, math.floor(v + 0.5)) for v in _luma(rgba))
    out = bytearray(len(rgba))
    out[0::4] = levels
    out[1::4] = levels
    out[2::4] = levels
    out[3::4] = rgba[3::4]
    return out


def py_sobel(rgba, w, h):
    """Sobel gradient magnitude of the unrounded luma, edges clamped, rounded half up and clamped
    to 255, as R = G = B with alpha 255 (fastwasm's definition)."""
    lum = _luma(rgba)
    rows = [lum[y * w : (y + 1) * w] for y in range(h)]
    levels = bytearray(w * h)
    k = 0
    for y in range(h):
        up, mid, down = rows[max(0, y - 1)], rows[y], rows[min(h - 1, y + 1)]
        for x in range(w):
            xm, xp = max(0, x - 1), min(w - 1, x + 1)
            gx = (up[xp] + 2.0 * mid[xp] + down[xp]) - (up[xm] + 2.0 * mid[xm] + down[xm])
            gy = (down[xm] + 2.0 * down[x] + down[xp]) - (up[xm] + 2.0 * up[x] + up[xp])
            levels[k] = min(255, math.floor(math.sqrt(gx * gx + gy * gy) + 0.5))
            k += 1
    out = bytearray(b"\xff") * len(rgba)
    out[0::4] = levels
    out[1::4] = levels
    out[2::4] = levels
    return out


def py_mandelbrot(w, h, x_min, x_max, y_min, y_max, max_iter):
    # Real arithmetic in the same order as the other implementations, so the counts agree exactly
    # (complex abs() would compare a rounded sqrt against 2 and could differ at the boundary).
    dx = (x_max - x_min) / w
    dy = (y_max - y_min) / h
    counts = []
    for py in range(h):
        cy = y_min + (py + 0.5) * dy
        for px in range(w):
            cx = x_min + (px + 0.5) * dx
            zr = zi = 0.0
            i = 0
            while i < max_iter:
                zr2, zi2 = zr * zr, zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + cy
                zr = zr2 - zi2 + cx
                i += 1
            counts.append(i)
    return counts


def py_primes(n):
    """All primes <= n: a bytearray sieve of Eratosthenes, read out with itertools.compress."""
    if n < 2:
        return []
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, n + 1, p)))
    return list(itertools.compress(range(n + 1), sieve))


def py_levenshtein(a, b):
    """Edit distance by the two-row dynamic programme (rows over the shorter string)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]


_WORD = re.compile(r"[^\W_]+")


def py_word_counts(text, k):
    """The k most frequent words (maximal runs of alphanumerics, lowercased), count descending
    then word ascending."""
    counts = collections.Counter(_WORD.findall(text.lower()))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:k]


#: Pure-Python implementation of each family of suite.js, called as ``PURE[family](*args)``.
PURE = {
    "stats": py_stats,
    "dot": py_dot,
    "sort": py_sort,
    "matmul": py_matmul,
    "fft": py_fft,
    "convolve": py_convolve,
    "blur": py_gaussian_blur,
    "grayscale": py_grayscale,
    "sobel": py_sobel,
    "mandelbrot": py_mandelbrot,
    "primes": py_primes,
    "levenshtein": py_levenshtein,
    "wordcounts": py_word_counts,
}


# --- fastwasm -------------------------------------------------------------------------------------


def _wasm_stats(x):
    return [fastwasm.sum(x), fastwasm.mean(x), fastwasm.var(x)]


#: fastwasm implementation of each family, called as ``WASM[family](*args)``.
WASM = {
    "stats": _wasm_stats,
    "dot": fastwasm.dot,
    "sort": fastwasm.sort,
    "matmul": fastwasm.matmul,
    "fft": fastwasm.fft,
    "convolve": fastwasm.convolve,
    "blur": fastwasm.gaussian_blur,
    "grayscale": fastwasm.grayscale,
    "sobel": fastwasm.sobel,
    "mandelbrot": fastwasm.mandelbrot,
    "primes": fastwasm.primes,
    "levenshtein": fastwasm.levenshtein,
    "wordcounts": fastwasm.word_counts,
}

IMPLS = {"py": PURE, "wasm-py": WASM, "wasm-py-mt": WASM}


async def start_threads():
    """Starts fastwasm's threads pool with ``await fastwasm.enable_threads()`` (one thread per
    logical core) and returns ``fastwasm.threads()`` as a JS object ``{enabled, count, reason}``.
    From then on, the fastwasm calls of this interpreter split their work over the pool; where the
    host cannot run it, ``enabled`` is false and ``reason`` says why."""
    out = js.Object.new()
    await fastwasm.enable_threads()
    status = fastwasm.threads()
    out.enabled, out.count, out.reason = bool(status.enabled), int(status.count), str(status.reason)
    return out


# --- inputs ---------------------------------------------------------------------------------------


def _floats(typed):
    """A JS Float64Array as a Python list of floats (pure Python's natural vector)."""
    return typed.to_memoryview().tolist()


def _f64_array(typed):
    """A JS Float64Array as an ``array.array("d")``, copied once from JS into the Python buffer."""
    out = array.array("d", [0.0]) * typed.length
    typed.assign_to(out)
    return out


def _matrix_rows(flat, n):
    return [flat[i * n : (i + 1) * n] for i in range(n)]


def _matrix_2d(typed, n):
    """A flat row-major Float64Array as a 2-D (n, n) float64 memoryview over an array.array.

    The fastest 2-D input fastwasm.matmul accepts without numpy: it takes the buffer as is and
    copies it once into wasm. Rows as array.array or as lists are converted row by row first
    (at 192 x 192 in Node: 3.4 ms for this form, 6.0 ms for array rows, 9.8 ms for nested lists).
    """
    return memoryview(_f64_array(typed)).cast("B").cast("d", (n, n))


def prepare(impl, family, inputs):
    """The positional arguments of ``IMPLS[impl][family]`` for the suite.js inputs object
    ``inputs`` (a JsProxy), in that implementation's idiomatic form. Not timed."""
    pure = impl == "py"
    vec = _floats if pure else _f64_array
    if family in ("stats", "sort"):
        return (vec(inputs.x),)
    if family == "dot":
        return (vec(inputs.a), vec(inputs.b))
    if family == "matmul":
        n = int(inputs.n)
        if pure:
            return (_matrix_rows(_floats(inputs.a), n), _matrix_rows(_floats(inputs.b), n))
        return (_matrix_2d(inputs.a, n), _matrix_2d(inputs.b, n))
    if family == "fft":
        return (vec(inputs.x),)
    if family == "convolve":
        return (vec(inputs.x), vec(inputs.v))
    if family == "blur":
        rgba = bytearray(inputs.rgba.to_memoryview())
        return (rgba, int(inputs.w), int(inputs.h), float(inputs.sigma))
    if family in ("grayscale", "sobel"):
        return (bytearray(inputs.rgba.to_memoryview()), int(inputs.w), int(inputs.h))
    if family == "mandelbrot":
        return (
            int(inputs.w),
            int(inputs.h),
            float(inputs.xMin),
            float(inputs.xMax),
            float(inputs.yMin),
            float(inputs.yMax),
            int(inputs.maxIter),
        )
    if family == "primes":
        return (int(inputs.n),)
    if family == "levenshtein":
        return (str(inputs.a), str(inputs.b))
    if family == "wordcounts":
        return (str(inputs.text), int(inputs.k))
    raise ValueError(f"unknown kernel family {family!r}")


# --- results --------------------------------------------------------------------------------------

# The contract's result kind of each family (see the contract / suite.js).
KINDS = {
    "stats": "floats",
    "dot": "number",
    "sort": "floats",
    "matmul": "floats",
    "fft": "floats",
    "convolve": "floats",
    "blur": "bytes",
    "grayscale": "bytes",
    "sobel": "bytes",
    "mandelbrot": "ints",
    "primes": "ints",
    "levenshtein": "number",
    "wordcounts": "json",
}

_TYPED = {
    "floats": ("d", "Float64Array"),
    "ints": ("I", "Uint32Array"),
    "bytes": ("B", "Uint8Array"),
}


def _typed_array(kind, values):
    """``values`` (a buffer or a sequence) as a new JS typed array of ``kind``: one copy from a
    Python buffer of the right format."""
    code, ctor = _TYPED[kind]
    try:
        view = memoryview(values)
    except TypeError:
        view = None
    if view is None or view.format != code or view.ndim != 1:
        view = memoryview(array.array(code, values))
    out = getattr(js, ctor).new(len(view))
    if len(view):
        out.assign(view)
    return out


def to_result(family, value):
    """A kernel's Python result as ``(kind, JS value)``, in the contract's kinds."""
    kind = KINDS[family]
    if family == "matmul":
        value = [v for row in value for v in row]
    elif family == "fft":
        value = [part for z in value for part in (z.real, z.imag)]
    if kind == "number":
        return kind, value
    if kind == "json":
        return kind, to_js([[str(word), int(count)] for word, count in value])
    return kind, _typed_array(kind, value)


# --- timing (the rules are www/bench_timing.py's) ---------------------------------------------


def run_task(impl, family, size, inputs):
    """Times ``IMPLS[impl][family]`` on the suite.js inputs of (family, size) and returns a JS
    object ``{times, median, min, max, runs, result: {kind, value}}``."""
    if impl not in IMPLS:
        raise ValueError(f"unknown implementation {impl!r} (expected one of {sorted(IMPLS)})")
    if impl == "wasm-py-mt" and not fastwasm.threads().enabled:
        raise RuntimeError("wasm-py-mt needs fastwasm's threads: call start_threads() first")
    if family not in KINDS:
        raise ValueError(f"unknown kernel family {family!r}")
    fn = IMPLS[impl][family]
    args = prepare(impl, family, inputs)
    times, reps, value = measure(fn, *args)
    kind, js_value = to_result(family, value)
    out = js.Object.new()
    out.times = to_js(times)
    out.reps = reps
    for key, v in summary(times).items():
        setattr(out, key, v)
    result = js.Object.new()
    result.kind = kind
    result.value = js_value
    out.result = result
    return out


# --- boundary costs --------------------------------------------------------------------------------


def _per_call_us(fn, seconds=0.2):
    """Mean microseconds per call of fn(), over batches filling about ``seconds``."""
    fn()
    calls, start = 0, perf_counter()
    while perf_counter() - start < seconds:
        for _ in range(1000):
            fn()
        calls += 1000
    return (perf_counter() - start) / calls * 1e6


def boundary():
    """Fixed and per-byte costs of calling fastwasm from Python, measured together:

    - ``noop_us``: a bare Pyodide -> JS call of a JS function that does nothing;
    - ``sum1_us``: ``fastwasm.sum`` of a 1-element ``array.array('d')`` (the whole fixed cost);
    - ``copy_in_gbps``: moving a 1-Mi-element float64 ``array.array`` into wasm memory (the one
      copy every buffer input takes), and ``copy_out_gbps``: a 1-Mi-element ``Float64Array``
      result into a new ``array.array`` (the one copy an array result takes).
    """
    from fastwasm import _convert

    noop = js.fastwasmNoop
    one = array.array("d", [1.0])
    n = 1 << 20
    big = array.array("d", range(n))
    view = memoryview(big)
    nbytes = 8 * n
    result = js.Float64Array.new(n)
    noop_us = _per_call_us(noop)
    sum1_us = _per_call_us(lambda: fastwasm.sum(one))
    copy_in_us = _per_call_us(lambda: _convert.stage("sum", [view], ["x"]), 0.5)
    copy_out_us = _per_call_us(lambda: _convert.typed_result(result, _convert.BUFFER, "d", "float64"), 0.5)
    out = js.Object.new()
    out.noop_us = noop_us
    out.sum1_us = sum1_us
    out.fixed_cost_ratio = sum1_us / noop_us
    out.copy_in_gbps = nbytes / (copy_in_us * 1e-6) / 1e9
    out.copy_out_gbps = nbytes / (copy_out_us * 1e-6) / 1e9
    return out
