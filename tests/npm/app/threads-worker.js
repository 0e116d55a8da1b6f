// A module worker of the plain page (tests/e2e/npm-package.test.mjs): "fastwasm/load" from the
// installed package, by relative path (workers have no import maps), loads the package's threaded
// build with a pool of 2 workers; a matmul large enough to split must equal the single-threaded one.
import { loadFastwasm, loadSingleThreaded } from './node_modules/fastwasm/load.js';

const { fastwasm: mt, threads, threadCount, reason } = await loadFastwasm({ threadCount: 2 });
const st = await loadSingleThreaded();
const values = (n, seed) => Float64Array.from({ length: n }, (_, i) => ((i * 7919 + seed) % 201) / 8 - 12);
const [m, k, n] = [160, 170, 150];
const [a, b] = [values(m * k, 1), values(k * n, 2)];
const [parallel, serial] = [mt.matmul(a, b, m, k, n), st.matmul(a, b, m, k, n)];
postMessage({
  threads,
  threadCount,
  reason,
  shared: mt.wasmMemory().buffer instanceof SharedArrayBuffer,
  identical: parallel.length === m * n && parallel.every((v, i) => Object.is(v, serial[i])),
});
