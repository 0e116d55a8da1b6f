// A trap never takes fastwasm down: the wrapper (js/fastwasm.js, pkg/fastwasm.js) turns a trap into
// a clear Error and re-instantiates the module, after which every kernel still gives the reference
// results. Uses the test-only trap build (bash scripts/build-trap-test.sh -> build/trap/), whose
// extra export forceTrap(kind) traps on purpose; the reference is the plain-JS baselines of
// www/baselines.js on the benchmark suite's inputs, plus a few closed forms.
//
//   bash scripts/build-trap-test.sh && node --test tests/js/trap.test.mjs

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fw, { PKG, ROOT } from './helpers.mjs';
import { FAMILIES, agree, makeInputs } from '../../www/suite.js';
import { BASELINES } from '../../www/baselines.js';
import { wasmCalls } from '../../www/wasm-calls.js';

const TRAP = path.join(ROOT, 'build/trap');

/** The wrapper of one variant of the trap build (`web` or `no-reset`), initialised, and its glue. */
async function loadTrapBuild(variant) {
  const dir = path.join(TRAP, variant);
  if (!fs.existsSync(path.join(dir, 'fastwasm.js'))) {
    throw new Error(`build/trap/${variant} is missing: build it first with \`bash scripts/build-trap-test.sh\``);
  }
  const wrapper = await import(path.join(dir, 'fastwasm.js'));
  wrapper.initSync({ module: fs.readFileSync(path.join(dir, 'fastwasm_bg.wasm')) });
  return { wrapper, glue: await import(path.join(dir, 'fastwasm_glue.js')) };
}

const { wrapper: trap, glue: trapGlue } = await loadTrapBuild('web');
const { wrapper: noReset } = await loadTrapBuild('no-reset');

const RECOVERED =
  /^forceTrap: the WebAssembly instance trapped \((.+)\); fastwasm re-instantiated it, so later calls work$/;

/** The Error `fn()` throws (fails when it returns). */
function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

/** Every kernel family of the benchmark suite agrees with the plain-JS reference. */
function assertKernelsWork(fastwasm, when) {
  const calls = wasmCalls(fastwasm);
  for (const f of FAMILIES) {
    const inputs = makeInputs(f.id, 'small');
    const ok = agree(f.id, BASELINES[f.id](inputs), calls[f.id](inputs));
    assert.ok(ok, `${f.id} ${when}: wasm disagrees with plain JS`);
  }
  // Closed forms, and kernels outside the suite's families.
  const ramp = Float64Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(fastwasm.sum(ramp), 5050);
  assert.equal(fastwasm.mean(ramp), 50.5);
  assert.deepEqual([...fastwasm.primes(30)], [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]);
  assert.equal(fastwasm.levenshtein('kitten', 'sitting'), 3);
  assert.deepEqual([...fastwasm.fft([1, 0, 0, 0])], [1, 0, 1, 0, 1, 0, 1, 0]);
  assert.deepEqual([...fastwasm.matmul([1, 2, 3, 4], [5, 6, 7, 8], 2, 2, 2)], [19, 22, 43, 50]);
  assert.deepEqual(fastwasm.wordCounts('b a b C c c', 2), [['c', 3], ['b', 2]]);
  assert.deepEqual([...fastwasm.sort([3, -1, 2])], [-1, 2, 3]);
  assert.deepEqual([...fastwasm.gaussianBlur(new Uint8ClampedArray(4 * 6).fill(77), 3, 2, 1.5)], Array(24).fill(77));
}

/** Calls forceTrap(kind) and checks the Error of a recovered trap; returns its cause. */
function assertRecoveredTrap(kind) {
  const before = trap.wasmMemory();
  const err = thrown(() => trap.forceTrap(kind));
  assert.ok(err instanceof Error);
  assert.ok(!(err instanceof WebAssembly.RuntimeError), 'the trap itself is not what the caller sees');
  assert.match(err.message, RECOVERED);
  assert.equal(RECOVERED.exec(err.message)[1], err.cause.message, 'the message quotes the trap');
  assert.notEqual(trap.wasmMemory(), before, 'a new instance has a new memory');
  assert.ok(trap.wasmMemory() instanceof WebAssembly.Memory);
  return err.cause;
}

describe('the trap build, re-instantiable (build/trap/web)', () => {
  test('exports what pkg/ exports, plus forceTrap, every function guarded', () => {
    assert.deepEqual(Object.keys(trap).sort(), [...Object.keys(fw), 'forceTrap'].sort());
    for (const [name, value] of Object.entries(trapGlue)) {
      if (name === 'default' || name === 'initSync') assert.equal(trap[name], value, name);
      else if (name === '__wbg_reset_state') assert.ok(!(name in trap), 'the reset function stays internal');
      else if (name.startsWith('__')) assert.ok(!(name in trap), `the raw export ${name} stays internal`);
      else {
        assert.notEqual(trap[name], value, `${name} is guarded`);
        assert.equal(trap[name].name, name);
        assert.equal(trap[name].length, value.length, `${name} keeps its arity`);
      }
    }
  });

  test('kernels agree with the reference before any trap', () => {
    assertKernelsWork(trap, 'before a trap');
  });

  test('forceTrap() throws a plain Error naming forceTrap, caused by the RuntimeError, then every kernel works', () => {
    const cause = assertRecoveredTrap();
    assert.ok(cause instanceof WebAssembly.RuntimeError);
    assert.equal(cause.message, 'unreachable');
    assertKernelsWork(trap, 'after a trap');
  });

  test('each kind of trap is recovered: out-of-bounds load, stack overflow inside the wasm', () => {
    const outOfBounds = assertRecoveredTrap('outOfBounds');
    assert.ok(outOfBounds instanceof WebAssembly.RuntimeError);
    assert.match(outOfBounds.message, /out of bounds/);
    const overflow = assertRecoveredTrap('stackOverflow');
    assert.ok(overflow instanceof RangeError, `V8 reports running out of stack as a RangeError, got ${overflow}`);
    assert.match(overflow.message, /call stack/);
    assertKernelsWork(trap, 'after an out-of-bounds load and a stack overflow');
  });

  test('three traps in a row, each on a new instance, and it still works', () => {
    const memories = new Set([trap.wasmMemory()]);
    for (let i = 0; i < 3; i++) {
      assertRecoveredTrap();
      memories.add(trap.wasmMemory());
    }
    assert.equal(memories.size, 4);
    assertKernelsWork(trap, 'after three traps');
  });

  test('a validation error is the kernel\'s own Error and does not re-instantiate', () => {
    const memory = trap.wasmMemory();
    const empty = thrown(() => trap.mean([]));
    assert.equal(empty.constructor, RangeError);
    assert.equal(empty.message, 'mean: x must not be empty');
    assert.deepEqual(
      { kind: empty.kind, argument: empty.argument, detail: empty.detail, function: empty.function },
      { kind: 'value', argument: 'x', detail: 'must not be empty', function: 'mean' },
    );
    assert.equal(empty.cause, undefined, 'no trap behind it');
    const badKind = thrown(() => trap.forceTrap('segfault'));
    assert.equal(badKind.constructor, RangeError);
    assert.equal(
      badKind.message,
      'forceTrap: kind must be "unreachable", "outOfBounds" or "stackOverflow", got "segfault"',
    );
    assert.equal(badKind.function, 'forceTrap');
    const wrongType = thrown(() => trap.sum('1, 2'));
    assert.equal(wrongType.constructor, TypeError);
    assert.match(wrongType.message, /^sum: x\b/);
    assert.equal(trap.wasmMemory(), memory, 'same instance');
    assert.equal(trap.sum([1, 2, 3]), 6);
  });

  test('running out of stack in the caller\'s own JavaScript is not a trap and passes through', () => {
    const memory = trap.wasmMemory();
    // An input whose element getter recurses forever: the stack runs out in that getter.
    const endless = new Proxy([1, 2], {
      get: function get(target, key) {
        return key === '0' ? get(target, key) : Reflect.get(target, key);
      },
    });
    const err = thrown(() => trap.sum(endless));
    assert.ok(err instanceof RangeError, `got ${err}`);
    assert.match(err.message, /call stack/);
    assert.equal(trap.wasmMemory(), memory, 'same instance');
    assert.equal(trap.sum([1, 2, 3]), 6);
  });

  test('views on the old memory are stale after a trap; results and inputs are unaffected', () => {
    const view = new Float64Array(trap.wasmMemory().buffer, trap.scratch(0, 3 * 8), 3);
    view.set([1, 2, 4]);
    assert.equal(trap.sum(view), 7, 'a view on wasm memory is copied like any other typed array');
    const result = trap.sort([3, 1, 2]);
    assertRecoveredTrap();
    assert.notEqual(view.buffer, trap.wasmMemory().buffer, 'the view is on the old memory');
    assert.deepEqual([...view], [1, 2, 4], 'the old memory is left as it was');
    assert.equal(trap.sum(view), 7, 'a stale view is copied like any Float64Array');
    assert.deepEqual([...result], [1, 2, 3], 'results are copies, not views');
    const fresh = new Float64Array(trap.wasmMemory().buffer, trap.scratch(0, 2 * 8), 2);
    fresh.set([5, 6]);
    assert.equal(trap.dot(fresh, [1, 1]), 11);
  });
});

describe('the trap build, not re-instantiable (build/trap/no-reset, as pkg-mt/)', () => {
  test('a trap is reported with what to do, and every later call refuses', () => {
    assert.equal(noReset.sum([1, 2]), 3);
    assert.throws(() => noReset.mean([]), { message: /^mean: x\b/ });
    const err = thrown(() => noReset.forceTrap());
    assert.ok(err.cause instanceof WebAssembly.RuntimeError);
    assert.equal(
      err.message,
      'forceTrap: the WebAssembly instance trapped (unreachable); this build (memory shared with worker ' +
        'threads) cannot be re-instantiated, so reload the page or worker before calling fastwasm again',
    );
    for (const call of [() => noReset.sum([1, 2]), () => noReset.wasmMemory(), () => noReset.forceTrap()]) {
      const later = thrown(call);
      assert.match(
        later.message,
        /^\w+: the WebAssembly instance trapped earlier \(unreachable\) and cannot be re-instantiated; reload/,
      );
      assert.equal(later.cause, err.cause);
    }
  });
});

describe('pkg/ (what ships)', () => {
  test('fastwasm.js is the guarded wrapper of the reset-capable glue, with the same API', async () => {
    const glue = await import(path.join(PKG, 'fastwasm_glue.js'));
    assert.equal(typeof glue.__wbg_reset_state, 'function', 'the glue can re-instantiate');
    // The wrapper's API: the glue's exports without the internal ones (the reset function, the
    // raw region exports __fw… and the float32 variants __f32_…), plus the resident arrays of the
    // wrapper itself.
    const internal = (name) => name === '__wbg_reset_state' || name.startsWith('__fw') || name.startsWith('__f32_');
    assert.ok(Object.keys(glue).some((name) => name.startsWith('__fw')), 'the glue has raw exports');
    assert.equal(typeof glue.__f32_matmul, 'function', 'the glue has float32 variants');
    assert.ok(!('__f32_matmul' in fw), 'float32 variants are not public');
    const api = [...Object.keys(glue).filter((name) => !internal(name)), 'array', 'ResidentArray'];
    assert.deepEqual(Object.keys(fw).sort(), api.sort());
    assert.notEqual(fw.sum, glue.sum, 'sum is guarded');
    for (const name of ['default', 'initSync', 'wasmMemory', 'scratch', 'sum', 'wordCounts', 'array', 'ResidentArray']) {
      assert.equal(typeof fw[name], 'function', name);
    }
  });

  test('has no forceTrap, and neither has the Python package', () => {
    assert.ok(!('forceTrap' in fw));
    for (const wasm of [path.join(PKG, 'fastwasm_bg.wasm'), path.join(ROOT, 'python/fastwasm/fastwasm_bg.wasm')]) {
      const exports = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(wasm)));
      assert.ok(exports.some((e) => e.name === 'sum'), `${wasm} exports sum`);
      assert.ok(!exports.some((e) => /trap/i.test(e.name)), `${wasm} has no trap export`);
    }
    const trapWasm = fs.readFileSync(path.join(TRAP, 'web/fastwasm_bg.wasm'));
    const trapExports = WebAssembly.Module.exports(new WebAssembly.Module(trapWasm));
    assert.ok(trapExports.some((e) => e.name === 'forceTrap'), 'the check above can fail');
  });

  test('package.json ships every file the wrapper loads', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
    assert.equal(pkg.main, 'fastwasm.js');
    const needed = ['fastwasm.js', 'fastwasm.d.ts', 'fastwasm_glue.js', 'fastwasm_glue.d.ts', 'fastwasm_bg.wasm'];
    for (const file of needed) {
      assert.ok(pkg.files.includes(file), `${file} listed in "files"`);
      assert.ok(fs.existsSync(path.join(PKG, file)), `${file} exists`);
    }
    const wrapper = fs.readFileSync(path.join(PKG, 'fastwasm.js'), 'utf8');
    const imports = [...wrapper.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
    assert.ok(imports.length > 0);
    for (const file of imports) assert.ok(pkg.files.includes(file), `${file} imported and listed`);
  });
});
