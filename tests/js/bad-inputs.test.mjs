// Bad arguments for every export of pkg/, from the cross-language table tests/fixtures/bad-inputs.json
// (made by tests/fixtures/make_tables.py, which documents the format; tests/python/test_bad_inputs.py
// runs the same table in Python). Each bad call throws, never a wasm trap, the error of its kind:
//
//   kind "type"   → TypeError,   kind "value" → RangeError,   kind "memory" → Error named "MemoryError"
//
// with the message "<function>: <argument><[index]> <detail>" matching the row's pattern and the own
// properties `kind`, `argument` (camelCase, "x" for an element "x[1]"), `detail` and `function`;
// afterwards the next valid call of the same export still returns the table's expected result.
//
// The rows: per parameter kind of every export, the table's generated bad values (wrong types,
// NaN/±Infinity, bad counts), plus each export's own rows (empty input, length mismatch, overflow,
// results too large, ...).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fw, { PKG } from './helpers.mjs';
import { camel, decode, forJs, loadTable, pattern, plain } from './table.mjs';

const TABLE = loadTable('bad-inputs.json');
const KINDS = TABLE.kinds.js;
const CLASSES = { TypeError, RangeError, MemoryError: Error };

/** Every JS export by its JS name: { name (snake_case), params [[snake_name, kind]], valid, expect, compare }. */
const EXPORTS = Object.fromEntries(
  Object.entries(TABLE.functions)
    .map(([name, spec]) => [camel(name), { name, ...forJs(spec) }])
    .filter(([, spec]) => spec.params),
);

/** Every row: { func (JS name), argument (snake_case), label, kind, pattern, args (tagged) }. */
const ROWS = [];
for (const [func, spec] of Object.entries(EXPORTS)) {
  spec.params.forEach(([argument, paramKind], i) => {
    const generated = TABLE.generated.js[paramKind];
    if (!generated) throw new Error(`bad-inputs.json: no generated bad values for the JS parameter kind ${paramKind}`);
    for (const { label, value, kind, pattern: source } of generated) {
      const args = [...spec.valid];
      args[i] = value;
      ROWS.push({ func, argument, label, kind, pattern: source, args });
    }
  });
}
for (const row of TABLE.rows.map(forJs)) {
  if (row.args) ROWS.push({ ...row, func: camel(row.function) });
}

/** Asserts that `err` is the error the table expects for a bad `argument` of `func`. */
function checkError(err, { func, argument, kind, pattern: source }) {
  const arg = camel(argument);
  assert.ok(err instanceof Error, `expected an Error, got ${Object.prototype.toString.call(err)}`);
  assert.ok(!(err instanceof WebAssembly.RuntimeError), `trapped: ${err.message}`);
  const { message } = err;
  assert.ok(message.startsWith(`${func}: `), `message does not start with "${func}: ": ${message}`);
  const detail = message.slice(func.length + 2);
  assert.match(detail, new RegExp(`\\b${arg}\\b`), `does not name ${arg}`);
  if (source) assert.match(detail, pattern(source, argument));
  assert.match(detail, new RegExp(KINDS.patterns[kind]), `not worded as a ${kind} error`);
  for (const name of KINDS.forbidden_names) assert.ok(!message.includes(name), `names ${name}, not its JS spelling: ${message}`);

  const className = KINDS.classes[kind];
  assert.equal(Object.getPrototypeOf(err), CLASSES[className].prototype, `${message}: a ${err.constructor.name}, not a ${className}`);
  assert.equal(err.name, className, `${message}: named ${err.name}`);
  for (const key of ['kind', 'argument', 'detail', 'function']) assert.ok(Object.hasOwn(err, key), `${message}: no own property ${key}`);
  assert.deepEqual(
    { kind: err.kind, argument: err.argument, function: err.function },
    { kind, argument: arg, function: func },
    `${message}: properties`,
  );
  // "<function>: <argument><[index]...> <detail>"
  const where = message.slice(`${func}: ${err.argument}`.length);
  assert.ok(message.startsWith(`${func}: ${err.argument}`) && /^(\[\d+\])* /.test(where), `${message}: not "<function>: <argument> ..."`);
  assert.equal(where.replace(/^(\[\d+\])* /, ''), err.detail, `${message}: detail`);
}

/** |got − want| ≤ 1e-9 · max(1, |want|) for numbers; everything else equal; typed arrays as arrays. */
function close(got, want, where) {
  if (typeof want === 'number') {
    assert.equal(typeof got, 'number', `${where}: ${got}`);
    assert.ok(Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want)), `${where}: ${got} != ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${where}: not an array: ${got}`);
    assert.equal(got.length, want.length, `${where}: length`);
    want.forEach((w, i) => close(got[i], w, `${where}[${i}]`));
  } else if (want !== null && typeof want === 'object') {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), `${where}: keys`);
    for (const key of Object.keys(want)) close(got[key], want[key], `${where}.${key}`);
  } else {
    assert.equal(got, want, where);
  }
}

/** Calls `func` with the table's valid arguments and checks the result against `expect`. */
function checkValidCall(func) {
  const { valid, expect, compare = 'close' } = EXPORTS[func];
  const got = fw[func](...decode(valid));
  switch (compare) {
    case 'close':
      return close(plain(got), decode(expect), func);
    case 'exact':
      return assert.deepEqual(plain(got), decode(expect), func);
    case 'scratch address': // `expect` bytes, 8-byte aligned, inside the memory
      return assert.ok(got % 8 === 0 && got > 0 && got + expect <= fw.wasmMemory().buffer.byteLength, `address ${got}`);
    case 'WebAssembly.Memory':
      return assert.ok(got instanceof WebAssembly.Memory, `${got}`);
    default:
      throw new Error(`bad-inputs.json: unknown comparison ${compare} for ${func}`);
  }
}

for (const row of ROWS) {
  const { func, argument, label, kind, args } = row;
  test(`${func}: ${camel(argument)} = ${label} throws a ${kind} error naming ${camel(argument)}, then ${func} still works`, () => {
    assert.ok(EXPORTS[func], `bad-inputs.json: ${func} is not a JS export of the table`);
    assert.throws(
      () => fw[func](...decode(args)),
      (err) => {
        checkError(err, row);
        return true;
      },
    );
    checkValidCall(func);
  });
}

test(`the table has ${ROWS.length} bad inputs and covers every parameter of every export in fastwasm.d.ts`, () => {
  const dts = fs.readFileSync(path.join(PKG, 'fastwasm.d.ts'), 'utf8');
  const declared = {};
  for (const [, name, params] of dts.matchAll(/^export function (\w+)\(([^)]*)\)/gm)) {
    // initSync: the loader; not_covered: tested elsewhere. Overloads repeat a name.
    if (name === 'initSync' || TABLE.not_covered.js.includes(name) || name in declared) continue;
    declared[name] = params ? params.split(', ').map((p) => p.match(/^\w+/)[0]) : [];
  }
  assert.deepEqual(Object.keys(EXPORTS).sort(), Object.keys(declared).sort());
  for (const [func, spec] of Object.entries(EXPORTS)) {
    assert.deepEqual(spec.params.map(([arg]) => camel(arg)), declared[func], `${func} parameters`);
    for (const [arg] of spec.params) {
      assert.ok(ROWS.some((row) => row.func === func && row.argument === arg), `${func}: no bad input for ${arg}`);
    }
    checkValidCall(func);
  }
  for (const row of ROWS) {
    assert.ok(EXPORTS[row.func], `a row for ${row.func}, which is not an export`);
    assert.ok(EXPORTS[row.func].params.some(([arg]) => arg === row.argument), `${row.func}: a row for ${row.argument}, not a parameter`);
  }
});

test(`${TABLE.repeat.js.times} rounds of errors in a row leave the module working`, () => {
  const calls = TABLE.repeat.calls.map(forJs).map((call) => ({ ...call, func: camel(call.function) }));
  for (let i = 0; i < TABLE.repeat.js.times; i++) {
    for (const call of calls) {
      assert.throws(
        () => fw[call.func](...decode(call.args)),
        (err) => {
          checkError(err, call);
          return true;
        },
      );
    }
  }
  for (const func of Object.keys(EXPORTS)) checkValidCall(func);
});
