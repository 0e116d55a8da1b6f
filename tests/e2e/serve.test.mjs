// scripts/serve.mjs: mounts, headers, MIME types, 404s, and picking up files that change on disk.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { request as requestOn, writeFile } from './serve-helpers.mjs';

let root;
let server;

const write = (rel, content) => writeFile(root, rel, content);
/** GET (or another method) to the server under test, or to the one on `port`. */
const request = (urlPath, method = 'GET', port = server.port) => requestOn(port, urlPath, { method });

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fastwasm-serve-'));
  write('www/index.html', '<!doctype html><title>demo</title>');
  write('www/app.mjs', 'export {};');
  write('www/bench.py', 'print(1)');
  write('www/.secret', 'no');
  write('www/favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  write('build/lite/lab/index.html', '<!doctype html><title>lab</title>');
  write('build/lite/static/pyodide/pyodide-lock.json', '{}');
  write('pkg/fastwasm_bg.wasm', '\0asm\x01\0\0\0');
  write('pkg/fastwasm.js', 'export default 1;');
  write('pkg-mt/fastwasm_bg.wasm', '\0asm\x01\0\0\0');
  write('pkg-mt/snippets/wasm-bindgen-rayon-0/src/workerHelpers.no-bundler.js', 'export {};');
  write('node_modules/pyodide/pyodide.mjs', 'export {};');
  write('build/pyodide-wheels/micropip-0.11.1-py3-none-any.whl', 'PK');
  write('package.json', '{}');
  write('tests/e2e/page.html', '<!doctype html><title>test page</title>');
  write('tests/js/module.mjs', "import '../../www/app.mjs';");
  // python/dist/ does not exist yet: the wheel is built while the server runs.
  server = await startServer({ port: 0, root });
});

after(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('listens on 127.0.0.1 on the port it was given (0 = any free port)', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(server.port > 0);
});

test('serves each mount with cross-origin isolation headers and the right MIME type', async () => {
  const cases = [
    ['/', 'text/html', '<!doctype html><title>demo</title>'],
    ['/index.html', 'text/html', '<!doctype html><title>demo</title>'],
    ['/app.mjs', 'text/javascript', 'export {};'],
    ['/bench.py', 'text/x-python', 'print(1)'],
    ['/pkg/fastwasm_bg.wasm', 'application/wasm', '\0asm\x01\0\0\0'],
    ['/pkg/fastwasm.js', 'text/javascript', 'export default 1;'],
    ['/pkg-mt/fastwasm_bg.wasm', 'application/wasm', '\0asm\x01\0\0\0'],
    ['/pkg-mt/snippets/wasm-bindgen-rayon-0/src/workerHelpers.no-bundler.js', 'text/javascript', 'export {};'],
    ['/pyodide/pyodide.mjs', 'text/javascript', 'export {};'],
    ['/wheels/micropip-0.11.1-py3-none-any.whl', 'application/octet-stream', 'PK'],
    ['/favicon.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['/favicon.ico', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ];
  for (const [url, type, body] of cases) {
    const res = await request(url);
    assert.equal(res.status, 200, url);
    assert.ok(res.headers['content-type'].startsWith(type), `${url}: ${res.headers['content-type']}`);
    assert.equal(res.body, body, url);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin', url);
    assert.equal(res.headers['cache-control'], 'no-store', url);
  }
});

test('the notebook site (/lite/) is cross-origin isolated like the rest', async () => {
  const cases = [
    ['/lite/lab/index.html', 'text/html', '<!doctype html><title>lab</title>'],
    ['/lite/lab/', 'text/html', '<!doctype html><title>lab</title>'],
    ['/lite/static/pyodide/pyodide-lock.json', 'application/json', '{}'],
  ];
  for (const [url, type, body] of cases) {
    const res = await request(url);
    assert.equal(res.status, 200, url);
    assert.ok(res.headers['content-type'].startsWith(type), `${url}: ${res.headers['content-type']}`);
    assert.equal(res.body, body, url);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin', url);
  }
  const missing = await request('/lite/nope.html');
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['cross-origin-embedder-policy'], 'require-corp');
});

test('unknown paths, dotfiles and paths outside the mounts are 404 (with the isolation headers)', async () => {
  for (const url of [
    '/nope.html',
    '/pkg/nope.js',
    '/dist/fastwasm-0.1.0-py3-none-any.whl',
    '/.secret',
    '/../package.json',
    '/pkg/../../package.json',
    '/pkg/%2e%2e/%2e%2e/package.json',
    '/pkg/..%2f..%2fpackage.json',
    '/pyodide/%2e%2e%2f%2e%2e%2fpackage.json',
  ]) {
    const res = await request(url);
    assert.equal(res.status, 404, url);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
  }
});

test('a file created or rewritten after start-up is served with its new content', async () => {
  assert.equal((await request('/dist/fastwasm-0.1.0-py3-none-any.whl')).status, 404);
  write('python/dist/fastwasm-0.1.0-py3-none-any.whl', 'wheel v1');
  let res = await request('/dist/fastwasm-0.1.0-py3-none-any.whl');
  assert.equal(res.status, 200);
  assert.equal(res.body, 'wheel v1');

  write('python/dist/fastwasm-0.1.0-py3-none-any.whl', 'wheel version 2, longer');
  res = await request('/dist/fastwasm-0.1.0-py3-none-any.whl');
  assert.equal(res.body, 'wheel version 2, longer');
  assert.equal(Number(res.headers['content-length']), 'wheel version 2, longer'.length);

  fs.rmSync(path.join(root, 'python/dist'), { recursive: true });
  assert.equal((await request('/dist/fastwasm-0.1.0-py3-none-any.whl')).status, 404);
});

test('HEAD works and other methods are refused', async () => {
  const head = await request('/pkg/fastwasm_bg.wasm', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.equal((await request('/index.html', 'POST')).status, 405);
});

test('the test mounts (/tests/, /www/, /not-isolated/) exist only with testMounts: true', async () => {
  for (const url of ['/tests/e2e/page.html', '/www/app.mjs', '/not-isolated/app.mjs']) {
    const res = await request(url);
    assert.equal(res.status, 404, url);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
  }

  const withTests = await startServer({ port: 0, root, testMounts: true });
  try {
    const cases = [
      ['/tests/e2e/page.html', 'text/html', '<!doctype html><title>test page</title>'],
      ['/tests/js/module.mjs', 'text/javascript', "import '../../www/app.mjs';"],
      ['/www/app.mjs', 'text/javascript', 'export {};'],
      ['/app.mjs', 'text/javascript', 'export {};'],
    ];
    for (const [url, type, body] of cases) {
      const res = await request(url, 'GET', withTests.port);
      assert.equal(res.status, 200, url);
      assert.ok(res.headers['content-type'].startsWith(type), `${url}: ${res.headers['content-type']}`);
      assert.equal(res.body, body, url);
      assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', url);
    }
    for (const url of ['/tests/nope.html', '/tests/../package.json', '/tests/%2e%2e/package.json', '/www/.secret']) {
      assert.equal((await request(url, 'GET', withTests.port)).status, 404, url);
    }

    // The whole site once more, without cross-origin isolation (a page's 404 too).
    for (const [url, status] of [['/not-isolated/app.mjs', 200], ['/not-isolated/tests/e2e/page.html', 200], ['/not-isolated/no-such-page', 404]]) {
      const res = await request(url, 'GET', withTests.port);
      assert.equal(res.status, status, url);
      assert.equal(res.headers['cross-origin-opener-policy'], undefined, url);
      assert.equal(res.headers['cross-origin-embedder-policy'], undefined, url);
    }
  } finally {
    await withTests.close();
  }
});
