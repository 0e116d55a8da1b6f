// fastwasm's loader (shipped as pkg/load.js, import "fastwasm/load"): loads fastwasm in a web
// page or worker (or in Node, where only the single-threaded build runs), choosing the build:
//   - the multi-threaded build (wasm threads, SharedArrayBuffer, a pool of Web Workers)
//     when the context is cross-origin isolated (served with COOP: same-origin and
//     COEP: require-corp) and the build loads;
//   - otherwise the single-threaded build pkg/.
// Both export the same functions with the same results; the threaded build runs matmul,
// mandelbrot, sort, unique and gaussianBlur on several cores for large inputs.
//
//   import { loadFastwasm } from './pkg/load.js';      // or "fastwasm/load" with an import map
//   const { fastwasm, threads, threadCount, reason } = await loadFastwasm();
//   fastwasm.matmul(a, b, n, n, n);
//
// Best called in a worker: a call on the threaded build waits for its pool, and a page's main
// thread should not wait. By default the single-threaded build is this file's directory and the
// threaded one its threads/ subdirectory, as in the npm package (/pkg/load.js → /pkg/ and
// /pkg/threads/); pass `pkg` / `pkgMt` URLs to change that. The builds are imported from URLs at
// run time, so a bundler does not see them: in a bundled app, import "fastwasm" instead.

const DEFAULT_PKG = new URL('./', import.meta.url);
const DEFAULT_PKG_MT = new URL('./threads/', import.meta.url);

/** Logical cores of this machine (at least 1). */
function cores() {
  return Math.max(1, globalThis.navigator?.hardwareConcurrency || 1);
}

/**
 * Imports and initialises `fastwasm.js` + `fastwasm_bg.wasm` from the directory `dir`. From a
 * file: URL (Node) it imports the package's Node entry `node.js` instead, which reads the .wasm
 * from disk (Node's fetch cannot).
 */
async function loadBuild(dir) {
  const base = new URL(dir, globalThis.location?.href ?? import.meta.url);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const entry = base.protocol === 'file:' ? 'node.js' : 'fastwasm.js';
  const fastwasm = await import(new URL(entry, base).href);
  await fastwasm.default({ module_or_path: new URL('fastwasm_bg.wasm', base) });
  return fastwasm;
}

/** The single-threaded build: resolves to the initialised module. */
export function loadSingleThreaded({ pkg = DEFAULT_PKG } = {}) {
  return loadBuild(pkg);
}

/** `promise`, or a rejection with `what` if it has not settled after `ms` milliseconds. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The multi-threaded build with its pool of `threadCount` workers started: resolves to
 * `{ fastwasm, threadCount }`, or rejects with an Error saying why threads cannot be used here.
 * Starting the pool is given `timeoutMs` (a worker that fails to start would otherwise never answer).
 */
export async function loadMultiThreaded({ pkgMt = DEFAULT_PKG_MT, threadCount = cores(), timeoutMs = 30_000 } = {}) {
  if (globalThis.crossOriginIsolated !== true) {
    throw new Error('the page is not cross-origin isolated (it needs COOP: same-origin and COEP: require-corp)');
  }
  if (typeof SharedArrayBuffer !== 'function' || typeof Worker !== 'function') {
    throw new Error('this browser has no SharedArrayBuffer or no Worker here');
  }
  let fastwasm;
  try {
    fastwasm = await loadBuild(pkgMt);
    if (typeof fastwasm.initThreadPool !== 'function') throw new Error('it has no initThreadPool');
    await within(fastwasm.initThreadPool(threadCount), timeoutMs, `initThreadPool(${threadCount})`);
  } catch (err) {
    throw new Error(`the multi-threaded build did not load: ${err?.message || err}`, { cause: err });
  }
  return { fastwasm, threadCount };
}

/**
 * fastwasm, threaded when possible: resolves to `{ fastwasm, threads, threadCount, reason }`, where
 * `threads` says which build `fastwasm` is, `threadCount` is its pool size (1 without threads) and
 * `reason` why threads are not used (null when they are). `{ threads: false }` skips the threaded build.
 */
export async function loadFastwasm({ threads = true, threadCount = cores(), pkg = DEFAULT_PKG, pkgMt = DEFAULT_PKG_MT } = {}) {
  let reason = 'threads were not requested';
  if (threads) {
    try {
      const mt = await loadMultiThreaded({ pkgMt, threadCount });
      return { fastwasm: mt.fastwasm, threads: true, threadCount: mt.threadCount, reason: null };
    } catch (err) {
      reason = err.message;
    }
  }
  return { fastwasm: await loadSingleThreaded({ pkg }), threads: false, threadCount: 1, reason };
}
