// No leaks in headless Chromium: the workload of tests/js/leak.test.mjs (100,000 mixed calls to
// every export after a warm-up at the largest sizes) in a page, against pkg/ from the server.
//
//   bash scripts/build.sh && node --test tests/e2e/leak.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port; pkg/ comes from its /pkg/ mount. The page
// (tests/e2e/leak-page.html) and the modules it needs from tests/js/ and www/ are routed from the
// repository at /repo/…. Needs /usr/bin/chromium (CHROMIUM=/path).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { LEAK_CALLS } from '../js/leak-workload.mjs';
import { ROOT, launchChromium, openPage, requireFile } from './browser.mjs';

/** Files the page may load from /repo/… (path relative to the repository). */
const ROUTED = ['tests/e2e/leak-page.html', 'tests/js/leak-workload.mjs', 'www/baselines.js', 'www/suite.js'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

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

test(`${LEAK_CALLS} mixed calls do not grow the wasm memory in headless Chromium`, async (t) => {
  const { context, page, requests, problems } = await openPage(browser);
  await page.route('**/repo/**', (route) => {
    const rel = new URL(route.request().url()).pathname.slice('/repo/'.length);
    if (!ROUTED.includes(rel)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[path.extname(rel)], body: fs.readFileSync(path.join(ROOT, rel)) });
  });
  try {
    await page.goto(new URL(`repo/tests/e2e/leak-page.html?calls=${LEAK_CALLS}&seed=2`, server.url).href);
    const handle = await page.waitForFunction(
      () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
      null,
      { timeout: 120_000, polling: 250 },
    );
    if ((await handle.jsonValue()) !== 'done') assert.fail(`leak page failed: ${await page.textContent('#out')}`);

    const result = await page.evaluate(() => globalThis.leakResult);
    const { memory } = result;
    t.diagnostic(
      `${result.calls} calls (+${result.warmupCalls} warm-up) in ${result.ms} ms: ${result.checked} checked, ` +
        `${result.errors} expected errors; memory ${memory.start} -> ${memory.afterWarmup} bytes after warm-up, ` +
        `${memory.end} at the end`,
    );
    assert.equal(result.calls, LEAK_CALLS);
    assert.equal(result.failureCount, 0, `${result.failureCount} wrong results:\n${result.failures.join('\n')}`);
    for (const name of result.kernels) {
      const s = result.perExport[name];
      assert.ok(s.calls > 0 && s.checked > 0, `${name}: ${s.calls} calls, ${s.checked} checked`);
    }
    for (const mark of memory.checkpoints) {
      assert.equal(mark.bytes, memory.afterWarmup, `wasm memory grew by ${mark.bytes - memory.afterWarmup} bytes by call ${mark.calls}`);
    }
    assert.equal(memory.end, memory.afterWarmup);

    assert.ok(requests.some((u) => u.endsWith('/pkg/fastwasm_bg.wasm')), 'wasm loaded from /pkg/');
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
  }
});
