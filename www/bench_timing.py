"""The benchmark's timing rules in Python, shared by www/bench.py (pure Python and fastwasm in
Pyodide) and scripts/bench_numpy.py (native numpy): the same rules as suite.js measure(), with the
values of suite.js TIMING, which the caller passes to :func:`configure` before timing anything
(py-worker.js and the tests from suite.js itself, scripts/bench.mjs as ``--timing JSON``)."""

import statistics
from time import perf_counter

#: suite.js TIMING (minRuns, typicalRuns, maxRuns, budgetMs, slowMs, minSampleMs), set by configure().
TIMING = {}

_KEYS = ("minRuns", "typicalRuns", "maxRuns", "budgetMs", "slowMs", "minSampleMs")


def configure(timing):
    """Take the timing rules from suite.js TIMING (a dict, or a JS object from Pyodide)."""
    values = timing.to_py() if hasattr(timing, "to_py") else dict(timing)
    missing = [key for key in _KEYS if key not in values]
    if missing:
        raise ValueError(f"configure: timing lacks {', '.join(missing)}")
    TIMING.update({key: values[key] for key in _KEYS})


def want_more_runs(runs, elapsed_ms):
    """Whether to take another sample after ``runs`` samples in ``elapsed_ms`` (suite.js rules)."""
    if not TIMING:
        raise RuntimeError("bench_timing: call configure(suite.js TIMING) first")
    t = TIMING
    if runs < t["minRuns"]:
        return True
    if runs >= t["maxRuns"]:
        return False
    if runs < t["typicalRuns"]:
        return elapsed_ms < t["slowMs"]
    return elapsed_ms < t["budgetMs"]


def measure(fn, *args):
    """One warm-up call, then timed samples while want_more_runs says so. A call faster than
    minSampleMs is repeated ``reps`` times per sample, calibrated as suite.js calibrate() (a count
    of one is taken twice, and then both calls are samples).
    Returns (per-call times in ms, reps, result of the last call)."""
    if not TIMING:
        raise RuntimeError("bench_timing: call configure(suite.js TIMING) first")
    result = fn(*args)
    times = []
    for _ in range(2):
        reps = 0
        start = perf_counter()
        while True:
            result = fn(*args)
            reps += 1
            elapsed = (perf_counter() - start) * 1000.0
            if elapsed >= TIMING["minSampleMs"]:
                break
        if reps > 1:
            times, start = [], perf_counter()
            break
        times.append(elapsed)
    if len(times) == 2:
        start = perf_counter() - sum(times) / 1000.0
    while want_more_runs(len(times), (perf_counter() - start) * 1000.0):
        t0 = perf_counter()
        for _ in range(reps):
            result = fn(*args)
        times.append((perf_counter() - t0) * 1000.0 / reps)
    return times, reps, result


def summary(times):
    """median, min, max and runs of the timed runs, as suite.js stats()."""
    s = sorted(times)
    return {"median": statistics.median(s), "min": s[0], "max": s[-1], "runs": len(s)}
