// fastwasm for Node (the "node" condition of the package's exports map): the exports of
// fastwasm.js, ready to call on import. Node's fetch cannot read a file: URL, so the .wasm next to
// this file is read and instantiated synchronously here; `import { sum } from "fastwasm"` needs no
// init step. `init()` and `initSync()` stay callable: they return the instance made here.
//
// Source: js/node.js in the fastwasm repository (js/package.mjs ships it as node.js).

import { readFileSync } from 'node:fs';
import { initSync } from './fastwasm.js';

initSync({ module: readFileSync(new URL('./fastwasm_bg.wasm', import.meta.url)) });

export * from './fastwasm.js';
export { default } from './fastwasm.js';
