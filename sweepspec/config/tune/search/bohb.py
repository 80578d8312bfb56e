from __future__ import annotations

from . import TuneBOHB

__all__ = ["TuneBOHB"]
