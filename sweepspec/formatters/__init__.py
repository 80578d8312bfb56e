"""Output formats: pure functions from diagnostics to text, chosen by name.

Each lives in a module of its own, imported when it is chosen: a `check` that prints text loads
no JSON, SARIF or hashing code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..diagnostics import Diagnostic

Formatter = Callable[[Sequence[Diagnostic]], str]

# name -> the module (in this package) whose `format_diagnostics` it is
_MODULES = {
    "text": "text",
    "json": "json",
    "github": "github",
    "sarif": "sarif",
    "gitlab": "gitlab",
}


class _Registry(Mapping[str, Formatter]):
    """The formatters by name; a formatter's module is imported on first use."""

    def __getitem__(self, name: str) -> Formatter:
        module = importlib.import_module(f".{_MODULES[name]}", __name__)
        formatter: Formatter = module.format_diagnostics
        return formatter

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATTERS: Mapping[str, Formatter] = _Registry()


def choose(name: str, environ: Mapping[str, str]) -> str:
    """``auto`` is ``github`` inside GitHub Actions and ``text`` elsewhere."""
    if name != "auto":
        return name
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


__all__ = ["FORMATTERS", "Formatter", "choose"]
