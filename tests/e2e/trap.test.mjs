// A trap never takes the page down, in every engine (tests/e2e/engines.mjs): the trap test build
// (build/trap/web, from bash scripts/build-trap-test.sh, served at /trap/). forceTrap() must throw
// a clear Error after which the module is re-instantiated and every kernel family still agrees
// with the plain-JS baselines (www/baselines.js) on the benchmark suite's inputs, as
// tests/js/trap.test.mjs checks in Node.
//
//   bash scripts/build-trap-test.sh && node --test tests/e2e/trap.test.mjs   (FASTWASM_ENGINES=… narrows)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine } from './engines.mjs';

const TRAP_WEB = 'build/trap/web';
const RECOVERED =
  /^forceTrap: the WebAssembly instance trapped \((.+)\); fastwasm re-instantiated it, so later calls work$/;
/** What each engine throws for a trap: the message of `unreachable`, the class of a stack overflow. */
const TRAPS = {
  chromium: { unreachable: /^unreachable$/, stackOverflow: 'RangeError' },
  firefox: { unreachable: /^unreachable executed$/, stackOverflow: 'InternalError' },
  // JavaScriptCore adds the JS expression that called into wasm: "(evaluating 'wasm.forceTrap(…)')".
  webkit: { unreachable: /^Unreachable code should not be executed \(evaluating '[^']+'\)$/, stackOverflow: 'RangeError' },
};

/** In the page: loads the trap build and the reference, and defines the steps the test calls. */
async function setUpPage() {
  const fw = await import('/trap/fastwasm.js');
  await fw.default();
  const [{ FAMILIES, agree, makeInputs }, { BASELINES }, { wasmCalls }] = await Promise.all([
    import('/suite.js'),
    import('/baselines.js'),
    import('/wasm-calls.js'),
  ]);
  // `window`, not `globalThis`: Firefox runs WebDriver scripts in a sandbox whose own globals do
  // not outlive the script.
  window.trapSteps = {
    /** Families whose fastwasm result disagrees with plain JS (none when everything works). */
    disagreeing() {
      const calls = wasmCalls(fw);
      return FAMILIES.map((f) => f.id).filter((id) => {
        const inputs = makeInputs(id, 'small');
        return !agree(id, BASELINES[id](inputs), calls[id](inputs));
      });
    },
    /** What `fw[name](...args)` throws, and whether the instance (its memory) changed. */
    attempt(name, args) {
      const memory = fw.wasmMemory();
      try {
        return { threw: false, value: fw[name](...args) };
      } catch (err) {
        return {
          threw: true,
          isError: err instanceof Error,
          isRuntimeError: err instanceof WebAssembly.RuntimeError,
          message: err.message,
          cause: err.cause && { name: err.cause.constructor.name, message: err.cause.message },
          newInstance: fw.wasmMemory() !== memory && fw.wasmMemory() instanceof WebAssembly.Memory,
        };
      }
    },
  };
}

forEachEngine(
  {
    required: Object.fromEntries(
      ['fastwasm.js', 'fastwasm_glue.js', 'fastwasm_bg.wasm'].map((file) => [
        `${TRAP_WEB}/${file}`,
        'build it first with `bash scripts/build-trap-test.sh`',
      ]),
    ),
  },
  (env) => {
    test('after forced traps the page keeps working: a clear Error, then every kernel agrees with plain JS', async (t) => {
      const traps = TRAPS[env.engine];
      const page = await env.browser.newPage();
      try {
        await page.goto(new URL('tests/e2e/trap-page.html', env.server.url).href);
        await page.evaluate(setUpPage);
        const disagreeing = () => page.evaluate(() => window.trapSteps.disagreeing());
        const attempt = (name, ...args) => page.evaluate((n, a) => window.trapSteps.attempt(n, a), name, args);

        assert.deepEqual(await disagreeing(), [], 'before any trap');

        const first = await attempt('forceTrap');
        assert.equal(first.threw, true);
        assert.equal(first.isError, true);
        assert.equal(first.isRuntimeError, false);
        assert.match(first.message, RECOVERED);
        assert.equal(first.cause.name, 'RuntimeError');
        assert.match(first.cause.message, traps.unreachable);
        assert.equal(first.newInstance, true);
        assert.deepEqual(await disagreeing(), [], 'after a trap');

        for (let i = 0; i < 3; i++) {
          const again = await attempt('forceTrap');
          assert.match(again.message, RECOVERED, `trap ${i + 2}`);
          assert.equal(again.newInstance, true);
        }
        const outOfBounds = await attempt('forceTrap', 'outOfBounds');
        assert.match(outOfBounds.message, RECOVERED);
        assert.equal(outOfBounds.cause.name, 'RuntimeError');
        const overflow = await attempt('forceTrap', 'stackOverflow');
        assert.match(overflow.message, RECOVERED);
        assert.equal(overflow.cause.name, traps.stackOverflow);
        assert.equal(overflow.newInstance, true);
        assert.deepEqual(await disagreeing(), [], 'after five more traps');
        t.diagnostic(`${env.engine}: 6 traps recovered; every kernel family agreed with plain JS before and after`);

        const invalid = await attempt('mean', []);
        assert.equal(invalid.threw, true);
        assert.match(invalid.message, /^mean: x\b/);
        assert.equal(invalid.cause, undefined);
        assert.equal(invalid.newInstance, false, 'a validation error keeps the instance');
        assert.deepEqual(await attempt('levenshtein', 'kitten', 'sitting'), { threw: false, value: 3 });

        assert.ok(page.requests().includes('/trap/fastwasm_bg.wasm'), 'wasm loaded from the trap build');
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });
  },
);
