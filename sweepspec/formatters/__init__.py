"""Output formats: pure functions from diagnostics to text, chosen by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from ..diagnostics import Diagnostic
from . import github, gitlab, sarif, text
from . import json as json_format

Formatter = Callable[[Sequence[Diagnostic]], str]

FORMATTERS: dict[str, Formatter] = {
    "text": text.format_diagnostics,
    "json": json_format.format_diagnostics,
    "github": github.format_diagnostics,
    "sarif": sarif.format_diagnostics,
    "gitlab": gitlab.format_diagnostics,
}


def choose(name: str, environ: Mapping[str, str]) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` elsewhere."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


__all__ = ["FORMATTERS", "Formatter", "choose"]
