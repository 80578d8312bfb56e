from __future__ import annotations

from . import BayesOptSearch

__all__ = ["BayesOptSearch"]
