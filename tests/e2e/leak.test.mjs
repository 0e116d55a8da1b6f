// No leaks, in Chromium, Firefox and WebKitGTK: the workload of tests/js/leak.test.mjs (100,000
// mixed calls to every export after a warm-up at the largest sizes) in a page, against pkg/ from
// the server.
//
//   bash scripts/build.sh && node --test tests/e2e/leak.test.mjs     (FASTWASM_ENGINES narrows)
//
// Starts scripts/serve.mjs in-process on a free port with its test mount: pkg/ comes from /pkg/,
// the page (tests/e2e/leak-page.html) and the workload from /tests/, the www/ modules it imports
// from /www/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEAK_CALLS, describeLeakRun, leakProblems } from '../js/leak-workload.mjs';
import { forEachEngine } from './engines.mjs';

const REQUIRED = {
  'pkg/fastwasm.js': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  'pkg/fastwasm_bg.wasm': 'build it first with `bash scripts/build.sh` (wasm-pack)',
};

forEachEngine({ required: REQUIRED }, (e2e) => {
  test(`${LEAK_CALLS} mixed calls do not grow the wasm memory`, async (t) => {
    const page = await e2e.browser.newPage();
    try {
      await page.goto(new URL(`tests/e2e/leak-page.html?calls=${LEAK_CALLS}&seed=2`, e2e.server.url).href);
      await page.waitForDone('leak page', 180_000);

      const result = await page.evaluate(() => globalThis.leakResult);
      t.diagnostic(`${e2e.engine}: ${describeLeakRun(result)}`);
      assert.deepEqual(leakProblems(result, LEAK_CALLS, result.kernels), []);
      assert.ok(result.regions, "resident regions counted (the glue's __fwRegionCount)");

      assert.ok(page.requests().includes('/pkg/fastwasm_bg.wasm'), 'wasm loaded from /pkg/');
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });
});
