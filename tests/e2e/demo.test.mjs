// Browser tests of the demo page (www/) and the main-thread Python console, in headless Chromium.
//
//   node --test tests/e2e/
//
// Needs pkg/ (wasm-pack build) and python/dist/*.whl (scripts/build.sh) and /usr/bin/chromium
// (override with CHROMIUM=/path). Starts scripts/serve.mjs in-process on a free port.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, launchChromium, openPage, requireFile } from './browser.mjs';

const WHEEL = 'python/dist/fastwasm-0.1.0-py3-none-any.whl';
const KERNELS = ['sum', 'mean', 'dot', 'mandelbrot', 'primes'];
const IMPLS = ['js', 'wasm-js', 'py', 'wasm-py'];
const SCREENSHOT = path.join(ROOT, 'test-results/demo.png');

let server;
let browser;

before(async () => {
  requireFile('pkg/fastwasm.js', 'build it first with `bash scripts/build.sh` (wasm-pack)');
  requireFile('pkg/fastwasm_bg.wasm', 'build it first with `bash scripts/build.sh` (wasm-pack)');
  requireFile(WHEEL, 'build the wheel first with `bash scripts/build.sh`');
  requireFile('node_modules/pyodide/pyodide.mjs', 'run `npm ci`');

  server = await startServer({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for body[data-state] to become "done"; fails early with the page's message on "error". */
async function waitForDone(page, timeout) {
  const handle = await page.waitForFunction(
    () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
    null,
    { timeout, polling: 250 },
  );
  const state = await handle.jsonValue();
  if (state !== 'done') {
    const message = await page.evaluate(
      () => document.querySelector('#error:not([hidden]), #out')?.textContent ?? '(no message)',
    );
    assert.fail(`page finished in state "${state}": ${message}`);
  }
}

describe('demo page', () => {
  test('runs all kernels in all four implementations, offline, and they agree', async () => {
    const { context, page, requests, problems } = await openPage(browser);
    try {
      await page.goto(`${server.url}?autorun`);
      await waitForDone(page, 240_000);

      assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'crossOriginIsolated');

      const rows = await page.$$eval('#results tbody tr', (trs) =>
        trs.map((tr) => ({
          kernel: tr.dataset.kernel,
          cells: Object.fromEntries(
            [...tr.querySelectorAll('td[data-impl]')].map((td) => [
              td.dataset.impl,
              { text: td.querySelector('.time')?.textContent ?? '', result: td.dataset.result ?? '', time: td.dataset.time },
            ]),
          ),
          agree: tr.querySelector('td.agree')?.textContent.trim(),
        })),
      );
      assert.deepEqual(rows.map((r) => r.kernel), KERNELS);
      for (const row of rows) {
        assert.deepEqual(Object.keys(row.cells).sort(), [...IMPLS].sort(), `${row.kernel}: implementation cells`);
        for (const impl of IMPLS) {
          const cell = row.cells[impl];
          assert.match(cell.text, /^\d+(\.\d+)? ms$/, `${row.kernel}/${impl}: time shown`);
          assert.ok(Number(cell.time) >= 0, `${row.kernel}/${impl}: data-time`);
          assert.notEqual(cell.result, '', `${row.kernel}/${impl}: data-result`);
        }
        assert.equal(row.agree, '✓', `${row.kernel}: results agree (${JSON.stringify(row.cells)})`);
      }
      // Known answers, as a check on the table itself.
      const primes = rows.find((r) => r.kernel === 'primes');
      assert.match(primes.cells['wasm-js'].result, /^len=78498;/);

      const env = await page.textContent('#env');
      assert.match(env, /crossOriginIsolated: yes/);
      assert.match(env, /Pyodide/);

      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      assert.ok(requests.some((u) => u.includes('/pyodide/pyodide.asm.wasm')), 'Pyodide loaded from /pyodide/');
      assert.ok(requests.some((u) => u.endsWith('/dist/fastwasm-0.1.0-py3-none-any.whl')), 'wheel loaded from /dist/');
      assert.deepEqual(problems(), []);
    } finally {
      await context.close();
    }
  });
});

describe('console page', () => {
  test('Pyodide on the main thread installs the wheel and runs fastwasm.sum', async () => {
    const { context, page, problems } = await openPage(browser, { width: 800, height: 600 });
    try {
      await page.goto(`${server.url}console.html`);
      await waitForDone(page, 120_000);
      assert.equal((await page.textContent('#out')).trim(), '3.0');
      assert.deepEqual(problems(), []);
    } finally {
      await context.close();
    }
  });
});
