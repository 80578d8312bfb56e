from __future__ import annotations

from . import AxSearch

__all__ = ["AxSearch"]
