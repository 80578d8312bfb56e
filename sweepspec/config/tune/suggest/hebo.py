from __future__ import annotations

from ..search import HEBOSearch

__all__ = ["HEBOSearch"]
