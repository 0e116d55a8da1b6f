// Reads the cross-language test tables in tests/fixtures/ (written by tests/fixtures/make_tables.py,
// which documents the format) for the JS runners: tagged values, JS names, language sections and
// message patterns. The Python twin is tests/python/table.py.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

/** A table of tests/fixtures/, parsed (values still tagged: decode them with `decode`). */
export function loadTable(name) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** `max_iter` → `maxIter`: the JS spelling of a snake_case name of the tables. */
export const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The JS view of a table object: its shared members overridden by its `js` section (no `py`). */
export function forJs(obj) {
  const { js, py, ...shared } = obj;
  return { ...shared, ...(js ?? {}) };
}

const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

/** A fresh JS value from a tagged JSON value (a new object on every call: calls may not share inputs). */
export function decode(value) {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    value.forEach((item, i) => {
      if (!(item && typeof item === 'object' && item.$ === 'hole')) out[i] = decode(item);
    });
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  if (!('$' in value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
  const tag = value.$;
  switch (tag) {
    case 'nan':
      return NaN;
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'undefined':
      return undefined;
    case 'function':
      return () => [1];
    case 'symbol':
      return Symbol(value.description);
    case 'bigint':
      return BigInt(value.value);
    case 'Map':
      return new Map(value.entries.map(([k, v]) => [decode(k), decode(v)]));
    case 'valueOf':
      return { valueOf: () => value.value };
    case 'ArrayBuffer':
      return new ArrayBuffer(value.byteLength);
    case 'DataView':
      return new DataView(new ArrayBuffer(value.byteLength));
    default: {
      const View = TYPED_ARRAYS[tag];
      if (!View) throw new Error(`tests/fixtures: no JS value for the tag ${JSON.stringify(tag)}`);
      if (value.values) return View.from(value.values.map(decode));
      const out = new View(value.length);
      if (value.fill !== undefined) out.fill(value.fill);
      return out;
    }
  }
}

/**
 * A table's message pattern as a JS RegExp: `{arg}` becomes the JS spelling of `argument`, any
 * other `{snake_name}` the JS spelling of that name.
 */
export function pattern(source, argument) {
  return new RegExp(source.replace(/\{([a-z_][a-z0-9_]*)\}/g, (_, name) => camel(name === 'arg' ? argument : name)));
}

/** Typed arrays as plain arrays, deeply: results in a form to compare with a table's `expect`. */
export function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}
