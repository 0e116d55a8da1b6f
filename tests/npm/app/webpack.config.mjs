// webpack's production build of the app (main.js → dist-webpack/main.js; the test writes the page).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  target: 'web',
  entry: './main.js',
  output: { path: path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist-webpack'), filename: 'main.js', clean: true },
  performance: { hints: false },
};
