// "fastwasm/threads" in Node (the "node" condition): the threaded build runs its pool on Web
// Workers sharing the module's memory, which Node does not have, so importing it says so instead of
// failing inside wasm-bindgen-rayon's worker helper.
//
// Source: js/threads-node.js in the fastwasm repository (js/package.mjs ships it as threads/node.js).

throw new Error(
  'fastwasm/threads needs Web Workers and SharedArrayBuffer (a cross-origin isolated page or worker); ' +
    'in Node, import "fastwasm" (the single-threaded build, ready on import)',
);
