"""numpy's equivalents of the benchmark kernels, for the native CPython columns of `make bench`
(scripts/bench_native.py times them): numpy's idiomatic call for each family of www/suite.js, on
the inputs of www/bench_inputs.py (the same bytes as the page's), and for the native-only families
of scripts/bench.mjs (``NATIVE_FAMILIES``: median, quantile, var, histogram, unique, cumsum, on the
floats of "stats").

``arrays(family, size)`` makes a task's numpy arrays once (untimed); ``calls(family, arrays)``
gives {impl: zero-argument call}: impl "numpy" on float64 inputs, "numpy-f32" on float32 inputs
(matmul, fft, convolve). Grayscale, sobel and the Gaussian blur are idiomatic numpy written here
(whole-array operations, a Python loop over the blur's taps only): numpy has no blur and scipy
(``scipy.ndimage.gaussian_filter``) is not installed, so the blur is the separable convolution a
numpy user writes, with fastwasm's weights, edges and rounding. Families without a numpy
equivalent (mandelbrot, primes, levenshtein, word counts) have no numpy call.
"""

import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www"))
import bench_inputs  # noqa: E402

#: The native-only families (scripts/bench.mjs NATIVE_FAMILIES), on the "stats" family's floats.
NATIVE_FAMILIES = ("median", "quantile", "var", "histogram", "unique", "cumsum")
#: The parameters of the native-only families (as crates/kernels/benches/native.rs).
QUANTILE_Q = 0.9
HISTOGRAM_BINS = 100
#: "unique" rounds the floats down to multiples of 1/UNIQUE_STEPS: 1,024 distinct values.
UNIQUE_STEPS = 1024.0


def vec(values, dtype=np.float64):
    return np.frombuffer(values, dtype=np.float64).astype(dtype)


def arrays(family, size):
    """The task's inputs as numpy arrays (and plain values): what both numpy and fastwasm get."""
    if family in NATIVE_FAMILIES:
        x = vec(bench_inputs.make_inputs("stats", size)["x"])
        return {"x": np.floor(x * UNIQUE_STEPS) / UNIQUE_STEPS if family == "unique" else x}
    inputs = bench_inputs.make_inputs(family, size)
    out = {}
    for key, value in inputs.items():
        if key == "rgba":
            out[key] = np.frombuffer(bytes(value), dtype=np.uint8).reshape(-1, 4)
        elif hasattr(value, "typecode"):
            out[key] = vec(value)
        else:
            out[key] = value
    if family == "matmul":
        n = inputs["n"]
        out["a"], out["b"] = out["a"].reshape(n, n), out["b"].reshape(n, n)
    return out


def luma(px):
    """0.299·R + 0.587·G + 0.114·B in float64, added in that order (as fastwasm: the same bytes)."""
    return 0.299 * px[:, 0] + 0.587 * px[:, 1] + 0.114 * px[:, 2]


def grayscale(px):
    """R = G = B = floor(luma + 0.5), alpha kept; px is the (h·w, 4) uint8 image."""
    levels = np.floor(luma(px) + 0.5).clip(0, 255).astype(np.uint8)
    out = np.empty_like(px)
    out[:, :3] = levels[:, None]
    out[:, 3] = px[:, 3]
    return out


def sobel(px, w, h):
    """Sobel magnitude of the luma, edges clamped (np.pad mode "edge"), rounded half up, alpha 255."""
    p = np.pad(luma(px).reshape(h, w), 1, mode="edge")
    gx = (p[:-2, 2:] + 2.0 * p[1:-1, 2:] + p[2:, 2:]) - (p[:-2, :-2] + 2.0 * p[1:-1, :-2] + p[2:, :-2])
    gy = (p[2:, :-2] + 2.0 * p[2:, 1:-1] + p[2:, 2:]) - (p[:-2, :-2] + 2.0 * p[:-2, 1:-1] + p[:-2, 2:])
    levels = np.floor(np.sqrt(gx * gx + gy * gy) + 0.5).clip(0, 255).astype(np.uint8).reshape(-1)
    out = np.full_like(px, 255)
    out[:, :3] = levels[:, None]
    return out


def gaussian_weights(sigma):
    """fastwasm's Gaussian: exp(-i²/(2σ²)) for i in [-r, r], r = ceil(3σ), normalised."""
    r = math.ceil(3 * sigma)
    i = np.arange(-r, r + 1, dtype=np.float64)
    weights = np.exp(-(i * i) / (2 * sigma * sigma))
    return weights / weights.sum()


def gaussian_blur(px, w, h, weights):
    """Separable Gaussian blur of every channel, edges clamped (np.pad mode "edge"): a horizontal
    then a vertical pass in float64, each a weighted sum of shifted slices; rounded half up."""
    r = len(weights) // 2
    img = px.reshape(h, w, 4).astype(np.float64)
    p = np.pad(img, ((0, 0), (r, r), (0, 0)), mode="edge")
    rows = weights[0] * p[:, :w]
    for k in range(1, len(weights)):
        rows += weights[k] * p[:, k : k + w]
    p = np.pad(rows, ((r, r), (0, 0), (0, 0)), mode="edge")
    cols = weights[0] * p[:h]
    for k in range(1, len(weights)):
        cols += weights[k] * p[k : k + h]
    return np.floor(cols + 0.5).clip(0, 255).astype(np.uint8).reshape(px.shape)


def calls(family, a):
    """{impl: zero-argument call} of numpy's idiomatic equivalent on the arrays ``a`` of arrays()."""
    if family == "stats":
        x = a["x"]
        return {"numpy": lambda: np.array([x.sum(), x.mean(), x.var()])}
    if family == "dot":
        return {"numpy": lambda: float(np.dot(a["a"], a["b"]))}
    if family == "sort":
        return {"numpy": lambda: np.sort(a["x"])}
    if family == "matmul":
        f32 = a["a"].astype(np.float32), a["b"].astype(np.float32)
        return {"numpy": lambda: a["a"] @ a["b"], "numpy-f32": lambda: f32[0] @ f32[1]}
    if family == "fft":
        x32 = a["x"].astype(np.float32)
        return {"numpy": lambda: np.fft.fft(a["x"]), "numpy-f32": lambda: np.fft.fft(x32)}
    if family == "convolve":
        x32, v32 = a["x"].astype(np.float32), a["v"].astype(np.float32)
        return {"numpy": lambda: np.convolve(a["x"], a["v"]), "numpy-f32": lambda: np.convolve(x32, v32)}
    if family == "grayscale":
        return {"numpy": lambda: grayscale(a["rgba"])}
    if family == "sobel":
        return {"numpy": lambda: sobel(a["rgba"], a["w"], a["h"])}
    if family == "blur":
        weights = gaussian_weights(a["sigma"])
        return {"numpy": lambda: gaussian_blur(a["rgba"], a["w"], a["h"], weights)}
    x = a.get("x")
    return {
        "median": lambda: {"numpy": lambda: float(np.median(x))},
        "quantile": lambda: {"numpy": lambda: float(np.quantile(x, QUANTILE_Q))},
        "var": lambda: {"numpy": lambda: float(np.var(x))},
        "histogram": lambda: {"numpy": lambda: np.histogram(x, HISTOGRAM_BINS)},
        "unique": lambda: {"numpy": lambda: np.unique(x)},
        "cumsum": lambda: {"numpy": lambda: np.cumsum(x)},
    }.get(family, dict)()


def summary_of(result):
    """suite.js summaryOf: {value} for a number, else {len, sum} over the values as float64 (complex
    as interleaved re, im; a tuple of arrays, as a histogram's counts and edges, one after the
    other), summed left to right. Word counts (a list of (word, count)) are {value: [[w, c], ...]}."""
    if isinstance(result, (float, int)) and not isinstance(result, bool):
        return {"value": result}
    if isinstance(result, list) and result and isinstance(result[0], tuple):
        return {"value": [list(pair) for pair in result]}
    parts = result if isinstance(result, tuple) else (result,)
    flat = np.concatenate([_floats(part) for part in parts])
    return {"len": int(flat.size), "sum": float(np.cumsum(flat)[-1]) if flat.size else 0.0}


def _floats(values):
    flat = np.ascontiguousarray(np.asarray(values)).reshape(-1)
    if np.iscomplexobj(flat):
        flat = flat.astype(np.complex128).view(np.float64)
    return flat.astype(np.float64)
