from __future__ import annotations

from ..search import SkOptSearch

__all__ = ["SkOptSearch"]
