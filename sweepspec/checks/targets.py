"""Compatibility with target formats: every used feature against the tables, at its node."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..compat import FEATURES_BY_ID, Row, Status, context_of, lookup
from ..diagnostics import Diagnostic, JsonPath, Severity
from ..space import SPACE_KEY, group_body
from .context import Context

_CODE = {Status.PARTIAL: "C002", Status.DEPRECATED: "C002"}
_TOP_LEVEL = (
    "num_samples",
    "stop",
    "time_budget_s",
    "max_concurrent_trials",
    "resources_per_trial",
)


@dataclass(frozen=True, slots=True)
class Use:
    """One place where a spec uses a feature; ``on_key`` places a finding on the key."""

    feature: str
    path: JsonPath
    on_key: bool = True


def iter_uses(ctx: Context) -> Iterator[Use]:
    data = ctx.data
    for key in ("search_alg", "scheduler"):
        block = data.get(key)
        if isinstance(block, Mapping) and f"{key}.{block.get('type')}" in FEATURES_BY_ID:
            yield Use(f"{key}.{block['type']}", (key, "type"), on_key=False)
    if "search_alg" not in data and ctx.parameters:
        # no search algorithm is Ray Tune's variant generator (random search, grids
        # enumerated): a feature the tables rate like any other (the seed's "Grid Search and
        # Random Search: partial"), placed on the space it samples
        yield Use("search_alg.variant_generator", (SPACE_KEY,), on_key=True)
    grids = [p for p in ctx.parameters if p.dist.name == "grid_search"]
    for param in ctx.parameters:
        yield Use(f"distribution.{param.dist.name}", param.dist_path)
        if param.dist.kind == "categorical" and any(
            isinstance(option.value, Mapping) for option in param.options
        ):
            yield Use("structure.conditional_choice", param.dist_path)
        if grids and param.dist.name != "grid_search" and not _inside(param.path, grids):
            yield Use("structure.grid_mixed_with_sampled", param.dist_path)
    yield from _groups(data.get(SPACE_KEY), (SPACE_KEY,))
    if "metric" in data or "mode" in data:
        yield Use("structure.metric_mode", ("metric",) if "metric" in data else ("mode",))
    for key in _TOP_LEVEL:
        if key in data:
            yield Use(f"structure.{key}", (key,))


def _inside(path: JsonPath, grids: list[Any]) -> bool:
    return any(path[: len(g.dist_path)] == g.dist_path for g in grids)


def _groups(space: Any, path: JsonPath) -> Iterator[Use]:
    if not isinstance(space, Mapping):
        return
    for key, value in space.items():
        group = group_body(value)
        if group is not None:
            yield Use("structure.nested_groups", (*path, key))
            inner = (*path, key) if group is value else (*path, key, "group")
            yield from _groups(group, inner)


def table_rows(ctx: Context, target: str) -> Iterator[tuple[Use, Row]]:
    """Each place the spec uses a feature ``target`` does not fully support, with the row of
    its compatibility table that says so: what `check --target` reports, what explains a
    conversion's losses, what an engine refuses. The one reading of the tables."""
    context = context_of(target, ctx.data)
    for use in iter_uses(ctx):
        row = lookup(target, use.feature, context)
        if row.status.severity is not None:
            yield use, row


def noted_rows(ctx: Context, target: str) -> Iterator[tuple[Use, Row]]:
    """Each place the spec uses a feature ``target`` supports, but with a note: where its real
    implementation differs from what it documents."""
    context = context_of(target, ctx.data)
    for use in iter_uses(ctx):
        row = lookup(target, use.feature, context)
        if row.status.severity is None and row.note:
            yield use, row


def describe_row(target: str, use: Use, row: Row) -> str:
    title = FEATURES_BY_ID[use.feature].title
    where = f" with search_alg `{row.under}`" if row.under else ""
    return f"{target}: {title} is {row.status.phrase}{where}: {row.reason}"


def check_targets(ctx: Context) -> Iterator[Diagnostic]:
    for target in ctx.all_targets:
        for use, row in table_rows(ctx, target):
            place = ctx.at_key if use.on_key else ctx.at_value
            code = _CODE.get(row.status, "C001")
            yield place(code, describe_row(target, use, row), use.path, hint=row.note)
        yield from _combinations(ctx, target)


def _type(ctx: Context, key: str) -> str | None:
    block = ctx.data.get(key)
    kind = block.get("type") if isinstance(block, Mapping) else None
    return kind if isinstance(kind, str) else None


def _combinations(ctx: Context, target: str) -> Iterator[Diagnostic]:
    search, scheduler = _type(ctx, "search_alg"), _type(ctx, "scheduler")
    if target == "tune":
        if scheduler == "hb_bohb" and search != "bohb":
            yield ctx.at_value(
                "C003",
                "tune: the hb_bohb scheduler (HyperBandForBOHB) needs the bohb search algorithm",
                ("scheduler", "type"),
                hint="add `search_alg: {type: bohb}`, or use the hyperband scheduler",
            )
        if search == "bohb" and scheduler != "hb_bohb":
            yield ctx.at_value(
                "C003",
                "tune: the bohb search algorithm expects the hb_bohb scheduler; Ray warns "
                '"BOHB Info not detected" without it',
                ("search_alg", "type"),
                hint="add `scheduler: {type: hb_bohb}`",
                severity=Severity.WARNING,
            )
    if target == "tune" and search != "hyperopt":  # hyperopt's own space has no such rule
        yield from _quantised_bounds(ctx)
    if target == "optuna":
        yield from _uneven_steps(ctx)
        yield from _without_pruner_form(ctx)
    if target == "wandb" and search == "bayesopt" and not ctx.parameters:
        yield ctx.at_value(
            "C003",
            "wandb: `method: bayes` needs at least one parameter that is not a constant",
            ("search_alg", "type"),
        )


def _quantised_bounds(ctx: Context) -> Iterator[Diagnostic]:
    """Ray refuses a quantised float domain whose bounds are not multiples of q (``Float.
    quantized`` in ray-project/ray python/ray/tune/search/sample.py): said at the bound, as
    `run` would refuse it."""
    for param in ctx.parameters:
        if param.dist.name not in ("quniform", "qloguniform"):
            continue
        q = param.args.get("q")
        if q is None or not _number(q.value) or q.value <= 0:
            continue
        for role in ("low", "high"):
            bound = param.args.get(role)
            if bound is None or not _number(bound.value):
                continue
            ratio = bound.value / q.value
            if not math.isclose(ratio, round(ratio)):
                which = "lower" if role == "low" else "upper"
                nearest = round(ratio) * q.value
                yield ctx.at_value(
                    "C003",
                    f"tune: Ray refuses `{param.dist.name}` with the {which} bound "
                    f'{bound.value}, which is not a multiple of q = {q.value} ("Your {which} '
                    'variable bound ... is not divisible by quantization factor")',
                    bound.path,
                    hint=f"a multiple of {q.value}, such as {nearest:g}",
                )


def _uneven_steps(ctx: Context) -> Iterator[Diagnostic]:
    """Optuna lowers the upper bound of a stepped distribution whose step does not divide
    ``high - low`` (``_adjust_discrete_uniform_high`` in optuna/optuna
    optuna/distributions.py, with a warning): said at the bound, as `run --engine optuna`
    and `convert --to optuna` refuse it."""
    from decimal import Decimal, InvalidOperation

    for param in ctx.parameters:
        if param.dist.name not in ("quniform", "qrandint"):
            continue
        low, high, q = (param.args.get(n) for n in ("low", "high", "q"))
        if low is None or high is None or q is None:
            continue
        if not all(_number(a.value) for a in (low, high, q)) or q.value <= 0:
            continue
        try:
            span = Decimal(str(high.value)) - Decimal(str(low.value))
            steps, rest = divmod(span, Decimal(str(q.value)))
        except (InvalidOperation, ArithmeticError):
            continue
        if rest != 0:
            fitted = Decimal(str(low.value)) + steps * Decimal(str(q.value))
            yield ctx.at_value(
                "C003",
                f"optuna: the step {q.value} does not divide high - low ({high.value} - "
                f"{low.value}); Optuna would lower the upper bound to {fitted}",
                high.path,
                hint=f"an upper bound of {fitted} (or one more step)",
            )


def _without_pruner_form(ctx: Context) -> Iterator[Diagnostic]:
    """Scheduler options that Optuna's pruner has no keyword for (ASHA's `max_t`, the median
    rule on seconds): the module written for Optuna loses them, said at the option."""
    from ..formats.optuna import study_of

    for path, why in study_of(ctx.data).problems:
        if path[0] == "scheduler" and len(path) > 1 and path[1] != "type":
            yield ctx.at_value(
                "C002",
                f"optuna: `{'.'.join(map(str, path))}`: {why}",
                path,
                severity=Severity.WARNING,
            )


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
