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
