"""fastwasm from PyScript: a few kernels, and a Mandelbrot image drawn on a canvas.

www/pyscript.html runs this file twice: on the page's main thread and in a worker
(`<script type="py" worker>`). In the worker, `pyscript.document` is the page's document, reached
through SharedArrayBuffer. Each run hands its results to the page, `window.fastwasmPyScript`.
"""

import json
import sys
import time
import traceback

import js
from pyscript import RUNNING_IN_WORKER, document, window

VARIANT = "worker" if RUNNING_IN_WORKER else "main"
PAGE = window.fastwasmPyScript

WIDTH, HEIGHT, MAX_ITER = 240, 160, 64
X_MIN, X_MAX, Y_MIN, Y_MAX = -2.2, 0.8, -1.0, 1.0


def colour(count: int) -> bytes:
    """RGBA of an escape count: black inside the set, dark blue to orange outside."""
    if count >= MAX_ITER:
        return bytes((0, 0, 0, 255))
    return bytes((min(255, 12 * count), min(255, 4 * count), min(255, 96 + 2 * count), 255))


PALETTE = [colour(count) for count in range(MAX_ITER + 1)]


def draw(counts: list[int]) -> None:
    """Colours the counts and puts them on this variant's canvas as one ImageData."""
    rgba = b"".join(PALETTE[count] for count in counts)
    pixels = js.Uint8ClampedArray.new(len(rgba))
    pixels.assign(rgba)
    image = js.ImageData.new(pixels, WIDTH, HEIGHT)
    canvas = document.getElementById(f"{VARIANT}-canvas")
    canvas.getContext("2d").putImageData(image, 0, 0)


def run() -> dict:
    """Calls a few kernels and draws the Mandelbrot set; returns what the page shows and tests read."""
    import fastwasm  # here, so that a failed install is reported like any other error

    start = time.perf_counter()
    counts = fastwasm.mandelbrot(WIDTH, HEIGHT, X_MIN, X_MAX, Y_MIN, Y_MAX, MAX_ITER)
    mandelbrot_ms = (time.perf_counter() - start) * 1000
    draw(counts)
    numbers = [float(k) for k in range(1, 101)]
    return {
        "python": sys.version.split()[0],
        "fastwasm": fastwasm.__version__,
        "imported_from": fastwasm.__file__,
        "sum": fastwasm.sum(numbers),
        "mean": fastwasm.mean(numbers),
        "std": fastwasm.std(numbers),
        "dot": fastwasm.dot(numbers[:10], numbers[:10]),
        "primes": fastwasm.primes(50),
        "mandelbrot": {
            "width": WIDTH,
            "height": HEIGHT,
            "max_iter": MAX_ITER,
            "view": [X_MIN, X_MAX, Y_MIN, Y_MAX],
            "count_sum": sum(counts),
            "inside": counts.count(MAX_ITER),
            "ms": round(mandelbrot_ms, 2),
        },
    }


try:
    PAGE.report(VARIANT, json.dumps(run()))
except Exception:
    PAGE.fail(VARIANT, traceback.format_exc())
