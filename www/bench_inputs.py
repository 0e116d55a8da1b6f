"""The benchmark's inputs in Python: line-by-line ports of the generators of www/suite.js
(``xorshift32``, ``uniform``, ``landscape``, ``stringPair``, ``text``, ``makeInputs``), so that a
Python process outside the browser (scripts/bench_numpy.py) gets exactly the inputs the page
gives every implementation. Standard library only.

``python3 www/bench_inputs.py --print-inputs small,xl [--families a,b]`` prints fingerprints
(length and sha256 of the bytes) that tests/js/bench-inputs.test.mjs compares with suite.js's.
"""

import array
import functools
import hashlib
import json
import math
import sys

#: ``FAMILIES[*].sizes`` of www/suite.js (the test checks they match).
SIZES = {
    "stats": {"small": {"n": 1_000}, "medium": {"n": 100_000}, "large": {"n": 1_000_000}, "xl": {"n": 10_000_000}},
    "dot": {"small": {"n": 1_000}, "medium": {"n": 100_000}, "large": {"n": 1_000_000}, "xl": {"n": 10_000_000}},
    "sort": {"small": {"n": 1_000}, "medium": {"n": 100_000}, "large": {"n": 1_000_000}, "xl": {"n": 10_000_000}},
    "matmul": {"small": {"n": 32}, "medium": {"n": 128}, "large": {"n": 512}, "xl": {"n": 1_024}},
    "fft": {"small": {"n": 1_024}, "medium": {"n": 16_384}, "large": {"n": 262_144}, "xl": {"n": 1_048_576}},
    "convolve": {
        "small": {"n": 1_000, "k": 31},
        "medium": {"n": 10_000, "k": 31},
        "large": {"n": 100_000, "k": 31},
        "xl": {"n": 1_000_000, "k": 255},
    },
    "blur": {
        "small": {"w": 64, "h": 48, "sigma": 2},
        "medium": {"w": 160, "h": 120, "sigma": 2},
        "large": {"w": 320, "h": 240, "sigma": 2},
        "xl": {"w": 1_920, "h": 1_080, "sigma": 3},
    },
    "grayscale": {
        "small": {"w": 64, "h": 48},
        "medium": {"w": 320, "h": 240},
        "large": {"w": 1_280, "h": 720},
        "xl": {"w": 1_920, "h": 1_080},
    },
    "sobel": {
        "small": {"w": 64, "h": 48},
        "medium": {"w": 320, "h": 240},
        "large": {"w": 1_280, "h": 720},
        "xl": {"w": 1_920, "h": 1_080},
    },
    "mandelbrot": {
        "small": {"w": 80, "h": 60, "maxIter": 100},
        "medium": {"w": 240, "h": 180, "maxIter": 100},
        "large": {"w": 480, "h": 360, "maxIter": 100},
        "xl": {"w": 1_920, "h": 1_080, "maxIter": 256},
    },
    "primes": {"small": {"n": 10_000}, "medium": {"n": 1_000_000}, "large": {"n": 10_000_000}, "xl": {"n": 100_000_000}},
    "levenshtein": {"small": {"n": 100}, "medium": {"n": 500}, "large": {"n": 2_000}, "xl": {"n": 10_000}},
    "wordcounts": {
        "small": {"n": 1_000, "k": 10},
        "medium": {"n": 100_000, "k": 10},
        "large": {"n": 1_000_000, "k": 10},
        "xl": {"n": 2_250_000, "k": 10},
    },
}

MANDELBROT_VIEW = {"xMin": -2.2, "xMax": 0.8, "yMin": -1.125, "yMax": 1.125}
_M32 = 0xFFFFFFFF


def xorshift32(seed):
    """suite.js ``xorshift32``: a generator of uint32 values (a seed of 0 becomes 1)."""
    state = (seed & _M32) or 1
    while True:
        state ^= (state << 13) & _M32
        state ^= state >> 17
        state ^= (state << 5) & _M32
        yield state


_uniform_cache = {}


def uniform(n, seed):
    """suite.js ``uniform``: n floats uint32 / 2^32 as ``array('d')``. A shorter sequence of a seed
    is a prefix of a longer one, so the longest one made is kept and sliced."""
    cached = _uniform_cache.get(seed)
    if cached is None or len(cached) < n:
        rng = xorshift32(seed)
        scale = 1.0 / 4294967296.0
        cached = array.array("d", (next(rng) * scale for _ in range(n)))
        _uniform_cache[seed] = cached
    return cached[:n]


@functools.lru_cache(maxsize=4)
def landscape(w, h, seed=7):
    """suite.js ``landscape``: w×h RGBA bytes (integer arithmetic, floor division as Math.floor).
    Cached: the image families share their inputs; callers must not modify the bytes."""
    rng = xorshift32(seed)
    out = bytearray(w * h * 4)
    sun_x, sun_y, sun_r = (w * 7) // 10, (h * 3) // 10, (h * 12) // 100

    def bump(x, period):
        d = (x % period) - period // 2
        return (d * d * (h // 10)) // max(1, (period * period) // 4)

    far_period, near_period = max(2, w // 2), max(2, w // 3)
    far_row = [(h * 55) // 100 + bump(x, far_period) for x in range(w)]
    near_row = [(h * 72) // 100 + bump(x + w // 5, near_period) for x in range(w)]
    i = 0
    for y in range(h):
        t = (y * 255) // h
        for x in range(w):
            noise = next(rng) & 15
            if y > near_row[x]:
                r, g, b = 40 + noise, 110 + ((x * 3 + y) % 20) + noise, 40
            elif y > far_row[x]:
                r, g, b = 70 + noise, 140 + noise, 60 + ((x + y) % 10)
            elif (x - sun_x) ** 2 + (y - sun_y) ** 2 <= sun_r * sun_r:
                r, g, b = 255, 220 + (noise >> 1), 120
            else:
                r, g, b = 90 + (t >> 2) + (noise >> 2), 150 + (t >> 3), 235 - (t >> 3)
            out[i] = r
            out[i + 1] = g
            out[i + 2] = b
            out[i + 3] = 255
            i += 4
    return out


_ALPHABET = "acgt"


def string_pair(n, seed=11):
    """suite.js ``stringPair``: n letters of "acgt" and a copy with about n/10 edits."""
    rng = xorshift32(seed)
    a = "".join(_ALPHABET[next(rng) & 3] for _ in range(n))
    b = []
    for i in range(n):
        r = next(rng) % 30
        if r == 0:
            b.append(_ALPHABET[next(rng) & 3])
        elif r == 1:
            b.append(a[i] + _ALPHABET[next(rng) & 3])
        elif r == 2:
            continue
        else:
            b.append(a[i])
    return a, "".join(b)


VOCABULARY = (
    "the of and to in is that it was for on are as with his they at be this from have or by one "
    "had not but what all were when we there can an your which their said if do will each about "
    "how up out them then she many some so these would other into has more her two like him see "
    "time could no make than first been its who now people my made over did down only way find "
    "use may water long little very after words called just where most know get through back much "
    "before go good new write our used me man too any day same right look think also around "
    "another came come work three word must because does part even place well such here take why "
    "things help put years different away again off went old number great tell men say small "
    "every found still between name should home big give air line set own under read last never"
).split(" ")


def text(n, seed=13):
    """suite.js ``text``: n words of the vocabulary, squared-uniform, joined by spaces."""
    rng = xorshift32(seed)
    size = len(VOCABULARY)
    scale = 1.0 / 4294967296.0
    words = []
    for _ in range(n):
        u = next(rng) * scale
        words.append(VOCABULARY[math.floor(u * u * size)])
    return " ".join(words)


def make_inputs(family, size):
    """suite.js ``makeInputs``: the inputs of one family at one size, as a dict with the same keys."""
    p = SIZES[family][size]
    if family in ("stats", "sort"):
        return {"x": uniform(p["n"], 1)}
    if family == "dot":
        return {"a": uniform(p["n"], 1), "b": uniform(p["n"], 2)}
    if family == "matmul":
        n = p["n"]
        return {"a": uniform(n * n, 3), "b": uniform(n * n, 4), "n": n}
    if family == "fft":
        return {"x": uniform(p["n"], 5)}
    if family == "convolve":
        return {"x": uniform(p["n"], 6), "v": uniform(p["k"], 7)}
    if family == "blur":
        return {"rgba": landscape(p["w"], p["h"]), "w": p["w"], "h": p["h"], "sigma": p["sigma"]}
    if family in ("grayscale", "sobel"):
        return {"rgba": landscape(p["w"], p["h"]), "w": p["w"], "h": p["h"]}
    if family == "mandelbrot":
        return {"w": p["w"], "h": p["h"], "maxIter": p["maxIter"], **MANDELBROT_VIEW}
    if family == "primes":
        return {"n": p["n"]}
    if family == "levenshtein":
        a, b = string_pair(p["n"])
        return {"a": a, "b": b}
    if family == "wordcounts":
        return {"text": text(p["n"]), "k": p["k"]}
    raise ValueError(f"unknown kernel family {family!r}")


def fingerprint(inputs):
    """Each input as {len, sha256} (float64 arrays by their little-endian bytes, bytes, strings by
    their UTF-8) or its value (numbers)."""
    out = {}
    for key, value in inputs.items():
        if isinstance(value, array.array):
            data = value.tobytes() if sys.byteorder == "little" else _swapped(value)
            out[key] = {"len": len(value), "sha256": hashlib.sha256(data).hexdigest()}
        elif isinstance(value, (bytes, bytearray)):
            out[key] = {"len": len(value), "sha256": hashlib.sha256(value).hexdigest()}
        elif isinstance(value, str):
            data = value.encode()
            out[key] = {"len": len(value), "sha256": hashlib.sha256(data).hexdigest()}
        else:
            out[key] = value
    return out


def _swapped(values):
    copy = array.array(values.typecode, values)
    copy.byteswap()
    return copy.tobytes()


def main(argv):
    sizes, families = ["small"], list(SIZES)
    for i, arg in enumerate(argv):
        if arg == "--print-inputs":
            sizes = argv[i + 1].split(",")
        elif arg == "--families":
            families = argv[i + 1].split(",")
    print(json.dumps({f"{f}/{s}": fingerprint(make_inputs(f, s)) for f in families for s in sizes}))


if __name__ == "__main__":
    main(sys.argv[1:])
