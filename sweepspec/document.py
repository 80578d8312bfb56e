"""The loaded document, and the limits every way of loading one holds to.

Both loaders (``sweepspec.loader``'s plain path and ``sweepspec.roundtrip``) build these.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Span
from .emit import diagnostic
from .sourcemap import SourceMap, source_lines

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Beyond these, a document is refused before validation (code Y010). They bound the work that an
# alias bomb or a pathological file can cause; a real sweep file is far below all three (the
# largest in the shared corpus is 1.3 kB). docs/limits.md gives the time and memory they allow.
MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 100
# A Python source's comprehension or loop over static values is unrolled, element by element,
# to at most this many elements in all (nested ones multiply); a larger one is named (X003) and
# not unrolled: a space of more parameters or options than this is no space a sweep runs.
MAX_UNROLLED = 10_000


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded file: its data (``None`` when it could not be loaded), spans and load findings."""

    file: str
    text: str
    data: Any
    spans: SourceMap
    diagnostics: tuple[Diagnostic, ...] = ()
    fatal: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def too_large(size: int, file: str, unit: str = "bytes") -> Diagnostic | None:
    """Y010 for input over MAX_BYTES (``size`` in bytes, or characters for text)."""
    if size <= MAX_BYTES:
        return None
    return diagnostic(
        "Y010",
        f"the file is larger than {MAX_BYTES:,} {unit} ({MAX_BYTES // 1024 // 1024} MiB), "
        "the limit for a sweep file",
        file,
        Span(1, 1, 1, 1),
        hint="a sweep file holds a search space, not data; split it, or generate it smaller",
    )


def second_document(mark: Any, file: str, text: str) -> Diagnostic:
    # on its `---`, which a second document need not have (a BOM, or `...`, may start it)
    lines = source_lines(text)
    line = lines[mark.line] if mark.line < len(lines) else ""
    width = 3 if line.startswith("---", mark.column) else 0
    return diagnostic(
        "Y008",
        "a second YAML document starts here; only the first one is checked",
        file,
        Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1 + width),
    )


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "MAX_UNROLLED",
    "Document",
    "second_document",
    "too_large",
]
