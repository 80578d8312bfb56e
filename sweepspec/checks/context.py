from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from functools import cached_property

from ..emit import Locator
from ..formats import TARGET_IDS
from ..loader import Document
from ..space import SPACE_KEY, Parameter, iter_parameters

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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

    @cached_property
    def all_targets(self) -> tuple[str, ...]:
        """The targets to check: those asked for, then those the file lists, each once."""
        listed = self.data.get("targets")
        own = [t for t in listed if isinstance(t, str)] if isinstance(listed, list) else []
        wanted = [*self.targets, *own]
        return tuple(dict.fromkeys(t for t in wanted if t in TARGET_IDS))


def is_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and not _scalar_bool(value)
    )


def is_finite(value: Any) -> bool:
    """Whether a number is one a float can hold: not ``.inf`` or ``.nan``, and not an integer
    of hundreds of digits, which every engine turns into a float (and ``math`` refuses)."""
    if isinstance(value, int):
        return abs(value) <= sys.float_info.max
    return math.isfinite(value)


def shorten_number(value: Any) -> str:
    """A number as a message shows it: an integer of many digits by its length."""
    if isinstance(value, int) and len(digits := str(abs(value))) > 20:
        return f"an integer of {len(digits)} digits ({str(value)[:8]}...)"
    return str(value)


def _scalar_bool(value: Any) -> bool:
    return type(value).__name__ == "ScalarBoolean"
