// Golden fixtures (tests/fixtures/golden.json, numpy results) against pkg/ through the JS API page
// (tests/e2e/golden.html, importing pkg/fastwasm.js), in Chromium, Firefox and WebKitGTK.
//
//   bash scripts/build.sh && node --test tests/e2e/golden.test.mjs     (FASTWASM_ENGINES narrows)
//
// Starts scripts/serve.mjs in-process on a free port with its test mount: pkg/ comes from /pkg/,
// the page, tests/js/golden.mjs and the fixtures from /tests/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine } from './engines.mjs';

const REQUIRED = {
  'pkg/fastwasm.js': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  'pkg/fastwasm_bg.wasm': 'build it first with `bash scripts/build.sh` (wasm-pack)',
};

forEachEngine({ required: REQUIRED }, (e2e) => {
  test('every golden case matches numpy, offline', async (t) => {
    const page = await e2e.browser.newPage();
    try {
      await page.goto(new URL('tests/e2e/golden.html', e2e.server.url).href);
      await page.waitForDone('golden page', 60_000);

      const result = await page.evaluate(() => globalThis.goldenResult);
      t.diagnostic(
        `${e2e.engine}: ${result.checked} cases (numpy ${result.numpy}), ${result.failures.length} failed, ` +
          `${result.nearTies} ambiguous image bytes off by one`,
      );
      assert.ok(result.total > 0, 'no cases in golden.json');
      assert.equal(result.checked, result.total);
      assert.equal(
        result.failures.length,
        0,
        `${result.failures.length} of ${result.checked} golden cases failed in ${e2e.engine}:\n` +
          result.failures.map((f) => `  ${f.name}: ${f.message}`).join('\n'),
      );

      assert.ok(page.requests().includes('/pkg/fastwasm_bg.wasm'), 'wasm loaded from /pkg/');
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });
});
