"""The "numpy (native, this machine)" column of `make bench`: numpy's equivalents of the benchmark
kernels on the inputs of www/suite.js (made by www/bench_inputs.py, the same bytes), timed with the
suite's rules (www/suite.js TIMING: a warm-up call, calls repeated to fill minSampleMs, at least
minRuns samples, more within the budget).

    python scripts/bench_numpy.py --timing JSON --sizes small,large --families stats,dot --out FILE

scripts/bench.mjs runs it with the venv's Python (build/numpy-venv, numpy 2.4.6 from PyPI),
single-threaded (OPENBLAS_NUM_THREADS=1 …) and with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.
Writes a JSON array of {family, size, impl, times, median, min, max, runs, reps, summary}: impl
"numpy" on float64 inputs, "numpy-f32" on float32 inputs (matmul, fft, convolve); summary is
suite.js summaryOf's {len, sum} (sum left to right in float64) or {value}. Grayscale and sobel
are idiomatic numpy written here (whole-array luma, shifted slices of an edge-padded image:
whole-array operations, no Python loop). Families without a numpy equivalent (blur: scipy's, not
numpy's; mandelbrot, primes, levenshtein, word counts) are left out.
"""

import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www"))
import bench_inputs  # noqa: E402
from bench_timing import configure, measure, summary  # noqa: E402

def vec(values, dtype=np.float64):
    return np.frombuffer(values, dtype=np.float64).astype(dtype)


def luma(px):
    """0.299·R + 0.587·G + 0.114·B in float64, added in that order (as fastwasm: the same bytes)."""
    return 0.299 * px[:, 0] + 0.587 * px[:, 1] + 0.114 * px[:, 2]

#: The families with a numpy version.
NUMPY_FAMILIES = ("stats", "dot", "sort", "matmul", "fft", "convolve", "grayscale", "sobel")


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


def calls(family, inputs):
    """{impl: zero-argument call} of numpy's idiomatic equivalent; the arrays are made beforehand."""
    if family == "stats":
        x = vec(inputs["x"])
        return {"numpy": lambda: np.array([x.sum(), x.mean(), x.var()])}
    if family == "dot":
        a, b = vec(inputs["a"]), vec(inputs["b"])
        return {"numpy": lambda: float(np.dot(a, b))}
    if family == "sort":
        x = vec(inputs["x"])
        return {"numpy": lambda: np.sort(x)}
    if family == "matmul":
        n = inputs["n"]
        out = {}
        for impl, dtype in (("numpy", np.float64), ("numpy-f32", np.float32)):
            a, b = vec(inputs["a"], dtype).reshape(n, n), vec(inputs["b"], dtype).reshape(n, n)
            out[impl] = (lambda a, b: lambda: a @ b)(a, b)
        return out
    if family == "fft":
        return {
            impl: (lambda x: lambda: np.fft.fft(x))(vec(inputs["x"], dtype))
            for impl, dtype in (("numpy", np.float64), ("numpy-f32", np.float32))
        }
    if family == "convolve":
        return {
            impl: (lambda x, v: lambda: np.convolve(x, v))(vec(inputs["x"], dtype), vec(inputs["v"], dtype))
            for impl, dtype in (("numpy", np.float64), ("numpy-f32", np.float32))
        }
    if family in ("grayscale", "sobel"):
        px = np.frombuffer(bytes(inputs["rgba"]), dtype=np.uint8).reshape(-1, 4)
        w, h = inputs["w"], inputs["h"]
        return {"numpy": (lambda: grayscale(px)) if family == "grayscale" else (lambda: sobel(px, w, h))}
    return {}


def summary_of(result):
    """suite.js summaryOf: {value} for a number, else {len, sum} over the values as float64 (complex
    as interleaved re, im), summed left to right."""
    if isinstance(result, float):
        return {"value": result}
    flat = np.ascontiguousarray(result).reshape(-1)
    if np.iscomplexobj(flat):
        flat = flat.astype(np.complex128).view(np.float64)
    flat = flat.astype(np.float64)
    return {"len": int(flat.size), "sum": float(np.cumsum(flat)[-1]) if flat.size else 0.0}


def main(argv):
    usage = "usage: bench_numpy.py --timing JSON [--sizes a,b] [--families a,b] [--out FILE]"
    args = {"--sizes": "small,medium,large,xl", "--families": ",".join(bench_inputs.SIZES), "--out": None, "--timing": None}
    for i in range(0, len(argv), 2):
        if argv[i] not in args or i + 1 >= len(argv):
            raise SystemExit(f"{usage}; got {argv[i]}")
        args[argv[i]] = argv[i + 1]
    if not args["--timing"]:
        raise SystemExit(f"{usage} (--timing: suite.js TIMING as JSON, which scripts/bench.mjs passes)")
    configure(json.loads(args["--timing"]))
    rows = []
    for family in args["--families"].split(","):
        for size in args["--sizes"].split(","):
            fns = calls(family, bench_inputs.make_inputs(family, size)) if family in NUMPY_FAMILIES else {}
            for impl, fn in fns.items():
                times, reps, result = measure(fn)
                stats = summary(times)
                rows.append({"family": family, "size": size, "impl": impl, "times": times, "reps": reps, **stats,
                             "summary": summary_of(result)})
                print(f"    numpy {family} {size} {impl}: {stats['median']:.3f} ms", file=sys.stderr)
    text = json.dumps(rows)
    if args["--out"]:
        with open(args["--out"], "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
