"""Arrays kept in the module's wasm memory (natively: in buffers the extension owns) across calls
(``fastwasm.array``)."""

from __future__ import annotations

import array
import sys
import weakref
from typing import Any

from ._backend import runtime as _runtime
from ._tracebacks import ERRORS, from_public

# dtype -> (region kind of src/regions.rs, array.array typecode)
_DTYPES = {"float64": (0, "d"), "uint32": (1, "I"), "uint8": (2, "B"), "float32": (3, "f")}
_BY_KIND = {kind: dtype for dtype, (kind, _) in _DTYPES.items()}


def _region_info(region_id: int) -> tuple[int, int]:
    """The element kind and length of a live region (outside the class: no name mangling)."""
    fn = _runtime.fn
    return int(fn.__fwRegionKind(region_id)), int(fn.__fwRegionLength(region_id))


def _region_free(region_id: int) -> None:
    _runtime.fn.__fwRegionFree(region_id)


#: Every resident array made, to move the live ones to a new instance (:func:`moved`).
_made: weakref.WeakSet[ResidentArray] = weakref.WeakSet()


class ResidentArray:
    """A 1-D array that lives in fastwasm's wasm memory (natively: in a buffer the extension
    owns), made by :func:`fastwasm.array`.

    Kernels read it in place, without copying it in, and a kernel given a resident array returns
    its array results as resident arrays, so a chain such as ``sort`` -> ``cumsum`` ->
    ``quantile`` copies nothing until its final scalar. Converting it (``tolist()``,
    ``to_array()``, ``numpy.asarray(r)``) is one copy out. Free it with :meth:`free` or a
    ``with`` block; garbage collection frees it as a fallback. After a trap re-instantiates the
    module, resident arrays of the old instance are gone: using one raises ``ValueError``.
    """

    __slots__ = ("__weakref__", "_generation", "_id", "_kind", "_length")

    def __init__(self) -> None:
        raise TypeError("ResidentArray: use fastwasm.array(data, dtype) to make one")

    @classmethod
    def _adopt(cls, region_id: int) -> ResidentArray:
        """Wraps the live resident region ``region_id`` (a kernel's result, or a new region)."""
        self = object.__new__(cls)
        self._id = region_id
        self._kind, self._length = _region_info(region_id)
        self._generation = _runtime.instantiations
        _made.add(self)
        return self

    @property
    def dtype(self) -> str:
        """Element type: ``"float64"``, ``"uint32"``, ``"uint8"`` or ``"float32"``."""
        return _BY_KIND[self._kind]

    @property
    def freed(self) -> bool:
        """Whether :meth:`free` was called (or the module was re-instantiated since)."""
        return self._id == 0 or self._generation != _runtime.instantiations

    def _live_id(self, func: str, arg: str) -> int:
        """The region id, or ``ValueError`` naming ``func`` and ``arg`` if it was freed
        (``RuntimeError`` if the threaded instance trapped)."""
        if _runtime.dead is not None:
            raise RuntimeError(f"{func}: {_runtime.dead}")
        if self.freed:
            raise ValueError(
                f"{func}: {arg} is a ResidentArray that was freed "
                "(or belongs to a re-instantiated module)"
            )
        return self._id

    def __len__(self) -> int:
        return self._length

    def _view(self, func: str) -> Any:
        return _runtime.region_view(self._live_id(func, "self"))

    def to_array(self, typecode: str | None = None) -> array.array[Any]:
        """A copy as an ``array.array`` (typecode ``"d"``, ``"I"``, ``"B"`` or ``"f"`` by dtype, or the
        given ``typecode``, converting the values)."""
        try:
            own = _DTYPES[self.dtype][1]
            out = array.array(own, [0]) * self._length
            if self._length:
                self._view("ResidentArray.to_array").assign_to(out)
            if typecode is None or typecode == own:
                return out
            return array.array(typecode, out)
        except ERRORS as err:
            raise from_public(err)

    def tolist(self) -> list[Any]:
        """A copy as a list of float (or int for the integer dtypes)."""
        try:
            return self.to_array().tolist()
        except ERRORS as err:
            raise from_public(err)

    def __array__(self, dtype: Any = None, copy: Any = None) -> Any:
        np = sys.modules["numpy"]
        out = np.frombuffer(self.to_array(), dtype=np.dtype(self.dtype))
        return out if dtype is None else out.astype(dtype)

    def free(self) -> None:
        """Frees the wasm memory; later use raises ``ValueError``. Freeing twice does nothing."""
        if not self.freed:
            _region_free(self._id)
        self._id = 0

    def __enter__(self) -> ResidentArray:
        return self

    def __exit__(self, *exc: object) -> None:
        self.free()

    def __del__(self) -> None:
        try:
            self.free()
        except Exception:  # noqa: BLE001 - interpreter shutdown: nothing left to free
            pass

    def __repr__(self) -> str:
        if self.freed:
            return f"ResidentArray(<freed>, dtype={self.dtype!r})"
        values = self.tolist() if self._length <= 6 else [*self.tolist()[:3], "...", *self.tolist()[-3:]]
        return f"ResidentArray({values}, dtype={self.dtype!r})".replace("'...'", "...")


def new(func: str, data: Any, dtype: str) -> ResidentArray:
    """A new ``ResidentArray`` of ``dtype`` holding ``data`` (converted as the kernels convert
    their inputs; one copy into wasm memory)."""
    from ._convert import call, f64_buffer

    if not isinstance(dtype, str):
        raise TypeError(f"{func}: dtype must be a str, got {type(dtype).__qualname__}")
    if dtype not in _DTYPES:
        raise ValueError(f'{func}: dtype must be "float64", "uint32", "uint8" or "float32", got {dtype!r}')
    kind, typecode = _DTYPES[dtype]
    buf = f64_buffer(func, "data", data)
    if typecode == "f":
        buf = memoryview(array.array("f", buf))  # rounded to float32, infinities beyond its range
    elif typecode != "d":
        try:
            buf = memoryview(array.array(typecode, map(int, buf.tolist())))
        except (OverflowError, ValueError):
            raise ValueError(f"{func}: data holds values outside the range of {dtype} or not finite") from None
    region_id, view = call(func, _runtime.region_new, kind, len(buf), names={"len": "data"})
    if len(buf):
        view.assign(buf)
    return ResidentArray._adopt(region_id)


def moved(switch: Any) -> None:
    """Runs ``switch()``, which replaces the instance (``fastwasm.enable_threads``), and moves the
    live resident arrays to the new instance: their values are copied out before and into new
    regions after, so they stay usable."""
    from ._convert import call

    live = [(r, r.to_array()) for r in list(_made) if not r.freed]
    switch()
    for r, values in live:
        region_id, view = call("enable_threads", _runtime.region_new, r._kind, len(values))
        if len(values):
            view.assign(memoryview(values))
        r._id, r._generation = region_id, _runtime.instantiations
