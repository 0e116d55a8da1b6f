/* @ts-self-types="./fastwasm.d.ts" */
// fastwasm's JS entry point: every kernel of wasm-bindgen's glue (fastwasm_glue.js) behind one
// typed boundary.
//
// A kernel call has two phases:
//   1. Convert and validate every argument in JavaScript, before any wasm runs. This is the only
//      phase in which the caller's code can run (getters, Proxy traps, valueOf of array elements).
//      Plain arrays are read once into local typed arrays; typed arrays (from any realm) are
//      recognised by their internal slots, never by their properties; strings become code points
//      or UTF-8. Wrong types throw a TypeError naming the function and the argument.
//   2. Stage the arrays into regions of wasm memory that fastwasm owns (all regions are sized
//      before any data is copied, so memory growth cannot detach a view that is still to be
//      read), call the kernel, and copy the result out (or keep it resident). No user code runs
//      here, so a wasm frame never sees the caller's code.
//
// float32 in, float32 out: a kernel with a float32 variant (the internal export `__f32_<name>`,
// see src/params.rs) runs it when every array argument is a Float32Array or a float32
// ResidentArray, as numpy computes float32 inputs in float32; any other array argument (a plain
// array, a Float64Array, a float64 ResidentArray, ...) makes the call float64.
//
// Before staging, `__fwCheck` runs the kernel's checks of sizes and scalars, so an input that will
// be refused never grows the memory.
//
// Errors cross as kinds: the kernel throws an error with the own properties `kind` ("type",
// "value", "memory"), `argument` (snake_case) and `detail`; this wrapper throws a TypeError,
// RangeError or Error named "MemoryError" with the message "<function>: <argument> <detail>" and
// the properties `kind`, `argument` (the JS spelling), `detail` and `function`.
//
// Traps: kernels never trap on bad input. Should the instance trap anyway
// (`WebAssembly.RuntimeError`, or a stack overflow inside the wasm), its state can no longer be
// trusted:
//   - in a re-instantiable build (pkg/: glue made with wasm-bindgen's
//     --experimental-reset-state-function) the wrapper replaces the instance by a fresh one of the
//     same module and throws `Error("<fn>: the WebAssembly instance trapped (<message>); fastwasm
//     re-instantiated it, so later calls work")`, with the trap as `cause`. Its memory is a new
//     `WebAssembly.Memory` (`wasmMemory()` returns it); resident arrays of the old instance are
//     gone. A call whose argument conversion ran a nested fastwasm call that trapped throws such
//     an Error too, naming itself.
//   - in a build that cannot be re-instantiated (pkg-mt/: its memory is shared with its worker
//     threads) every later call throws an Error saying to reload the page or worker.
//
// Source: js/fastwasm.js in the fastwasm repository. js/compose.mjs writes it into a package
// directory, filling in the signatures and one export per export of the glue.

import * as glue from './fastwasm_glue.js';

export { default, initSync } from './fastwasm_glue.js';

/** Each kernel's parameters `[snake_case name, kind]` and result kind, from the Rust declarations. */
const SIGNATURES = /* @generated-signatures */ {};

// --- Intrinsics, saved at load time so later changes to globals cannot affect conversion ---------

const TypedArray = Object.getPrototypeOf(Int8Array);
const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
const TYPED_ARRAY_TAG = getter(TypedArray.prototype, Symbol.toStringTag);
const TYPED_ARRAY_LENGTH = getter(TypedArray.prototype, 'length');
const TYPED_ARRAY_OFFSET = getter(TypedArray.prototype, 'byteOffset');
const TYPED_ARRAY_BUFFER = getter(TypedArray.prototype, 'buffer');
const DATA_VIEW_BUFFER = getter(DataView.prototype, 'buffer');
const BUFFER_DETACHED = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
const { apply } = Reflect;
const NO_ARGS = Object.freeze([]);
const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = Object.hasOwn;
const ENCODER = new TextEncoder();
/** The typed-array constructors of this realm, by their internal name. */
const CONSTRUCTORS = Object.fromEntries(
  [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array,
    BigInt64Array, BigUint64Array, ...(typeof Float16Array === 'function' ? [Float16Array] : [])].map((c) => [c.name, c]),
);

/** Region element kinds (as in src/regions.rs): code, constructor of views, name of the dtype. */
const F64 = { code: 0, View: Float64Array, bytes: 8, dtype: 'float64' };
const U32 = { code: 1, View: Uint32Array, bytes: 4, dtype: 'uint32' };
const U8 = { code: 2, View: Uint8Array, bytes: 1, dtype: 'uint8' };
const F32 = { code: 3, View: Float32Array, bytes: 4, dtype: 'float32' };
const DTYPES = { float64: F64, uint32: U32, uint8: U8, float32: F32 };
/** The name prefix of a kernel's float32 variant (FLOAT32_PREFIX in src/params.rs). */
const FLOAT32_PREFIX = '__f32_';
/** wasm32 addresses 4 GiB at most; an array that cannot fit is refused before anything is allocated. */
const MAX_BYTES = 2 ** 32;

/** The internal name of a typed array (`"Float64Array"`, …) from any realm, else undefined. */
function typedArrayName(value) {
  return apply(TYPED_ARRAY_TAG, value, NO_ARGS);
}

function isDataView(value) {
  try {
    apply(DATA_VIEW_BUFFER, value, NO_ARGS);
    return true;
  } catch {
    return false;
  }
}

function isDetached(buffer) {
  if (BUFFER_DETACHED) {
    try {
      return apply(BUFFER_DETACHED, buffer, NO_ARGS);
    } catch {
      return false; // a SharedArrayBuffer, which never detaches
    }
  }
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}

function safeIsArray(value) {
  try {
    return isArray(value);
  } catch {
    return false; // a revoked Proxy
  }
}

/** A short description of a value's type for messages: "null", "string", "Array", "Map", …. */
function describe(value) {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = typedArrayName(value);
  if (name) return name;
  if (isDataView(value)) return 'DataView';
  if (safeIsArray(value)) return 'Array';
  try {
    const ctor = getPrototypeOf(value)?.constructor;
    if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name) return ctor.name;
  } catch {
    // a Proxy whose traps throw: fall through
  }
  return 'object';
}

/** `max_iter` → `maxIter`: the JS spelling of a kernel's argument name. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// --- Errors ----------------------------------------------------------------------------------

const CLASSES = { type: TypeError, value: RangeError, memory: Error };

/**
 * The error `fn` throws for `argument`: "<fn>: <argument><where> <detail>", its class from `kind`
 * (`where` locates an element, as in "x[3]").
 */
function failure(fn, argument, kind, detail, where = '') {
  const error = new CLASSES[kind](`${fn}: ${argument}${where} ${detail}`);
  if (kind === 'memory') error.name = 'MemoryError';
  error.kind = kind;
  error.argument = argument;
  error.detail = detail;
  error.function = fn;
  return error;
}

/** Whether `err` was thrown by a kernel (see src/error.rs), rather than being a trap. */
function isKernelError(err) {
  return err instanceof Error && hasOwn(err, 'kind') && hasOwn(err, 'detail') && hasOwn(err, 'argument');
}

// --- Traps -----------------------------------------------------------------------------------

/** Whether the glue can replace a trapped instance by a fresh one. */
const reinstantiable = typeof glue.__wbg_reset_state === 'function';
/** The first trap, in a build that cannot be re-instantiated (every call refuses after it). */
let unrecoverable = null;
/** How many times the instance has been replaced; resident arrays belong to one generation. */
let generation = 0;
/** Frames of WebAssembly code in a stack trace (V8, SpiderMonkey and JavaScriptCore). */
const WASM_FRAME = /wasm-function\[|\.wasm:|wasm:\/\//;

/** Whether `err` means the instance trapped, rather than an ordinary error. */
function isTrap(err) {
  if (err instanceof WebAssembly.RuntimeError) return true;
  if (isKernelError(err)) return false;
  // Running out of stack inside wasm is a RangeError in V8 and JavaScriptCore and an
  // InternalError in SpiderMonkey.
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
  generation++;
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

function refuseIfUnrecoverable(name) {
  if (unrecoverable !== null) {
    throw new Error(
      `${name}: the WebAssembly instance trapped earlier (${unrecoverable.message}) and cannot ` +
        'be re-instantiated; reload the page or worker before calling fastwasm again',
      { cause: unrecoverable },
    );
  }
}

/** Runs `body` (phase 2 of a call of `name`): traps become clear Errors, kernel errors get names. */
function entered(name, body) {
  try {
    return body();
  } catch (err) {
    if (isKernelError(err)) throw failure(name, camel(err.argument), err.kind, err.detail);
    throw isTrap(err) ? afterTrap(name, err) : err;
  }
}

/** `fn` (the glue's export `name`, which takes no array) guarded against traps; same name and length. */
function guarded(name, fn) {
  const wrapper = {
    [name](...args) {
      refuseIfUnrecoverable(name);
      return entered(name, () => fn.apply(this, args));
    },
  }[name];
  return Object.defineProperty(wrapper, 'length', { value: fn.length });
}

// --- Phase 1: arguments to plain data ----------------------------------------------------------

/**
 * An array argument as the source of one staged copy: `{ data }` (a local typed array), or a
 * typed array's coordinates `{ View, buffer, byteOffset, length, memory }` (`memory` set when it
 * is a view on fastwasm's memory, whose buffer is replaced when the memory grows).
 */
function typedSource(fn, arg, value, name, memory) {
  const buffer = apply(TYPED_ARRAY_BUFFER, value, NO_ARGS);
  const length = apply(TYPED_ARRAY_LENGTH, value, NO_ARGS);
  if (length === 0 && isDetached(buffer)) {
    throw failure(fn, arg, 'type', 'is a typed array whose ArrayBuffer is detached');
  }
  // Copying from the typed array itself reads its internal slots, never its properties; a view on
  // fastwasm's memory is made anew at copy time instead, since staging may have grown the memory.
  const onMemory = buffer === memory.buffer;
  return {
    typed: onMemory ? null : value,
    View: CONSTRUCTORS[name],
    buffer,
    byteOffset: apply(TYPED_ARRAY_OFFSET, value, NO_ARGS),
    length,
    memory: onMemory ? memory : null,
  };
}

/** A plain array of numbers read once into a Float64Array (the only reading of the caller's array). */
function numberSource(fn, arg, value) {
  const length = value.length;
  if (!Number.isSafeInteger(length) || length < 0) {
    throw failure(fn, arg, 'type', `must be a Float64Array or an array of numbers, got an array of length ${String(length)}`);
  }
  refuseTooLarge(fn, arg, length, F64);
  let data = null;
  for (let i = 0; i < length; i++) {
    const item = value[i];
    if (typeof item !== 'number') {
      throw failure(fn, arg, 'type', `must be a number, got ${describe(item)}`, `[${i}]`);
    }
    (data ??= allocate(fn, arg, () => new Float64Array(length)))[i] = item;
  }
  return { data: data ?? new Float64Array(0) };
}

/** `make()`, a JS-side buffer for a converted argument; the engine failing to allocate it is a MemoryError. */
function allocate(fn, arg, make) {
  try {
    return make();
  } catch (err) {
    if (err instanceof RangeError) throw failure(fn, arg, 'memory', `is too large to convert (${err.message})`);
    throw err;
  }
}

/** A string as UTF-8 bytes (a lone surrogate becomes U+FFFD, which is no letter or digit). */
function utf8Of(fn, arg, text) {
  refuseTooLarge(fn, arg, 3 * text.length, U8);
  return allocate(fn, arg, () => ENCODER.encode(text));
}

function refuseTooLarge(fn, arg, length, kind) {
  if (length * kind.bytes > MAX_BYTES) {
    throw failure(fn, arg, 'memory', `is too large for wasm memory (${length} elements of ${kind.bytes} bytes)`);
  }
}

/**
 * The source of a float64 array argument (kind "f64s"). A float32 one (a Float32Array, or a
 * float32 ResidentArray) is marked `float32` for the kernels that have a float32 variant: a
 * resident one with its region id as `float32Region`, since the float64 call copies it.
 */
function floatSource(fn, arg, value, memory) {
  if (value !== null && typeof value === 'object') {
    const state = residentState(value);
    if (state) {
      const source = residentSource(fn, arg, state, F64);
      if (state.kind === F32) {
        source.float32 = true;
        source.float32Region = state.id;
      }
      return source;
    }
    const name = typedArrayName(value);
    if (name !== undefined && name !== 'BigInt64Array' && name !== 'BigUint64Array') {
      const source = typedSource(fn, arg, value, name, memory);
      source.float32 = name === 'Float32Array';
      return source;
    }
    if (name === undefined && safeIsArray(value)) return numberSource(fn, arg, value);
  }
  throw failure(fn, arg, 'type', `must be a Float64Array or an array of numbers, got ${describe(value)}`);
}

/** The source of an RGBA image argument (kind "rgba"). */
function byteSource(fn, arg, value, memory) {
  if (value !== null && typeof value === 'object') {
    const state = residentState(value);
    if (state?.kind === U8) return residentSource(fn, arg, state, U8);
    const name = typedArrayName(value);
    if (name === 'Uint8ClampedArray' || name === 'Uint8Array') return typedSource(fn, arg, value, name, memory);
  }
  throw failure(fn, arg, 'type', `must be a Uint8ClampedArray or Uint8Array of RGBA bytes, got ${describe(value)}`);
}

function stringOf(fn, arg, value) {
  if (typeof value !== 'string') throw failure(fn, arg, 'type', `must be a string, got ${describe(value)}`);
  return value;
}

/** Longest option name ("full", "same", …) a string argument may be; longer ones are refused here. */
const MAX_OPTION = 64;

/** A string argument that names an option: short, so it can cross as a plain wasm-bindgen string. */
function optionName(fn, arg, value) {
  const text = stringOf(fn, arg, value);
  if (text.length > MAX_OPTION) {
    throw failure(fn, arg, 'value', `is too long to be an option name (${text.length} characters)`);
  }
  return text;
}

/** A string's code points (a lone surrogate is one of its own). */
function codePoints(fn, arg, value) {
  const text = stringOf(fn, arg, value);
  refuseTooLarge(fn, arg, text.length, U32);
  const out = allocate(fn, arg, () => new Uint32Array(text.length));
  let n = 0;
  for (const ch of text) out[n++] = ch.codePointAt(0);
  return { data: out.subarray(0, n) };
}

/** A resident array passed as an argument: read in place when its element kind fits. */
function residentSource(fn, arg, state, kind) {
  const { id } = state;
  if (id === 0 || state.generation !== generation) {
    throw failure(fn, arg, 'value', 'is a ResidentArray that was freed (or belongs to a re-instantiated module)');
  }
  if (state.kind === kind) return { resident: id, length: state.length };
  const memory = glue.wasmMemory();
  return {
    View: state.kind.View,
    buffer: memory.buffer,
    byteOffset: glue.__fwRegionAddress(id),
    length: state.length,
    memory,
  };
}

/** Whether every array of `prepared` (at least one) is float32: the float32 variant applies. */
function allFloat32(prepared) {
  let arrays = 0;
  for (const p of prepared) {
    if (p.kind === undefined) continue; // a scalar, or an optional array left out
    if (!p.float32) return false;
    arrays++;
  }
  return arrays > 0;
}

/** The prepared arrays of a float64 call as those of its float32 variant (see `allFloat32`). */
function asFloat32(prepared) {
  return prepared.map((p) => {
    if (p.kind === undefined) return p;
    if (p.float32Region !== undefined) return { resident: p.float32Region, length: p.length, kind: F32 };
    return { ...p, kind: F32 }; // a Float32Array: staged as it is
  });
}

/** `source` as the array argument it is, of region kind `kind`. */
function withKind(source, kind) {
  source.kind = kind;
  return source;
}

/** Phase 1 for one argument: `{ value }` for a scalar, or an array source with its region kind. */
function prepare(fn, arg, kind, value, memory) {
  switch (kind) {
    case 'f64s':
      return withKind(floatSource(fn, arg, value, memory), F64);
    case 'f64s?':
      return value === undefined || value === null ? { value: 0, absent: true } : withKind(floatSource(fn, arg, value, memory), F64);
    case 'rgba':
      return withKind(byteSource(fn, arg, value, memory), U8);
    case 'codes':
      return withKind(codePoints(fn, arg, value), U32);
    case 'utf8':
      return { data: utf8Of(fn, arg, stringOf(fn, arg, value)), kind: U8 };
    case 'number':
      if (typeof value !== 'number') throw failure(fn, arg, 'type', `must be a number, got ${describe(value)}`);
      return { value };
    case 'number?':
      if (value === undefined || value === null) return { value: undefined };
      if (typeof value !== 'number') throw failure(fn, arg, 'type', `must be a number, got ${describe(value)}`);
      return { value };
    case 'string':
      return { value: optionName(fn, arg, value) };
    case 'string?':
      return value === undefined || value === null ? { value: undefined } : { value: optionName(fn, arg, value) };
    default:
      throw new Error(`fastwasm: unknown parameter kind ${kind} of ${fn}`);
  }
}

// --- Phase 2: checks, staging, the call, the result -------------------------------------------

/** The value `__fwCheck` takes for one prepared argument: an array's length, or the scalar. */
function checkValue(p) {
  if (p.absent) return undefined; // an omitted optional array: region id 0 for the call, none for the check
  if (p.kind === undefined) return p.value;
  return p.data ? p.data.length : p.length;
}

/**
 * Per staging slot, the element kind and length its buffer already holds (src/regions.rs reuses
 * a slot's buffer for any length up to that of the same kind, and only then allocates nothing).
 * Reset when the instance is replaced.
 */
let slots = [];
let slotsGeneration = 0;

/** The staged arrays of `prepared`, in slot order. */
const stagedOf = (prepared) => prepared.filter((p) => p.kind !== undefined && p.resident === undefined && !p.absent);

/** Whether staging these arrays needs new memory (some slot must grow or change kind). */
function stagingAllocates(staged) {
  if (slotsGeneration !== generation) {
    slots = [];
    slotsGeneration = generation;
  }
  return staged.some((p, slot) => {
    const held = slots[slot];
    return held === undefined || held.kind !== p.kind || held.length < checkValue(p);
  });
}

/**
 * Asks the kernel whether these sizes and scalars would be refused, before any array is staged,
 * whenever staging would allocate: an input that will be refused never grows the memory.
 */
function checkBeforeStaging(name, prepared) {
  const staged = stagedOf(prepared);
  if (staged.length > 0 && stagingAllocates(staged)) glue.__fwCheck(name, prepared.map(checkValue));
}

/** Per staging slot, the last typed-array view made on it (reused while it still fits). */
const slotViews = [];

function slotView(slot, kind, buffer, address, length) {
  const c = slotViews[slot];
  if (c !== undefined && c.buffer === buffer && c.address === address && c.length === length && c.kind === kind) {
    return c.view;
  }
  const view = new kind.View(buffer, address, length);
  slotViews[slot] = { kind, buffer, address, length, view };
  return view;
}

/** Sizes the staging region of array `p` in `slot`; a failure names the argument. */
function stageOne(fn, arg, slot, p) {
  const length = p.data ? p.data.length : p.length;
  refuseTooLarge(fn, arg, length, p.kind);
  let address;
  try {
    address = glue.__fwStage(slot, p.kind.code, length);
  } catch (err) {
    if (isKernelError(err)) throw failure(fn, arg, err.kind, err.detail);
    throw err;
  }
  const held = slots[slot];
  if (held === undefined || held.kind !== p.kind || held.length < length) slots[slot] = { kind: p.kind, length };
  p.address = address;
  p.id = slot + 1;
}

/** Copies the array sources into staging regions (all sized first) and returns the ABI arguments. */
function stage(fn, params, prepared) {
  let staged = 0;
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i];
    if (p.kind !== undefined && p.resident === undefined) stageOne(fn, params[i].js, staged++, p);
  }
  if (staged > 0) {
    const buffer = glue.wasmMemory().buffer; // after every region is sized: no more growth
    for (const p of prepared) {
      if (p.id === undefined) continue;
      const length = p.data ? p.data.length : p.length;
      if (length === 0) continue;
      const source = p.data ?? p.typed ?? new p.View(p.memory.buffer, p.byteOffset, length);
      slotView(p.id - 1, p.kind, buffer, p.address, length).set(source);
    }
  }
  const args = new Array(prepared.length);
  for (let i = 0; i < prepared.length; i++) {
    const p = prepared[i];
    args[i] = p.kind === undefined ? p.value : p.resident ?? p.id;
  }
  return args;
}

/** A result region copied out into a new typed array of `View`; freed even if the copy fails. */
function takeRegion(id, View) {
  try {
    const length = glue.__fwRegionLength(id);
    const out = new View(length);
    if (length > 0) out.set(new View(glue.wasmMemory().buffer, glue.__fwRegionAddress(id), length));
    return out;
  } finally {
    glue.__fwRegionFree(id);
  }
}

/** Both result regions of a histogram copied out; both freed whatever happens. */
function takeHistogram([counts, edges]) {
  try {
    return { counts: takeRegion(counts, Uint32Array), edges: takeRegion(edges, Float64Array) };
  } finally {
    glue.__fwRegionFree(edges); // freeing twice is harmless
  }
}

function result(kind, raw, resident) {
  switch (kind) {
    case 'number':
      return raw;
    case 'f64s':
      return resident ? adopt(raw, F64) : takeRegion(raw, Float64Array);
    case 'f32s':
      return resident ? adopt(raw, F32) : takeRegion(raw, Float32Array);
    case 'u32s':
      return resident ? adopt(raw, U32) : takeRegion(raw, Uint32Array);
    case 'rgba':
      return resident ? adopt(raw, U8) : takeRegion(raw, Uint8ClampedArray);
    case 'histogram':
      return resident
        ? { counts: adopt(raw[0], U32), edges: adopt(raw[1], F64) }
        : takeHistogram(raw);
    case 'json':
      return JSON.parse(raw);
    default:
      throw new Error(`fastwasm: unknown result kind ${kind}`);
  }
}

/**
 * The kernel `name` of the glue with the conversions of its signature; same name and length.
 * `float32`, when given, is its float32 variant (`__f32_<name>`), called when every array
 * argument is float32.
 */
function kernel(name, fn, float32 = null) {
  const signature = SIGNATURES[name];
  const params = signature.params.map(([arg, kind]) => ({ js: camel(arg), kind }));
  const resultKind = signature.result;
  const variantName = FLOAT32_PREFIX + name;
  const variant = float32 === null ? null : { name: variantName, fn: float32, result: SIGNATURES[variantName].result };
  const wrapper = {
    [name](...args) {
      refuseIfUnrecoverable(name);
      const before = generation;
      const memory = glue.wasmMemory();
      const prepared = new Array(params.length);
      for (let i = 0; i < params.length; i++) prepared[i] = prepare(name, params[i].js, params[i].kind, args[i], memory);
      refuseIfUnrecoverable(name);
      if (generation !== before) {
        throw new Error(
          `${name}: the WebAssembly instance trapped in a nested fastwasm call made while this call ` +
            'read its arguments; fastwasm re-instantiated it, so later calls work',
        );
      }
      const call = variant !== null && allFloat32(prepared) ? variant : null;
      const chosen = call === null ? prepared : asFloat32(prepared);
      const resident = chosen.some((p) => p.resident !== undefined);
      return entered(name, () => {
        checkBeforeStaging(call?.name ?? name, chosen);
        const raw = (call?.fn ?? fn)(...stage(name, params, chosen));
        return result(call?.result ?? resultKind, raw, resident);
      });
    },
  }[name];
  return Object.defineProperty(wrapper, 'length', { value: params.length });
}

// --- Resident arrays -------------------------------------------------------------------------

const CONSTRUCTING = Symbol('ResidentArray');
/** `{ id, kind, length, generation }` of a ResidentArray (by its private fields), else undefined. */
let residentState;

/** Frees the region of a resident array that was garbage-collected without `free()`. */
const collected = new FinalizationRegistry(({ id, generation: born }) => {
  if (born === generation && unrecoverable === null) glue.__fwRegionFree(id);
});

/**
 * An array kept in fastwasm's wasm memory across calls (`array(data)`): kernels read it in place,
 * and a kernel given a resident array returns its array results as resident arrays too. Free it
 * with `free()` (or `using`); a collected one is freed as a fallback.
 */
export class ResidentArray {
  #id;
  #kind;
  #length;
  #generation;

  static {
    residentState = (value) =>
      #id in value ? { id: value.#id, kind: value.#kind, length: value.#length, generation: value.#generation } : undefined;
  }

  /** Use `array(data, dtype)` to make one. */
  constructor(token, id, kind) {
    if (token !== CONSTRUCTING) throw new TypeError('ResidentArray: use array(data, dtype) to make one');
    this.#id = id;
    this.#kind = kind;
    this.#length = glue.__fwRegionLength(id);
    this.#generation = generation;
    collected.register(this, { id, generation }, this);
  }

  /** Number of elements. */
  get length() {
    return this.#length;
  }

  /** Element type: "float64", "uint32", "uint8" or "float32". */
  get dtype() {
    return this.#kind.dtype;
  }

  /** Whether `free()` was called (or the module was re-instantiated after a trap). */
  get freed() {
    return this.#id === 0 || this.#generation !== generation;
  }

  #live(what) {
    if (this.freed) {
      throw failure(`ResidentArray.${what}`, 'this', 'value', 'was freed (or belongs to a re-instantiated module)');
    }
    return this.#id;
  }

  /**
   * A typed array (Float64Array, Uint32Array, Uint8Array or Float32Array) viewing the data in wasm memory:
   * writes change the resident array. Make a new view after any fastwasm call, since memory
   * growth detaches older views.
   */
  view() {
    const id = this.#live('view');
    return new this.#kind.View(glue.wasmMemory().buffer, glue.__fwRegionAddress(id), this.#length);
  }

  /** A copy of the data as a new typed array (one copy out of wasm memory). */
  toArray() {
    const id = this.#live('toArray');
    return new this.#kind.View(glue.wasmMemory().buffer, glue.__fwRegionAddress(id), this.#length).slice();
  }

  /** Frees the wasm memory; later use throws. Freeing twice does nothing. */
  free() {
    if (this.freed) return;
    collected.unregister(this);
    glue.__fwRegionFree(this.#id);
    this.#id = 0;
  }

  [Symbol.dispose]() {
    this.free();
  }

  get [Symbol.toStringTag]() {
    return 'ResidentArray';
  }
}

/** Wraps the resident region `id` (a kernel's result) as a ResidentArray. */
function adopt(id, kind) {
  return new ResidentArray(CONSTRUCTING, id, kind);
}

/**
 * `array(data, dtype = "float64")`: copies `data` (an array of numbers, a numeric typed array or
 * a ResidentArray) into a new ResidentArray of `dtype` ("float64", "uint32", "uint8" or "float32";
 * values convert as in typed arrays). A float32 one makes the kernels with a float32 variant
 * (matmul, fft, ifft, convolve) compute in float32. Errors: wrong types (TypeError), an unknown dtype (RangeError),
 * no memory (MemoryError).
 */
export function array(data, dtype = 'float64') {
  const name = 'array';
  refuseIfUnrecoverable(name);
  const kind = typeof dtype === 'string' && hasOwn(DTYPES, dtype) ? DTYPES[dtype] : null;
  if (kind === null) {
    throw failure(name, 'dtype', typeof dtype === 'string' ? 'value' : 'type', `must be "float64", "uint32", "uint8" or "float32", got ${typeof dtype === 'string' ? JSON.stringify(dtype) : describe(dtype)}`);
  }
  const memory = glue.wasmMemory();
  const source = floatSource(name, 'data', data, memory);
  return entered(name, () => {
    const length = source.data ? source.data.length : source.resident !== undefined ? glue.__fwRegionLength(source.resident) : source.length;
    refuseTooLarge(name, 'data', length, kind);
    let id;
    try {
      id = glue.__fwRegionNew(kind.code, length);
    } catch (err) {
      if (isKernelError(err)) throw failure(name, 'data', err.kind, err.detail);
      throw err;
    }
    const buffer = glue.wasmMemory().buffer;
    if (length > 0) {
      const from =
        source.data ??
        (source.resident !== undefined
          ? new Float64Array(buffer, glue.__fwRegionAddress(source.resident), length)
          : new source.View(source.memory ? source.memory.buffer : source.buffer, source.byteOffset, length));
      new kind.View(buffer, glue.__fwRegionAddress(id), length).set(from);
    }
    return adopt(id, kind);
  });
}

// @generated-exports
