"""Threads for the kernels: ``fastwasm.enable_threads()`` and ``fastwasm.threads()``.

Under Pyodide the package starts with the single-threaded WebAssembly instance. ``enable_threads``
replaces it with the threaded build (wasm threads on a shared memory, rayon's pool of Web
Workers) where the host allows it: in a Web Worker of a cross-origin isolated page, with
``SharedArrayBuffer``. Natively the extension's kernels always use rayon's pool.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from ._backend import runtime as _runtime
from ._resident import moved

__all__ = ["ThreadsStatus", "enable_threads", "threads"]

#: Most threads a pool may have (a browser starts one Web Worker per thread).
MAX_THREADS = 256

# Why the last enable_threads() returned False, or None if it has not (yet).
_refusal: str | None = None
# The enable_threads() under way, which a concurrent call waits for instead of starting another.
_starting: asyncio.Future[bool] | None = None


@dataclass(frozen=True)
class ThreadsStatus:
    """Whether fastwasm's kernels run on several threads (:func:`threads`).

    ``enabled``: the kernels use a pool of ``count`` threads; ``count``: the threads they use (1
    when not enabled); ``reason``: why threads are not enabled, in plain words (``""`` when they
    are).
    """

    enabled: bool
    count: int
    reason: str

    def __str__(self) -> str:
        if self.enabled:
            return f"fastwasm uses {self.count} thread{'s' if self.count != 1 else ''}"
        return f"fastwasm runs single-threaded: {self.reason}"


def threads() -> ThreadsStatus:
    """Whether the kernels use threads, how many, and if not, why (the answer of the last
    :func:`enable_threads`, or what stands in its way before it is called)."""
    if _runtime.dead is not None:
        return ThreadsStatus(False, 1, _runtime.dead)
    if _runtime.threaded:
        return ThreadsStatus(True, _runtime.thread_count(), "")
    reason = _refusal
    if reason is None:
        reason = _runtime.threads_unavailable() or "threads are not enabled: call `await fastwasm.enable_threads()`"
    return ThreadsStatus(False, 1, reason)


async def enable_threads(n: int | None = None) -> bool:
    """Starts a pool of ``n`` threads for the kernels (default: the machine's logical cores) and
    returns True, or returns False where the host cannot run one (:func:`threads` says why).

    Under Pyodide this needs a Web Worker of a cross-origin isolated page with
    ``SharedArrayBuffer`` (a JupyterLite kernel, PyScript's ``worker``, a page's worker); calls
    stay synchronous, and the kernels that split their work (matmul, mandelbrot, gaussian_blur,
    sort, unique) use the pool for large inputs, with the same results bit for bit. Resident
    arrays move to the threaded instance. The pool cannot be stopped or resized: a later call
    returns the same answer. Natively, the kernels always use rayon's pool (its size is set by
    ``RAYON_NUM_THREADS``): this returns True.

    Errors: ``TypeError`` if ``n`` is not an int or None; ``ValueError`` if ``n`` is below 1 or
    above 256, or differs from the size of a pool already started.
    """
    global _refusal, _starting
    if n is not None:
        if type(n) is bool or not isinstance(n, int):
            raise TypeError(f"enable_threads: n must be an int or None, got {type(n).__qualname__}")
        if not 1 <= n <= MAX_THREADS:
            raise ValueError(f"enable_threads: n must be between 1 and {MAX_THREADS}, got {n}")
    if _runtime.dead is not None:
        return False
    if _starting is not None:
        return await asyncio.shield(_starting)
    if _runtime.threaded:
        count = _runtime.thread_count()
        if n is not None and n != count:
            raise ValueError(
                f"enable_threads: n is {n}, but fastwasm's pool already has {count} threads and "
                "cannot be resized (restart the kernel or page to change it)"
            )
        return True
    if _refusal is not None:
        return False
    count = _runtime.default_thread_count() if n is None else n
    problem = _runtime.threads_unavailable()
    if problem:
        _refusal = problem
        return False
    starting = _starting = asyncio.get_running_loop().create_future()
    try:
        try:
            threaded = await _runtime.load_threads(count)
        except RuntimeError as exc:
            _refusal = str(exc)
            ok = False
        else:
            moved(lambda: _runtime.switch_to(threaded, count))
            ok = True
        starting.set_result(ok)
        return ok
    except BaseException as exc:
        starting.set_exception(exc)
        raise
    finally:
        _starting = None
