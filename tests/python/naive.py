"""Naive pure-Python references for the kernels, written from the definitions (math, fractions,
cmath and collections only; no fastwasm, no pytest, no numpy).

One module for both places that need them:

- the Python tests in this directory (test_catalogue_*.py, test_values.py, test_leaks.py), which
  run inside Pyodide with this directory on ``sys.path`` (pytest's default ``prepend`` import
  mode puts the directory of the test files there; tests/e2e/workers-py.js copies this module
  next to test_leaks.py for the Pyodide workers);
- tests/fixtures/make_tables.py, run on the host with plain ``python3``, which puts this
  directory on ``sys.path`` itself and turns the results into the JSON tables' expected values.

The results have the types the tests compare with: images are ``bytearray``, word counts are
``(word, count)`` tuples, and the exact linear algebra returns ``Fraction`` values (float() them
for a float result). The demo's pure-Python implementations (www/) are separate by design.
"""

import cmath
import math
import re
from collections import Counter
from fractions import Fraction

# --- statistics and sorting -----------------------------------------------------------------------


def naive_var(x, ddof=0):
    """Variance: the fsum of squared deviations from the fsum mean, divided by len(x) - ddof."""
    m = math.fsum(x) / len(x)
    return math.fsum((v - m) ** 2 for v in x) / (len(x) - ddof)


def naive_quantile(x, q):
    """Quantile q in [0, 1] by linear interpolation between the closest ranks of sorted(x)
    (numpy's default "linear" method): position q * (n - 1)."""
    s = sorted(x)
    pos = q * (len(s) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def naive_histogram(x, bins, lo, hi):
    """(counts, edges) of `bins` equal bins over [lo, hi] (widened to [lo - 0.5, hi + 0.5] when
    lo == hi); the last bin includes hi, values outside the range are not counted."""
    if lo == hi:
        lo, hi = lo - 0.5, hi + 0.5
    counts = [0] * bins
    for v in x:
        if lo <= v <= hi:
            counts[min(int((v - lo) / (hi - lo) * bins), bins - 1)] += 1
    return counts, [lo + i * (hi - lo) / bins for i in range(bins + 1)]


def argsort_of(x):
    """Indices that sort x, equal values in their original order (a stable sort)."""
    return sorted(range(len(x)), key=x.__getitem__)


# --- linear algebra -------------------------------------------------------------------------------


def naive_matmul(a, b):
    """Matrix product of row lists: entry (i, j) is the fsum over p of a[i][p] * b[p][j]."""
    return [[math.fsum(a[i][p] * b[p][j] for p in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def exact_det(a):
    """Determinant by Gaussian elimination over the rationals (a Fraction)."""
    m = [[Fraction(v) for v in row] for row in a]
    n = len(m)
    result = Fraction(1)
    for c in range(n):
        pivot = next((r for r in range(c, n) if m[r][c] != 0), None)
        if pivot is None:
            return Fraction(0)
        if pivot != c:
            m[c], m[pivot] = m[pivot], m[c]
            result = -result
        result *= m[c][c]
        for r in range(c + 1, n):
            k = m[r][c] / m[c][c]
            m[r] = [x - k * y for x, y in zip(m[r], m[c])]
    return result


def cofactor_det(a):
    """Determinant by cofactor (Laplace) expansion along the first row, in the input's arithmetic."""
    if len(a) == 1:
        return a[0][0]
    return sum((-1) ** j * a[0][j] * cofactor_det([row[:j] + row[j + 1 :] for row in a[1:]]) for j in range(len(a)))


def exact_solve(a, b):
    """The x with a @ x == b, by Gauss-Jordan elimination over the rationals (a list of Fractions);
    a must be non-singular."""
    n = len(a)
    m = [[Fraction(v) for v in row] + [Fraction(bv)] for row, bv in zip(a, b)]
    for c in range(n):
        pivot = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c:
                k = m[r][c] / m[c][c]
                m[r] = [x - k * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def exact_inv(a):
    """Inverse (rows of Fractions): column j solves a @ x == e_j exactly, transposed back into rows."""
    n = len(a)
    columns = [exact_solve(a, [float(i == j) for i in range(n)]) for j in range(n)]
    return [[columns[j][i] for j in range(n)] for i in range(n)]


# --- signals --------------------------------------------------------------------------------------


def naive_dft(x, sign=-1):
    """Discrete Fourier transform by its O(n^2) sum: X[k] = sum_t x[t] * exp(sign * 2j*pi*k*t/n)
    (sign -1: forward, as numpy.fft.fft)."""
    n = len(x)
    return [sum(x[t] * cmath.exp(sign * 2j * math.pi * k * t / n) for t in range(n)) for k in range(n)]


def naive_idft(x):
    """Inverse DFT: the sum with sign +1, divided by n (as numpy.fft.ifft)."""
    return [v / len(x) for v in naive_dft(x, sign=1)]


def naive_convolve(a, v, mode="full"):
    """Discrete linear convolution (fsum of a[m] * v[n - m]), cut as numpy.convolve's modes: "full"
    (length len(a) + len(v) - 1), "same" (the longer length, centred) or "valid" (full overlap)."""
    full = [math.fsum(a[m] * v[n - m] for m in range(len(a)) if 0 <= n - m < len(v))
            for n in range(len(a) + len(v) - 1)]  # fmt: skip
    if mode == "full":
        return full
    longer, shorter = max(len(a), len(v)), min(len(a), len(v))
    if mode == "same":
        start = (shorter - 1) // 2
        return full[start : start + longer]
    return full[shorter - 1 : longer]


# --- images (RGBA bytes, row-major) ---------------------------------------------------------------


def round_half_up(v):
    """v rounded half up to an integer and clamped to a byte, [0, 255]."""
    return min(255, max(0, math.floor(v + 0.5)))


def luma(img, i):
    """BT.601 luma of the RGBA pixel starting at byte i: 0.299 R + 0.587 G + 0.114 B (unrounded)."""
    return 0.299 * img[i] + 0.587 * img[i + 1] + 0.114 * img[i + 2]


def naive_grayscale(img):
    """Each pixel's rounded luma in R, G and B, alpha kept (a bytearray)."""
    out = bytearray()
    for i in range(0, len(img), 4):
        g = round_half_up(luma(img, i))
        out += bytes([g, g, g, img[i + 3]])
    return out


def naive_blur(img, w, h, sigma):
    """Gaussian blur of every channel (alpha too), separable: a kernel of radius ceil(3 sigma) with
    weights exp(-i^2 / (2 sigma^2)) normalised to sum 1, horizontal then vertical, edges clamped
    (replicated); each result rounded half up (a bytearray)."""
    r = math.ceil(3 * sigma)
    weights = [math.exp(-(i * i) / (2 * sigma * sigma)) for i in range(-r, r + 1)]
    total = sum(weights)
    weights = [v / total for v in weights]

    def px(x, y, c):
        return img[4 * (min(max(y, 0), h - 1) * w + min(max(x, 0), w - 1)) + c]

    horiz = [[[sum(weights[i + r] * px(x + i, y, c) for i in range(-r, r + 1)) for c in range(4)] for x in range(w)]
             for y in range(h)]  # fmt: skip
    out = bytearray()
    for y in range(h):
        for x in range(w):
            for c in range(4):
                v = sum(weights[i + r] * horiz[min(max(y + i, 0), h - 1)][x][c] for i in range(-r, r + 1))
                out.append(round_half_up(v))
    return out


def naive_sobel(img, w, h):
    """Sobel gradient magnitude sqrt(gx^2 + gy^2) of the (unrounded) luma, edges clamped, rounded
    half up and saturated at 255, in R, G and B with alpha 255 (a bytearray)."""

    def lum(x, y):
        return luma(img, 4 * (min(max(y, 0), h - 1) * w + min(max(x, 0), w - 1)))

    out = bytearray()
    for y in range(h):
        for x in range(w):
            gx = (lum(x + 1, y - 1) + 2 * lum(x + 1, y) + lum(x + 1, y + 1)
                  - lum(x - 1, y - 1) - 2 * lum(x - 1, y) - lum(x - 1, y + 1))  # fmt: skip
            gy = (lum(x - 1, y + 1) + 2 * lum(x, y + 1) + lum(x + 1, y + 1)
                  - lum(x - 1, y - 1) - 2 * lum(x, y - 1) - lum(x + 1, y - 1))  # fmt: skip
            m = round_half_up(math.sqrt(gx * gx + gy * gy))
            out += bytes([m, m, m, 255])
    return out


# --- text -----------------------------------------------------------------------------------------


def dp_levenshtein(a, b):
    """Edit distance (insertions, deletions, substitutions of code points) by the dynamic
    programming recurrence, one row at a time."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def counter_word_counts(text, k):
    """The k most frequent words of text.lower() (runs of Unicode letters and digits, no
    underscore) as (word, count) tuples, by count descending, then word ascending."""
    counts = Counter(re.findall(r"[^\W_]+", text.lower()))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


# --- values ---------------------------------------------------------------------------------------


def naive_mandelbrot(w, h, x_min, x_max, y_min, y_max, max_iter):
    """Escape-time counts by the documented pixel-centre definition, row-major: pixel (px, py) is
    c = x_min + (px + 0.5) * dx + (y_min + (py + 0.5) * dy) i, and its count is the number of steps
    z -> z^2 + c from 0 (at most max_iter) while |z|^2 <= 4."""
    dx = (x_max - x_min) / w
    dy = (y_max - y_min) / h
    counts = []
    for py in range(h):
        cy = y_min + (py + 0.5) * dy
        for px in range(w):
            cx = x_min + (px + 0.5) * dx
            zr = zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cx, 2.0 * zr * zi + cy
                i += 1
            counts.append(i)
    return counts


def trial_division_primes(n):
    """The primes up to and including n, by trial division up to the integer square root."""
    return [p for p in range(2, n + 1) if all(p % d for d in range(2, math.isqrt(p) + 1))]
