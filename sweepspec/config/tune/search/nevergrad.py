from __future__ import annotations

from . import NevergradSearch

__all__ = ["NevergradSearch"]
