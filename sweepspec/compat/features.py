"""Every feature a spec can use, derived from the vocabulary plus the structural ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..vocabulary import DISTRIBUTIONS, SCHEDULERS, SEARCH_ALGORITHMS

Kind = Literal["search_alg", "distribution", "scheduler", "structure"]


@dataclass(frozen=True, slots=True)
class Feature:
    id: str
    kind: Kind
    title: str


STRUCTURE: tuple[Feature, ...] = (
    Feature("structure.nested_groups", "structure", "A nested group of parameters"),
    Feature(
        "structure.conditional_choice",
        "structure",
        "A conditional choice (options that hold parameters)",
    ),
    Feature(
        "structure.grid_mixed_with_sampled", "structure", "A sampled parameter beside `grid_search`"
    ),
    Feature("structure.metric_mode", "structure", "`metric` and `mode`"),
    Feature("structure.num_samples", "structure", "`num_samples`"),
    Feature("structure.stop", "structure", "`stop` (per-trial stopping criteria)"),
    Feature("structure.time_budget_s", "structure", "`time_budget_s`"),
    Feature("structure.max_concurrent_trials", "structure", "`max_concurrent_trials`"),
    Feature("structure.resources_per_trial", "structure", "`resources_per_trial`"),
)

FEATURES: tuple[Feature, ...] = (
    *(Feature(f"search_alg.{c.type}", "search_alg", c.title) for c in SEARCH_ALGORITHMS),
    *(
        Feature(f"distribution.{d.name}", "distribution", f"`{d.name}`")
        for d in DISTRIBUTIONS
        if d.kind != "group"  # a group is structure.nested_groups
    ),
    *(Feature(f"scheduler.{c.type}", "scheduler", c.title) for c in SCHEDULERS),
    *STRUCTURE,
)

BY_ID: dict[str, Feature] = {f.id: f for f in FEATURES}
