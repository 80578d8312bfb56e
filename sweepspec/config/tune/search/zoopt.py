from __future__ import annotations

from . import ZOOptSearch

__all__ = ["ZOOptSearch"]
