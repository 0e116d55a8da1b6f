// Playwright set-up for the tests not yet on the browser-neutral runner (tests/e2e/engines.mjs):
// headless Chromium, file routing and page helpers. Paths and build checks come from engines.mjs.

import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM_ARGS, ROOT, VERSION, WHEEL, requireFile } from './engines.mjs';

export { ROOT, VERSION, WHEEL, requireFile };
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium, headless, with no network chatter of its own (we run as root). */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}; set CHROMIUM=/path/to/chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // engines.mjs's flags, less its headless switch, which Playwright sets itself.
    args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--headless')),
  });
}

/**
 * A new page that records every request, page error and console error. `problems()` lists requests
 * to hosts other than 127.0.0.1, failed requests, uncaught errors and console errors.
 */
export async function openPage(browser, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  context.on('request', (req) => requests.push(req.url()));
  context.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('pageerror', (err) => errors.push(`page error: ${err.stack || err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console error: ${msg.text()}`);
  });
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`worker console error: ${msg.text()}`);
    });
  });
  const problems = () => {
    const foreign = requests.filter((u) => {
      const { protocol, hostname } = new URL(u);
      if (protocol === 'data:' || protocol === 'blob:') return false;
      return hostname !== '127.0.0.1';
    });
    return [...foreign.map((u) => `request to another host: ${u}`), ...errors];
  };
  return { context, page, requests, problems };
}

/**
 * Registers node:test hooks: `before` checks the build outputs in `required` (repo-relative path →
 * hint shown when it is missing), starts scripts/serve.mjs on a free port and launches Chromium;
 * `after` closes both. The returned object's `server` and `browser` are set once `before` has run.
 */
export function serveAndLaunch(required) {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    for (const [rel, hint] of Object.entries(required)) requireFile(rel, hint);
    env.server = await startServer({ port: 0, host: '127.0.0.1' });
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The wasm-pack output every page test needs, with the hint for when it is missing. */
export const PKG_FILES = {
  'pkg/fastwasm.js': 'build it first with `bash scripts/build.sh` (wasm-pack)',
  'pkg/fastwasm_bg.wasm': 'build it first with `bash scripts/build.sh` (wasm-pack)',
};

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.py': 'text/x-python; charset=utf-8',
};

/**
 * Serves repository files that are under no server mount: on `target` (a page, or a context to
 * cover its workers too), a request for `<prefix><name>` gets a file of the repository, with
 * `headers`, or a 404. `files` maps names to repo-relative paths, or lists the repo-relative paths
 * (strings or RegExps) served under their own name.
 */
export function routeFiles(target, prefix, files, headers = {}) {
  const lookup = Array.isArray(files)
    ? (name) => (files.some((f) => (f instanceof RegExp ? f.test(name) : f === name)) ? name : undefined)
    : (name) => (Object.hasOwn(files, name) ? files[name] : undefined);
  return target.route(`**${prefix}**`, (route) => {
    const { pathname } = new URL(route.request().url());
    const rel = pathname.startsWith(prefix) ? lookup(pathname.slice(prefix.length)) : undefined;
    if (!rel) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      headers: { ...headers, 'Content-Type': CONTENT_TYPES[path.extname(rel)] },
      body: fs.readFileSync(path.join(ROOT, rel)),
    });
  });
}

/**
 * Waits until the page's body[data-state] is 'done' or 'error'; on 'error' throws with `what` and
 * the text of #out.
 */
export async function waitForDone(page, what, timeout) {
  const handle = await page.waitForFunction(
    () => ['done', 'error'].includes(document.body.dataset.state) && document.body.dataset.state,
    null,
    { timeout, polling: 250 },
  );
  if ((await handle.jsonValue()) !== 'done') throw new Error(`${what} failed: ${await page.textContent('#out')}`);
}
