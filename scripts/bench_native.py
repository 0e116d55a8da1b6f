"""The native CPython columns of `make bench`: numpy, the native fastwasm package and the PyPI
peers that have no numpy equivalent, on the same inputs as the page (www/bench_inputs.py), in one
process and with the suite's timing rules (www/bench_timing.py, the values of suite.js TIMING).

    python scripts/bench_native.py --timing JSON [--sizes a,b] [--families a,b] [--rounds 3] [--out FILE]
    python scripts/bench_native.py --timing JSON --threads [--sizes a,b] [--families a,b] [--out FILE]

The first form times, for every task, numpy's idiomatic call (scripts/bench_numpy.py: impls "numpy"
and "numpy-f32"), the same function of the native fastwasm package on the same numpy arrays (impl
"fastwasm-native": numpy in, numpy out, as a numpy user calls it) and the peer of families that
numpy lacks (impl "python-peer": rapidfuzz's Levenshtein distance, the fastest on PyPI that we know
of). They are interleaved: ``--rounds`` rounds, each timing every implementation in turn with the
suite's rules, and each implementation's samples of all rounds are pooled, so a slow spell of a
shared machine weighs on all of them. scripts/bench.mjs runs it with RAYON_NUM_THREADS=1 (and
OPENBLAS_NUM_THREADS=1 ...), so every implementation is single-threaded.

With ``--threads`` it times only fastwasm, on the kernels that use rayon's pool (``THREADED``),
as impl "fastwasm-native-threads"; scripts/bench.mjs runs it with RAYON_NUM_THREADS=2. Threads are
fixed when rayon's pool starts, hence a process of its own.

Without the native package (``fastwasm.backend != "native"`` or no fastwasm at all) only numpy
and the peers are timed. Writes a JSON array of {family, size, impl, times, reps, median, min,
max, runs, summary[, name]}; summary as suite.js summaryOf (bench_numpy.summary_of).
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www"))
import bench_inputs  # noqa: E402
import bench_numpy  # noqa: E402
from bench_timing import configure, measure, summary  # noqa: E402

#: The kernels that split their work over rayon's pool in the threads build.
THREADED = ("matmul", "mandelbrot", "sort", "blur")


def native_fastwasm():
    """The native fastwasm package, or None (with the reason on stderr) when it is not there."""
    try:
        import fastwasm
    except ImportError as err:
        print(f"    fastwasm native: not installed ({err}); timing numpy only", file=sys.stderr)
        return None
    if getattr(fastwasm, "backend", None) != "native":
        print(f"    fastwasm native: backend is {getattr(fastwasm, 'backend', None)!r}; timing numpy only", file=sys.stderr)
        return None
    return fastwasm


def fastwasm_call(fw, family, a):
    """fastwasm's zero-argument call for the task, on the arrays ``a`` of bench_numpy.arrays()."""
    x = a.get("x")
    image = lambda name: lambda: getattr(fw, name)(a["rgba"], a["w"], a["h"])  # noqa: E731
    return {
        "stats": lambda: [fw.sum(x), fw.mean(x), fw.var(x)],
        "dot": lambda: fw.dot(a["a"], a["b"]),
        "sort": lambda: fw.sort(x),
        "matmul": lambda: fw.matmul(a["a"], a["b"]),
        "fft": lambda: fw.fft(x),
        "convolve": lambda: fw.convolve(x, a["v"]),
        "blur": lambda: fw.gaussian_blur(a["rgba"], a["w"], a["h"], a["sigma"]),
        "grayscale": image("grayscale"),
        "sobel": image("sobel"),
        "mandelbrot": lambda: fw.mandelbrot(a["w"], a["h"], a["xMin"], a["xMax"], a["yMin"], a["yMax"], a["maxIter"]),
        "primes": lambda: fw.primes(a["n"]),
        "levenshtein": lambda: fw.levenshtein(a["a"], a["b"]),
        "wordcounts": lambda: fw.word_counts(a["text"], a["k"]),
        "median": lambda: fw.median(x),
        "quantile": lambda: fw.quantile(x, bench_numpy.QUANTILE_Q),
        "var": lambda: fw.var(x),
        "histogram": lambda: fw.histogram(x, bench_numpy.HISTOGRAM_BINS),
        "unique": lambda: fw.unique(x),
        "cumsum": lambda: fw.cumsum(x),
    }[family]


def peer_calls(family, a):
    """{impl: (name, call)} of the PyPI peers of families numpy lacks (only those installed)."""
    if family == "levenshtein":
        try:
            import rapidfuzz
            from rapidfuzz.distance import Levenshtein
        except ImportError:
            return {}
        return {"python-peer": (f"rapidfuzz {rapidfuzz.__version__}", lambda: Levenshtein.distance(a["a"], a["b"]))}
    return {}


def tasks(family, a, fw, threads):
    """{impl: (name or None, call)} of one task."""
    if threads:
        return {"fastwasm-native-threads": (None, fastwasm_call(fw, family, a))} if fw and family in THREADED else {}
    out = {impl: (None, fn) for impl, fn in bench_numpy.calls(family, a).items()}
    if fw:
        out["fastwasm-native"] = (None, fastwasm_call(fw, family, a))
    out.update(peer_calls(family, a))
    return out


def run(families, sizes, rounds, threads):
    fw = native_fastwasm()
    rows = []
    for family in families:
        for size in sizes:
            impls = tasks(family, bench_numpy.arrays(family, size), fw, threads)
            times = {impl: [] for impl in impls}
            reps, results = {}, {}
            for _ in range(rounds):
                for impl, (_, fn) in impls.items():
                    t, reps[impl], results[impl] = measure(fn)
                    times[impl].extend(t)
            for impl, (name, _) in impls.items():
                stats = summary(times[impl])
                row = {"family": family, "size": size, "impl": impl, "times": times[impl], "reps": reps[impl], **stats,
                       "summary": bench_numpy.summary_of(results[impl])}
                if name:
                    row["name"] = name
                rows.append(row)
                print(f"    {impl} {family} {size}: {stats['median']:.3f} ms", file=sys.stderr)
    return rows


def main(argv):
    usage = "usage: bench_native.py --timing JSON [--threads] [--sizes a,b] [--families a,b] [--rounds N] [--out FILE]"
    args = {
        "--sizes": "small,medium,large,xl",
        "--families": ",".join([*bench_inputs.SIZES, *bench_numpy.NATIVE_FAMILIES]),
        "--out": None,
        "--timing": None,
        "--rounds": "3",
    }
    threads = "--threads" in argv
    argv = [arg for arg in argv if arg != "--threads"]
    for i in range(0, len(argv), 2):
        if argv[i] not in args or i + 1 >= len(argv):
            raise SystemExit(f"{usage}; got {argv[i]}")
        args[argv[i]] = argv[i + 1]
    if not args["--timing"]:
        raise SystemExit(f"{usage} (--timing: suite.js TIMING as JSON, which scripts/bench.mjs passes)")
    configure(json.loads(args["--timing"]))
    families = args["--families"].split(",")
    for family in families:
        if family not in bench_inputs.SIZES and family not in bench_numpy.NATIVE_FAMILIES:
            raise SystemExit(f"unknown family {family!r}")
    rounds = 1 if threads else int(args["--rounds"])
    text = json.dumps(run(families, args["--sizes"].split(","), rounds, threads))
    if args["--out"]:
        with open(args["--out"], "w") as f:
            f.write(text)
    else:
        print(text)


if __name__ == "__main__":
    main(sys.argv[1:])
