// No leaks in headless Chromium: the workload of tests/js/leak.test.mjs (100,000 mixed calls to
// every export after a warm-up at the largest sizes) in a page, against pkg/ from the server.
//
//   bash scripts/build.sh && node --test tests/e2e/leak.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port; pkg/ comes from its /pkg/ mount. The page
// (tests/e2e/leak-page.html) and the modules it needs from tests/js/ and www/ are routed from the
// repository at /repo/…. Needs /usr/bin/chromium (CHROMIUM=/path).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEAK_CALLS, describeLeakRun, leakProblems } from '../js/leak-workload.mjs';
import { PKG_FILES, openPage, routeFiles, serveAndLaunch, waitForDone } from './browser.mjs';

/** Files the page may load from /repo/… (path relative to the repository). */
const ROUTED = [
  'tests/e2e/leak-page.html',
  'tests/e2e/page-run.mjs',
  'tests/js/leak-workload.mjs',
  'www/baselines.js',
  'www/suite.js',
];

const e2e = serveAndLaunch(PKG_FILES);

test(`${LEAK_CALLS} mixed calls do not grow the wasm memory in headless Chromium`, async (t) => {
  const { context, page, requests, problems } = await openPage(e2e.browser);
  await routeFiles(page, '/repo/', ROUTED);
  try {
    await page.goto(new URL(`repo/tests/e2e/leak-page.html?calls=${LEAK_CALLS}&seed=2`, e2e.server.url).href);
    await waitForDone(page, 'leak page', 120_000);

    const result = await page.evaluate(() => globalThis.leakResult);
    t.diagnostic(describeLeakRun(result));
    assert.deepEqual(leakProblems(result, LEAK_CALLS, result.kernels), []);
    assert.ok(result.regions, 'resident regions counted (the glue\'s __fwRegionCount)');

    assert.ok(requests.some((u) => u.endsWith('/pkg/fastwasm_bg.wasm')), 'wasm loaded from /pkg/');
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
  }
});
