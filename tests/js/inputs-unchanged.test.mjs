// Inputs are never modified, and results never alias the module's memory, from the cross-language
// table tests/fixtures/inputs-unchanged.json (made by tests/fixtures/make_tables.py;
// tests/python/test_inputs_unchanged.py runs the same table in Python). Every export taking arrays,
// images or strings is called with its inputs in each representation of the table (Float64Array,
// plain-array and wasm-memory-view inputs; images: Uint8ClampedArray, Uint8Array and wasm-memory
// views). Afterwards every input still holds its values, typed-array results are not views on wasm
// memory, and a first result is unchanged by a second call that reuses the same scratch regions
// with other values.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fw from './helpers.mjs';
import { camel, decode, forJs, loadTable } from './table.mjs';

const TABLE = loadTable('inputs-unchanged.json');
const SLOT_BYTES = 4096;

/** Every export with array, image or string arguments, by its JS name: tagged arguments. */
const CALLS = Object.fromEntries(Object.entries(TABLE.calls).map(([name, call]) => [camel(name), forJs(call).args]));
const REPRESENTATIONS = TABLE.representations.js;
const CONSTRUCTORS = { Array, Float64Array, Float32Array, Uint8Array, Uint8ClampedArray };

// The scratch regions are reserved once, so making views never grows (and detaches) the memory.
for (let slot = 0; slot < 4; slot++) fw.scratch(slot, SLOT_BYTES);

/** The values of an input: a literal list, or the name of one of the table's `values`. */
const valuesOf = (ref) => decode(typeof ref === 'string' ? TABLE.values[ref] : ref);

/**
 * The arguments of `func` in `representation`, with input values transformed by `change`, and
 * the inputs made: [{ read: () => current contents, copy: contents when made }].
 */
function argumentsFor(func, representation, change = (v) => v) {
  const { wasm, ...kinds } = REPRESENTATIONS[representation];
  const inputs = [];
  let slot = 0;
  const make = (kind, values) => {
    const ctor = CONSTRUCTORS[kinds[kind]];
    if (!ctor) throw new Error(`inputs-unchanged.json: no ${kind} input in the representation ${representation}`);
    values = values.map(change);
    let input;
    let read = () => input;
    if (wasm) {
      const address = fw.scratch(slot++, SLOT_BYTES);
      input = new ctor(fw.wasmMemory().buffer, address, values.length);
      input.set(values);
      read = () => new ctor(fw.wasmMemory().buffer, address, values.length); // the memory may have grown
    } else {
      input = ctor === Array ? [...values] : ctor.from(values);
    }
    inputs.push({ read, copy: Array.from(input) });
    return input;
  };
  const args = CALLS[func].map((arg) => {
    if (arg !== null && typeof arg === 'object' && !Array.isArray(arg) && !('$' in arg)) {
      const [[kind, ref]] = Object.entries(arg);
      // A matrix is passed flat (row-major) in JS.
      return kind === 'matrix' ? make('floats', valuesOf(ref).flat()) : make(kind, valuesOf(ref));
    }
    return decode(arg);
  });
  return { args, inputs };
}

/** A plain, deep copy of a result (typed arrays become { type, values }). */
function snapshot(result) {
  if (ArrayBuffer.isView(result)) return { type: result.constructor.name, values: Array.from(result) };
  if (result !== null && typeof result === 'object') {
    return Object.fromEntries(Object.entries(result).map(([key, value]) => [key, snapshot(value)]));
  }
  return result;
}

/** Every typed array in `result` owns its buffer; none is a view on the module's memory. */
function assertOwnBuffers(result, where) {
  if (ArrayBuffer.isView(result)) {
    assert.notEqual(result.buffer, fw.wasmMemory().buffer, `${where} is a view on wasm memory`);
    assert.equal(result.byteLength, result.buffer.byteLength, `${where} is a view on a larger buffer`);
  } else if (result !== null && typeof result === 'object') {
    for (const [key, value] of Object.entries(result)) assertOwnBuffers(value, `${where}.${key}`);
  }
}

const sameValues = (got, want) => got.length === want.length && want.every((v, i) => Object.is(got[i], v));

for (const func of Object.keys(CALLS)) {
  for (const representation of Object.keys(REPRESENTATIONS)) {
    test(`${func} with ${representation}: inputs unchanged, results own their memory`, () => {
      const first = argumentsFor(func, representation);
      const result = fw[func](...first.args);
      for (const [i, { read, copy }] of first.inputs.entries()) {
        assert.ok(sameValues(Array.from(read()), copy), `input ${i} of ${func} was modified`);
      }
      assertOwnBuffers(result, `${func}()`);
      const before = snapshot(result);

      // The same scratch regions (or fresh arrays) with other values, then the first result again.
      const second = argumentsFor(func, representation, (v) => 1 - 2 * v);
      const other = fw[func](...second.args);
      assertOwnBuffers(other, `second ${func}()`);
      assert.deepEqual(snapshot(result), before, `the first ${func} result changed after a second call`);
      if (first.inputs.length && typeof before === 'object') {
        assert.notDeepEqual(snapshot(other), before, 'the second call must see other values');
      }
    });
  }
}

test('every export with array, image or string arguments is covered', () => {
  const scalarOnly = Object.keys(TABLE.scalar_only).map(camel);
  const exported = Object.keys(fw).filter((name) => typeof fw[name] === 'function' && !['default', 'initSync'].includes(name));
  assert.deepEqual([...Object.keys(CALLS), ...scalarOnly, ...TABLE.not_kernels.js].sort(), exported.sort());
});

test('results of the scalar-only exports own their memory too', () => {
  const calls = Object.entries(TABLE.scalar_only).map(([name, call]) => [camel(name), forJs(call)]);
  const results = calls.map(([func, { args }]) => [func, fw[func](...decode(args))]);
  const before = results.map(([, result]) => snapshot(result));
  for (const [func, result] of results) assertOwnBuffers(result, `${func}()`);
  for (const [func, { other }] of calls) fw[func](...decode(other));
  assert.deepEqual(results.map(([, result]) => snapshot(result)), before);
});
