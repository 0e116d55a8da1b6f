// The threads build's pool workers start the glue with the one-object form of its init function, so
// no run logs wasm-bindgen's "using deprecated parameters for the initialization function" warning
// (scripts/build.sh patches wasm-bindgen-rayon's worker helper, which still passes two arguments).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SNIPPETS = path.join(ROOT, 'pkg-mt/snippets');

function workerHelpers() {
  return fs
    .readdirSync(SNIPPETS, { recursive: true })
    .filter((f) => /^wasm-bindgen-rayon-[^/]+\/.*workerHelpers[^/]*\.js$/.test(f.split(path.sep).join('/')))
    .map((f) => path.join(SNIPPETS, f));
}

test('the wasm-bindgen-rayon worker helper calls init with one object', { skip: !fs.existsSync(SNIPPETS) && 'no pkg-mt/ (scripts/build.sh --quick)' }, () => {
  const files = workerHelpers();
  assert.equal(files.length, 1, `one worker helper in pkg-mt/snippets (${files.join(', ')})`);
  const source = fs.readFileSync(files[0], 'utf8');
  const calls = [...source.matchAll(/pkg\.default\(([^)]*)\)/g)].map((m) => m[1].trim());
  assert.deepEqual(calls, ['{ module_or_path: data.module, memory: data.memory }']);
});

test('the glue warns about exactly the two-argument form the helper no longer uses', { skip: !fs.existsSync(SNIPPETS) && 'no pkg-mt/' }, () => {
  // If wasm-bindgen stops warning (or words it differently), this test and the patch can go.
  const glue = fs.readFileSync(path.join(ROOT, 'pkg-mt/fastwasm_glue.js'), 'utf8');
  assert.match(glue, /using deprecated parameters for the initialization function/);
  assert.match(glue, /\(\{module_or_path, memory, thread_stack_size\} = module_or_path\)/);
});
