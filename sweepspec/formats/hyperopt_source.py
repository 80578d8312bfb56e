"""hyperopt spaces as Python source, both ways. The source is parsed (``ast``), never run.

Reading understands ``hp.*`` calls under their usual import names (``from hyperopt import hp``,
``import hyperopt``, the seed's ``from wandb.sweeps.config.hyperopt import hp``), ``scope.int``,
``math.log``/``np.log`` of literals, dict and list literals, ``dict(...)`` calls, module-level
constants, and the seed's ``tune.run(..., search_alg=HyperOptSearch(space, metric=, mode=))``.
Anything else is a located diagnostic. Comments are carried to the same keys.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..meaning import meaning, space_meaning
from ..space import distribution_of
from .model import Reading
from .pysource import (
    SourceResult,
    SpaceReader,
    Unsupported,
    parse_tolerant,
    skipped_lines,
    syntax_error,
)


def read(source: str, file: str = "<string>", space: str | None = None) -> SourceResult:
    """A spec from Python source holding a hyperopt space, without running the source."""
    try:
        tree, skipped = parse_tolerant(source, file)
    except SyntaxError as exc:
        return SourceResult(None, [syntax_error(exc, file)])
    reader = SpaceReader(source, file)
    reader.space_name = space
    reader.found.extend(skipped_lines(skipped, file))
    try:
        data = reader.module(tree)
    except Unsupported as exc:
        return SourceResult(None, [*reader.found, reader.at(exc.node, str(exc))])
    data = reader.with_template(data, tree, _merge)
    return SourceResult(data, reader.found, reader.locate(data))


def read_module(source: str, file: str = "<string>", space: str | None = None) -> Reading:
    """The registry's reader: a module with a hyperopt space, parsed and never run, as a spec."""
    found = read(source, file, space)
    return Reading(found.data, found.diagnostics, found.origins)


def _merge(
    template: str,
    data: CommentedMap,
    file: str,
    implied: set[str],
    skip: tuple[str, ...] = ("sweepspec", "search_alg"),
) -> CommentedMap | None:
    """The spec the module was written from, with what the module now says differently;
    ``None`` when that copy of the spec was edited into something that does not load cleanly
    (a duplicate key, bad YAML) or is not a spec."""
    from ..loader import load_text
    from . import detect

    doc = load_text(template, file)
    if doc.fatal or doc.diagnostics or detect(doc.data) != "spec":
        return None
    merged: CommentedMap = doc.data
    changed = False
    for key, value in data.items():
        if key in skip or (key in implied and key not in merged):
            continue
        if _top_meaning(key, merged.get(key)) == _top_meaning(key, value):
            continue
        changed = True
        if key == "param_space" and isinstance(merged.get(key), CommentedMap):
            _merge_entries(merged[key], value)  # keep the lines of unchanged parameters
        else:
            merged[key] = value
    if not changed:
        return _Kept(template)
    return merged


def _merge_entries(target: CommentedMap, new: CommentedMap) -> None:
    for key in [k for k in target if k not in new]:
        del target[key]
    for key, value in new.items():
        if meaning(target.get(key), str(key)) == meaning(value, str(key)):
            continue
        old = target.get(key)
        if _plain_group(old) and _plain_group(value):
            # a group changed inside: merged entry by entry, so its unchanged entries keep
            # their lines and comments (replaced whole, the copy's comments inside it stayed
            # attached to the old group's keys and came back beside the new one's)
            _merge_entries(old, value)
        else:
            target[key] = value


def _plain_group(value: Any) -> bool:
    return isinstance(value, CommentedMap) and bool(value) and distribution_of(value) is None


def _top_meaning(key: str, value: Any) -> Any:
    return space_meaning(value) if key == "param_space" else meaning(value)


class _Kept(CommentedMap):
    """The template spec, unchanged: written back as its original text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
