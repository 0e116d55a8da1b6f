"""The five kernels in plain Python (standard library only, no numpy), and the timing harness the
demo uses for both Python columns. Run inside Pyodide by py-worker.js; same timing rules as bench.js."""

import itertools
import math
import statistics
from time import perf_counter

from pyodide.ffi import to_js
import js


# --- pure Python kernels ---------------------------------------------------------------------------


def py_sum(x):
    return sum(x)


def py_mean(x):
    return statistics.fmean(x)


def py_dot(a, b):
    return math.sumprod(a, b)


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
    if n < 2:
        return []
    sieve = bytearray([1]) * (n + 1)
    sieve[0] = sieve[1] = 0
    for p in range(2, math.isqrt(n) + 1):
        if sieve[p]:
            sieve[p * p :: p] = bytes(len(range(p * p, n + 1, p)))
    return list(itertools.compress(range(n + 1), sieve))


PURE = {
    "sum": py_sum,
    "mean": py_mean,
    "dot": py_dot,
    "mandelbrot": py_mandelbrot,
    "primes": py_primes,
}


# --- harness ---------------------------------------------------------------------------------------

MIN_RUNS, TYPICAL_RUNS, MAX_RUNS = 3, 5, 25
BUDGET_S, SLOW_S = 0.3, 2.0


def want_more_runs(runs, elapsed):
    if runs < MIN_RUNS:
        return True
    if runs >= MAX_RUNS:
        return False
    if runs < TYPICAL_RUNS:
        return elapsed < SLOW_S
    return elapsed < BUDGET_S


def measure(fn, args):
    """One warm-up call, then timed calls; returns (median_ms, times_ms, result)."""
    result = fn(*args)
    times = []
    start = perf_counter()
    while want_more_runs(len(times), perf_counter() - start):
        t0 = perf_counter()
        result = fn(*args)
        times.append((perf_counter() - t0) * 1000.0)
    return statistics.median(times), times, result


def implementations():
    import fastwasm

    return {
        "py": PURE,
        "wasm-py": {name: getattr(fastwasm, name) for name in PURE},
    }


def set_inputs(x_js, y_js):
    """Takes the page's Float64Array inputs as Python lists of floats."""
    global X, Y
    X = x_js.to_py().tolist()
    Y = y_js.to_py().tolist()


def run(impl, kernel, params_js):
    params = params_js.to_py()
    if kernel in ("sum", "mean"):
        args = (X,)
    elif kernel == "dot":
        args = (X, Y)
    elif kernel == "mandelbrot":
        m = params["mandelbrot"]
        args = (m["w"], m["h"], m["xMin"], m["xMax"], m["yMin"], m["yMax"], m["maxIter"])
    elif kernel == "primes":
        args = (params["primes"],)
    else:
        raise ValueError(f"unknown kernel {kernel!r}")
    med, times, result = measure(IMPLS[impl][kernel], args)
    if isinstance(result, (int, float)):
        out = float(result)
    else:
        out = js.Uint32Array.new(to_js(list(result)))
    return to_js(
        {"median": med, "times": times, "result": out},
        dict_converter=js.Object.fromEntries,
    )


IMPLS = None


def setup():
    global IMPLS
    IMPLS = implementations()
