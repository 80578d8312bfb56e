"""Build diagnostics whose severity comes from the code registry."""

from __future__ import annotations

from .codes import BY_ID
from .diagnostics import Diagnostic, JsonPath, Related, Severity, Span


def diagnostic(
    code: str,
    message: str,
    file: str,
    span: Span,
    *,
    path: JsonPath = (),
    hint: str | None = None,
    related: tuple[Related, ...] = (),
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic for a registered ``code``, with the code's default severity unless given."""
    return Diagnostic(
        code=code,
        severity=severity if severity is not None else BY_ID[code].severity,
        message=message,
        file=file,
        span=span,
        path=path,
        hint=hint,
        related=related,
    )
