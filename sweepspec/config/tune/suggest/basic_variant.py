from __future__ import annotations

from ..search import BasicVariantGenerator

__all__ = ["BasicVariantGenerator"]
