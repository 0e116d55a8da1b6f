// Where the page, its workers and console.html find Pyodide and the Python wheels (see
// scripts/serve.mjs): everything is served locally, nothing comes from a CDN.

/**
 * The fastwasm wheel built by scripts/build.sh, named with the version of this build, which is
 * defined once in Cargo.toml (pkg/package.json is generated from it). A function, not a top-level
 * await: a module worker that awaits at the top level loses the messages sent to it meanwhile.
 */
export async function wheelPath() {
  const response = await fetch(new URL('/pkg/package.json', import.meta.url));
  if (!response.ok) throw new Error(`cannot read /pkg/package.json (HTTP ${response.status}); build pkg/ with scripts/build.sh`);
  return `/dist/fastwasm-${(await response.json()).version}-py3-none-any.whl`;
}
/** Pyodide's core files (node_modules/pyodide). */
export const PYODIDE = '/pyodide/';
/** micropip and its dependency, loaded before the wheel is installed. */
export const PYODIDE_WHEELS = [
  '/wheels/packaging-26.1-py3-none-any.whl',
  '/wheels/micropip-0.11.1-py3-none-any.whl',
];
