// The Python console page (www/console.html: Pyodide on the main thread, the fastwasm wheel
// installed by micropip), in Chromium, Firefox and WebKitGTK: it evaluates Python with fastwasm,
// shows a value and an exception.
//
//   node --test tests/e2e/console.test.mjs     (FASTWASM_ENGINES narrows)
//
// Needs pkg/ and the wheel (scripts/build.sh) and node_modules (npm ci: Pyodide).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { WHEEL, forEachEngine } from './engines.mjs';

const REQUIRED = {
  [WHEEL]: 'build the wheel first with `bash scripts/build.sh`',
  'node_modules/pyodide/pyodide.mjs': 'run `npm ci`',
  'build/pyodide-wheels': 'run `bash scripts/install.sh` (micropip for Pyodide)',
};

/** Replaces the code in the text box, clicks Run, and returns { state, out } once it has run. */
async function runCode(page, code) {
  await page.evaluate((source) => {
    document.querySelector('#code').value = source;
    document.body.dataset.state = 'running';
  }, code);
  await page.click('#run');
  const state = await page.waitFor(
    () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
    { timeout: 30_000, what: 'the console to run the code' },
  );
  return { state, out: (await page.text('#out')).trim() };
}

forEachEngine({ required: REQUIRED }, (e2e) => {
  test('console.html: Pyodide installs the wheel, shows values and exceptions, offline', async (t) => {
    const page = await e2e.browser.newPage({ width: 800, height: 600 });
    try {
      const t0 = Date.now();
      await page.goto(`${e2e.server.url}console.html`);
      await page.waitForDone('console page', 180_000);
      t.diagnostic(`${e2e.engine}: Python ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      // The code in the box on load: fastwasm.sum([1.0, 2.0]).
      assert.equal((await page.text('#out')).trim(), '3.0');

      assert.deepEqual(await runCode(page, 'import fastwasm\nfastwasm.dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])'), {
        state: 'done',
        out: '32.0',
      });
      assert.deepEqual(await runCode(page, 'fastwasm.sort([3.0, -1.0, 2.0])'), {
        state: 'done',
        out: '[-1.0, 2.0, 3.0]',
      });
      // The namespace persists between runs; a statement has no value.
      assert.deepEqual(await runCode(page, 'x = fastwasm.mean([2.0, 4.0])'), { state: 'done', out: '(no value)' });
      assert.deepEqual(await runCode(page, 'x'), { state: 'done', out: '3.0' });

      const failed = await runCode(page, 'fastwasm.dot([1.0, 2.0], [1.0])');
      assert.equal(failed.state, 'error');
      assert.match(failed.out, /ValueError: .*\bb\b/, 'the exception, naming the argument');
      assert.match(await page.text('#status'), /raised an exception/);

      const requests = page.requests();
      assert.ok(requests.some((u) => u.includes('/pyodide/pyodide.asm.wasm')), 'Pyodide loaded from /pyodide/');
      assert.ok(requests.some((u) => u.endsWith(`/dist/${path.basename(WHEEL)}`)), 'wheel loaded from /dist/');
      await page.screenshot(e2e.screenshotPath('console'));
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test('console.html shows print() output', { todo: 'enable once console.html shows print() output (issue 14)' }, async () => {
    const page = await e2e.browser.newPage({ width: 800, height: 600 });
    try {
      await page.goto(`${e2e.server.url}console.html`);
      await page.waitForDone('console page', 180_000);
      const { state, out } = await runCode(page, 'print("hello from", fastwasm.sum([1.0, 2.0]))\n40 + 2');
      assert.equal(state, 'done');
      assert.match(out, /hello from 3\.0/, 'the printed line');
      assert.match(out, /42/, 'and the value of the last line');
    } finally {
      await page.close();
    }
  });
});
