// Golden fixtures (tests/fixtures/golden.json, numpy results) against pkg/ in headless Chromium.
//
//   bash scripts/build.sh && node --test tests/e2e/golden.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port; pkg/ comes from its /pkg/ mount. The page
// (tests/e2e/golden.html), the shared runner (tests/js/golden.mjs) and the fixtures are not under
// any mount, so they are routed from disk at /golden/…. Needs /usr/bin/chromium (CHROMIUM=/path).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, launchChromium, openPage, requireFile } from './browser.mjs';

const ROUTED = {
  '/golden/index.html': ['tests/e2e/golden.html', 'text/html; charset=utf-8'],
  '/golden/golden.mjs': ['tests/js/golden.mjs', 'text/javascript; charset=utf-8'],
  '/golden/golden.json': ['tests/fixtures/golden.json', 'application/json'],
};

let server;
let browser;

before(async () => {
  for (const rel of ['pkg/fastwasm.js', 'pkg/fastwasm_bg.wasm']) {
    requireFile(rel, 'build it first with `bash scripts/build.sh` (wasm-pack)');
  }
  server = await startServer({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('every golden case matches numpy in headless Chromium, offline', async (t) => {
  const { context, page, requests, problems } = await openPage(browser);
  await page.route('**/golden/*', async (route) => {
    const { pathname } = new URL(route.request().url());
    const entry = ROUTED[pathname];
    if (!entry) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: entry[1],
      body: fs.readFileSync(path.join(ROOT, entry[0])),
    });
  });
  try {
    await page.goto(new URL('golden/index.html', server.url).href);
    const handle = await page.waitForFunction(
      () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
      null,
      { timeout: 60_000, polling: 100 },
    );
    const state = await handle.jsonValue();
    if (state !== 'done') assert.fail(`golden page failed: ${await page.textContent('#out')}`);

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
