"""Argument conversion and error mapping between the Python API and the wasm exports."""

from __future__ import annotations

import array
import math
import numbers
import operator
import sys
from collections.abc import Callable, Iterable, Mapping, Set
from typing import Any, TypeVar

from . import _runtime
from ._runtime import JsException, JsProxy

T = TypeVar("T")

# Formats a memoryview reports for native-endian float64 ("d" from array.array and most
# exporters, "<d"/"=d"/"@d" from struct-style exporters on little-endian wasm).
_F64_FORMATS = frozenset({"d", "@d", "=d", "<d"})
# Largest magnitude at which a Python int converts to a JS number exactly; larger ints would
# become BigInt, which the wasm-bindgen glue rejects for `number` parameters.
_MAX_SAFE_INT = 2**53


def call(func: str, export: Callable[..., T], *args: Any) -> T:
    """Call a wasm export, turning its thrown JS ``Error`` into ``ValueError``/``MemoryError``.

    The Rust side reports every failure as ``Error("<func>: <what went wrong>")``; allocation
    failures contain ``": out of memory:"``. The JS message is kept verbatim.
    """
    try:
        return export(*args)
    except JsException as exc:
        message = str(exc.message)
        if ": out of memory:" in message:
            raise MemoryError(message) from None
        if exc.name == "TypeError":
            raise TypeError(f"{func}: {message}") from None
        raise ValueError(message) from None


def _type_name(x: object) -> str:
    return type(x).__qualname__


def _f64_buffer(func: str, arg: str, x: object) -> memoryview:
    """``x`` as a 1-D, C-contiguous memoryview of native float64 (``format == "d"``).

    Copies only when ``x`` is not already such a buffer: sequences and iterables go through
    ``array.array("d", x)``, other buffer formats through ``memoryview.tolist()``, numpy arrays
    through ``np.ascontiguousarray(x, dtype=np.float64)``.
    """
    expected = "a sequence of numbers or a buffer"
    if isinstance(x, (str, bytes, Mapping, Set)) or isinstance(x, (numbers.Number, type(None))):
        raise TypeError(f"{func}: {arg} must be {expected}, got {_type_name(x)}")

    if type(x).__module__.startswith("numpy") and "numpy" in sys.modules:
        np = sys.modules["numpy"]
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
            return view if view.format == "d" else view.cast("B").cast("d")
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


def _from_iterable(func: str, arg: str, items: Iterable[Any]) -> memoryview:
    try:
        return memoryview(array.array("d", items))
    except TypeError as exc:
        raise TypeError(f"{func}: {arg} must contain only numbers ({exc})") from None


def f64_args(func: str, **inputs: object) -> list[JsProxy]:
    """Copy 1-D float inputs into the module's scratch regions and return a view on each.

    Each input lands in its own scratch slot (in keyword order) with exactly one copy, from the
    Python buffer straight into wasm memory. All regions are reserved before any view is made:
    reserving may grow the memory, which would detach views made earlier. The returned
    ``Float64Array`` views are on the module's own memory, so the kernels read them in place.
    """
    buffers = [_f64_buffer(func, arg, x) for arg, x in inputs.items()]
    scratch = _runtime.exports.scratch
    addresses = [call(func, scratch, slot, buf.nbytes) for slot, buf in enumerate(buffers)]
    views = []
    for slot, (address, buf) in enumerate(zip(addresses, buffers)):
        view = _runtime.f64_view(slot, address, len(buf))
        if len(buf):
            view.assign(buf)
        views.append(view)
    return views


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
    if -_MAX_SAFE_INT <= n <= _MAX_SAFE_INT:
        return n
    # Beyond 2**53 the exact value no longer matters: the kernel rejects it, and a float keeps
    # it a JS number rather than a BigInt.
    try:
        return float(n)
    except OverflowError:
        return math.copysign(math.inf, n)


def float_arg(func: str, arg: str, value: object) -> float:
    """A real-number argument as a Python float (``bool`` rejected)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{func}: {arg} must be a real number, got {_type_name(value)}")
    return float(value)


def u32_list(result: JsProxy) -> list[int]:
    """A JS ``Uint32Array`` result as a list of int, copied through a memoryview in bulk."""
    return result.to_memoryview().tolist()  # type: ignore[no-any-return]
