"""The compatibility tables' types: features, statuses and rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..diagnostics import Severity


class Status(str, Enum):
    SUPPORTED = "supported"
    PARTIAL = "partial"
    PLANNED = "planned"
    INVESTIGATING = "investigating"
    UNSUPPORTED = "unsupported"
    DEPRECATED = "deprecated"

    @property
    def severity(self) -> Severity | None:
        """What using a feature of this status costs: nothing, a warning or an error."""
        return _SEVERITY[self]

    @property
    def phrase(self) -> str:
        return _PHRASE[self]


_SEVERITY = {
    Status.SUPPORTED: None,
    Status.PARTIAL: Severity.WARNING,
    Status.DEPRECATED: Severity.WARNING,
    Status.PLANNED: Severity.ERROR,
    Status.INVESTIGATING: Severity.ERROR,
    Status.UNSUPPORTED: Severity.ERROR,
}
_PHRASE = {
    Status.SUPPORTED: "supported",
    Status.PARTIAL: "only partly supported",
    Status.DEPRECATED: "deprecated",
    Status.PLANNED: "planned, not supported",
    Status.INVESTIGATING: "under investigation, not supported",
    Status.UNSUPPORTED: "not supported",
}


@dataclass(frozen=True, slots=True)
class Row:
    """What one target does with one feature.

    ``under`` narrows the row to one context of the target (Ray Tune: the search algorithm in
    use; W&B: the sweep method); a row without it holds whatever the context. ``seed_label`` is
    the row's label in the seed document's tables, for the ``wandb-tune`` target.
    """

    target: str
    feature: str
    status: Status
    reason: str
    source: str
    under: str | None = None
    seed_label: str | None = None
    note: str | None = None
    """Where the real implementation differed from what was documented."""


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    title: str
    summary: str
    context: str | None
    """What ``Row.under`` refers to for this target, in words (or ``None``)."""


def row_maker(target: str) -> Callable[..., Row]:
    """A constructor of one target's rows: ``row(feature, status, reason, source, under=...)``."""

    def row(
        feature: str,
        status: str,
        reason: str,
        source: str,
        *,
        under: str | None = None,
        seed: str | None = None,
        note: str | None = None,
    ) -> Row:
        return Row(target, feature, Status(status), reason, source, under, seed, note)

    return row
