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
