#!/usr/bin/env node
// Puts the typed boundary (js/fastwasm.js) in front of wasm-bindgen's web glue in a package
// directory:
//
//   node js/compose.mjs [--glue GLUE_DIR] [--signatures-from SIG_DIR] DIR
//
// GLUE_DIR (default DIR) holds wasm-bindgen's `--target web` output fastwasm.js + fastwasm.d.ts;
// DIR holds the fastwasm_bg.wasm that glue will load. The kernels' signatures come from the
// `__fwSignatures()` export of the single-threaded glue in SIG_DIR (default GLUE_DIR), which is
// instantiated here in Node (a threaded glue cannot be, so pkg-mt/ reads pkg's). Afterwards DIR has
//   fastwasm_glue.js, fastwasm_glue.d.ts  the glue (renamed),
//   fastwasm.js                           js/fastwasm.js with the signatures and one export per
//                                         public export of the glue (kernels converted and
//                                         guarded, other functions guarded), so a new kernel
//                                         needs no edit here,
//   fastwasm.d.ts                         the public API's types, derived from the glue's types
//                                         and the signatures,
//   load.js, load.d.ts                    js/load.js, which picks the threaded build or pkg/ at
//                                         run time, and its types.
// (js/package.mjs then makes pkg/ the npm package: its Node entry, the threaded build inside it,
// the "files" list and the "exports" map.)
// Checks on the way: every import of the .wasm is provided by the glue and every export the glue
// uses exists.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXPORTS_MARKER = '// @generated-exports\n';
const SIGNATURES_MARKER = '/* @generated-signatures */ {}';
const GLUE = 'fastwasm_glue';
/** Exports of wasm-bindgen-rayon (pkg-mt/): the pool's start and its workers' entry point. */
const FOREIGN = /^(initThreadPool|wbg_rayon_\w+)$/;
/** The name prefix of a kernel's internal float32 variant (FLOAT32_PREFIX in src/params.rs). */
const FLOAT32_PREFIX = '__f32_';

function fail(message) {
  console.error(`js/compose.mjs: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--glue') args.glueDir = argv[++i];
    else if (argv[i] === '--signatures-from') args.sigDir = argv[++i];
    else if (args.dir === undefined) args.dir = argv[i];
    else fail(`unexpected argument ${argv[i]}`);
  }
  if (!args.dir) fail('usage: node js/compose.mjs [--glue GLUE_DIR] [--signatures-from SIG_DIR] DIR');
  args.glueDir ??= args.dir;
  args.sigDir ??= args.glueDir;
  return args;
}

/**
 * The glue's exported functions (`__`-prefixed ones are internal), the float32 variants among the
 * internal ones, and passed-through classes/constants.
 */
export function glueExports(source) {
  const functions = [];
  const float32 = [];
  const passed = [];
  let initExports = false;
  for (const line of source.split('\n')) {
    if (!line.startsWith('export ')) continue;
    let m;
    if ((m = /^export function (\w+)\s*\(/.exec(line))) {
      if (!m[1].startsWith('__')) functions.push(m[1]);
      else if (m[1].startsWith(FLOAT32_PREFIX)) float32.push(m[1]);
    } else if ((m = /^export (?:class|const|let) (\w+)\b/.exec(line))) {
      passed.push(m[1]);
    } else if (/^export \{ initSync, __wbg_init as default \};$/.test(line)) {
      initExports = true;
    } else {
      fail(`unrecognised export in the glue: ${line}`);
    }
  }
  if (!initExports) fail('the glue does not export initSync and the default init function');
  if (functions.length === 0) fail('the glue exports no functions');
  for (const variant of float32) {
    if (!functions.includes(variant.slice(FLOAT32_PREFIX.length))) fail(`${variant} is the float32 variant of no export`);
  }
  return { functions, float32, passed };
}

/** Fails unless `glue` provides every import of `wasmFile` and uses only exports it has. */
function checkInterface(glue, wasmFile) {
  const module = new WebAssembly.Module(fs.readFileSync(wasmFile));
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    if (from !== './fastwasm_bg.js' || !new RegExp(`^\\s+"?${name}"?:`, 'm').test(glue)) {
      fail(`${wasmFile} imports ${from} ${name}, which the glue does not provide`);
    }
  }
  const exported = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  for (const [, name] of glue.matchAll(/\bwasm\.(\w+)/g)) {
    if (!exported.has(name)) fail(`the glue uses wasm.${name}, which ${wasmFile} does not export`);
  }
}

/** The kernels' signatures, read from the `__fwSignatures()` export of the glue in `dir`. */
async function readSignatures(dir) {
  const glue = await import(pathToFileURL(path.resolve(dir, 'fastwasm.js')).href);
  if (typeof glue.__fwSignatures !== 'function') fail(`${dir}/fastwasm.js has no __fwSignatures export`);
  glue.initSync({ module: fs.readFileSync(path.join(dir, 'fastwasm_bg.wasm')) });
  return JSON.parse(glue.__fwSignatures());
}

/** The wrapper module: js/fastwasm.js with the signatures and the export lines. */
export function wrapperSource(template, { functions, float32 = [], passed }, signatures) {
  if (!template.includes(EXPORTS_MARKER)) fail(`js/fastwasm.js lacks the line ${EXPORTS_MARKER.trim()}`);
  if (!template.includes(SIGNATURES_MARKER)) fail(`js/fastwasm.js lacks ${SIGNATURES_MARKER}`);
  const variants = new Set(float32.filter((name) => name in signatures));
  const used = Object.fromEntries(
    [...functions, ...variants].filter((name) => name in signatures).map((name) => [name, signatures[name]]),
  );
  const variantOf = (name) => (variants.has(FLOAT32_PREFIX + name) ? `, glue.${FLOAT32_PREFIX}${name}` : '');
  const lines = [
    "// Generated by js/compose.mjs from the glue's exports.",
    ...functions.map((name) =>
      name in signatures
        ? `export const ${name} = kernel('${name}', glue.${name}${variantOf(name)});`
        : `export const ${name} = guarded('${name}', glue.${name});`,
    ),
  ];
  if (passed.length > 0) lines.push(`export { ${passed.join(', ')} } from './${GLUE}.js';`);
  return template
    .replace(SIGNATURES_MARKER, JSON.stringify(used, null, 1).replace(/\n\s*/g, ' '))
    .replace(EXPORTS_MARKER, lines.join('\n') + '\n');
}

// --- Types -----------------------------------------------------------------------------------

/** TypeScript type of a parameter kind; `resident` gives the resident-only variant of array kinds. */
function paramType(kind, resident) {
  const base = kind.replace(/\?$/, '');
  const type = {
    f64s: resident ? 'ResidentArray' : 'NumberArray',
    f32s: resident ? 'ResidentArray' : 'Float32Array',
    rgba: resident ? 'ResidentArray' : 'Uint8ClampedArray | Uint8Array | ResidentArray',
    codes: 'string',
    utf8: 'string',
    string: 'string',
    number: 'number',
  }[base];
  if (type === undefined) fail(`no TypeScript type for parameter kind ${kind}`);
  return kind.endsWith('?') ? `${type} | null` : type;
}

function resultType(kind, resident) {
  const R = resident ? 'ResidentArray' : null;
  const type = {
    number: 'number',
    f64s: R ?? 'Float64Array',
    f32s: R ?? 'Float32Array',
    u32s: R ?? 'Uint32Array',
    rgba: R ?? 'Uint8ClampedArray',
    histogram: resident ? '{ counts: ResidentArray; edges: ResidentArray }' : '{ counts: Uint32Array; edges: Float64Array }',
    json: '[string, number][]',
  }[kind];
  if (type === undefined) fail(`no TypeScript type for result kind ${kind}`);
  return type;
}

const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/**
 * The declaration(s) of kernel `name`: resident arrays in give resident arrays out, and with a
 * float32 variant (`variant`, its signature), Float32Arrays in give a Float32Array out (that
 * overload first, since a Float32Array is a NumberArray too).
 */
function kernelDeclarations(name, signature, variant) {
  const declare = (resident, { params, result }) => {
    const list = params.map(([arg, kind], i) => {
      const optional = params.slice(i).every(([, k]) => k.endsWith('?'));
      return `${camel(arg)}${optional ? '?' : ''}: ${paramType(kind, resident)}`;
    });
    return `export function ${name}(${list.join(', ')}): ${resultType(result, resident)};`;
  };
  const arrayIn = signature.params.some(([, kind]) => /^(f64s|rgba)$/.test(kind));
  const arrayOut = /^(f64s|u32s|rgba|histogram)$/.test(signature.result);
  const declarations =
    arrayIn && arrayOut ? [declare(true, signature), declare(false, signature)] : [declare(false, signature)];
  if (variant !== undefined) declarations.unshift(declare(false, variant));
  return declarations.join('\n');
}

/** The public types: the glue's, with internal exports removed and kernels' parameters typed. */
export function wrapperTypes(glueTypes, signatures) {
  const declarations = glueTypes
    .replace(/^( \* )r" ?/gm, '$1') // doc comments that passed through a macro
    .replace(/(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\n)?export function (\w+)\(.*\): .*;\n\n?/g, (whole, doc = '', name) => {
      if (name.startsWith('__')) return '';
      if (!(name in signatures)) return whole;
      return `${doc}${kernelDeclarations(name, signatures[name], signatures[FLOAT32_PREFIX + name])}\n\n`;
    });
  const extra = fs.readFileSync(path.join(HERE, 'fastwasm.d.ts'), 'utf8');
  return declarations.replace(/\nexport type InitInput/, `\n${extra}\nexport type InitInput`);
}

async function main() {
  const { dir, glueDir, sigDir } = parseArgs(process.argv.slice(2));
  const glue = fs.readFileSync(path.join(glueDir, 'fastwasm.js'), 'utf8');
  const glueTypes = fs.readFileSync(path.join(glueDir, 'fastwasm.d.ts'), 'utf8');
  if (glue.includes('js/compose.mjs')) fail(`${glueDir}/fastwasm.js is already the wrapper, not the glue`);
  const exports = glueExports(glue);
  checkInterface(glue, path.join(dir, 'fastwasm_bg.wasm'));
  const signatures = await readSignatures(sigDir);
  // Every export of fastwasm's own that takes arguments must have a signature, so that the
  // wrapper checks their types; wasm-bindgen-rayon's thread-pool exports pass through.
  for (const name of exports.functions) {
    const params = glue.match(new RegExp(`^export function ${name}\\(([^)]*)\\)`, 'm'))[1].trim();
    if (!(name in signatures) && params && !FOREIGN.test(name)) {
      fail(`${name} takes arguments but has no signature: declare it with kernel_exports!`);
    }
  }

  const template = fs.readFileSync(path.join(HERE, 'fastwasm.js'), 'utf8');
  fs.writeFileSync(
    path.join(dir, `${GLUE}.js`),
    glue.replace('/* @ts-self-types="./fastwasm.d.ts" */', `/* @ts-self-types="./${GLUE}.d.ts" */`),
  );
  fs.writeFileSync(path.join(dir, `${GLUE}.d.ts`), glueTypes);
  fs.writeFileSync(path.join(dir, 'fastwasm.d.ts'), wrapperTypes(glueTypes, signatures));
  fs.writeFileSync(path.join(dir, 'fastwasm.js'), wrapperSource(template, exports, signatures));
  fs.copyFileSync(path.join(HERE, 'load.js'), path.join(dir, 'load.js'));
  fs.copyFileSync(path.join(HERE, 'load.d.ts'), path.join(dir, 'load.d.ts'));
  const kernels = exports.functions.filter((name) => name in signatures).length;
  console.log(`${dir}/fastwasm.js: ${kernels} kernels, ${exports.functions.length - kernels} other functions`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
