"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Escaping follows actions/toolkit ``packages/core/src/command.ts``: ``escapeData`` for the message
and ``escapeProperty`` (which also escapes ``:`` and ``,``) for property values.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from .paths import relative

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_diagnostic(d: Diagnostic) -> str:
    props = {
        "file": relative(d.file),
        "line": str(d.span.line),
        "col": str(d.span.column),
        "endLine": str(d.span.end_line),
        "endColumn": str(d.span.end_column),
        "title": f"sweepspec {d.code}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
    return f"::{_LEVEL[d.severity]} {joined}::{escape_data(message)}"


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)
