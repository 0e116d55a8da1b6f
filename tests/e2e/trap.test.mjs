// A trap never takes the page down: the trap test build (build/trap/web, from
// bash scripts/build-trap-test.sh) in headless Chromium. forceTrap() must throw a clear Error after
// which the module is re-instantiated and every kernel family still agrees with the plain-JS
// baselines (www/baselines.js) on the benchmark suite's inputs, as tests/js/trap.test.mjs checks
// in Node.
//
//   bash scripts/build-trap-test.sh && node --test tests/e2e/trap.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port (www/ at /, so /suite.js, /baselines.js and
// /wasm-calls.js); build/trap/web is not under any mount, so the page routes /trap/… from disk.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openPage, serveAndLaunch } from './browser.mjs';

const TRAP_WEB = 'build/trap/web';
const CONTENT_TYPES = { '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm' };
const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fastwasm trap</title></head><body></body></html>';
const RECOVERED =
  /^forceTrap: the WebAssembly instance trapped \((.+)\); fastwasm re-instantiated it, so later calls work$/;

const e2e = serveAndLaunch(
  Object.fromEntries(
    ['fastwasm.js', 'fastwasm_glue.js', 'fastwasm_bg.wasm'].map((file) => [
      `${TRAP_WEB}/${file}`,
      'build it first with `bash scripts/build-trap-test.sh`',
    ]),
  ),
);

/** Serves /trap/index.html (an empty page) and /trap/<file> from build/trap/web. */
async function routeTrapBuild(page) {
  await page.route('**/trap/*', async (route) => {
    const name = path.basename(new URL(route.request().url()).pathname);
    if (name === 'index.html') {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE });
    }
    const file = path.join(ROOT, TRAP_WEB, name);
    const type = CONTENT_TYPES[path.extname(name)];
    if (!type || !fs.existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
  });
}

/** In the page: loads the trap build and the reference, and defines the steps the test calls. */
function setUpPage() {
  return (async () => {
    const fw = await import('/trap/fastwasm.js');
    await fw.default();
    const [{ FAMILIES, agree, makeInputs }, { BASELINES }, { wasmCalls }] = await Promise.all([
      import('/suite.js'),
      import('/baselines.js'),
      import('/wasm-calls.js'),
    ]);
    globalThis.trapSteps = {
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
  })();
}

test('after forced traps the page keeps working: a clear Error, then every kernel agrees with plain JS', async (t) => {
  const { context, page, requests, problems } = await openPage(e2e.browser);
  await routeTrapBuild(page);
  try {
    await page.goto(new URL('trap/index.html', e2e.server.url).href);
    await page.evaluate(setUpPage);
    const disagreeing = () => page.evaluate(() => globalThis.trapSteps.disagreeing());
    const attempt = (name, ...args) => page.evaluate(([n, a]) => globalThis.trapSteps.attempt(n, a), [name, args]);

    assert.deepEqual(await disagreeing(), [], 'before any trap');

    const first = await attempt('forceTrap');
    assert.equal(first.threw, true);
    assert.equal(first.isError, true);
    assert.equal(first.isRuntimeError, false);
    assert.match(first.message, RECOVERED);
    assert.deepEqual(first.cause, { name: 'RuntimeError', message: 'unreachable' });
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
    assert.equal(overflow.cause.name, 'RangeError');
    assert.equal(overflow.newInstance, true);
    assert.deepEqual(await disagreeing(), [], 'after five more traps');
    t.diagnostic('6 traps recovered; every kernel family agreed with plain JS before and after');

    const invalid = await attempt('mean', []);
    assert.equal(invalid.threw, true);
    assert.match(invalid.message, /^mean: x\b/);
    assert.equal(invalid.cause, undefined);
    assert.equal(invalid.newInstance, false, 'a validation error keeps the instance');
    assert.deepEqual(await attempt('levenshtein', 'kitten', 'sitting'), { threw: false, value: 3 });

    assert.ok(requests.some((u) => u.endsWith('/trap/fastwasm_bg.wasm')), 'wasm loaded from the trap build');
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
  }
});
