"""What a spec means, whatever way it is written: the one comparison every round trip uses.

A distribution's arguments as a list or a mapping, a label that is the derived one or left out,
`{group: {...}}` or the plain group, and ruamel.yaml's own scalar types all mean the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .space import distribution_of
from .vocabulary import BY_NAME


def plain(value: Any) -> Any:
    """ruamel's scalar and collection types as plain Python ones."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def space_meaning(space: Any) -> Any:
    """:func:`meaning` of a ``param_space``, which is a group by its place whatever its keys."""
    if isinstance(space, Mapping):
        return {str(k): meaning(v, str(k)) for k, v in space.items()}
    return meaning(space)


def meaning(value: Any, label: str = "") -> Any:
    """What a spec value means, the same for every way the spec can write it: arguments as a
    list or a mapping, a label that is the derived one or left out, ``{group: {...}}`` or the
    plain group, ``{constant: {a: 1}}`` or the group of constants ``{a: 1}``. ``label`` is the
    label the spec derives at this place (the key path joined with ``/``)."""
    dist = distribution_of(value)
    if dist is None:
        if isinstance(value, Mapping):
            return {
                str(k): meaning(v, f"{label}/{k}" if label else str(k)) for k, v in value.items()
            }
        return plain(value)
    body = value[dist.name]
    if dist.kind == "constant":
        return plain(body)
    if dist.kind == "group":
        return meaning(body, label) if isinstance(body, Mapping) else ("group", plain(body))
    args: dict[str, Any] = {}
    items: list[Any] = []
    weights: list[Any] = []
    own: Any = None
    listed = "values" if dist.kind == "grid" else "options"
    if isinstance(body, Mapping):
        own = body.get("label")
        args = {n: plain(body[n]) for n in dist.arg_names if n in body}
        listing = body.get(listed) if dist.kind in ("categorical", "grid") else None
        items = list(listing) if isinstance(listing, list) else []
        weights = plain(body.get("probabilities")) or []
    elif isinstance(body, list) and dist.name == "pchoice":
        pairs = [p for p in body if isinstance(p, list) and len(p) == 2]
        weights, items = [plain(p[0]) for p in pairs], [p[1] for p in pairs]
    elif isinstance(body, list) and dist.kind in ("categorical", "grid"):
        items = list(body)
    elif isinstance(body, list):
        args = dict(zip(dist.arg_names, plain(body), strict=False))
    else:
        return (dist.name, plain(body))
    if dist.name == "uniformint" and type(args.get("high")) is int:
        # [low, high] is randint's [low, high + 1): one distribution, two spellings
        dist, args = BY_NAME["randint"], {**args, "high": args["high"] + 1}
    options = [
        meaning(o, label)
        if isinstance(o, Mapping) and distribution_of(o) is None
        else meaning(o, f"{label}/{i}")
        for i, o in enumerate(items)
    ]
    return (dist.name, args, options, weights, own if own != label else None)


MISSING: Any = object()


def lookup(data: Any, path: Sequence[Any]) -> Any:
    """The node at ``path`` in loaded data (mapping keys, list indexes), or ``MISSING``."""
    for part in path:
        in_list = isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        if not (in_list or (isinstance(data, Mapping) and part in data)):
            return MISSING
        data = data[part]
    return data
