from __future__ import annotations

from . import HyperOptSearch

__all__ = ["HyperOptSearch"]
