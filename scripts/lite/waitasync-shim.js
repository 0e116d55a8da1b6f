// Atomics.waitAsync shim of fastwasm's notebook site: every result is asynchronous.
//
// Why: the site is cross-origin isolated, so jupyterlite-pyodide-kernel (0.8.6, and 0.8.7 bundles
// the same code) talks to its Pyodide worker through `coincident`. On the page's main thread,
// coincident waits for each reply of the worker with
//
//     Atomics.waitAsync(buffer, 0, 0).value.then(readTheReply)
//
// but Atomics.waitAsync answers synchronously, `{ async: false, value: "not-equal" }`, when the
// worker has already written its reply (buffer[0] is no longer 0) by the time the page waits. The
// value is then a string, `.value.then` is not a function, the reply is never read and the cell
// stays at [*]: about one cell in five when a notebook runs all its cells. (The bundled coincident
// only polyfills a missing waitAsync; it assumes every result it gets is a promise. Upstream:
// WebReflection/coincident, used by jupyterlite/pyodide-kernel's coincident worker.)
//
// What: Atomics.waitAsync is wrapped so that a synchronous result `{ async: false, value }` becomes
// `{ async: true, value: Promise.resolve(value) }`: the same answer ("not-equal" or "timed-out"),
// one microtask later, as if the wait had been asynchronous. Asynchronous results are returned
// untouched, and errors (a buffer that is not shared, ...) are thrown as before. coincident ignores
// the string a wait resolves to: "not-equal" here means the reply is already in the buffer, so it
// goes on to read it, which is what it does after an asynchronous "ok".
//
// Loaded by a classic <script> before the app's bundles in every page of the site that starts the
// app (scripts/build_lite.py inserts the tag and checks it is there): coincident reads
// Atomics.waitAsync once, when its chunk loads. Installed once per realm; where Atomics.waitAsync
// does not exist (coincident then uses its own polyfill, which always answers with a promise) it
// does nothing.
(function installWaitAsyncShim() {
  'use strict';
  const atomics = globalThis.Atomics;
  const original = atomics && atomics.waitAsync;
  const marker = Symbol.for('fastwasm.waitAsyncShim');
  if (typeof original !== 'function' || original[marker]) return;

  function waitAsync(typedArray, index, value, timeout) {
    // `arguments`, not the four names: an omitted timeout stays omitted (infinite).
    const result = Reflect.apply(original, atomics, arguments);
    if (result.async) return result;
    return { async: true, value: Promise.resolve(result.value) };
  }
  Object.defineProperty(waitAsync, marker, { value: true });
  Object.defineProperty(atomics, 'waitAsync', { value: waitAsync, writable: true, configurable: true, enumerable: false });
})();
