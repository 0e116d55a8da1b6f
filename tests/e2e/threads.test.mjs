// Threads for Python in the browser, in every engine (tests/e2e/engines.mjs): the Pyodide wheel's
// `fastwasm.enable_threads()` in a module worker of a cross-origin isolated page starts the threaded
// build's pool where the engine has SharedArrayBuffer, and the threaded results equal the
// single-threaded ones byte for byte (tests/e2e/threads_check.py); elsewhere it returns False, and
// `fastwasm.threads()` says why: on the page's main thread, on a page that is not cross-origin
// isolated, in WebKitGTK (no SharedArrayBuffer). A trap in the threaded instance raises a
// RuntimeError that every later call repeats, without hanging (the trap test build,
// scripts/build-trap-test.sh).
//
//   bash scripts/build.sh && bash scripts/build-trap-test.sh && node --test tests/e2e/threads.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WHEEL, forEachEngine } from './engines.mjs';

const BUILD = 'build it first with `bash scripts/build.sh`';
const TIMEOUT = 240_000;
/** Every kernel threads_check.py compares, single-threaded against threaded. */
const KERNELS = [
  'argsort', 'convolve', 'cumsum', 'fft', 'gaussian_blur', 'grayscale', 'histogram', 'levenshtein', 'mandelbrot',
  'matmul', 'matmul float32', 'median', 'resident sort', 'sobel', 'sort', 'sum', 'unique', 'var', 'word_counts',
];
/** The errors threads_check.py provokes after enabling threads: the same as without them. */
const ERRORS = [
  'TypeError: sort: x must be a sequence of numbers or a buffer, got str',
  'ValueError: matmul: a has 2 columns but b has 1 rows (shapes 1x2 and 1x2)',
  'ValueError: gaussian_blur: rgba must have 4*w*h = 16 bytes, got 8',
  'ValueError: mandelbrot: max_iter must be a non-negative integer, got -5',
];
const BAD_N = [
  'TypeError: enable_threads: n must be an int or None, got str',
  'ValueError: enable_threads: n must be between 1 and 256, got 0',
  'ValueError: enable_threads: n must be between 1 and 256, got 10000',
  'TypeError: enable_threads: n must be an int or None, got bool',
  'TypeError: enable_threads: n must be an int or None, got float',
];

/** Opens threads-page.html with `query` on `base` and resolves to its { crossOriginIsolated, report }. */
async function runCheck(env, query, base = env.server.url) {
  const page = await env.browser.newPage();
  try {
    await page.goto(new URL(`tests/e2e/threads-page.html?${query}`, base).href);
    await page.waitForDone(`threads page (${query})`, TIMEOUT);
    const result = await page.evaluate(() => window.threadsReport);
    assert.deepEqual(await page.problems(), []);
    return result;
  } finally {
    await page.close();
  }
}

/** The checks that hold whether or not threads started: refusals of bad n, errors, results. */
function assertSameBehaviour(report) {
  assert.deepEqual(report.bad_n, BAD_N);
  assert.deepEqual(report.kernels, KERNELS);
  assert.deepEqual(report.differ, [], 'every result equals the single-threaded one, byte for byte');
  assert.equal(report.kept, true, 'a resident array made before enable_threads keeps its values');
  assert.deepEqual(report.errors, ERRORS);
  assert.equal(report['still works'], true);
}

/** The report of a host where enable_threads() must return False because of `reason`. */
function assertRefused(report, reason) {
  assert.deepEqual(report.enabled, [false, false]);
  assert.equal(report.again, false);
  assert.equal(report.status.enabled, false);
  assert.equal(report.status.count, 1);
  assert.match(report.status.reason, reason);
  assert.equal(report.status.text, `fastwasm runs single-threaded: ${report.status.reason}`);
  assert.equal(report.before.reason, report.status.reason, 'threads() says why before enable_threads() is called');
  assertSameBehaviour(report);
}

forEachEngine(
  {
    required: {
      [WHEEL]: BUILD,
      'python/fastwasm/threads/fastwasm_bg.wasm': `${BUILD} (not --quick: the threaded build)`,
      'build/trap/threads/fastwasm_bg.wasm': 'build it first with `bash scripts/build-trap-test.sh`',
    },
  },
  (env) => {
    test('enable_threads() in a worker of an isolated page: the pool where SharedArrayBuffer exists, the same results', async (t) => {
      const { crossOriginIsolated, report } = await runCheck(env, 'n=2');
      assert.equal(crossOriginIsolated, true);
      assert.deepEqual(report.before, {
        enabled: false,
        count: 1,
        reason: env.supports.sharedArrayBuffer
          ? 'threads are not enabled: call `await fastwasm.enable_threads()`'
          : report.before.reason,
      });
      if (!env.supports.sharedArrayBuffer) {
        t.diagnostic(`${env.engine}: ${report.status.text}`);
        return assertRefused(report, /^this browser has no SharedArrayBuffer, even though the page is cross-origin isolated/);
      }
      assert.deepEqual(report.enabled, [true, true], 'both concurrent calls start (and share) one pool');
      assert.deepEqual(report.status, { enabled: true, count: 2, reason: '', text: 'fastwasm uses 2 threads' });
      assert.equal(report.again, true);
      assert.match(report.resize, /^ValueError: enable_threads: n is 3, but fastwasm's pool already has 2 threads and cannot be resized/);
      assert.equal(report.shared_memory, 'SharedArrayBuffer', 'the kernels run on the shared memory of the threaded build');
      assertSameBehaviour(report);
    });

    test('enable_threads() on the page\'s main thread returns False and says why', { skip: env.engine === 'webkit' && 'covered by the worker test' }, async () => {
      const { report } = await runCheck(env, 'where=main');
      assertRefused(report, /^Python runs on the page's main thread, which must not wait while the pool works: run Pyodide in a Web Worker/);
    });

    test('enable_threads() on a page that is not cross-origin isolated returns False and says why', { skip: env.engine === 'webkit' && 'covered by the worker test' }, async () => {
      // The test server's NOT_ISOLATED prefix serves the same pages without COOP/COEP.
      const { crossOriginIsolated, report } = await runCheck(env, 'n=2', new URL('not-isolated/', env.server.url).href);
      assert.equal(crossOriginIsolated, false);
      assertRefused(report, /^the page is not cross-origin isolated: serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp$/);
    });

    test('a trap in the threaded instance raises RuntimeError, and so does every later call, none hanging', { skip: !env.supports.sharedArrayBuffer && 'no SharedArrayBuffer, so no threaded instance' }, async () => {
      const { report } = await runCheck(env, 'check=trap&trap=/trap-threads/');
      assert.equal(report.enabled, true);
      assert.equal(report.works, true, 'the trap build computes before its trap');
      // The trap's message is the engine's ("unreachable", "unreachable executed", ...).
      const first = report.trap.match(
        /^force_trap: (fastwasm's threaded WebAssembly instance trapped in force_trap \(RuntimeError: unreachable[^)]*\) and cannot be re-instantiated, because its memory is shared with the thread pool: restart the kernel \(or reload the page, or the worker\) before calling fastwasm again)$/,
      );
      assert.ok(first, `the trap's RuntimeError: ${report.trap}`);
      const dead = first[1];
      const funcs = { sum: 'sum', sort: 'sort', matmul: 'matmul', mandelbrot: 'mandelbrot', array: 'array', resident: 'ResidentArray.to_array', 'sum again': 'sum' };
      assert.deepEqual(report.later, Object.fromEntries(Object.entries(funcs).map(([k, f]) => [k, `RuntimeError: ${f}: ${dead}`])));
      assert.equal(report.free, 'ok', 'freeing a resident array of the dead instance does nothing, quietly');
      assert.deepEqual(report.status, { enabled: false, reason: dead });
      assert.equal(report['enable again'], false);
      assert.equal(report['fastwasm still works'], true, 'the other package in the same interpreter is unaffected');
    });
  },
);
