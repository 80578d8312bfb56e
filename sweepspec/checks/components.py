"""Checks on the search algorithm, the scheduler and the run settings."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import kind
from ..space import SPACE_KEY, distribution_of, parameter_keys
from ..vocabulary import SCHEDULER_BY_TYPE, SEARCH_BY_TYPE, Component
from .context import Context, is_finite, is_number
from .programs import check_command, check_program

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _component(
    ctx: Context, key: str, table: dict[str, Component]
) -> tuple[Mapping[str, Any], Component] | None:
    block = ctx.data.get(key)
    if isinstance(block, Mapping) and isinstance(block.get("type"), str):
        component = table.get(block["type"])
        if component is not None:
            return block, component
    return None


def check_metric_and_mode(ctx: Context) -> Iterator[Diagnostic]:
    missing = [k for k in ("metric", "mode") if k not in ctx.data]
    if not missing:
        return
    for key, table in (("search_alg", SEARCH_BY_TYPE), ("scheduler", SCHEDULER_BY_TYPE)):
        found = _component(ctx, key, table)
        if found is None or not found[1].needs_metric:
            continue
        names = " and ".join(f"`{m}`" for m in missing)
        yield ctx.at_value(
            "V013",
            f"{key} `{found[1].type}` needs top-level `metric` and `mode`; {names} "
            f"{'is' if len(missing) == 1 else 'are'} missing",
            (key, "type"),
            hint="add for example `metric: val_loss` and `mode: min`",
        )


def _option(block: Mapping[str, Any], component: Component, name: str) -> tuple[Any, bool]:
    """The option's value and whether it was written (else the upstream default)."""
    if name in block:
        return block[name], True
    for option in component.options:
        if option.name == name:
            return option.default, False
    return None, False


def check_scheduler_invariants(ctx: Context) -> Iterator[Diagnostic]:
    found = _component(ctx, "scheduler", SCHEDULER_BY_TYPE)
    if found is None:
        return
    block, component = found
    names = {o.name for o in component.options}
    if {"grace_period", "max_t"} <= names and component.type == "async_hyperband":
        grace, grace_written = _option(block, component, "grace_period")
        max_t, max_written = _option(block, component, "max_t")
        if is_number(grace) and is_number(max_t) and grace > max_t:
            where = ("scheduler", "grace_period") if grace_written else ("scheduler", "max_t")
            default = "" if max_written else " (its default)"
            yield ctx.at_value(
                "V008", f"grace_period {grace} exceeds max_t {max_t}{default}", where
            )
    factor, written = _option(block, component, "reduction_factor")
    if "reduction_factor" in names and written and is_number(factor) and factor <= 1:
        yield ctx.at_value(
            "V009",
            f"reduction_factor must be greater than 1, got {factor}",
            ("scheduler", "reduction_factor"),
        )
    fraction, written = _option(block, component, "quantile_fraction")
    if written and is_number(fraction) and not 0 <= fraction <= 0.5:
        yield ctx.at_value(
            "V010",
            f"quantile_fraction must be between 0 and 0.5, got {fraction}",
            ("scheduler", "quantile_fraction"),
        )
    if component.type in ("pbt", "pb2"):
        time_attr, _ = _option(block, component, "time_attr")
        interval, interval_written = _option(block, component, "perturbation_interval")
        # an interval written without its unit: most likely meant as steps
        if time_attr == "time_total_s" and interval_written:
            where = ("scheduler", "perturbation_interval")
            yield ctx.at_value(
                "V017",
                f"{component.type} perturbs every {interval} seconds of training "
                "(`time_attr: time_total_s`): a trial shorter than that is never perturbed",
                where,
                hint="with a program that reports each step, `time_attr: training_iteration`",
            )
    bounds = block.get("hyperparam_bounds")
    if component.type == "pb2" and isinstance(bounds, Mapping):
        yield from _pb2_bounds(ctx, bounds, ("scheduler", "hyperparam_bounds"))


def _pb2_bounds(ctx: Context, bounds: Mapping[Any, Any], path: JsonPath) -> Iterator[Diagnostic]:
    if not bounds:
        yield ctx.at_value("V011", "hyperparam_bounds is empty; PB2 has nothing to tune", path)
    for key, value in bounds.items():
        here = (*path, key)
        if isinstance(value, Mapping):
            yield from _pb2_bounds(ctx, value, here)
        elif (
            isinstance(value, list)
            and len(value) == 2
            and all(map(is_number, value))
            and value[0] >= value[1]
        ):
            yield ctx.at_value(
                "V011", f"bound `{key}` has min {value[0]} not below max {value[1]}", here
            )


def check_mutation_names(ctx: Context) -> Iterator[Diagnostic]:
    found = _component(ctx, "scheduler", SCHEDULER_BY_TYPE)
    if found is None:
        return
    block, component = found
    field = {"pbt": "hyperparam_mutations", "pb2": "hyperparam_bounds"}.get(component.type)
    names = block.get(field) if field else None
    if field is None or not isinstance(names, Mapping):
        return
    known = parameter_keys(ctx.data.get(SPACE_KEY))
    yield from _unknown_names(
        ctx, names, ("scheduler", field), (), known=known, kind=component.type
    )


def _unknown_names(
    ctx: Context,
    names: Mapping[Any, Any],
    path: JsonPath,
    keys: tuple[Any, ...],
    *,
    known: set[tuple[Any, ...]],
    kind: str,
) -> Iterator[Diagnostic]:
    for key, value in names.items():
        here, here_keys = (*path, key), (*keys, key)
        if here_keys not in known:
            yield ctx.at_key(
                "V012",
                f"`{'.'.join(map(str, here_keys))}` is not a parameter of param_space; "
                f"{kind.upper()} will sample its first value itself and no search algorithm "
                "sees it",
                here,
                hint="add it to param_space, or check the spelling",
                severity=Severity.WARNING,
            )
        elif isinstance(value, Mapping) and distribution_of(value) is None:
            yield from _unknown_names(ctx, value, here, here_keys, known=known, kind=kind)


def check_num_samples(ctx: Context) -> Iterator[Diagnostic]:
    value = ctx.data.get("num_samples")
    if is_number(value) and value == 0:
        yield ctx.at_value(
            "V015",
            "num_samples is 0, so no trial runs",
            ("num_samples",),
            hint="use a positive number, or -1 for no limit",
        )


def check_program_and_command(ctx: Context) -> Iterator[Diagnostic]:
    yield from check_program(ctx, ctx.data.get("program"), ("program",), module_form=True)
    extra = ctx.data.get("x-wandb")
    if not isinstance(extra, Mapping) or "command" not in extra:
        return
    command = extra["command"]
    if not isinstance(command, list):
        # W&B's schema: a list (the W&B writer carries it as it is); a string would be run
        # one character a word
        yield ctx.at_value(
            "S005",
            f"expected a list for `x-wandb.command`, got {kind(command)}",
            ("x-wandb", "command"),
            hint="write it as a list, a word per item: `- ${env}`, `- ${interpreter}`, "
            "`- ${program}`, `- ${args}`",
        )
        return
    yield from check_command(ctx, command, ("x-wandb", "command"))


def check_finite_settings(ctx: Context) -> Iterator[Diagnostic]:
    """`.nan` passes JSON Schema's bounds (no comparison with it is true), and an infinite
    option breaks the scheduler's arithmetic (brackets from log(max_t)): a search algorithm's or
    scheduler's option, and any top-level number, must be finite; `time_budget_s: .inf` is
    the one infinity that means something (no budget)."""
    for key, table in (("search_alg", SEARCH_BY_TYPE), ("scheduler", SCHEDULER_BY_TYPE)):
        found = _component(ctx, key, table)
        if found is None:
            continue
        block, component = found
        capped = {o.name for o in component.options if "maximum" in str(o.schema)}
        for option, value in block.items():
            if option in capped and not (is_number(value) and math.isnan(value)):
                continue  # the schema reports an infinity above its maximum (S007)
            if is_number(value) and not is_finite(value):
                yield ctx.at_value(
                    "S007",
                    f"`{key}` option `{option}` must be a finite number, got {value}",
                    (key, option),
                )
    for key, value in ctx.data.items():
        if is_number(value) and not is_finite(value):
            if key == "time_budget_s" and value == float("inf"):
                continue
            yield ctx.at_value("S007", f"`{key}` must be a finite number, got {value}", (key,))


def check_passthrough_blocks(ctx: Context) -> Iterator[Diagnostic]:
    """An `x-<format>` block carries that format's keys: a mapping of them. (Other `x-` keys
    are the file's own, such as an anchor's home, and may hold anything.)"""
    from ..formats import FORMAT_IDS

    for key, value in ctx.data.items():
        if key in {f"x-{f}" for f in FORMAT_IDS} and not isinstance(value, Mapping):
            yield ctx.at_value(
                "S005",
                f"expected a mapping for `{key}` (the {key[2:]} keys the spec does not model), "
                f"got {kind(value)}",
                (key,),
            )
    extra = ctx.data.get("x-wandb")
    if isinstance(extra, Mapping):
        # written at the top of a W&B file, whose schema is closed: a key W&B does not know
        # would make the converted file one W&B rejects
        from ..formats.wandb_schema import SCHEMA

        known = list(SCHEMA["properties"])
        for key in extra:
            if key not in known:
                yield ctx.at_key(
                    "S003",
                    f"unknown key `{key}` in `x-wandb`: W&B's sweep keys are {', '.join(known)}",
                    ("x-wandb", key),
                    hint=_closest(str(key), known),
                )


def _closest(word: str, known: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, known, n=1)
    return f"did you mean `{close[0]}`?" if close else None
