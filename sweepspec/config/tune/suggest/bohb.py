from __future__ import annotations

from ..search import TuneBOHB

__all__ = ["TuneBOHB"]
