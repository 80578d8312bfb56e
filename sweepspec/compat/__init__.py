"""The compatibility tables: what each target format does with each feature of the spec.

They are the single source of truth: ``check --target``, ``sweepspec compat``, the converters'
loss reports and the docs' compatibility pages all read them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..formats import FORMATS
from .features import BY_ID as FEATURES_BY_ID
from .features import FEATURES, Feature
from .model import Row, Status, Target

# The targets are the formats of the registry that have a compatibility table, and the rows
# are their tables', in the registry's order.
TARGETS: tuple[Target, ...] = tuple(
    Target(f.id, f.title, f.summary, f.context) for f in FORMATS if f.table is not None
)
TARGET_IDS: tuple[str, ...] = tuple(t.id for t in TARGETS)
BY_TARGET: dict[str, Target] = {t.id: t for t in TARGETS}

ROWS: tuple[Row, ...] = tuple(row for f in FORMATS for row in f.rows)
_INDEX: dict[tuple[str, str, str | None], Row] = {(r.target, r.feature, r.under): r for r in ROWS}


def lookup(target: str, feature: str, context: str | None = None) -> Row:
    """The row for ``feature`` on ``target``, narrowed to ``context`` where the table has one."""
    if context is not None and (target, feature, context) in _INDEX:
        return _INDEX[(target, feature, context)]
    return _INDEX[(target, feature, None)]


def context_of(target: str, data: Mapping[str, Any]) -> str | None:
    """The context a spec runs in on ``target``: for Ray Tune, its search algorithm."""
    if BY_TARGET[target].context is None:
        return None
    search = data.get("search_alg")
    kind = search.get("type") if isinstance(search, Mapping) else None
    return kind if isinstance(kind, str) else "variant_generator"


def rows_of(target: str, *, with_context: bool = False) -> Iterator[Row]:
    """The rows of one target, in table order; context rows only when asked."""
    return (r for r in ROWS if r.target == target and (with_context or r.under is None))


__all__ = [
    "BY_TARGET",
    "FEATURES",
    "FEATURES_BY_ID",
    "ROWS",
    "TARGETS",
    "TARGET_IDS",
    "Feature",
    "Row",
    "Status",
    "Target",
    "context_of",
    "lookup",
    "rows_of",
]
