"""Checks on the search space: bounds, steps, scales, choices, labels, lookalike groups."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping

from ..diagnostics import Diagnostic, Fix, JsonPath, Severity
from ..space import SPACE_KEY, distribution_of
from ..vocabulary import BY_NAME, FOREIGN_NAMES
from .context import Context, is_finite, is_number, shorten_number
from .floats import check_float_range, overflows

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def check_bounds(ctx: Context) -> Iterator[Diagnostic]:
    for param in ctx.parameters:
        low, high = param.args.get("low"), param.args.get("high")
        name = param.dist.name
        if param.dist.log:
            for arg in (low, high):
                if arg is not None and is_number(arg.value) and arg.value <= 0:
                    yield ctx.at_value(
                        "V003",
                        f"`{name}` needs bounds greater than 0, got {arg.value}",
                        arg.path,
                        hint="log distributions take real-space bounds, such as 1e-5, "
                        "not their logarithms",
                    )
        if low is None or high is None or not (is_number(low.value) and is_number(high.value)):
            continue
        if low.value > high.value or (low.value == high.value and not param.dist.high_inclusive):
            yield ctx.at_value(
                "V001",
                f"`{name}` has low {low.value} not below high {high.value}: the range is empty",
                low.path,
                hint="swap the bounds" if low.value > high.value else None,
            )
        elif low.value == high.value:
            yield ctx.at_value(
                "V001",
                f"`{name}` has low == high == {low.value}: it always yields {low.value}",
                low.path,
                hint="write the constant instead",
                severity=Severity.WARNING,
            )


def check_finite_arguments(ctx: Context) -> Iterator[Diagnostic]:
    """``.inf`` and ``.nan`` are YAML numbers, and JSON Schema's ``number`` takes them; no
    distribution can be sampled with them (and converters would write them into every format)."""
    for param in ctx.parameters:
        numbers = [(f"`{name}`", arg) for name, arg in param.args.items()]
        numbers += [("probability", arg) for arg in param.probabilities]
        for what, arg in numbers:
            if (
                is_number(arg.value)
                and not is_finite(arg.value)
                and not overflows(ctx.doc, arg.path, arg.value)
            ):
                yield ctx.at_value(
                    "S007",
                    f"`{param.dist.name}` needs a finite {what} that a float can hold, "
                    f"got {shorten_number(arg.value)}",
                    arg.path,
                )


def check_steps_and_scales(ctx: Context) -> Iterator[Diagnostic]:
    for param in ctx.parameters:
        for arg_def in param.dist.args:
            arg = param.args.get(arg_def.name)
            if arg is None or not is_number(arg.value) or arg.value > 0:
                continue
            if arg_def.role == "q":
                yield ctx.at_value(
                    "V002", f"`{param.dist.name}` needs a step q > 0, got {arg.value}", arg.path
                )
            elif arg_def.role in ("sigma", "shape"):
                yield ctx.at_value(
                    "V004",
                    f"`{param.dist.name}` needs {arg_def.name} > 0, got {arg.value}",
                    arg.path,
                )


def check_choices(ctx: Context) -> Iterator[Diagnostic]:
    for param in ctx.parameters:
        if param.dist.kind not in ("categorical", "grid"):
            continue
        body = param.dist_path
        if not param.options and _written_empty(ctx, param.dist_path):
            yield ctx.at_value(
                "V006", f"`{param.dist.name}` has no options; sampling it would fail", body
            )
        if param.dist.name == "pchoice":
            yield from _probabilities(ctx, param.probabilities, len(param.options), body)


def check_grids_inside_choices(ctx: Context) -> Iterator[Diagnostic]:
    for param in ctx.parameters:
        if param.dist.name != "grid_search":
            continue
        choice = _enclosing_choice(ctx.data, param.path)
        if choice is not None:
            yield ctx.at_key(
                "V018",
                f"`grid_search` inside an option of `{choice}`: Ray enumerates it only in the "
                "samples where the choice picks this option, so the number of trials depends "
                "on the draws",
                param.dist_path,
                severity=Severity.WARNING,
            )


def _enclosing_choice(data: Any, path: JsonPath) -> str | None:
    """The name of the choice (or pchoice) whose option holds the node at ``path``, if any."""
    node = data
    for part in path[:-1]:
        node = node[part]
        dist = distribution_of(node)
        if dist is not None and dist.kind == "categorical":
            return dist.name
    return None


def _written_empty(ctx: Context, dist_path: JsonPath) -> bool:
    node: Any = ctx.data
    for part in dist_path:
        node = node[part]
    if isinstance(node, Mapping):
        node = node.get("values", node.get("options"))
    return isinstance(node, list) and not node


def _probabilities(
    ctx: Context, probabilities: tuple[Any, ...], n_options: int, at: JsonPath
) -> Iterator[Diagnostic]:
    values = [p.value for p in probabilities]
    if not all(is_number(v) and is_finite(v) for v in values):
        return  # check_finite_arguments reports what no float holds
    for prob in probabilities:
        if prob.value < 0:
            yield ctx.at_value("V005", f"probability {prob.value} is negative", prob.path)
    if len(values) != n_options:
        yield ctx.at_value(
            "V005",
            f"`pchoice` has {n_options} options but {len(values)} probabilities",
            at,
        )
    elif values and not math.isclose(sum(values), 1.0, rel_tol=1e-9, abs_tol=1e-9):
        yield ctx.at_value(
            "V005",
            f"`pchoice` probabilities sum to {sum(values):g}, not 1",
            at,
            hint="hyperopt accepts this silently and samples from the wrong distribution",
        )


def check_labels(ctx: Context) -> Iterator[Diagnostic]:
    by_label: dict[str, list[JsonPath]] = defaultdict(list)
    for param in ctx.parameters:
        by_label[param.effective_label].append(param.path)
    search = ctx.data.get("search_alg")
    strict = isinstance(search, Mapping) and search.get("type") == "hyperopt"
    severity = Severity.ERROR if strict else Severity.WARNING
    for label, paths in by_label.items():
        if len(paths) < 2:
            continue
        for path in paths[1:]:
            first = ctx.doc.spans.key(paths[0])
            yield ctx.at_key(
                "V007",
                f"label `{label}` is also used at line {first.line}; hyperopt would raise "
                "DuplicateLabel",
                path,
                hint="add `label: <unique name>` to one of them (mapping form)",
                severity=severity,
            )


_WANDB_PARAMETER_KEYS = frozenset(
    {"distribution", "min", "max", "values", "value", "probabilities", "mu", "sigma", "q", "a", "b"}
)


def check_groups_that_look_like_distributions(ctx: Context) -> Iterator[Diagnostic]:
    space = ctx.data.get(SPACE_KEY)
    if isinstance(space, Mapping):
        yield from _lookalikes(ctx, space, (SPACE_KEY,))


def _lookalikes(ctx: Context, group: Mapping[Any, Any], path: JsonPath) -> Iterator[Diagnostic]:
    for key, value in group.items():
        here = (*path, key)
        if not isinstance(value, Mapping):
            continue
        dist = distribution_of(value)
        if dist is not None and dist.kind == "group" and isinstance(value[dist.name], Mapping):
            yield from _lookalikes(ctx, value[dist.name], (*here, dist.name))
            continue
        if dist is not None:
            continue  # options of choices are walked by the schema; groups only here
        finding = _lookalike(ctx, value, here)
        if finding is not None:
            yield finding
        else:
            yield from _lookalikes(ctx, value, here)


def _lookalike(ctx: Context, value: Mapping[Any, Any], path: JsonPath) -> Diagnostic | None:
    keys = [k for k in value if isinstance(k, str)]
    if len(value) == 1 and keys and isinstance(value[keys[0]], (list, Mapping)):
        import difflib  # for a suggestion only

        word = keys[0]
        guess = FOREIGN_NAMES.get(word) or next(
            iter(difflib.get_close_matches(word, list(BY_NAME), n=1, cutoff=0.75)), None
        )
        if guess is not None:
            edit = ctx.key_edit((*path, word), guess)
            return ctx.at_key(
                "V014",
                f"`{word}` is not a distribution, so this is read as a group holding a "
                f"constant `{word}`",
                (*path, word),
                hint=f"did you mean `{guess}`? write `{BY_NAME[guess].signature()}`",
                fix=Fix(f"rename `{word}` to `{guess}`", (edit,), safe=False) if edit else None,
            )
    if (
        keys
        and set(keys) <= _WANDB_PARAMETER_KEYS
        and {"distribution", "values", "value"} & set(keys)
    ):
        return ctx.at_key(
            "V014",
            "this W&B-style parameter is read as a group of constants",
            path,
            hint="write the distribution as one key, such as `{uniform: [0, 1]}` or "
            "`{choice: [a, b]}`",
        )
    return None


def check_numbers_floats_hold(ctx: Context) -> Iterator[Diagnostic]:
    yield from check_float_range(ctx.doc, ctx)
