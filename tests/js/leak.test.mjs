// No leaks in Node: after a warm-up at the largest sizes, 100,000 mixed calls to every export
// (valid calls checked against naive references, and calls that throw validation errors) leave the
// wasm memory exactly as large as it was. The workload is tests/js/leak-workload.mjs; the same
// module runs in headless Chromium in tests/e2e/leak.test.mjs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';
import { CASES, LEAK_CALLS, kernelNames, runLeakWorkload } from './leak-workload.mjs';

test(`${LEAK_CALLS} mixed calls do not grow the wasm memory after warm-up`, (t) => {
  const result = runLeakWorkload(fw, { calls: LEAK_CALLS, seed: 1, checkpoints: 10 });
  const { memory } = result;
  t.diagnostic(
    `${result.calls} calls (+${result.warmupCalls} warm-up) in ${result.ms} ms: ${result.checked} checked, ` +
      `${result.errors} expected errors; memory ${memory.start} -> ${memory.afterWarmup} bytes after warm-up, ` +
      `${memory.end} at the end`,
  );

  assert.equal(result.calls, LEAK_CALLS);
  assert.equal(result.failureCount, 0, `${result.failureCount} wrong results:\n${result.failures.join('\n')}`);
  for (const name of kernelNames(fw)) {
    const s = result.perExport[name];
    assert.ok(s.calls > 0 && s.checked > 0, `${name}: ${s.calls} calls, ${s.checked} checked`);
  }
  assert.ok(result.errors > LEAK_CALLS / 5, `only ${result.errors} error calls`);
  assert.ok(result.checked > LEAK_CALLS / 10, `only ${result.checked} checked calls`);

  for (const mark of memory.checkpoints) {
    assert.equal(mark.bytes, memory.afterWarmup, `wasm memory grew by ${mark.bytes - memory.afterWarmup} bytes by call ${mark.calls}`);
  }
  assert.equal(memory.end, memory.afterWarmup);
});

test('every kernel export has a valid and an error case in the workload', () => {
  for (const name of kernelNames(fw)) {
    if (name === 'wasmMemory') continue; // takes no arguments: it cannot fail
    assert.ok(CASES.some((c) => c.name === name && !c.error), `${name} has a valid case`);
    assert.ok(CASES.some((c) => c.name === name && c.error), `${name} has an error case`);
  }
});

test('the memory probe sees growth (a scratch region larger than the whole memory)', () => {
  const size = fw.wasmMemory().buffer.byteLength + (1 << 20);
  fw.scratch(3, size);
  assert.ok(fw.wasmMemory().buffer.byteLength > size);
});
