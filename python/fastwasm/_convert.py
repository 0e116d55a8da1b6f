"""Argument conversion, result conversion and error mapping between the Python API and the wasm
exports."""

from __future__ import annotations

import array
import json
import math
import numbers
import operator
import struct
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence, Set
from typing import Any, TypeVar

from ._backend import runtime as _runtime
from ._resident import ResidentArray

JsException = _runtime.JsException
JsProxy = _runtime.JsProxy
to_js = _runtime.to_js
# Native: array arguments are the caller's buffers, read in place, and array results are
# Rust-owned buffers that numpy wraps without a copy (see _native_runtime).
_ZERO_COPY = _runtime.ZERO_COPY
# Native: a list or tuple of floats and ints read in one pass in Rust (None elsewhere).
_F64_REGION = _runtime.f64_region

T = TypeVar("T")

# Formats a memoryview reports for native-endian float64 ("d" from array.array and most
# exporters, "<d"/"=d"/"@d" from struct-style exporters on little-endian wasm).
_F64_FORMATS = frozenset({"d", "@d", "=d", "<d"})
# The same for float32.
_F32_FORMATS = frozenset({"f", "@f", "=f", "<f"})
# Pyodide passes large Python ints to JS as BigInt, which a wasm `f64` parameter rejects, so ints
# beyond this magnitude cross as floats (exact up to 2**53 - 1, the largest safe JS integer).
_SMALL_INT = 2**31 - 1
# Up to this many float64 elements, an input crosses as the arguments of one JS call that stages
# and calls the kernel (see _runtime's ``callSmall``) instead of a view filled with ``assign``.
_SMALL = 16
# Region element kinds of src/regions.rs, by memoryview format.
_KINDS = {"d": 0, "I": 1, "B": 2, "f": 3}
# Python's exception class for each error kind of the kernels (src/error.rs).
_ERRORS: dict[str, type[Exception]] = {"type": TypeError, "value": ValueError, "memory": MemoryError}
# Whether struct has the complex128 format "D" (Python 3.14+).
try:
    struct.calcsize("D")
    _STRUCT_COMPLEX = True
except struct.error:
    _STRUCT_COMPLEX = False
# What a result mirrors (see result_kind): sequences in -> lists out, buffers in -> array.array
# (bytearray for images) out, numpy arrays in -> numpy arrays out, resident arrays in -> resident
# arrays out.
LIST = "list"
BUFFER = "buffer"
NUMPY = "numpy"
RESIDENT = "resident"


class Staged:
    """An array argument of :func:`call` still in Python: a C-contiguous 1-D buffer (format
    ``"d"``, ``"I"``, ``"B"`` or ``"f"``) that ``call`` copies into a staging region before the export
    runs. ``arg`` names it in errors."""

    __slots__ = ("arg", "buf")

    def __init__(self, buf: memoryview, arg: str) -> None:
        self.buf = buf
        self.arg = arg


class Region:
    """An array argument of :func:`call` already in wasm memory: a resident array's region, or
    :data:`NO_ARRAY` for an optional array left out."""

    __slots__ = ("id", "length")

    def __init__(self, region_id: int, length: int | None) -> None:
        self.id = region_id
        self.length = length


#: An optional array argument left out: region id 0 for the call, nothing for the check.
NO_ARRAY = Region(0, None)


# Inputs of more bytes than this are checked (``__fwCheck``) before they are staged, so that an
# input the kernel will refuse never grows the memory; smaller ones fit in the staging regions.
_CHECK_BYTES = 1 << 16


def call(
    func: str, export: Callable[..., T], *args: Any, names: Mapping[str, str] | None = None
) -> T:
    """Call a raw wasm export, turning the error it throws into a Python exception.

    ``Staged`` arguments are copied into staging regions first and ``Region`` arguments passed by
    id; when the staged inputs are large, the export's checks of sizes and scalars run before
    anything is copied (``__fwCheck``), so a refused input never grows the memory.

    A kernel error carries ``kind`` (``"type"``, ``"value"`` or ``"memory"``), ``argument`` (the
    kernel's snake_case name, which is also the Python name unless ``names`` maps it to another)
    and ``detail``; it becomes ``TypeError``, ``ValueError`` or ``MemoryError`` with the message
    ``"<func>: <argument> <detail>"``. A trap (``WebAssembly.RuntimeError``) raises
    ``RuntimeError``, after re-instantiating the module; the threaded instance cannot be
    re-instantiated, so after its trap every call raises that ``RuntimeError`` (``_runtime.dead``).
    """
    if _runtime.dead is not None:
        raise RuntimeError(f"{func}: {_runtime.dead}")
    if _runtime.poisoned:
        _refuse_if_poisoned(func)
    try:
        # Array arguments come first in every export.
        if args and (type(args[0]) is Staged or type(args[0]) is Region):
            args = _in_place(args) if _ZERO_COPY else _place(export, args)
        return export(*args)
    except JsException as exc:
        kind = getattr(exc, "kind", None)
        if kind in _ERRORS:
            argument = str(exc.argument)
            if names is not None:
                argument = names.get(argument, argument)
            raise _ERRORS[kind](f"{func}: {argument} {exc.detail}") from None
        if _runtime.is_trap(exc):
            _poison_outer_calls()
            raise RuntimeError(_runtime.after_trap(func, exc)) from None
        raise


def _type_name(x: object) -> str:
    return type(x).__qualname__


def _numpy(x: object) -> Any:
    """The numpy module if ``x`` is a numpy object (so numpy is already imported), else None."""
    if type(x).__module__.startswith("numpy"):
        return sys.modules.get("numpy")
    return None


def _rejected(x: object) -> bool:
    """True for values that iterate or export a buffer but are never an array argument."""
    return isinstance(x, (str, bytes, Mapping, Set, numbers.Number, type(None)))


def result_kind(*inputs: object) -> str:
    """What a result should mirror: ``RESIDENT`` if any input is a resident array, else ``NUMPY``
    if any input is a numpy array, else ``BUFFER`` if the first input is a buffer
    (``array.array``, ``memoryview``, a JS typed array, ...), else ``LIST``."""
    if any(type(x) is ResidentArray for x in inputs):
        return RESIDENT
    if any(_numpy(x) is not None for x in inputs):
        return NUMPY
    x = inputs[0]
    if isinstance(x, JsProxy):
        return BUFFER if hasattr(x, "to_memoryview") else LIST
    try:
        memoryview(x)  # type: ignore[arg-type]
    except TypeError:
        return LIST
    return BUFFER


def f64_buffer(func: str, arg: str, x: object) -> memoryview:
    """``x`` as a 1-D, C-contiguous memoryview of native float64 (``format == "d"``).

    Copies only when ``x`` is not already such a buffer: sequences and iterables go through
    ``array.array("d", x)``, other buffer formats through ``memoryview.tolist()``, numpy arrays
    through ``np.ascontiguousarray(x, dtype=np.float64)``.
    """
    if type(x) is array.array and x.typecode == "d":  # the common fast path
        return memoryview(x)
    if type(x) is list or type(x) is tuple:  # skips the buffer and numpy probes below
        return _from_iterable(func, arg, x)
    if type(x) is ResidentArray:
        return memoryview(x.to_array("d"))
    expected = "a sequence of numbers or a buffer"
    if _rejected(x):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")

    np = _numpy(x)
    if np is not None:
        if getattr(x, "ndim", None) == 0 or not hasattr(x, "ndim"):
            raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")
        try:
            arr = np.ascontiguousarray(x, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{func}: {arg} must be {expected} ({exc})") from None
        if arr.ndim != 1:
            raise ValueError(f"{func}: {arg} must be 1-dimensional, got {arr.ndim} dimensions")
        return memoryview(arr)

    if isinstance(x, JsProxy):
        # A JS typed array or array handed over from JavaScript.
        if hasattr(x, "to_memoryview"):
            x = x.to_memoryview()
        else:
            x = x.to_py()
            if not isinstance(x, (list, tuple, memoryview)):
                raise TypeError(f"{func}: {arg} must be {expected}, got a JS {x!r}")

    try:
        view = memoryview(x)  # type: ignore[arg-type]
    except TypeError:
        view = None
    if view is not None:
        if view.ndim != 1:
            raise ValueError(f"{func}: {arg} must be 1-dimensional, got {view.ndim} dimensions")
        if view.format in _F64_FORMATS and view.c_contiguous:
            return view if view.format == "d" else _flat(view, "d")
        try:
            items = view.tolist()
        except NotImplementedError:
            raise TypeError(
                f"{func}: {arg} is a buffer of unsupported format {view.format!r}"
            ) from None
        return _from_iterable(func, arg, items)

    if not isinstance(x, Iterable):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")
    return _from_iterable(func, arg, x)


def _flat(view: memoryview, typecode: str) -> memoryview:
    """A C-contiguous buffer as a 1-D memoryview of ``typecode`` (the same bytes, no copy);
    ``memoryview.cast`` refuses shapes with a zero in them, which are empty anyway."""
    if view.nbytes == 0:
        return memoryview(array.array(typecode))
    return view.cast("B").cast(typecode)


def _from_iterable(func: str, arg: str, items: Iterable[Any]) -> memoryview:
    if _F64_REGION is not None:
        region = _F64_REGION(items)
        if region is not None:
            return memoryview(region)
    try:
        return memoryview(array.array("d", items))
    except TypeError as exc:
        raise TypeError(f"{func}: {arg} must contain only numbers ({exc})") from None
    except OverflowError:
        raise ValueError(f"{func}: {arg} contains an int too large for a float64") from None


def stage(func: str, buffers: Sequence[memoryview], args: Sequence[str] = ()) -> list[int]:
    """Copy C-contiguous 1-D buffers (format ``"d"``, ``"I"`` or ``"B"``) into staging regions of
    the module's memory and return their region ids (1, 2, ...), which the raw exports take.

    Each buffer lands in its own staging region, in order, with exactly one copy, from the Python
    buffer straight into wasm memory. All regions are sized before any is filled: sizing may grow
    the memory, which would detach views made earlier.
    """
    specs = [spec for buf in buffers for spec in (_KINDS[buf.format], len(buf))]
    try:
        views = _runtime.stage_many(*specs).to_py(depth=1)
    except JsException as exc:
        slot = getattr(exc, "slot", None)
        arg = args[slot] if slot is not None and slot < len(args) else "input"
        call(func, _raise, exc, names={"len": arg})
        raise  # unreachable: call raised
    for view, buf in zip(views, buffers):
        if len(buf):
            view.assign(buf)
    return list(range(1, len(buffers) + 1))


def _raise(exc: BaseException) -> None:
    raise exc


def _poison_outer_calls() -> None:
    """After a trap: marks the fastwasm calls further up the stack, which were converting their
    arguments when a callback made the nested call that trapped (their frames are the package's
    frames above the first frame from outside the package)."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__package__") == __package__:
        frame = frame.f_back  # the trapped call's own frames
    while frame is not None:
        if frame.f_globals.get("__package__") == __package__:
            _runtime.poisoned.append(frame)
        frame = frame.f_back


def _refuse_if_poisoned(func: str) -> None:
    """Raises ``RuntimeError`` naming ``func`` if this call is one that a nested trap marked."""
    poisoned = _runtime.poisoned
    frame: Any = sys._getframe(1)
    while frame is not None:
        if any(frame is p for p in poisoned):
            poisoned.clear()
            raise RuntimeError(
                f"{func}: the WebAssembly instance trapped in a nested fastwasm call made while "
                "this call converted its arguments; fastwasm re-instantiated it, so later calls work"
            )
        frame = frame.f_back
    poisoned.clear()  # the marked calls have ended


def _in_place(args: tuple[Any, ...]) -> tuple[Any, ...]:
    """``args`` for the native backend: every ``Staged`` buffer as itself (the kernel reads it in
    place), every ``Region`` as its region, an optional array left out as ``None``."""
    return tuple(
        a.buf if type(a) is Staged else (None if a is NO_ARRAY else a.id) if type(a) is Region else a
        for a in args
    )


def _place(export: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """``args`` with every ``Staged`` buffer copied into a staging region and every array given
    by its region id, after ``__fwCheck`` when the staged bytes are many."""
    first = args[0]
    for a in args[1:]:
        if type(a) is Staged or type(a) is Region:
            return _place_many(export, args)
    # The common case, one array and scalars: straight-line code, one JS call to stage.
    if type(first) is Region:
        return (first.id, *args[1:])
    buf = first.buf
    if buf.nbytes > _CHECK_BYTES:
        _check(export, args)
    try:
        view = _runtime.stage_one(_KINDS[buf.format], len(buf))
    except JsException as exc:
        _name_staged(exc, [first])
        raise
    if len(buf):
        view.assign(buf)
    return (1, *args[1:])


def _check(export: Any, args: tuple[Any, ...]) -> None:
    """``__fwCheck``: the export's checks of sizes and scalars, before anything is staged."""
    sizes = [
        len(a.buf) if type(a) is Staged else a.length if type(a) is Region else a for a in args
    ]
    _runtime.fn.__fwCheck(export.name, to_js(sizes))


def _name_staged(exc: JsException, staged: list[Staged]) -> None:
    """A staging failure names the argument that could not be staged instead of ``len``."""
    slot = getattr(exc, "slot", None)
    if slot is not None and getattr(exc, "argument", None) == "len":
        exc.argument = staged[slot].arg


def _place_many(export: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """:func:`_place` for calls with several arrays."""
    staged = [a for a in args if type(a) is Staged]
    if sum(a.buf.nbytes for a in staged) > _CHECK_BYTES:
        _check(export, args)
    specs = [spec for a in staged for spec in (_KINDS[a.buf.format], len(a.buf))]
    try:
        views = _runtime.stage_many(*specs).to_py(depth=1) if staged else []
    except JsException as exc:
        _name_staged(exc, staged)
        raise
    for view, a in zip(views, staged):
        if len(a.buf):
            view.assign(a.buf)
    ids = iter(range(1, len(staged) + 1))
    return tuple(
        next(ids) if type(a) is Staged else a.id if type(a) is Region else a for a in args
    )


def reduce(func: str, export: Callable[..., T], x: object, *extra: object) -> T:
    """``export(x, *extra)`` for a kernel with one 1-D float input ``x`` and at most one scalar
    argument after it, through :func:`call`.

    A short ``x`` (up to ``_SMALL`` elements) crosses together with the call: one JS call stages
    it and calls the kernel, which is most of the fixed cost of a call.
    """
    if type(x) is ResidentArray and x.dtype == "float64":
        return call(func, export, x._live_id(func, "x"), *extra)
    buf = f64_buffer(func, "x", x)
    if len(buf) <= _SMALL and not _ZERO_COPY:
        return call(func, _runtime.call_small, export, extra[0] if extra else None, *buf)
    return call(func, export, Staged(buf, "x"), *extra)


def f64_args(func: str, **inputs: object) -> list[Staged | Region]:
    """1-D float inputs as arguments of :func:`call`: a float64 resident array's region (read in
    place), any other input as a float64 buffer to stage."""
    return [
        Region(x._live_id(func, arg), len(x))
        if type(x) is ResidentArray and x.dtype == "float64"
        else Staged(f64_buffer(func, arg, x), arg)
        for arg, x in inputs.items()
    ]


def f32_buffer(x: object) -> memoryview | None:
    """``x`` as a 1-D, C-contiguous memoryview of native float32 (``format == "f"``) when it holds
    float32 values (``array.array("f")``, a float32 buffer or numpy array, a JS ``Float32Array``),
    else ``None``: the float64 path then converts (or rejects) ``x`` as it always does."""
    if type(x) is array.array:
        return memoryview(x) if x.typecode == "f" else None
    if type(x) is list or type(x) is tuple or type(x) is ResidentArray or _rejected(x):
        return None
    np = _numpy(x)
    if np is not None:
        if getattr(x, "dtype", None) != np.float32 or getattr(x, "ndim", None) != 1:
            return None
        return _flat(memoryview(np.ascontiguousarray(x)), "f")
    if isinstance(x, JsProxy):
        # Only a typed array of 4-byte elements can be a Float32Array: any other (a Float64Array
        # above all) is left to the float64 path without the copy to_memoryview() would make.
        if getattr(x, "BYTES_PER_ELEMENT", None) != 4 or not hasattr(x, "to_memoryview"):
            return None
        x = x.to_memoryview()  # a JS typed array of 4-byte elements: one copy
    try:
        view = memoryview(x)  # type: ignore[arg-type]
    except TypeError:
        return None
    if view.ndim != 1 or view.format not in _F32_FORMATS or not view.c_contiguous:
        return None
    return view if view.format == "f" else _flat(view, "f")


def f32_args(func: str, **inputs: object) -> list[Staged | Region] | None:
    """1-D inputs as arguments of :func:`call` for a kernel's float32 variant when every one is
    float32 (a float32 resident array, read in place, or a float32 buffer, see
    :func:`f32_buffer`), else ``None``: numpy computes float32 inputs in float32 and promotes any
    other mix to float64."""
    args: list[Staged | Region] = []
    for arg, x in inputs.items():
        if type(x) is ResidentArray:
            if x.dtype != "float32":
                return None
            args.append(Region(x._live_id(func, arg), len(x)))
            continue
        buf = f32_buffer(x)
        if buf is None:
            return None
        args.append(Staged(buf, arg))
    return args


def int_arg(func: str, arg: str, value: object) -> int | float:
    """An integer argument (``bool`` rejected) in a form that crosses to JS as a number.

    Range checks (negative, too large) are left to the kernel, which reports them as errors.
    """
    if isinstance(value, bool):
        raise TypeError(f"{func}: {arg} must be an int, got bool")
    try:
        n = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"{func}: {arg} must be an int, got {_type_name(value)}") from None
    if -_SMALL_INT <= n <= _SMALL_INT:
        return n
    # A float keeps it a JS number rather than a BigInt: exact up to 2**53 - 1, and beyond that
    # the exact value no longer matters, since the kernel rejects it.
    try:
        return float(n)
    except OverflowError:
        return math.inf if n > 0 else -math.inf


def float_arg(func: str, arg: str, value: object) -> float:
    """A real-number argument as a Python float (``bool`` rejected); an int too large for a
    float becomes an infinity, which the kernel then rejects by name."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{func}: {arg} must be a real number, got {_type_name(value)}")
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def u32_list(result: int) -> list[int]:
    """A uint32 result region as a list of int, copied out once in bulk."""
    return copy_out(result, "I").tolist()


def code_points(func: str, arg: str, value: object) -> memoryview:
    """A ``str`` argument as its code points (format ``"I"``): every code point of the Python
    string, a lone surrogate included, is one element, as ``len(value)`` counts them."""
    text = str_arg(func, arg, value)
    return memoryview(text.encode("utf-32-le", "surrogatepass")).cast("I")


def utf8(func: str, arg: str, value: object) -> memoryview:
    """A ``str`` argument as UTF-8 bytes (format ``"B"``). A lone surrogate, which UTF-8 cannot
    hold, becomes ``"?"``: like the JS wrapper's U+FFFD it is no letter or digit, so the words
    of the text are the same."""
    text = str_arg(func, arg, value)
    return memoryview(text.encode("utf-8", "replace"))


def json_result(result: str | list[Any]) -> Any:
    """A JSON text result (``word_counts``) as Python data; the native backend returns the data
    itself."""
    return json.loads(result) if type(result) is str else result


# Longest option name ("full", "same", ...) a string argument may be, as in the JS wrapper.
_MAX_OPTION = 64


def option_arg(func: str, arg: str, value: object) -> str:
    """A string argument that names an option: a short ``str``."""
    text = str_arg(func, arg, value)
    if len(text) > _MAX_OPTION:
        raise ValueError(f"{func}: {arg} is too long to be an option name ({len(text)} characters)")
    return text


def str_arg(func: str, arg: str, value: object) -> str:
    """A string argument (``str`` only)."""
    if not isinstance(value, str):
        raise TypeError(f"{func}: {arg} must be a str, got {_type_name(value)}")
    return value


def range_arg(func: str, arg: str, value: object) -> tuple[float, float] | tuple[None, None]:
    """An optional ``(lo, hi)`` pair of real numbers; ``None`` gives ``(None, None)``."""
    if value is None:
        return None, None
    if _rejected(value) or not isinstance(value, Sequence):
        raise TypeError(f"{func}: {arg} must be a (lo, hi) pair or None, got {_type_name(value)}")
    if len(value) != 2:
        raise ValueError(f"{func}: {arg} must be a (lo, hi) pair, got {len(value)} values")
    lo = float_arg(func, f"{arg}[0]", value[0])
    hi = float_arg(func, f"{arg}[1]", value[1])
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"{func}: supplied {arg} of [{lo!r}, {hi!r}] is not finite")
    return lo, hi


def f64_matrix(func: str, arg: str, a: object) -> tuple[memoryview, int, int]:
    """A 2-D float input as a flat, row-major float64 memoryview and its shape ``(rows, cols)``.

    ``a`` may be a 2-D numpy array, a 2-D buffer (``memoryview`` with ``ndim == 2``) or a sequence
    of rows, each a sequence of numbers or a 1-D buffer. Raises ``ValueError`` when ``a`` is not
    2-dimensional or its rows differ in length.
    """
    expected = "a 2-D array (a sequence of rows or a 2-D buffer)"
    if _rejected(a):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(a)}")

    np = _numpy(a)
    if np is not None:
        if not hasattr(a, "ndim"):
            raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(a)}")
        try:
            arr = np.ascontiguousarray(a, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"{func}: {arg} must be {expected} ({exc})") from None
        if arr.ndim != 2:
            raise ValueError(f"{func}: {arg} must be 2-dimensional, got {arr.ndim} dimensions")
        rows, cols = arr.shape
        return _flat(memoryview(arr), "d"), rows, cols

    if isinstance(a, JsProxy):
        a = a.to_py()
    try:
        view = memoryview(a)  # type: ignore[arg-type]
    except TypeError:
        view = None
    if view is not None:
        if view.ndim != 2:
            raise ValueError(f"{func}: {arg} must be 2-dimensional, got {view.ndim} dimensions")
        rows, cols = view.shape  # type: ignore[misc]
        if view.format in _F64_FORMATS and view.c_contiguous:
            return _flat(view, "d"), rows, cols
        try:
            a = view.tolist()
        except NotImplementedError:
            raise TypeError(
                f"{func}: {arg} is a buffer of unsupported format {view.format!r}"
            ) from None
    if not isinstance(a, Iterable):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(a)}")

    flat = array.array("d")
    rows, cols = 0, -1
    for i, row in enumerate(a):
        if isinstance(row, numbers.Number):
            raise ValueError(f"{func}: {arg} must be 2-dimensional, got 1 dimension")
        if (
            isinstance(row, Sequence)
            and len(row)
            and isinstance(row[0], Iterable)
            and not isinstance(row[0], str)
        ):
            raise ValueError(f"{func}: {arg} must be 2-dimensional, got 3 or more dimensions")
        buf = f64_buffer(func, f"{arg}[{i}]", row)
        if cols < 0:
            cols = len(buf)
        elif len(buf) != cols:
            raise ValueError(
                f"{func}: {arg} must be a rectangular 2-D array "
                f"(row {i} has {len(buf)} elements, expected {cols})"
            )
        flat.frombytes(buf.cast("B"))
        rows += 1
    if cols < 0:
        raise ValueError(f"{func}: {arg} must be 2-dimensional, got an empty sequence")
    return memoryview(flat), rows, cols


def f32_matrix(a: object) -> tuple[memoryview, int, int] | None:
    """A 2-D float32 input (a 2-D numpy float32 array, a 2-D float32 buffer, or a list or tuple of
    float32 rows of one length) as a flat, row-major float32 memoryview and its shape, else
    ``None`` (the float64 path then converts or rejects ``a``)."""
    np = _numpy(a)
    if np is not None:
        if getattr(a, "dtype", None) != np.float32 or getattr(a, "ndim", None) != 2:
            return None
        arr = np.ascontiguousarray(a)
        rows, cols = arr.shape
        return _flat(memoryview(arr), "f"), rows, cols
    if type(a) is list or type(a) is tuple:
        if not a:
            return None
        flat = array.array("f")
        cols = -1
        for row in a:
            buf = f32_buffer(row)
            if buf is None or (cols >= 0 and len(buf) != cols):
                return None
            cols = len(buf)
            flat.frombytes(buf.cast("B"))
        return memoryview(flat), len(a), cols
    if _rejected(a) or isinstance(a, JsProxy):
        return None
    try:
        view = memoryview(a)  # type: ignore[arg-type]
    except TypeError:
        return None
    if view.ndim != 2 or view.format not in _F32_FORMATS or not view.c_contiguous:
        return None
    rows, cols = view.shape  # type: ignore[misc]
    return _flat(view, "f"), rows, cols


def square_matrix(func: str, arg: str, a: object) -> tuple[memoryview, int]:
    """:func:`f64_matrix` for an ``n`` x ``n`` input: the flat buffer and ``n``."""
    buf, rows, cols = f64_matrix(func, arg, a)
    if rows != cols:
        raise ValueError(f"{func}: {arg} must be square, got {rows}x{cols}")
    return buf, rows


def _is_complex(v: object) -> bool:
    return isinstance(v, numbers.Complex) and not isinstance(v, numbers.Real)


def complex_parts(func: str, arg: str, x: object) -> tuple[memoryview, memoryview | None]:
    """A 1-D real or complex input as float64 buffers of its real and imaginary parts.

    The imaginary part is ``None`` when ``x`` holds only real numbers. Python ``complex`` values
    (or any ``numbers.Complex``) and numpy complex arrays are split; real inputs are taken as by
    :func:`f64_buffer`.
    """
    np = _numpy(x)
    if np is not None:
        if hasattr(x, "ndim") and np.iscomplexobj(x):
            parts = x.real, x.imag  # type: ignore[attr-defined]
            return f64_buffer(func, arg, parts[0]), f64_buffer(func, arg, parts[1])
        return f64_buffer(func, arg, x), None
    if _rejected(x) or isinstance(x, JsProxy) or not isinstance(x, Iterable):
        return f64_buffer(func, arg, x), None  # raises TypeError unless a JS array
    try:
        memoryview(x)  # type: ignore[arg-type]
    except TypeError:
        pass
    else:
        return f64_buffer(func, arg, x), None  # a (real) buffer

    items = list(x)
    if not any(_is_complex(v) for v in items):
        return f64_buffer(func, arg, items), None
    for v in items:
        if not isinstance(v, numbers.Complex):
            raise TypeError(f"{func}: {arg} must contain only numbers, got {_type_name(v)}")
    values = [complex(v) for v in items]
    return (
        memoryview(array.array("d", [v.real for v in values])),
        memoryview(array.array("d", [v.imag for v in values])),
    )


def complex_parts_f32(func: str, arg: str, x: object) -> tuple[Staged | Region, Staged | None] | None:
    """A 1-D float32 or complex64 input as arguments of a float32 variant: its real part and its
    imaginary part (``None`` for real input); ``None`` unless ``x`` is float32 (a float32 buffer
    or resident array, a numpy float32 or complex64 array)."""
    np = _numpy(x)
    if np is not None and getattr(x, "dtype", None) == np.complex64 and getattr(x, "ndim", None) == 1:
        re_part, im_part = f32_buffer(x.real), f32_buffer(x.imag)  # type: ignore[attr-defined]
        if re_part is None or im_part is None:
            return None
        return Staged(re_part, arg), Staged(im_part, arg)
    args = f32_args(func, **{arg: x})
    return None if args is None else (args[0], None)


def interleaved_f32(func: str, arg: str, x: object) -> memoryview | None:
    """A 1-D float32 or complex64 input (see :func:`complex_parts_f32`) as one float32 buffer
    ``[re0, im0, re1, im1, ...]``, else ``None``."""
    if type(x) is ResidentArray:
        if x.dtype != "float32":
            return None
        re_part: memoryview | None = memoryview(x.to_array("f"))
        im_part = None
    else:
        parts = complex_parts_f32(func, arg, x)
        if parts is None:
            return None
        re_part = parts[0].buf  # type: ignore[union-attr]
        im_part = None if parts[1] is None else parts[1].buf
    assert re_part is not None
    out = array.array("f", bytes(2 * re_part.nbytes))
    out[0::2] = _as_array(re_part, "f")
    if im_part is not None:
        out[1::2] = _as_array(im_part, "f")
    return memoryview(out)


def interleaved(func: str, arg: str, x: object) -> memoryview:
    """A 1-D real or complex input as one float64 buffer ``[re0, im0, re1, im1, ...]``."""
    re_part, im_part = complex_parts(func, arg, x)
    out = array.array("d", bytes(2 * re_part.nbytes))
    out[0::2] = _as_array(re_part)
    if im_part is not None:
        out[1::2] = _as_array(im_part)
    return memoryview(out)


def _as_array(buf: memoryview, typecode: str = "d") -> array.array[float]:
    out = array.array(typecode)
    out.frombytes(buf.cast("B"))
    return out


# Memoryview formats accepted as RGBA bytes.
_BYTE_FORMATS = frozenset({"B", "@B", "=B", "<B", "c"})


def rgba_buffer(func: str, arg: str, x: object) -> tuple[memoryview, tuple[int, ...] | None]:
    """RGBA image bytes as a flat, C-contiguous memoryview of format ``"B"``, and the numpy
    array's shape when ``x`` is one (else ``None``).

    Accepts ``bytes``, ``bytearray``, byte buffers (``memoryview``, ``array.array("B")``, a JS
    ``Uint8Array``/``Uint8ClampedArray``), numpy ``uint8`` arrays of any shape, and sequences of
    ints in ``range(256)``.
    """
    expected = "bytes, a byte buffer or a sequence of ints in range(256)"
    np = _numpy(x)
    if np is not None:
        dtype = getattr(x, "dtype", None)
        if dtype != np.uint8:
            raise TypeError(f"{func}: {arg} must be a uint8 array, got dtype {dtype}")
        arr = np.ascontiguousarray(x)
        return _flat(memoryview(arr), "B"), tuple(arr.shape)

    if isinstance(x, JsProxy):
        x = x.to_memoryview() if hasattr(x, "to_memoryview") else x.to_py()
    if isinstance(x, (str, Mapping, Set, numbers.Number, type(None))):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")
    try:
        view = memoryview(x)  # type: ignore[arg-type]
    except TypeError:
        view = None
    if view is not None:
        if view.format not in _BYTE_FORMATS:
            raise TypeError(
                f"{func}: {arg} must be a buffer of unsigned bytes (format 'B'), "
                f"got format {view.format!r}"
            )
        if not view.c_contiguous:
            view = memoryview(view.tobytes())
        return view.cast("B"), None
    if not isinstance(x, Iterable):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")
    try:
        return memoryview(bytes(x)), None
    except ValueError:
        raise ValueError(f"{func}: {arg} values must be in range(0, 256)") from None
    except TypeError as exc:
        raise TypeError(f"{func}: {arg} must contain only ints ({exc})") from None


def _numpy_module() -> Any:
    return sys.modules["numpy"]


def f64_result(result: int, kind: str) -> Any:
    """A float64 result region as a list of float (``LIST``), ``array.array("d")`` (``BUFFER``),
    a numpy float64 array (``NUMPY``), copied once, or kept as a ``ResidentArray``
    (``RESIDENT``)."""
    return _vector_result(result, kind, "d", "float64")


def f32_result(result: int, kind: str) -> Any:
    """A float32 result region as a list of float, ``array.array("f")``, a numpy float32 array,
    copied once, or kept as a ``ResidentArray``."""
    return _vector_result(result, kind, "f", "float32")


def index_result(result: int, kind: str, np_dtype: str = "intp") -> Any:
    """A uint32 result region as a list of int, ``array.array("I")``, a numpy array of
    ``np_dtype`` or a ``ResidentArray``."""
    return _vector_result(result, kind, "I", np_dtype)


# The numpy dtype of each region element type, for results numpy can wrap without converting.
_NP_DTYPES = {"d": "float64", "f": "float32", "I": "uint32"}


def copy_out(result_id: int, typecode: str) -> array.array[Any]:
    """The result region ``result_id`` copied once, straight from wasm memory into a new
    ``array.array`` of ``typecode`` (the region's element type), and freed, even if the copy
    fails."""
    try:
        view = _runtime.region_view(result_id)
        # Sized with a cheap repeat, then filled by one copy from the view on wasm memory.
        out = array.array(typecode, [0]) * int(view.length)
        if len(out):
            view.assign_to(out)
        return out
    finally:
        _runtime.fn.__fwRegionFree(result_id)


def _vector_result(result_id: int, kind: str, typecode: str, np_dtype: str) -> Any:
    """The result region copied once into a new Python container of ``kind`` (or kept)."""
    if kind == RESIDENT:
        return ResidentArray._adopt(result_id)
    if kind == NUMPY and _ZERO_COPY:
        return _numpy_of(result_id, typecode, np_dtype)
    out = copy_out(result_id, typecode)
    if kind == BUFFER:
        return out
    if kind == NUMPY:
        return _numpy_of(out, typecode, np_dtype)
    return out.tolist()


def _numpy_of(out: Any, typecode: str, np_dtype: str) -> Any:
    """``out`` (an ``array.array``, or natively a result region) as a numpy array of
    ``np_dtype``: wrapped without a copy when it already holds that type, converted otherwise."""
    np = _numpy_module()
    if _NP_DTYPES[typecode] == np_dtype:
        return np.frombuffer(out, dtype=getattr(np, np_dtype))
    return np.array(memoryview(out), dtype=getattr(np, np_dtype))


def typed_result(result: JsProxy, kind: str, typecode: str, np_dtype: str) -> Any:
    """The JS typed array ``result`` copied once into a new Python container of ``kind``."""
    out = array.array(typecode, [0]) * int(result.length)
    if len(out):
        result.assign_to(out)
    if kind == BUFFER:
        return out
    if kind == NUMPY:
        return _numpy_of(out, typecode, np_dtype)
    return out.tolist()


def matrix_result(result: int, rows: int, cols: int, kind: str, typecode: str = "d") -> Any:
    """A flat row-major result region (float64, or float32 for ``typecode="f"``) as a list of
    ``rows`` lists of ``cols`` floats, or a 2-D numpy array of its dtype (``NUMPY``)."""
    if kind == NUMPY:
        out = result if _ZERO_COPY else copy_out(result, typecode)
        return _numpy_of(out, typecode, _NP_DTYPES[typecode]).reshape((rows, cols))
    flat = copy_out(result, typecode)
    if not flat:
        return [[] for _ in range(rows)]
    # One C-level pass from the flat buffer, seen as rows x cols, to the nested lists: a quarter
    # faster under Pyodide than a flat list cut into rows (a 1024 x 1024 float64 result).
    return memoryview(flat).cast("B").cast(typecode, (rows, cols)).tolist()


def complex_result(result: int, kind: str, typecode: str = "d") -> Any:
    """An interleaved result region ``[re0, im0, ...]`` (float64, or float32 for
    ``typecode="f"``) as a list of complex, or a numpy complex128 (complex64) array
    (``NUMPY``)."""
    out = result if kind == NUMPY and _ZERO_COPY else copy_out(result, typecode)
    if kind == NUMPY:
        np = _numpy_module()
        return np.frombuffer(out, dtype=np.complex128 if typecode == "d" else np.complex64)
    if _STRUCT_COMPLEX:
        # One C-level pass from the interleaved pairs to complex objects ("F": complex64).
        return list(struct.unpack(f"<{len(out) // 2}{'D' if typecode == 'd' else 'F'}", out))
    flat = out.tolist()
    return list(map(complex, flat[0::2], flat[1::2]))


def rgba_result(result: int, shape: tuple[int, ...] | None) -> Any:
    """A uint8 result region as a ``bytearray``, or a numpy uint8 array of ``shape``."""
    if shape is not None and _ZERO_COPY:
        return _numpy_module().frombuffer(result, dtype="uint8").reshape(shape)
    try:
        view = _runtime.region_view(result)
        out = bytearray(int(view.length))
        if out:
            view.assign_to(out)
    finally:
        _runtime.fn.__fwRegionFree(result)
    if shape is not None:
        np = _numpy_module()
        return np.frombuffer(out, dtype=np.uint8).reshape(shape)
    return out
