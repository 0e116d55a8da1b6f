// The typed boundary of pkg/fastwasm.js: conversion before wasm runs, errors as kinds, safe
// zero-copy inputs, resident arrays. Each of the five reproductions of the boundary redesign is a
// test here (their numbers in the names), followed by the rules they led to.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import fw, { ROOT, randomFloats } from './helpers.mjs';

const memoryBytes = () => fw.wasmMemory().buffer.byteLength;
const naiveSum = (x) => Array.from(x).reduce((s, v) => s + v, 0);

/** Asserts that `fn` throws a `Class` error from `func` about `argument` of `kind` matching `detail`. */
function throwsKernelError(fn, { Class, func, argument, kind, detail }) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof Class, `expected ${Class.name}, got ${err?.constructor?.name}: ${err?.message}`);
    assert.ok(!(err instanceof WebAssembly.RuntimeError));
    assert.equal(err.function, func);
    assert.equal(err.argument, argument);
    assert.equal(err.kind, kind);
    assert.ok(err.message.startsWith(`${func}: ${argument}`), err.message);
    assert.equal(err.message, `${func}: ${err.message.slice(func.length + 2, -err.detail.length - 1)} ${err.detail}`);
    if (detail) assert.match(err.detail, detail);
    return true;
  });
}

describe('reproduction 1: user code never runs while a wasm frame is on the stack', () => {
  test('a throwing getter 6,000 times: always the caller\'s error, never a trap', () => {
    const a = [1, 2];
    Object.defineProperty(a, 1, { get() { throw new Error('mine'); } });
    for (let i = 0; i < 6000; i++) assert.throws(() => fw.sum(a), { message: 'mine' });
    assert.equal(fw.sum([1, 2]), 3);
  });

  test('200 throws from a 100,000-element array leave the memory as it was', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => i);
    Object.defineProperty(a, 99_999, { get() { throw new Error('late'); } });
    fw.sum(Array.from({ length: 100_000 }, (_, i) => i)); // warm-up: staging region at full size
    const before = memoryBytes();
    for (let i = 0; i < 200; i++) assert.throws(() => fw.sum(a), { message: 'late' });
    assert.equal(memoryBytes(), before);
    assert.equal(fw.sum(Array.from({ length: 100_000 }, (_, i) => i)), (99_999 * 100_000) / 2);
  });

  test('valueOf, Proxy traps and getters run once each, before wasm, in argument order', () => {
    const seen = [];
    const x = new Proxy([1, 2, 3], {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) seen.push(`x${key}`);
        return Reflect.get(target, key);
      },
    });
    const y = [4, 5, 6];
    Object.defineProperty(y, 0, { get() { seen.push('y0'); return 4; } });
    assert.equal(fw.dot(x, y), 32);
    assert.deepEqual(seen, ['x0', 'x1', 'x2', 'y0']);
    // No coercion: an element with valueOf is a type error, and valueOf never runs.
    let called = false;
    throwsKernelError(() => fw.sum([{ valueOf() { called = true; return 1; } }]), {
      Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /must be a number, got Object/,
    });
    assert.equal(called, false);
  });

  test('a Proxy whose traps throw, and a revoked Proxy, give the caller\'s error or a named TypeError', () => {
    const hostile = new Proxy([1], { get() { throw new Error('trap!'); } });
    assert.throws(() => fw.mean(hostile), { message: 'trap!' });
    const { proxy, revoke } = Proxy.revocable([1, 2], {});
    revoke();
    throwsKernelError(() => fw.mean(proxy), { Class: TypeError, func: 'mean', argument: 'x', kind: 'type' });
    assert.equal(fw.mean([1, 2]), 1.5);
  });
});

describe('reproduction 2: converting an argument never detaches a view given as another', () => {
  test('dot of a 2e6-element plain array and a view on wasm memory', () => {
    const n = 2e6;
    const p = fw.scratch(0, 8 * n);
    const v = new Float64Array(fw.wasmMemory().buffer, p, n).fill(2);
    assert.equal(fw.dot(new Array(n).fill(1), v), 2 * n);
  });

  test('a resident array\'s view as the second argument after a growing first argument', () => {
    const r = fw.array(new Float64Array(1000).fill(3));
    const view = r.view();
    const big = new Float64Array(4e6).fill(1); // staging it grows the memory
    const before = memoryBytes();
    assert.equal(fw.dot(big.subarray(0, 1000), view), 3000);
    assert.equal(fw.sum(big), 4e6);
    assert.ok(memoryBytes() >= before);
    assert.equal(fw.sum(r.view()), 3000); // a fresh view after growth
    r.free();
  });
});

describe('reproduction 3: only regions fastwasm owns are read in place', () => {
  test('a view on arbitrary wasm memory (the allocator\'s and the stack\'s) is copied first', () => {
    const buffer = fw.wasmMemory().buffer;
    const view = new Float64Array(buffer, 8, 4096); // low memory: statics, stack, allocator
    const snapshot = Float64Array.from(view);
    const want = naiveSum(snapshot.map((v) => (Number.isFinite(v) ? v : 0)));
    if (snapshot.every(Number.isFinite)) assert.equal(fw.sum(view), fw.sum(snapshot));
    else assert.ok(Number.isFinite(want));
    assert.deepEqual(Array.from(fw.sort(view)), Array.from(fw.sort(snapshot)));
  });

  test('a view overlapping a staging region gives the same result as its copy', () => {
    // Stage something so that staging slot 1 exists, then alias it with a view.
    fw.sum(new Float64Array(64).fill(1));
    const x = randomFloats(10_000, 7);
    const p = fw.scratch(1, 8 * x.length);
    const view = new Float64Array(fw.wasmMemory().buffer, p, x.length);
    view.set(x);
    assert.deepEqual(Array.from(fw.cumsum(view)), Array.from(fw.cumsum(x)));
    assert.equal(fw.dot(view, view), fw.dot(x, x));
  });
});

describe('reproduction 4: an input that will be rejected never grows the memory', () => {
  test('a sparse array of length 2**27 is a TypeError, with no growth', () => {
    const before = memoryBytes();
    const s = [];
    s.length = 2 ** 27;
    throwsKernelError(() => fw.sum(s), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /must be a number, got undefined/ });
    assert.equal(memoryBytes(), before);
  });

  test('a long array whose last element is not a number, with no growth', () => {
    const before = memoryBytes();
    const a = new Array(4e6).fill(1.5);
    a.push('x');
    assert.throws(() => fw.mean(a), { name: 'TypeError', message: /^mean: x\[4000000\] must be a number, got string$/ });
    assert.equal(memoryBytes(), before);
  });

  test('bad sizes and scalars with large arrays are refused before the arrays are staged', () => {
    const big = new Float64Array(2 ** 23); // 64 MiB: staging it would grow the memory
    const bytes = new Uint8Array(2 ** 26);
    const before = memoryBytes();
    const cases = [
      [() => fw.quantile(big, 2), 'quantile', 'q'],
      [() => fw.percentile(big, -1), 'percentile', 'q'],
      [() => fw.variance(big, 2 ** 24), 'variance', 'ddof'],
      [() => fw.dot(big, [1, 2]), 'dot', 'a'],
      [() => fw.matmul(big, [1], 1, 1, 1), 'matmul', 'a'],
      [() => fw.solve(big, [1], 1), 'solve', 'a'],
      [() => fw.fft(big, [1]), 'fft', 'im'],
      [() => fw.ifft(big.subarray(1)), 'ifft', 'x'],
      [() => fw.movingAverage(big, 2 ** 24), 'movingAverage', 'window'],
      [() => fw.histogram(big, 0), 'histogram', 'bins'],
      [() => fw.histogram(big, 4, 2, 1), 'histogram', 'lo'],
      [() => fw.convolve(big, [1], 'nope'), 'convolve', 'mode'],
      [() => fw.grayscale(bytes, 3, 3), 'grayscale', 'rgba'],
      [() => fw.gaussianBlur(bytes, 2 ** 12, 2 ** 12, 0), 'gaussianBlur', 'sigma'],
      [() => fw.movingAverage(big, 2.5), 'movingAverage', 'window'],
    ];
    for (const [call, func, argument] of cases) {
      throwsKernelError(call, { Class: RangeError, func, argument, kind: 'value' });
    }
    assert.equal(memoryBytes(), before);
  });

  test('an array larger than wasm32 can address is a MemoryError before anything is allocated', () => {
    const before = memoryBytes();
    const huge = [];
    huge.length = 2 ** 30; // 8 GiB of float64
    throwsKernelError(() => fw.sum(huge), { Class: Error, func: 'sum', argument: 'x', kind: 'memory', detail: /too large/ });
    assert.equal(memoryBytes(), before);
  });
});

describe('reproduction 5: text is compared by code points, lone surrogates included', () => {
  test('distinct lone surrogates are distinct', () => {
    assert.equal(fw.levenshtein('\uD800', '\uDC00'), 1);
    assert.equal(fw.levenshtein('\uD800', '\uD800'), 0);
    assert.equal(fw.levenshtein('a\uDC00b', 'a\uFFFDb'), 1);
  });

  test('a surrogate pair is one code point, as in Python', () => {
    assert.equal(fw.levenshtein('😀', ''), 1);
    assert.equal(fw.levenshtein('😀', '\uD83D'), 1);
    assert.equal(fw.levenshtein('x😀y', 'x😁y'), 1);
  });

  test('wordCounts: a lone surrogate separates words like any other non-letter', () => {
    assert.deepEqual(fw.wordCounts('a\uD800b a', 5), [['a', 2], ['b', 1]]);
    assert.deepEqual(fw.wordCounts('\uDC00\uDC00', 5), []);
  });
});

describe('errors cross as kinds', () => {
  test('value errors are RangeErrors with kind, argument, detail and function', () => {
    throwsKernelError(() => fw.mean([]), { Class: RangeError, func: 'mean', argument: 'x', kind: 'value', detail: /^must not be empty$/ });
    throwsKernelError(() => fw.quantile([1], 2), { Class: RangeError, func: 'quantile', argument: 'q', kind: 'value' });
    throwsKernelError(() => fw.percentile([1], 101), { Class: RangeError, func: 'percentile', argument: 'q', kind: 'value' });
  });

  test('argument names are the JS spelling', () => {
    throwsKernelError(() => fw.mandelbrot(2, 2, -2, 1, -1, 1, 2 ** 32), { Class: RangeError, func: 'mandelbrot', argument: 'maxIter', kind: 'value' });
    throwsKernelError(() => fw.mandelbrot(2, 2, NaN, 1, -1, 1, 5), { Class: RangeError, func: 'mandelbrot', argument: 'xMin', kind: 'value' });
    throwsKernelError(() => fw.movingAverage([1, 2], 3), { Class: RangeError, func: 'movingAverage', argument: 'window', kind: 'value' });
  });

  test('type errors are TypeErrors, raised before wasm runs', () => {
    throwsKernelError(() => fw.sum('1,2'), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /got string$/ });
    throwsKernelError(() => fw.primes(2n), { Class: TypeError, func: 'primes', argument: 'n', kind: 'type', detail: /got bigint$/ });
    throwsKernelError(() => fw.levenshtein(Symbol('a'), 'b'), { Class: TypeError, func: 'levenshtein', argument: 'a', kind: 'type', detail: /got symbol$/ });
    throwsKernelError(() => fw.sum(new BigInt64Array(2)), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /got BigInt64Array$/ });
  });

  test('failed allocations are Errors named MemoryError', () => {
    throwsKernelError(() => fw.histogram([1, 2], 2 ** 28), { Class: Error, func: 'histogram', argument: 'bins', kind: 'memory' });
    assert.throws(() => fw.histogram([1, 2], 2 ** 28), { name: 'MemoryError' });
    throwsKernelError(() => fw.histogram([1, 2], 2 ** 40), { Class: Error, func: 'histogram', argument: 'bins', kind: 'memory' });
    assert.deepEqual(Array.from(fw.histogram([1, 2], 2).counts), [1, 1]);
  });
});

describe('typed arrays are recognised by what they are', () => {
  test('own length, byteOffset, buffer and toStringTag properties change nothing', () => {
    const x = new Float64Array([1, 2, 3, 4]);
    Object.defineProperty(x, 'length', { value: 1 });
    Object.defineProperty(x, 'byteOffset', { value: 8 });
    Object.defineProperty(x, 'buffer', { value: new ArrayBuffer(8) });
    Object.defineProperty(x, Symbol.toStringTag, { value: 'Nonsense' });
    assert.equal(fw.sum(x), 10);
    const img = new Uint8ClampedArray([10, 20, 30, 255]);
    Object.defineProperty(img, 'length', { value: 0 });
    assert.deepEqual(Array.from(fw.grayscale(img, 1, 1)), [18, 18, 18, 255]);
  });

  test('a subclass and a subarray are read through their real coordinates', () => {
    class Tricky extends Float64Array {
      get length() { return 0; }
    }
    assert.equal(fw.sum(Tricky.from([1, 2, 3])), 6);
    const base = Float64Array.from([9, 1, 2, 3, 9]);
    assert.equal(fw.sum(base.subarray(1, 4)), 6);
  });

  test('typed arrays, arrays and DataViews from another realm work like local ones', () => {
    const other = vm.createContext({});
    assert.equal(fw.sum(vm.runInContext('new Float64Array([1, 2, 3.5])', other)), 6.5);
    assert.equal(fw.sum(vm.runInContext('new Int16Array([1, -2, 3])', other)), 2);
    assert.equal(fw.dot(vm.runInContext('[1, 2, 3]', other), vm.runInContext('new Float32Array([4, 5, 6])', other)), 32);
    const rgba = vm.runInContext('new Uint8ClampedArray([10, 20, 30, 255])', other);
    assert.deepEqual(Array.from(fw.grayscale(rgba, 1, 1)), [18, 18, 18, 255]);
    throwsKernelError(() => fw.sum(vm.runInContext('new DataView(new ArrayBuffer(8))', other)), {
      Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /got DataView$/,
    });
    throwsKernelError(() => fw.sum(new DataView(new ArrayBuffer(8))), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /got DataView$/ });
  });

  test('a view on a detached buffer is a TypeError naming the function, never an engine error', () => {
    const x = new Float64Array([1, 2, 3]);
    structuredClone(x.buffer, { transfer: [x.buffer] });
    throwsKernelError(() => fw.sum(x), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /detached/ });
    const img = new Uint8Array(4);
    structuredClone(img.buffer, { transfer: [img.buffer] });
    throwsKernelError(() => fw.sobel(img, 1, 1), { Class: TypeError, func: 'sobel', argument: 'rgba', kind: 'type', detail: /detached/ });
    // An empty array on a live buffer is just empty.
    assert.equal(fw.sum(new Float64Array(0)), 0);
  });

  test('a view detached by memory growth is refused, and a fresh view works', () => {
    const r = fw.array([1, 2, 3]);
    const old = r.view();
    fw.sum(new Float64Array(2 ** 23)); // 64 MiB staged: the memory grows
    if (old.length === 0) {
      throwsKernelError(() => fw.sum(old), { Class: TypeError, func: 'sum', argument: 'x', kind: 'type', detail: /detached/ });
    }
    assert.equal(fw.sum(r.view()), 6);
    assert.equal(fw.sum(r), 6);
    r.free();
  });
});

describe('resident arrays', () => {
  test('sort → cumsum → quantile stays in wasm memory until the scalar', () => {
    const x = randomFloats(100_000, 3);
    const r = fw.array(x);
    const sorted = fw.sort(r);
    const sums = fw.cumsum(sorted);
    assert.ok(sorted instanceof fw.ResidentArray && sums instanceof fw.ResidentArray);
    assert.equal(sorted.dtype, 'float64');
    assert.equal(sums.length, x.length);
    const want = fw.quantile(fw.cumsum(fw.sort(x)), 0.25);
    assert.equal(fw.quantile(sums, 0.25), want);
    assert.deepEqual(Array.from(sorted.toArray()), Array.from(fw.sort(x)));
    for (const a of [r, sorted, sums]) a.free();
  });

  test('results of every kind mirror resident input', () => {
    const r = fw.array([3, 1, 2, 2]);
    const idx = fw.argsort(r);
    assert.equal(idx.dtype, 'uint32');
    assert.deepEqual(Array.from(idx.toArray()), [1, 2, 3, 0]);
    const { counts, edges } = fw.histogram(r, 2);
    assert.deepEqual([counts.dtype, edges.dtype], ['uint32', 'float64']);
    assert.deepEqual(Array.from(counts.toArray()), [1, 3]);
    const img = fw.array([10, 20, 30, 255], 'uint8');
    const gray = fw.grayscale(img, 1, 1);
    assert.equal(gray.dtype, 'uint8');
    assert.deepEqual(Array.from(gray.toArray()), [18, 18, 18, 255]);
    // Mixed resident and plain input: resident out.
    assert.ok(fw.convolve(r, [1, 1]) instanceof fw.ResidentArray);
    assert.equal(fw.dot(r, r), 18);
    for (const a of [r, idx, counts, edges, img, gray]) a.free();
  });

  test('writes through a view change the resident array; free() makes later use a RangeError', () => {
    const r = fw.array(new Float64Array(4));
    r.view().set([1, 2, 3, 4]);
    assert.equal(fw.sum(r), 10);
    r.free();
    r.free(); // twice: nothing happens
    assert.equal(r.freed, true);
    throwsKernelError(() => fw.sum(r), { Class: RangeError, func: 'sum', argument: 'x', kind: 'value', detail: /freed/ });
    assert.throws(() => r.view(), RangeError);
  });

  test('array() checks its arguments and regions are freed', () => {
    const raw = (name) => fw[name] ?? null;
    assert.equal(raw('__fwRegionCount'), null); // internal exports are not public
    throwsKernelError(() => fw.array('abc'), { Class: TypeError, func: 'array', argument: 'data', kind: 'type' });
    throwsKernelError(() => fw.array([1], 'int64'), { Class: RangeError, func: 'array', argument: 'dtype', kind: 'value' });
    const u = fw.array([1.9, 300, -1], 'uint8');
    assert.deepEqual(Array.from(u.toArray()), [1, 44, 255]); // typed-array conversion
    u.free();
    const before = memoryBytes();
    for (let i = 0; i < 2000; i++) {
      const r = fw.array(new Float64Array(1000));
      fw.sort(r).free();
      r.free();
    }
    assert.ok(memoryBytes() - before < 2 ** 20, `grew by ${memoryBytes() - before}`);
  });

  test('ResidentArray cannot be constructed directly', () => {
    assert.throws(() => new fw.ResidentArray(), TypeError);
  });
});

describe('nested calls', () => {
  test('a fastwasm call from a getter during another call works, and both give right answers', () => {
    const a = [1, 2];
    let inner;
    Object.defineProperty(a, 1, { get() { inner = fw.sum([10, 20, 30]); return 2; } });
    assert.equal(fw.sum(a), 3);
    assert.equal(inner, 60);
  });

  const trapDir = path.join(ROOT, 'build/trap/web');
  test('a trap in a nested call: both calls get errors naming them, later calls work', { skip: !fs.existsSync(trapDir) && 'no trap build' }, async () => {
    const t = await import(path.join(trapDir, 'fastwasm.js'));
    t.initSync({ module: fs.readFileSync(path.join(trapDir, 'fastwasm_bg.wasm')) });
    let innerError;
    const a = [1, 2];
    Object.defineProperty(a, 1, {
      get() {
        try {
          t.forceTrap('unreachable');
        } catch (err) {
          innerError = err;
        }
        return 2;
      },
    });
    assert.throws(() => t.sum(a), { message: /^sum: the WebAssembly instance trapped in a nested fastwasm call/ });
    assert.match(innerError.message, /^forceTrap: the WebAssembly instance trapped/);
    assert.equal(t.sum([1, 2]), 3);
    // A resident array made before the trap belongs to the old instance.
    const r = t.array([1, 2]);
    assert.throws(() => t.forceTrap('outOfBounds'), { message: /^forceTrap: the WebAssembly instance trapped/ });
    assert.equal(r.freed, true);
    assert.throws(() => t.sum(r), RangeError);
    assert.equal(t.mean([1, 2, 3]), 2);
  });
});
