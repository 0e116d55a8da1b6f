// pkg/ ships TypeScript declarations for every export.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fw, { PKG } from './helpers.mjs';

const FUNCTIONS = {
  sum: /export function sum\(x: [^)]+\): number;/,
  mean: /export function mean\(x: [^)]+\): number;/,
  dot: /export function dot\(a: [^,]+, b: [^)]+\): number;/,
  mandelbrot: /export function mandelbrot\(w: number, h: number, xMin: number, xMax: number, yMin: number, yMax: number, maxIter: number\): Uint32Array;/,
  primes: /export function primes\(n: number\): Uint32Array;/,
};

test('fastwasm.d.ts declares every kernel with its signature', () => {
  const file = path.join(PKG, 'fastwasm.d.ts');
  assert.ok(fs.existsSync(file), 'pkg/fastwasm.d.ts exists');
  const dts = fs.readFileSync(file, 'utf8');
  for (const [name, signature] of Object.entries(FUNCTIONS)) {
    assert.match(dts, signature, `${name} declared`);
    assert.equal(typeof fw[name], 'function', `${name} exported`);
  }
  assert.match(dts, /export default function __wbg_init/);
  assert.match(dts, /export function initSync/);
});

test('fastwasm.d.ts: Float32Arrays in give a Float32Array out (overload first), internal variants hidden', () => {
  const dts = fs.readFileSync(path.join(PKG, 'fastwasm.d.ts'), 'utf8');
  const overloads = (name) => [...dts.matchAll(new RegExp(`^export function ${name}\\(.*$`, 'gm'))].map((m) => m[0]);
  assert.deepEqual(overloads('matmul'), [
    'export function matmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array;',
    'export function matmul(a: ResidentArray, b: ResidentArray, m: number, k: number, n: number): ResidentArray;',
    'export function matmul(a: NumberArray, b: NumberArray, m: number, k: number, n: number): Float64Array;',
  ]);
  assert.equal(overloads('fft')[0], 'export function fft(re: Float32Array, im?: Float32Array | null): Float32Array;');
  assert.equal(overloads('ifft')[0], 'export function ifft(x: Float32Array): Float32Array;');
  assert.equal(
    overloads('convolve')[0],
    'export function convolve(a: Float32Array, v: Float32Array, mode?: string | null): Float32Array;',
  );
  assert.equal(overloads('cumsum').length, 2, 'no float32 overload without a float32 variant');
  assert.doesNotMatch(dts, /^export function __/m, 'no internal export is declared as a function');
  assert.match(dts, /export type Dtype = 'float64' \| 'uint32' \| 'uint8' \| 'float32';/);
});

test('package.json points at the module and its declarations', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.name, 'fastwasm');
  assert.ok(fs.existsSync(path.join(PKG, pkg.module ?? pkg.main)), 'entry point exists');
  assert.ok(fs.existsSync(path.join(PKG, pkg.types)), 'types file exists');
});

test('the version is defined once: Cargo.toml, the npm package and both wheels agree', () => {
  const cargo = fs.readFileSync(path.join(PKG, '..', 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(pkg.version, cargo);
  const wheels = fs.readdirSync(path.join(PKG, '..', 'python', 'dist')).filter((f) => f.endsWith('.whl')).sort();
  assert.equal(wheels.length, 2, wheels.join(', '));
  assert.match(wheels[0], new RegExp(`^fastwasm-${cargo.replaceAll('.', '\\.')}-cp311-abi3-\\w+\\.whl$`));
  assert.equal(wheels[1], `fastwasm-${cargo}-py3-none-any.whl`);
});
