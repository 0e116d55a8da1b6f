"""Tracebacks that end in the public function the user called.

An argument error is raised deep inside the package (``_convert.call``, a converter, a resident
array check), so its traceback would show several internal frames below the function the user
called. Each public function catches the errors below and re-raises them with
:func:`from_public`, so a notebook or console shows one fastwasm frame: the function called.
"""

from __future__ import annotations

import os
from types import TracebackType

# The package's own directory: frames of files in it are internal.
_PACKAGE = os.path.dirname(os.path.abspath(__file__)) + os.sep

#: What fastwasm raises for a bad call: bad types, bad values or shapes, failed allocations, and
#: a trapped or refused call (``RuntimeError``). Other exceptions keep their whole traceback.
ERRORS = (TypeError, ValueError, MemoryError, RuntimeError)


def _internal(tb: TracebackType) -> bool:
    return tb.tb_frame.f_code.co_filename.startswith(_PACKAGE)


def from_public(err: BaseException) -> BaseException:
    """``err`` with the leading fastwasm frames dropped from its traceback, for re-raising from
    the public function that caught it (``raise from_public(err)``; the raise adds that one frame
    back). Frames outside the package, such as a user's generator that raised while being read,
    are kept. The message, cause and context are unchanged."""
    tb = err.__traceback__
    while tb is not None and _internal(tb):
        tb = tb.tb_next
    return err.with_traceback(tb)
