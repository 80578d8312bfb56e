"""Build diagnostics whose severity comes from the code registry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .codes import BY_ID
from .diagnostics import Diagnostic, JsonPath, Related, Severity, Span

if TYPE_CHECKING:
    from .loader import Document


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


class Locator:
    """Places findings on a document's nodes: on the value at a path, or on its key."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def at_value(self, code: str, message: str, path: JsonPath, **extra: Any) -> Diagnostic:
        """A finding on the value at ``path``; ``extra``: ``hint``, ``severity``, ``related``."""
        return diagnostic(
            code, message, self.doc.file, self.doc.spans.value(path), path=path, **extra
        )

    def at_key(self, code: str, message: str, path: JsonPath, **extra: Any) -> Diagnostic:
        """A finding on the key at ``path`` (the value's place where there is no key)."""
        return diagnostic(
            code, message, self.doc.file, self.doc.spans.key(path), path=path, **extra
        )
