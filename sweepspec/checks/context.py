from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any

from ..emit import Locator
from ..loader import Document
from ..space import SPACE_KEY, Parameter, iter_parameters


class Context(Locator):
    """What every check needs: the document, and the parameters of its space, read once."""

    def __init__(self, doc: Document, targets: tuple[str, ...] = ()) -> None:
        super().__init__(doc)
        self.targets = targets
        """Targets asked for by the caller (``--target``), besides the file's own list."""
        self.data: Mapping[str, Any] = doc.data if isinstance(doc.data, Mapping) else {}

    @cached_property
    def parameters(self) -> list[Parameter]:
        return list(iter_parameters(self.data.get(SPACE_KEY)))


def is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and not _scalar_bool(value)
    )


def _scalar_bool(value: Any) -> bool:
    return type(value).__name__ == "ScalarBoolean"
