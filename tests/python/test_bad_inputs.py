"""Bad arguments for every function in ``fastwasm.__all__``, from the cross-language table
tests/fixtures/bad-inputs.json (made by tests/fixtures/make_tables.py, which documents the format;
tests/js/bad-inputs.test.mjs runs the same table in JS). Each bad call raises ``TypeError`` (wrong
type), ``ValueError`` (bad value, shape or size) or ``MemoryError`` (a result too large for wasm
memory) whose message is ``"<function>: "`` followed by text naming the Python argument and
matching the row's pattern, with no JS (or native extension) exception chained to it; afterwards
the next valid call of the same function still returns the table's expected result.

The rows: per parameter kind of every function, the table's generated bad values (wrong types,
NaN/inf, bad counts, bad shapes), plus each function's own rows (empty input, length mismatch,
too-large results, ...).

The same rows run on both backends. The few whose outcome depends on how much memory there is
(a result that the wasm32 memory cannot hold but a 64-bit process can) are marked to run in
Pyodide only (:func:`wasm32_memory_only`)."""

import inspect
import re

import pytest
import table
from backends import WASM, JsException, KernelError, run_js, wasm_only

import fastwasm

TABLE = table.load("bad-inputs.json")
KINDS = TABLE["kinds"]["py"]
CLASSES = {"TypeError": TypeError, "ValueError": ValueError, "MemoryError": MemoryError}
NAMES = {name: table.python_name(name, spec) for name, spec in TABLE["functions"].items()}

# Python name -> {"params": [[name, kind], ...], "valid": [...], "expect": ...} (still tagged)
FUNCTIONS = {}
for _name, _spec in TABLE["functions"].items():
    _merged = table.for_py(_spec)
    if NAMES[_name] is not None and "params" in _merged:
        FUNCTIONS[NAMES[_name]] = _merged


def _rows():
    """(function, argument, label, args, kwargs, kind, pattern) for every row that runs in Python."""
    rows = []
    for func, spec in FUNCTIONS.items():
        for i, (arg, param_kind) in enumerate(spec["params"]):
            generated = TABLE["generated"]["py"].get(param_kind)
            if generated is None:
                raise AssertionError(f"bad-inputs.json: no generated bad values for the Python parameter kind {param_kind}")
            for g in generated:
                args = list(spec["valid"])
                args[i] = g["value"]
                rows.append((func, arg, g["label"], args, {}, g["kind"], g["pattern"]))
    for raw in TABLE["rows"]:
        row = table.for_py(raw)
        func = NAMES[row["function"]]
        if func is not None and "args" in row:
            rows.append((func, row["argument"], row["label"], row["args"], row.get("kwargs", {}), row["kind"], row.get("pattern")))
    return rows


ROWS = _rows()

WASM32_MEMORY = "its results (3 GiB) exceed the wasm32 memory but not a 64-bit process's"


def wasm32_memory_only(func, args):
    """Whether the bad call ``func(*args)`` (args still tagged) fails for lack of memory in wasm32
    (at most 4 GiB of linear memory) only: ``histogram`` with 2**28 bins, 2 GiB of edges and
    1 GiB of counts, which a 64-bit process allocates."""
    return func == "histogram" and len(args) > 1 and args[1] == 2**28


def _param(row):
    marks = [wasm_only(WASM32_MEMORY)] if wasm32_memory_only(row[0], row[3]) else []
    return pytest.param(*row, id=f"{row[0]}-{row[1]}-{row[2]}", marks=marks)


#: ``ROWS`` as pytest parameters, marked where they apply to the wasm backend only.
ROW_PARAMS = [_param(row) for row in ROWS]


def check_error(error, func, arg, kind, source):
    """``error`` is the one the table expects for a bad ``arg`` of ``func``."""
    exc = CLASSES[KINDS["classes"][kind]]
    assert type(error) is exc, f"{type(error).__name__}, not {exc.__name__}: {error}"
    message = str(error)
    assert message.startswith(f"{func}: "), message
    detail = message[len(func) + 2 :]
    assert re.search(rf"\b{re.escape(arg)}\b", detail), f"{arg} not named: {message}"
    if source:
        assert re.search(table.pattern(source, arg), detail), (table.pattern(source, arg), message)
    if kind in KINDS["patterns"]:
        assert re.search(KINDS["patterns"][kind], detail), f"not worded as a {kind} error: {message}"
    assert not any(name in message for name in KINDS["forbidden_names"]), message
    # No backend exception (JS, or the extension's) chained into the traceback.
    assert error.__cause__ is None
    assert error.__suppress_context__ or not isinstance(error.__context__, KernelError)


def close(got, want, where="result"):
    """Numbers (complex too) to 1e-9 relative; ints, str and bytes exactly; sequences elementwise."""
    if isinstance(want, (list, tuple)):
        assert not isinstance(got, (str, bytes)) and len(got) == len(want), (where, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            close(g, w, f"{where}[{i}]")
    elif isinstance(want, (bytes, bytearray, int, str)):
        assert got == want, (where, got, want)
    else:
        assert abs(got - want) <= 1e-9 * max(1.0, abs(want)), (where, got, want)


def check_valid_call(func):
    spec = FUNCTIONS[func]
    close(getattr(fastwasm, func)(*table.decode(spec["valid"])), table.decode(spec["expect"]), func)


@pytest.mark.parametrize(("func", "arg", "label", "args", "kwargs", "kind", "pattern"), ROW_PARAMS)
def test_bad_input(func, arg, label, args, kwargs, kind, pattern):
    with pytest.raises(Exception) as info:
        getattr(fastwasm, func)(*table.decode(args), **table.decode(kwargs))
    check_error(info.value, func, arg, kind, pattern)
    check_valid_call(func)


def test_the_table_covers_every_parameter_of_every_function():
    functions = [name for name in fastwasm.__all__ if inspect.isfunction(getattr(fastwasm, name))]
    assert sorted(FUNCTIONS) == sorted(set(functions) - set(TABLE["not_covered"]["py"]))
    for func, spec in FUNCTIONS.items():
        assert [arg for arg, _ in spec["params"]] == list(inspect.signature(getattr(fastwasm, func)).parameters), func
        for arg, _ in spec["params"]:
            assert any(row[0] == func and row[1] == arg for row in ROWS), f"{func}: no bad input for {arg}"
        check_valid_call(func)
    for row in ROWS:
        assert any(arg == row[1] for arg, _ in FUNCTIONS[row[0]]["params"]), f"{row[0]}: a row for {row[1]}, not a parameter"
    print(f"{len(ROWS)} bad inputs over {len(FUNCTIONS)} functions")


def test_many_errors_in_a_row():
    calls = [table.for_py(call) for call in TABLE["repeat"]["calls"]]
    for _ in range(TABLE["repeat"]["py"]["times"]):
        for call in calls:
            func = NAMES[call["function"]]
            if not WASM and wasm32_memory_only(func, call["args"]):
                continue  # WASM32_MEMORY
            with pytest.raises(Exception) as info:
                getattr(fastwasm, func)(*table.decode(call["args"]))
            check_error(info.value, func, call["argument"], call["kind"], call.get("pattern"))
    for func in FUNCTIONS:
        check_valid_call(func)


def _thrower(kind=None, argument=None, detail=None, message=None):
    """An export that throws: a kernel error (``kind``, ``argument``, ``detail``) as the backend's
    export throws it, or else an error of another kind with ``message``."""
    if WASM:
        if kind is None:
            return run_js(f"() => {{ throw new TypeError({message!r}); }}")
        return run_js(
            "(kind, argument, detail) => () => { throw Object.assign(new Error(`${argument} ${detail}`), { kind, argument, detail }); }"
        )(kind, argument, detail)
    if kind is None:
        error = TypeError(message)
    else:
        error = KernelError(f"{argument} {detail}")
        error.kind, error.argument, error.detail = kind, argument, detail

    def export():
        raise error

    return export


def test_error_mapping_helper():
    """The one helper that maps errors thrown by the exports (``fastwasm._convert.call``): a kernel
    error's kind picks the class, its argument (renamed by ``names``) and detail make the message,
    with no backend exception chained; any other error passes through unchanged."""
    from fastwasm import _convert

    cases = [
        ("histogram", ("memory", "bins", "is too large: out of memory (cannot allocate 8 bytes)"), None, MemoryError,
         "histogram: bins is too large: out of memory (cannot allocate 8 bytes)"),
        ("histogram", ("value", "lo", "must not be above hi, got 2 and 1"), {"lo": "range"}, ValueError,
         "histogram: range must not be above hi, got 2 and 1"),
        ("word_counts", ("type", "text", "must be a str, got int"), None, TypeError, "word_counts: text must be a str, got int"),
    ]  # fmt: skip
    for func, error, names, exc, message in cases:
        with pytest.raises(exc) as info:
            _convert.call(func, _thrower(*error), names=names)
        assert type(info.value) is exc
        assert str(info.value) == message
        assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(JsException if WASM else TypeError, match="Cannot convert a BigInt"):
        _convert.call("word_counts", _thrower(message="Cannot convert a BigInt"))
