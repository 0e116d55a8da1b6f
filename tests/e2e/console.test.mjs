// console.html (Pyodide on the main thread, the fastwasm wheel installed by micropip) in Chromium,
// Firefox and WebKitGTK: it evaluates Python with fastwasm; what the code prints to stdout and
// stderr appears in order, then the last value; an error shows its traceback from the console's
// code on (no Pyodide frames, one fastwasm frame); a missing module gets a note true for this
// offline page instead of Pyodide's micropip.install hint.
//
//   node --test tests/e2e/console.test.mjs     (FASTWASM_ENGINES narrows)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { WHEEL, forEachEngine } from './engines.mjs';

const REQUIRED = {
  'pkg/fastwasm.js': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  [WHEEL]: 'build it first with `bash scripts/build.sh`',
  'node_modules/pyodide/pyodide.mjs': 'run `npm ci`',
  'build/pyodide-wheels': 'run `bash scripts/install.sh` (micropip for Pyodide)',
};

/** Puts `code` in the text box, runs it, and returns the state and #out's parts as [class, text] pairs. */
async function runInConsole(page, code) {
  await page.evaluate((source) => {
    const box = document.querySelector('#code');
    box.value = source;
    box.dispatchEvent(new Event('input', { bubbles: true }));
    document.body.dataset.state = 'submitted';
  }, code);
  await page.click('#run');
  const state = await page.waitFor(
    () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
    { timeout: 60_000, what: 'the console to run the code' },
  );
  const parts = await page.evaluate(() => [...document.querySelectorAll('#out > span')].map((s) => [s.className, s.textContent]));
  return { state, parts };
}

forEachEngine({ required: REQUIRED }, (e2e) => {
  let page;

  before(async () => {
    page = await e2e.browser.newPage({ width: 900, height: 700 });
    const t0 = Date.now();
    await page.goto(`${e2e.server.url}console.html`);
    await page.waitForDone('console page', 180_000);
    // The code in the box on load: fastwasm.sum([1.0, 2.0]).
    assert.equal((await page.text('#out')).trim(), '3.0');
    process.stdout.write(`# ${e2e.engine}: console ready in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  });
  after(() => page?.close());

  test('fastwasm values, offline', async () => {
    assert.deepEqual(await runInConsole(page, 'import fastwasm\nfastwasm.dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])'), {
      state: 'done',
      parts: [['value', '32.0']],
    });
    assert.deepEqual((await runInConsole(page, 'fastwasm.sort([3.0, -1.0, 2.0])')).parts, [['value', 'array([-1.,  2.,  3.])']]);
    const requests = page.requests();
    assert.ok(requests.some((u) => u.includes('/pyodide/pyodide.asm.wasm')), 'Pyodide loaded from /pyodide/');
    assert.ok(requests.some((u) => u.endsWith(`/dist/${path.basename(WHEEL)}`)), 'wheel loaded from /dist/');
    assert.deepEqual(await page.problems(), []);
  });

  test('print() output and stderr come first, in the order written, then the value', async () => {
    const run = await runInConsole(
      page,
      'import sys, fastwasm\nprint("first")\nprint("warned", file=sys.stderr)\nprint("second", end="")\nprint(" line")\nfastwasm.mean([1, 2, 4])',
    );
    assert.equal(run.state, 'done');
    assert.deepEqual(run.parts, [
      ['stdout', 'first\n'],
      ['stderr', 'warned\n'],
      ['stdout', 'second line\n'],
      ['value', '2.3333333333333335'],
    ]);
  });

  test('output without a value, and no output at all', async () => {
    assert.deepEqual((await runInConsole(page, 'for i in range(3): print(i)')).parts, [['stdout', '0\n1\n2\n']]);
    assert.deepEqual((await runInConsole(page, 'x = 1')).parts, [['none', '(no value)']]);
    // The namespace persists between runs.
    assert.deepEqual((await runInConsole(page, 'x + 1')).parts, [['value', '2']]);
  });

  test('an error shows the output before it, then its traceback from the console code on', async () => {
    const run = await runInConsole(page, 'import fastwasm\nprint("before")\nfastwasm.mean([])');
    assert.equal(run.state, 'error');
    assert.deepEqual(run.parts.map(([kind]) => kind), ['stdout', 'traceback']);
    assert.equal(run.parts[0][1], 'before\n');
    const tb = run.parts[1][1];
    assert.match(tb, /^Traceback \(most recent call last\):\n {2}File "<console>", line 3, in <module>\n {4}fastwasm\.mean\(\[\]\)\n/);
    assert.match(tb, /fastwasm\/__init__\.py", line \d+, in mean\n/);
    assert.match(tb, /\nValueError: mean: x must not be empty$/);
    assert.equal(tb.match(/ File "/g).length, 2, tb); // the console line and fastwasm.mean, nothing else
    assert.ok(!tb.includes('_pyodide') && !tb.includes('_convert.py'), tb);
    assert.match(await page.text('#status'), /exception/);

    const syntax = await runInConsole(page, 'x = (1,');
    assert.equal(syntax.state, 'error');
    assert.match(syntax.parts[0][1], /File "<console>", line 1[\s\S]*SyntaxError/);
  });

  test('import numpy explains that this offline page has none (not a micropip.install hint)', async () => {
    const run = await runInConsole(page, 'import numpy');
    assert.equal(run.state, 'error');
    const tb = run.parts.at(-1)[1];
    assert.match(tb, /ModuleNotFoundError: No module named 'numpy'/);
    assert.match(tb, /served offline by this server, which has wheels only for micropip and fastwasm/);
    assert.match(tb, /fastwasm works without numpy/);
    assert.ok(!tb.includes('await micropip.install("numpy") in Python'), tb);
    assert.ok(!tb.includes('pyodide.org'), tb);
    // The page recovers.
    assert.deepEqual((await runInConsole(page, 'fastwasm.sum([1, 2])')).parts, [['value', '3.0']]);
    assert.deepEqual(await page.problems(), []);
  });

  test('micropip.install of a package this page lacks fails without reaching the internet', async () => {
    const run = await runInConsole(page, 'import micropip\nawait micropip.install("requests-toolbelt")');
    assert.equal(run.state, 'error');
    assert.match(run.parts.at(-1)[1], /ValueError: Can't fetch metadata for 'requests-toolbelt'/);
    await page.screenshot(e2e.screenshotPath('console'));
    assert.deepEqual(await page.problems(), []);
  });
});
