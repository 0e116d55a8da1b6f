"""No leaks from Python: after a warm-up at the largest sizes, 20,000 mixed steps (about 27,000
fastwasm calls, with list, tuple and array.array inputs; a third of them raise) leave the wasm memory
exactly as large as it was. On the native backend, where results live in the process's own memory,
the memory Python's allocators hold for objects (traced by tracemalloc: leaked results and inputs)
and the resident memory (leaked kernel buffers) stay flat within allocator noise.

The package copies inputs into scratch regions that grow to the largest input and stay, so the
warm-up runs every case at its medium (largest) size; after that any growth of
``wasmMemory().buffer.byteLength`` is a leak. :class:`MixedCalls` is also the workload of the Pyodide
workers in tests/e2e/workers.test.mjs; the references are the naive ones of naive.py, as in the
catalogue tests.
"""

import array
import gc
import math
import os
import random
import re
import tracemalloc

import fastwasm
from fastwasm._backend import runtime as _runtime
from naive import (
    counter_word_counts,
    dp_levenshtein,
    exact_det,
    naive_blur,
    naive_convolve,
    naive_dft,
    naive_grayscale,
    naive_histogram,
    naive_idft,
    naive_mandelbrot,
    naive_matmul,
    naive_quantile,
    naive_sobel,
    naive_var,
    trial_division_primes,
)
from test_catalogue_image_text import assert_close_bytes
from test_catalogue_signal import close_complex

CALLS = 20_000
# This module also runs in the Pyodide workers of tests/e2e (which copy only the modules it
# imports), so it asks fastwasm for the backend rather than importing backends.py.
WASM = fastwasm.backend == "wasm"
# Natively: how much the traced Python memory may grow over the 20,000 steps (it grows by about
# 1.5 KiB; one leaked result in four steps adds 500 KiB), and how much the resident memory may
# (the allocators' bookkeeping adds about 1 MiB, levelling off; kernel buffers leaked at every
# step would add several MiB more).
PYTHON_SLACK = 16 << 10
NATIVE_SLACK = 4 << 20

# Upper bounds of the random small sizes, and the fixed medium (largest) sizes.
SMALL = {"vector": 24, "matrix": 5, "image": 6, "fft": 24, "chars": 16, "words": 30, "pixels": 8, "primes": 300}
MEDIUM = {
    "vector": 400,
    "matrix": 10,
    "image": 20,  # w = 20, h = 12
    "sigma": 1.5,
    "fft": 128,
    "chars": 60,
    "words": 300,
    "pixels": 24,  # w = 24, h = 18
    "max_iter": 40,
    "primes": 5000,
}
VOCABULARY = "the of and to in is that it was for on are as with his they at be this from".split()


def memory_bytes():
    """Current size of the fastwasm module's linear memory; natively, the resident memory of the
    process (Linux: /proc/self/statm)."""
    if WASM:
        return int(_runtime.exports.wasmMemory().buffer.byteLength)
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def python_bytes():
    """Natively: the memory Python's allocators hold for objects, after a collection (tracemalloc
    must be tracing). Every result is a Python object there, and an input whose buffer a call
    did not release stays alive."""
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def close(got, want, scale=None, tol=1e-10):
    assert type(got) is float, got
    scale = abs(want) if scale is None else scale
    assert abs(got - want) <= tol * max(1.0, scale), (got, want)


def close_values(got, want, tol=1e-10):
    assert len(got) == len(want), (len(got), len(want))
    scale = max([1.0] + [abs(w) for w in want])
    for g, w in zip(got, want):
        assert abs(g - w) <= tol * scale, (g, w)


class Inputs:
    """Random inputs from one seeded generator; ``medium`` picks the fixed medium sizes."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def size(self, medium, key, low=1):
        return MEDIUM[key] if medium else self.rng.randint(low, SMALL[key])

    def floats(self, n):
        return [self.rng.uniform(-1, 1) for _ in range(n)]

    def steps(self, n):
        """n values in {-2, -1.75, ..., 1.75}: many duplicates."""
        return [self.rng.randrange(16) / 4 - 2 for _ in range(n)]

    def arg(self, x):
        """``x`` as a list, a tuple or an array.array("d")."""
        kind = self.rng.randrange(3)
        return list(x) if kind == 0 else tuple(x) if kind == 1 else array.array("d", x)

    def image(self, medium):
        w, h = (MEDIUM["image"], MEDIUM["image"] - 8) if medium else (self.size(False, "image"), self.size(False, "image"))
        data = bytes(self.rng.randrange(256) for _ in range(4 * w * h))
        return (bytearray(data) if self.rng.randrange(2) else data), w, h

    def matrix(self, rows, cols):
        return [self.floats(cols) for _ in range(rows)]

    def dominant(self, n):
        """A well-conditioned n x n matrix: random entries plus n + 1 on the diagonal."""
        a = self.matrix(n, n)
        for i in range(n):
            a[i][i] += n + 1
        return a

    def text(self, n):
        return " ".join(self.rng.choice(VOCABULARY) for _ in range(n))

    def string(self, n):
        return "".join(self.rng.choice("abé€😀") for _ in range(n))


def values(got, arg, typecode="d"):
    """``got`` as a list, after checking it mirrors ``arg``'s kind (array.array in, array.array out)."""
    if isinstance(arg, array.array):
        assert type(got) is array.array and got.typecode == typecode, type(got)
        return list(got)
    assert type(got) is list, type(got)
    return got


# --- valid cases: make(inputs, medium) -> (call, check(result)) ------------------------------


def case_sum(r, m):
    x = r.floats(r.size(m, "vector", 0))
    return lambda: fastwasm.sum(r.arg(x)), lambda got: close(got, math.fsum(x), sum(map(abs, x)), 1e-12)


def case_mean(r, m):
    x = r.floats(r.size(m, "vector"))
    return lambda: fastwasm.mean(r.arg(x)), lambda got: close(got, math.fsum(x) / len(x))


def case_var(r, m):
    x, ddof = r.floats(r.size(m, "vector", 2)), r.rng.randint(0, 1)
    return lambda: fastwasm.var(r.arg(x), ddof), lambda got: close(got, naive_var(x, ddof))


def case_std(r, m):
    x = r.floats(r.size(m, "vector", 2))
    return lambda: fastwasm.std(x, 1), lambda got: close(got, math.sqrt(naive_var(x, 1)))


def case_dot(r, m):
    n = r.size(m, "vector", 0)
    a, b = r.floats(n), r.floats(n)
    want = math.fsum(u * v for u, v in zip(a, b))
    return lambda: fastwasm.dot(r.arg(a), r.arg(b)), lambda got: close(got, want, n, 1e-12)


def case_extremes(r, m):
    x = r.steps(r.size(m, "vector"))
    arg = r.arg(x)

    def call():
        return fastwasm.min(arg), fastwasm.max(arg), fastwasm.argmin(arg), fastwasm.argmax(arg)

    return call, lambda got: _expect(got == (min(x), max(x), x.index(min(x)), x.index(max(x))), got)


def case_norm(r, m):
    x = r.floats(r.size(m, "vector", 0))
    return lambda: fastwasm.norm(r.arg(x)), lambda got: close(got, math.sqrt(math.fsum(v * v for v in x)), 1, 1e-12)


def case_median_quantile(r, m):
    x, q = r.floats(r.size(m, "vector")), r.rng.random()
    arg = r.arg(x)

    def check(got):
        close(got[0], naive_quantile(x, 0.5), 1, 1e-12)
        close(got[1], naive_quantile(x, q), 1, 1e-12)
        close(got[2], naive_quantile(x, q), 1, 1e-12)

    return lambda: (fastwasm.median(arg), fastwasm.quantile(arg, q), fastwasm.percentile(arg, 100 * q)), check


def case_resident(r, m):
    """A resident array through a chain of kernels, freed at the end (explicitly or by a with block)."""
    x = r.floats(r.size(m, "vector"))

    def run():
        with fastwasm.array(x) as resident:
            ordered = fastwasm.sort(resident)
            result = (ordered.tolist(), fastwasm.sum(ordered))
            ordered.free()
            return result

    def check(got):
        assert got[0] == sorted(x)
        close(got[1], math.fsum(x), len(x), 1e-12)

    return run, check


def case_cumsum(r, m):
    x = r.floats(r.size(m, "vector", 0))
    arg = r.arg(x)
    want = [math.fsum(x[: i + 1]) for i in range(len(x))] if len(x) <= 64 else None

    def check(got):
        got = values(got, arg)
        if want is not None:
            close_values(got, want)
        else:  # medium: the last running sum only (the quadratic reference is too slow)
            assert len(got) == len(x)
            close(got[-1], math.fsum(x), sum(map(abs, x)), 1e-12)

    return lambda: fastwasm.cumsum(arg), check


def case_histogram(r, m):
    # Integer data and a range whose bin edges are exact: no value sits on a rounded edge.
    x = [float(r.rng.randrange(20)) for _ in range(r.size(m, "vector"))]
    bins = 20 if m else r.rng.choice([1, 2, 4, 5, 10, 20])
    arg = r.arg(x)

    def check(got):
        counts, edges = got
        want_counts, want_edges = naive_histogram(x, bins, 0.0, 20.0)
        assert values(counts, arg, "I") == want_counts
        assert values(edges, arg) == want_edges

    return lambda: fastwasm.histogram(arg, bins, range=(0, 20)), check


def case_sorting(r, m):
    x = r.steps(r.size(m, "vector", 0))
    arg = r.arg(x)

    def check(got):
        s, order, u = got
        assert values(s, arg) == sorted(x)
        assert values(order, arg, "I") == sorted(range(len(x)), key=lambda i: (x[i], i))
        assert values(u, arg) == sorted(set(x))

    return lambda: (fastwasm.sort(arg), fastwasm.argsort(arg), fastwasm.unique(arg)), check


def case_matmul_transpose(r, m):
    rows, inner, cols = (MEDIUM["matrix"],) * 3 if m else [r.size(False, "matrix") for _ in range(3)]
    a, b = r.matrix(rows, inner), r.matrix(inner, cols)
    b_arg = [r.arg(row) for row in b]

    def check(got):
        product, t = got
        assert len(product) == rows
        for got_row, want_row in zip(product, naive_matmul(a, b)):
            close_values(got_row, want_row, 1e-12)
        assert t == [list(col) for col in zip(*a)]

    return lambda: (fastwasm.matmul(a, b_arg), fastwasm.transpose(a)), check


def case_solve_det_inv(r, m):
    n = r.size(m, "matrix")
    a, b = r.dominant(n), r.floats(n)

    def check(got):
        x, det, inverse = got
        x = values(x, b)
        for row, bi in zip(a, b):
            assert abs(math.fsum(u * v for u, v in zip(row, x)) - bi) <= 1e-12 * n
        close(det, float(exact_det(a)), tol=1e-12)
        identity = [[float(i == j) for j in range(n)] for i in range(n)]
        for got_row, want_row in zip(naive_matmul(a, inverse), identity):
            close_values(got_row, want_row, 1e-12)

    return lambda: (fastwasm.solve(a, b), fastwasm.det(a), fastwasm.inv(a)), check


def case_fft(r, m):
    n = r.size(m, "fft")
    x = [complex(u, v) for u, v in zip(r.floats(n), r.floats(n))] if m or r.rng.randrange(2) else r.floats(n)

    def check(got):
        spectrum, back = got
        close_complex(spectrum, naive_dft(x), 1e-10)
        close_complex(back, naive_idft(x), 1e-10)

    return lambda: (fastwasm.fft(x), fastwasm.ifft(x)), check


def case_convolve(r, m):
    a, v = r.floats(r.size(m, "vector")), r.floats(16 if m else r.rng.randint(1, 16))
    mode = "full" if m else r.rng.choice(["full", "same", "valid"])
    window = 1 if m else r.rng.randint(1, len(a))
    arg = r.arg(a)

    def check(got):
        conv, avg = got
        close_values(values(conv, arg), naive_convolve(a, v, mode), 1e-12)
        close_values(values(avg, arg), [math.fsum(a[i : i + window]) / window for i in range(len(a) - window + 1)])

    return lambda: (fastwasm.convolve(arg, v, mode), fastwasm.moving_average(arg, window)), check


def case_images(r, m):
    img, w, h = r.image(m)
    sigma = MEDIUM["sigma"] if m else r.rng.uniform(0.3, 1.8)

    def check(got):
        gray, blurred, edges = got
        assert type(gray) is bytearray and gray == naive_grayscale(img)
        assert_close_bytes(blurred, naive_blur(img, w, h, sigma))
        assert_close_bytes(edges, naive_sobel(img, w, h))

    return lambda: (fastwasm.grayscale(img, w, h), fastwasm.gaussian_blur(img, w, h, sigma), fastwasm.sobel(img, w, h)), check


def case_levenshtein(r, m):
    n = r.size(m, "chars", 0)
    a, b = r.string(n), r.string(n if m else r.rng.randint(0, n))
    return lambda: fastwasm.levenshtein(a, b), lambda got: _expect(got == dp_levenshtein(a, b), got)


def case_word_counts(r, m):
    text, k = r.text(r.size(m, "words", 0)), r.rng.randint(0, 8)
    return lambda: fastwasm.word_counts(text, k), lambda got: _expect(got == counter_word_counts(text, k), got)


def case_mandelbrot(r, m):
    w = r.size(m, "pixels")
    h = w * 3 // 4 if m else r.size(False, "pixels")
    args = (w, h, -2.2, 0.8, -1.125, 1.125, MEDIUM["max_iter"] if m else r.rng.randint(1, 30))
    return lambda: fastwasm.mandelbrot(*args), lambda got: _expect(got == naive_mandelbrot(*args), "mandelbrot")


def case_primes(r, m):
    n = r.size(m, "primes", 0)
    return lambda: fastwasm.primes(n), lambda got: _expect(got == trial_division_primes(n), n)


def case_threads(r, m):
    """``threads()``, and ``enable_threads()`` where a pool is running already, which it then
    answers at once (natively, or in a browser worker after threads were enabled): one step of the
    coroutine gives its answer. Nowhere does this case start a pool."""

    def call():
        status = fastwasm.threads()
        if not status.enabled:
            return status, None
        coro = fastwasm.enable_threads()
        try:
            coro.send(None)
        except StopIteration as done:
            return status, done.value
        coro.close()
        return status, "waited"

    def check(got):
        status, answer = got
        _expect(status.enabled == (status.reason == "") and status.count >= 1, status)
        _expect(answer is (True if status.enabled else None), got)

    return call, check


def _expect(ok, what):
    assert ok, what


VALID = [
    case_sum, case_mean, case_var, case_std, case_dot, case_extremes, case_norm, case_median_quantile,
    case_resident,
    case_cumsum, case_histogram, case_sorting, case_matmul_transpose, case_solve_det_inv, case_fft,
    case_convolve, case_images, case_levenshtein, case_word_counts, case_mandelbrot, case_primes,
    case_threads,
]  # fmt: skip


# --- error cases: make(inputs, medium) -> (call, exception type, pattern the message starts with:
# the function, the argument and the gist; test_bad_inputs checks the exact wording) ----


def singular(r, m):
    n = r.size(m, "matrix", 2)
    a = r.matrix(n, n)
    a[1] = list(a[0])
    return a


ERRORS = [
    lambda r, m: (lambda: fastwasm.sum("abc"), TypeError, r"sum: x .*sequence"),
    lambda r, m: (lambda: fastwasm.mean([]), ValueError, r"mean: x .*empty"),
    lambda r, m: (lambda: fastwasm.std([1.0], 1), ValueError, r"std: ddof "),
    lambda r, m: (lambda: fastwasm.min([]), ValueError, r"min: x .*empty"),
    lambda r, m: (lambda: fastwasm.max(array.array("d")), ValueError, r"max: x .*empty"),
    lambda r, m: (lambda: fastwasm.argmin(()), ValueError, r"argmin: x .*empty"),
    lambda r, m: (lambda: fastwasm.argmax([]), ValueError, r"argmax: x .*empty"),
    lambda r, m: (lambda: fastwasm.norm(3.0), TypeError, r"norm: x .*sequence"),
    lambda r, m: (lambda: fastwasm.median([]), ValueError, r"median: x .*empty"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.cumsum(x + [None]), TypeError, r"cumsum: x .*numbers"),
    lambda r, m: (lambda: fastwasm.ifft([]), ValueError, r"ifft: x .*empty"),
    lambda r, m: (lambda: fastwasm.transpose(5), TypeError, r"transpose: a .*2-D"),
    lambda r, m: (lambda: fastwasm.unique(None), TypeError, r"unique: x .*sequence"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.var(x, len(x)), ValueError, r"var: ddof "),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.quantile(x, 1.5), ValueError, r"quantile: q .*\[0, 1\]"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.percentile(x, -1), ValueError, r"percentile: q .*\[0, 100\]"),
    lambda r, m: (lambda: fastwasm.array(["a"]), TypeError, r"array: data .*numbers"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.dot(x, x + [1.0]), ValueError, r"dot: .*length"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.histogram(x + [math.nan], 4), ValueError,
                  r"histogram: .*finite"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.argsort(x + ["a"]), TypeError, r"argsort: x .*numbers"),
    lambda r, m: (lambda: fastwasm.sort("ab"), TypeError, r"sort: x .*sequence"),
    lambda r, m: (lambda: fastwasm.enable_threads(0).send(None), ValueError, r"enable_threads: n .*between"),
    lambda r, m: (lambda: fastwasm.threads(1), TypeError, r"threads\(\) takes 0 positional arguments"),
    lambda r, m: (lambda: fastwasm.matmul([[1, 2]], [[1, 2]]), ValueError, r"matmul: a has 2 columns but b has 1 rows"),
    lambda r, m: (lambda a=singular(r, m): fastwasm.solve(a, [1.0] * len(a)), ValueError, r"solve: a .*singular"),
    lambda r, m: (lambda a=singular(r, m): fastwasm.inv(a), ValueError, r"inv: a .*singular"),
    lambda r, m: (lambda a=singular(r, m): fastwasm.det(a[1:]), ValueError, r"det: a .*square"),
    lambda r, m: (lambda: fastwasm.fft([]), ValueError, r"fft: \w+ .*empty"),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.convolve(x, [1.0], "xyz"), ValueError, r'convolve: mode .*"xyz"'),
    lambda r, m: (lambda x=r.floats(r.size(m, "vector")): fastwasm.moving_average(x, len(x) + 1), ValueError,
                  r"moving_average: window "),
    lambda r, m: (lambda i=r.image(m): fastwasm.gaussian_blur(i[0], i[1], i[2], 0), ValueError, r"gaussian_blur: sigma "),
    lambda r, m: (lambda i=r.image(m): fastwasm.grayscale(i[0], i[1], i[2] + 1), ValueError, r"grayscale: rgba .*4\*w\*h"),
    lambda r, m: (lambda i=r.image(m): fastwasm.sobel(i[0], i[1], -1), ValueError, r"sobel: h .*-1"),
    lambda r, m: (lambda: fastwasm.levenshtein(1, "a"), TypeError, r"levenshtein: a .*str"),
    lambda r, m: (lambda t=r.text(r.size(m, "words")): fastwasm.word_counts(t, -1), ValueError,
                  r"word_counts: k .*-1"),
    lambda r, m: (lambda: fastwasm.mandelbrot(0, 1, -2.0, 1.0, -1.0, 1.0, 10), ValueError, r"mandelbrot: w "),
    lambda r, m: (lambda: fastwasm.primes(-1), ValueError, r"primes: n .*-1"),
]  # fmt: skip


class MixedCalls:
    """Steps cycling through a seed-shuffled list of the cases above, valid ones twice. A step is one
    case: one fastwasm call, or up to four for the valid cases that group related functions (about
    a third of the calls raise). ``check_every``: each valid case is checked on one round in this
    many (errors always are); ``medium_every``: about one step in this many uses the medium size
    (0 = never). ``calls`` in the summary counts steps."""

    def __init__(self, seed=1, check_every=8, medium_every=16):
        self.inputs = Inputs(seed)
        self.order = VALID * 2 + ERRORS
        self.inputs.rng.shuffle(self.order)
        self.check_every = check_every
        self.medium_every = medium_every
        self.calls = self.checked = self.errors = self.failure_count = 0
        self.failures = []  # the first 20 messages

    def warm_up(self, rounds=2):
        """Every case at the medium size ``rounds`` times, then once small, all checked."""
        for medium in [True] * rounds + [False]:
            for case in VALID + ERRORS:
                self._run(case, medium, True)

    def run(self, n):
        """The next ``n`` steps of the cycle."""
        for _ in range(n):
            position = self.calls % len(self.order)
            round_ = self.calls // len(self.order)
            medium = self.medium_every > 0 and self.inputs.rng.randrange(self.medium_every) == 0
            self._run(self.order[position], medium, (round_ + position) % self.check_every == 0)
            self.calls += 1

    def _run(self, case, medium, check):
        is_error = case in ERRORS
        try:
            if is_error:
                call, exc, pattern = case(self.inputs, medium)
                try:
                    call()
                except exc as err:
                    assert re.match(pattern, str(err)), f"message {str(err)!r} does not match {pattern!r}"
                else:
                    raise AssertionError(f"expected {exc.__name__} matching {pattern!r}")
                self.errors += 1
                self.checked += 1
            else:
                call, verify = case(self.inputs, medium)
                result = call()
                if check:
                    verify(result)
                    self.checked += 1
        except Exception as err:  # noqa: BLE001 - every failure is reported
            self.failure_count += 1
            if len(self.failures) < 20:
                name = case.__name__ if not is_error else "error case"
                self.failures.append(f"{name} ({'medium' if medium else 'small'}): {type(err).__name__}: {err}"[:500])

    def summary(self):
        return {
            "calls": self.calls,
            "checked": self.checked,
            "errors": self.errors,
            "failure_count": self.failure_count,
            "failures": list(self.failures),
        }


def test_mixed_calls_do_not_grow_the_wasm_memory():
    work = MixedCalls(seed=3)
    work.warm_up()
    if not WASM:
        tracemalloc.start()
    try:
        after_warm_up = memory_bytes()
        python_after_warm_up = None if WASM else python_bytes()
        sizes, python_sizes = [], []
        for _ in range(10):
            work.run(CALLS // 10)
            sizes.append(memory_bytes())
            python_sizes.append(None if WASM else python_bytes() - python_after_warm_up)
    finally:
        if not WASM:
            tracemalloc.stop()
    summary = work.summary()
    print(f"{summary} memory after warm-up {after_warm_up}, then {sizes}; Python objects {python_sizes}")
    assert summary["calls"] == CALLS
    assert summary["failure_count"] == 0, summary["failures"]
    assert summary["errors"] > CALLS // 5
    assert summary["checked"] > CALLS // 4
    if WASM:
        assert sizes == [after_warm_up] * 10, (after_warm_up, sizes)
    else:
        assert max(python_sizes) <= PYTHON_SLACK, python_sizes
        assert max(sizes) - after_warm_up <= NATIVE_SLACK, (after_warm_up, sizes)


def test_every_function_has_a_valid_and_an_error_case():
    functions = {n for n in fastwasm.__all__ if callable(getattr(fastwasm, n)) and not n[0].isupper()}
    valid = set().union(*(_names_used(case.__code__) for case in VALID))
    errors = set().union(*(_names_used(case.__code__) for case in ERRORS))
    assert sorted(functions - valid) == []
    assert sorted(functions - errors) == []


def _names_used(code):
    """Global and attribute names a function (and the functions defined in it) refer to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _names_used(const)
    return names


def test_memory_probe_sees_growth():
    if WASM:
        # An input larger than the whole memory must grow it (into scratch slot 0), and the probe sees it.
        size = memory_bytes() + (1 << 20)
        assert fastwasm.sum(array.array("d", bytes(size))) == 0.0
        assert memory_bytes() > size
    else:
        # Natively inputs are read in place; memory held as a leak would hold it shows in the probe.
        before = memory_bytes()
        held = array.array("d", bytes(4 * NATIVE_SLACK))
        assert fastwasm.sum(held) == 0.0
        assert memory_bytes() - before > NATIVE_SLACK
