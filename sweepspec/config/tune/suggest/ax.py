from __future__ import annotations

from ..search import AxSearch

__all__ = ["AxSearch"]
