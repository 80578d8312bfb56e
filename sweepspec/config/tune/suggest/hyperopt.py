from __future__ import annotations

from ..search import HyperOptSearch

__all__ = ["HyperOptSearch"]
