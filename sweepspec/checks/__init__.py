"""Semantic checks: what JSON Schema cannot say. Each check yields diagnostics; none raises.

Checks read the data defensively: the schema has already reported wrong types, so a check skips a
value of the wrong type instead of reporting it twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..diagnostics import Diagnostic
from . import components, space
from .context import Context

Check = Callable[[Context], Iterator[Diagnostic]]


def check_targets(context: Context) -> Iterator[Diagnostic]:
    """Compatibility with each target asked for; the tables load only when there is one."""
    if context.all_targets:
        from .targets import check_targets as against_tables

        yield from against_tables(context)


CHECKS: tuple[Check, ...] = (
    space.check_bounds,
    space.check_finite_arguments,
    space.check_numbers_floats_hold,
    space.check_steps_and_scales,
    space.check_choices,
    space.check_grids_inside_choices,
    space.check_labels,
    space.check_groups_that_look_like_distributions,
    components.check_metric_and_mode,
    components.check_scheduler_invariants,
    components.check_mutation_names,
    components.check_num_samples,
    components.check_program_and_command,
    components.check_finite_settings,
    components.check_passthrough_blocks,
    check_targets,
)


def run_checks(context: Context) -> Iterator[Diagnostic]:
    for check in CHECKS:
        yield from check(context)


__all__ = ["CHECKS", "Check", "Context", "run_checks"]
