// console.html (Pyodide on the main thread) in headless Chromium: what the code prints to stdout and
// stderr appears in order, then the last value; an error shows its traceback from the console's code
// on (no Pyodide frames, one fastwasm frame); a missing module gets a note true for this offline
// page instead of Pyodide's micropip.install hint.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PKG_FILES, WHEEL, openPage, serveAndLaunch } from './browser.mjs';

const e2e = serveAndLaunch({ ...PKG_FILES, [WHEEL]: 'build it first with `bash scripts/build.sh`' });

let session;

/** Puts `code` in the text box, runs it, and returns #out's parts as [class, text] pairs. */
async function runInConsole(code) {
  const { page } = session;
  await page.fill('#code', code);
  await page.click('#run');
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state), null, { timeout: 60_000 });
  const parts = await page.$$eval('#out > span', (spans) => spans.map((s) => [s.className, s.textContent]));
  return { state: await page.evaluate(() => document.body.dataset.state), parts, text: await page.textContent('#out') };
}

describe('console page', () => {
  before(async () => {
    session = await openPage(e2e.browser, { width: 900, height: 700 });
    await session.page.goto(`${e2e.server.url}console.html`);
    await session.page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout: 120_000 });
    assert.equal((await session.page.textContent('#out')).trim(), '3.0');
  });
  after(() => session?.context.close());

  test('print() output and stderr come first, in the order written, then the value', async () => {
    const run = await runInConsole(
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
    assert.deepEqual((await runInConsole('for i in range(3): print(i)')).parts, [['stdout', '0\n1\n2\n']]);
    assert.deepEqual((await runInConsole('x = 1')).parts, [['none', '(no value)']]);
    // The namespace persists between runs.
    assert.deepEqual((await runInConsole('x + 1')).parts, [['value', '2']]);
  });

  test('an error shows the output before it, then its traceback from the console code on', async () => {
    const run = await runInConsole('import fastwasm\nprint("before")\nfastwasm.mean([])');
    assert.equal(run.state, 'error');
    assert.deepEqual(run.parts.map(([kind]) => kind), ['stdout', 'traceback']);
    assert.equal(run.parts[0][1], 'before\n');
    const tb = run.parts[1][1];
    assert.match(tb, /^Traceback \(most recent call last\):\n {2}File "<console>", line 3, in <module>\n {4}fastwasm\.mean\(\[\]\)\n/);
    assert.match(tb, /fastwasm\/__init__\.py", line \d+, in mean\n/);
    assert.match(tb, /\nValueError: mean: x must not be empty$/);
    assert.equal(tb.match(/ File "/g).length, 2, tb); // the console line and fastwasm.mean, nothing else
    assert.ok(!tb.includes('_pyodide') && !tb.includes('_convert.py'), tb);

    const syntax = await runInConsole('x = (1,');
    assert.equal(syntax.state, 'error');
    assert.match(syntax.parts[0][1], /File "<console>", line 1[\s\S]*SyntaxError/);
  });

  test('import numpy explains that this offline page has none (not a micropip.install hint)', async () => {
    const run = await runInConsole('import numpy');
    assert.equal(run.state, 'error');
    const tb = run.parts.at(-1)[1];
    assert.match(tb, /ModuleNotFoundError: No module named 'numpy'/);
    assert.match(tb, /served offline by this server, which has wheels only for micropip and fastwasm/);
    assert.match(tb, /fastwasm works without numpy/);
    assert.ok(!tb.includes('await micropip.install("numpy") in Python'), tb);
    assert.ok(!tb.includes('pyodide.org'), tb);
    // The page recovers.
    assert.deepEqual((await runInConsole('fastwasm.sum([1, 2])')).parts, [['value', '3.0']]);
    assert.deepEqual(session.problems(), []);
  });

  test('micropip.install of a package this page lacks fails without reaching the internet', async () => {
    const run = await runInConsole('import micropip\nawait micropip.install("requests-toolbelt")');
    assert.equal(run.state, 'error');
    assert.match(run.parts.at(-1)[1], /ValueError: Can't fetch metadata for 'requests-toolbelt'/);
    assert.deepEqual(session.problems(), []);
  });
});
