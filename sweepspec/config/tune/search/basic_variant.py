from __future__ import annotations

from . import BasicVariantGenerator

__all__ = ["BasicVariantGenerator"]
