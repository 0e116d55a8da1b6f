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
    grayscale: ({ rgba, w, h }) => ({ kind: 'bytes', value: fastwasm.grayscale(rgba, w, h) }),
    sobel: ({ rgba, w, h }) => ({ kind: 'bytes', value: fastwasm.sobel(rgba, w, h) }),
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
 * The same calls with every float64 input kept in wasm memory as a resident array: each input is
 * copied once into a `ResidentArray` (`fastwasm.array(x)`), which the kernels read in place, and
 * array results, resident too, are copied out (`toArray()`) and freed, so each call returns what
 * `wasmCalls` returns. This times the kernel without the per-call copy of its inputs from a JS
 * array; bench.mjs compares it with native Rust. Families without float64 inputs call exactly as
 * `wasmCalls`.
 */
export function residentCalls(fastwasm) {
  const calls = wasmCalls(fastwasm);
  const kept = []; // per argument position: { source, resident }
  // The resident copies of the given arrays, copying an array only when its position held another
  // one (whose copy is freed), or when its copy was lost to a re-instantiation after a trap.
  const resident = (...sources) =>
    sources.map((source, i) => {
      const k = kept[i];
      if (k?.source === source && !k.resident.freed) return k.resident;
      k?.resident.free();
      kept[i] = { source, resident: fastwasm.array(source) };
      return kept[i].resident;
    });
  // A resident result as the plain typed array wasmCalls gives; scalars and JSON pass through.
  const plain = (result) => {
    const { value } = result;
    if (!(value instanceof fastwasm.ResidentArray)) return result;
    const copy = value.toArray();
    value.free();
    return { ...result, value: copy };
  };
  const one = (family) => (inputs) => plain(calls[family]({ ...inputs, x: resident(inputs.x)[0] }));
  const two = (family, p, q) => (inputs) => {
    const [a, b] = resident(inputs[p], inputs[q]);
    return plain(calls[family]({ ...inputs, [p]: a, [q]: b }));
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
