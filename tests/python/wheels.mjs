// Finding wheel files on disk, shared by the Pyodide test runners.

import fs from 'node:fs';
import path from 'node:path';

/** The `.whl` files in `dir` whose names start with `prefix`, sorted, as full paths ([] if no dir). */
export function wheelsIn(dir, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.whl') && f.startsWith(prefix))
    .sort()
    .map((f) => path.join(dir, f));
}
