from __future__ import annotations

from . import OptunaSearch

__all__ = ["OptunaSearch"]
