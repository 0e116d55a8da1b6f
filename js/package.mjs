#!/usr/bin/env node
// Makes the composed pkg/ (js/compose.mjs) the npm package "fastwasm":
//
//   node js/package.mjs [--threads MT_DIR] DIR
//
// DIR holds the single-threaded build, composed, and wasm-pack's package.json; MT_DIR the composed
// threaded build (pkg-mt/), copied into DIR/threads/ (without --threads, DIR/threads/ is removed,
// so a quick build never ships a stale one). Writes into DIR
//   node.js           js/node.js: the Node entry, which instantiates the .wasm on import,
//   threads/node.js   js/threads-node.js: "fastwasm/threads" in Node, which says it needs Web Workers,
//   README.md         js/README.md: how to use the package in Node, bundlers and pages,
//   package.json      wasm-pack's, with the "files" list and the "exports" map below.
// Every file the package ships and every export is defined here once (BUILD_FILES, FROM_JS*,
// exportsMap).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** The files of one composed build (js/compose.mjs), in DIR and in DIR/threads/. */
const BUILD_FILES = ['fastwasm.js', 'fastwasm.d.ts', 'fastwasm_glue.js', 'fastwasm_glue.d.ts', 'fastwasm_bg.wasm'];
/** The threaded build's directory in the package. */
const THREADS = 'threads';
/** Files written from js/ (source → path in the package), and those only with the threaded build. */
const FROM_JS = { 'node.js': 'node.js', 'README.md': 'README.md' };
const FROM_JS_THREADS = { 'threads-node.js': `${THREADS}/node.js` };

/**
 * The exports map. "types" comes first (TypeScript takes the first condition it knows); "node"
 * (Node, and bundlers building for Node) gets the entry that loads the .wasm from the package;
 * "default" (browsers, and bundlers building for them) gets the web entry, whose `init()` fetches
 * the .wasm from next to it, which Vite and webpack both bundle as an asset.
 */
function exportsMap(threads) {
  return {
    '.': { types: './fastwasm.d.ts', node: './node.js', default: './fastwasm.js' },
    ...(threads && {
      './threads': {
        types: `./${THREADS}/fastwasm.d.ts`,
        node: `./${THREADS}/node.js`,
        default: `./${THREADS}/fastwasm.js`,
      },
    }),
    './load': { types: './load.d.ts', default: './load.js' },
    './fastwasm_bg.wasm': './fastwasm_bg.wasm',
    './package.json': './package.json',
  };
}

function fail(message) {
  console.error(`js/package.mjs: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--threads') args.mtDir = argv[++i];
    else if (args.dir === undefined) args.dir = argv[i];
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (!args.dir) fail('usage: node js/package.mjs [--threads MT_DIR] DIR');
  return args;
}

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

/** Copies the composed threaded build `mtDir` into `dir/threads/`. */
function copyThreads(mtDir, dir) {
  for (const file of BUILD_FILES) {
    if (!fs.existsSync(path.join(mtDir, file))) fail(`${mtDir}/${file} is missing: compose the threaded build first`);
    copyFile(path.join(mtDir, file), path.join(dir, THREADS, file));
  }
  // wasm-bindgen-rayon's worker helper, which the glue imports.
  fs.cpSync(path.join(mtDir, 'snippets'), path.join(dir, THREADS, 'snippets'), { recursive: true });
}

function main() {
  const { dir, mtDir } = parseArgs(process.argv.slice(2));
  const manifestFile = path.join(dir, 'package.json');
  if (!fs.existsSync(manifestFile)) fail(`${manifestFile} is missing: run wasm-pack first`);
  for (const file of [...BUILD_FILES, 'load.js', 'load.d.ts']) {
    if (!fs.existsSync(path.join(dir, file))) fail(`${dir}/${file} is missing: compose it first (js/compose.mjs)`);
  }
  const threads = mtDir !== undefined;
  fs.rmSync(path.join(dir, THREADS), { recursive: true, force: true });
  if (threads) copyThreads(mtDir, dir);
  for (const [source, target] of Object.entries({ ...FROM_JS, ...(threads && FROM_JS_THREADS) })) {
    copyFile(path.join(HERE, source), path.join(dir, target));
  }
  const manifest = {
    ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')),
    // npm adds package.json and README.md itself.
    files: [
      ...BUILD_FILES,
      'node.js',
      'load.js',
      'load.d.ts',
      ...(threads ? [...BUILD_FILES.map((file) => `${THREADS}/${file}`), `${THREADS}/node.js`, `${THREADS}/snippets/`] : []),
    ],
    main: 'fastwasm.js',
    types: 'fastwasm.d.ts',
    exports: exportsMap(threads),
    // The Node entries run code on import (instantiating, or refusing), as does wasm-bindgen-rayon's
    // worker helper: bundlers must keep them.
    sideEffects: ['./node.js', `./${THREADS}/node.js`, `./${THREADS}/snippets/*`],
  };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`${manifestFile}: ${manifest.files.length} entries in "files", exports ${Object.keys(manifest.exports).join(' ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
