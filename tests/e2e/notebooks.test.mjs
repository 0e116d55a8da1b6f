// Runs every example notebook in the JupyterLite site (build/lite, from notebooks/) in headless
// Chromium: every cell must run without an error output, the outputs must hold the expected values,
// and no request may leave 127.0.0.1.
//
//   node --test tests/e2e/notebooks.test.mjs
//
// Needs build/lite (scripts/build.sh) and /usr/bin/chromium (override with CHROMIUM=/path).
// Screenshots go to test-results/notebook-<name>.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, openPage, serveAndLaunch } from './browser.mjs';

const NOTEBOOKS = fs
  .readdirSync(path.join(ROOT, 'notebooks'))
  .filter((name) => name.endsWith('.ipynb'))
  .sort();
const RUN_TIMEOUT = 240_000;

/**
 * What each example notebook must show, checked on its outputs after "Run All". `results` maps a
 * cell's last source line to the text of its execute_result; `text` strings must appear in some
 * output; `images` is the least number of inline images (PNG or SVG outputs, or data: images in
 * HTML outputs).
 */
const EXPECTED = {
  'tour.ipynb': {
    results: { 'fastwasm.median([3, 1, 2])': '2.0' },
    text: [
      'ValueError: mean: x must not be empty',
      'still working: 2.0',
      'TypeError: levenshtein: b must be a str, got int',
      'tour complete: every check passed',
    ],
    images: 0,
  },
  'speed-comparison.ipynb': {
    results: {},
    text: ['all results agree', "id='speed-table'", "id='buffer-table'"],
    images: 1,
  },
  'image-processing.ipynb': {
    results: {},
    text: [
      'grayscale check: all 49,152 pixels match the formula',
      'blur check: sampled pixels match the reference',
      'sobel check: a flat image has no edges',
      'mandelbrot check: sampled pixels match the escape-time loop',
    ],
    images: 9,
  },
};

const e2e = serveAndLaunch({
  'build/lite/jupyter-lite.json': 'build the notebook site first with `bash scripts/build.sh`',
});

/** Opens a notebook in the Notebook app, runs all cells, and returns its cells with their outputs. */
async function runNotebook(page, name) {
  await page.goto(`${e2e.server.url}lite/notebooks/index.html?path=${encodeURIComponent(name)}`);
  await page.waitForFunction(
    () => window.jupyterapp?.shell?.currentWidget?.sessionContext && document.querySelector('.jp-Notebook'),
    null,
    { timeout: 120_000, polling: 250 },
  );
  return page.evaluate(async (timeout) => {
    const panel = window.jupyterapp.shell.currentWidget;
    await panel.context.ready;
    await panel.sessionContext.ready;
    const ran = window.jupyterapp.commands.execute('notebook:run-all-cells');
    const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('Run All timed out')), timeout));
    await Promise.race([ran, timer]);
    const cells = [];
    const model = panel.content.model;
    for (let i = 0; i < model.cells.length; i++) {
      const cell = model.cells.get(i).toJSON();
      if (cell.cell_type === 'code') cells.push({ source: cell.source, count: cell.execution_count, outputs: cell.outputs });
    }
    return cells;
  }, RUN_TIMEOUT);
}

const asText = (value) => (Array.isArray(value) ? value.join('') : String(value ?? ''));

/** All the text of one output (stream text, or every text-like MIME type of a display). */
function outputText(output) {
  if (output.output_type === 'stream') return asText(output.text);
  if (output.output_type === 'error') return `${output.ename}: ${output.evalue}`;
  const data = output.data ?? {};
  return Object.entries(data)
    .filter(([mime]) => mime.startsWith('text/'))
    .map(([, value]) => asText(value))
    .join('\n');
}

function countImages(outputs) {
  let n = 0;
  for (const output of outputs) {
    const data = output.data ?? {};
    if (data['image/png'] || data['image/svg+xml']) n += 1;
    n += (asText(data['text/html']).match(/<img\b[^>]*src="data:image\/(png|svg\+xml)/g) ?? []).length;
  }
  return n;
}

describe('example notebooks in JupyterLite', () => {
  test('every notebook in notebooks/ has its expectations listed', () => {
    assert.deepEqual(NOTEBOOKS, Object.keys(EXPECTED).sort());
  });

  for (const name of NOTEBOOKS) {
    test(`${name}: every cell runs offline without error and shows the expected values`, async () => {
      const { context, page, problems } = await openPage(e2e.browser, { width: 1280, height: 1000 });
      try {
        const cells = await runNotebook(page, name);
        assert.ok(cells.length > 0, 'the notebook has code cells');
        for (const cell of cells) {
          const where = `cell ${JSON.stringify(asText(cell.source).slice(0, 60))}`;
          assert.ok(Number.isInteger(cell.count), `${where} did not run`);
          const errors = cell.outputs.filter((o) => o.output_type === 'error');
          assert.deepEqual(errors.map(outputText), [], `${where} raised`);
        }

        const outputs = cells.flatMap((cell) => cell.outputs);
        const expected = EXPECTED[name];
        for (const [lastLine, value] of Object.entries(expected.results)) {
          const cell = cells.find((c) => asText(c.source).trimEnd().split('\n').at(-1) === lastLine);
          assert.ok(cell, `a cell ending in ${lastLine}`);
          const result = cell.outputs.find((o) => o.output_type === 'execute_result');
          assert.equal(asText(result?.data?.['text/plain']), value, `the result of ${lastLine}`);
        }
        const text = outputs.map(outputText).join('\n');
        for (const needle of expected.text) assert.ok(text.includes(needle), `an output contains "${needle}"`);
        assert.ok(countImages(outputs) >= expected.images, `at least ${expected.images} inline images`);

        // The images are really on screen, not only in the model.
        const shown = await page.locator('.jp-OutputArea-output img, .jp-OutputArea-output svg').count();
        assert.ok(shown >= expected.images, `${shown} images rendered, expected ${expected.images}`);

        fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
        await page.screenshot({ path: path.join(ROOT, `test-results/notebook-${name.replace('.ipynb', '')}.png`) });
        assert.deepEqual(problems(), [], 'no request left 127.0.0.1 and nothing failed');
      } finally {
        await context.close();
      }
    });
  }
});
