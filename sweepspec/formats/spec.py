"""The spec as a format of the registry, and how each YAML format is recognised."""

from __future__ import annotations

from collections.abc import Mapping

from ..loader import Document
from .model import Reading, Writing

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

VERSION_KEY = "sweepspec"


def detect(data: Any) -> bool:
    """A spec has the top-level version key; nothing else does."""
    return isinstance(data, Mapping) and VERSION_KEY in data


def detect_wandb_tune(data: Any) -> bool:
    """The legacy W&B Ray Tune YAML: `tune.run`'s arguments under `tune:`."""
    return isinstance(data, Mapping) and "tune" in data


def detect_wandb(data: Any) -> bool:
    """A W&B sweep: its `method` or its `parameters`."""
    return isinstance(data, Mapping) and ("method" in data or "parameters" in data)


def detect_hyperopt_source(source: str) -> bool:
    """Any Python module not read as another format is read as a hyperopt space."""
    return True


def read(doc: Document) -> Reading:
    """A spec reads as itself (``convert`` checks it first, and refuses one with errors)."""
    return Reading(doc.data)


def write(doc: Document) -> Writing:
    """A spec writes as its own text, comments and layout and all."""
    return Writing(doc.text)
