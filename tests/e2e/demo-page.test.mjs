// The demo page's layout and reach, in every engine, without running the benchmark: the gallery's
// placeholders and captions before a run, a timing cell's samples opened by keyboard and by a tap
// (a <details> disclosure, not only a hover title), and where the core count comes from.
//
//   node --test tests/e2e/demo-page.test.mjs        (FASTWASM_ENGINES=webkit narrows)
//
// Times are put in through window.fastwasmBench.setNative, which fills the native column with the
// same cells a run fills, so no worker starts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Key } from 'selenium-webdriver';
import { forEachEngine } from './engines.mjs';

/** One native timing per row of the table shown before a run, the first with awkward times. */
function injectTimings() {
  const rows = [...document.querySelectorAll('#results tbody tr')].map((tr, i) => ({
    family: tr.dataset.family,
    size: tr.dataset.size,
    median: i === 0 ? 0.9996 : 2,
    min: i === 0 ? 0.0123 : 1,
    max: i === 0 ? 1.5 : 3,
    runs: 3,
    times: i === 0 ? [0.0123, 0.9996, 1.5] : [1, 2, 3],
  }));
  window.fastwasmBench.setNative(rows);
  return rows.length;
}

forEachEngine({ required: { 'pkg/fastwasm.js': 'run bash scripts/build.sh' } }, (env) => {
  test('before a run: each placeholder is one line, the captions start level', async () => {
    const page = await env.browser.newPage({ width: 1100, height: 900 });
    try {
      await page.goto(env.server.url);
      await page.waitFor(() => window.fastwasmBench && document.body.dataset.state === 'idle', { what: 'the demo page' });
      const layout = await page.evaluate(() => ({
        placeholders: [...document.querySelectorAll('.placeholder')].map((p) => ({
          text: p.textContent.trim(),
          lines: p.querySelector('span').getClientRects().length,
        })),
        captions: [...document.querySelectorAll('.gallery figcaption')].map((c) => c.getBoundingClientRect().top),
      }));
      assert.deepEqual(layout.placeholders, [
        { text: 'Run mandelbrot to draw the set.', lines: 1 },
        { text: 'Run gaussian blur to see before and after.', lines: 1 },
      ]);
      assert.equal(layout.captions.length, 2);
      assert.ok(Math.abs(layout.captions[0] - layout.captions[1]) < 1, `captions level (tops ${layout.captions})`);
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test('a timing cell opens its samples by keyboard and by a tap', async () => {
    const page = await env.browser.newPage({ width: 1100, height: 900 });
    try {
      await page.goto(env.server.url);
      await page.waitFor(() => window.fastwasmBench && document.body.dataset.state === 'idle', { what: 'the demo page' });
      assert.ok((await page.evaluate(injectTimings)) >= 2, 'the table has rows before a run');
      const first = '#results tbody tr:first-child td[data-impl="native"]';
      const second = '#results tbody tr:nth-child(2) td[data-impl="native"]';
      const cell = (sel) =>
        page.evaluate((s) => {
          const td = document.querySelector(s);
          const details = td.querySelector('details');
          return {
            time: td.querySelector('.t').textContent,
            range: td.querySelector('.r').textContent,
            open: details?.open ?? null,
            shown: details ? td.querySelector('.more').checkVisibility() : false,
            more: td.querySelector('.more')?.textContent ?? '',
          };
        }, sel);
      assert.deepEqual(await cell(first), {
        time: '1.00 ms',
        range: '12.3 µs–1.50 ms',
        open: false,
        shown: false,
        more: 'native Rust: median of 3 timed samples after a warm-upsamples: 12.3 µs, 1.00 ms, 1.50 ms',
      });

      // Keyboard: the summary takes focus, and Enter opens it.
      const focused = await page.evaluate((s) => {
        const summary = document.querySelector(`${s} summary`);
        summary.focus();
        return document.activeElement === summary;
      }, first);
      assert.ok(focused, 'the cell takes keyboard focus');
      await page.driver.switchTo().activeElement().sendKeys(Key.ENTER);
      await page.waitFor((s) => document.querySelector(`${s} details`).open, { what: 'the samples opened by Enter', args: [first] });
      assert.equal((await cell(first)).shown, true);

      // Touch or mouse: a tap on another cell opens it too.
      await page.click(`${second} summary`);
      await page.waitFor((s) => document.querySelector(`${s} details`).open, { what: 'the samples opened by a tap', args: [second] });
      assert.match((await cell(second)).more, /samples: 1\.00 ms, 2\.00 ms, 3\.00 ms/);
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });

  test('the environment panel says the core count is the browser\'s', async () => {
    const page = await env.browser.newPage({ width: 1100, height: 900 });
    try {
      await page.goto(env.server.url);
      await page.waitFor(() => /Logical cores/.test(document.querySelector('#env').textContent), { what: 'the environment panel' });
      const { text, cores } = await page.evaluate(() => ({
        text: document.querySelector('#env').textContent,
        cores: navigator.hardwareConcurrency,
      }));
      assert.match(text, new RegExp(`Logical cores${cores}, as reported by the browser \\(navigator\\.hardwareConcurrency\\)`));
      assert.deepEqual(await page.problems(), []);
    } finally {
      await page.close();
    }
  });
});
