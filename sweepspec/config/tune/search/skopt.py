from __future__ import annotations

from . import SkOptSearch

__all__ = ["SkOptSearch"]
