"""Reading the search space: which mappings are distributions, groups or constants.

The spec writes a distribution as a mapping with exactly one key naming it, whose value holds the
arguments as a list (positional, in the order of :mod:`sweepspec.vocabulary`) or a mapping. Any
other mapping is a nested group; anything else is a constant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .diagnostics import JsonPath
from .vocabulary import BY_NAME, Distribution

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SPACE_KEY = "param_space"


def distribution_of(value: Any) -> Distribution | None:
    """The distribution ``value`` is written as, or ``None`` for groups and constants."""
    if isinstance(value, Mapping) and len(value) == 1:
        (key,) = value
        return BY_NAME.get(key) if isinstance(key, str) else None
    return None


def group_body(value: Any) -> Mapping[Any, Any] | None:
    """The parameters of a nested group (plain, or written as ``{group: {...}}``), else None."""
    if not isinstance(value, Mapping):
        return None
    dist = distribution_of(value)
    if dist is None:
        return value
    body = value[dist.name]
    return body if dist.kind == "group" and isinstance(body, Mapping) else None


def reads_as_itself(value: Any) -> bool:
    """Whether the spec reads ``value`` as the literal it is: not a mapping it takes for a
    distribution (or a ``{constant: ...}`` / ``{group: ...}`` wrapper), nor one holding such a
    mapping. A value from a format whose values are literals (W&B's ``values``) that does not
    read as itself is written ``{constant: value}``."""
    if not isinstance(value, Mapping):
        return True
    return distribution_of(value) is None and all(reads_as_itself(v) for v in value.values())


def holds_parameters(value: Any) -> bool:
    """Whether ``value``, as a parameter or a choice's option, holds a distribution."""
    return next(_entry(value, (), (), ""), None) is not None


def constant_value(value: Any) -> Any:
    """The value a trial's config gets from ``value``, a spec node that holds no parameters:
    ``{constant: x}`` is ``x``, a group is the mapping of its entries' values; a node that reads
    as itself is returned as it is, comments and all."""
    dist = distribution_of(value)
    if dist is not None and dist.kind == "constant":
        return value[dist.name]
    body = group_body(value)
    if body is None or reads_as_itself(value):
        return value
    same_kind: Any = type(body)  # a CommentedMap stays one, without importing ruamel.yaml here
    return same_kind((key, constant_value(item)) for key, item in body.items())


def call_label(body: Any, label: str) -> str:
    """The label a distribution's call carries: its own ``label``, else the one its key path gives.

    Only the call takes its own label; what is nested in its options derives labels from the key
    path all the same, as the spec (and ``check``) derives them.
    """
    own = body.get("label") if isinstance(body, Mapping) else None
    return own if isinstance(own, str) else label


def distribution_name(path: JsonPath) -> str | None:
    """The distribution whose arguments sit at ``path`` (for hints), if ``path`` ends at one."""
    if path and path[0] in (SPACE_KEY, "scheduler") and isinstance(path[-1], str):
        return path[-1] if path[-1] in BY_NAME else None
    return None


@dataclass(frozen=True, slots=True)
class Argument:
    value: Any
    path: JsonPath


@dataclass(frozen=True, slots=True)
class Parameter:
    """One distribution in the space.

    ``path`` is the document path of the parameter's mapping (``("param_space", "lr")``);
    ``keys`` the key path a trial's config uses; ``label`` the explicit label or ``None``;
    ``derived_label`` the label Ray Tune would give it.
    """

    path: JsonPath
    keys: tuple[str | int, ...]
    dist: Distribution
    args: dict[str, Argument]
    options: tuple[Argument, ...]
    probabilities: tuple[Argument, ...]
    label: str | None
    derived_label: str

    @property
    def dist_path(self) -> JsonPath:
        return (*self.path, self.dist.name)

    @property
    def effective_label(self) -> str:
        return self.label if self.label is not None else self.derived_label


def iter_parameters(space: Any, base: JsonPath = (SPACE_KEY,)) -> Iterator[Parameter]:
    """Every distribution in ``space``, depth first, including those inside choice options."""
    if isinstance(space, Mapping):
        yield from _group(space, base, (), "")


def _group(
    group: Mapping[Any, Any], path: JsonPath, keys: tuple[str | int, ...], prefix: str
) -> Iterator[Parameter]:
    for key, value in group.items():
        label = f"{prefix}/{key}" if prefix else str(key)
        yield from _entry(value, (*path, key), (*keys, key), label)


def _entry(
    value: Any, path: JsonPath, keys: tuple[str | int, ...], label: str
) -> Iterator[Parameter]:
    dist = distribution_of(value)
    if dist is None:
        if isinstance(value, Mapping):
            yield from _group(value, path, keys, label)
        return
    if dist.kind == "constant":
        return
    body = value[dist.name]
    if dist.kind == "group":
        if isinstance(body, Mapping):
            yield from _group(body, (*path, dist.name), keys, label)
        return
    param = _parameter(dist, body, path, keys, label)
    yield param
    # Ray Tune labels options that are mappings with the choice's own label as prefix, and any
    # other option with `label/index` (HyperOptSearch.convert_search_space).
    for index, option in enumerate(param.options):
        if distribution_of(option.value) is None and isinstance(option.value, Mapping):
            yield from _group(option.value, option.path, keys, label)
        else:
            yield from _entry(option.value, option.path, (*keys, index), f"{label}/{index}")


def _parameter(
    dist: Distribution, body: Any, path: JsonPath, keys: tuple[str | int, ...], label: str
) -> Parameter:
    at = (*path, dist.name)
    args: dict[str, Argument] = {}
    options: tuple[Argument, ...] = ()
    probabilities: tuple[Argument, ...] = ()
    explicit: str | None = None
    if isinstance(body, Mapping):
        explicit = body.get("label") if isinstance(body.get("label"), str) else None
        for name in dist.arg_names:
            if name in body:
                args[name] = Argument(body[name], (*at, name))
        if dist.kind in ("categorical", "grid"):
            field = "values" if dist.kind == "grid" else "options"
            items = body.get(field)
            if isinstance(items, list):
                options = tuple(Argument(v, (*at, field, i)) for i, v in enumerate(items))
            probs = body.get("probabilities")
            if isinstance(probs, list):
                probabilities = tuple(
                    Argument(p, (*at, "probabilities", i)) for i, p in enumerate(probs)
                )
    elif isinstance(body, list):
        if dist.name == "pchoice":
            pairs = [(i, p) for i, p in enumerate(body) if isinstance(p, list) and len(p) == 2]
            probabilities = tuple(Argument(p[0], (*at, i, 0)) for i, p in pairs)
            options = tuple(Argument(p[1], (*at, i, 1)) for i, p in pairs)
        elif dist.kind in ("categorical", "grid"):
            options = tuple(Argument(v, (*at, i)) for i, v in enumerate(body))
        else:
            for index, (name, value) in enumerate(zip(dist.arg_names, body, strict=False)):
                args[name] = Argument(value, (*at, index))
    return Parameter(path, keys, dist, args, options, probabilities, explicit, label)


def parameter_keys(space: Any) -> set[tuple[str | int, ...]]:
    """Key paths of every parameter and group in ``space`` (for PBT mutation names)."""
    found: set[tuple[str | int, ...]] = set()

    def walk(group: Mapping[Any, Any], keys: tuple[str | int, ...]) -> None:
        for key, value in group.items():
            here = (*keys, key)
            found.add(here)
            inner = group_body(value)
            if inner is not None:
                walk(inner, here)

    if isinstance(space, Mapping):
        walk(space, ())
    return found


def grid_combinations(parameters: Iterable[Parameter]) -> int:
    """How many combinations the space's top-level ``grid_search`` parameters make (Ray runs
    each ``num_samples`` times); 0 without any."""
    grids = [
        len(p.options)
        for p in parameters
        if p.dist.name == "grid_search" and all(isinstance(k, str) for k in p.keys)
    ]
    return math.prod(grids) if grids else 0
