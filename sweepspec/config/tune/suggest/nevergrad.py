from __future__ import annotations

from ..search import NevergradSearch

__all__ = ["NevergradSearch"]
