// A string argument too long for what is left of wasm memory is an out-of-memory error (an Error
// named MemoryError), not a trap: the wrapper stages a string's code points or UTF-8 bytes into a
// region that fastwasm sizes with a fallible allocation, and a kernel's own buffers are fallible
// too. Its own file (own process): it fills most of the 4 GiB address space with scratch regions
// first.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';

/** Checks that `call` throws the MemoryError of `fn` for `argument` with `detail`. */
function assertMemoryError(call, fn, argument, detail) {
  assert.throws(call, (err) => {
    assert.ok(!(err instanceof WebAssembly.RuntimeError), `a trap: ${err}`);
    assert.equal(err.constructor, Error);
    assert.equal(err.name, 'MemoryError');
    assert.equal(err.message, `${fn}: ${argument} ${detail}`);
    assert.deepEqual(
      { kind: err.kind, argument: err.argument, detail: err.detail, function: err.function },
      { kind: 'memory', argument, detail, function: fn },
    );
    return true;
  });
}

test('a string that does not fit in wasm memory throws a MemoryError and the module keeps working', () => {
  // Leave less than 1 GiB: 3.2 GB of scratch (two regions: one allocation holds at most 2 GiB)
  // in a 4 GiB address space.
  fw.scratch(0, 1.6e9);
  fw.scratch(1, 1.6e9);
  const memory = fw.wasmMemory();
  const long = 'a'.repeat(4e8);
  // wordCounts stages the 400 MB of UTF-8, which fits, but its word table does not.
  assertMemoryError(
    () => fw.wordCounts(long, 3),
    'wordCounts',
    'text',
    'is too large: out of memory (cannot grow the word table)',
  );
  // levenshtein stages 4 bytes per code point: 1.6 GB does not fit. (Restaging the slot with
  // another element kind frees the 400 MB that wordCounts left in it first.)
  assertMemoryError(
    () => fw.levenshtein(long, 'b'),
    'levenshtein',
    'a',
    'is too large: out of memory (cannot allocate 400000000 items of 4 bytes)',
  );
  // With less than 400 MB left, staging the UTF-8 itself fails.
  fw.scratch(2, 0.7e9);
  assertMemoryError(
    () => fw.wordCounts(long, 3),
    'wordCounts',
    'text',
    'is too large: out of memory (cannot allocate 400000000 items of 1 bytes)',
  );
  assert.equal(fw.wasmMemory(), memory, 'not re-instantiated: no trap happened');
  assert.equal(fw.levenshtein('kitten', 'sitting'), 3);
  assert.deepEqual(fw.wordCounts('b a b', 1), [['b', 2]]);
});

test('a long option string is refused before wasm runs: no trap, no growth, a short message', () => {
  // Memory is still nearly full from the test above.
  const memory = fw.wasmMemory();
  const bytes = memory.buffer.byteLength;
  for (const length of [65, 4e8]) {
    assert.throws(() => fw.convolve([1, 2], [1], 'a'.repeat(length)), (err) => {
      assert.ok(err instanceof RangeError, `${err}`);
      assert.equal(err.message, `convolve: mode is too long to be an option name (${length} characters)`);
      return true;
    });
  }
  assert.equal(fw.wasmMemory(), memory, 'not re-instantiated: no trap happened');
  assert.equal(memory.buffer.byteLength, bytes, 'no growth');
  // A short unknown mode is quoted by the kernel, at most 32 characters of it.
  assert.throws(() => fw.convolve([1, 2], [1], 'b'.repeat(64)), { message: `convolve: mode must be "full", "same" or "valid", got "${'b'.repeat(32)}"…` });
  assert.deepEqual(Array.from(fw.convolve([1, 2], [1], 'same')), [1, 2]);
});
