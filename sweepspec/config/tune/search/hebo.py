from __future__ import annotations

from . import HEBOSearch

__all__ = ["HEBOSearch"]
