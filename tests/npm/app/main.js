// A tiny app using the npm package as a user would, bundled by Vite and by webpack
// (tests/e2e/npm-package.test.mjs): it publishes its results as globalThis.appResult and sets
// body[data-state] to "done" (or "error", with the message in #out).
import init, { matmul, mean, sum } from 'fastwasm';

async function run() {
  await init();
  const result = { sum: sum([1, 2, 3.5]), matmul: Array.from(matmul([1, 2, 3, 4], [5, 6, 7, 8], 2, 2, 2)) };
  try {
    mean([]);
  } catch (err) {
    result.error = { name: err.name, message: err.message, argument: err.argument };
  }
  return result;
}

const out = document.querySelector('#out');
run().then(
  (result) => {
    globalThis.appResult = result;
    out.textContent = JSON.stringify(result);
    document.body.dataset.state = 'done';
  },
  (err) => {
    out.textContent = String(err?.stack || err);
    document.body.dataset.state = 'error';
  },
);
