// Where the page, its workers and console.html find Pyodide and the Python wheels (see
// scripts/serve.mjs): everything is served locally, nothing comes from a CDN.

/** The version of this build, defined once in Cargo.toml (pkg/package.json is generated from it). */
export const VERSION = (await (await fetch(new URL('/pkg/package.json', import.meta.url))).json()).version;
/** The fastwasm wheel built by scripts/build.sh. */
export const WHEEL = `/dist/fastwasm-${VERSION}-py3-none-any.whl`;
/** Pyodide's core files (node_modules/pyodide). */
export const PYODIDE = '/pyodide/';
/** micropip and its dependency, loaded before the wheel is installed. */
export const PYODIDE_WHEELS = [
  '/wheels/packaging-26.1-py3-none-any.whl',
  '/wheels/micropip-0.11.1-py3-none-any.whl',
];
