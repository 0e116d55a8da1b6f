"""Tracebacks of bad calls end in the public function that was called: every row of the
bad-inputs table (tests/fixtures/bad-inputs.json, every parameter of every function) raises an
error whose traceback holds exactly one frame inside the fastwasm package, that function's, while
the message is the table's. A user's own code that raises while fastwasm reads it keeps its
frames."""

import os
import traceback

import pytest
import table
from test_bad_inputs import ROW_PARAMS, check_error

import fastwasm

PACKAGE = os.path.dirname(os.path.abspath(fastwasm.__file__)) + os.sep


def fastwasm_frames(error):
    """(file name, function name) of each traceback frame inside the fastwasm package."""
    return [
        (os.path.basename(frame.filename), frame.name)
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(PACKAGE)
    ]


@pytest.mark.parametrize(("func", "arg", "label", "args", "kwargs", "kind", "pattern"), ROW_PARAMS)
def test_one_frame_named_after_the_function(func, arg, label, args, kwargs, kind, pattern):
    with pytest.raises(Exception) as info:
        getattr(fastwasm, func)(*table.decode(args), **table.decode(kwargs))
    assert fastwasm_frames(info.value) == [("__init__.py", func)], traceback.format_exception(info.value)
    check_error(info.value, func, arg, kind, pattern)  # message and class unchanged


# Known calls, independent of the table: (call, class, message).
KNOWN = [
    (lambda: fastwasm.sum("abc"), TypeError, "sum: x must be"),
    (lambda: fastwasm.mean([]), ValueError, "mean: x must not be empty"),
    (lambda: fastwasm.dot([1.0, 2.0], [1.0]), ValueError, "dot: "),
    (lambda: fastwasm.histogram([1.0], 0), ValueError, "histogram: bins"),
    (lambda: fastwasm.matmul([[1.0, 2.0]], [[1.0, 2.0]]), ValueError, "matmul: a has 2 columns but b has 1 rows"),
    (lambda: fastwasm.gaussian_blur(bytes(4), 1, 1, "wide"), TypeError, "gaussian_blur: sigma must be a real number"),
    (lambda: fastwasm.array([1.0], dtype="int8"), ValueError, 'array: dtype must be "float64"'),
    (lambda: fastwasm.word_counts(b"text", 2), TypeError, "word_counts: text must be"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "exc", "message"), KNOWN, ids=[k[2].split(":")[0] for k in KNOWN])
def test_known_calls(call, exc, message):
    with pytest.raises(exc) as info:
        call()
    assert type(info.value) is exc
    assert str(info.value).startswith(message), str(info.value)
    func = message.split(":")[0]
    assert fastwasm_frames(info.value) == [("__init__.py", func)]
    # The printed traceback names the function and no internal module.
    printed = "".join(traceback.format_exception(info.value))
    assert f", in {func}\n" in printed
    for internal in ("_backend.py", "_convert.py", "_native_runtime.py", "_resident.py", "_runtime.py", "_tracebacks.py"):
        assert f"fastwasm/{internal}" not in printed, printed


def test_freed_resident_array():
    r = fastwasm.array([1.0, 2.0])
    r.free()
    with pytest.raises(ValueError, match="^sum: x is a ResidentArray that was freed") as info:
        fastwasm.sum(r)
    assert fastwasm_frames(info.value) == [("__init__.py", "sum")]
    with pytest.raises(ValueError, match="^ResidentArray.to_array: self is a ResidentArray that was freed") as info:
        r.tolist()
    assert fastwasm_frames(info.value) == [("_resident.py", "tolist")]
    with pytest.raises(ValueError) as info:
        r.to_array()
    assert fastwasm_frames(info.value) == [("_resident.py", "to_array")]


def test_an_error_raised_by_user_code_keeps_its_frame():
    def numbers():
        yield 1.0
        raise ValueError("the data source failed")

    with pytest.raises(ValueError, match="^the data source failed$") as info:
        fastwasm.sum(numbers())
    names = [frame.name for frame in traceback.extract_tb(info.value.__traceback__)]
    assert names[-2:] == ["sum", "numbers"], names
    assert fastwasm_frames(info.value) == [("__init__.py", "sum")]


def test_valid_calls_still_return():
    assert fastwasm.sum([1.0, 2.0, 3.5]) == 6.5
    assert fastwasm.argmax([1.0, 5.0, 2.0]) == 1
    assert fastwasm.matmul([[1.0, 2.0]], [[3.0], [4.0]]) == [[11.0]]
