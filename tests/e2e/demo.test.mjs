// Browser tests of the demo page (www/) and pkg/load.js, in Chromium, Firefox and WebKitGTK
// (tests/e2e/engines.mjs; FASTWASM_ENGINES narrows).
//
//   node --test tests/e2e/demo.test.mjs
//
// Needs pkg/ and pkg-mt/ (wasm-pack builds) and python/dist/*.whl (scripts/build.sh), node_modules
// (npm ci: Pyodide, Chart.js) and the browsers and drivers of scripts/install.sh --test. Starts
// scripts/serve.mjs in-process on a free port. Screenshots go to test-results/<engine>-demo.png
// (desktop) and test-results/<engine>-demo-phone.png. WebKitGTK has no SharedArrayBuffer, so there
// the threads columns (from JS, and from Python after fastwasm.enable_threads()) are n/a and the
// page says why.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FAMILIES, THREADED, TOLERANCE } from '../../www/suite.js';
import { NODE_ONLY, peersOf } from '../../www/peers.js';
import { WHEEL, forEachEngine, requireFile } from './engines.mjs';

// The server sends COOP/COEP, so the JS worker also runs the multi-threaded build (pkg-mt/) where
// the engine has SharedArrayBuffer, and the Python worker starts fastwasm's threads there.
const IMPLS = ['js', 'wasm-js', 'wasm-js-resident', 'wasm-js-mt', 'py', 'wasm-py', 'wasm-py-mt'];
/** The threads columns: n/a without SharedArrayBuffer; from Python, only the kernels with threads. */
const THREADS_IMPLS = ['wasm-js-mt', 'wasm-py-mt'];
/** Families with an npm library at the small size (the others say "none" in the peer column). */
const PEER_FAMILIES = FAMILIES.map((f) => f.id).filter((id) => peersOf(id, 'small').length);
/** Of those, the families with a library that runs in the browser (photon is Node-only: n/a). */
const BROWSER_PEER_FAMILIES = PEER_FAMILIES.filter((id) => peersOf(id, 'small').some((p) => !NODE_ONLY[p.lib]));
const FAMILY_IDS = FAMILIES.map((f) => f.id);

const REQUIRED = {
  'pkg/fastwasm.js': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  'pkg/fastwasm_bg.wasm': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  [WHEEL]: 'build the wheel first with `bash scripts/build.sh`',
  'node_modules/pyodide/pyodide.mjs': 'run `npm ci`',
  'node_modules/chart.js/dist/chart.umd.min.js': 'run `npm ci`',
};

/** Waits for body[data-state] to become `want`; fails early with the page's message otherwise. */
async function waitForState(page, want, timeout) {
  let state;
  try {
    state = await page.waitFor(
      (w) => [w, 'error', 'done', 'cancelled'].includes(document.body?.dataset.state) && document.body.dataset.state,
      { timeout, what: `page state ${want}`, args: [want] },
    );
  } catch (err) {
    // A run that never ends: say where it stopped (the progress line and the unfinished cells).
    const where = await page
      .evaluate(() => ({
        progress: document.querySelector('#progress-text')?.textContent,
        status: document.querySelector('#substatus')?.textContent,
        running: [...document.querySelectorAll('#results td.running')].map(
          (td) => `${td.closest('tr')?.dataset.family}/${td.closest('tr')?.dataset.size}/${td.dataset.impl}`,
        ),
      }))
      .catch((e) => `(page unreadable: ${e.message})`);
    err.message += `; the page: ${JSON.stringify(where)}`;
    throw err;
  }
  if (state !== want) {
    const message = await page.evaluate(
      () => document.querySelector('#error:not([hidden]), #out, #progress-text')?.textContent ?? '(no message)',
    );
    assert.fail(`${page.engine}: page ended in state "${state}" (wanted "${want}"): ${message}`);
  }
}

/** The results table as data. */
function readTable(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#results tbody tr')].map((tr) => ({
      family: tr.dataset.family,
      size: tr.dataset.size,
      cells: Object.fromEntries(
        [...tr.querySelectorAll('td[data-impl]')].map((td) => [
          td.dataset.impl,
          {
            text: td.textContent.trim(),
            className: td.className,
            median: td.dataset.median === undefined ? null : Number(td.dataset.median),
            min: td.dataset.min === undefined ? null : Number(td.dataset.min),
            max: td.dataset.max === undefined ? null : Number(td.dataset.max),
          },
        ]),
      ),
      speedups: [...tr.querySelectorAll('td[data-speedup]')].map((td) => ({
        id: td.dataset.speedup,
        ratio: Number(td.dataset.ratio),
        text: td.textContent.trim(),
      })),
      agree: tr.querySelector('td.agree')?.textContent.trim(),
    })),
  );
}

/** The heading of the Python threads column: its note line and tooltip. */
function pyThreadsHeading(page) {
  return page.evaluate(() => {
    const th = document.querySelector('#results thead th[data-col="wasm-py-mt"]');
    return th && { note: th.querySelector('.note')?.textContent ?? null, title: th.title, unavailable: th.classList.contains('unavailable') };
  });
}

/** Number of distinct colours in a canvas (0 for a blank or missing one), sampled on a grid. */
function canvasColours(page, selector) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel);
    if (!canvas || !canvas.width || !canvas.height) return 0;
    const ctx = canvas.getContext('2d');
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set();
    const step = Math.max(1, Math.floor((canvas.width * canvas.height) / 20000));
    for (let i = 0; i < data.length / 4; i += step) {
      if (data[4 * i + 3] === 0) continue;
      seen.add((data[4 * i] << 16) | (data[4 * i + 1] << 8) | data[4 * i + 2]);
    }
    return seen.size;
  }, selector);
}

/** Whether the element matching `selector` is disabled. */
const isDisabled = (page, selector) => page.evaluate((sel) => document.querySelector(sel).disabled, selector);

/**
 * Clicks `selector` and returns the file the page offers for download ({ filename, text }): the
 * page's blob URLs are recorded and the download itself is suppressed, the same in every engine.
 */
async function captureDownload(page, selector) {
  await page.evaluate(() => {
    const blobs = (globalThis.__downloadBlobs = new Map());
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => {
      const url = create.call(URL, blob);
      blobs.set(url, blob);
      return url;
    };
    globalThis.__downloads = [];
    document.addEventListener(
      'click',
      (event) => {
        const a = event.target.closest?.('a[download]');
        if (!a) return;
        event.preventDefault();
        globalThis.__downloads.push(blobs.get(a.href).text().then((text) => ({ filename: a.download, text })));
      },
      true,
    );
  });
  await page.click(selector);
  return page.waitFor(() => globalThis.__downloads.length > 0 && Promise.all(globalThis.__downloads).then((d) => d[0]), {
    what: 'the download',
    timeout: 10_000,
  });
}

forEachEngine({ required: REQUIRED }, (e2e) => {
  describe('demo page', () => {
    test('runs every family at the small size in every implementation, offline, and they agree', async (t) => {
      const threads = e2e.supports.sharedArrayBuffer;
      const page = await e2e.browser.newPage();
      try {
        const t0 = Date.now();
        await page.goto(`${e2e.server.url}?autorun&sizes=small`);
        await waitForState(page, 'done', 240_000);
        t.diagnostic(`${e2e.engine}: small run finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

        assert.equal(await page.evaluate(() => globalThis.crossOriginIsolated), true, 'crossOriginIsolated');

        // The table: every family × small, every implementation timed, the speed-ups, agreement.
        const rows = await readTable(page);
        assert.deepEqual(rows.map((r) => `${r.family}/${r.size}`), FAMILY_IDS.map((f) => `${f}/small`));
        for (const row of rows) {
          const where = `${row.family}/${row.size}`;
          const threaded = THREADED.includes(row.family);
          for (const impl of IMPLS) {
            const cell = row.cells[impl];
            assert.ok(cell, `${where}: a ${impl} cell`);
            if (impl === 'wasm-py-mt' && !threaded) {
              assert.match(cell.className, /\bna\b/, `${where}/${impl}: a kernel without threads`);
              assert.equal(cell.text, '–', `${where}/${impl}`);
              continue;
            }
            if (THREADS_IMPLS.includes(impl) && !threads) {
              assert.match(cell.className, /\bna\b/, `${where}/${impl}: n/a without SharedArrayBuffer (${cell.text})`);
              assert.match(cell.text, /^n\/a/, `${where}/${impl}`);
              assert.match(cell.text, /SharedArrayBuffer/, `${where}/${impl}: the cell says why`);
              continue;
            }
            assert.match(cell.className, /\bdone\b/, `${where}/${impl}: finished (${cell.text})`);
            assert.ok(cell.median > 0 && Number.isFinite(cell.median), `${where}/${impl}: positive median (${cell.median})`);
            assert.ok(cell.min <= cell.median && cell.median <= cell.max, `${where}/${impl}: min ≤ median ≤ max`);
            assert.match(cell.text, /\d (s|ms|µs|ns)/, `${where}/${impl}: time shown`);
          }
          assert.deepEqual(row.speedups.map((s) => s.id), ['js', 'resident', 'peer', 'py', 'py-mt']);
          const pyThreads = row.speedups.find((s) => s.id === 'py-mt');
          if (!threaded || !threads) assert.equal(pyThreads.text, '–', `${where}: no Python threads speed-up`);
          const peer = row.cells.peer;
          if (BROWSER_PEER_FAMILIES.includes(row.family)) {
            assert.match(peer.className, /\bdone\b/, `${where}/peer: finished (${peer.text})`);
            assert.ok(peer.median > 0, `${where}/peer: the best library's median`);
            assert.ok(row.speedups.find((s) => s.id === 'peer').ratio > 0, `${where}: speed-up vs npm`);
          } else if (PEER_FAMILIES.includes(row.family)) {
            assert.match(peer.text, /^n\/a/, `${where}/peer: a Node-only library is n/a in the page`);
          } else {
            assert.equal(peer.text, 'none', `${where}/peer: no npm library`);
          }
          for (const s of row.speedups.filter((x) => x.id !== 'peer' && (x.id !== 'py-mt' || (threaded && threads)))) {
            assert.ok(s.ratio > 0, `${where}: speed-up ${s.id} has a ratio`);
            assert.match(s.text, /^\d[\d,]*(\.\d)?×(faster|slower)$/, `${where}: speed-up ${s.id} shown (${s.text})`);
          }
          assert.equal(row.agree, '✓', `${where}: results agree`);
        }
        assert.equal(
          await page.evaluate(() => [...document.querySelectorAll('td[data-impl="native"]')].filter((td) => td.offsetParent).length),
          0,
          'no native column without injected native results',
        );
        // The Python threads column times only the kernels with threads; without SharedArrayBuffer
        // neither threads column times anything.
        const impls = threads ? IMPLS : IMPLS.filter((i) => !THREADS_IMPLS.includes(i));
        const perFamily = impls.filter((i) => i !== 'wasm-py-mt');
        const tasks = FAMILY_IDS.length * perFamily.length + (threads ? THREADED.length : 0) + PEER_FAMILIES.length;
        assert.equal(
          await page.evaluate((n) => {
            const p = document.querySelector('#progress');
            return p.value === p.max && p.max === n;
          }, tasks),
          true,
          `progress complete: ${tasks} tasks`,
        );
        assert.match(await page.text('#agree-note'), /10−9/, 'the tolerance is stated');

        // The chart: Chart.js drew one series of a bar per family for each implementation on a log axis.
        const chart = await page.evaluate(() => {
          const c = window.fastwasmBench.chart();
          return c && {
            type: c.config.type,
            scales: Object.values(c.scales).map((s) => s.type),
            series: c.data.datasets.map((d) => ({ label: d.label, values: d.data.filter((v) => v > 0).length })),
          };
        });
        assert.ok(chart, 'a Chart.js instance exists');
        assert.ok(chart.scales.includes('logarithmic'), `log axis (${chart.scales})`);
        const drawn = chart.series.filter((s) => s.values > 0);
        assert.equal(drawn.length, impls.length, JSON.stringify(chart.series));
        for (const s of drawn) {
          const bars = s.label === 'fastwasm from Python, threads' ? THREADED.length : FAMILY_IDS.length;
          assert.equal(s.values, bars, `${s.label}: a bar per family (with threads)`);
        }
        assert.ok((await canvasColours(page, '#chart')) > 4, 'the chart canvas is drawn');

        // The pictures: the mandelbrot counts and the blur before/after.
        for (const id of ['#mandelbrot-canvas', '#blur-before', '#blur-after']) {
          assert.ok((await canvasColours(page, id)) > 16, `${id} is drawn`);
        }
        const blurDiffers = await page.evaluate(() => {
          const pixels = (id) => {
            const c = document.querySelector(id);
            return c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          };
          const a = pixels('#blur-before');
          const b = pixels('#blur-after');
          return a.length === b.length && a.some((v, i) => v !== b[i]);
        });
        assert.ok(blurDiffers, 'the blurred image differs from the input');

        // The environment panel.
        const env = await page.text('#env');
        assert.match(env, /Cross-origin isolated\s*yes/);
        if (threads) {
          assert.match(env, /fastwasm threads build\s*loaded pkg-mt\/, a pool of \d+ worker threads?/);
          assert.match(env, /fastwasm threads from Python\s*enabled fastwasm\.enable_threads\(\): \d+ threads?/);
        } else {
          assert.match(env, /SharedArrayBuffer missing[\s\S]*fastwasm threads build\s*n\/a \S/);
          assert.match(env, /fastwasm threads from Python\s*n\/a .*SharedArrayBuffer/);
        }
        // The Python threads column's heading: the pool's size, or n/a and why.
        const heading = await pyThreadsHeading(page);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        if (threads) {
          assert.equal(heading.note, `${cores} threads`);
          assert.equal(heading.unavailable, false);
          assert.match(heading.title, /enable_threads/, 'the tooltip says what the column times');
        } else {
          assert.equal(heading.note, 'n/a');
          assert.equal(heading.unavailable, true);
          assert.match(heading.title, /^fastwasm from Python, threads: not available — .*SharedArrayBuffer/);
        }
        const tile = await page.evaluate(() => document.querySelector('#summary [data-speedup="py-mt"]').textContent);
        if (!threads) assert.match(tile, /n\/a.*SharedArrayBuffer/, 'the headline tile says why');
        assert.match(env, /Wasm SIMD\s*supported/);
        assert.match(env, /Python 3\.\d+\.\d+ on Pyodide \d+\.\d+/);
        const links = await page.evaluate(() => ({
          notebooks: Boolean(document.querySelector('a#notebooks-link[href="lite/lab/index.html?path=tour.ipynb"]')),
          console: Boolean(document.querySelector('a[href="console.html"]')),
        }));
        assert.deepEqual(links, { notebooks: true, console: true }, 'notebooks and console links');

        // The JSON download, and the same data from window.fastwasmBench.
        const download = await captureDownload(page, '#download');
        assert.equal(download.filename, 'fastwasm-bench.json');
        const json = JSON.parse(download.text);
        assert.ok(!Number.isNaN(Date.parse(json.date)), 'date');
        assert.deepEqual(json.tolerance, TOLERANCE);
        assert.equal(json.env.crossOriginIsolated, true);
        assert.equal(json.env.threads, threads, 'the threads build loaded (where SharedArrayBuffer exists)');
        if (!threads) assert.ok(json.env.threadsReason, 'the JSON says why there are no threads');
        assert.equal(json.env.pyThreads, threads, 'fastwasm.enable_threads() in the Python worker');
        if (threads) assert.equal(json.env.pyThreadCount, cores, 'one thread per logical core');
        else assert.match(json.env.pyThreadsReason, /SharedArrayBuffer/, 'the JSON says why Python has no threads');
        assert.match(json.env.pyodide, /^\d+\.\d+/);
        assert.equal(json.results.length, tasks, 'one result per family × implementation, and the peers');
        for (const r of json.results.filter((x) => x.impl === 'peer')) {
          assert.ok(PEER_FAMILIES.includes(r.family), r.family);
          assert.ok(r.peer.peers.length > 0, `${r.family}: peers reported`);
          assert.equal(Boolean(r.peer.best), BROWSER_PEER_FAMILIES.includes(r.family), `${r.family}: a timed peer`);
        }
        for (const r of json.results.filter((x) => x.impl !== 'peer')) {
          assert.ok(impls.includes(r.impl) && FAMILY_IDS.includes(r.family) && r.size === 'small', JSON.stringify(r));
          assert.ok(r.median > 0 && r.min <= r.median && r.median <= r.max, `${r.family}/${r.impl}: times`);
          assert.equal(r.runs, r.times.length, `${r.family}/${r.impl}: runs`);
          assert.ok(r.runs >= 3, `${r.family}/${r.impl}: at least 3 timed runs`);
          assert.equal(r.agree, true, `${r.family}/${r.impl}: agree`);
          if (r.impl === 'wasm-py-mt') {
            assert.ok(THREADED.includes(r.family), `${r.family}: Python threads only on the kernels with threads`);
            assert.equal(r.identical, true, `${r.family}: Python with threads bit for bit Python on one thread`);
          }
        }
        const fromApi = await page.evaluate(() => window.fastwasmBench.results());
        assert.equal(fromApi.results.length, json.results.length);
        assert.equal(await page.evaluate(() => window.fastwasmBench.state), 'done');

        // Screenshots: desktop, then the same page at phone width (no sideways scrolling of the page).
        await page.screenshot(e2e.screenshotPath('demo'), { fullPage: true });
        // Without BiDi the window stops short of 375 px (MiniBrowser ~450, Firefox 500): there the
        // narrowest it allows.
        await page.setViewport({ width: 375, height: 812 });
        const phone = await page.evaluate(() => innerWidth);
        if (e2e.supports.phoneViewport) assert.equal(phone, 375, 'the viewport is 375 px wide');
        else t.diagnostic(`${e2e.engine}: phone width checked at ${phone} px, the narrowest window`);
        assert.ok(phone <= 500, `a phone-sized viewport (${phone} px)`);
        await page.waitFor((w) => document.querySelector('#chart').getBoundingClientRect().width <= w, {
          what: 'the chart at phone width',
          args: [phone],
        });
        await new Promise((resolve) => setTimeout(resolve, 400)); // the chart's resize animation
        assert.ok(
          (await page.evaluate(() => document.documentElement.scrollWidth)) <= phone,
          `no horizontal page scroll at ${phone} px`,
        );
        assert.ok((await canvasColours(page, '#chart')) > 4, 'the chart is drawn at phone width');
        await page.screenshot(e2e.screenshotPath('demo-phone'), { fullPage: true });

        const requests = page.requests();
        assert.ok(requests.some((u) => u.includes('/pyodide/pyodide.asm.wasm')), 'Pyodide loaded from /pyodide/');
        assert.ok(requests.some((u) => u.endsWith(`/dist/${path.basename(WHEEL)}`)), 'wheel loaded from /dist/');
        assert.ok(requests.some((u) => u.endsWith('/vendor/chart.js/chart.umd.min.js')), 'Chart.js loaded from /vendor/');
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });

    test('Cancel stops a run and marks unfinished cells; a new run then completes', async () => {
      const page = await e2e.browser.newPage();
      try {
        await page.goto(`${e2e.server.url}?sizes=small`);
        await page.waitFor(() => window.fastwasmBench?.state === 'idle', { what: 'the idle page' });
        assert.equal(await isDisabled(page, '#cancel'), true, 'nothing to cancel before a run');
        await page.click('#run');
        await page.waitFor(() => document.querySelector('#results td[data-median]'), { timeout: 60_000, what: 'a first timing' });
        await page.click('#cancel');
        await waitForState(page, 'cancelled', 10_000);
        const cancelled = await page.evaluate(() => document.querySelectorAll('#results td.cancelled').length);
        assert.ok(cancelled > 0, 'unfinished cells are marked cancelled');
        assert.equal(await isDisabled(page, '#run'), false, 'Run is enabled again');
        assert.equal(await isDisabled(page, '#cancel'), true, 'Cancel is disabled again');
        assert.match(await page.text('#progress-text'), /Cancelled/);

        // A second run, started from the page's API this time, completes normally.
        const result = await page.evaluate(() => window.fastwasmBench.run({ sizes: ['small'] }));
        assert.equal(result.state, 'done');
        await waitForState(page, 'done', 5_000);
        assert.equal(await page.evaluate(() => document.querySelectorAll('#results td.cancelled').length), 0, 'no cancelled cells left');
        const rows = await readTable(page);
        assert.equal(rows.length, FAMILY_IDS.length);
        const impls = e2e.supports.sharedArrayBuffer ? IMPLS : IMPLS.filter((i) => !THREADS_IMPLS.includes(i));
        for (const row of rows) {
          for (const impl of impls) {
            if (impl === 'wasm-py-mt' && !THREADED.includes(row.family)) continue;
            assert.ok(row.cells[impl].median !== null, `${row.family}/${impl} timed`);
          }
          assert.equal(row.agree, '✓', `${row.family}: results agree`);
        }
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });

    test('large: fastwasm from Python with threads is bit for bit its one-thread result', async (t) => {
      if (!e2e.supports.sharedArrayBuffer) {
        t.skip(`${e2e.engine} has no SharedArrayBuffer (the small run checks that the page says so)`);
        return;
      }
      const page = await e2e.browser.newPage({ width: 1100, height: 900 });
      try {
        await page.goto(`${e2e.server.url}?sizes=small`);
        await page.waitFor(() => window.fastwasmBench?.state === 'idle', { what: 'the idle page' });
        // Inputs large enough for every threaded kernel to split its work; fastwasm from JS is the
        // reference of the agreement, pure Python is left out (it would take minutes).
        const options = { sizes: ['large'], families: THREADED, impls: ['wasm-js', 'wasm-py', 'wasm-py-mt'] };
        const result = await page.evaluate((o) => window.fastwasmBench.run(o), options);
        assert.equal(result.state, 'done');
        const byImpl = (impl) => result.results.filter((r) => r.impl === impl);
        assert.deepEqual(byImpl('wasm-py-mt').map((r) => r.family).sort(), [...THREADED].sort());
        for (const r of byImpl('wasm-py-mt')) {
          assert.equal(r.identical, true, `${r.family}: bit for bit the single-threaded result`);
          assert.equal(r.agree, true, `${r.family}: agrees with fastwasm from JS`);
          const single = byImpl('wasm-py').find((x) => x.family === r.family);
          assert.deepEqual(r.summary, single.summary, `${r.family}: the same digest`);
          t.diagnostic(`${e2e.engine} ${r.family} large: ${single.median.toFixed(2)} ms on one thread, ${r.median.toFixed(2)} ms with threads`);
        }
        assert.ok(result.env.pyThreadCount >= 2, `a pool of ${result.env.pyThreadCount} threads`);
        const rows = await readTable(page);
        for (const row of rows) {
          const ratio = row.speedups.find((s) => s.id === 'py-mt').ratio;
          assert.ok(ratio > 0, `${row.family}: the Python threads speed-up is shown (${ratio})`);
          assert.equal(row.agree, '✓', `${row.family}: results agree`);
          assert.equal(row.cells.py.text, '–', 'a column left out of the run shows –');
        }
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });

    test('URL parameters choose the families and sizes', async () => {
      const page = await e2e.browser.newPage({ width: 800, height: 700 });
      try {
        await page.goto(`${e2e.server.url}?sizes=small,medium&families=stats,levenshtein`);
        await page.waitFor(() => window.fastwasmBench?.state === 'idle', { what: 'the idle page' });
        const checked = await page.evaluate(() => [...document.querySelectorAll('#settings input:checked')].map((i) => i.value));
        assert.deepEqual(checked.sort(), ['levenshtein', 'medium', 'small', 'stats']);
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll('#results tbody tr')].map((tr) => `${tr.dataset.family}/${tr.dataset.size}`),
        );
        assert.deepEqual(rows, ['stats/small', 'stats/medium', 'levenshtein/small', 'levenshtein/medium']);
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });
  });

  describe('load-fastwasm.js', () => {
    test('cross-origin isolated: pkg-mt/ with a thread pool, results identical to pkg/ on inputs large enough to split', async () => {
      requireFile('pkg-mt/fastwasm.js', 'build it first with `bash scripts/build.sh` (the threads step)');
      const page = await e2e.browser.newPage({ width: 800, height: 600 });
      try {
        await page.goto(`${e2e.server.url}?sizes=small`);
        await page.waitFor(() => window.fastwasmBench?.state === 'idle', { what: 'the idle page' });
        // A module worker (the threaded build waits for its pool, which a page's main thread must not).
        const report = await page.evaluate(async () => {
          const source = `
            import { loadFastwasm, loadSingleThreaded } from '${location.origin}/pkg/load.js';
            self.onmessage = async () => {
              try {
                const { fastwasm: mt, threads, threadCount, reason } = await loadFastwasm();
                const st = await loadSingleThreaded();
                const rand = (n, seed) => Float64Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 43758.5453 % 1000);
                const same = (a, b) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
                const a = rand(160 * 170, 1), b = rand(170 * 150, 2), x = rand(300000, 3);
                x[5] = NaN; x[7] = -0; x[9] = 0; x[11] = -Infinity;
                const rgba = Uint8ClampedArray.from({ length: 4 * 300 * 200 }, (_, i) => (i * 7919) % 251);
                const checks = {
                  matmul: same(mt.matmul(a, b, 160, 170, 150), st.matmul(a, b, 160, 170, 150)),
                  mandelbrot: same(mt.mandelbrot(400, 300, -2, 1, -1.2, 1.2, 200), st.mandelbrot(400, 300, -2, 1, -1.2, 1.2, 200)),
                  sort: same(mt.sort(x), st.sort(x)),
                  unique: same(mt.unique(x), st.unique(x)),
                  blur: same(mt.gaussianBlur(rgba, 300, 200, 2.5), st.gaussianBlur(rgba, 300, 200, 2.5)),
                };
                self.postMessage({ threads, threadCount, reason, checks, cores: navigator.hardwareConcurrency });
              } catch (err) {
                self.postMessage({ error: String(err?.stack || err) });
              }
            };`;
          const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
          const worker = new Worker(url, { type: 'module' });
          const data = await new Promise((resolve, reject) => {
            worker.onmessage = ({ data }) => resolve(data);
            worker.onerror = (event) => reject(new Error(event.message || 'worker failed'));
            worker.postMessage('go');
          });
          worker.terminate();
          return data;
        });
        assert.equal(report.error, undefined, report.error);
        if (e2e.supports.sharedArrayBuffer) {
          assert.equal(report.threads, true, `threads (${report.reason})`);
          assert.equal(report.reason, null);
          assert.equal(report.threadCount, report.cores);
        } else {
          // Cross-origin isolated but no SharedArrayBuffer (WebKitGTK): pkg/ and the reason.
          assert.equal(report.threads, false);
          assert.equal(report.threadCount, 1);
          assert.match(report.reason, /SharedArrayBuffer/);
        }
        assert.deepEqual(report.checks, { matmul: true, mandelbrot: true, sort: true, unique: true, blur: true });
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });

    test('not cross-origin isolated: falls back to pkg/ and says why', async () => {
      const page = await e2e.browser.newPage({ width: 800, height: 600 });
      try {
        // The test mount /not-isolated/ is served without COOP/COEP (a 404 page is enough here).
        await page.goto(`${e2e.server.url}not-isolated/no-such-page`);
        const report = await page.evaluate(async () => {
          const { loadFastwasm } = await import('/pkg/load.js');
          const { fastwasm, threads, threadCount, reason } = await loadFastwasm();
          return {
            isolated: globalThis.crossOriginIsolated,
            threads,
            threadCount,
            reason,
            sorted: Array.from(fastwasm.sort([3, 1, 2])),
            hasPool: typeof fastwasm.initThreadPool === 'function',
          };
        });
        assert.equal(report.isolated, false);
        assert.equal(report.threads, false);
        assert.equal(report.threadCount, 1);
        assert.match(report.reason, /not cross-origin isolated/);
        assert.deepEqual(report.sorted, [1, 2, 3]);
        assert.equal(report.hasPool, false, 'the single-threaded build');
      } finally {
        await page.close();
      }
    });
  });
});
