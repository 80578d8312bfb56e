from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    """The installed distribution's version, from its metadata (pyproject.toml is the source)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sweepspec")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
