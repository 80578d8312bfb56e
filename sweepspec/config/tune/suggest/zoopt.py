from __future__ import annotations

from ..search import ZOOptSearch

__all__ = ["ZOOptSearch"]
