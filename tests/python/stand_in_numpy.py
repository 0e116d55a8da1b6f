"""A minimal stand-in for numpy (numpy is not available in Pyodide here): the few functions and
the array attributes fastwasm uses, enough to test that numpy inputs give numpy results of the
right dtype and shape. Install it with ``monkeypatch.setitem(sys.modules, "numpy", module())``."""

import array
import types

# Element types by dtype name: the array.array typecode, and the value conversion.
_TYPECODES = {"float64": "d", "float32": "f", "uint8": "B", "uint32": "I"}
_CONVERT = {"complex128": complex, "complex64": complex, "float64": float, "float32": float}


class FakeArray:
    """A minimal stand-in for numpy.ndarray: flat data, a shape and a dtype name."""

    __module__ = "numpy"

    def __init__(self, data, shape=None, dtype="float64"):
        self.data = list(data)
        self.shape = tuple(shape) if shape is not None else (len(self.data),)
        self.dtype = dtype

    @property
    def ndim(self):
        return len(self.shape)

    @property
    def real(self):
        part = "float32" if self.dtype in ("complex64", "float32") else "float64"
        return FakeArray([complex(v).real for v in self.data], self.shape, part)

    @property
    def imag(self):
        part = "float32" if self.dtype in ("complex64", "float32") else "float64"
        return FakeArray([complex(v).imag for v in self.data], self.shape, part)

    def reshape(self, shape):
        return FakeArray(self.data, shape, self.dtype)


class Contiguous(array.array):
    """What ``ascontiguousarray`` returns: a buffer with numpy's ``ndim`` and ``shape``."""


def module():
    """A new stand-in numpy module."""

    def ascontiguousarray(x, dtype=None):
        dtype = dtype or x.dtype
        assert dtype in _TYPECODES, dtype
        result = Contiguous(_TYPECODES[dtype], x.data)
        result.ndim, result.shape = x.ndim, x.shape
        return result

    def np_array(view, dtype):
        return FakeArray(map(_CONVERT.get(dtype, int), view.tolist()), None, dtype)

    def frombuffer(buffer, dtype):
        view = memoryview(buffer)
        if dtype in ("complex128", "complex64"):
            assert view.format == ("d" if dtype == "complex128" else "f"), (view.format, dtype)
            flat = view.tolist()
            return FakeArray(map(complex, flat[0::2], flat[1::2]), None, dtype)
        assert view.format == _TYPECODES[dtype], (view.format, dtype)
        return FakeArray(view.tolist(), None, dtype)

    np = types.ModuleType("numpy")
    for name in ("float64", "float32", "complex128", "complex64", "uint8", "uint32", "int64", "intp"):
        setattr(np, name, name)
    np.ascontiguousarray = ascontiguousarray
    np.array = np_array
    np.frombuffer = frombuffer
    np.iscomplexobj = lambda x: x.dtype in ("complex128", "complex64")
    return np
