// Runs the example notebooks in the JupyterLite site (build/lite, from notebooks/) in every engine
// (tests/e2e/engines.mjs): every cell must run without an error output, the outputs must hold the
// expected values, and no request may leave 127.0.0.1.
//
//   node --test tests/e2e/notebooks.test.mjs        (FASTWASM_ENGINES=… narrows)
//
// Needs build/lite (scripts/build.sh). Screenshots go to test-results/<engine>-notebook-<name>.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_ENGINES, ROOT, forEachEngine } from './engines.mjs';

const NOTEBOOKS = fs
  .readdirSync(path.join(ROOT, 'notebooks'))
  .filter((name) => name.endsWith('.ipynb'))
  .sort();
const RUN_TIMEOUT = 240_000;

/**
 * What each example notebook must show, checked on its outputs after "Run All". `results` maps a
 * cell's last source line to the text of its execute_result; `text` strings must appear in some
 * output; `images` is the least number of inline images (PNG or SVG outputs, or data: images in
 * HTML outputs). `engines` are the engines it runs in: every notebook runs in Chromium; the others
 * run the ones users open there most, which keeps the suite's time down (each run starts Pyodide).
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
    engines: ALL_ENGINES,
  },
  'speed-comparison.ipynb': {
    results: {},
    text: ['all results agree', "id='speed-table'", "id='buffer-table'"],
    images: 1,
    engines: ['chromium'],
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
    engines: ['chromium', 'firefox'],
  },
};

/** Opens a notebook in the Notebook app, runs all cells, and returns its cells with their outputs. */
async function runNotebook(page, server, name) {
  await page.goto(`${server.url}lite/notebooks/index.html?path=${encodeURIComponent(name)}`);
  await page.waitFor(
    () => Boolean(window.jupyterapp?.shell?.currentWidget?.sessionContext && document.querySelector('.jp-Notebook')),
    { timeout: 120_000, what: `the notebook app with ${name}` },
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

test('every notebook in notebooks/ has its expectations listed', () => {
  assert.deepEqual(NOTEBOOKS, Object.keys(EXPECTED).sort());
});

forEachEngine(
  { required: { 'build/lite/jupyter-lite.json': 'build the notebook site first with `bash scripts/build.sh`' } },
  (env) => {
    for (const name of NOTEBOOKS) {
      test(`${name}: every cell runs offline without error and shows the expected values`, async (t) => {
        const expected = EXPECTED[name];
        if (!expected.engines.includes(env.engine)) {
          return t.skip(`${env.engine}: ${name} runs in ${expected.engines.join(', ')} only, to keep the suite's time down`);
        }
        const started = Date.now();
        const page = await env.browser.newPage({ width: 1280, height: 1000 });
        try {
          const cells = await runNotebook(page, env.server, name);
          assert.ok(cells.length > 0, 'the notebook has code cells');
          for (const cell of cells) {
            const where = `${env.engine}: cell ${JSON.stringify(asText(cell.source).slice(0, 60))}`;
            assert.ok(Number.isInteger(cell.count), `${where} did not run`);
            const errors = cell.outputs.filter((o) => o.output_type === 'error');
            assert.deepEqual(errors.map(outputText), [], `${where} raised`);
          }

          const outputs = cells.flatMap((cell) => cell.outputs);
          for (const [lastLine, value] of Object.entries(expected.results)) {
            const cell = cells.find((c) => asText(c.source).trimEnd().split('\n').at(-1) === lastLine);
            assert.ok(cell, `a cell ending in ${lastLine}`);
            const result = cell.outputs.find((o) => o.output_type === 'execute_result');
            assert.equal(asText(result?.data?.['text/plain']), value, `${env.engine}: the result of ${lastLine}`);
          }
          const text = outputs.map(outputText).join('\n');
          for (const needle of expected.text) assert.ok(text.includes(needle), `${env.engine}: an output contains "${needle}"`);
          assert.ok(countImages(outputs) >= expected.images, `${env.engine}: at least ${expected.images} inline images`);

          // The images are really on screen, not only in the model.
          const shown = await page.evaluate(
            () => document.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output svg').length,
          );
          assert.ok(shown >= expected.images, `${env.engine}: ${shown} images rendered, expected ${expected.images}`);

          await page.screenshot(env.screenshotPath(`notebook-${name.replace('.ipynb', '')}`));
          assert.deepEqual(await page.problems(), [], 'no request left 127.0.0.1 and nothing failed');
          t.diagnostic(`${env.engine}: ${name} ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          await page.close();
        }
      });
    }
  },
);
