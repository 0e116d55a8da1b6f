// console.html: Pyodide on the main thread, fastwasm installed from the local wheel; runs the code in
// the text box (once on load) and shows repr() of the last expression in #out.

import { startPython } from './python.js';

const $ = (sel) => document.querySelector(sel);
const status = (text) => { $('#status').textContent = text; };

let pyodide;
let evaluate; // Python: source -> repr() of the last expression, or None

const EVALUATE = `
from pyodide.code import eval_code_async

async def _evaluate(source, ns={"__name__": "__console__"}):
    value = await eval_code_async(source, ns)
    return None if value is None else repr(value)

_evaluate
`;

async function runCode() {
  $('#run').disabled = true;
  try {
    const repr = await evaluate($('#code').value);
    $('#out').textContent = repr ?? '(no value)';
    status('Ready.');
    document.body.dataset.state = 'done';
  } catch (err) {
    $('#out').textContent = err.message;
    status('The code raised an exception.');
    document.body.dataset.state = 'error';
  } finally {
    $('#run').disabled = false;
  }
}

try {
  pyodide = await startPython({ onStatus: status });
  evaluate = pyodide.runPython(EVALUATE);
  $('#run').addEventListener('click', runCode);
  await runCode();
} catch (err) {
  console.error(err);
  status('Failed to start Python.');
  $('#out').textContent = `Error: ${err.message}`;
  document.body.dataset.state = 'error';
}
