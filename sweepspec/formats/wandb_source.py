"""W&B sweeps written as Python dicts (``wandb.sweep(sweep_config, project=...)``), parsed and
never run.

The sweep dict is found and evaluated with the shared static reader (:mod:`.pysource`): the
first argument of ``wandb.sweep(...)`` (or ``sweep=``), followed through names, item
assignments and ``update`` calls as Python runs them (``sweep_config["parameters"] =
parameters_dict`` and then ``parameters_dict.update({...})`` is one dict: the update is seen);
without such a call, a dict bound to a name with ``sweep`` in it that has ``parameters`` or
``method``. The plain W&B dict that gives, with where each of its keys was written, is then read
by the W&B reader (:mod:`.wandb`) and checked by W&B's own rules (:mod:`..checks.wandb`), so a
sweep in a script reads exactly as the same sweep in a YAML file; every finding is placed at the
module's line and column, through W&B's paths. What is known only at run time (``args.epochs``)
is named where it is, and the parameter (or setting) it is part of is left out, never guessed.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..comments import walk
from ..diagnostics import Diagnostic, JsonPath, Severity, Span
from ..loader import Document
from ..sourcemap import SourceMap
from .model import Reading
from .pyscope import Scope, lookup
from .pysource import (
    CallRead,
    SpaceReader,
    Unsupported,
    builds_dict,
    dotted,
    parse_tolerant,
    resolve_logs,
    skipped_lines,
    syntax_error,
)

# Names a W&B sweep dict is bound to, which are read as one without a `wandb.sweep` call.
SWEEP_NAMES = ("sweep", "sweep_config", "sweep_configuration", "sweep_cfg", "wandb_sweep")
# `wandb.sweep`'s keywords beside the sweep, that are keys of the sweep file too.
_KEYS = ("project", "entity")


def read_module(source: str, file: str = "<string>", space: str | None = None) -> Reading:
    """The registry's reader of a W&B sweep in Python source, as a spec."""
    try:
        tree, skipped = parse_tolerant(source, file)
    except SyntaxError as exc:
        return Reading(None, [syntax_error(exc, file)])
    reader = _SweepReader(source, file)
    reader.space_name = space
    reader.found.extend(skipped_lines(skipped, file))
    try:
        sweep = reader.sweep(tree)
    except Unsupported as exc:
        return Reading(None, [*reader.found, reader.at(exc.node, str(exc))])
    return reader.as_spec(sweep)


def mentions_wandb_sweep(source: str) -> bool:
    """Whether a module is a W&B sweep in Python: it imports wandb, and calls ``wandb.sweep``
    or binds a sweep dict (``sweep_config = {"method": ...}``); and it imports none of Ray,
    Optuna and hyperopt, whose readers read it."""
    from . import FORMATS

    if "wandb" not in source:
        return False
    # the engines of the other Python formats: a module that imports one is that format's
    # (the seed's `wandb.sweeps.config.hyperopt` too, whose `hp` is hyperopt's)
    others = {f.engine for f in FORMATS if f.python and f.engine is not None}
    try:
        tree, _ = parse_tolerant(source)
    except SyntaxError:
        return False
    wandb_names: set[str] = set()
    sweep_names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in others or "sweeps" in parts:
                    return False
                if alias.name == "wandb":
                    wandb_names.add(alias.asname or "wandb")
        elif isinstance(node, ast.ImportFrom) and not node.level:
            parts = (node.module or "").split(".")
            if parts[0] in others or "sweeps" in parts:
                return False
            if parts[0] == "wandb":
                wandb_names.add("wandb")  # a module that uses wandb
                sweep_names.update(a.asname or a.name for a in node.names if a.name == "sweep")
    if not wandb_names:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name in sweep_names or name in {f"{w}.sweep" for w in wandb_names}:
                return True
        if (
            isinstance(node, ast.Assign)
            and _sweep_dict(node.value)
            and any(isinstance(t, ast.Name) and _sweep_named(t.id) for t in node.targets)
        ):
            return True
    return False


def _sweep_named(name: str) -> bool:
    return name in SWEEP_NAMES or "sweep" in name.lower()


def _sweep_dict(node: ast.AST) -> bool:
    """A dict literal (or ``dict(...)``) with a ``method`` or ``parameters`` key written."""
    keys: list[Any] = []
    if isinstance(node, ast.Dict):
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
    elif isinstance(node, ast.Call) and dotted(node.func) == "dict":
        keys = [k.arg for k in node.keywords]
    return "method" in keys or "parameters" in keys


class _SweepReader(SpaceReader):
    def __init__(self, source: str, file: str) -> None:
        super().__init__(source, file)
        self.wandb: set[str] = set()  # names that mean the wandb module
        self.sweep_functions: set[str] = set()  # `from wandb import sweep`
        # the call that creates the sweep: names bound to mutable dicts are read as of it
        self.until: tuple[Scope, float] | None = None
        self.keywords: dict[str, ast.keyword] = {}  # `project=`, `entity=` of the call
        # mappings an entry of which could not be read (what holds them is not carried whole)
        self.partial: dict[int, ast.AST] = {}
        self.dict_nodes: list[ast.Dict] = []  # every dict literal read
        self.sweep_node: ast.AST = ast.Module(body=[], type_ignores=[])

    # finding the sweep

    def imports(self, node: ast.Import | ast.ImportFrom) -> None:
        super().imports(node)
        for alias in node.names:
            if isinstance(node, ast.Import) and alias.name == "wandb":
                self.wandb.add(alias.asname or "wandb")
            elif (
                isinstance(node, ast.ImportFrom)
                and node.module == "wandb"
                and alias.name == "sweep"
            ):
                self.sweep_functions.add(alias.asname or alias.name)

    def watches(self, call: ast.Call) -> bool:
        name = dotted(call.func)
        if name in self.sweep_functions:
            return True
        prefix, _, last = name.rpartition(".")
        return last == "sweep" and (prefix in self.wandb or prefix == "wandb")

    def wants(self, node: ast.AST, name: str | None) -> bool:
        if isinstance(node, ast.Call) and self.watches(node):
            return False
        if name is None or not _sweep_named(name):
            return False
        return _sweep_dict(node) or (name in SWEEP_NAMES and builds_dict(node, self.definitions))

    def optimiser(self, call: ast.Call, read: CallRead) -> None:
        """``wandb.sweep(sweep, entity=None, project=None, prior_runs=None)``."""
        keywords = self.keyword_arguments(call, "wandb.sweep")
        given = call.args[0] if call.args else getattr(keywords.get("sweep"), "value", None)
        read.space = given
        names = ("sweep", "entity", "project", "prior_runs")
        for extra, name in zip(call.args[1:], names[1:], strict=False):
            keywords.setdefault(name, ast.keyword(arg=name, value=extra))
        for extra in call.args[len(names) :]:
            self.not_carried(extra, "a positional argument of `wandb.sweep` it does not take")
        for name, keyword in keywords.items():
            if name in _KEYS:
                self.keywords.setdefault(name, keyword)
            elif name != "sweep":
                self.not_carried(keyword, f"`{name}=` of `wandb.sweep` is no part of the sweep")

    def nothing_found(self) -> str:
        names = ", ".join(f"`{n}`" for n in SWEEP_NAMES)
        return (
            "no W&B sweep found: nothing is given to `wandb.sweep`, and no dict with `method` "
            f"or `parameters` is bound to a name such as {names}"
        )

    def as_space(self, space: Any, chosen: Any) -> CommentedMap:
        if not isinstance(space, CommentedMap):
            raise Unsupported(chosen.node, "a W&B sweep is a dict, such as `{'method': ...}`")
        return space

    def sweep(self, tree: ast.Module) -> CommentedMap:
        """The W&B sweep dict the module gives ``wandb.sweep`` (or binds), read as Python
        builds it, with every entry that cannot be read named."""
        chosen, calls = self.find_space(tree)
        for read in calls:
            self.found.extend(read.found)
        if chosen.use is not None:
            _, scope, stamp = chosen.use
            self.until = (scope, stamp)
        else:
            self.until = (chosen.scope, float("inf"))
        sweep = self.space_of(chosen)
        self.sweep_node = chosen.node
        for name, keyword in self.keywords.items():
            self.call_key(sweep, name, keyword)
        return sweep

    def call_key(self, sweep: CommentedMap, name: str, keyword: ast.keyword) -> None:
        """``project=``/``entity=`` of the call: the sweep's, where its dict has none."""
        try:
            value = self.value(keyword.value)
        except Unsupported as exc:
            self.not_carried(keyword, f"`{name}=` of `wandb.sweep`: {exc}")
            return
        if name in sweep and sweep[name] != value:
            self.not_carried(
                keyword,
                f"`{name}={value!r}` of `wandb.sweep` beside the sweep's own `{name}` "
                f"({sweep[name]!r}, which is kept)",
            )
            return
        if value is None:
            return  # `entity=None`: wandb.sweep's default, not given
        if name not in sweep:
            sweep[name] = value
            self.origin(sweep, name, keyword)

    def resolve(self, name: str) -> Any:
        """A name as of where the reader is, except that a dict bound to it is the object the
        ``wandb.sweep`` call sees: changed after it was put into the sweep
        (``sweep_config["parameters"] = parameters_dict``, then ``parameters_dict.update(...)``),
        the change is the sweep's too, as the dict is one object."""
        found = super().resolve(name)
        if self.until is None or not isinstance(found, list) or not found:
            return found
        scope, stamp = self.place
        until_scope, until_stamp = self.until
        if scope is not until_scope or until_stamp <= stamp:
            return found
        later = lookup(scope, name, until_stamp)
        mutable = isinstance(found[0].node, (ast.Dict, ast.Call, ast.DictComp))
        if mutable and isinstance(later, list) and later and later[0] is found[0]:
            return later
        return found

    # reading entries

    def mapping(self, node: ast.Dict) -> CommentedMap:
        out = super().mapping(node)
        self.dict_nodes.append(node)
        if len(out) < len(node.keys):
            self.partial[id(out)] = node
        return out

    def dict_call(self, node: ast.Call) -> CommentedMap:
        out = super().dict_call(node)
        written = [k for k in node.keywords if k.arg is not None]
        if len(out) < len(written):
            self.partial[id(out)] = node
        return out

    def skipped(self, exc: Unsupported, what: str, entry: ast.AST | None = None) -> None:
        super().skipped(exc, what, entry)
        # the entry is named where it is; a W&B parameter without it means something else
        self.found[-1] = replace(self.found[-1], code="X003", severity=Severity.WARNING)

    # the W&B dict -> the spec

    def as_spec(self, sweep: CommentedMap) -> Reading:
        from ..check import check_document
        from . import wandb

        self.leave_out_partial(sweep, ())
        try:
            # `math.log(x)` is the number Python computes (W&B has no log bounds to keep)
            resolve_logs(sweep)
        except Unsupported as exc:
            return Reading(None, [*self.found, self.at(exc.node, str(exc))])
        spans = self.spans(sweep)
        doc = Document(self.file, "", sweep, spans)
        if not sweep.get("parameters") and "method" not in sweep:
            empty = self.at(self.sweep_node, "the W&B sweep has neither `method` nor `parameters`")
            return Reading(None, [*self.found, empty])
        checked = [
            _as_python(d)
            for d in check_document(doc, source_format="wandb")
            # W001 is about YAML 1.1, which Python never goes through; W002 the reader says
            if d.code not in ("W001", "W002")
        ]
        converted = wandb.to_spec(doc)
        found = [*self.found, *checked, *(_as_python(d) for d in converted.diagnostics)]
        origins: dict[tuple[Any, ...], Span] = {}
        written = self.locate(sweep)
        for path, _ in walk(converted.data, ()):
            came_from = tuple(wandb.origin(path, sweep))
            if came_from[-1:] == ("value",) and came_from[:-1] in written:
                came_from = came_from[:-1]  # a constant is its parameter, `{"value": 1}`
            if path and came_from in written:
                origins[path] = written[came_from]
        parameters = sweep.get("parameters")
        made = self.made_by.get(id(parameters))
        if isinstance(made, (ast.Dict, ast.Call)) and ("param_space",) in origins:
            # the space is the dict the parameters were written in (`parameters_dict = {...}`),
            # not the name that puts it into the sweep: its comments are the space's
            origins[("param_space",)] = self.at(made, "").span
        # the sweep's dict: a note at the end of `'metric': {` is the sweep's too
        notes = [self.at(self.sweep_node, "").span] if isinstance(self.sweep_node, ast.Dict) else []
        return Reading(converted.data, found, origins, self.regions(sweep), notes)

    def regions(self, sweep: CommentedMap) -> list[Span]:
        """The dict literals that hold parameters of the sweep (`parameters_dict = {...}`, the
        dicts given to its `update`): their notes and commented-out entries are the space's."""
        made: set[int] = set()
        for _, value in walk(sweep.get("parameters"), ()):
            if isinstance(value, dict):
                made.update(id(node) for node in self.origins.get(id(value), {}).values())
        return [
            self.at(node, "").span
            for node in self.dict_nodes
            if any(id(v) in made for v in node.values)
        ]

    def leave_out_partial(self, value: Any, path: JsonPath) -> bool:
        """Leave out each parameter (and each top-level setting) one of whose entries could not
        be read: what is left of it would mean something else (a `{value: args.epochs}`
        without its value is no constant). Whether ``value`` holds such a mapping."""
        inside = False
        if isinstance(value, dict):
            for key in list(value):
                here = (*path, key)
                if not self.leave_out_partial(value[key], here):
                    continue
                unit = len(here) == 1 and key != "parameters"
                unit = unit or (len(here) >= 2 and here[-2] == "parameters")
                if unit:
                    node = self.origins.get(id(value), {}).get(key)
                    where = node if node is not None else self.sweep_node
                    what = "parameter" if len(here) > 1 else "setting"
                    name = ".".join(str(p) for p in here if p != "parameters")
                    problem = self.at(
                        where,
                        f"the {what} `{name}` is not carried: a part of it "
                        "is known only when the module runs (named at its line)",
                    )
                    self.found.append(replace(problem, severity=Severity.WARNING))
                    del value[key]
                else:
                    inside = True
            own = id(value) in self.partial and bool(path) and path[-1] != "parameters"
            inside = inside or own
        elif isinstance(value, list):
            inside = any(self.leave_out_partial(item, (*path, i)) for i, item in enumerate(value))
        return inside

    def spans(self, sweep: CommentedMap) -> SourceMap:
        """Where each W&B path of ``sweep`` is in the module (the W&B reader and checks place
        their findings with it)."""
        spans = SourceMap()
        spans.add((), self.at(self.sweep_node, "").span)
        for path, span in self.locate(sweep).items():
            spans.add(path, span)
        return spans


def _as_python(found: Diagnostic) -> Diagnostic:
    """A finding of the W&B rules on the dict: its fix edits YAML text, not Python."""
    return replace(found, fix=None) if getattr(found, "fix", None) is not None else found
