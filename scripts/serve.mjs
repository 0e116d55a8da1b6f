#!/usr/bin/env node
// Static server for the demo page and the browser tests.
//
//   node scripts/serve.mjs [--port N] [--host H]      (PORT env also works; --port 0 = any free port)
//
// Mounts (everything else is 404):
//   /          -> www/
//   /pkg/      -> pkg/                    (wasm-pack output)
//   /pkg-mt/   -> pkg-mt/                 (the multi-threaded build, used when cross-origin isolated)
//   /pyodide/  -> node_modules/pyodide/   (Pyodide core, no CDN)
//   /wheels/   -> build/pyodide-wheels/   (micropip, packaging, ...)
//   /dist/     -> python/dist/            (the fastwasm wheel)
//   /lite/     -> build/lite/             (the JupyterLite site with the example notebooks)
//   /vendor/chart.js/ -> node_modules/chart.js/dist/   (Chart.js for the demo page's chart)
//   /vendor/pyscript/ -> node_modules/@pyscript/core/dist/   (PyScript, for www/pyscript.html)
//   /vendor/<library>/ -> node_modules/<library>/       (the npm peers of the benchmark, VENDOR_MOUNTS)
//   /tests/    -> tests/, /www/ -> www/   (only with startServer({ testMounts: true }): test pages,
//                                         and the repository layout their relative imports expect)
//   /trap/     -> build/trap/web/         (also only with testMounts: the trap test build,
//                                         scripts/build-trap-test.sh)
//   /trap-threads/ -> build/trap/threads/ (also only with testMounts: its threaded build for the
//                                         Python package)
//   /not-isolated/<path>                  (also only with testMounts: whatever /<path> serves, without
//                                         cross-origin isolation, see below)
//
// /dist/ (the wheel) may be fetched from any origin, so a page elsewhere (PyScript, micropip) can
// install it: its responses also carry CORS (Access-Control-Allow-Origin: *) and
// CORP cross-origin, and it answers CORS preflights (OPTIONS).
//
// Every response is cross-origin isolated (COOP same-origin + COEP require-corp + CORP same-origin),
// so SharedArrayBuffer and high-resolution timers are available to the page and its workers. That
// includes the notebook site under /lite/, whose kernel then talks to its worker through
// `coincident`; the site's scripts/lite/coincident-shim.js keeps that from losing replies.
// The one exception is a test prefix: /not-isolated/<path> (testMounts only) serves /<path>
// without these headers, for the tests of what a page that is not isolated gets.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import sirv from 'sirv';

/** The prefix that serves the site without the cross-origin isolation headers (see above): tests only. */
export const NOT_ISOLATED = '/not-isolated/';
/** Mounts any origin may fetch (see above). */
export const CROSS_ORIGIN = ['/dist/'];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The npm libraries the benchmark compares with (www/peers.js), served from node_modules. */
export const VENDOR_MOUNTS = [
  ['/vendor/simple-statistics/', 'node_modules/simple-statistics/dist'],
  ['/vendor/fastest-levenshtein/', 'node_modules/fastest-levenshtein'],
  ['/vendor/glur/', 'node_modules/glur'],
  ['/vendor/webfft/', 'node_modules/webfft'],
  ['/vendor/fft.js/', 'node_modules/fft.js'],
  ['/vendor/ml-matrix/', 'node_modules/ml-matrix'],
  ['/vendor/tfjs-core/', 'node_modules/@tensorflow/tfjs-core'],
  ['/vendor/tfjs-backend-wasm/', 'node_modules/@tensorflow/tfjs-backend-wasm'],
];

export const MOUNTS = [
  ['/pkg/', 'pkg'],
  ['/pkg-mt/', 'pkg-mt'],
  ['/pyodide/', 'node_modules/pyodide'],
  ['/wheels/', 'build/pyodide-wheels'],
  ['/dist/', 'python/dist'],
  ['/lite/', 'build/lite'],
  ['/vendor/chart.js/', 'node_modules/chart.js/dist'],
  ['/vendor/pyscript/', 'node_modules/@pyscript/core/dist'],
  ...VENDOR_MOUNTS,
  ['/', 'www'],
];

/**
 * The mounts the end-to-end tests add (`testMounts: true`), so their pages need no routing: tests/,
 * www/ under its own name too, for the relative imports of tests/ modules (../../www/suite.js), the
 * trap test builds. With them, NOT_ISOLATED serves the whole site once more, not isolated.
 */
export const TEST_MOUNTS = [
  ['/tests/', 'tests'],
  ['/www/', 'www'],
  ['/trap/', 'build/trap/web'],
  ['/trap-threads/', 'build/trap/threads'],
];

/** Where the JupyterLite site opens on the example notebooks. */
export const NOTEBOOKS_PATH = 'lite/lab/index.html?path=tour.ipynb';

const CONTENT_TYPES = {
  '.wasm': 'application/wasm',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.py': 'text/x-python; charset=utf-8',
  '.whl': 'application/octet-stream',
  '.tar': 'application/x-tar',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

function isolationHeaders(res) {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function crossOriginHeaders(res) {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

function notFound(res) {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('404 Not Found\n');
}

/** A request handler serving one directory (sirv in dev mode: every request reads the disk, so
 *  rebuilt files are served at once and nothing is cached). */
function mount(dir) {
  const handler = sirv(dir, {
    dev: true,
    dotfiles: false,
    setHeaders(res, pathname) {
      const type = CONTENT_TYPES[path.extname(pathname).toLowerCase()];
      if (type) res.setHeader('Content-Type', type);
    },
  });
  return (req, res) => {
    // sirv's dev mode would serve dotfiles; nothing hidden is ever part of the site.
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return notFound(res);
    }
    if (/(^|\/)\./.test(pathname)) return notFound(res);
    handler(req, res, () => notFound(res));
  };
}

/**
 * Starts the server. Resolves to `{ url, port, close() }` once it is listening.
 * `port: 0` picks a free port. `testMounts: true` also serves TEST_MOUNTS.
 */
export function startServer({ port = 8000, host = '127.0.0.1', root = ROOT, testMounts = false } = {}) {
  const mounts = [...(testMounts ? TEST_MOUNTS : []), ...MOUNTS].map(([prefix, dir]) => [prefix, mount(path.resolve(root, dir))]);
  const server = http.createServer((req, res) => {
    let requested = new URL(req.url, 'http://localhost').pathname;
    if (testMounts && requested.startsWith(NOT_ISOLATED)) {
      requested = requested.slice(NOT_ISOLATED.length - 1);
      req.url = requested + (req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '');
    } else {
      isolationHeaders(res);
    }
    const crossOrigin = CROSS_ORIGIN.some((prefix) => requested.startsWith(prefix));
    if (crossOrigin) crossOriginHeaders(res);
    if (crossOrigin && req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] || '*');
      res.setHeader('Access-Control-Max-Age', '86400');
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD');
      return res.end();
    }
    let pathname = new URL(req.url, 'http://localhost').pathname;
    // Pages that declare no icon (the notebook app) make the browser ask for /favicon.ico.
    if (pathname === '/favicon.ico') req.url = pathname = '/favicon.svg';
    for (const [prefix, handle] of mounts) {
      if (pathname.startsWith(prefix)) {
        // sirv sees the path relative to the mount.
        const rel = pathname.slice(prefix.length);
        const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        req.url = '/' + rel + search;
        return handle(req, res);
      }
    }
    notFound(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${shownHost}:${address.port}/`;
      resolve({
        url,
        port: address.port,
        server,
        close: () =>
          new Promise((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [key, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (key === '--port' || key === '-p') out.port = value();
    else if (key === '--host') out.host = value();
    else if (key === '--help' || key === '-h') out.help = true;
    else throw new Error(`unknown argument: ${arg}`);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log('usage: node scripts/serve.mjs [--port N] [--host H]   (PORT env; --port 0 = any free port)');
    return;
  }
  const portText = args.port ?? process.env.PORT ?? '8000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${portText}`);
  const { url, close } = await startServer({ port, host: args.host ?? '127.0.0.1' });
  console.log(`fastwasm demo:      ${url}`);
  console.log(`fastwasm notebooks: ${url}${NOTEBOOKS_PATH}`);
  for (const [prefix, dir] of MOUNTS) {
    const abs = path.resolve(ROOT, dir);
    console.log(`  ${prefix.padEnd(10)} -> ${dir}/${fs.existsSync(abs) ? '' : '  (missing)'}`);
  }
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
