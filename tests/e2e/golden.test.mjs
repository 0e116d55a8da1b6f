// Golden fixtures (tests/fixtures/golden.json, numpy results) against pkg/ in headless Chromium.
//
//   bash scripts/build.sh && node --test tests/e2e/golden.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port; pkg/ comes from its /pkg/ mount. The page
// (tests/e2e/golden.html), the shared runner (tests/js/golden.mjs) and the fixtures are not under
// any mount, so they are routed from disk at /golden/…. Needs /usr/bin/chromium (CHROMIUM=/path).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PKG_FILES, openPage, routeFiles, serveAndLaunch, waitForDone } from './browser.mjs';

/** What /golden/… serves (name → path in the repository). */
const ROUTED = {
  'index.html': 'tests/e2e/golden.html',
  'golden.mjs': 'tests/js/golden.mjs',
  'golden.json': 'tests/fixtures/golden.json',
  'page-run.mjs': 'tests/e2e/page-run.mjs',
};

const e2e = serveAndLaunch(PKG_FILES);

test('every golden case matches numpy in headless Chromium, offline', async (t) => {
  const { context, page, requests, problems } = await openPage(e2e.browser);
  await routeFiles(page, '/golden/', ROUTED);
  try {
    await page.goto(new URL('golden/index.html', e2e.server.url).href);
    await waitForDone(page, 'golden page', 60_000);

    const result = await page.evaluate(() => globalThis.goldenResult);
    t.diagnostic(
      `${result.checked} cases (numpy ${result.numpy}), ${result.failures.length} failed, ` +
        `${result.nearTies} ambiguous image bytes off by one`,
    );
    assert.ok(result.total > 0, 'no cases in golden.json');
    assert.equal(result.checked, result.total);
    assert.equal(
      result.failures.length,
      0,
      `${result.failures.length} of ${result.checked} golden cases failed in Chromium:\n` +
        result.failures.map((f) => `  ${f.name}: ${f.message}`).join('\n'),
    );

    assert.ok(requests.some((u) => u.endsWith('/pkg/fastwasm_bg.wasm')), 'wasm loaded from /pkg/');
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
  }
});
