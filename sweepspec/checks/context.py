from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import diagnostic
from ..loader import Document
from ..space import SPACE_KEY, Parameter, iter_parameters


class Context:
    """What every check needs: the document, and the parameters of its space, read once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: Mapping[str, Any] = doc.data if isinstance(doc.data, Mapping) else {}

    @cached_property
    def parameters(self) -> list[Parameter]:
        return list(iter_parameters(self.data.get(SPACE_KEY)))

    def at_value(
        self,
        code: str,
        message: str,
        path: JsonPath,
        *,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return diagnostic(
            code,
            message,
            self.doc.file,
            self.doc.spans.value(path),
            path=path,
            hint=hint,
            severity=severity,
        )

    def at_key(
        self,
        code: str,
        message: str,
        path: JsonPath,
        *,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> Diagnostic:
        return diagnostic(
            code,
            message,
            self.doc.file,
            self.doc.spans.key(path),
            path=path,
            hint=hint,
            severity=severity,
        )


def is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and not _scalar_bool(value)
    )


def _scalar_bool(value: Any) -> bool:
    return type(value).__name__ == "ScalarBoolean"
