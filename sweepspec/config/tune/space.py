"""Search spaces of ``Domain`` calls, constants and dicts -> the spec's ``param_space``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ...vocabulary import BY_NAME
from ...yamlio import flow_map, flow_seq
from ..domains import Domain


def space_to_spec(space: Mapping[str, Any], prefix: str = "") -> CommentedMap:
    out = CommentedMap()
    for key, value in space.items():
        label = f"{prefix}/{key}" if prefix else str(key)
        out[str(key)] = _entry(value, label)
    return out


def _entry(value: Any, label: str) -> Any:
    if isinstance(value, Domain):
        return _domain(value, label)
    if isinstance(value, Mapping):
        if len(value) == 1 and next(iter(value)) in BY_NAME:  # would read as a distribution
            return CommentedMap([("group", space_to_spec(value, label))])
        return space_to_spec(value, label)
    if isinstance(value, tuple):
        return flow_seq(list(value))
    return value


def _domain(domain: Domain, label: str) -> CommentedMap:
    explicit = domain.label is not None and domain.label != label
    name = domain.dist
    if name in ("choice", "grid_search"):
        options = flow_seq([_option(o, label, i) for i, o in enumerate(domain.options)])
        if explicit:
            return flow_map((name, flow_map(("options", options), ("label", domain.label))))
        return flow_map((name, options))
    if name == "pchoice":
        pairs = flow_seq(
            [
                flow_seq([w, _option(o, label, i)])
                for i, (w, o) in enumerate(zip(domain.weights, domain.options, strict=True))
            ]
        )
        if explicit:
            options = flow_seq([p[1] for p in pairs])
            weights = flow_seq([p[0] for p in pairs])
            return flow_map(
                (
                    name,
                    flow_map(
                        ("options", options), ("probabilities", weights), ("label", domain.label)
                    ),
                )
            )
        return flow_map((name, pairs))
    if explicit:
        names = BY_NAME[name].arg_names
        return flow_map(
            (name, flow_map(*zip(names, domain.args, strict=True), ("label", domain.label)))
        )
    return flow_map((name, flow_seq(list(domain.args))))


def _option(option: Any, label: str, index: int) -> Any:
    if isinstance(option, Mapping) and not isinstance(option, Domain):
        return space_to_spec(option, label)
    return _entry(option, f"{label}/{index}")
