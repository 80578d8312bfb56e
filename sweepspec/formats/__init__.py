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


# Top-level keys under which projects keep a W&B sweep inside a larger configuration file
# (`sweep:` beside a Hydra or training config, `sweep_config:` as passed to `wandb.sweep`).
WRAPPERS = ("sweep", "sweep_config", "sweep_configuration", "wandb_sweep")


def wrapper_key(data: Any) -> str | None:
    """The top-level key holding a W&B sweep, in a file that is not itself a sweep file."""
    if not isinstance(data, Mapping) or detect(data) is not None:
        return None
    for key in WRAPPERS:
        if detect(data.get(key)) == "wandb":
            return key
    return None
