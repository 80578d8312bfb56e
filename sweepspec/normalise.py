"""Normalising a space read from another format into the spec's canonical shape.

A reader builds the space as its source wrote it; these make it read back as the same space:
a dict of the source whose one key names a distribution is wrapped so that it stays a group or a
constant, and a label the spec would derive anyway is left out.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from .space import distribution_of, iter_parameters
from .yamlio import flow_seq, is_flow


def disambiguate_groups(space: CommentedMap) -> CommentedMap:
    """Wrap every nested dict whose one key names a distribution, which the spec would read as
    that distribution: ``{'beta': {'x': hp.uniform(...)}}`` is ``{group: {beta: ...}}``, and a
    dict of constants such as ``{'uniform': 1}`` is ``{constant: {uniform: 1}}``.

    A dict of the source is a block mapping here; distributions are flow mappings."""
    for key in list(space):
        space[key] = _disambiguate(space[key])
    return space


def _disambiguate(value: Any) -> Any:
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _disambiguate(item)
            if isinstance(value[index], CommentedMap) and value[index] is not item:
                value[index].fa.set_flow_style()  # `[{group: ...}]`, not `[group: ...]`
        return value
    if not isinstance(value, dict):
        return value
    for key in list(value):
        value[key] = _disambiguate(value[key])
    if is_flow(value) or distribution_of(value) is None:
        return value
    searched = any(True for _ in iter_parameters(value))
    return CommentedMap([("group" if searched else "constant", value)])


def drop_derived_labels(space: Any, prefix: str = "") -> None:
    """Write ``{dist: [args]}`` where the label is the one the spec derives anyway."""
    if not isinstance(space, CommentedMap):
        return
    for key in list(space):
        value = space[key]
        label = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(value, CommentedMap) and len(value) == 1:
            ((dist, body),) = value.items()
            if isinstance(body, CommentedMap) and body.get("label") is not None:
                if body["label"] == label:
                    del body["label"]
                    compact = list(body.values())
                    if dist == "pchoice":  # the list form is [probability, option] pairs
                        probs, opts = body.get("probabilities"), body.get("options")
                        lists = isinstance(probs, list) and isinstance(opts, list)
                        if lists and len(probs) == len(opts):  # else the mapping, for check
                            pairs = zip(probs, opts, strict=True)
                            value[dist] = flow_seq([flow_seq([p, o]) for p, o in pairs])
                    else:
                        value[dist] = compact[0] if dist == "choice" else flow_seq(compact)
                options = value[dist] if dist in ("choice", "pchoice") else None
                if isinstance(options, CommentedMap):
                    options = options.get("options")
                for index, option in enumerate(options or []):
                    paired = dist == "pchoice" and isinstance(value[dist], list)
                    inner = option[1] if paired and isinstance(option, list) else option
                    if isinstance(inner, CommentedMap) and len(inner) != 1:
                        drop_derived_labels(inner, label)
                    elif isinstance(inner, CommentedMap):
                        drop_derived_labels(CommentedMap([(index, inner)]), label)
                continue
        drop_derived_labels(value, label)
