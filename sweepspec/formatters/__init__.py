"""Output formats: pure functions from diagnostics to text, chosen by name.

Each lives in a module of its own, imported when it is chosen: a `check` that prints text loads
no JSON, SARIF or hashing code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..diagnostics import Diagnostic

Formatter = Callable[[Sequence[Diagnostic]], str]

# each the name of the module of this package whose `format_diagnostics` it is
_NAMES = ("text", "json", "github", "sarif", "gitlab")


class _Registry(Mapping[str, Formatter]):
    """The formatters by name; a formatter's module is imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        if name not in _NAMES:
            raise KeyError(name)
        module = importlib.import_module(f".{name}", __name__)
        formatter: Formatter = module.format_diagnostics
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


FORMATTERS: Mapping[str, Formatter] = _Registry()


def choose(name: str, environ: Mapping[str, str]) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` elsewhere."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


__all__ = ["FORMATTERS", "Formatter", "choose"]
