// The benchmark's Python columns (www/bench.py) under Pyodide in Node: every family at size
// `small` for `py` (pure Python) and `wasm-py` (fastwasm from Python), checked with suite.js `agree`
// against fastwasm's JS API (the reference, pkg/) and the plain-JS baselines (www/baselines.js), plus
// the pure-Python kernels on tiny inputs with known answers.
//
// Needs the builds (bash scripts/build.sh: pkg/, python/dist/) and the Pyodide wheels
// (bash scripts/install.sh: node_modules/pyodide, build/pyodide-wheels/). Offline.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { loadPyodide } from 'pyodide';
import { PYODIDE_WHEEL, wheelsIn } from '../python/wheels.mjs';

import fastwasm, { ROOT } from './helpers.mjs';
import { FAMILIES, TIMING, agree, makeInputs } from '../../www/suite.js';
import { wasmCalls } from '../../www/wasm-calls.js';

const baselinesModule = await import(pathToFileURL(path.join(ROOT, 'www/baselines.js')).href);
const BASELINES = baselinesModule.BASELINES;

/** Pyodide with micropip, the fastwasm wheel installed, and bench.py run in a fresh namespace. */
async function startBench() {
  const wheels = wheelsIn(path.join(ROOT, 'python/dist'), 'fastwasm-', PYODIDE_WHEEL);
  assert.equal(wheels.length, 1, 'expected one fastwasm wheel in python/dist (bash scripts/build.sh)');
  const deps = wheelsIn(path.join(ROOT, 'build/pyodide-wheels')).filter((w) =>
    /^(micropip|packaging)-/.test(path.basename(w)),
  );
  assert.equal(deps.length, 2, 'micropip/packaging wheels missing from build/pyodide-wheels (bash scripts/install.sh)');

  const pyodide = await loadPyodide();
  await pyodide.loadPackage(deps, { messageCallback: () => {} });
  const emWheel = `/tmp/wheels/${path.basename(wheels[0])}`;
  pyodide.FS.mkdirTree('/tmp/wheels');
  pyodide.FS.writeFile(emWheel, fs.readFileSync(wheels[0]));
  const micropip = pyodide.pyimport('micropip');
  await micropip.install(`emfs:${emWheel}`);
  micropip.destroy();

  const ns = pyodide.globals.get('dict')();
  pyodide.FS.writeFile('bench_timing.py', fs.readFileSync(path.join(ROOT, 'www/bench_timing.py'), 'utf8'));
  const source = fs.readFileSync(path.join(ROOT, 'www/bench.py'), 'utf8');
  pyodide.runPython(source, { globals: ns, filename: 'bench.py' });
  const configure = ns.get('configure');
  configure(TIMING);
  configure.destroy();
  return { pyodide, ns };
}

/** fastwasm's JS API on the suite inputs: the reference results (impl `wasm-js`). */
const REFERENCE = wasmCalls(fastwasm);

const KINDS = {
  stats: ['floats', Float64Array],
  dot: ['number'],
  sort: ['floats', Float64Array],
  matmul: ['floats', Float64Array],
  fft: ['floats', Float64Array],
  convolve: ['floats', Float64Array],
  blur: ['bytes', Uint8Array],
  grayscale: ['bytes', Uint8Array],
  sobel: ['bytes', Uint8Array],
  mandelbrot: ['ints', Uint32Array],
  primes: ['ints', Uint32Array],
  levenshtein: ['number'],
  wordcounts: ['json'],
};

describe('www/bench.py under Pyodide', () => {
  let pyodide;
  let ns;
  before(async () => {
    ({ pyodide, ns } = await startBench());
  });

  test('PURE and WASM cover every family of suite.js; the timing rules are suite.js TIMING', () => {
    const ids = FAMILIES.map((f) => f.id).sort();
    for (const name of ['PURE', 'WASM', 'KINDS']) {
      const keys = pyodide.runPython(`sorted(${name})`, { globals: ns }).toJs();
      assert.deepEqual(keys, ids, name);
    }
    const timing = pyodide.runPython('import bench_timing; bench_timing.TIMING', { globals: ns }).toJs({ dict_converter: Object.fromEntries });
    assert.deepEqual(timing, TIMING);
    assert.throws(() => pyodide.runPython('bench_timing.configure({"minRuns": 3})', { globals: ns }), /timing lacks typicalRuns/);
  });

  test('pure-Python kernels on tiny inputs with known answers', () => {
    pyodide.runPython(
      `
import cmath, math

def close(a, b, tol=1e-12):
    return all(abs(x - y) <= tol for x, y in zip(a, b, strict=True))

s, m, v = py_stats([1.0, 2.0, 3.0, 4.0])
assert (s, m, v) == (10.0, 2.5, 1.25), (s, m, v)
assert py_dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]) == 32.0
assert py_sort([3.0, -1.0, 2.5, 0.0]) == [-1.0, 0.0, 2.5, 3.0]
assert py_matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]) == [[19.0, 22.0], [43.0, 50.0]]

assert close(py_fft([1.0, 0.0, 0.0, 0.0]), [1, 1, 1, 1])
assert close(py_fft([0.0, 1.0, 0.0, 0.0]), [1, -1j, -1, 1j])
assert close(py_fft([1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]), [8, 0, 0, 0, 0, 0, 0, 0])
x = [0.5, -1.0, 2.0, 0.25, 3.0, -2.0, 1.5, 0.0]
dft = [sum(x[t] * cmath.exp(-2j * math.pi * k * t / 8) for t in range(8)) for k in range(8)]
assert close(py_fft(x), dft, 1e-12)
try:
    py_fft([1.0, 2.0, 3.0])
except ValueError:
    pass
else:
    raise AssertionError("fft of length 3 should raise")

assert py_convolve([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]) == [0.0, 1.0, 2.5, 4.0, 1.5]

# A constant image stays constant; a single bright pixel spreads symmetrically and keeps alpha.
flat = bytearray([10, 20, 30, 255] * 12)
assert py_gaussian_blur(flat, 4, 3, 1.0) == flat
dot_img = bytearray(4 * 25)
dot_img[4 * 12] = 255
out = py_gaussian_blur(dot_img, 5, 5, 1.0)
red = [out[4 * i] for i in range(25)]
assert red[12] == max(red) and red[12] > 0
assert red[11] == red[13] == red[7] == red[17]
assert red[0] == red[4] == red[20] == red[24]

# c = -1.5 and -0.5 stay bounded; c = 0.5 escapes after 5 steps (0, .5, .75, 1.0625, 1.63, 3.15).
assert py_mandelbrot(3, 1, -2.0, 1.0, -0.5, 0.5, 20) == [20, 20, 5]

assert py_primes(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
assert py_primes(1) == [] and py_primes(2) == [2]

assert py_levenshtein("kitten", "sitting") == 3
assert py_levenshtein("", "abc") == 3 and py_levenshtein("flaw", "lawn") == 2
assert py_levenshtein("same", "same") == 0

assert py_word_counts("The cat, the hat_trick; THE cat 42 42!", 3) == [("the", 3), ("42", 2), ("cat", 2)]
`,
      { globals: ns },
    );
  });

  for (const fam of FAMILIES) {
    test(`${fam.id} at size small: py and wasm-py agree with fastwasm (JS) and the JS baseline`, () => {
      const inputs = makeInputs(fam.id, 'small');
      const ref = REFERENCE[fam.id](inputs);
      const runTask = ns.get('run_task');
      try {
        const results = {};
        for (const impl of ['py', 'wasm-py']) {
          const out = runTask(impl, fam.id, 'small', inputs);
          assert.ok(out.runs >= TIMING.minRuns && out.runs <= TIMING.maxRuns, `${impl}: ${out.runs} runs`);
          assert.equal(out.times.length, out.runs);
          assert.ok(out.min <= out.median && out.median <= out.max, `${impl}: min ≤ median ≤ max`);
          assert.ok(out.times.every((t) => Number.isFinite(t) && t >= 0));
          const [kind, ctor] = KINDS[fam.id];
          assert.equal(out.result.kind, kind, `${impl}: result kind`);
          if (ctor) assert.ok(out.result.value instanceof ctor, `${impl}: ${kind} value is a ${ctor.name}`);
          if (kind === 'number') assert.equal(typeof out.result.value, 'number');
          assert.ok(agree(fam.id, ref, out.result), `${impl} disagrees with fastwasm (JS) on ${fam.id}`);
          results[impl] = out.result;
        }
        assert.ok(agree(fam.id, results.py, results['wasm-py']), `py and wasm-py disagree on ${fam.id}`);
        if (BASELINES) {
          const base = BASELINES[fam.id](inputs);
          assert.ok(agree(fam.id, base, results.py), `py disagrees with the JS baseline on ${fam.id}`);
          assert.ok(agree(fam.id, base, results['wasm-py']), `wasm-py disagrees with the JS baseline on ${fam.id}`);
        }
      } finally {
        runTask.destroy();
      }
    });
  }

  test('blur: pure Python and fastwasm bytes agree within 1 on a wider image', () => {
    // A non-square image with sigma 3 (r = 9, wider than the 8-pixel-high image): exercises edge
    // clamping on every side.
    const w = 23;
    const h = 8;
    const rgba = new Uint8ClampedArray(4 * w * h);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 37 + (i >> 5) * 11) & 255;
    const inputs = { rgba, w, h, sigma: 3 };
    const ref = REFERENCE.blur(inputs);
    const runTask = ns.get('run_task');
    try {
      const out = runTask('py', 'blur', 'custom', inputs);
      assert.ok(agree('blur', ref, out.result));
    } finally {
      runTask.destroy();
    }
  });

  test('wasm-py-mt: refused before start_threads(); under Node start_threads() says why there are none', async () => {
    const runTask = ns.get('run_task');
    const startThreads = ns.get('start_threads');
    try {
      assert.throws(() => runTask('wasm-py-mt', 'sort', 'small', makeInputs('sort', 'small')), /RuntimeError: wasm-py-mt needs fastwasm's threads/);
      const status = await startThreads();
      assert.equal(status.enabled, false, 'no threads for Pyodide in Node');
      assert.equal(status.count, 1);
      assert.match(status.reason, /Node/, `the reason names Node.js (${status.reason})`);
      assert.throws(() => runTask('wasm-py-mt', 'sort', 'small', makeInputs('sort', 'small')), /RuntimeError/, 'still refused');
    } finally {
      runTask.destroy();
      startThreads.destroy();
    }
  });

  test('a bad family or implementation raises', () => {
    const runTask = ns.get('run_task');
    try {
      assert.throws(() => runTask('py', 'nope', 'small', {}), /ValueError: unknown kernel family 'nope'/);
      assert.throws(() => runTask('rust', 'dot', 'small', makeInputs('dot', 'small')), /ValueError: unknown implementation 'rust'/);
    } finally {
      runTask.destroy();
    }
  });
});
