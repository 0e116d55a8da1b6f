"""float32 in, float32 out, as numpy does: matmul, convolve, fft and ifft compute in float32 when
every array input is float32 (array('f'), float32 buffers and numpy arrays, numpy complex64, JS
Float32Array, float32 resident arrays), and in float64 for any other mix. Values are checked
against the naive float64 references (naive.py) within float32 tolerance."""

import array
import math
import random
import struct
import sys

import pytest
from backends import js, wasm_only

import fastwasm
import stand_in_numpy
from naive import naive_convolve, naive_dft, naive_idft, naive_matmul
from stand_in_numpy import FakeArray

RNG = random.Random(32)
# float32 has a 24-bit significand: relative error per operation 2**-24, so a few ulps of the
# largest term over sums of tens of terms.
TOL = 1e-5


def f32(v):
    """``v`` rounded to float32."""
    return struct.unpack("f", struct.pack("f", v))[0]


def is_f32(v):
    return f32(v) == v or math.isnan(v)


def randoms(n):
    """``n`` random float32 values in [-1, 1] (as Python floats, exactly representable)."""
    return [f32(RNG.uniform(-1, 1)) for _ in range(n)]


def close(got, want, scale):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert abs(g - w) <= TOL * scale, (got, want)


@pytest.fixture
def fake_numpy(monkeypatch):
    np = stand_in_numpy.module()
    monkeypatch.setitem(sys.modules, "numpy", np)
    return np


# --- matmul ----------------------------------------------------------------------------------


def test_matmul_of_float32_rows_is_float32():
    a, b = [randoms(5) for _ in range(3)], [randoms(4) for _ in range(5)]
    want = naive_matmul(a, b)
    got = fastwasm.matmul([array.array("f", r) for r in a], [array.array("f", r) for r in b])
    assert type(got) is list and len(got) == 3
    for g, w in zip(got, want):
        assert all(type(v) is float and is_f32(v) for v in g)
        close(g, w, 5)
    # A 2-D float32 memoryview too.
    flat = array.array("f", [v for r in a for v in r])
    two_d = memoryview(flat).cast("B").cast("f", (3, 5))
    assert fastwasm.matmul(two_d, [array.array("f", r) for r in b]) == got


def test_matmul_of_mixed_inputs_is_float64():
    # 0.1 * 3 in float64 is 0.30000000000000004, which no float32 is.
    assert fastwasm.matmul([[0.1]], [array.array("f", [3.0])]) == [[0.1 * 3]]
    assert fastwasm.matmul([array.array("f", [3.0])], [array.array("d", [0.1])]) == [[0.1 * 3]]
    assert fastwasm.matmul([array.array("f", [0.5])], [array.array("f", [3.0])]) == [[1.5]]


def test_matmul_numpy_float32(fake_numpy):
    a = FakeArray([1, 2, 3, 4, 5, 6], (2, 3), "float32")
    b = FakeArray([1, 0, 0, 1, 1, 1], (3, 2), "float32")
    p = fastwasm.matmul(a, b)
    assert type(p) is FakeArray and p.dtype == "float32" and p.shape == (2, 2)
    assert p.data == [4.0, 5.0, 10.0, 11.0]
    mixed = fastwasm.matmul(a, FakeArray([1, 0, 0, 1, 1, 1], (3, 2)))
    assert mixed.dtype == "float64" and mixed.data == [4.0, 5.0, 10.0, 11.0]


def test_matmul_float32_errors_name_matmul():
    with pytest.raises(ValueError, match=r"^matmul: a has 2 columns but b has 1 rows"):
        fastwasm.matmul([array.array("f", [1, 2])], [array.array("f", [1, 2])])
    # Ragged float32 rows fall back to the float64 checks, which name the row.
    with pytest.raises(ValueError, match=r"^matmul: a must be a rectangular 2-D array"):
        fastwasm.matmul([array.array("f", [1, 2]), array.array("f", [1])], [[1], [1]])


# --- convolve --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_convolve_of_float32_buffers_is_float32(mode):
    a, v = randoms(40), randoms(7)
    got = fastwasm.convolve(array.array("f", a), array.array("f", v), mode)
    assert type(got) is array.array and got.typecode == "f"
    close(got, naive_convolve(a, v, mode), 7)


@wasm_only("a JS value as input")
def test_convolve_of_a_js_float32_array_is_float32():
    a, v = randoms(40), randoms(7)
    got = fastwasm.convolve(js.Float32Array.new(a), memoryview(array.array("f", v)))
    assert type(got) is array.array and got.typecode == "f"
    assert got == fastwasm.convolve(array.array("f", a), array.array("f", v))


def test_convolve_of_mixed_inputs_is_float64():
    got = fastwasm.convolve(array.array("f", [1.0]), array.array("d", [0.1]))
    assert got.typecode == "d" and got.tolist() == [0.1]
    assert fastwasm.convolve(array.array("f", [1.0]), [0.1]).tolist() == [0.1]
    assert fastwasm.convolve([1.0], array.array("f", [0.5])) == [0.5]


def test_convolve_of_resident_float32_is_resident_float32():
    a, v = randoms(10), randoms(3)
    with fastwasm.array(a, "float32") as ra, fastwasm.array(v, "float32") as rv:
        assert ra.dtype == "float32" and ra.tolist() == a
        out = fastwasm.convolve(ra, rv)
        assert type(out) is fastwasm.ResidentArray and out.dtype == "float32"
        close(out.tolist(), naive_convolve(a, v), 3)
        out.free()
        # A float32 staged input counts as float32 too; a float64 resident one makes it float64.
        assert fastwasm.convolve(ra, array.array("f", v)).dtype == "float32"
        with fastwasm.array(v) as rv64:
            mixed = fastwasm.convolve(ra, rv64)
            assert mixed.dtype == "float64"
            mixed.free()


def test_convolve_numpy_float32(fake_numpy):
    got = fastwasm.convolve(FakeArray([1, 2, 3], None, "float32"), FakeArray([1, 1], None, "float32"))
    assert type(got) is FakeArray and got.dtype == "float32" and got.data == [1.0, 3.0, 5.0, 3.0]
    mixed = fastwasm.convolve(FakeArray([1, 2, 3], None, "float32"), array.array("d", [1, 1]))
    assert mixed.dtype == "float64"


def test_convolve_float32_errors_name_convolve():
    with pytest.raises(ValueError, match=r"^convolve: a must not be empty$"):
        fastwasm.convolve(array.array("f"), array.array("f", [1]))
    with pytest.raises(ValueError, match=r'^convolve: mode must be "full", "same" or "valid", got "xyz"$'):
        fastwasm.convolve(array.array("f", [1]), array.array("f", [1]), "xyz")


# --- fft and ifft ----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 5, 16, 45, 64])
def test_fft_of_float32_is_float32(n):
    x = randoms(n)
    got = fastwasm.fft(array.array("f", x))
    assert type(got) is list and all(type(z) is complex for z in got)
    assert all(is_f32(z.real) and is_f32(z.imag) for z in got)
    want = naive_dft(x)
    close([z.real for z in got], [w.real for w in want], n)
    close([z.imag for z in got], [w.imag for w in want], n)
    back = fastwasm.ifft(array.array("f", x))
    want_back = naive_idft(x)
    assert all(is_f32(z.real) and is_f32(z.imag) for z in back)
    close([z.real for z in back], [w.real for w in want_back], 1)
    with fastwasm.array(x, "float32") as r:
        assert fastwasm.fft(r) == got
        assert fastwasm.ifft(r) == back


def test_fft_of_float64_is_float64():
    # 0.1 is no float32: the float64 path keeps it exactly.
    assert fastwasm.fft(array.array("d", [0.1])) == [0.1 + 0j]
    assert fastwasm.fft([0.1]) == [0.1 + 0j]
    assert fastwasm.fft(array.array("f", [0.1])) == [f32(0.1) + 0j]


def test_fft_numpy_float32_and_complex64(fake_numpy):
    real = fastwasm.fft(FakeArray([1.0, 1.0], None, "float32"))
    assert type(real) is FakeArray and real.dtype == "complex64" and real.data == [2 + 0j, 0j]
    x = FakeArray([1 + 1j, 0j, 0j, 0j], None, "complex64")
    spectrum = fastwasm.fft(x)
    assert spectrum.dtype == "complex64" and spectrum.data == [1 + 1j] * 4
    back = fastwasm.ifft(spectrum)
    assert back.dtype == "complex64" and back.data == [1 + 1j, 0j, 0j, 0j]
    # complex128 and float64 stay double precision.
    assert fastwasm.fft(FakeArray([1 + 1j, 0j], None, "complex128")).dtype == "complex128"
    assert fastwasm.ifft(FakeArray([1.0, 0.0], None, "float64")).dtype == "complex128"


def test_fft_float32_errors_name_the_function():
    with pytest.raises(ValueError, match=r"^fft: x must not be empty$"):
        fastwasm.fft(array.array("f"))
    with pytest.raises(ValueError, match=r"^ifft: x must not be empty$"):
        fastwasm.ifft(array.array("f"))


def test_float32_inputs_unchanged_and_results_own_memory():
    a = array.array("f", randoms(9))
    v = array.array("f", randoms(4))
    before = (a.tolist(), v.tolist())
    first = fastwasm.convolve(a, v)
    fastwasm.convolve(array.array("f", [1 - 2 * x for x in a]), array.array("f", [1 - 2 * x for x in v]))
    assert (a.tolist(), v.tolist()) == before
    assert first == fastwasm.convolve(a, v)
    spectrum = fastwasm.fft(a)
    fastwasm.fft(array.array("f", [1 - 2 * x for x in a]))
    assert spectrum == fastwasm.fft(a) and a.tolist() == before[0]
