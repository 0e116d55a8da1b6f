// Shared by the static server's tests (serve.test.mjs, serve-cors.test.mjs): a scratch site on disk
// and raw HTTP requests to it.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** Writes `content` to `rel` under the directory `root`, creating its folders. */
export function writeFile(root, rel, content) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * One request to 127.0.0.1:`port` for `urlPath` as given (no client-side path normalisation);
 * resolves to `{ status, headers, body }`. Each request has its own connection: sirv streams a
 * file to its end, so when a test rewrites a file right after reading it, the bytes added by the
 * rewrite can follow the response on a kept-alive connection and garble the next one.
 */
export function request(port, urlPath, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}
