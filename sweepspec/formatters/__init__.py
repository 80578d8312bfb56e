"""Output formats: pure functions from diagnostics to text, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..diagnostics import Diagnostic
from . import json as json_format
from . import text

Formatter = Callable[[Sequence[Diagnostic]], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.format_diagnostics,
    "json": json_format.format_diagnostics,
}

__all__ = ["FORMATTERS", "Formatter"]
