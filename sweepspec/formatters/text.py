"""``path:line:col: severity CODE message``, one finding per line, hints indented below."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..diagnostics import Diagnostic


def format_diagnostic(d: Diagnostic) -> str:
    line = f"{d.file}:{d.line}:{d.column}: {d.severity.value} {d.code} {d.message}"
    if d.hint:
        line += f"\n    hint: {d.hint}"
    return line


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)


def summary(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    files = f"{files_checked} file{'s' if files_checked != 1 else ''}"
    if not diagnostics:
        return f"All checks passed ({files} checked)."
    counts = Counter(d.severity.value for d in diagnostics)
    parts = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items())]
    return f"Found {', '.join(parts)} in {files} checked."
