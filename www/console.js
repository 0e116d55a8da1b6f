// console.html: Pyodide on the main thread, fastwasm installed from the local wheel; runs the code in
// the text box (once on load) and shows, in #out, what it printed to stdout and stderr (in the order
// it was written), then repr() of the last expression, or the traceback of an exception.

import { startPython } from './python.js';

const $ = (sel) => document.querySelector(sel);
const status = (text) => { $('#status').textContent = text; };

// Python: runs the console's code. `write(stream, text)` receives what it prints, as it is printed;
// the result is ["value", repr], ["none", ""] or ["error", traceback]. Tracebacks start at the
// console's code (File "<console>"), leaving out Pyodide's own frames, and a missing module gets a
// note true for this page (Pyodide's note suggests micropip.install, which has nothing to install
// from here).
const CONSOLE = `
import linecache
import sys
import traceback
from pyodide.code import eval_code_async

OFFLINE = (
    "This page's Pyodide is served offline by this server, which has wheels only for micropip and "
    "fastwasm, so micropip.install({name!r}) has nothing to install here."
)
NO_NUMPY = " fastwasm works without numpy: pass lists, array.array or bytes."


class _Stream:
    def __init__(self, name, write):
        self.name, self._write = name, write

    def write(self, text):
        self._write(self.name, text)
        return len(text)

    def flush(self):
        pass


def _traceback(err):
    """The traceback of err from the console's first frame on, with a note for missing modules."""
    tb = err.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != "<console>":
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(err), err, tb))
    if isinstance(err, ModuleNotFoundError) and err.name and err.name.split(".")[0] not in sys.stdlib_module_names:
        name = err.name.split(".")[0]
        text += OFFLINE.format(name=name) + (NO_NUMPY if name == "numpy" else "") + "\\n"
    return text


async def _run(source, write, ns={"__name__": "__console__"}):
    # Tracebacks quote the console's lines.
    linecache.cache["<console>"] = (len(source), None, source.splitlines(True), "<console>")
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream("stdout", write), _Stream("stderr", write)
    try:
        value = await eval_code_async(source, ns, filename="<console>")
    except BaseException as e:  # noqa: BLE001 - the console shows every exception
        return ["error", _traceback(e)]
    finally:
        sys.stdout, sys.stderr = out, err
    return ["none", ""] if value is None else ["value", repr(value)]

_run
`;

let run; // the Python _run above

/** Appends `text` to #out as a span of class `kind` (stdout, stderr, value, traceback, none). */
function show(kind, text) {
  const out = $('#out');
  const last = out.lastElementChild;
  if (last?.className === kind) {
    last.textContent += text;
    return;
  }
  const span = document.createElement('span');
  span.className = kind;
  span.textContent = text;
  out.append(span);
}

async function runCode() {
  $('#run').disabled = true;
  $('#out').replaceChildren();
  document.body.dataset.state = 'running';
  status('Running…');
  const write = (stream, text) => show(stream, text);
  let result;
  try {
    const proxy = await run($('#code').value, write);
    result = proxy.toJs();
    proxy.destroy();
  } catch (err) {
    result = ['error', String(err?.message ?? err)];
  }
  const [kind, text] = result;
  const printed = $('#out').childElementCount > 0;
  // Output first, then the value (or the traceback) on a line of its own.
  const sep = printed && !$('#out').textContent.endsWith('\n') ? '\n' : '';
  if (kind === 'value') show('value', sep + text);
  else if (kind === 'error') show('traceback', sep + text.trimEnd());
  else if (!printed) show('none', '(no value)');
  status(kind === 'error' ? 'The code raised an exception.' : 'Ready.');
  document.body.dataset.state = kind === 'error' ? 'error' : 'done';
  $('#run').disabled = false;
}

try {
  const pyodide = await startPython({ onStatus: status });
  run = pyodide.runPython(CONSOLE);
  $('#run').addEventListener('click', runCode);
  await runCode();
} catch (err) {
  console.error(err);
  status('Failed to start Python.');
  $('#out').textContent = `Error: ${err.message}`;
  document.body.dataset.state = 'error';
}
