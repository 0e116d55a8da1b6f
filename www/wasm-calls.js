// fastwasm called from JavaScript on the inputs of suite.js `makeInputs`, one function per family
// with the signature of baselines.js BASELINES: `(inputs) => { kind, value }`. Each function is
// just the fastwasm call(s) plus a trivial wrapping of the result (fastwasm returns fresh typed
// arrays and plain [[word, count], …] arrays), so timing it times fastwasm.

/** `fastwasm` is the initialised module `/pkg/fastwasm.js` (or pkg/fastwasm.js in Node). */
export function wasmCalls(fastwasm) {
  return {
    stats: ({ x }) => ({
      kind: 'floats',
      value: Float64Array.of(fastwasm.sum(x), fastwasm.mean(x), fastwasm.variance(x, 0)),
    }),
    dot: ({ a, b }) => ({ kind: 'number', value: fastwasm.dot(a, b) }),
    sort: ({ x }) => ({ kind: 'floats', value: fastwasm.sort(x) }),
    matmul: ({ a, b, n }) => ({ kind: 'floats', value: fastwasm.matmul(a, b, n, n, n) }),
    fft: ({ x }) => ({ kind: 'floats', value: fastwasm.fft(x) }),
    convolve: ({ x, v }) => ({ kind: 'floats', value: fastwasm.convolve(x, v, 'full') }),
    blur: ({ rgba, w, h, sigma }) => ({ kind: 'bytes', value: fastwasm.gaussianBlur(rgba, w, h, sigma) }),
    mandelbrot: ({ w, h, xMin, xMax, yMin, yMax, maxIter }) => ({
      kind: 'ints',
      value: fastwasm.mandelbrot(w, h, xMin, xMax, yMin, yMax, maxIter),
    }),
    primes: ({ n }) => ({ kind: 'ints', value: fastwasm.primes(n) }),
    levenshtein: ({ a, b }) => ({ kind: 'number', value: fastwasm.levenshtein(a, b) }),
    wordcounts: ({ text, k }) => ({ kind: 'json', value: fastwasm.wordCounts(text, k) }),
  };
}

/**
 * The same calls with every float64 input kept in wasm memory: each input is copied once into a
 * scratch region of the module (`scratch(slot, byteLength)`), and every call passes a
 * `Float64Array` view on it, which the kernels read in place. This times the kernel without the
 * per-call copy from a JS array; bench.mjs compares it with native Rust. Families without float64
 * inputs call exactly as `wasmCalls`.
 */
export function wasmMemoryCalls(fastwasm) {
  const calls = wasmCalls(fastwasm);
  const placed = []; // per scratch slot: { source, address }
  // Views on the given arrays' copies in wasm memory, copying an array only when its slot held
  // another one. Views are made after all copies (reserving may grow the memory, which detaches
  // older views) and anew on each call: a kernel's result may have grown the memory since.
  const inWasm = (...sources) => {
    sources.forEach((source, slot) => {
      if (placed[slot]?.source === source) return;
      const address = fastwasm.scratch(slot, source.byteLength);
      new Float64Array(fastwasm.wasmMemory().buffer, address, source.length).set(source);
      placed[slot] = { source, address };
    });
    const buffer = fastwasm.wasmMemory().buffer;
    return sources.map((source, slot) => new Float64Array(buffer, placed[slot].address, source.length));
  };
  const one = (family) => (inputs) => calls[family]({ ...inputs, x: inWasm(inputs.x)[0] });
  const two = (family, p, q) => (inputs) => {
    const [a, b] = inWasm(inputs[p], inputs[q]);
    return calls[family]({ ...inputs, [p]: a, [q]: b });
  };
  return {
    ...calls,
    stats: one('stats'),
    sort: one('sort'),
    fft: one('fft'),
    dot: two('dot', 'a', 'b'),
    matmul: two('matmul', 'a', 'b'),
    convolve: two('convolve', 'x', 'v'),
  };
}
