// The Node side of the npm package test (tests/e2e/npm-package.test.mjs), run from a project that
// installed the packed tarball: prints one JSON object of what a user would see.
//   auto      a kernel called right after import, with no init step
//   init      after an explicit `await init()` (idempotent: the same instance), a kernel again
//   error     a typed error: class, message, argument
//   require   the same module through require()
//   threads   where "fastwasm/threads" resolves, and what importing it in Node throws
//   load      "fastwasm/load" in Node: which build and why
import { createRequire } from 'node:module';
import init, { initSync, matmul, mean, sum } from 'fastwasm';

const result = {};
result.auto = { sum: sum([1, 2, 3.5]), matmul: Array.from(matmul([1, 2, 3, 4], [5, 6, 7, 8], 2, 2, 2)) };
const instance = await init();
result.init = { same: instance === (await init()) && instance === initSync(), sum: sum(new Float64Array([0.5, 0.25])) };
try {
  mean([]);
} catch (err) {
  result.error = { name: err.name, message: err.message, argument: err.argument, function: err.function };
}
try {
  sum('1,2');
} catch (err) {
  result.typeError = { name: err.name, message: err.message };
}
const required = createRequire(import.meta.url)('fastwasm');
result.require = { sum: required.sum([2, 3]), same: required.sum === sum };
result.threads = { resolved: import.meta.resolve('fastwasm/threads') };
try {
  await import('fastwasm/threads');
  result.threads.imported = true;
} catch (err) {
  result.threads.error = err.message;
}
const { loadFastwasm } = await import('fastwasm/load');
const loaded = await loadFastwasm();
result.load = { threads: loaded.threads, reason: loaded.reason, sum: loaded.fastwasm.sum([1, 1]) };
console.log(JSON.stringify(result));
