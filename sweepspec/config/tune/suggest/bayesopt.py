from __future__ import annotations

from ..search import BayesOptSearch

__all__ = ["BayesOptSearch"]
