"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Escaping follows actions/toolkit ``packages/core/src/command.ts``: ``escapeData`` for the message
and ``escapeProperty`` (which also escapes ``:`` and ``,``) for property values.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..diagnostics import Diagnostic, Severity
from .escape import printable
from .paths import relative

_BREAKS = "\r\n"
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
    joined = ",".join(f"{key}={escape_property(printable(value))}" for key, value in props.items())
    # GitHub shows an escaped line break (%0A) as one, inside the annotation; any other
    # control character (ESC colouring the log) is written as its escape
    message = printable(d.message, _BREAKS)
    if d.hint:
        message += f"\nhint: {printable(d.hint, _BREAKS)}"
    return f"::{_LEVEL[d.severity]} {joined}::{escape_data(message)}"


def format_diagnostics(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(format_diagnostic(d) + "\n" for d in diagnostics)
