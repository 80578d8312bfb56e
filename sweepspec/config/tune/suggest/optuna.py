from __future__ import annotations

from ..search import OptunaSearch

__all__ = ["OptunaSearch"]
