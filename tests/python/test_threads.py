"""``fastwasm.enable_threads()`` and ``fastwasm.threads()`` where the tests run: Pyodide in Node
(the wasm backend, which cannot start a pool there: Node has no Web Workers) and CPython (the
native backend, whose kernels always use rayon's pool). The browser, where the wasm backend starts
its pool, is tests/e2e/threads.test.mjs.

``enable_threads`` is a coroutine; where it returns without waiting (both hosts here), driving it
one step gives its result, so the tests need no event loop.
"""

import dataclasses
import os

import pytest
from backends import native_only, wasm_only

import fastwasm


def run(coro):
    """The result of a coroutine that finishes without waiting for anything."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise AssertionError("the coroutine waited for something")


@wasm_only("Node is the only host without threads the wasm tests run in")
def test_in_node_threads_are_refused_with_the_reason():
    reason = "Pyodide runs in Node.js here, which has no Web Workers for fastwasm's thread pool"
    assert fastwasm.threads() == fastwasm.ThreadsStatus(enabled=False, count=1, reason=reason)
    assert run(fastwasm.enable_threads()) is False
    assert run(fastwasm.enable_threads(2)) is False
    status = fastwasm.threads()
    assert status == fastwasm.ThreadsStatus(enabled=False, count=1, reason=reason)
    assert str(status) == f"fastwasm runs single-threaded: {reason}"
    assert fastwasm.sort([3.0, 1.0, 2.0]) == [1.0, 2.0, 3.0]


@native_only("rayon's pool exists only in the native extension")
def test_natively_the_kernels_use_rayons_pool():
    # rayon's default is the CPUs this process may run on (std's available_parallelism).
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = int(os.environ.get("RAYON_NUM_THREADS") or cpus)
    status = fastwasm.threads()
    assert status == fastwasm.ThreadsStatus(enabled=True, count=count, reason="")
    assert str(status) == f"fastwasm uses {count} threads"
    assert run(fastwasm.enable_threads()) is True
    assert run(fastwasm.enable_threads(count)) is True
    with pytest.raises(ValueError, match=rf"^enable_threads: n is {count + 1}, but fastwasm's pool already has {count} threads and cannot be resized"):
        run(fastwasm.enable_threads(count + 1))


@pytest.mark.parametrize(
    ("n", "error", "message"),
    [
        ("2", TypeError, "enable_threads: n must be an int or None, got str"),
        (2.0, TypeError, "enable_threads: n must be an int or None, got float"),
        (True, TypeError, "enable_threads: n must be an int or None, got bool"),
        (0, ValueError, "enable_threads: n must be between 1 and 256, got 0"),
        (-3, ValueError, "enable_threads: n must be between 1 and 256, got -3"),
        (257, ValueError, "enable_threads: n must be between 1 and 256, got 257"),
    ],
)
def test_a_bad_n_is_refused_before_anything_starts(n, error, message):
    before = fastwasm.threads()
    with pytest.raises(error) as info:
        run(fastwasm.enable_threads(n))
    assert str(info.value) == message
    assert fastwasm.threads() == before


def test_the_status_is_a_frozen_record():
    status = fastwasm.threads()
    assert [f.name for f in dataclasses.fields(status)] == ["enabled", "count", "reason"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.enabled = True
    assert (status.reason == "") is status.enabled
