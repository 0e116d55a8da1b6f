/** Any 1-D numeric input: a plain array of numbers, a numeric typed array or a ResidentArray. */
export type NumberArray =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | ResidentArray;

/** Element type of a ResidentArray. */
export type Dtype = 'float64' | 'uint32' | 'uint8' | 'float32';

/**
 * An array kept in fastwasm's wasm memory across calls. Kernels read it in place, and a kernel
 * given a resident array returns its array results as resident arrays (float32 ones from matmul,
 * fft, ifft and convolve when every array input is float32). Free it with `free()` (or
 * `using`); a garbage-collected one is freed as a fallback.
 */
export class ResidentArray {
  private constructor();
  /** Number of elements. */
  readonly length: number;
  /** Element type. */
  readonly dtype: Dtype;
  /** Whether it was freed (or the module was re-instantiated after a trap). */
  readonly freed: boolean;
  /** A typed array viewing the data in wasm memory (make a new one after any fastwasm call). */
  view(): Float64Array | Uint32Array | Uint8Array | Float32Array;
  /** A copy of the data as a new typed array. */
  toArray(): Float64Array | Uint32Array | Uint8Array | Float32Array;
  /** Frees the wasm memory; later use throws. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Copies `data` into a new ResidentArray of `dtype` (default "float64"). */
export function array(data: NumberArray, dtype?: Dtype): ResidentArray;
