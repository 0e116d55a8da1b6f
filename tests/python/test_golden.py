"""Golden fixtures (tests/fixtures/golden.json, made with numpy on the host by
tests/fixtures/make_fixtures.py) checked against the Python API in Pyodide, one test per case.

    node tests/python/run.mjs -k golden

The file layout and the tolerances are documented at the top of make_fixtures.py. Inputs are
passed as plain lists (matrices as nested lists, images as bytes); results are compared through
list(...) so lists and array.array results both work.
"""

import json
import math
import os

import pytest

import fastwasm

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "golden.json")

with open(FIXTURES, encoding="utf-8") as _f:
    GOLDEN = json.load(_f)
REL = GOLDEN["tolerance"]["rel"]

# JS export name -> Python function name, where they differ.
PY_NAMES = {"variance": "var", "movingAverage": "moving_average", "gaussianBlur": "gaussian_blur",
            "wordCounts": "word_counts"}


def num(v):
    """A float from the fixture encoding (numbers, or "NaN" / "Infinity" / "-Infinity")."""
    if isinstance(v, str):
        return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v]
    return float(v)


def nums(values):
    return [num(v) for v in values]


def rows(m):
    """{"shape": [r, c], "data": [...]} -> nested lists."""
    r, c = m["shape"]
    data = nums(m["data"])
    return [data[i * c : (i + 1) * c] for i in range(r)]


def flatten(result):
    out = []
    for row in result:
        out.extend(list(row))
    return out


def close(got, exp, scale):
    if math.isnan(exp):
        return math.isnan(got)
    if math.isinf(exp):
        return got == exp
    return abs(got - exp) <= REL * max(1.0, abs(exp), scale)


def check_float(got, exp, scale):
    exp = num(exp)
    assert isinstance(got, float), f"expected a float, got {type(got).__name__}"
    assert close(got, exp, scale), f"expected {exp!r}, got {got!r} (diff {abs(got - exp)!r})"


def check_floats(got, exp, scale, what="values"):
    got = [float(v) for v in list(got)]
    exp = nums(exp)
    assert len(got) == len(exp), f"{what}: expected {len(exp)} values, got {len(got)}"
    bad = [f"[{i}] expected {e!r}, got {g!r}" for i, (g, e) in enumerate(zip(got, exp)) if not close(g, e, scale)]
    assert not bad, f"{what}: {len(bad)} of {len(exp)} differ: " + "; ".join(bad[:5])


def check_ints(got, exp, what="values"):
    got = [int(v) for v in list(got)]
    assert len(got) == len(exp), f"{what}: expected {len(exp)} values, got {len(got)}"
    diff = [i for i, (g, e) in enumerate(zip(got, exp)) if g != e]
    assert not diff, (
        f"{what}: first difference at [{diff[0]}]: expected {exp[diff[0]]}, got {got[diff[0]]} "
        f"({len(diff)} differ)"
    )


def check_image(got, case):
    assert isinstance(got, bytearray), f"expected a bytearray, got {type(got).__name__}"
    exp = case["expected"]
    got = list(got)
    assert len(got) == len(exp), f"expected {len(exp)} bytes, got {len(got)}"
    ambiguous = set(case.get("ambiguous", []))
    bad = [
        f"[{i}] expected {e}, got {g}"
        for i, (g, e) in enumerate(zip(got, exp))
        if g != e and not (abs(g - e) == 1 and i in ambiguous)
    ]
    assert not bad, f"{len(bad)} of {len(exp)} bytes differ: " + "; ".join(bad[:8])


def check_complex(got, exp, scale):
    got = list(got)
    check_floats([complex(z).real for z in got], exp["re"], scale, "re")
    check_floats([complex(z).imag for z in got], exp["im"], scale, "im")


def run_case(case):
    fn, a, exp = case["fn"], case["args"], case["expected"]
    scale = num(case.get("scale", 0.0))
    f = getattr(fastwasm, PY_NAMES.get(fn, fn))
    if fn in ("sum", "mean", "min", "max", "norm", "median"):
        check_float(f(nums(a["x"])), exp, scale)
    elif fn in ("variance", "std"):
        check_float(f(nums(a["x"]), ddof=num(a["ddof"])), exp, scale)
    elif fn in ("quantile", "percentile"):
        check_float(f(nums(a["x"]), num(a["q"])), exp, scale)
    elif fn in ("argmin", "argmax"):
        got = f(nums(a["x"]))
        assert isinstance(got, int) and got == exp, f"expected {exp}, got {got!r}"
    elif fn == "dot":
        check_float(f(nums(a["a"]), nums(a["b"])), exp, scale)
    elif fn in ("cumsum", "sort", "unique"):
        check_floats(f(nums(a["x"])), exp, scale)
    elif fn == "argsort":
        check_ints(f(nums(a["x"])), exp)
    elif fn == "histogram":
        rng = None if a["range"] is None else (num(a["range"][0]), num(a["range"][1]))
        counts, edges = f(nums(a["x"]), a["bins"], range=rng)
        check_ints(counts, exp["counts"], "counts")
        check_floats(edges, exp["edges"], scale, "edges")
    elif fn == "matmul":
        check_floats(flatten(f(rows(a["a"]), rows(a["b"]))), exp["data"], scale)
    elif fn in ("transpose", "inv"):
        check_floats(flatten(f(rows(a["a"]))), exp["data"], scale)
    elif fn == "solve":
        check_floats(f(rows(a["a"]), nums(a["b"])), exp, scale)
    elif fn == "det":
        check_float(f(rows(a["a"])), exp, scale)
    elif fn == "fft":
        re = nums(a["re"])
        x = re if a["im"] is None else [complex(r, i) for r, i in zip(re, nums(a["im"]))]
        check_complex(f(x), exp, scale)
    elif fn == "ifft":
        check_complex(f([complex(r, i) for r, i in zip(nums(a["re"]), nums(a["im"]))]), exp, scale)
    elif fn == "convolve":
        check_floats(f(nums(a["a"]), nums(a["v"]), mode=a["mode"]), exp, scale)
    elif fn == "movingAverage":
        check_floats(f(nums(a["x"]), a["window"]), exp, scale)
    elif fn in ("grayscale", "sobel"):
        img = a["image"]
        check_image(f(bytes(img["rgba"]), img["w"], img["h"]), case)
    elif fn == "gaussianBlur":
        img = a["image"]
        check_image(f(bytes(img["rgba"]), img["w"], img["h"], num(a["sigma"])), case)
    elif fn == "mandelbrot":
        got = f(a["w"], a["h"], num(a["x_min"]), num(a["x_max"]), num(a["y_min"]), num(a["y_max"]), a["max_iter"])
        check_ints(got, exp)
    elif fn == "primes":
        check_ints(f(a["n"]), exp)
    elif fn == "levenshtein":
        got = f(a["a"], a["b"])
        assert isinstance(got, int) and got == exp, f"expected {exp}, got {got!r}"
    elif fn == "wordCounts":
        got = f(a["text"], a["k"])
        assert [tuple(p) for p in got] == [tuple(p) for p in exp], f"expected {exp}, got {got!r}"
        assert all(isinstance(p, tuple) for p in got), f"expected (word, count) tuples, got {got!r}"
    else:
        pytest.fail(f"unknown kernel {fn!r} in the fixtures")


def test_fixtures_cover_every_kernel():
    assert len(GOLDEN["cases"]) > 0
    missing = sorted({PY_NAMES.get(c["fn"], c["fn"]) for c in GOLDEN["cases"]} - set(dir(fastwasm)))
    assert missing == [], f"not in the Python API: {missing}"


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=[c["name"] for c in GOLDEN["cases"]])
def test_golden(case):
    run_case(case)
