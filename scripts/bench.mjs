#!/usr/bin/env node
// Headless benchmark: drives the demo page (www/) in headless Chromium through the whole suite (its
// JS worker, then its Python worker single-threaded and with fastwasm.enable_threads()), runs the
// same kernels natively (benches/native.rs), prints a Markdown table and writes JSON.
//
//   node scripts/bench.mjs [--sizes small,medium,large] [--families stats,dot,...] [--out FILE]
//                          [--docs docs/benchmarks.md] [--performance docs/performance.md]
//                          [--no-native] [--no-numpy] [--no-node-peers]
//   node scripts/bench.mjs --from-results bench/results.json [--docs FILE] [--performance FILE]
//
// --from-results rewrites the docs from a stored run without running anything: the rows, ratios
// and targets are computed again from its raw results, so a change of the report's wording or of
// the targets reaches the docs without a new (long, machine-dependent) run.
//
// Besides the page (which times the npm peers of www/peers.js in its JS worker), it times the
// Node-only peers (photon) in this process, and on native CPython (scripts/bench_native.py, in
// build/bench-venv: numpy 2.4.6, rapidfuzz and the native fastwasm wheel of python/dist/, made or
// updated here) numpy, the native fastwasm package, single-threaded and with 2 threads, and the
// PyPI peers of families numpy lacks. The native-only families (NATIVE_FAMILIES: median, quantile,
// var, histogram, unique, cumsum) are timed there and natively only, not on the page.
//
// Defaults: all sizes and families, --out bench/results.json. `make bench` also rewrites
// docs/benchmarks.md. Needs pkg/, python/dist/ (scripts/build.sh) and /usr/bin/chromium.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { launchChromium, openPage } from '../tests/e2e/browser.mjs';
import {
  FAMILIES, IMPLS, SIZE_NAMES, THREADED, TIMING, TOLERANCE, family as familyOf, makeInputs, skipReason,
  summariesAgree,
} from '../www/suite.js';
import { NODE_ONLY, PEERS, bestPeer, comparePeers, loadPeers } from '../www/peers.js';
import { BASELINES } from '../www/baselines.js';
import { wasmCalls } from '../www/wasm-calls.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Families timed on native CPython and in native Rust only (numpy functions the page does not
 * time), on the floats of "stats" at its sizes; their parameters are QUANTILE_Q, HISTOGRAM_BINS and
 * UNIQUE_STEPS of scripts/bench_numpy.py (and of crates/kernels/benches/native.rs).
 */
export const NATIVE_FAMILIES = [
  { id: 'median', label: 'median', describe: '`np.median(x)`' },
  { id: 'quantile', label: 'quantile', describe: '`np.quantile(x, 0.9)`' },
  { id: 'var', label: 'var', describe: '`np.var(x)`' },
  { id: 'histogram', label: 'histogram', describe: '`np.histogram(x, 100)`, counts and edges' },
  { id: 'unique', label: 'unique', describe: '`np.unique(x)` of the floats rounded down to multiples of 1/1024, 1,024 distinct values' },
  { id: 'cumsum', label: 'cumsum', describe: '`np.cumsum(x)`' },
];
const NATIVE_IDS = NATIVE_FAMILIES.map((f) => f.id);

/** A family's label, of the suite or native-only. */
function labelOf(id) {
  return NATIVE_FAMILIES.find((f) => f.id === id)?.label ?? familyOf(id).label;
}

function parseArgs(argv) {
  const out = {
    sizes: SIZE_NAMES,
    families: [...FAMILIES.map((f) => f.id), ...NATIVE_IDS],
    out: 'bench/results.json',
    docs: null,
    native: true,
    numpy: true,
    nodePeers: true,
    fromResults: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--sizes') out.sizes = value().split(',');
    else if (arg === '--families') out.families = value().split(',');
    else if (arg === '--out') out.out = value();
    else if (arg === '--docs') out.docs = value();
    else if (arg === '--performance') out.performance = value();
    else if (arg === '--no-native') out.native = false;
    else if (arg === '--no-numpy') out.numpy = false;
    else if (arg === '--no-node-peers') out.nodePeers = false;
    else if (arg === '--from-results') out.fromResults = value();
    else if (arg === '--help' || arg === '-h') out.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  for (const s of out.sizes) if (!SIZE_NAMES.includes(s)) throw new Error(`unknown size ${s}`);
  for (const f of out.families) if (!NATIVE_IDS.includes(f)) familyOf(f);
  // The page runs the suite's families; the native-only ones run natively only.
  out.nativeFamilies = out.families.filter((f) => NATIVE_IDS.includes(f));
  out.families = out.families.filter((f) => !NATIVE_IDS.includes(f));
  return out;
}

/** The native Rust column: cargo bench --bench native, same inputs and timing rules. */
function runNative({ sizes, families, nativeFamilies }) {
  const file = path.join(ROOT, 'build/bench/native.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  console.error('==> native Rust: cargo bench --bench native');
  execFileSync(
    'cargo',
    ['bench', '--quiet', '-p', 'fastwasm-kernels', '--bench', 'native', '--', '--sizes', sizes.join(','), '--families', [...families, ...nativeFamilies].join(','), '--out', file],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const NUMPY_VERSION = '2.4.6';
/** The PyPI peers of the CPython columns (families numpy lacks), pinned. */
const PYPI_PEERS = ['rapidfuzz==3.14.6'];
const BENCH_VENV = path.join(ROOT, 'build/bench-venv');

/** The native fastwasm wheel of python/dist/ (scripts/build.sh), or null when it is not built. */
function nativeWheel() {
  const dist = path.join(ROOT, 'python/dist');
  const wheels = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => /^fastwasm-.*-abi3-.*\.whl$/.test(f)) : [];
  return wheels.length ? path.join(dist, wheels.sort().at(-1)) : null;
}

/**
 * build/bench-venv, the one venv of the CPython columns (make bench; make test does not need it):
 * numpy and the PyPI peers from PyPI, made once, and the native fastwasm wheel of python/dist/,
 * installed again whenever the wheel changes. Returns its Python and numpy's version.
 */
function ensureBenchVenv() {
  const python = path.join(BENCH_VENV, 'bin/python');
  const query = (code) => execFileSync(python, ['-c', code], { encoding: 'utf8' }).trim();
  const has = () => {
    try {
      return query('import numpy, rapidfuzz; print(numpy.__version__, rapidfuzz.__version__)') ===
        [NUMPY_VERSION, ...PYPI_PEERS.map((p) => p.split('==')[1])].join(' ');
    } catch {
      return false;
    }
  };
  if (!has()) {
    console.error(`==> CPython: creating ${path.relative(ROOT, BENCH_VENV)} with numpy==${NUMPY_VERSION} ${PYPI_PEERS.join(' ')}`);
    if (!fs.existsSync(python)) execFileSync('python3', ['-m', 'venv', BENCH_VENV], { stdio: 'inherit' });
    execFileSync(python, ['-m', 'pip', 'install', '--quiet', `numpy==${NUMPY_VERSION}`, ...PYPI_PEERS], { stdio: 'inherit' });
    if (!has()) throw new Error(`numpy ${NUMPY_VERSION} and ${PYPI_PEERS.join(' ')} did not install in ${BENCH_VENV}`);
  }
  const wheel = nativeWheel();
  const stamp = path.join(BENCH_VENV, 'fastwasm-wheel.stamp');
  if (wheel) {
    const id = `${path.basename(wheel)} ${fs.statSync(wheel).size} ${fs.statSync(wheel).mtimeMs}`;
    if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== id) {
      console.error(`==> CPython: installing ${path.relative(ROOT, wheel)} in ${path.relative(ROOT, BENCH_VENV)}`);
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--force-reinstall', '--no-deps', wheel], { stdio: 'inherit' });
      fs.writeFileSync(stamp, id);
    }
  } else {
    console.error('==> CPython: no native wheel in python/dist/ (scripts/build.sh): the fastwasm native columns are not run');
  }
  return {
    python,
    numpyVersion: query('import numpy; print(numpy.__version__)'),
    pythonVersion: query('import platform; print(platform.python_version())'),
  };
}

/**
 * The CPython columns: scripts/bench_native.py on the same inputs. First numpy, fastwasm native and
 * the PyPI peers, interleaved, single-threaded (RAYON_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1 …);
 * then fastwasm native alone on its threaded kernels with RAYON_NUM_THREADS=2. The OpenBLAS
 * core-type and L2-size overrides of the environment are unset for these commands alone.
 */
function runCPython({ sizes, families, nativeFamilies }) {
  const { python, numpyVersion, pythonVersion } = ensureBenchVenv();
  const file = path.join(ROOT, 'build/bench/cpython.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const blas = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMEXPR_NUM_THREADS'].map((v) => `${v}=1`);
  const run = (threads, extra) => {
    execFileSync(
      'env',
      ['-u', 'OPENBLAS_CORETYPE', '-u', 'OPENBLAS_L2_SIZE', ...blas, `RAYON_NUM_THREADS=${threads}`, python,
        path.join(ROOT, 'scripts/bench_native.py'), '--sizes', sizes.join(','), '--families', [...families, ...nativeFamilies].join(','),
        '--out', file, '--timing', JSON.stringify(TIMING), ...extra],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  };
  console.error('==> CPython (native, this machine): numpy, fastwasm native and PyPI peers, interleaved, 1 thread');
  const single = run(1, []);
  const hasNative = single.some((r) => r.impl === 'fastwasm-native');
  console.error('==> CPython: fastwasm native, RAYON_NUM_THREADS=2');
  const threaded = hasNative ? run(2, ['--threads']) : [];
  const fastwasm = hasNative
    ? execFileSync(python, ['-c', 'import fastwasm; print(fastwasm.__version__)'], { encoding: 'utf8' }).trim()
    : null;
  return { rows: [...single, ...threaded], version: numpyVersion, python: pythonVersion, fastwasm };
}

/**
 * The Node-only peers (www/peers.js NODE_ONLY: photon): timed here, interleaved with fastwasm from
 * Node (pkg/), on the same inputs. Returns peer reports like the page's.
 */
async function runNodePeers({ sizes, families }) {
  const names = Object.values(PEERS).flat().filter((p) => NODE_ONLY[p.lib]).map((p) => p.name);
  const wanted = families.filter((f) => PEERS[f]?.some((p) => names.includes(p.name)));
  if (!wanted.length) return [];
  console.error(`==> Node-only peers (${names.join(', ')}), Node ${process.version}`);
  const fw = await import(path.join(ROOT, 'pkg/fastwasm.js'));
  fw.initSync({ module: fs.readFileSync(path.join(ROOT, 'pkg/fastwasm_bg.wasm')) });
  const calls = wasmCalls(fw);
  const { libs, failed } = await loadPeers(Object.keys(NODE_ONLY));
  const out = [];
  for (const family of wanted) {
    for (const size of sizes) {
      const inputs = makeInputs(family, size);
      const exact = BASELINES[family](inputs);
      const report = comparePeers({ familyId: family, size, inputs, wasm: calls[family], fastwasm: fw, exact, libs, failed, peerNames: names });
      for (const p of report.peers) p.where = `Node ${process.version}`;
      out.push(report);
    }
  }
  return out;
}

/** The page's peer reports with the Node-only peers merged in (each compared with fastwasm in its own process). */
export function mergePeers(browserResults, nodeReports) {
  for (const n of nodeReports) {
    const r = browserResults.find((x) => x.family === n.family && x.size === n.size && x.impl === 'peer');
    if (!r?.peer) continue;
    r.peer.peers = [...r.peer.peers.filter((p) => !n.peers.some((q) => q.name === p.name)), ...n.peers];
    r.peer.best = bestPeer(r.peer.peers.filter((p) => p.median != null));
    r.peer.nodeFastwasm = n.fastwasm;
    r.median = r.peer.best?.median ?? null;
  }
  return browserResults;
}

/** The browser columns: the demo page in headless Chromium, run through window.fastwasmBench. */
async function runBrowser({ sizes, families }) {
  const server = await startServer({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  try {
    const { page, problems } = await openPage(browser);
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.error(`page: ${msg.text()}`);
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.fastwasmBench, null, { timeout: 30_000 });
    console.error(`==> browser: Chromium ${browser.version()}, sizes ${sizes.join(',')}`);
    let last = '';
    const progress = setInterval(async () => {
      const text = await page.locator('#progress-text').textContent().catch(() => '');
      if (text && text !== last) console.error(`    ${(last = text)}`);
    }, 2000);
    try {
      await page.evaluate((options) => window.fastwasmBench.run(options), { sizes, families });
    } finally {
      clearInterval(progress);
    }
    const { results, env: pageEnv } = await page.evaluate(() => window.fastwasmBench.results());
    const env = await page.evaluate(() => ({
      userAgent: navigator.userAgent,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      hardwareConcurrency: navigator.hardwareConcurrency,
    }));
    console.error('==> boundary: Python → wasm call and copy costs (py-worker)');
    const boundary = await page.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker('/py-worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => {
            if (data.type === 'boundary') resolve(data);
            else if (data.type === 'error') reject(new Error(data.message));
            if (data.type === 'boundary' || data.type === 'error') worker.terminate();
          };
          worker.postMessage({ type: 'boundary' });
        }),
    );
    const trouble = problems();
    if (trouble.length) console.error(`page problems:\n  ${trouble.join('\n  ')}`);
    // What the workers reported about threads: the JS worker's pkg-mt/, Python's enable_threads().
    const threads = Object.fromEntries(
      ['threads', 'threadCount', 'threadsReason', 'pyThreads', 'pyThreadCount', 'pyThreadsReason'].map((k) => [k, pageEnv[k] ?? null]),
    );
    return { results, boundary, env: { ...env, ...threads, browser: `Chromium ${browser.version()}` } };
  } finally {
    await browser.close();
    await server.close();
  }
}

const ms = (x) => {
  if (x == null || !Number.isFinite(x)) return '–';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  if (x >= 0.1) return x.toFixed(2);
  return x.toFixed(4);
};
const ratio = (slow, fast) => (slow > 0 && fast > 0 ? slow / fast : null);
const times = (r) => (r == null ? '–' : `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)}×`);
const medianOf = (xs) => {
  const s = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Families whose numpy equivalent streams over arrays it reads in place: compared with resident arrays. */
export const STREAMING = ['stats', 'dot', 'cumsum'];

/** A peer as it goes into a row: what the tables and the targets read. */
function peerSummary(p) {
  if (!p) return null;
  const { name, precision, approximate, median, speedup, versus, agree, error, where } = p;
  return { name, precision, approximate, median, speedup, versus, agree, error, where: where ?? 'browser', na: p.na };
}

/**
 * One row per family and size, with every implementation's median and the ratios. `otherResults`
 * are the native Rust and numpy rows ({ family, size, impl: 'native' | 'numpy' | 'numpy-f32', … }).
 */
export function buildRows(browserResults, otherResults, { sizes, families }) {
  const key = (r) => `${r.family}/${r.size}/${r.impl}`;
  const all = new Map([...browserResults, ...otherResults].map((r) => [key(r), r]));
  const rows = [];
  for (const familyId of families) {
    for (const size of sizes) {
      const get = (impl) => all.get(`${familyId}/${size}/${impl}`);
      const med = (impl) => (get(impl)?.error ? null : get(impl)?.median ?? null);
      const native = get('native');
      const wasm = get('wasm-js');
      const nativeAgrees =
        native && wasm?.summary ? summariesAgree(familyId, wasm.summary, native.summary) : null;
      // Every implementation that must run agrees, and so does every optional one that ran (the
      // threads columns, where the browser has them); fastwasm from Python with threads must also
      // be bit for bit its single-threaded result.
      const browserAgree =
        IMPLS.filter((i) => !i.optional && !skipReason(familyId, size, i.id)).every((i) => get(i.id)?.agree === true) &&
        IMPLS.filter((i) => i.optional && !i.peer && get(i.id)).every((i) => get(i.id).agree === true) &&
        (!get('wasm-py-mt') || get('wasm-py-mt').identical === true);
      // The kernel comparison uses the resident-array timing (no per-call copy from a JS array, as
      // native has none); the call from JS is reported too.
      const kernel = med('wasm-js-resident') ?? med('wasm-js');
      const peer = get('peer')?.peer ?? null;
      const peers = (peer?.peers ?? []).map(peerSummary);
      const timedPeers = peers.filter((p) => p.speedup != null);
      // numpy reads its arrays in place: streaming kernels are compared with resident arrays, the
      // others with the ordinary call (its copy included).
      const vsNumpy = STREAMING.includes(familyId) ? kernel : med('wasm-js');
      const numpy = get('numpy');
      const numpyAgrees = numpy && wasm?.summary ? summariesAgree(familyId, wasm.summary, numpy.summary) : null;
      const n = familyOf(familyId).sizes[size].n;
      rows.push({
        family: familyId,
        label: familyOf(familyId).label,
        size,
        medians: Object.fromEntries([
          ...IMPLS.map((i) => [i.id, med(i.id)]),
          ...['native', 'numpy', 'numpy-f32', 'fastwasm-native', 'fastwasm-native-threads'].map((i) => [i, med(i)]),
          ['wasm-js-f32', peer?.fastwasm?.f32?.median ?? null],
        ]),
        skipped: Object.fromEntries(IMPLS.map((i) => [i.id, skipReason(familyId, size, i.id)]).filter(([, r]) => r)),
        peer: peerSummary(peer?.best),
        peers,
        peerMinSpeedup: timedPeers.length ? Math.min(...timedPeers.map((p) => p.speedup)) : null,
        peersAgree: timedPeers.every((p) => p.agree || p.approximate),
        fastwasmError: peer?.fastwasm?.f64?.error ?? null,
        fastwasmF32: peer?.fastwasm?.f32 ? { median: peer.fastwasm.f32.median, returns: peer.fastwasm.f32.returns, error: peer.fastwasm.f32.error } : null,
        wasmVsNumpy: ratio(vsNumpy, med('numpy')),
        numpyCompare: STREAMING.includes(familyId) ? 'resident' : 'call',
        gflops: familyId === 'matmul' && med('wasm-js') ? (2 * n ** 3) / (med('wasm-js') * 1e6) : null,
        pyVsJs: ratio(med('wasm-py'), med('wasm-js')),
        wasmVsNative: ratio(kernel, med('native')),
        callVsNative: ratio(med('wasm-js'), med('native')),
        wasmVsJs: ratio(med('js'), med('wasm-js')),
        residentVsJs: ratio(med('js'), med('wasm-js-resident')),
        wasmPyVsPy: ratio(med('py'), med('wasm-py')),
        mtVsSt: ratio(med('wasm-js'), med('wasm-js-mt')),
        pyMtVsSt: ratio(med('wasm-py'), med('wasm-py-mt')),
        pyMtIdentical: get('wasm-py-mt')?.identical ?? null,
        agree: browserAgree && nativeAgrees !== false && numpyAgrees !== false,
      });
    }
  }
  return rows;
}

/** The kernels on which native fastwasm is to match numpy single-threaded (numpy is not BLAS-bound there). */
export const MATCH_NUMPY = ['median', 'quantile', 'var', 'histogram', 'unique', 'convolve', 'cumsum', 'grayscale', 'blur', 'levenshtein'];


/** What numpy's column holds where numpy has no function of that name. */
const NUMPY_NOTE = {
  blur: 'numpy separable convolution',
};

/** Whether two result summaries agree: the suite's rule for its families, relative 1e-9 for the native-only ones. */
function agreeSummaries(familyId, a, b) {
  if (!NATIVE_IDS.includes(familyId)) return summariesAgree(familyId, a, b);
  if (!a || !b) return false;
  if ('value' in a || 'value' in b) return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
  return a.len === b.len && Math.abs(a.sum - b.sum) <= 1e-9 * Math.max(1, Math.abs(a.sum));
}

/**
 * One row per family (the suite's and the native-only ones) and size for the native CPython table:
 * numpy, fastwasm native (1 thread, 2 threads), the native Rust kernel alone, and the baseline
 * fastwasm native is held against (numpy, or the PyPI peer where numpy has no function), with the
 * ratios: fastwasm native / baseline, fastwasm native / native Rust (the cost of the Python layer
 * and its conversions), and the threads speed-up.
 */
export function buildNativeRows(results, { sizes, families }) {
  const all = new Map(results.map((r) => [`${r.family}/${r.size}/${r.impl}`, r]));
  const rows = [];
  for (const family of families) {
    for (const size of sizes) {
      const get = (impl) => all.get(`${family}/${size}/${impl}`);
      const med = (impl) => (get(impl)?.error ? null : get(impl)?.median ?? null);
      if (!get('fastwasm-native') && !get('numpy') && !get('python-peer')) continue;
      const baselineImpl = get('numpy') ? 'numpy' : get('python-peer') ? 'python-peer' : null;
      const baseline = baselineImpl && {
        name: baselineImpl === 'numpy' ? NUMPY_NOTE[family] ?? 'numpy' : get('python-peer').name,
        median: med(baselineImpl),
      };
      // The reference is the native Rust kernel's result (or, without it, fastwasm from JS's).
      const reference = (get('native') ?? get('wasm-js'))?.summary;
      const checked = ['fastwasm-native', 'fastwasm-native-threads', baselineImpl].map(get).filter((r) => r?.summary);
      rows.push({
        family,
        label: labelOf(family),
        size,
        medians: Object.fromEntries(['native', 'numpy', 'fastwasm-native', 'fastwasm-native-threads', 'python-peer'].map((i) => [i, med(i)])),
        baseline,
        vsBaseline: ratio(med('fastwasm-native'), baseline?.median),
        vsRust: ratio(med('fastwasm-native'), med('native')),
        threads: ratio(med('fastwasm-native'), med('fastwasm-native-threads')),
        agree: reference ? checked.every((r) => agreeSummaries(family, reference, r.summary)) : null,
      });
    }
  }
  return rows;
}

/** The native CPython table (Markdown). */
export function nativeTable(rows) {
  const head =
    '| kernel | size | compared with | its time | fastwasm native | fastwasm native / it | native Rust kernel | fastwasm native / native Rust | fastwasm native, 2 threads | threads speed-up | agree |';
  const rule = '|---|---|---|--:|--:|--:|--:|--:|--:|--:|:-:|';
  const lines = rows.map((r) => {
    const m = r.medians;
    const agree = r.agree == null ? '–' : r.agree ? '✓' : '✗';
    return `| ${r.label} | ${r.size} | ${r.baseline?.name ?? 'none'} | ${ms(r.baseline?.median)} | ${ms(m['fastwasm-native'])} | ${times(r.vsBaseline)} | ${ms(m.native)} | ${times(r.vsRust)} | ${ms(m['fastwasm-native-threads'])} | ${times(r.threads)} | ${agree} |`;
  });
  return [head, rule, ...lines].join('\n');
}

/** A time, or why there is none ("skipped (would take ~4 min)"). */
function cell(r, impl) {
  if (r.skipped?.[impl]) return `skipped (${/would take [^(]*/.exec(r.skipped[impl])?.[0].trim() ?? 'too slow'})`;
  return ms(r.medians[impl]);
}

function peerError(e) {
  if (!e) return '–';
  if ('maxByte' in e) return `±${e.maxByte}`;
  if ('equal' in e) return e.equal ? 'exact' : 'differs';
  if ('lengthMismatch' in e) return 'length differs';
  return e.maxAbs === 0 ? 'exact' : `${e.maxRel.toExponential(1)} rel`;
}

/** "name 12.3 ms (f32, ±3)" for the best peer of a row; "none" without one. */
function peerCell(r) {
  if (!r.peer) return r.peers.length ? 'n/a' : 'none';
  const p = r.peer;
  const agree = p.agree ? '' : p.approximate ? ', approximate' : ', DIFFERS';
  return `${p.name} (${p.precision}${agree}, error ${peerError(p.error)})`;
}

export function markdownTable(rows) {
  const head =
    '| kernel | size | native Rust | numpy | fastwasm native | fastwasm (JS, resident) | fastwasm (JS) | fastwasm (JS, Float32Array in) | JS | fastwasm (JS, threads) | best npm library | its time | npm / fastwasm | pure Python | fastwasm (Python) | fastwasm (Python, threads) | Python threads speed-up | wasm / native | fastwasm / numpy | JS / wasm | Python / wasm-Py | from Python / from JS | agree |';
  const rule = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|';
  const lines = rows.map((r) => {
    const m = r.medians;
    return `| ${r.label} | ${r.size} | ${ms(m.native)} | ${ms(m.numpy)} | ${ms(m['fastwasm-native'])} | ${ms(m['wasm-js-resident'])} | ${ms(m['wasm-js'])} | ${ms(m['wasm-js-f32'])} | ${cell(r, 'js')} | ${ms(m['wasm-js-mt'])} | ${peerCell(r)} | ${ms(r.peer?.median)} | ${times(r.peer?.speedup)} | ${cell(r, 'py')} | ${ms(m['wasm-py'])} | ${ms(m['wasm-py-mt'])} | ${times(r.pyMtVsSt)} | ${times(r.wasmVsNative)} | ${times(r.wasmVsNumpy)} | ${times(r.wasmVsJs)} | ${times(r.wasmPyVsPy)} | ${times(r.pyVsJs)} | ${r.agree ? '✓' : '✗'} |`;
  });
  return [head, rule, ...lines].join('\n');
}

/** Every peer of every row: time, precision, speed-up of fastwasm over it, agreement, error against the exact answer. */
export function peersTable(rows) {
  const lines = [];
  for (const r of rows) {
    for (const p of r.peers) {
      const status = p.na ? `n/a: ${p.na}` : p.agree ? 'agrees' : p.approximate ? 'approximate' : 'DIFFERS';
      lines.push(`| ${r.label} | ${r.size} | ${p.name} | ${p.precision} | ${p.where ?? 'browser'} | ${ms(p.median)} | ${times(p.speedup)} (vs fastwasm ${p.versus ?? '–'}) | ${status} | ${peerError(p.error)} |`);
    }
  }
  return [
    '| kernel | size | library | computes in | timed in | ms | fastwasm speed-up | vs fastwasm | error vs exact |',
    '|---|---|---|---|---|--:|--:|---|--:|',
    ...lines,
  ].join('\n');
}

/**
 * The goals of the performance work, each with its measured value and whether it is met in this
 * run (`met` null when nothing was measured for it), and whether that depends on the machine
 * (`machine`: every timing does; the blur's accuracy does not).
 */
export function targets(rows, summaries, boundary, nativeRows = []) {
  const at = (sizes) => rows.filter((r) => sizes.includes(r.size));
  const big = at(['large', 'xl']);
  const sizeOf = (size) => summaries.find((x) => x.size === size) ?? {};
  const list = [];
  const add = (goal, values, test, show = (x) => `${x.label} ${x.size} ${times(x.value)}`, machine = true) => {
    const measured = values.filter((x) => x.value != null && Number.isFinite(x.value));
    const failing = measured.filter((x) => !test(x.value));
    list.push({
      goal,
      machine,
      met: measured.length ? failing.length === 0 : null,
      measured: !measured.length ? 'not measured' : failing.length ? `missed: ${failing.map(show).join(', ')}` : `all ${measured.length} met` +
        (measured.length <= 4 ? ` (${measured.map(show).join(', ')})` : ''),
    });
  };
  const v = (r, value) => ({ label: r.label, size: r.size, value });
  add('ahead of the best npm library in every row at large and xl', big.map((r) => v(r, r.peerMinSpeedup)), (x) => x >= 1);
  add('within 2× of numpy on every kernel at large and xl (not matmul; streaming kernels with resident arrays)',
    big.filter((r) => r.family !== 'matmul').map((r) => v(r, r.wasmVsNumpy)), (x) => x <= 2);
  add('matmul: ≥ 12 GFLOP/s in float64 at large and xl', big.filter((r) => r.family === 'matmul').map((r) => v(r, r.gflops)), (x) => x >= 12,
    (x) => `${x.size} ${x.value.toFixed(1)} GFLOP/s`);
  add('matmul: beats tfjs-backend-wasm in float32 at large and xl',
    big.filter((r) => r.family === 'matmul').map((r) => v(r, r.peers.find((p) => /tfjs/.test(p.name))?.speedup)), (x) => x >= 1);
  add('threads ≥ 1.7× at xl for matmul, mandelbrot, blur and sort',
    at(['xl']).filter((r) => THREADED.includes(r.family)).map((r) => v(r, r.mtVsSt)), (x) => x >= 1.7);
  add('Python threads ≥ 1.7× at xl for matmul, mandelbrot, blur and sort',
    at(['xl']).filter((r) => THREADED.includes(r.family)).map((r) => v(r, r.pyMtVsSt)), (x) => x >= 1.7);
  for (const size of ['large', 'xl']) {
    const s = sizeOf(size);
    add(`fastwasm (JS) vs JS ≥ 3× (median over the kernels, ${size})`, [{ label: 'median', size, value: s.wasmVsJs }], (x) => x >= 3);
    add(`fastwasm (Python) vs pure Python ≥ 100× (median over the kernels, ${size}${size === 'xl' ? ', where pure Python runs' : ''})`,
      [{ label: 'median', size, value: s.wasmPyVsPy }], (x) => x >= 100);
    add(`wasm / native ≤ 1.15× (median over the kernels, inputs in wasm memory, ${size})`, [{ label: 'median', size, value: s.wasmVsNative }], (x) => x <= 1.15);
  }
  add('from Python ≤ 1.2× the same kernel from JS, every kernel at large and xl', big.map((r) => v(r, r.pyVsJs)), (x) => x <= 1.2);
  add('blur within ±1 level of the exact Gaussian', rows.filter((r) => r.family === 'blur').map((r) => v(r, r.fastwasmError?.maxByte)), (x) => x <= 1,
    (x) => `${x.size} ±${x.value}`, false);
  add('resident arrays vs JS ≥ 2× for sum/mean/var and dot at large',
    at(['large']).filter((r) => ['stats', 'dot'].includes(r.family)).map((r) => v(r, r.residentVsJs)), (x) => x >= 2);
  const nativeBig = nativeRows.filter((r) => ['large', 'xl'].includes(r.size));
  add(`fastwasm native ≤ numpy, single-threaded, at large and xl: ${MATCH_NUMPY.join(', ')} (blur against a numpy separable convolution, levenshtein against rapidfuzz)`,
    nativeBig.filter((r) => MATCH_NUMPY.includes(r.family)).map((r) => v(r, r.vsBaseline)), (x) => x <= 1);
  add('fastwasm native, 2 threads ≥ 1.7× 1 thread at xl for matmul, mandelbrot, blur and sort',
    nativeRows.filter((r) => r.size === 'xl' && THREADED.includes(r.family)).map((r) => v(r, r.threads)), (x) => x >= 1.7);
  if (boundary) {
    add('fixed cost of a Python call ≤ 1.5× a bare Pyodide → JS no-op', [{ label: 'ratio', size: '', value: boundary.fixed_cost_ratio }], (x) => x <= 1.5,
      (x) => `${x.value.toFixed(1)}× (${boundary.sum1_us.toFixed(2)} µs vs ${boundary.noop_us.toFixed(2)} µs)`);
    add('1 Mi float64 from Python into wasm ≥ 10 GB/s', [{ label: 'copy in', size: '', value: boundary.copy_in_gbps }], (x) => x >= 10,
      (x) => `${x.value.toFixed(1)} GB/s`);
  }
  return list;
}

/** The targets as a Markdown table: met or not on `cpu` in this run, and whether that varies by machine. */
export function targetsTable(list, cpu = 'this machine') {
  const mark = (met) => (met == null ? '–' : met ? '✓' : '✗');
  return [
    `| target | measured on ${cpu} in this run | met in this run | varies by machine |`,
    '|---|---|:-:|:-:|',
    ...list.map((t) => `| ${t.goal} | ${t.measured} | ${mark(t.met)} | ${t.machine ? 'yes' : 'no'} |`),
  ].join('\n');
}

/**
 * What the docs say about how far the figures hold: one machine, one run; which targets depend on
 * the machine and which of those this run met.
 */
export function honestyNote(report) {
  const cpu = report.cpu;
  const met = report.targets.filter((t) => t.machine && t.met === true).length;
  const missed = report.targets.filter((t) => t.machine && t.met === false).length;
  return `Every figure here comes from one run on ${cpu} (${report.cores} cores, ${report.env.browser}) and
describes that machine in that run. Ratios vary by machine as well as absolute times do: the CPU's
vector units and caches, its memory bandwidth, the number of cores and the browser version all
move them. A ✓ in the targets below means "met on ${cpu} in this run", not "met on any machine":
of the ${met + missed} targets that depend on the machine, this run met ${met} and missed ${missed}.
Only the blur's accuracy holds everywhere. "How much the figures vary between machines" in
docs/performance.md gives a second machine's figures.`;
}

/** Medians over the families of the ratios at one size (the issue's targets use the large size). */
export function ratioSummary(rows, size) {
  const at = rows.filter((r) => r.size === size);
  return {
    size,
    wasmVsNative: medianOf(at.map((r) => r.wasmVsNative)),
    callVsNative: medianOf(at.map((r) => r.callVsNative)),
    wasmVsJs: medianOf(at.map((r) => r.wasmVsJs)),
    residentVsJs: medianOf(at.map((r) => r.residentVsJs)),
    wasmPyVsPy: medianOf(at.map((r) => r.wasmPyVsPy)),
    mtVsSt: medianOf(at.map((r) => r.mtVsSt)),
    pyMtVsSt: medianOf(at.map((r) => r.pyMtVsSt)),
    wasmVsNumpy: medianOf(at.map((r) => r.wasmVsNumpy)),
    pyVsJs: medianOf(at.map((r) => r.pyVsJs)),
    peerSpeedup: medianOf(at.map((r) => r.peerMinSpeedup)),
  };
}

/** The CPU's model name, as /proc/cpuinfo gives it. */
function cpuName() {
  return os.cpus()[0]?.model?.trim() ?? 'unknown CPU';
}

function machine() {
  const cpu = cpuName();
  // The load average says whether other work shared the cores during the run.
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, ` +
    `load average ${os.loadavg()[0].toFixed(1)} at the end`;
}

/** The docs' section on native CPython: what is compared, how, and the table. */
function nativeSection(report) {
  const fw = report.fastwasmNative ? `fastwasm ${report.fastwasmNative}` : 'fastwasm (native wheel not built in this run)';
  return `## fastwasm native on CPython

The native fastwasm package (\`fastwasm.backend == "native"\`: the same kernels in a PyO3 extension,
${fw}) called from CPython ${report.pythonVersion ?? ''} on ${report.cpu}, as a numpy user calls it: the
same numpy arrays numpy gets (numpy in, numpy out; float64 and uint8 arrays are read in place),
timed with the same rules (\`www/bench_timing.py\`). numpy, fastwasm native and the PyPI peers run in
one process of one venv (\`build/bench-venv\`: numpy ${report.numpyVersion ?? '(not run)'}, rapidfuzz, the native wheel of
\`python/dist/\`), interleaved (\`scripts/bench_native.py\`: three rounds, each timing every one in
turn; each one's samples of the three rounds pooled), single-threaded: \`RAYON_NUM_THREADS=1\`,
\`OPENBLAS_NUM_THREADS=1\`, with \`OPENBLAS_CORETYPE\` and \`OPENBLAS_L2_SIZE\` unset. "fastwasm native,
2 threads" is the same call on the kernels that split their work over rayon's pool (${THREADED.join(', ')}), in a
second process with \`RAYON_NUM_THREADS=2\` on the ${report.cores} cores of this machine, which other work shared
during the run (see the load average above).

Besides the suite's families, the table has the native-only families, timed natively only (on the
floats of "sum / mean / var", at its sizes): ${NATIVE_FAMILIES.map((f) => `${f.label} (${f.describe})`).join('; ')}.
numpy has no Gaussian blur and scipy (\`scipy.ndimage.gaussian_filter\`) is not installed: the
blur's "numpy" is the separable convolution a numpy user writes (\`gaussian_blur\` in
\`scripts/bench_numpy.py\`: fastwasm's weights, edges and rounding; a Python loop over the taps, whole-array
operations in float64). numpy has no edit distance: levenshtein is compared with rapidfuzz, the
fastest Levenshtein distance on PyPI we know of. Mandelbrot, primes and word counts have neither.
"native Rust kernel" is the kernel alone (\`cargo bench --bench native\`, baseline x86-64), so
"fastwasm native / native Rust" is what the Python layer costs: argument checks, reading the
inputs, making the result objects (a list of ints for mandelbrot and primes, as documented).
"agree": fastwasm native (and its 2-thread run, and numpy or the peer) match the native Rust
kernel's result (${TOLERANCE.rel} relative; images ±${TOLERANCE.bytes} level).

${nativeTable(report.nativeRows ?? [])}`;
}

function writeDocs(file, report) {
  const text = `# Benchmarks

Last run: ${report.date} on ${report.machine} · ${report.env.browser} (headless) ·
Node ${report.node} · \`rustc\` ${report.rustc}.

Reproduce with \`make bench\` (\`node scripts/bench.mjs --docs docs/benchmarks.md\`): it drives the
demo page in headless Chromium through every kernel family at four sizes (small to xl), runs the same kernels
natively (\`cargo bench -p fastwasm-kernels --bench native\`, baseline x86-64), prints this table and writes
\`bench/results.json\`. Times are medians in milliseconds after a warm-up call (at least 3 timed
runs, more within a 0.5 s budget; min–max are in the JSON). Ratios are within this one run, and
timings on a machine shared with other work are noisy, so read them as ratios, not absolutes.

${honestyNote(report)}

"agree" means every browser implementation matched fastwasm-from-JS within the stated tolerance,
fastwasm from Python with threads was bit for bit its single-threaded result, and the native result
matched its summary.

Inputs: JavaScript and fastwasm-from-JS get typed arrays; pure Python gets lists/str/bytearray
(idiomatic code without numpy); fastwasm-from-Python gets \`array.array('d')\`/\`bytearray\`/\`str\`
(one copy into wasm memory). "fastwasm (JS, resident arrays)" calls the same exports on
resident arrays made once from the inputs (\`array()\`; \`residentCalls\` in \`www/wasm-calls.js\`),
copying array results out: the kernel without the per-call copy of its inputs, which is what
"wasm / native" compares (native Rust has no copy either) and what a user gets by keeping data in
wasm memory; families without float64 inputs are timed as fastwasm (JS).
See \`www/suite.js\` for the sizes and generators. At xl, pure Python is skipped where one task
would take minutes (the cell says how long).

"numpy" is numpy ${report.numpyVersion ?? '(not run)'} from PyPI, native on this machine (not in the
browser), single-threaded (\`OPENBLAS_NUM_THREADS=1\`), with \`OPENBLAS_CORETYPE\` and
\`OPENBLAS_L2_SIZE\` unset (numpy's calls in \`scripts/bench_numpy.py\`, timed by
\`scripts/bench_native.py\`, same inputs through \`www/bench_inputs.py\`, same timing rules; the
blur's is a numpy separable convolution). "fastwasm native" is the native fastwasm package called
from CPython on the same numpy arrays, timed interleaved with numpy (see "fastwasm native on
CPython" below). "fastwasm / numpy" compares numpy with fastwasm from JS:
with resident arrays for the streaming kernels (sum/mean/var, dot: numpy reads its arrays in place),
with the ordinary call (its copy included) for the others. "best npm library" is, of the npm
libraries a JS developer would use (\`www/peers.js\`, versions pinned in \`package.json\`), the one
fastwasm beats by the least, timed interleaved with fastwasm in the page's JS worker (photon, a Node
build, in Node); against a float32 library fastwasm gets \`Float32Array\` inputs ("fastwasm (JS,
Float32Array in)"). "from Python / from JS" is fastwasm called from Pyodide over fastwasm called from
JS: the cost of the Python boundary.

"fastwasm (Python, threads)" is the same Python worker once it has timed everything single-threaded
and called \`await fastwasm.enable_threads()\`: a pool of one Web Worker per logical core the browser
reports (${report.env.hardwareConcurrency ?? 'navigator.hardwareConcurrency'} here) sharing the module's memory, which cannot be stopped again${report.env.pyThreads === false ? ` (in this run it returned False: ${report.env.pyThreadsReason})` : ''}. It times
the kernels that split their work over threads (${THREADED.map(labelOf).join(', ')}; – for the others);
"Python threads speed-up" is fastwasm (Python) over it: the same calls on the same inputs, timed
in that one worker, with the making of their Python results (lists, buffers) included in both; the
single-threaded timings of those kernels are taken last before the pool starts and the threaded
ones first after it, in the mirror order, so the two timings of a kernel at xl are seconds apart.

${report.markdown}

${nativeSection(report)}

Every npm library, with its error against the exact answer (float64 reference: the definition in
\`www/baselines.js\`; for blur, the maximum byte difference from the exact Gaussian):

${peersTable(report.rows)}

Medians over the kernel families of the ratios on ${report.cpu} in this run (lower is better for wasm / native,
JS call / native, fastwasm / numpy and from Python / from JS; higher for the others):

| size | wasm / native | JS call / native | fastwasm / numpy | JS / fastwasm (JS) | JS / fastwasm (JS, resident) | pure Python / fastwasm (Python) | from Python / from JS | npm / fastwasm | threads speed-up | Python threads speed-up |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
${report.summaries.map((x) => `| ${x.size} | ${times(x.wasmVsNative)} | ${times(x.callVsNative)} | ${times(x.wasmVsNumpy)} | ${times(x.wasmVsJs)} | ${times(x.residentVsJs)} | ${times(x.wasmPyVsPy)} | ${times(x.pyVsJs)} | ${times(x.peerSpeedup)} | ${times(x.mtVsSt)} | ${times(x.pyMtVsSt)} |`).join('\n')}

Targets, on ${report.cpu} in this run:

${targetsTable(report.targets, report.cpu)}

Python → wasm boundary on ${report.cpu}, measured in the same run (\`boundary()\` in \`www/bench.py\`, in the Python worker):

| bare Pyodide → JS no-op call | \`fastwasm.sum\` of 1 element | ratio | 1 Mi float64 into wasm | 1 Mi float64 result back |
|--:|--:|--:|--:|--:|
| ${report.boundary.noop_us.toFixed(2)} µs | ${report.boundary.sum1_us.toFixed(2)} µs | ${report.boundary.fixed_cost_ratio.toFixed(1)}× | ${report.boundary.copy_in_gbps.toFixed(1)} GB/s | ${report.boundary.copy_out_gbps.toFixed(1)} GB/s |
`;
  fs.mkdirSync(path.dirname(path.resolve(ROOT, file)), { recursive: true });
  fs.writeFileSync(path.resolve(ROOT, file), text);
}

/** The shipped .wasm files' sizes, raw and gzipped (-9): the single-threaded build and, if built, pkg-mt/. */
function wasmSizes() {
  const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  return [
    ['single-threaded', 'pkg/fastwasm_bg.wasm'],
    ['multi-threaded', 'pkg-mt/fastwasm_bg.wasm'],
  ]
    .map(([build, file]) => [build, file, path.join(ROOT, file)])
    .filter(([, , abs]) => fs.existsSync(abs))
    .map(([build, file, abs]) => ({ build, file, raw: fs.statSync(abs).size, gzip: gz(abs) }));
}

/**
 * Rewrites the generated part of docs/performance.md (between the bench markers): the per-kernel
 * ratios at the large size, the summary against the targets, the boundary costs and the sizes.
 */
function writePerformance(file, report) {
  const abs = path.resolve(ROOT, file);
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const doc = fs.readFileSync(abs, 'utf8');
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file} has no ${start} … ${end} region`);
  const sizes = (report.wasmSizes ?? wasmSizes()).map(
    (w) => `| ${w.build} \`${w.file}\` | ${w.raw.toLocaleString('en-US')} B | ${w.gzip.toLocaleString('en-US')} B |`,
  );
  const big = report.rows.filter((r) => ['large', 'xl'].includes(r.size));
  const generated = `${start}
Generated by \`make bench\` on ${report.date.slice(0, 10)} · ${report.machine} · ${report.env.browser} (headless) · numpy ${report.numpyVersion ?? '(not run)'}.
Medians in ms at the large and xl sizes on ${report.cpu}; ratios within this run (see docs/benchmarks.md for every size and every npm library).

${honestyNote(report)}

| kernel | size | native | numpy | fastwasm native | fastwasm (JS, resident) | fastwasm (JS) | f32 in | best npm library | npm / fastwasm | fastwasm / numpy | wasm / native | JS / wasm | Python / wasm-Py | from Python / from JS | threads speed-up | Python threads speed-up |
|---|---|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|
${big
  .map((r) => {
    const m = r.medians;
    return `| ${r.label} | ${r.size} | ${ms(m.native)} | ${ms(m.numpy)} | ${ms(m['fastwasm-native'])} | ${ms(m['wasm-js-resident'])} | ${ms(m['wasm-js'])} | ${ms(m['wasm-js-f32'])} | ${r.peer ? `${r.peer.name} ${ms(r.peer.median)}` : 'none'} | ${times(r.peer?.speedup)} | ${times(r.wasmVsNumpy)} | ${times(r.wasmVsNative)} | ${times(r.wasmVsJs)} | ${times(r.wasmPyVsPy)} | ${times(r.pyVsJs)} | ${times(r.mtVsSt)} | ${times(r.pyMtVsSt)} |`;
  })
  .join('\n')}

fastwasm native on CPython ${report.pythonVersion ?? ''} against numpy (or the PyPI peer where numpy has none) and the native Rust kernel, single-threaded, and with 2 threads (see docs/benchmarks.md for how):

${nativeTable((report.nativeRows ?? []).filter((r) => ['large', 'xl'].includes(r.size)))}

${targetsTable(report.targets, report.cpu)}

| build | raw | gzip |
|---|--:|--:|
${sizes.join('\n')}
${end}`;
  fs.writeFileSync(abs, doc.slice(0, i) + generated + doc.slice(j + end.length));
}

function writeReportDocs(args, report) {
  if (args.docs) {
    writeDocs(args.docs, report);
    console.log(`wrote ${args.docs}`);
  }
  if (args.performance) {
    writePerformance(args.performance, report);
    console.log(`wrote ${args.performance}`);
  }
}

/**
 * A stored report (bench/results.json) with its rows, ratios and targets computed again from its raw
 * results under today's rules. Reports from before the machine facts were stored get them from the
 * machine line (the CPU, the cores) or from here (Node's version; the .wasm sizes, from pkg/).
 */
export function reportFromResults(stored) {
  const { sizes, families, results, boundary } = stored;
  const nativeFamilies = stored.nativeFamilies ?? [];
  const rows = buildRows(results, [], { sizes, families });
  const nativeRows = buildNativeRows(results, { sizes, families: [...families, ...nativeFamilies] });
  const summaries = sizes.map((size) => ratioSummary(rows, size));
  return {
    ...stored,
    cpu: stored.cpu ?? stored.machine.split(',')[0].trim(),
    cores: stored.cores ?? Number(/(\d+) cores/.exec(stored.machine)?.[1] ?? NaN),
    node: stored.node ?? process.version,
    nativeFamilies,
    rows,
    nativeRows,
    summaries,
    summary: summaries.at(-1),
    targets: targets(rows, summaries, boundary, nativeRows),
    markdown: markdownTable(rows),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: node scripts/bench.mjs [--sizes small,medium,large,xl] [--families a,b] [--out FILE] [--docs FILE] [--performance FILE] [--no-native] [--no-numpy] [--no-node-peers]');
    console.log('       node scripts/bench.mjs --from-results bench/results.json [--docs FILE] [--performance FILE]');
    return;
  }
  if (args.fromResults) {
    const report = reportFromResults(JSON.parse(fs.readFileSync(path.resolve(ROOT, args.fromResults), 'utf8')));
    console.error(`==> docs from ${args.fromResults} (run of ${report.date} on ${report.cpu}); nothing is run`);
    writeReportDocs(args, report);
    return;
  }
  const started = Date.now();
  const native = args.native ? runNative(args) : [];
  const cpython = args.numpy ? runCPython(args) : { rows: [], version: null, fastwasm: null };
  const nodePeers = args.nodePeers ? await runNodePeers(args) : [];
  const { results: pageResults, env, boundary } = await runBrowser(args);
  const results = mergePeers(pageResults, nodePeers);
  // The browser's results carry their values only in the page; the summary rule (length and sum,
  // or the value) is applied there too, so native and numpy agreement can be checked here.
  const rows = buildRows(results, [...native, ...cpython.rows], args);
  const nativeRows = buildNativeRows([...results, ...native, ...cpython.rows], { sizes: args.sizes, families: [...args.families, ...args.nativeFamilies] });
  const markdown = markdownTable(rows);
  const summaries = args.sizes.map((size) => ratioSummary(rows, size));
  let rustc = '';
  try {
    rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim().replace(/^rustc /, '');
  } catch {
    rustc = 'unknown';
  }
  const report = {
    date: new Date().toISOString(),
    machine: machine(),
    cpu: cpuName(),
    cores: os.cpus().length,
    node: process.version,
    wasmSizes: wasmSizes(),
    env,
    rustc,
    sizes: args.sizes,
    families: args.families,
    nativeFamilies: args.nativeFamilies,
    rows,
    nativeRows,
    summaries,
    summary: summaries.at(-1),
    boundary,
    numpyVersion: cpython.version,
    fastwasmNative: cpython.fastwasm,
    pythonVersion: cpython.python,
    targets: targets(rows, summaries, boundary, nativeRows),
    results: [...results, ...native, ...cpython.rows],
    markdown,
    seconds: (Date.now() - started) / 1000,
  };
  console.log(markdown);
  console.log('');
  console.log(nativeTable(nativeRows));
  console.log('');
  console.log(targetsTable(report.targets, report.cpu));
  console.log('');
  for (const x of summaries) {
    console.log(
      `median ratios at ${x.size}: wasm/native ${times(x.wasmVsNative)}, JS/wasm ${times(x.wasmVsJs)}, ` +
        `pure Python/wasm-Py ${times(x.wasmPyVsPy)}, threads ${times(x.mtVsSt)}, Python threads ${times(x.pyMtVsSt)}`,
    );
  }
  console.log(
    `Python → wasm boundary: no-op JS call ${boundary.noop_us.toFixed(2)} µs, fastwasm.sum of 1 element ` +
      `${boundary.sum1_us.toFixed(2)} µs (${boundary.fixed_cost_ratio.toFixed(1)}× the no-op), ` +
      `1 Mi float64 in ${boundary.copy_in_gbps.toFixed(1)} GB/s, out ${boundary.copy_out_gbps.toFixed(1)} GB/s`,
  );
  const out = path.resolve(ROOT, args.out);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(report, null, 2));
  console.log(`\nwrote ${path.relative(ROOT, out)} in ${report.seconds.toFixed(0)} s`);
  writeReportDocs(args, report);
  if (rows.some((r) => !r.agree) || nativeRows.some((r) => r.agree === false)) {
    console.error('some results disagree (✗ above)');
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.stack || err.message);
    process.exit(1);
  });
}
