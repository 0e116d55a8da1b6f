// Loads pkg/ (the wasm-pack --target web build) synchronously in Node, plus small shared helpers.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = path.join(ROOT, 'pkg');

if (!fs.existsSync(path.join(PKG, 'fastwasm.js'))) {
  throw new Error('pkg/fastwasm.js is missing: build it first with `bash scripts/build.sh` (wasm-pack)');
}

const fastwasm = await import(path.join(PKG, 'fastwasm.js'));
fastwasm.initSync({ module: fs.readFileSync(path.join(PKG, 'fastwasm_bg.wasm')) });

export default fastwasm;

/** Deterministic floats in [lo, hi) (xorshift32). */
export function randomFloats(n, seed = 12345, lo = -1, hi = 1) {
  let s = seed >>> 0 || 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = lo + ((s >>> 0) / 2 ** 32) * (hi - lo);
  }
  return out;
}

/** |a − b| ≤ tol · scale, where scale defaults to max(1, |b|). */
export function assertClose(assert, actual, expected, tol = 1e-12, scale = Math.max(1, Math.abs(expected))) {
  assert.ok(
    Math.abs(actual - expected) <= tol * scale,
    `expected ${expected}, got ${actual} (diff ${Math.abs(actual - expected)}, tolerance ${tol * scale})`,
  );
}
