// Concurrency: several Web Workers using fastwasm at the same time, in every engine
// (tests/e2e/engines.mjs). The page (tests/e2e/workers-page.html) starts 4 module workers on pkg/,
// 2 on the threaded build pkg-mt/ (where the engine has SharedArrayBuffer) and 2 Pyodide workers;
// once all are loaded they run their own seeded mix of calls at once, each result checked against
// naive references inside the worker (tests/js/leak-workload.mjs in the JS workers,
// tests/python/test_leaks.py in the Pyodide ones).
//
//   bash scripts/build.sh && node --test tests/e2e/workers.test.mjs   (FASTWASM_ENGINES=… narrows)
//
// The page, its workers and the modules they import come from the server's test mounts (/tests/,
// /www/), with the same cross-origin isolation headers as every page; pkg/, pkg-mt/, Pyodide and
// the wheels from its usual mounts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { wheelsIn } from '../python/wheels.mjs';
import { ROOT, WHEEL, forEachEngine } from './engines.mjs';

/** pytest and what it imports (the Pyodide workers import the catalogue test modules); micropip and
 *  packaging are loaded by www/python.js already. */
const PYTEST_WHEELS = ['pytest-', 'pluggy-', 'iniconfig-', 'pygments-'];
const BUILD = 'build it first with `bash scripts/build.sh`';

forEachEngine(
  {
    required: {
      'pkg/fastwasm.js': BUILD,
      'pkg/fastwasm_bg.wasm': BUILD,
      'pkg-mt/fastwasm.js': BUILD,
      'pkg-mt/fastwasm_bg.wasm': BUILD,
      [WHEEL]: BUILD,
      'node_modules/pyodide/pyodide.mjs': 'run `npm ci`',
    },
  },
  (env) => {
    /** The page's result, shared by the tests below (the page runs once per engine). */
    let run;

    test('JS workers (pkg/) and Pyodide workers use fastwasm at the same time, correctly', async (t) => {
      const wheels = wheelsIn(path.join(ROOT, 'build/pyodide-wheels'))
        .map((w) => path.basename(w))
        .filter((w) => PYTEST_WHEELS.some((prefix) => w.startsWith(prefix)));
      assert.equal(wheels.length, PYTEST_WHEELS.length, 'pytest wheels missing from build/pyodide-wheels (bash scripts/install.sh)');

      const page = await env.browser.newPage();
      try {
        await page.goto(new URL(`tests/e2e/workers-page.html?wheels=${wheels.join(',')}`, env.server.url).href);
        await page.waitForDone('workers page', 300_000);
        run = await page.evaluate(() => window.workersResult);
        const { crossOriginIsolated, threads, records, order } = run;

        const firstEnd = Math.min(...records.map((r) => r.ended));
        const lastStart = Math.max(...records.map((r) => r.started));
        const switches = order.filter((id, i) => i > 0 && id !== order[i - 1]).length;
        for (const r of records) {
          const s = r.summary;
          t.diagnostic(
            `${env.engine}: ${r.id} (${r.info.build}): ${s.calls} calls, ${s.checked} checked, ${s.errors} expected errors, ` +
              `${r.progress} batches, ${Math.round(r.ended - r.started)} ms`,
          );
        }
        t.diagnostic(
          `${env.engine}: all ${records.length} workers ran together for ${Math.round(firstEnd - lastStart)} ms; ` +
            `${switches} switches between workers in ${order.length} progress messages`,
        );

        assert.equal(crossOriginIsolated, true, 'the page is cross-origin isolated');
        assert.equal(threads, env.supports.sharedArrayBuffer, 'the page runs pkg-mt/ workers exactly where the engine has SharedArrayBuffer');
        assert.deepEqual(
          records.map((r) => r.info.build).sort(),
          ['pkg', 'pkg', 'pkg', 'pkg', ...(threads ? ['pkg-mt', 'pkg-mt'] : []), 'python', 'python'],
        );
        for (const r of records) {
          const s = r.summary;
          assert.equal(s.failureCount, 0, `${r.id}: ${s.failureCount} wrong results:\n${s.failures.join('\n')}`);
          assert.ok(s.calls >= r.minCalls, `${r.id}: ${s.calls} calls, wanted at least ${r.minCalls}`);
          assert.equal(s.checked, s.calls, `${r.id}: every result is checked`);
          assert.ok(s.errors > 0 && s.errors < s.calls, `${r.id}: ${s.errors} of ${s.calls} calls threw`);
          assert.ok(r.progress >= 2, `${r.id}: ${r.progress} batches`);
        }
        assert.ok(lastStart < firstEnd, 'every worker was calling fastwasm while the others were');
        assert.ok(switches >= records.length, `progress messages interleave (${switches} switches)`);
        assert.deepEqual(await page.problems(), []);
      } finally {
        await page.close();
      }
    });

    test('the threaded build (pkg-mt/) runs in workers on shared memory alongside them', (t) => {
      if (!env.supports.sharedArrayBuffer) {
        return t.skip(`${env.engine}: no SharedArrayBuffer (even when cross-origin isolated), so no pkg-mt/`);
      }
      assert.ok(run, 'the workers page ran (see the test above)');
      const mt = run.records.filter((r) => r.info.build === 'pkg-mt');
      assert.equal(mt.length, 2);
      for (const r of mt) assert.equal(r.info.shared, true, `${r.id}: pkg-mt runs on shared memory`);
    });
  },
);
