// The benchmark's npm peers (www/peers.js) in Node at the small size: every library loads, agrees
// with fastwasm within its precision and with the exact answer (float64 definitions of
// www/baselines.js); approximate image filters report their byte error; the interleaved timing gives every
// function its samples.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';
import { FAMILIES, TIMING, calibrate, makeInputs } from '../../www/suite.js';
import { BASELINES } from '../../www/baselines.js';
import { wasmCalls } from '../../www/wasm-calls.js';
import { PEERS, bestPeer, comparePeers, errorAgainst, loadPeers, measureInterleaved, peersOf } from '../../www/peers.js';

const { libs, failed } = await loadPeers();
const WASM = wasmCalls(fw);

describe('npm peers', () => {
  test('every library loads in Node', () => {
    assert.deepEqual(failed, {});
  });

  test('PEERS covers every family (an empty list where no library computes the kernel)', () => {
    assert.deepEqual(Object.keys(PEERS).sort(), FAMILIES.map((f) => f.id).sort());
  });

  test('webfft applies only up to 131072 points', () => {
    assert.ok(peersOf('fft', 'medium').some((p) => p.name.startsWith('webfft')));
    assert.ok(!peersOf('fft', 'large').some((p) => p.name.startsWith('webfft')));
  });

  for (const f of FAMILIES.filter((x) => PEERS[x.id].length)) {
    test(`${f.id} at small: peers agree with fastwasm and the exact answer within their precision`, () => {
      const inputs = makeInputs(f.id, 'small');
      const exact = BASELINES[f.id](inputs);
      const report = comparePeers({ familyId: f.id, size: 'small', inputs, wasm: WASM[f.id], fastwasm: fw, exact, libs, failed });
      assert.equal(report.peers.length, peersOf(f.id, 'small').length);
      for (const p of report.peers) {
        assert.equal(p.na, undefined, `${p.name}: ${p.na}`);
        assert.ok(p.median >= 0 && p.speedup > 0, p.name);
        if (p.approximate) {
          // A different algorithm or definition (IIR, box passes, photon's luma and Sobel): its
          // error is reported; the blurs stay close to the Gaussian.
          assert.ok(Number.isInteger(p.error.maxByte), `${p.name}: a byte error`);
          if (f.id === 'blur') assert.ok(p.error.maxByte > 0 && p.error.maxByte <= 40, `${p.name} ±${p.error.maxByte}`);
          if (f.id === 'grayscale') assert.ok(p.error.maxByte <= 1, `${p.name} ±${p.error.maxByte}`);
          continue;
        }
        assert.ok(p.agree, `${p.name} agrees with fastwasm`);
        const tol = { f64: 1e-12, f32: 1e-5, exact: 0 }[p.precision];
        if ('maxRel' in p.error) assert.ok(p.error.maxRel <= tol, `${p.name} ${p.error.maxRel}`);
        else if ('maxByte' in p.error) assert.equal(p.error.maxByte, 0);
      }
      if (f.id === 'blur') assert.ok(report.fastwasm.f64.error.maxByte <= 1, 'fastwasm blur within ±1 level');
      if (report.fastwasm.f32) assert.ok(report.fastwasm.f32.agree, 'fastwasm on Float32Array inputs agrees with float64');
      assert.equal(report.best, bestPeer(report.peers));
    });
  }

  test('levenshtein: fastest-levenshtein gives the exact distance', () => {
    assert.equal(libs.levenshtein.distance('kitten', 'sitting'), 3);
  });

  test('errorAgainst: floats relative to the largest magnitude, bytes in levels, values equal or not', () => {
    const f = (v) => ({ kind: 'floats', value: Float64Array.from(v) });
    assert.deepEqual(errorAgainst(f([1, -4]), f([1.5, -4])), { maxAbs: 0.5, maxRel: 0.125 });
    assert.deepEqual(errorAgainst({ kind: 'bytes', value: Uint8Array.of(1, 9) }, { kind: 'bytes', value: Uint8Array.of(3, 9) }), { maxByte: 2 });
    assert.deepEqual(errorAgainst({ kind: 'json', value: [['a', 1]] }, { kind: 'json', value: [['a', 1]] }), { equal: true });
    assert.ok('lengthMismatch' in errorAgainst(f([1]), f([1, 2])));
  });

  test('measureInterleaved gives every function its own samples and result', () => {
    let t = 0;
    const now = () => t;
    const out = measureInterleaved([() => ((t += 1), 'a'), () => ((t += 3), 'b')], now);
    // The second fills minSampleMs in one call: its two calibration calls are its first samples.
    assert.equal(out[1].times.length, out[0].times.length + 2);
    assert.ok(out[0].times.length >= 3);
    assert.equal(out[0].result, 'a');
    assert.equal(out[1].result, 'b');
    assert.ok(out[1].times.every((x) => x === 3) && out[0].times.every((x) => x === 1));
  });

  test('calibrate: the calls filling minSampleMs; a single slow call is the first sample', () => {
    let t = 0;
    let calls = 0;
    const fast = calibrate(() => ((t += 0.5), ++calls), () => t);
    assert.equal(fast.reps, 4); // 4 × 0.5 ms fill minSampleMs = 2 ms
    assert.equal(calls, 5); // the warm-up and the 4 counted calls
    assert.deepEqual(fast.times, []);
    calls = 0;
    const slow = calibrate(() => ((t += 3 * TIMING.minSampleMs), ++calls), () => t);
    assert.deepEqual([slow.reps, slow.result, calls, slow.times], [1, 3, 3, [6, 6]]);
    // A fast call descheduled once: the second count finds the real repetitions.
    const steps = [0.5, 5]; // the warm-up, then one call descheduled for 5 ms, then 0.5 ms each
    const hiccup = calibrate(() => (t += steps.shift() ?? 0.5), () => t);
    assert.deepEqual([hiccup.reps, hiccup.times], [4, []]);
  });

  test('bestPeer is the peer fastwasm beats by the least', () => {
    assert.equal(bestPeer([{ name: 'a', speedup: 2 }, { name: 'b', speedup: 0.5 }, { name: 'c', speedup: null }]).name, 'b');
    assert.equal(bestPeer([]), null);
  });
});
