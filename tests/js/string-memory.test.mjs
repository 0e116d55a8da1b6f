// A string argument too long for what is left of wasm memory is an out-of-memory Error, not a
// trap: the binding reserves room for the string (3 bytes per UTF-16 code unit) before
// wasm-bindgen copies it in with an infallible allocation. Its own file (own process): it fills
// most of the 4 GiB address space with a scratch region first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

test('a string that does not fit in wasm memory throws an out-of-memory Error and the module keeps working', () => {
  // Leave less than 1 GiB: 3.2 GB of scratch (two regions: one allocation holds at most 2 GiB)
  // in a 4 GiB address space.
  fw.scratch(0, 1.6e9);
  fw.scratch(1, 1.6e9);
  const memory = fw.wasmMemory();
  const long = 'a'.repeat(4e8); // needs up to 1.2 GB in wasm memory
  for (const call of [() => fw.levenshtein(long, 'b'), () => fw.wordCounts(long, 3)]) {
    assert.throws(call, (err) => {
      assert.ok(!(err instanceof WebAssembly.RuntimeError), `a trap: ${err}`);
      assert.ok(err instanceof Error);
      assert.match(err.message, /^(levenshtein: out of memory: a|wordCounts: out of memory: text) is too long for wasm memory \(400000000 UTF-16 code units\)$/);
      return true;
    });
  }
  assert.equal(fw.wasmMemory(), memory, 'not re-instantiated: no trap happened');
  assert.equal(fw.levenshtein('kitten', 'sitting'), 3);
  assert.deepEqual(fw.wordCounts('b a b', 1), [['b', 2]]);
});
