// scripts/serve.mjs: the wheel under /dist/ may be fetched from another origin (CORS + CORP
// cross-origin), everything else stays same-origin and cross-origin isolated; `make serve PORT=N`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { request as requestOn, writeFile } from './serve-helpers.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WHEEL = '/dist/fastwasm-0.1.0-py3-none-any.whl'; // in the temporary root below
const ORIGIN = 'http://localhost:9999';

let root;
let server;

const write = (rel, content) => writeFile(root, rel, content);
const request = (urlPath, options) => requestOn(server.port, urlPath, options);

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'fastwasm-cors-'));
  write('python/dist/fastwasm-0.1.0-py3-none-any.whl', 'PK wheel');
  write('pkg/fastwasm.js', 'export default 1;');
  write('www/index.html', '<!doctype html><title>demo</title>');
  write('build/lite/lab/index.html', '<!doctype html><title>lab</title>');
  server = await startServer({ port: 0, root });
});

after(async () => {
  await server?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

test('the wheel is served to another origin: CORS and CORP cross-origin, still isolated', async () => {
  for (const method of ['GET', 'HEAD']) {
    const res = await request(WHEEL, { method, headers: { Origin: ORIGIN } });
    assert.equal(res.status, 200, method);
    assert.equal(res.body, method === 'GET' ? 'PK wheel' : '', method);
    assert.equal(res.headers['access-control-allow-origin'], '*', method);
    assert.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', method);
    assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', method);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', method);
  }
  // Without an Origin header (a same-origin page, curl) the headers are the same.
  const plain = await request(WHEEL);
  assert.equal(plain.headers['access-control-allow-origin'], '*');
  assert.equal(plain.headers['cross-origin-resource-policy'], 'cross-origin');
  // A missing wheel is a 404 another origin can read.
  const missing = await request('/dist/nope-1.0-py3-none-any.whl', { headers: { Origin: ORIGIN } });
  assert.equal(missing.status, 404);
  assert.equal(missing.headers['access-control-allow-origin'], '*');
});

test('a CORS preflight for the wheel is answered', async () => {
  const res = await request(WHEEL, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'accept' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers['access-control-allow-origin'], '*');
  assert.match(res.headers['access-control-allow-methods'], /\bGET\b/);
  assert.equal(res.headers['access-control-allow-headers'], 'accept');
  // Only /dist/ answers preflights; the other mounts refuse other methods as before.
  assert.equal((await request('/pkg/fastwasm.js', { method: 'OPTIONS', headers: { Origin: ORIGIN } })).status, 405);
  assert.equal((await request(WHEEL, { method: 'POST', headers: { Origin: ORIGIN } })).status, 405);
});

test('everything outside /dist/ stays same-origin', async () => {
  for (const url of ['/pkg/fastwasm.js', '/', '/distx/fastwasm.js', '/nope.html']) {
    const res = await request(url, { headers: { Origin: ORIGIN } });
    assert.equal(res.headers['access-control-allow-origin'], undefined, url);
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin', url);
    assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', url);
  }
  const lite = await request('/lite/lab/index.html', { headers: { Origin: ORIGIN } });
  assert.equal(lite.status, 200);
  assert.equal(lite.headers['access-control-allow-origin'], undefined);
});

test('make serve takes a PORT', () => {
  const dryRun = (...args) => execFileSync('make', ['-s', '-n', '-C', REPO, 'serve', ...args], { encoding: 'utf8' }).trim();
  assert.equal(dryRun('PORT=9000'), 'node scripts/serve.mjs --port 9000');
  assert.equal(dryRun(), 'node scripts/serve.mjs');
});

test('in Chromium, a page on another origin installs the wheel with micropip (and cannot read other mounts)', { timeout: 180_000 }, async (t) => {
  // Imported here: browser.mjs needs nothing built, but this test needs the real wheel.
  const { WHEEL: BUILT_WHEEL, launchChromium, requireFile } = await import('./browser.mjs');
  requireFile(BUILT_WHEEL, 'build it first with `bash scripts/build.sh`');
  const { PYODIDE_WHEELS } = await import('../../www/config.js');
  const repoServer = await startServer({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  t.after(async () => {
    await browser.close();
    await repoServer.close();
  });
  const page = await browser.newPage();
  // The page's origin is http://localhost:PORT; the wheel's is http://127.0.0.1:PORT.
  const other = `http://localhost:${repoServer.port}`;
  const wheelUrl = `http://127.0.0.1:${repoServer.port}/dist/${path.basename(BUILT_WHEEL)}`;
  await page.goto(`${other}/favicon.svg`);
  const result = await page.evaluate(
    async ({ wheelUrl, wheels, denied }) => {
      const { loadPyodide } = await import('/pyodide/pyodide.mjs');
      const pyodide = await loadPyodide({ indexURL: '/pyodide/' });
      await pyodide.loadPackage(wheels, { messageCallback: () => {} });
      pyodide.globals.set('wheel_url', wheelUrl);
      const sum = await pyodide.runPythonAsync(
        'import micropip\nawait micropip.install(wheel_url)\nimport fastwasm\nfastwasm.sum([1.5, 2.5])',
      );
      const refused = await fetch(denied).then(() => 'read', (err) => err.name);
      return { sum, refused, origin: location.origin };
    },
    { wheelUrl, wheels: PYODIDE_WHEELS, denied: `http://127.0.0.1:${repoServer.port}/pkg/package.json` },
  );
  assert.equal(result.origin, other);
  assert.equal(result.sum, 4);
  // The control: a same-origin-only mount is not readable from that page.
  assert.equal(result.refused, 'TypeError');
});
