// The Python ports of the suite's input generators (www/bench_inputs.py, used by the numpy column)
// give the bytes www/suite.js gives: every family at small, and the xl inputs of the families
// whose Python generation takes seconds rather than minutes; and the same size parameters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { ROOT } from './helpers.mjs';
import { FAMILIES, makeInputs } from '../../www/suite.js';

const sha = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** bench_inputs.py's fingerprint of suite.js's inputs. */
function fingerprint(inputs) {
  const out = {};
  for (const [key, v] of Object.entries(inputs)) {
    if (ArrayBuffer.isView(v)) out[key] = { len: v.length, sha256: sha(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    else if (typeof v === 'string') out[key] = { len: [...v].length, sha256: sha(Buffer.from(v, 'utf8')) };
    else out[key] = v;
  }
  return out;
}

function python(sizes, families) {
  const text = execFileSync('python3', ['www/bench_inputs.py', '--print-inputs', sizes, '--families', families.join(',')], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24,
  });
  return JSON.parse(text);
}

test('bench_inputs.py has the sizes of suite.js', () => {
  const sizes = JSON.parse(execFileSync('python3', ['-c', 'import json, sys; sys.path.insert(0, "www"); import bench_inputs; print(json.dumps(bench_inputs.SIZES))'], { cwd: ROOT, encoding: 'utf8' }));
  for (const f of FAMILIES) assert.deepEqual(sizes[f.id], f.sizes, f.id);
});

test('every family at small: Python inputs are byte for byte those of suite.js', () => {
  const py = python('small', FAMILIES.map((f) => f.id));
  for (const f of FAMILIES) assert.deepEqual(py[`${f.id}/small`], fingerprint(makeInputs(f.id, 'small')), f.id);
});

test('xl: matmul, fft, levenshtein and word counts (10 MB of text) match suite.js', () => {
  const families = ['matmul', 'fft', 'levenshtein', 'wordcounts', 'mandelbrot', 'primes'];
  const py = python('xl', families);
  for (const id of families) assert.deepEqual(py[`${id}/xl`], fingerprint(makeInputs(id, 'xl')), id);
});
