// Shared set-up of the end-to-end tests: paths, required build outputs, headless Chromium.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Throws a clear error when a build output (path relative to the repo) is missing. */
export function requireFile(rel, hint) {
  if (!fs.existsSync(path.join(ROOT, rel))) throw new Error(`${rel} is missing: ${hint}`);
}

/** Debian's Chromium, headless, with no network chatter of its own (we run as root). */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}; set CHROMIUM=/path/to/chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
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
