"""A trap in the wasm instance (unreachable, out-of-bounds load, stack overflow): the Python
wrapper raises ``RuntimeError``, re-instantiates the module, and later calls give right answers.

The trap comes from the test-only export ``forceTrap`` of the build in ``build/trap/no-modules``
(``scripts/build-trap-test.sh``; tests/python/run.mjs copies it to ``/trap-build``). The test loads
this package's Python files with that build's glue and ``.wasm`` as a second package,
``fastwasm_traptest``, and calls ``forceTrap`` through ``_convert.call`` like every function does.
On the native backend there is no instance to trap: only the check that the shipped package has no
trap export runs there.
"""

import array
import importlib
import math
import shutil
import sys
from pathlib import Path

import pytest
from backends import wasm_only

import fastwasm

TRAP_BUILD = Path("/trap-build")
KINDS = ["unreachable", "outOfBounds", "stackOverflow"]
# The native extension cannot trap: a kernel returns errors, and a Rust panic is an exception.
traps = wasm_only("traps and re-instantiation happen only in the WebAssembly instance")


@pytest.fixture(scope="module")
def fw():
    if not (TRAP_BUILD / "fastwasm_bg.wasm").exists():
        pytest.fail("the trap test build is missing; build it with: bash scripts/build-trap-test.sh")
    root = Path("/tmp/trap-package")
    package = root / "fastwasm_traptest"
    shutil.rmtree(root, ignore_errors=True)
    package.mkdir(parents=True)
    for source in Path(fastwasm.__file__).parent.glob("*.py"):
        shutil.copy(source, package / source.name)
    for name in ("fastwasm_glue.js", "fastwasm_bg.wasm"):
        shutil.copy(TRAP_BUILD / name, package / name)
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module("fastwasm_traptest")
    finally:
        sys.path.remove(str(root))


def force_trap(fw, kind):
    return fw._convert.call("force_trap", fw._runtime.fn.forceTrap, kind)


def assert_kernels_work(fw):
    """Every kind of kernel gives the right answer (pure-Python references)."""
    values = [math.sin(i) * 10 for i in range(1000)]
    assert fw.sum(values) == pytest.approx(math.fsum(values), abs=1e-9)
    assert fw.sum([1.0, 2.0, 3.5]) == 6.5  # short input: crosses with the call
    assert fw.mean(array.array("d", values)) == pytest.approx(math.fsum(values) / 1000, abs=1e-12)
    assert fw.sort(values) == sorted(values)
    assert fw.matmul([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]) == [[19.0, 22.0], [43.0, 50.0]]
    spectrum = fw.fft([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    assert spectrum == [1 + 0j] * 8
    assert fw.convolve([1.0, 2.0, 3.0], [0.0, 1.0, 0.5]) == [0.0, 1.0, 2.5, 4.0, 1.5]
    assert fw.levenshtein("kitten", "sitting") == 3
    assert fw.word_counts("b a b c b a", 2) == [("b", 3), ("a", 2)]
    assert fw.primes(30) == [2, 3, 5, 7, 11, 13, 17, 19, 23, 29]
    gray = fw.grayscale(bytearray([10, 10, 10, 255] * 4), 2, 2)
    assert gray == bytearray([10, 10, 10, 255] * 4)


@traps
@pytest.mark.parametrize("kind", KINDS)
def test_a_trap_raises_runtime_error_and_reinstantiates(fw, kind):
    assert_kernels_work(fw)
    before = fw._runtime.instantiations
    old_memory = fw._runtime.exports.wasmMemory()
    with pytest.raises(RuntimeError, match=r"^force_trap: the WebAssembly instance trapped \(") as info:
        force_trap(fw, kind)
    assert "re-instantiated it, so later calls work" in str(info.value)
    assert fw._runtime.instantiations == before + 1
    assert fw._runtime.exports.wasmMemory() != old_memory
    assert_kernels_work(fw)


@traps
def test_repeated_traps_keep_recovering(fw):
    for kind in KINDS * 2:
        with pytest.raises(RuntimeError):
            force_trap(fw, kind)
        assert fw.median([3.0, 1.0, 2.0]) == 2.0
    assert_kernels_work(fw)


@traps
def test_an_ordinary_error_does_not_reinstantiate(fw):
    before = fw._runtime.instantiations
    memory = fw._runtime.exports.wasmMemory()
    with pytest.raises(ValueError, match=r"^mean: x must not be empty"):
        fw.mean([])
    with pytest.raises(ValueError, match=r"^force_trap: kind must be"):
        force_trap(fw, "nothing")
    assert fw._runtime.instantiations == before
    assert fw._runtime.exports.wasmMemory() == memory
    assert fw.mean([2.0, 4.0]) == 3.0


def test_the_shipped_package_has_no_trap_export():
    runtime = fastwasm._backend.runtime  # either backend's
    assert not hasattr(runtime.fn, "forceTrap")
    assert runtime.instantiations == 1


@traps
def test_a_trap_in_a_nested_call_fails_both_calls_and_later_calls_work(fw):
    """A callback of an argument (here ``__index__``) makes a fastwasm call that traps: that call
    raises RuntimeError naming itself, and so does the call whose argument it was converting."""
    inner = []

    class TrapsWhenConverted:
        def __index__(self):
            with pytest.raises(RuntimeError, match=r"^force_trap: the WebAssembly instance trapped") as info:
                force_trap(fw, "unreachable")
            inner.append(str(info.value))
            return 2

    before = fw._runtime.instantiations
    with pytest.raises(RuntimeError, match=r"^moving_average: the WebAssembly instance trapped in a nested"):
        fw.moving_average([1.0, 2.0, 3.0, 4.0], TrapsWhenConverted())
    assert len(inner) == 1
    assert fw._runtime.instantiations == before + 1
    assert fw.moving_average([1.0, 2.0, 3.0, 4.0], 2) == [1.5, 2.5, 3.5]
    assert_kernels_work(fw)
