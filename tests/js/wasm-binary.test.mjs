// The shipped .wasm: SIMD128 code is really in it, it stays lean, and the Python wheel carries the
// same bytes as pkg/.
//
//   node --test tests/js/wasm-binary.test.mjs   (needs pkg/ and python/fastwasm/ from scripts/build.sh)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WASM = path.join(ROOT, 'pkg/fastwasm_bg.wasm');
const GZIP_LIMIT = 400 * 1024;

test('the single-threaded .wasm uses SIMD128 (f64x2 arithmetic, v128 loads and stores)', () => {
  const text = execFileSync(path.join(ROOT, 'node_modules/.bin/wasm-dis'), [WASM], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const count = (op) => text.split(op).length - 1;
  for (const op of ['f64x2.add', 'f64x2.mul', 'v128.load', 'v128.store']) {
    assert.ok(count(op) >= 10, `${op} appears ${count(op)} times`);
  }
});

test(`the single-threaded .wasm is under ${GZIP_LIMIT / 1024} KiB gzip`, () => {
  const bytes = fs.readFileSync(WASM);
  const gz = zlib.gzipSync(bytes, { level: 9 }).length;
  console.log(`# pkg/fastwasm_bg.wasm: ${bytes.length} bytes raw, ${gz} bytes gzip`);
  assert.ok(gz < GZIP_LIMIT, `${gz} bytes gzip`);
});

test('the Python package ships the same .wasm bytes as pkg/', () => {
  const wheelCopy = path.join(ROOT, 'python/fastwasm/fastwasm_bg.wasm');
  assert.ok(fs.readFileSync(WASM).equals(fs.readFileSync(wheelCopy)));
});
