"""The formats sweepspec reads and writes, each a spoke around the spec."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMAT_IDS: tuple[str, ...] = ("spec", "wandb", "wandb-tune", "hyperopt")


def detect(data: Any) -> str | None:
    """The format of a loaded YAML document, from its top-level keys."""
    if not isinstance(data, Mapping):
        return None
    if "sweepspec" in data:
        return "spec"
    if "tune" in data:
        return "wandb-tune"
    if "method" in data or "parameters" in data:
        return "wandb"
    return None
