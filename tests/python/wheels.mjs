// Finding wheel files on disk, shared by the Pyodide test runners.

import fs from 'node:fs';
import path from 'node:path';

/** The Pyodide wheel's name ends so; python/dist/ also holds the native (abi3) wheel. */
export const PYODIDE_WHEEL = '-py3-none-any.whl';

/**
 * The `.whl` files in `dir` whose names start with `prefix` and end with `suffix`, sorted, as
 * full paths ([] if no dir).
 */
export function wheelsIn(dir, prefix = '', suffix = '.whl') {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.whl') && f.startsWith(prefix) && f.endsWith(suffix))
    .sort()
    .map((f) => path.join(dir, f));
}
