"""Settings of fastwasm's offline notebook site (build/lite), applied when a kernel starts.

scripts/build_lite.py packs this package into a wheel that the kernel's Pyodide loads at start
(``loadPyodideOptions.packages``) and points ``PYTHONSTARTUP`` at :mod:`.startup`, which the
kernel's IPython runs before the first cell. :func:`configure` then makes two things say what
this site is:

- ``micropip.install`` looks packages up in the site's own piplite index (``pypi/all.json``) and
  in Pyodide's lock, as ``%pip install`` does, and never in the public package index: no call
  reaches the internet, and a package the site does not ship fails (from either) with a
  ``ValueError`` naming the packages it does ship.
- ``import numpy`` raises ``ModuleNotFoundError`` saying that this site has no numpy and that
  fastwasm works without it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

#: The message of ``import numpy`` on this site.
NO_NUMPY = (
    "No module named 'numpy': this offline notebook site ships no numpy (nor packages that need "
    "it). fastwasm works without numpy: pass lists, array.array or bytes, and results come back "
    "as lists, array.array or bytearray."
)


# The kernel's piplite lookup, wrapped by query_site_index (set by configure).
_piplite_query: Any = None


class NoNumpy(MetaPathFinder):
    """The last finder on ``sys.meta_path``: ``numpy`` (and its submodules), which no other
    finder found, raises ``ModuleNotFoundError`` with :data:`NO_NUMPY`."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "numpy" or fullname.startswith("numpy."):
            raise ModuleNotFoundError(NO_NUMPY, name=fullname)
        return None


def site_packages() -> list[str]:
    """Names of the projects in the site's piplite index(es) read so far, sorted."""
    from piplite import piplite

    return sorted({name for index in piplite._PIPLITE_INDICES.values() for name in index})


async def query_site_index(
    name: str,
    index_urls: list[str] | str | None = None,
    *,
    compat_layer: Any,
    fetch_kwargs: dict[str, Any] | None = None,
) -> Any:
    """micropip's package lookup (``micropip.package_index.query_package``) on this site: the
    kernel's piplite lookup of the site's index, with its "PyPI fallback is disabled" error
    replaced by one that says what the site has."""
    from piplite import piplite

    try:
        return await _piplite_query(
            name, index_urls, compat_layer=compat_layer, fetch_kwargs=fetch_kwargs
        )
    except piplite.PiplitePyPIDisabled:
        raise ValueError(
            f"{name!r} is not on this offline notebook site: micropip installs only the packages "
            f"in the site's index ({', '.join(site_packages()) or 'none'}) and in Pyodide's lock "
            "(micropip.list()), never from the internet."
        ) from None


def configure() -> None:
    """Points micropip at the site's index and installs the numpy message (idempotent)."""
    global _piplite_query
    import micropip.package_index
    from piplite import piplite

    if _piplite_query is None:
        _piplite_query = piplite._query_package
    # The kernel sets this from jupyter-lite.json's disablePyPIFallback; the site always sets it.
    piplite._PIPLITE_DISABLE_PYPI = True
    # micropip resolves every requirement through this module attribute; %pip install sets it to
    # piplite's lookup for the length of the install, so that lookup is replaced too.
    micropip.package_index.query_package = query_site_index
    piplite._query_package = query_site_index
    if not any(isinstance(finder, NoNumpy) for finder in sys.meta_path):
        sys.meta_path.append(NoNumpy())
