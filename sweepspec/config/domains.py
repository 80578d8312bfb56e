"""Search-space calls as data: what ``hp.uniform(...)`` or ``tune.uniform(...)`` was asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Domain:
    """One call: the spec distribution it means, its arguments in spec order, and a label."""

    dist: str
    args: tuple[Any, ...]
    label: str | None = None
    options: tuple[Any, ...] = field(default=())
    """For choices: the options (constants, domains or mappings)."""
    weights: tuple[float, ...] = field(default=())
