// Concurrency: several Web Workers using fastwasm at the same time, in headless Chromium. The page
// (tests/e2e/workers-page.html) starts 4 module workers on pkg/, 2 on the threaded build pkg-mt/
// (the page is cross-origin isolated) and 2 Pyodide workers; once all are loaded they run their own
// seeded mix of calls at once, each result checked against naive references inside the worker
// (tests/js/leak-workload.mjs in the JS workers, tests/python/test_leaks.py in the Pyodide ones).
//
//   bash scripts/build.sh && node --test tests/e2e/workers.test.mjs
//
// Starts scripts/serve.mjs in-process on a free port (pkg/, pkg-mt/, Pyodide, the wheels and www/
// come from its mounts). The page, its workers and the test modules they load are routed from the
// repository at /repo/…, with the server's cross-origin isolation headers. Needs /usr/bin/chromium
// (CHROMIUM=/path).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { wheelsIn } from '../python/wheels.mjs';
import { PKG_FILES, ROOT, WHEEL, openPage, routeFiles, serveAndLaunch, waitForDone } from './browser.mjs';

/** What /repo/… may serve (paths relative to the repository). */
const ROUTED = [
  /^tests\/e2e\/workers-[\w-]+\.(html|js)$/,
  /^tests\/e2e\/page-run\.mjs$/,
  /^tests\/js\/leak-workload\.mjs$/,
  /^tests\/python\/test_\w+\.py$/,
  /^tests\/python\/naive\.py$/,
  /^www\/(baselines|suite)\.js$/,
];
const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
/** pytest and what it imports (the Pyodide workers import the catalogue test modules); micropip and
 *  packaging are loaded by www/python.js already. */
const PYTEST_WHEELS = ['pytest-', 'pluggy-', 'iniconfig-', 'pygments-'];

const e2e = serveAndLaunch({
  ...PKG_FILES,
  'pkg-mt/fastwasm.js': 'build it first with `bash scripts/build.sh`',
  'pkg-mt/fastwasm_bg.wasm': 'build it first with `bash scripts/build.sh`',
  [WHEEL]: 'build the wheel first with `bash scripts/build.sh`',
  'node_modules/pyodide/pyodide.mjs': 'run `npm ci`',
});

test('JS workers (pkg/ and pkg-mt/) and Pyodide workers use fastwasm at the same time, correctly', async (t) => {
  const wheels = wheelsIn(path.join(ROOT, 'build/pyodide-wheels'))
    .map((w) => path.basename(w))
    .filter((w) => PYTEST_WHEELS.some((prefix) => w.startsWith(prefix)));
  assert.equal(wheels.length, PYTEST_WHEELS.length, 'pytest wheels missing from build/pyodide-wheels (bash scripts/install.sh)');

  const { context, page, problems } = await openPage(e2e.browser);
  await routeFiles(context, '/repo/', ROUTED, ISOLATION);
  try {
    await page.goto(new URL(`repo/tests/e2e/workers-page.html?wheels=${wheels.join(',')}`, e2e.server.url).href);
    await waitForDone(page, 'workers page', 240_000);
    const { crossOriginIsolated, records, order } = await page.evaluate(() => globalThis.workersResult);

    const firstEnd = Math.min(...records.map((r) => r.ended));
    const lastStart = Math.max(...records.map((r) => r.started));
    const switches = order.filter((id, i) => i > 0 && id !== order[i - 1]).length;
    for (const r of records) {
      const s = r.summary;
      t.diagnostic(
        `${r.id} (${r.info.build}): ${s.calls} calls, ${s.checked} checked, ${s.errors} expected errors, ` +
          `${r.progress} batches, ${Math.round(r.ended - r.started)} ms`,
      );
    }
    t.diagnostic(`all ${records.length} workers ran together for ${Math.round(firstEnd - lastStart)} ms; ${switches} switches between workers in ${order.length} progress messages`);

    assert.equal(crossOriginIsolated, true, 'the page is cross-origin isolated');
    assert.deepEqual(
      records.map((r) => r.info.build).sort(),
      ['pkg', 'pkg', 'pkg', 'pkg', 'pkg-mt', 'pkg-mt', 'python', 'python'],
    );
    for (const r of records) {
      const s = r.summary;
      assert.equal(s.failureCount, 0, `${r.id}: ${s.failureCount} wrong results:\n${s.failures.join('\n')}`);
      assert.ok(s.calls >= r.minCalls, `${r.id}: ${s.calls} calls, wanted at least ${r.minCalls}`);
      assert.equal(s.checked, s.calls, `${r.id}: every result is checked`);
      assert.ok(s.errors > 0 && s.errors < s.calls, `${r.id}: ${s.errors} of ${s.calls} calls threw`);
      assert.ok(r.progress >= 2, `${r.id}: ${r.progress} batches`);
    }
    for (const r of records.filter((x) => x.info.build === 'pkg-mt')) {
      assert.equal(r.info.shared, true, `${r.id}: pkg-mt runs on shared memory`);
    }
    assert.ok(lastStart < firstEnd, 'every worker was calling fastwasm while the others were');
    assert.ok(switches >= records.length, `progress messages interleave (${switches} switches)`);
    assert.deepEqual(problems(), []);
  } finally {
    await context.close();
  }
});
