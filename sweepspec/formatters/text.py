"""``path:line:col: severity CODE message``, one finding per line, hints indented below."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Diagnostic
from .color import paint
from .escape import printable


def format_diagnostic(d: Diagnostic, color: bool = False) -> str:
    # one finding is one line (and its hint one more), whatever the input's keys hold; the
    # file's own text is escaped before any colour is added, so it cannot add its own
    place = paint(f"{printable(d.file)}:{d.line}:{d.column}:", "place", color)
    severity = paint(d.severity.value, d.severity.value, color)
    line = f"{place} {severity} {paint(d.code, 'code', color)} {printable(d.message)}"
    if d.hint:
        line += f"\n    {paint('hint:', 'hint', color)} {printable(d.hint)}"
    return line


def format_diagnostics(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    return "".join(format_diagnostic(d, color) + "\n" for d in diagnostics)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int, unreadable: int = 0) -> str:
    """The last line of a text report. It says "passed" only when nothing was found and every
    path could be read; otherwise it counts findings, files checked and paths not read."""
    files = _plural(files_checked, "file")
    not_read = f"; {_plural(unreadable, 'path')} could not be read" if unreadable else ""
    if not diagnostics:
        if unreadable:
            return f"No findings in {files} checked{not_read}."
        return f"All checks passed ({files} checked)."
    counts = Counter(d.severity.value for d in diagnostics)
    parts = [_plural(n, sev) for sev, n in sorted(counts.items())]
    return f"Found {', '.join(parts)} in {files} checked{not_read}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"
