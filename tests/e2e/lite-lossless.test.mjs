// The cross-origin-isolated notebook site loses no cell: a 25-cell notebook whose cells print 0 to
// 24 is run many times, restarting the kernel between runs, and every run must show all 25
// outputs with their execution counts 1 to 25.
//
// The site is served cross-origin isolated (scripts/serve.mjs), so the Pyodide kernel talks to its
// worker through `coincident`, which drops a reply whenever Atomics.waitAsync answers
// synchronously; scripts/lite/coincident-shim.js (loaded first by every app page) prevents that.
// Without the shim, about one cell in five stays at [*]. The test also checks that the page is
// isolated where the engine can be, that the shim is installed, and that nothing was blocked
// (no request failed, no console error: a resource refused under COEP would show here).
//
//   node --test tests/e2e/lite-lossless.test.mjs      (FASTWASM_ENGINES=… narrows)
//
// Needs build/lite (scripts/build.sh). The notebook is made in the browser's own contents store,
// through the app's contents API; it is not one of notebooks/.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine } from './engines.mjs';

const CELLS = 25;
/** The site's pages that start the app (scripts/build_lite.py loads the shim in each). */
const APP_PAGES = ['lab/', 'notebooks/', 'tree/', 'edit/', 'consoles/', 'repl/'];
const NOTEBOOK = 'lossless-print.ipynb';
/**
 * Runs of the notebook per engine, and a kernel restart before every `restartEvery`-th run (each
 * restart reloads Pyodide, ~15 s; a run of the 25 cells takes about a second). Chromium and
 * Firefox have SharedArrayBuffer, so their kernels use coincident, where replies were lost;
 * WebKitGTK has none (its kernel uses comlink): its runs check that the isolated site still works.
 */
const RUNS = {
  chromium: { runs: 20, restartEvery: 10 },
  firefox: { runs: 10, restartEvery: 5 },
  webkit: { runs: 2, restartEvery: 2 },
};
/** How long a kernel may take to start (WebKitGTK under Xvfb is the slowest), and one run. */
const START_TIMEOUT = 240_000;
const RUN_TIMEOUT = 30_000;

/** The notebook: cell i prints i. */
function printNotebook() {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python', display_name: 'Python (Pyodide)', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: Array.from({ length: CELLS }, (_, i) => ({
      cell_type: 'code',
      id: `print-${i}`,
      metadata: {},
      source: `print(${i})`,
      outputs: [],
      execution_count: null,
    })),
  };
}

/** In the page: opens the lab app's notebook `path` after saving `content` there. */
async function openNotebook(page, server, content) {
  await page.goto(`${server.url}lite/lab/index.html`);
  await page.waitFor(() => Boolean(window.jupyterapp?.serviceManager?.contents), {
    timeout: 120_000,
    what: 'the lab app',
  });
  await page.evaluate(
    async (path, notebook) => {
      const app = window.jupyterapp;
      await app.restored;
      await app.serviceManager.contents.save(path, { type: 'notebook', format: 'json', content: notebook });
      const panel = await app.commands.execute('docmanager:open', { path, factory: 'Notebook' });
      await panel.context.ready;
      await panel.sessionContext.ready;
      window.losslessPanel = panel;
    },
    NOTEBOOK,
    content,
  );
}

/**
 * In the page: one run, after a kernel restart when `restart`: waits for the kernel, clears the
 * outputs, runs all cells, waits until they are done or `timeout` passes, and returns each code
 * cell's execution count and printed text, and whether Run All finished.
 */
function runOnce(page, restart, startTimeout, timeout) {
  return page.evaluate(
    async (restart, startTimeout, timeout) => {
      const app = window.jupyterapp;
      const panel = window.losslessPanel;
      app.shell.activateById(panel.id);
      const asked = performance.now();
      if (restart) await panel.sessionContext.session.kernel.restart();
      await panel.sessionContext.ready;
      // The kernel answers kernel_info once its Pyodide has loaded: the timed run starts then. A
      // message sent before the kernel's connection is up throws ("status is not connected"), so
      // wait for that first.
      const kernel = panel.sessionContext.session.kernel;
      const deadline = asked + startTimeout;
      while (kernel.connectionStatus !== 'connected') {
        if (performance.now() > deadline) throw new Error(`the kernel did not connect (${kernel.connectionStatus})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const info = kernel.requestKernelInfo();
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error('the kernel did not start')), deadline - performance.now()));
      await Promise.race([info, late]);
      const startup = (performance.now() - asked) / 1000;
      await app.commands.execute('notebook:clear-all-cell-outputs');
      const started = performance.now();
      const ran = app.commands.execute('notebook:run-all-cells').then(() => true);
      const timer = new Promise((resolve) => setTimeout(() => resolve(false), timeout));
      const finished = await Promise.race([ran, timer]);
      const seconds = (performance.now() - started) / 1000;
      const cells = [];
      const model = panel.content.model;
      for (let i = 0; i < model.cells.length; i++) {
        const cell = model.cells.get(i).toJSON();
        const text = (cell.outputs ?? [])
          .filter((o) => o.output_type === 'stream')
          .map((o) => (Array.isArray(o.text) ? o.text.join('') : o.text))
          .join('');
        cells.push({ count: cell.execution_count, text });
      }
      return { finished, startup, seconds, cells };
    },
    restart,
    startTimeout,
    timeout,
  );
}

/**
 * The cells of a run that are not as they must be: cell i printed "i\n" with the execution count
 * `first + i` (the kernel counts on from one run to the next until it restarts).
 */
function lostCells(run, first) {
  const lost = [];
  for (let i = 0; i < CELLS; i++) {
    const cell = run.cells[i];
    if (cell?.count !== first + i || cell?.text !== `${i}\n`) lost.push(`cell ${i}: [${cell?.count ?? ' '}] ${JSON.stringify(cell?.text)}`);
  }
  return lost;
}

forEachEngine(
  { required: { 'build/lite/jupyter-lite.json': 'build the notebook site first with `bash scripts/build.sh`' } },
  (env) => {
    test('the isolated notebook site runs a 25-cell notebook many times without losing a cell', async (t) => {
      const runs = RUNS[env.engine];
      const page = await env.browser.newPage({ width: 1280, height: 1000 });
      try {
        await openNotebook(page, env.server, printNotebook());
        const host = await page.evaluate(async () => {
          // The page's own realm (Firefox runs WebDriver scripts in a sandbox with its own builtins).
          const w = window.wrappedJSObject ?? window;
          const out = {
            isolated: w.crossOriginIsolated === true,
            sharedArrayBuffer: typeof w.SharedArrayBuffer === 'function',
            waitAsync: typeof w.Atomics.waitAsync === 'function',
          };
          if (out.sharedArrayBuffer && out.waitAsync) {
            // A wait on a value that is not there answers at once: through the shim, as a promise.
            const cell = new w.Int32Array(new w.SharedArrayBuffer(4));
            cell[0] = 1;
            const result = w.Atomics.waitAsync(cell, 0, 0);
            out.notEqual = { async: result.async, value: await result.value };
          }
          return out;
        });
        t.diagnostic(`${env.engine}: ${JSON.stringify(host)}`);
        if (env.supports.sharedArrayBuffer) {
          assert.equal(host.isolated, true, `${env.engine}: the lab page is cross-origin isolated`);
          assert.equal(host.sharedArrayBuffer, true, `${env.engine}: SharedArrayBuffer`);
          if (host.waitAsync) assert.deepEqual(host.notEqual, { async: true, value: 'not-equal' }, `${env.engine}: the shim`);
        } else {
          // Isolated, but no shared memory: the shim tells the kernel the page is not isolated.
          assert.equal(host.isolated, false, `${env.engine}: crossOriginIsolated as the kernel reads it`);
        }

        const { runs, restartEvery } = RUNS[env.engine];
        const report = [];
        for (let run = 0; run < runs; run++) {
          const restart = run > 0 && run % restartEvery === 0;
          const result = await runOnce(page, restart, START_TIMEOUT, RUN_TIMEOUT);
          const lost = lostCells(result, (run % restartEvery) * CELLS + 1);
          report.push({ run, finished: result.finished, lost });
          t.diagnostic(
            `${env.engine}: run ${run + 1}${restart ? ' (kernel restarted)' : ''}: kernel ready in ${result.startup.toFixed(1)} s, ` +
              `${result.finished ? 'finished' : 'did not finish'} in ${result.seconds.toFixed(1)} s, ${CELLS - lost.length}/${CELLS} cells`,
          );
        }
        const bad = report.filter((r) => !r.finished || r.lost.length);
        const lostTotal = report.reduce((n, r) => n + r.lost.length, 0);
        assert.deepEqual(
          bad.map((r) => `run ${r.run + 1}: ${r.lost.join('; ') || 'Run All did not finish'}`),
          [],
          `${env.engine}: ${lostTotal} of ${runs * CELLS} cells lost in ${bad.length} of ${runs} runs`,
        );
        const problems = await page.problems();
        assert.deepEqual(problems, [], `${env.engine}: nothing blocked or failed, no request left 127.0.0.1`);
      } finally {
        await page.close();
      }
    });

    test('every page of the site that starts the app is isolated, runs the shim first and loads without a blocked resource', {
      skip: !env.supports.sharedArrayBuffer && 'the engine is not isolated for the kernel (no SharedArrayBuffer)',
    }, async () => {
      const page = await env.browser.newPage({ width: 1280, height: 1000 });
      try {
        for (const app of APP_PAGES) {
          await page.goto(`${env.server.url}lite/${app}index.html`);
          // Started and settled: the app's shell exists (exposeAppInBrowser) and the page has
          // fetched nothing new for 2 s. (Leaving a page that is still loading aborts its requests;
          // `jupyterapp.restored` never resolves in some apps opened without a document.)
          await page.waitFor(
            () => {
              const w = window.wrappedJSObject ?? window;
              const count = performance.getEntriesByType('resource').length;
              const settle = (w.losslessSettle ??= { count: -1, since: 0 });
              if (count !== settle.count) Object.assign(settle, { count, since: performance.now() });
              return Boolean(window.jupyterapp?.shell) && performance.now() - settle.since > 2000;
            },
            { timeout: 120_000, what: `the app of lite/${app} to start and settle` },
          );
          const seen = await page.evaluate(() => {
            const w = window.wrappedJSObject ?? window;
            const scripts = [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline');
            return { isolated: w.crossOriginIsolated === true, first: scripts[0] };
          });
          assert.deepEqual(seen, { isolated: true, first: '../coincident-shim.js' }, `${env.engine}: lite/${app}`);
        }
        // The repl app of JupyterLite 0.8.6 logs this on any host, isolated or not.
        const replNotice = /^\w+: console error: Plugin '@jupyterlab\/codemirror-extension:commands' failed to activate\./;
        const problems = (await page.problems()).filter((p) => !replNotice.test(p));
        assert.deepEqual(problems, [], `${env.engine}: nothing blocked or failed, no request left 127.0.0.1`);
      } finally {
        await page.close();
      }
    });
  },
);
