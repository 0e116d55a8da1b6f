"""What tests/e2e/threads.test.mjs checks inside Pyodide, in a browser: ``await check(n)`` runs
fastwasm's kernels single-threaded, calls ``fastwasm.enable_threads(n)``, and where it returns
True runs them again on the pool. It returns what it saw as a dict (JSON-able) for the test to
assert on: the answers of ``enable_threads`` and ``threads()``, and every kernel whose threaded
result differs from its single-threaded one, byte for byte.

The inputs are above the sizes at which the threaded kernels split their work (matmul, sort,
unique, mandelbrot, gaussian_blur), so on the pool they run in parallel.
"""

from __future__ import annotations

import array
import asyncio
import random

import fastwasm


def _inputs() -> dict[str, object]:
    rng = random.Random(16)
    n = 160
    vec = array.array("d", (rng.uniform(-1e3, 1e3) for _ in range(200_000)))
    dup = array.array("d", (float(rng.randrange(5_000)) for _ in range(200_000)))
    a = array.array("d", (rng.uniform(-1, 1) for _ in range(n * n)))
    b = array.array("d", (rng.uniform(-1, 1) for _ in range(n * n)))
    w, h = 256, 192
    rgba = bytearray(rng.randrange(256) for _ in range(w * h * 4))
    text = " ".join(rng.choice(["wasm", "rust", "python", "thread", "pool"]) for _ in range(5_000))
    return {"vec": vec, "dup": dup, "a": a, "b": b, "n": n, "rgba": rgba, "w": w, "h": h, "text": text}


def _as_bytes(value: object) -> bytes:
    """A result as bytes that differ whenever a value (or its sign, or NaN's payload) does."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, array.array):
        return value.tobytes()
    if isinstance(value, float):
        return array.array("d", [value]).tobytes()
    if isinstance(value, list) and value and isinstance(value[0], list):
        return b"".join(_as_bytes(array.array("d", row)) for row in value)
    return repr(value).encode()


def _results(x: dict[str, object]) -> dict[str, bytes]:
    n, w, h = x["n"], x["w"], x["h"]
    mat_a = [x["a"][i * n : (i + 1) * n] for i in range(n)]
    mat_b = [x["b"][i * n : (i + 1) * n] for i in range(n)]
    a32 = array.array("f", x["a"])
    b32 = array.array("f", x["b"])
    resident = fastwasm.array(x["vec"])
    try:
        out = {
            "matmul": fastwasm.matmul(mat_a, mat_b),
            "matmul float32": fastwasm.matmul(memoryview(a32).cast("B").cast("f", (n, n)), memoryview(b32).cast("B").cast("f", (n, n))),
            "sort": fastwasm.sort(x["vec"]),
            "unique": fastwasm.unique(x["dup"]),
            "argsort": fastwasm.argsort(x["vec"]),
            "mandelbrot": fastwasm.mandelbrot(320, 240, -2.0, 1.0, -1.2, 1.2, 200),
            "gaussian_blur": fastwasm.gaussian_blur(x["rgba"], w, h, 2.5),
            "grayscale": fastwasm.grayscale(x["rgba"], w, h),
            "sobel": fastwasm.sobel(x["rgba"], w, h),
            "sum": fastwasm.sum(x["vec"]),
            "var": fastwasm.var(x["vec"]),
            "median": fastwasm.median(x["vec"]),
            "cumsum": fastwasm.cumsum(x["vec"]),
            "fft": fastwasm.fft(x["vec"][:4096]),
            "convolve": fastwasm.convolve(x["vec"][:5000], x["vec"][:300]),
            "histogram": fastwasm.histogram(x["vec"], 64),
            "levenshtein": fastwasm.levenshtein(x["text"][:800], x["text"][800:1500]),
            "word_counts": fastwasm.word_counts(x["text"], 3),
            "resident sort": fastwasm.sort(resident).tolist(),
        }
    finally:
        resident.free()
    return {name: _as_bytes(value) for name, value in out.items()}


def _errors() -> list[str]:
    """Bad inputs still raise their errors (and the module keeps working)."""
    seen = []
    for call, exc in [
        (lambda: fastwasm.sort("abc"), TypeError),
        (lambda: fastwasm.matmul([[1.0, 2.0]], [[1.0, 2.0]]), ValueError),
        (lambda: fastwasm.gaussian_blur(bytearray(8), 2, 2, -1.0), ValueError),
        (lambda: fastwasm.mandelbrot(4, 4, -2.0, 1.0, -1.0, 1.0, -5), ValueError),
    ]:
        try:
            call()
        except exc as err:
            seen.append(f"{type(err).__name__}: {err}")
        else:
            seen.append(f"no {exc.__name__}")
    return seen


async def check(n: int | None) -> dict[str, object]:
    x = _inputs()
    before = _results(x)
    kept = fastwasm.array([1.5, -0.0, 3.25])  # made on the single-threaded instance
    status_before = fastwasm.threads()
    # Two at once: the second waits for the first and gets the same answer.
    first, second = await asyncio.gather(fastwasm.enable_threads(n), fastwasm.enable_threads(n))
    status = fastwasm.threads()
    report: dict[str, object] = {
        "before": {"enabled": status_before.enabled, "count": status_before.count, "reason": status_before.reason},
        "enabled": [first, second],
        "status": {"enabled": status.enabled, "count": status.count, "reason": status.reason, "text": str(status)},
        "again": await fastwasm.enable_threads(),
    }
    bad_n = []
    for value in ["2", 0, 10_000, True, 2.0]:
        try:
            await fastwasm.enable_threads(value)
        except (TypeError, ValueError) as err:
            bad_n.append(f"{type(err).__name__}: {err}")
        else:
            bad_n.append(f"accepted {value!r}")
    report["bad_n"] = bad_n
    if first:
        try:
            await fastwasm.enable_threads(status.count + 1)
        except ValueError as err:
            report["resize"] = f"ValueError: {err}"
        else:
            report["resize"] = "accepted"
        from fastwasm._backend import runtime

        report["shared_memory"] = str(runtime.exports.wasmMemory().buffer.constructor.name)
    after = _results(x)
    report["kernels"] = sorted(before)
    report["differ"] = sorted(name for name in before if before[name] != after[name])
    report["kept"] = kept.tolist() == [1.5, -0.0, 3.25] and str(kept.tolist()[1]) == "-0.0"
    kept.free()
    report["errors"] = _errors()
    report["still works"] = fastwasm.sum([1.0, 2.0, 3.5]) == 6.5
    return report


async def _trap_package(url: str) -> object:
    """fastwasm as the package ``fastwasm_traptest``, whose threaded build is the trap test build
    at ``url`` (scripts/build-trap-test.sh: the same exports plus ``forceTrap``)."""
    import importlib
    import re
    import shutil
    import sys
    from pathlib import Path

    from pyodide.http import pyfetch

    async def fetched(name: str) -> bytes:
        response = await pyfetch(url + name)
        if not response.ok:
            raise RuntimeError(f"{url}{name}: HTTP {response.status}")
        return await response.bytes()

    root = Path("/tmp/trap-threads")
    package = root / "fastwasm_traptest"
    shutil.rmtree(root, ignore_errors=True)
    (package / "threads").mkdir(parents=True)
    source = Path(fastwasm.__file__).parent
    for path in [*source.glob("*.py"), source / "fastwasm_glue.js", source / "fastwasm_bg.wasm"]:
        shutil.copy(path, package / path.name)
    glue = await fetched("fastwasm_glue.js")
    for name in ["fastwasm_glue.js", "fastwasm_bg.wasm", *re.findall(rb"from '\./(snippets/[^']+)'", glue)]:
        name = name.decode() if isinstance(name, bytes) else name
        (package / "threads" / name).parent.mkdir(parents=True, exist_ok=True)
        (package / "threads" / name).write_bytes(await fetched(name))
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("fastwasm_traptest")
    finally:
        sys.path.remove(str(root))


async def check_trap(url: str) -> dict[str, object]:
    """Makes the threaded instance trap, then checks that the trap and every later call raise
    ``RuntimeError`` (none hangs), that resident arrays refuse too and that freeing them does not."""
    fw = await _trap_package(url)
    report: dict[str, object] = {"enabled": await fw.enable_threads(2)}
    resident = fw.array([1.0, 2.0, 3.0])
    report["works"] = fw.sort([3.0, 1.0, 2.0]) == [1.0, 2.0, 3.0] and fw.sum(resident) == 6.0
    try:
        fw._convert.call("force_trap", fw._runtime.fn.forceTrap, "unreachable")
    except RuntimeError as err:
        report["trap"] = str(err)
    else:
        report["trap"] = "no error"
    later = {
        "sum": lambda: fw.sum([1.0, 2.0]),
        "sort": lambda: fw.sort([float(i % 977) for i in range(200_000)]),
        "matmul": lambda: fw.matmul([[1.0] * 200] * 200, [[1.0] * 200] * 200),
        "mandelbrot": lambda: fw.mandelbrot(640, 480, -2.0, 1.0, -1.0, 1.0, 100),
        "array": lambda: fw.array([1.0]),
        "resident": lambda: resident.tolist(),
        "sum again": lambda: fw.sum([1.0, 2.0]),
    }
    report["later"] = {}
    for name, call in later.items():
        try:
            call()
        except RuntimeError as err:
            report["later"][name] = f"RuntimeError: {err}"
        except Exception as err:  # noqa: BLE001 - reported as a wrong error class
            report["later"][name] = f"{type(err).__name__}: {err}"
        else:
            report["later"][name] = "no error"
    try:
        resident.free()
        report["free"] = "ok"
    except Exception as err:  # noqa: BLE001 - reported
        report["free"] = f"{type(err).__name__}: {err}"
    status = fw.threads()
    report["status"] = {"enabled": status.enabled, "reason": status.reason}
    report["enable again"] = await fw.enable_threads()
    report["fastwasm still works"] = fastwasm.sum([1.0, 2.0, 3.5]) == 6.5
    return report
