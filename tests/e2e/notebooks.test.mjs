// Runs the example notebooks in the JupyterLite site (build/lite, from notebooks/) in every engine
// (tests/e2e/engines.mjs): every cell must run without an error output, the outputs must pass the
// checks of tests/notebooks/checks.json (the same checks as on CPython, tests/native/
// test_notebooks.py), and no request may leave 127.0.0.1. The site is cross-origin isolated, as
// scripts/serve.mjs serves it, so notebooks can use threads; every cell must have run (none lost:
// see also tests/e2e/lite-lossless.test.mjs).
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
 * What each notebook must show, per cell: tests/notebooks/checks.json (read by the CPython test
 * too, tests/native/test_notebooks.py). Here the backend is wasm.
 */
const CHECKS = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/notebooks/checks.json'), 'utf8'));
const BACKEND = 'wasm';

/**
 * The engines each notebook runs in: every notebook runs in Chromium; the others run the ones users
 * open there most, which keeps the suite's time down (each run starts Pyodide). threads.ipynb runs
 * where the isolated site gives its kernel SharedArrayBuffer, so that enable_threads() returns True
 * (its check asks for that); WebKitGTK has none (tests/e2e/threads.test.mjs checks its refusal).
 */
const ENGINES_OF = {
  'tour.ipynb': ALL_ENGINES,
  'speed-comparison.ipynb': ['chromium'],
  'image-processing.ipynb': ['chromium', 'firefox'],
  'threads.ipynb': ['chromium', 'firefox'],
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
      if (cell.cell_type === 'code') cells.push({ id: cell.id, source: cell.source, count: cell.execution_count, outputs: cell.outputs });
    }
    return cells;
  }, RUN_TIMEOUT);
}

const asText = (value) => (Array.isArray(value) ? value.join('') : String(value ?? ''));

/** All the text of one output (stream text, every text-like MIME type of a display, or an error). */
function outputText(output) {
  if (output.output_type === 'stream') return asText(output.text);
  if (output.output_type === 'error') return `${output.ename}: ${output.evalue}`;
  const data = output.data ?? {};
  return Object.entries(data)
    .filter(([mime]) => mime.startsWith('text/'))
    .map(([, value]) => asText(value))
    .join('\n');
}

/** The inline images of some outputs: PNG or SVG outputs, and data: images in HTML outputs. */
function countImages(outputs) {
  let n = 0;
  for (const output of outputs) {
    const data = output.data ?? {};
    if (data['image/png'] || data['image/svg+xml']) n += 1;
    n += (asText(data['text/html']).match(/<img\b[^>]*src="data:image\/(png|svg\+xml)/g) ?? []).length;
  }
  return n;
}

/** The code cell ids of a notebook file in notebooks/. */
function codeCellIds(name) {
  const notebook = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', name), 'utf8'));
  return notebook.cells.filter((cell) => cell.cell_type === 'code').map((cell) => cell.id);
}

/** Checks the cells of a notebook run against its entry in checks.json (see its $comment). */
function checkCells(name, cells, engine) {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  for (const [id, check] of Object.entries(CHECKS[name])) {
    const cell = byId.get(id);
    assert.ok(cell, `${engine}: ${name} has a code cell "${id}"`);
    const where = `${engine}: ${name}, cell "${id}"`;
    if ('result' in check) {
      const result = cell.outputs.find((o) => o.output_type === 'execute_result');
      assert.equal(asText(result?.data?.['text/plain']), check.result, `${where}: its result`);
    }
    const text = cell.outputs.map(outputText).join('\n');
    for (const pattern of check.output ?? []) {
      const regex = new RegExp(pattern.replaceAll('{backend}', BACKEND), 'm');
      assert.match(text, regex, `${where}: an output matches ${regex}`);
    }
    if ('images' in check) assert.equal(countImages(cell.outputs), check.images, `${where}: inline images`);
  }
}

test('every notebook in notebooks/ has its checks and engines, and every checked cell is a code cell', () => {
  const listed = Object.keys(CHECKS).filter((key) => !key.startsWith('$'));
  assert.deepEqual(NOTEBOOKS, listed.sort());
  assert.deepEqual(NOTEBOOKS, Object.keys(ENGINES_OF).sort());
  for (const name of NOTEBOOKS) {
    const ids = codeCellIds(name);
    for (const id of Object.keys(CHECKS[name])) assert.ok(ids.includes(id), `${name} has a code cell "${id}"`);
  }
});

forEachEngine(
  { required: { 'build/lite/jupyter-lite.json': 'build the notebook site first with `bash scripts/build.sh`' } },
  (env) => {
    for (const name of NOTEBOOKS) {
      test(`${name}: every cell runs offline without error and shows the expected values`, async (t) => {
        const engines = ENGINES_OF[name];
        if (!engines.includes(env.engine)) {
          return t.skip(`${env.engine}: ${name} runs in ${engines.join(', ')} only, to keep the suite's time down`);
        }
        const started = Date.now();
        const page = await env.browser.newPage({ width: 1280, height: 1000 });
        try {
          const cells = await runNotebook(page, env.server, name);
          assert.ok(cells.length > 0, 'the notebook has code cells');
          for (const cell of cells) {
            const where = `${env.engine}: cell ${cell.id} ${JSON.stringify(asText(cell.source).slice(0, 60))}`;
            assert.ok(Number.isInteger(cell.count), `${where} did not run`);
            const errors = cell.outputs.filter((o) => o.output_type === 'error');
            assert.deepEqual(errors.map(outputText), [], `${where} raised`);
          }
          checkCells(name, cells, env.engine);

          // The images are really on screen, not only in the model.
          const images = countImages(cells.flatMap((cell) => cell.outputs));
          const shown = await page.evaluate(
            () => document.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output svg').length,
          );
          assert.ok(shown >= images, `${env.engine}: ${shown} images rendered, expected ${images}`);

          await page.screenshot(env.screenshotPath(`notebook-${name.replace('.ipynb', '')}`));
          const problems = await page.problems();
          assert.deepEqual(problems, [], 'no request left 127.0.0.1 and nothing failed');
          t.diagnostic(`${env.engine}: ${name} ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          await page.close();
        }
      });
    }
  },
);
