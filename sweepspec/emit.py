"""Build diagnostics whose severity comes from the code registry."""

from __future__ import annotations

from .diagnostics import Diagnostic, Edit, Fix, JsonPath, Related, Severity, Span
from .sourcemap import TranslatedMap

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from .loader import Document


def kind(value: Any) -> str:
    """What a loaded value is, in the words of the messages: "a mapping", "an integer"."""
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return "a boolean"
    if value is None:
        return "null"
    for type_, name in (
        (dict, "a mapping"),
        (list, "a list"),
        (str, "a string"),
        (int, "an integer"),
        (float, "a number"),
    ):
        if isinstance(value, type_):
            return name
    import datetime  # dates are rare: the import waits for one

    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return type(value).__name__


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
    fix: Fix | None = None,
) -> Diagnostic:
    """A diagnostic for a registered ``code``, with the code's default severity unless given."""
    from .codes import BY_ID  # the registry loads with the first finding

    return Diagnostic(
        code=code,
        severity=severity if severity is not None else BY_ID[code].severity,
        message=shorten(message),
        file=file,
        span=span,
        path=path,
        hint=None if hint is None else shorten(hint),
        related=related,
        fix=fix,
    )


# Messages quote keys and values of the file; a 1 MB key must not make a 1 MB line of output.
MAX_MESSAGE = 1000


def shorten(text: str) -> str:
    """``text``, with its middle left out if it is longer than ``MAX_MESSAGE`` characters."""
    if len(text) <= MAX_MESSAGE:
        return text
    keep = MAX_MESSAGE // 2 - 20
    return f"{text[:keep]} ...({len(text) - 2 * keep:,} characters)... {text[-keep:]}"


class Locator:
    """Places findings on a document's nodes: on the value at a path, or on its key."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def at_value(self, code: str, message: str, path: JsonPath, **extra: Any) -> Diagnostic:
        """A finding on the value at ``path``; ``extra``: ``hint``, ``severity``, ``related``."""
        return diagnostic(
            code, message, self.doc.file, self.doc.spans.value(path), path=path, **extra
        )

    def key_edit(self, path: JsonPath, text: str) -> Edit | None:
        """An edit that rewrites the key at ``path``: ``None`` where the file has no such key
        of its own (a path found through a translation or an ancestor) or it spans lines."""
        spans = self.doc.spans
        if isinstance(spans, TranslatedMap) or not spans.has_key(path):
            return None
        span = spans.key(path)
        return Edit(span, text) if span.line == span.end_line else None

    def value_edit(self, path: JsonPath, text: str) -> Edit | None:
        """An edit that rewrites the scalar at ``path`` (``None`` as for ``key_edit``)."""
        spans = self.doc.spans
        if isinstance(spans, TranslatedMap) or path not in spans:
            return None
        span = spans.value(path)
        return Edit(span, text) if span.line == span.end_line else None

    def at_key(self, code: str, message: str, path: JsonPath, **extra: Any) -> Diagnostic:
        """A finding on the key at ``path`` (the value's place where there is no key)."""
        return diagnostic(
            code, message, self.doc.file, self.doc.spans.key(path), path=path, **extra
        )
