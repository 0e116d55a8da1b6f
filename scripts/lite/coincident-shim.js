// The notebook site's shim for the kernel's `coincident` channel, loaded first by every page of
// the site that starts the app (scripts/build_lite.py inserts the <script> tag and checks it).
//
// The site is served cross-origin isolated (scripts/serve.mjs), so that notebooks can use threads.
// jupyterlite-pyodide-kernel (0.8.6; 0.8.7 bundles the same code) then talks to its Pyodide worker
// through `coincident` (github.com/WebReflection/coincident, esm/index.js) instead of comlink: the
// worker blocks in Atomics.wait while the page answers, and the page awaits each reply of the
// worker with
//
//     Atomics.waitAsync(buffer, 0, 0).value.then(readTheReply)
//
// It reads `crossOriginIsolated` once, when a kernel starts, and `Atomics.waitAsync` once, when its
// chunk loads: this file runs before both. It does two things, each installed at most once.
//
// 1. Atomics.waitAsync always answers with a promise. The upstream bug: Atomics.waitAsync answers
//    synchronously, `{ async: false, value: "not-equal" }`, when the worker has already written its
//    reply (buffer[0] is no longer 0) by the time the page starts waiting. `value` is then a
//    string, `.value.then` is not a function, the reply is never read and the cell stays at [*]:
//    about one cell in five when a notebook runs all its cells. (coincident only polyfills a
//    missing waitAsync; it takes every result for a promise.) The wrapper turns a synchronous
//    result `{ async: false, value }` into `{ async: true, value: Promise.resolve(value) }`: the
//    same answer ("not-equal" or "timed-out") one microtask later, as if the wait had been
//    asynchronous. Asynchronous results are returned untouched and errors thrown as before.
//    coincident ignores the string a wait resolves to: after "not-equal" the reply is already in
//    the buffer, so going on to read it, as it does after an asynchronous "ok", is right. Where
//    Atomics.waitAsync does not exist there is nothing to wrap (coincident's own polyfill always
//    answers with a promise).
//
// 2. Isolated but without SharedArrayBuffer (WebKitGTK), the page tells the kernel it is not
//    isolated. coincident's channel needs shared memory; without it the kernel never starts.
//    `crossOriginIsolated` reads false in this page (the kernel's worker still sees the truth), so
//    the kernel takes its comlink path, the one every host that is not isolated uses.
(function installCoincidentShim() {
  'use strict';
  const marker = Symbol.for('fastwasm.coincidentShim');
  if (globalThis[marker]) return;
  Object.defineProperty(globalThis, marker, { value: true });

  const atomics = globalThis.Atomics;
  const original = atomics && atomics.waitAsync;
  if (typeof original === 'function') {
    const waitAsync = function waitAsync(typedArray, index, value, timeout) {
      // `arguments`, not the four names: an omitted timeout stays omitted (infinite).
      const result = Reflect.apply(original, atomics, arguments);
      if (result.async) return result;
      return { async: true, value: Promise.resolve(result.value) };
    };
    Object.defineProperty(atomics, 'waitAsync', { value: waitAsync, writable: true, configurable: true, enumerable: false });
  }

  if (globalThis.crossOriginIsolated === true && typeof globalThis.SharedArrayBuffer !== 'function') {
    Object.defineProperty(globalThis, 'crossOriginIsolated', { value: false, configurable: true, enumerable: true });
  }
})();
