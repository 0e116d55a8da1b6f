// The harness's rows and targets (scripts/bench.mjs) from a fake set of results: ratios, the numpy
// comparison (resident arrays for streaming kernels), the peers, skipped pure Python, the threads
// columns (from JS, from Python), the targets.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildRows, honestyNote, markdownTable, mergePeers, peersTable, ratioSummary, reportFromResults, targets, targetsTable,
} from '../../scripts/bench.mjs';

const timing = (family, size, impl, median, extra = {}) => ({ family, size, impl, median, agree: true, summary: { len: 3, sum: 1 }, ...extra });
const peerReport = (speedup, name = 'lib', extra = {}) => ({
  fastwasm: { f64: { median: 1, error: { maxByte: 1 } }, f32: null },
  peers: [{ name, precision: 'f64', median: speedup, speedup, versus: 'f64', agree: true, error: { maxAbs: 0, maxRel: 0 }, ...extra }],
  best: { name, precision: 'f64', median: speedup, speedup, versus: 'f64', agree: true, error: { maxAbs: 0, maxRel: 0 }, ...extra },
});

function fake() {
  const browser = [];
  const other = [];
  for (const [family, size] of [['dot', 'xl'], ['matmul', 'xl'], ['blur', 'xl']]) {
    browser.push(
      timing(family, size, 'js', 30), timing(family, size, 'wasm-js', 10), timing(family, size, 'wasm-js-resident', 5),
      timing(family, size, 'wasm-js-mt', 5), timing(family, size, 'wasm-py', 11),
    );
    // fastwasm from Python with threads: only on the kernels that use them (not dot).
    if (family === 'matmul') browser.push(timing(family, size, 'wasm-py-mt', 5.5, { identical: true }));
    if (family === 'blur') browser.push(timing(family, size, 'wasm-py-mt', 8, { identical: true }));
    if (family !== 'blur') browser.push(timing(family, size, 'py', 2000));
    other.push(timing(family, size, 'native', 4.5));
  }
  browser.push({ family: 'dot', size: 'xl', impl: 'peer', median: 20, peer: peerReport(4) });
  browser.push({ family: 'matmul', size: 'xl', impl: 'peer', median: 8, peer: peerReport(0.8, '@tensorflow/tfjs-backend-wasm tf.matMul') });
  browser.push({ family: 'blur', size: 'xl', impl: 'peer', median: 12, peer: peerReport(1.2, 'glur', { approximate: true, agree: false }) });
  other.push(timing('dot', 'xl', 'numpy', 2), timing('matmul', 'xl', 'numpy', 4));
  return { browser, other };
}

test('rows: ratios, numpy against resident arrays for dot and against the call for matmul, skipped pure Python', () => {
  const { browser, other } = fake();
  const rows = buildRows(browser, other, { sizes: ['xl'], families: ['dot', 'matmul', 'blur'] });
  const [dot, matmul, blur] = rows;
  assert.equal(dot.wasmVsJs, 3);
  assert.equal(dot.wasmVsNumpy, 2.5); // resident 5 ms vs numpy 2 ms
  assert.equal(dot.numpyCompare, 'resident');
  assert.equal(matmul.wasmVsNumpy, 2.5); // call 10 ms vs numpy 4 ms
  assert.ok(Math.abs(matmul.gflops - (2 * 1024 ** 3) / 1e7) < 1e-9);
  assert.equal(dot.pyVsJs, 1.1);
  assert.equal(dot.peer.name, 'lib');
  assert.equal(matmul.peerMinSpeedup, 0.8);
  assert.match(blur.skipped.py, /^skipped: would take/);
  assert.ok(blur.agree, 'a skipped implementation does not count as a disagreement');
  assert.match(markdownTable(rows), /skipped \(would take ~\d+ min\)/);
  assert.match(peersTable(rows), /\| glur \| f64 \| browser \|/);
  assert.equal(matmul.pyMtVsSt, 2);
  assert.equal(blur.pyMtVsSt, 11 / 8);
  assert.equal(dot.pyMtVsSt, null, 'dot has no threads column');
  assert.equal(matmul.pyMtIdentical, true);
  const head = markdownTable(rows).split('\n')[0].split('|').map((x) => x.trim());
  const line = markdownTable(rows).split('\n')[3].split('|').map((x) => x.trim());
  assert.equal(line[head.indexOf('fastwasm (Python, threads)')], '5.50');
  assert.equal(line[head.indexOf('Python threads speed-up')], '2.00×');
  assert.equal(ratioSummary(rows, 'xl').pyMtVsSt, (2 + 11 / 8) / 2, 'the median over the kernels with threads');
});

test('rows: a threads result that differs from one thread, or that disagrees, is not agreement', () => {
  const { browser, other } = fake();
  const families = { sizes: ['xl'], families: ['dot', 'matmul', 'blur'] };
  const differs = browser.map((r) => (r.impl === 'wasm-py-mt' && r.family === 'matmul' ? { ...r, identical: false } : r));
  assert.deepEqual(buildRows(differs, other, families).map((r) => r.agree), [true, false, true]);
  const unknown = browser.map((r) => (r.impl === 'wasm-py-mt' && r.family === 'blur' ? { ...r, identical: null } : r));
  assert.deepEqual(buildRows(unknown, other, families).map((r) => r.agree), [true, true, false]);
  const jsThreads = browser.map((r) => (r.impl === 'wasm-js-mt' && r.family === 'dot' ? { ...r, agree: false } : r));
  assert.deepEqual(buildRows(jsThreads, other, families).map((r) => r.agree), [false, true, true]);
  // Without the threads columns (a browser without SharedArrayBuffer) the rows still agree.
  const none = browser.filter((r) => !r.impl.endsWith('-mt'));
  assert.deepEqual(buildRows(none, other, families).map((r) => [r.agree, r.pyMtVsSt]), [[true, null], [true, null], [true, null]]);
});

test('targets: each goal with its measured value and ✓/✗', () => {
  const { browser, other } = fake();
  const rows = buildRows(browser, other, { sizes: ['xl'], families: ['dot', 'matmul', 'blur'] });
  const list = targets(rows, [ratioSummary(rows, 'xl')], { fixed_cost_ratio: 1.2, sum1_us: 1, noop_us: 0.8, copy_in_gbps: 12 });
  const goal = (text) => list.find((t) => t.goal.startsWith(text));
  assert.equal(goal('ahead of the best npm library').met, false);
  assert.match(goal('ahead of the best npm library').measured, /matmul xl 0\.80×/);
  assert.equal(goal('within 2× of numpy').met, false); // dot 2.5×; matmul is exempt
  assert.match(goal('within 2× of numpy').measured, /^missed: dot xl/);
  assert.equal(goal('matmul: ≥ 12 GFLOP/s').met, true);
  assert.equal(goal('matmul: beats tfjs').met, false);
  assert.equal(goal('threads ≥ 1.7×').met, true);
  assert.equal(goal('Python threads ≥ 1.7×').met, false, 'blur xl 1.38×');
  assert.equal(goal('Python threads ≥ 1.7×').measured, 'missed: gaussian blur xl 1.38×');
  assert.equal(goal('fastwasm (JS) vs JS ≥ 3× (median over the kernels, xl)').met, true);
  assert.equal(goal('fastwasm (JS) vs JS ≥ 3× (median over the kernels, large)').met, null);
  assert.equal(goal('from Python ≤ 1.2×').met, true);
  assert.equal(goal('blur within ±1 level').met, true);
  assert.equal(goal('fixed cost of a Python call').met, true);
  const table = targetsTable(list, 'Intel(R) Xeon(R) Processor');
  assert.match(table, /^\| target \| measured on Intel\(R\) Xeon\(R\) Processor in this run \| met in this run \| varies by machine \|$/m);
  assert.match(table, /\| ahead of the best npm library in every row at large and xl \| missed: .* \| ✗ \| yes \|/);
  assert.match(table, /\| blur within ±1 level of the exact Gaussian \| .* \| ✓ \| no \|/, 'accuracy does not depend on the machine');
  assert.match(table, /\| – \| yes \|$/m);
  assert.deepEqual(list.filter((t) => !t.machine).map((t) => t.goal), ['blur within ±1 level of the exact Gaussian']);
});

test('the docs say whose machine and which run: a met timing target is met there, not everywhere', () => {
  const { browser, other } = fake();
  const rows = buildRows(browser, other, { sizes: ['xl'], families: ['dot', 'matmul', 'blur'] });
  const list = targets(rows, [ratioSummary(rows, 'xl')], null);
  const note = honestyNote({ cpu: 'AMD EPYC 7B13', cores: 2, env: { browser: 'Chromium 156' }, targets: list }).replace(/\s+/g, ' ');
  assert.match(note, /one run on AMD EPYC 7B13 \(2 cores, Chromium 156\)/);
  assert.match(note, /"met on AMD EPYC 7B13 in this run", not "met on any machine"/);
  const timing = list.filter((t) => t.machine && t.met !== null);
  const met = timing.filter((t) => t.met).length;
  assert.match(note, new RegExp(`of the ${timing.length} targets that depend on the machine, this run met ${met} and missed ${timing.length - met}`));
});

test('--from-results recomputes rows and targets from a stored run, with the machine facts of old reports', () => {
  const { browser, other } = fake();
  const stored = {
    date: '2026-12-06T23:50:12.303Z',
    machine: 'Intel(R) Xeon(R) Processor, 2 cores, 24 GiB, Linux 6.18, load average 1.2 at the end',
    env: { browser: 'Chromium 156' },
    sizes: ['xl'],
    families: ['dot', 'matmul', 'blur'],
    results: [...browser, ...other],
    boundary: null,
    targets: [{ goal: 'an old wording', met: true, measured: '' }],
  };
  const report = reportFromResults(stored);
  assert.equal(report.cpu, 'Intel(R) Xeon(R) Processor');
  assert.equal(report.cores, 2);
  assert.equal(report.rows.length, 3);
  assert.equal(report.rows[0].wasmVsJs, 3);
  assert.equal(report.summary.wasmVsJs, 3);
  assert.ok(report.targets.every((t) => 'machine' in t), 'targets follow the current rules, not the stored ones');
  assert.match(report.markdown, /^\| kernel \| size \|/);
  assert.equal(reportFromResults({ ...stored, cpu: 'AMD EPYC 7B13', cores: 8 }).cpu, 'AMD EPYC 7B13');
});

test('mergePeers adds the Node-only peers to the page report and picks the best again', () => {
  const browser = [{ family: 'blur', size: 'xl', impl: 'peer', median: 12, peer: peerReport(1.2, 'glur') }];
  const node = [{ family: 'blur', size: 'xl', fastwasm: {}, peers: [{ name: 'photon', precision: 'f32', median: 3, speedup: 0.9, where: 'Node' }] }];
  const [r] = mergePeers(browser, node);
  assert.deepEqual(r.peer.peers.map((p) => p.name), ['glur', 'photon']);
  assert.equal(r.peer.best.name, 'photon');
  assert.equal(r.median, 3);
});
