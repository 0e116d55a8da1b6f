// No leaks in Node: after a warm-up at the largest sizes, 100,000 mixed calls to every export
// (valid calls checked against naive references, calls that throw validation errors, calls whose
// arguments throw while the wrapper reads them, resident arrays made, used and freed, a few left to
// garbage collection) leave the wasm memory exactly as large as it was, and every call leaves the
// number of resident regions as it found it. The workload is tests/js/leak-workload.mjs; the same
// module runs in headless Chromium in tests/e2e/leak.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fw, { PKG } from './helpers.mjs';
import {
  ABANDON_LIMIT,
  CASES,
  LEAK_CALLS,
  describeLeakRun,
  kernelNames,
  leakProblems,
  runLeakWorkload,
} from './leak-workload.mjs';

/** The glue behind pkg/fastwasm.js (the same module instance): its raw `__fwRegionCount()`. */
const glue = await import(path.join(PKG, 'fastwasm_glue.js'));

test(`${LEAK_CALLS} mixed calls do not grow the wasm memory after warm-up`, (t) => {
  const result = runLeakWorkload(fw, { calls: LEAK_CALLS, seed: 1, checkpoints: 10, regionCount: glue.__fwRegionCount });
  t.diagnostic(describeLeakRun(result));
  assert.deepEqual(leakProblems(result, LEAK_CALLS, kernelNames(fw)), []);
  assert.ok(result.errors > LEAK_CALLS / 5, `only ${result.errors} error calls`);
  assert.ok(result.checked > LEAK_CALLS / 10, `only ${result.checked} checked calls`);
  // The resident and phase-1 cases ran; some arrays were left to the FinalizationRegistry, which
  // cannot have run during the synchronous workload.
  for (const name of ['array', 'ResidentArray']) assert.ok(result.perExport[name].checked > 100, name);
  assert.ok(result.abandoned > 0 && result.abandoned <= ABANDON_LIMIT, `${result.abandoned} abandoned`);
  assert.ok(result.regions, 'region counts recorded');
  assert.equal(result.regions.end, result.regions.start + result.abandoned, 'only the abandoned arrays are live');
});

test('leakProblems reports every kind of problem, and none for a clean run', () => {
  const clean = {
    calls: 10,
    failureCount: 0,
    failures: [],
    perExport: { sum: { calls: 6, checked: 2 }, mean: { calls: 4, checked: 1 } },
    memory: { afterWarmup: 64, checkpoints: [{ calls: 5, bytes: 64 }, { calls: 10, bytes: 64 }], end: 64 },
  };
  assert.deepEqual(leakProblems(clean, 10, ['sum', 'mean']), []);
  const bad = {
    ...clean,
    failureCount: 1,
    failures: ['sum: 1 != 2'],
    perExport: { sum: { calls: 6, checked: 0 } },
    memory: { afterWarmup: 64, checkpoints: [{ calls: 5, bytes: 128 }], end: 128 },
  };
  assert.deepEqual(leakProblems(bad, 11, ['sum', 'mean']), [
    '10 calls, wanted 11',
    '1 wrong results:\nsum: 1 != 2',
    'sum: 6 calls, 0 checked',
    'mean: undefined calls, undefined checked',
    'wasm memory grew by 64 bytes by call 5',
    'wasm memory is 128 bytes at the end, 64 after warm-up',
  ]);
  // Resident regions: between the start and the start plus the arrays abandoned so far.
  const regions = (...counts) => ({
    ...clean,
    regions: {
      start: 3,
      checkpoints: counts.map(([count, abandoned], i) => ({ calls: 5 * (i + 1), count, abandoned })),
    },
  });
  assert.deepEqual(leakProblems(regions([3, 0], [5, 2], [4, 2]), 10, ['sum', 'mean']), []);
  assert.deepEqual(leakProblems(regions([4, 0], [2, 2]), 10, ['sum', 'mean']), [
    '4 resident regions by call 5, expected 3 to 3',
    '2 resident regions by call 10, expected 3 to 5',
  ]);
});

test('every kernel export has a valid and an error case in the workload', () => {
  for (const name of kernelNames(fw)) {
    if (name === 'wasmMemory') continue; // takes no arguments: it cannot fail
    assert.ok(CASES.some((c) => c.name === name && !c.error && !c.rethrows), `${name} has a valid case`);
    assert.ok(CASES.some((c) => c.name === name && c.error), `${name} has an error case`);
  }
  // Calls that fail in phase 1, while the wrapper reads their arguments.
  assert.ok(CASES.filter((c) => c.rethrows).length >= 4);
});

test('the memory probe sees growth (a scratch region larger than the whole memory)', () => {
  const size = fw.wasmMemory().buffer.byteLength + (1 << 20);
  fw.scratch(3, size);
  assert.ok(fw.wasmMemory().buffer.byteLength > size);
});
