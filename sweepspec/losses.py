"""What a conversion loses, decided in one place: by reading the output back.

The written text is read back with the target format's own reader, and the spec that comes
back is compared with the spec that was written, node by node, by meaning (`meaning.py`): a
distribution's arguments as a list or a mapping, a derived label or none, an option left out or
given its default all mean the same. A node that does not come back, or comes back as something
else, is a loss: X001 at that node, with the writer's own explanation where it gave one, or the
compatibility table's. Nothing that comes back is reported as lost. Where the target keeps a
node but its engine runs it otherwise than the spec means (W&B's `bayes` is not Ray's BayesOpt),
the compatibility table says so in an info note (X004), which does not fail `--strict`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .checks.context import Context
from .checks.targets import Use, describe_row, noted_rows, table_rows
from .compat import FEATURES_BY_ID, Row
from .diagnostics import Diagnostic, JsonPath, Severity
from .emit import Locator
from .formats.model import Format, Writing
from .loader import Document, load_text
from .meaning import meaning, plain
from .space import SPACE_KEY
from .vocabulary import SCHEDULER_BY_TYPE, SEARCH_BY_TYPE, Component

# What a spec without the key runs: Ray Tune's defaults (the spec's reference).
_DEFAULT_TYPE = {"search_alg": "variant_generator", "scheduler": "fifo"}
_COMPONENTS: dict[str, dict[str, Component]] = {
    "search_alg": SEARCH_BY_TYPE,
    "scheduler": SCHEDULER_BY_TYPE,
}


def canonical(data: Any) -> dict[JsonPath, Any]:
    """The spec ``data`` as its meaning at each place that can be lost on its own: every
    top-level setting, every option of the search algorithm and scheduler (defaults filled in),
    every parameter of the space (groups opened), every key of an `x-` block."""
    out: dict[JsonPath, Any] = {}
    if not isinstance(data, Mapping):
        return out
    for key, value in data.items():
        if key == "sweepspec" or key in _COMPONENTS:
            continue
        if key == SPACE_KEY:
            _space(value, (SPACE_KEY,), out)
        elif isinstance(value, Mapping) and (
            key in ("stop", "resources_per_trial")
            or (isinstance(key, str) and key.startswith("x-"))
        ):
            for inner, item in value.items():
                out[(key, inner)] = plain(item)
        else:
            out[(key,)] = plain(value)
    for key, table in _COMPONENTS.items():
        block = data.get(key, {"type": _DEFAULT_TYPE[key]})
        kind = block.get("type") if isinstance(block, Mapping) else None
        component = table.get(kind) if isinstance(kind, str) else None
        if component is None:
            out[(key,)] = plain(block)
            continue
        out[(key, "type")] = component.type
        for option in component.options:
            out[(key, option.name)] = plain(block.get(option.name, option.default))
        for option, value in block.items():
            out.setdefault((key, option), plain(value))
    return out


def _space(space: Any, path: JsonPath, out: dict[JsonPath, Any]) -> None:
    if not isinstance(space, Mapping):
        out[path] = plain(space)
        return
    for key, value in space.items():
        here = (*path, key)
        label = "/".join(str(p) for p in here[1:])
        meant = meaning(value, label)
        if isinstance(meant, dict) and meant:  # a group: its parameters are lost one by one
            for inner, item in meant.items():
                place: JsonPath = (*here, inner)
                out[place] = item
        else:
            out[here] = meant


def lost_paths(written: Any, back: Any) -> list[JsonPath]:
    """The places of ``written`` whose meaning ``back`` does not have. A search algorithm or
    scheduler that comes back as another type is one loss, not one per option."""
    ours, theirs = canonical(written), canonical(back)
    lost = [path for path, value in ours.items() if theirs.get(path, _NONE) != value]
    retyped = {path[0] for path in lost if path[0] in _COMPONENTS and path[1:] == ("type",)}
    return [path for path in lost if path[0] not in retyped or path[1:] == ("type",)]


_NONE = object()


def read_back(target: Format, text: str, file: str) -> Any:
    """The spec data ``text``, written as ``target``, reads back as (``None`` if it does not)."""
    if target.python:
        reading = target.read(text, file)
    else:
        doc = load_text(text, file, sized=False)
        if doc.fatal:
            return None
        reading = target.read(doc)
    kept = getattr(reading.data, "text", None)  # a module that says what its spec copy says
    return load_text(kept, file, sized=False).data if isinstance(kept, str) else reading.data


def decide(
    doc: Document, target: Format, written: Writing, file: str | None = None
) -> list[Diagnostic]:
    """The findings of writing the spec ``doc`` as ``target`` (to ``file``, beside the spec by
    default): the writer's own, but its X001 only where the node is really lost; an X001 for
    every other node lost; and an X004 note for each feature the target keeps but runs
    otherwise."""
    if written.text is None or target.id == "spec":
        return list(written.diagnostics)
    back = read_back(target, written.text, file or doc.file)
    if back is None:  # a writer's bug, not the input's: said, not hidden
        return [
            *written.diagnostics,
            Locator(doc).at_value(
                "X001",
                f"{target.id}: the written file does not read back as {target.id}",
                (),
                severity=Severity.ERROR,
            ),
        ]
    lost = lost_paths(doc.data, back)
    explained = [d for d in written.diagnostics if d.code == "X001"]
    found = [d for d in written.diagnostics if d.code != "X001"]
    rows = list(table_rows(Context(doc, (target.id,)), target.id))
    here = Locator(doc)
    for path in lost:
        found.append(_loss(here, target, path, doc.data, back, explained, rows))
    for use, row in rows:
        if not any(_related(use.path, path) for path in lost):
            place = here.at_key if use.on_key else here.at_value
            message = describe_row(target.id, use, row) + "; here nothing is lost"
            found.append(place("X004", message, use.path, hint=row.note))
    for use, row in noted_rows(Context(doc, (target.id,)), target.id):
        if any(_related(use.path, path) for path in lost):
            continue
        place = here.at_key if use.on_key else here.at_value
        title = FEATURES_BY_ID[use.feature].title
        found.append(place("X004", f"{target.id}: {title}: {row.note}", use.path))
    return found


def _related(a: JsonPath, b: JsonPath) -> bool:
    """Whether two paths are of one thing: one holds the other (a parameter and its
    distribution's arguments), or both are of one parameter of the space."""
    shorter = min(len(a), len(b))
    if a[:shorter] == b[:shorter]:
        return True
    return len(a) > 1 and len(b) > 1 and a[0] == b[0] == SPACE_KEY and a[1] == b[1]


def _loss(  # noqa: PLR0917 -- one call site, every argument a different thing
    here: Locator,
    target: Format,
    path: JsonPath,
    data: Any,
    back: Any,
    explained: list[Diagnostic],
    rows: list[tuple[Use, Row]],
) -> Diagnostic:
    where = ".".join(str(p) for p in path)
    ours, theirs = canonical(data).get(path), canonical(back).get(path, _NONE)
    how = "does not come back" if theirs is _NONE else f"comes back as {_short(theirs)}"
    if theirs is not _NONE and _short(theirs) == _short(ours):  # the change is inside it
        how = "comes back changed"
    # the writer's reasons nearest the node: a conditional choice's own, not its options' labels
    related = [d for d in explained if _related(d.path, path)]
    nearest = min((len(d.path) for d in related), default=0)
    reasons = dict.fromkeys(
        d.message.removeprefix(f"{target.id}: ") for d in related if len(d.path) == nearest
    )
    because = "; ".join(reasons) if reasons else None
    if because is None:
        because = next(
            (describe_row(target.id, u, r) for u, r in rows if _related(u.path, path)), None
        )
    message = f"{target.id}: `{where}` ({_short(ours)}) {how}"
    if because is not None:
        message += f" ({because.removeprefix(f'{target.id}: ')})"
    # what does not come back is the whole entry: its key; a setting that comes back changed
    # is its value; a parameter (or block) that comes back changed is its key
    changed_value = theirs is not _NONE and not isinstance(ours, (tuple, dict, list))
    place = here.at_value if changed_value else here.at_key
    return place("X001", message, path, severity=Severity.WARNING)


def _short(value: Any) -> str:
    """A meaning as people write it: `loguniform(low=1e-05, high=0.1)`, `choice[2 options]`."""
    if isinstance(value, tuple) and len(value) == 5:
        name, args, options, _, label = value
        shown = ", ".join(f"{k}={v!r}" for k, v in args.items())
        if options:
            shown = f"{len(options)} options" + (f", {shown}" if shown else "")
        text = f"{name}({shown})" + (f" labelled {label!r}" if label else "")
    else:
        text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
