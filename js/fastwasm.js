/* @ts-self-types="./fastwasm.d.ts" */
// fastwasm's JS entry point: the API of wasm-bindgen's web glue (fastwasm_glue.js), with every
// function guarded against traps.
//
// Kernels never trap on bad input (they throw an ordinary `Error` naming the function and the
// argument, and such errors pass through unchanged). Should the instance trap anyway
// (`WebAssembly.RuntimeError`: unreachable, out-of-bounds access; or a stack overflow inside the
// wasm), its state can no longer be trusted. The guard then
//   - in a re-instantiable build (pkg/: glue made with wasm-bindgen's
//     --experimental-reset-state-function) replaces the instance by a fresh one of the same module
//     and throws `Error("<fn>: the WebAssembly instance trapped (<message>); fastwasm
//     re-instantiated it, so later calls work")`, with the trap as `cause`. Later calls run on
//     the new instance. Its memory is a new `WebAssembly.Memory`: `wasmMemory()` returns it, and
//     typed arrays made on the old one (views from `wasmMemory().buffer`) no longer refer to
//     fastwasm's memory; make them again. Results returned by kernels are copies and stay valid.
//   - in a build that cannot be re-instantiated (pkg-mt/: its memory is shared with its worker
//     threads) throws an Error saying so, and every later call throws too: reload the page (or
//     worker) to get a working instance.
//
// Source: js/fastwasm.js in the fastwasm repository. js/compose.mjs writes it into a package
// directory, replacing the generated-exports line with one export per export of the glue.

import * as glue from './fastwasm_glue.js';

export { default, initSync } from './fastwasm_glue.js';

/** Whether the glue can replace a trapped instance by a fresh one. */
const reinstantiable = typeof glue.__wbg_reset_state === 'function';

/** The first trap, in a build that cannot be re-instantiated (every call refuses after it). */
let unrecoverable = null;

/** Frames of WebAssembly code in a stack trace (V8, SpiderMonkey and JavaScriptCore). */
const WASM_FRAME = /wasm-function\[/;

/** Whether `err` means the instance trapped, rather than an ordinary error thrown by a kernel. */
function isTrap(err) {
  if (err instanceof WebAssembly.RuntimeError) return true;
  // Running out of stack inside wasm is a RangeError in V8 and an InternalError in SpiderMonkey.
  // Running out in JavaScript (before the wasm is entered, or in a getter of the caller's input)
  // is the caller's error and passes through: its top frames are not wasm.
  const stackExhausted =
    (err instanceof RangeError || err?.name === 'InternalError') &&
    /call stack|too much recursion/i.test(String(err.message));
  return stackExhausted && WASM_FRAME.test(String(err.stack));
}

/** The Error thrown for a trap in `name`, after re-instantiating when the build allows it. */
function afterTrap(name, trap) {
  const what = `${name}: the WebAssembly instance trapped (${trap.message})`;
  if (!reinstantiable) {
    unrecoverable = trap;
    return new Error(
      `${what}; this build (memory shared with worker threads) cannot be re-instantiated, ` +
        'so reload the page or worker before calling fastwasm again',
      { cause: trap },
    );
  }
  try {
    glue.__wbg_reset_state();
  } catch (resetError) {
    unrecoverable = trap;
    return new Error(`${what} and re-instantiating it failed (${resetError?.message ?? resetError}); reload fastwasm`, {
      cause: trap,
    });
  }
  return new Error(`${what}; fastwasm re-instantiated it, so later calls work`, { cause: trap });
}

/** `fn` (the glue's export `name`) with traps turned into a clear Error; same name and length. */
function guarded(name, fn) {
  const wrapper = {
    [name](...args) {
      if (unrecoverable !== null) {
        throw new Error(
          `${name}: the WebAssembly instance trapped earlier (${unrecoverable.message}) and cannot ` +
            'be re-instantiated; reload the page or worker before calling fastwasm again',
          { cause: unrecoverable },
        );
      }
      try {
        return fn.apply(this, args);
      } catch (err) {
        throw isTrap(err) ? afterTrap(name, err) : err;
      }
    },
  }[name];
  return Object.defineProperty(wrapper, 'length', { value: fn.length });
}

// @generated-exports
