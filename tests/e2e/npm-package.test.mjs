// The npm package as a user gets it: `npm pack pkg`, the tarball installed (offline) into fresh
// projects under build/npm-test/, then
//   - its file list: every file the exports map and the types need, nothing else;
//   - Node: tests/npm/node-app.mjs (no init step, explicit init, a typed error, require(), the
//     threads subpath, the loader);
//   - browsers (headless Chromium, the app's directory served cross-origin isolated): the app
//     tests/npm/app/ on a plain page with an import map, the package's threaded build in a worker,
//     the app built for production by Vite and by webpack (both from the repository's
//     node_modules), and served by Vite's dev server.
//
//   bash scripts/build.sh && node --test tests/e2e/npm-package.test.mjs

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { ROOT, VERSION, launchChromium, openPage, requireFile, waitForDone } from './browser.mjs';

const WORK = path.join(ROOT, 'build/npm-test');
const TARBALL = path.join(WORK, `fastwasm-${VERSION}.tgz`);
const FIXTURES = path.join(ROOT, 'tests/npm');
const BIN = { vite: 'node_modules/vite/bin/vite.js', webpack: 'node_modules/webpack-cli/bin/cli.js' };

/** The files the tarball must hold, exactly (the snippet's directory name has a hash). */
const EXPECTED_FILES = [
  'README.md',
  'package.json',
  ...['', 'threads/'].flatMap((dir) =>
    ['fastwasm.js', 'fastwasm.d.ts', 'fastwasm_glue.js', 'fastwasm_glue.d.ts', 'fastwasm_bg.wasm', 'node.js'].map(
      (file) => dir + file,
    ),
  ),
  'load.js',
  'load.d.ts',
  /^threads\/snippets\/wasm-bindgen-rayon-[0-9a-f]+\/src\/workerHelpers\.no-bundler\.js$/,
];

/** Runs `command args` in `cwd`; on failure the error carries its output. */
function run(cwd, command, args, timeout = 120_000) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${err.stdout}\n${err.stderr}`);
  }
}

/** A fresh project in WORK/`name` with the tarball installed offline (no registry needed). */
function project(name, files = {}) {
  const dir = path.join(WORK, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `fastwasm-${name}`, private: true, type: 'module' }));
  for (const [file, from] of Object.entries(files)) fs.copyFileSync(from, path.join(dir, file));
  run(dir, 'npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', TARBALL]);
  return dir;
}

let packed;

before(() => {
  requireFile('pkg/package.json', 'build it first with `bash scripts/build.sh`');
  requireFile('pkg/threads/fastwasm.js', 'build it with `bash scripts/build.sh` (not --quick: the threads build)');
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  [packed] = JSON.parse(run(ROOT, 'npm', ['pack', '--json', '--pack-destination', WORK, './pkg']));
  assert.equal(path.join(WORK, packed.filename), TARBALL);
});

test('the tarball holds the builds, their types and the entries, and nothing else', () => {
  const files = packed.files.map((f) => f.path).sort();
  const unmatched = [...EXPECTED_FILES];
  for (const file of files) {
    const i = unmatched.findIndex((e) => (e instanceof RegExp ? e.test(file) : e === file));
    assert.notEqual(i, -1, `unexpected file in the tarball: ${file}`);
    unmatched.splice(i, 1);
  }
  assert.deepEqual(unmatched, [], 'files missing from the tarball');

  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'pkg/package.json'), 'utf8'));
  assert.deepEqual(Object.keys(manifest.exports), ['.', './threads', './load', './fastwasm_bg.wasm', './package.json']);
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const conditions = typeof target === 'string' ? { default: target } : target;
    if (typeof target !== 'string') {
      assert.equal(Object.keys(target)[0], 'types', `${subpath}: "types" comes first`);
      assert.equal(Object.keys(target).at(-1), 'default', `${subpath}: "default" comes last`);
      assert.match(target.types, /\.d\.ts$/);
    }
    for (const file of Object.values(conditions)) assert.ok(files.includes(file.slice(2)), `${subpath} → ${file} is packed`);
  }
  assert.equal(manifest.exports['.'].node, './node.js');
});

test('Node: ready on import, init() idempotent, typed errors, require(), the threads subpath, the loader', () => {
  const dir = project('node', { 'node-app.mjs': path.join(FIXTURES, 'node-app.mjs') });
  const result = JSON.parse(run(dir, process.execPath, ['--no-warnings', 'node-app.mjs']));
  assert.deepEqual(result.auto, { sum: 6.5, matmul: [19, 22, 43, 50] });
  assert.deepEqual(result.init, { same: true, sum: 0.75 });
  assert.deepEqual(result.error, { name: 'RangeError', message: 'mean: x must not be empty', argument: 'x', function: 'mean' });
  assert.equal(result.typeError.name, 'TypeError');
  assert.match(result.typeError.message, /^sum: x must be /);
  assert.deepEqual(result.require, { sum: 5, same: true });
  assert.equal(result.threads.resolved, new URL('node_modules/fastwasm/threads/node.js', `file://${dir}/`).href);
  assert.match(result.threads.error, /^fastwasm\/threads needs Web Workers and SharedArrayBuffer/);
  assert.equal(result.load.threads, false);
  assert.match(result.load.reason, /not cross-origin isolated/);
  assert.equal(result.load.sum, 2);
});

describe('browsers: a plain page, threads, Vite (build and dev server) and webpack, in headless Chromium', () => {
  let dir;
  let server;
  let browser;

  before(async () => {
    const app = path.join(FIXTURES, 'app');
    dir = project('app', Object.fromEntries(fs.readdirSync(app).map((file) => [file, path.join(app, file)])));
    const isolated = (res) => {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    };
    server = http.createServer(sirv(dir, { dev: true, setHeaders: isolated }));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  /** The URL of `page` in the app's directory, as served. */
  const served = (page) => `http://127.0.0.1:${server.address().port}/${page}`;

  /** Opens the app at `url` and checks what it computed. */
  async function runApp(url, what) {
    const { page: tab, problems } = await openPage(browser);
    try {
      await tab.goto(url);
      await waitForDone(tab, what, 30_000);
      const result = await tab.evaluate(() => globalThis.appResult);
      assert.deepEqual(result, {
        sum: 6.5,
        matmul: [19, 22, 43, 50],
        error: { name: 'RangeError', message: 'mean: x must not be empty', argument: 'x' },
      });
      assert.deepEqual(problems(), []);
    } finally {
      await tab.context().close();
    }
  }

  test('a plain page, the package by an import map', async () => {
    await runApp(served('plain.html'), 'the plain page');
  });

  test('the threaded build of the package, from "fastwasm/load" in a worker', async () => {
    const { page: tab, problems } = await openPage(browser);
    try {
      await tab.goto(served('plain.html'));
      await waitForDone(tab, 'the plain page', 30_000);
      const report = await tab.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker('./threads-worker.js', { type: 'module' });
            worker.onmessage = ({ data }) => resolve(data);
            worker.onerror = (event) => reject(new Error(event.message || 'the worker failed'));
          }),
      );
      assert.deepEqual(report, { threads: true, threadCount: 2, reason: null, shared: true, identical: true });
      assert.deepEqual(problems(), []);
    } finally {
      await tab.context().close();
    }
  });

  /** The .wasm files a build emitted (the package's, as an asset). */
  const wasmFiles = (out) => fs.readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.wasm'));

  test('Vite', async () => {
    run(dir, process.execPath, [path.join(ROOT, BIN.vite), 'build']);
    assert.equal(wasmFiles(path.join(dir, 'dist-vite')).length, 1, 'Vite emits the .wasm');
    await runApp(served('dist-vite/index.html'), 'the Vite build');
  });

  test("Vite's dev server", async () => {
    const vite = await import('vite');
    const dev = await vite.createServer({ root: dir, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
    try {
      await dev.listen();
      await runApp(new URL('index.html', dev.resolvedUrls.local[0]).href, "Vite's dev server");
    } finally {
      await dev.close();
    }
  });

  test('webpack', async () => {
    run(dir, process.execPath, [path.join(ROOT, BIN.webpack), '--config', 'webpack.config.mjs']);
    const out = path.join(dir, 'dist-webpack');
    assert.equal(wasmFiles(out).length, 1, 'webpack emits the .wasm');
    // webpack's bundle is a classic script (its public path comes from document.currentScript).
    const page = fs.readFileSync(path.join(dir, 'index.html'), 'utf8').replace('type="module" src', 'defer src');
    fs.writeFileSync(path.join(out, 'index.html'), page);
    await runApp(served('dist-webpack/index.html'), 'the webpack build');
  });
});
