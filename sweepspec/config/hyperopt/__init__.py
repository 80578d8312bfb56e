"""``hp``: hyperopt's twelve search-space functions, with hyperopt's signatures, as data."""

from __future__ import annotations

from . import hp

__all__ = ["hp"]
