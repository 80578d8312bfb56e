"""Python source with a Ray Tune search space -> spec, parsed and never run.

It reads what people write: ``param_space``/``config``/``search_space`` dict literals of
``tune.*`` calls, ``tune.Tuner(trainable, param_space=..., tune_config=tune.TuneConfig(...),
run_config=tune.RunConfig(stop=...))`` and the older ``tune.run(trainable, config=..., ...)``,
with searcher and scheduler constructors whose arguments are literals. Comments in the space are
kept. The walk and comment handling are those of :mod:`.pysource`; only the vocabulary
differs. Ray's argument names are from ``ray-project/ray`` ``python/ray/tune/search/sample.py``.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..diagnostics import Severity
from ..normalise import disambiguate_groups, drop_derived_labels
from ..vocabulary import SCHEDULER_BY_TYPE, SEARCH_BY_TYPE
from ..yamlio import flow_map, flow_seq, is_flow
from . import optuna as optuna_model
from .model import Reading
from .pyscope import Scope, Seen, Unknown, Walker
from .pysource import (
    CallRead,
    Candidate,
    SourceResult,
    SpaceReader,
    Unsupported,
    builds_dict,
    dotted,
    imports_package,
    parse_tolerant,
    resolve_logs,
    skipped_lines,
    syntax_error,
)
from .tune import SCHEDULERS, SEARCHERS, TUNE_FUNCTIONS

# ray.tune function -> its argument names with their defaults (ray-project/ray
# python/ray/tune/search/sample.py); the spec distribution is the one `TUNE_FUNCTIONS` maps to it.
_BOUNDS = (("lower", None), ("upper", None))
ARGUMENTS: dict[str, tuple[tuple[str, Any], ...]] = {
    "uniform": _BOUNDS,
    "quniform": (*_BOUNDS, ("q", None)),
    "loguniform": _BOUNDS,
    "qloguniform": (*_BOUNDS, ("q", None)),
    "randn": (("mean", 0.0), ("sd", 1.0)),
    "qrandn": (("mean", None), ("sd", None), ("q", None)),
    "randint": _BOUNDS,
    "qrandint": (*_BOUNDS, ("q", 1)),
    "lograndint": _BOUNDS,
    "qlograndint": (*_BOUNDS, ("q", None)),
}
SPEC_NAMES = {function: spec for spec, function in TUNE_FUNCTIONS.items()}
_BASE = (
    "`base` changes the logarithm, not the distribution between the bounds; the spec's "
    "distribution is the same without it"
)
SPACE_NAMES = ("param_space", "config", "search_space", "space")
# Keywords of TuneConfig (and of the older tune.run) that are top-level keys of the spec.
TOP_LEVEL = ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s")
_KINDS = {name: kind for table in (SEARCHERS, SCHEDULERS) for kind, (_, name) in table.items()}
_KINDS["ASHAScheduler"] = "async_hyperband"  # Ray's alias
# spec type -> the options the spec has for it (Ray's keyword names)
_OPTIONS = {
    kind: {option.name for option in component.options}
    for kind, component in {**SEARCH_BY_TYPE, **SCHEDULER_BY_TYPE}.items()
}


def read(source: str, file: str = "<string>", space: str | None = None) -> SourceResult:
    """A spec from Python source holding a Ray Tune space, without running the source."""
    try:
        tree, skipped = parse_tolerant(source, file)
    except SyntaxError as exc:
        return SourceResult(None, [syntax_error(exc, file)])
    reader = _TuneReader(source, file)
    reader.space_name = space
    reader.found.extend(skipped_lines(skipped, file))
    try:
        data = reader.tune_module(tree)
    except Unsupported as exc:
        return SourceResult(None, [*reader.found, reader.at(exc.node, str(exc))])
    data = reader.with_template(data, tree, _merge_script)
    return SourceResult(data, reader.found, reader.locate(data))


def _merge_script(template: str, data: CommentedMap, file: str, implied: set[str]) -> Any:
    """A script written by ``convert --to tune``: its spec copy, with what the code now says
    differently (the searcher included, which a Ray Tune script names)."""
    from ..loader import load_text
    from ..yamlio import flow_map
    from .hyperopt_source import _merge

    copy = load_text(template, file).data
    for key, default in (("search_alg", "variant_generator"), ("scheduler", "fifo")):
        # a script that names no searcher (scheduler) runs Ray's default: the copy's own one
        # does not come back
        if isinstance(copy, Mapping) and key in copy and key not in data:
            data.insert(len(data) - 1, key, flow_map(("type", default)))
    return _merge(template, data, file, implied, skip=("sweepspec",))


def read_module(source: str, file: str = "<string>", space: str | None = None) -> Reading:
    """The registry's reader: a Ray Tune script, parsed and never run, as a spec."""
    found = read(source, file, space)
    return Reading(found.data, found.diagnostics, found.origins)


def mentions_ray(source: str) -> bool:
    """Whether a module imports Ray (so that a ``.py`` file is read as Ray Tune, not hyperopt)."""
    return imports_package(source, "ray")


class _TuneReader(SpaceReader):
    def __init__(self, source: str, file: str) -> None:
        super().__init__(source, file)
        self.tune: set[str] = set()  # names that mean ray.tune
        self.direct: dict[str, str] = {}  # `from ray.tune import uniform as u`: u -> uniform
        self.current = CallRead(ast.Call(ast.Name("run"), [], []), (self.place[0], 0.0))
        self.declared: ast.Constant | None = None  # the module's `PROGRAM = ...`, if any
        self.reads: list[CallRead] = []  # every optimiser call read
        self.rllib: set[str] = set()  # names imported from ray.rllib
        self.rllib_named: set[int] = set()  # the arguments of an RLlib config already named
        # each dataclass whose fields are domains -> its fields (see `dataclass_fields`)
        self.dataclasses: dict[int, list[tuple[str, ast.expr | None, ast.AST]]] = {}

    def tune_module(self, tree: ast.Module) -> CommentedMap:
        # `PROGRAM = "train.py"` (or `None`): what a script `convert --to tune` wrote runs; its
        # trainable is the writer's, which runs that script (or says there is none)
        self.declared = next(
            (
                s.value
                for s in tree.body
                if isinstance(s, ast.Assign)
                and [ast.unparse(t) for t in s.targets] == ["PROGRAM"]
                and isinstance(s.value, ast.Constant)
                and isinstance(s.value.value, (str, type(None)))
            ),
            None,
        )
        chosen, calls = self.find_space(tree)
        self.read_template()
        settings = CommentedMap()
        if self.declared is not None and isinstance(self.declared.value, str):
            self.setting(settings, "program", self.declared)
        for read in calls:
            self.found.extend(read.found)
            if read.space is not None and read.key is None:
                self.not_carried(
                    read.space,
                    f"the space given here, `{ast.unparse(read.space)}`, is known only when "
                    f"the module runs (the spec has `{chosen.name}`, the module's only space, "
                    "which may not be it)",
                )
            for key, value in read.settings.items():
                self.setting_from(settings, read.settings, key, value)
        out = CommentedMap([("sweepspec", 1)])
        for key in (
            "name",
            "program",
            *TOP_LEVEL,
            "resources_per_trial",
            "search_alg",
            "scheduler",
            "stop",
        ):
            if key in settings and self.blank_block(key, settings):
                continue
            if key in settings:
                out[key] = settings[key]
                self.origin(out, key, self.origins[id(settings)][key])
        space = self.space_of(chosen)
        self.unshared(space)  # an hp node used twice (HyperOptSearch's space)
        drop_derived_labels(space)  # an hp space's labels, where they are the derived ones
        out["param_space"] = disambiguate_groups(space)
        self.origin(out, "param_space", chosen.node)
        _no_limiter_inside(out)
        resolve_logs(out)
        return out

    def blank_block(self, key: str, settings: CommentedMap) -> bool:
        """Whether ``stop`` or ``resources_per_trial`` is a dict with no entry: left out, as
        the spec says the same without it (and needs at least one entry in it). Emptied by
        entries known only at run time, each is already named; written empty, it is noted."""
        if key not in ("stop", "resources_per_trial") or settings[key] != {}:
            return False
        node = self.origins.get(id(settings), {}).get(key)
        if isinstance(node, ast.Dict) and not node.keys:
            note = self.at(node, f"an empty `{key}` says nothing: the spec leaves it out", "X001")
            self.found.append(replace(note, severity=Severity.INFO))
        return True

    def imports(self, node: ast.Import | ast.ImportFrom) -> None:
        super().imports(node)  # hp spaces given to HyperOptSearch (the seed's own pattern)
        for alias in node.names:
            name = alias.asname or alias.name
            if isinstance(node, ast.Import):
                if alias.name == "ray.tune" and alias.asname:
                    self.tune.add(alias.asname)
                elif alias.name.startswith("ray.rllib") and alias.asname:
                    self.rllib.add(alias.asname)
                elif alias.name.split(".")[0] == "ray":
                    self.tune.add("ray.tune")
            elif node.module == "ray" and alias.name == "tune":
                self.tune.add(name)
            elif (node.module or "").startswith("ray.rllib"):
                self.rllib.add(name)
            elif node.module == "ray.tune" and (
                alias.name in ARGUMENTS or alias.name in _OTHER or alias.name in _NAMED
            ):
                self.direct[name] = alias.name

    def watches(self, call: ast.Call) -> bool:
        return self.function(call) in ("Tuner", "run", "run_experiments")

    def wants(self, node: ast.AST, name: str | None) -> bool:
        if isinstance(node, ast.Call) and self.watches(node):
            return False
        if name in SPACE_NAMES and builds_dict(node, self.definitions):
            return True
        return any(
            isinstance(n, ast.Call)
            and (self.function(n) in ARGUMENTS or self.function(n) in _NAMED)
            for n in ast.walk(node)
        ) or self.mentions_hp(node)

    def nothing_found(self) -> str:
        names = ", ".join(f"`{n}`" for n in SPACE_NAMES)
        return (
            "no Ray Tune space found: no `tune.*` domain is assigned, returned, or given to "
            f"`Tuner`/`tune.run` anywhere in the module, and no dict is named {names}"
        )

    def optimiser(self, call: ast.Call, read: CallRead) -> None:
        self.current = read
        self.runner(call, read)

    def program(self, out: CommentedMap, node: ast.expr, what: str) -> None:
        """The trainable, through ``tune.with_resources(train, {...})`` (its resources are the
        spec's ``resources_per_trial``) and ``tune.with_parameters(train, data=...)`` (whose
        objects exist only when the script runs)."""
        if self.follow_program(out, node, what):  # `trainable = tune.with_resources(...)`
            return
        call = node if isinstance(node, ast.Call) else None
        wrapper = self.function(call) if call is not None else ""
        if call is None or wrapper not in ("with_resources", "with_parameters"):
            if self.declared is None:  # else `PROGRAM` says what runs
                super().program(out, node, what)
            return
        if not call.args:
            self.not_carried(call, f"`{wrapper}` without the trainable")
            return
        if wrapper == "with_resources":
            resources = call.args[1] if len(call.args) > 1 else None
            keywords = self.keyword_arguments(call, wrapper)
            resources = resources or getattr(keywords.get("resources"), "value", None)
            if resources is not None:
                self.setting(out, "resources_per_trial", resources)
        else:
            for extra in [*call.args[1:], *call.keywords]:
                self.not_carried(
                    extra,
                    "an object given to the trainable with `with_parameters` exists only when "
                    "the script runs",
                )
        self.program(out, call.args[0], what)

    def function(self, node: ast.Call) -> str:
        """The ray.tune function or class a call names, or ``""``."""
        name = dotted(node.func)
        if name in self.direct:
            return self.direct[name]
        prefix, _, last = name.rpartition(".")
        if prefix in self.tune or last in _KINDS or last in ("ConcurrencyLimiter",):
            return last
        return ""

    def runner(self, call: ast.Call, read: CallRead) -> None:
        """``tune.Tuner(...)`` or ``tune.run(...)``: the space, and the settings around it."""
        function = self.function(call)
        if function == "run_experiments":
            self.experiments(call, read)
            return
        keywords = self.keyword_arguments(call, function)
        first = "trainable" if function == "Tuner" else "run_or_experiment"
        trainable = call.args[0] if call.args else getattr(keywords.get(first), "value", None)
        if trainable is not None:
            self.program(read.settings, trainable, "trainable")
        for extra in call.args[1:]:
            self.not_carried(extra, f"a positional argument of `{function}` after the trainable")
        for name, keyword in keywords.items():
            if name in ("param_space", "config"):
                self.space_given(keyword.value)
            elif name in ("tune_config", "run_config"):
                config = self.call_named(keyword.value)
                if config is None:
                    self.not_carried(keyword, f"`{name}=` is known only when the module runs")
                else:
                    self.settings_from(config)
            elif name != first:
                self.setting_of(keyword, function)

    def space_given(self, node: ast.expr) -> None:
        """The space an optimiser call is given; a parameter of the function around the call
        (``def run(space=space): HyperOptSearch(space=space)``) is what the module's one call
        of that function gives it, else its default, read where the ``def`` is, when no call
        in the module gives that parameter."""
        found = self.parameter_default(node)
        if found is None:
            self.current.space = node
        else:
            self.current.space, self.current.where = found

    def candidates(self, walker: Walker, reads: list[CallRead]) -> list[Candidate]:
        found = super().candidates(walker, reads)
        found = [c for c in found if c.passed or not self.parameter_copy(c)]
        for scope in walker.scopes:
            for name, events in scope.events.items():
                for event in events:
                    if event.kind != "class" or not isinstance(event.node, ast.ClassDef):
                        continue
                    with self.at_place(scope, event.stamp + 0.5):
                        fields = self.dataclass_fields(event.node)
                    if not any(self.wants(value, None) for _, value, _ in fields if value):
                        continue
                    # a dataclass whose fields are domains: one space, each field a parameter
                    self.dataclasses[id(event.node)] = fields
                    inside = {id(n) for _, _, written in fields for n in ast.walk(written)}
                    found = [c for c in found if id(c.node) not in inside]
                    found.append(
                        Candidate(scope.qualified(name), event.node, scope, event.stamp + 0.5)
                    )
        return found

    def dataclass_fields(self, node: ast.ClassDef) -> list[tuple[str, ast.expr | None, ast.AST]]:
        """A ``@dataclass``'s fields, its bases' (of this module) first: each name, the
        expression of its default (``x: T = v``, ``field(default=v)``,
        ``field(default_factory=lambda: v)``; None for none), and where it is written."""
        decorators = [d.func if isinstance(d, ast.Call) else d for d in node.decorator_list]
        if not any(dotted(d).rpartition(".")[2].endswith("dataclass") for d in decorators):
            return []
        fields: dict[str, tuple[str, ast.expr | None, ast.AST]] = {}
        for base in node.bases:
            found = self.resolve(base.id) if isinstance(base, ast.Name) else None
            if isinstance(found, list) and isinstance(found[0].node, ast.ClassDef):
                fields.update((f[0], f) for f in self.dataclass_fields(found[0].node))
        for statement in node.body:
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                if "ClassVar" in ast.unparse(statement.annotation):
                    continue
                target, value = statement.target, statement.value
            elif (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, ast.Call)
                and dotted(statement.value.func).rpartition(".")[2] == "field"
            ):
                # `x = field(...)` without an annotation (dataclasses refuses it; its intent read)
                target, value = statement.targets[0], statement.value
            else:
                continue
            if isinstance(value, ast.Call) and dotted(value.func).rpartition(".")[2] == "field":
                options = {k.arg: k.value for k in value.keywords}
                factory = options.get("default_factory")
                if "default" in options:
                    value = options["default"]
                elif isinstance(factory, ast.Lambda):
                    value = factory.body
                elif factory is None:
                    value = None
                else:  # `field(default_factory=list)`: what calling it makes
                    value = ast.copy_location(ast.Call(factory, [], []), factory)
            fields[target.id] = (target.id, value, statement)
        return list(fields.values())

    def dataclass_space(self, node: ast.ClassDef) -> CommentedMap:
        """The space of a dataclass of domains: each field a parameter, or named."""
        out = CommentedMap()
        previous_end = node.lineno
        fields = self.dataclasses.get(id(node)) or self.dataclass_fields(node)
        for name, value, statement in fields:
            if value is None:
                problem = self.at(
                    statement,
                    f"`{name}` is not carried: it has no default, so its value is "
                    "given when the class is made, known only when the module runs",
                )
                self.found.append(replace(problem, severity=Severity.WARNING))
                continue
            try:
                with self.at_place(*self.field_place(statement)):
                    out[name] = self.value(value)
            except Unsupported as exc:
                self.skipped(exc, f"`{name}`", value)
                continue
            self.origin(out, name, value)
            line = getattr(statement, "lineno", previous_end)
            end = getattr(statement, "end_lineno", line) or line
            if previous_end < line:  # a base's field, written above, keeps no comment here
                self.attach(out, name, previous_end, line, end)
                previous_end = end
        return out

    def field_place(self, statement: ast.AST) -> tuple[Scope, float]:
        """Where a dataclass field's default is read: in its class body, as it is written; a
        ``default_factory`` runs when the class is made, seeing the module's names (not the
        class body's)."""
        written = getattr(statement, "value", None)
        factory = isinstance(written, ast.Call) and any(
            k.arg == "default_factory" for k in written.keywords
        )
        for scope in self.class_scopes.values():
            for events in scope.events.values():
                for event in events:
                    if event.node is written and factory and scope.parent is not None:
                        return scope.parent, float("inf")
                    if event.node is written:
                        return scope, event.stamp + 0.5
        return self.place

    def space_of(self, chosen: Candidate) -> CommentedMap:
        if id(chosen.node) in self.dataclasses:
            assert isinstance(chosen.node, ast.ClassDef)
            with self.at_place(chosen.scope, chosen.stamp):
                return self.as_space(self.dataclass_space(chosen.node), chosen)
        return super().space_of(chosen)

    def parameter_copy(self, candidate: Candidate) -> bool:
        """``config = dict(config_in)`` in a trainable, with no domain put in it later: a
        copy of what the function is given, which is no space of the module's."""
        node, name = candidate.node, candidate.name_bound
        if name is None or not isinstance(node, ast.Call) or node.keywords:
            return False
        function = dotted(node.func)
        if function in ("dict", "copy.copy", "copy.deepcopy", "deepcopy") and len(node.args) == 1:
            source = node.args[0]
        elif isinstance(node.func, ast.Attribute) and node.func.attr == "copy" and not node.args:
            source = node.func.value
        else:
            return False
        if not isinstance(source, ast.Name):
            return False
        with self.at_place(candidate.scope, candidate.stamp):
            if not isinstance(self.resolve(source.id), Unknown):
                return False
        later = [
            e
            for e in candidate.scope.events.get(name, [])
            if e.stamp > candidate.stamp and e.kind != "bind"
        ]
        return not any(self.wants(e.node, None) for e in later)

    def find_space(self, tree: ast.Module) -> tuple[Candidate, list[CallRead]]:
        try:
            return super().find_space(tree)
        except Unsupported as exc:
            if str(exc) == self.nothing_found():
                self.nothing_readable(tree)
            raise

    def nothing_readable(self, tree: ast.Module) -> None:
        """No space found, though the module gives one or writes domains: why, truthfully. A
        space given as a value known only at run time (a parameter of the function around the
        call) is said at the call; else each domain is named at its place, with what it is
        put in."""
        for read in self.reads:
            if read.space is None:
                continue
            what = dotted(read.call.func) or "the optimiser"
            why = "it is known only when the module runs"
            if isinstance(read.space, ast.Name):
                with self.at_place(*read.where):
                    found = self.resolve(read.space.id)
                if isinstance(found, Unknown):
                    why = f"{found.why}, known only when the module runs"
            raise Unsupported(
                read.space,
                f"no Ray Tune space found: the space given to `{what}`, "
                f"`{ast.unparse(read.space)}`, is what the module has, and {why}",
            )
        owners: dict[int, ast.AST] = {}  # each node -> the innermost function it is in
        for node in ast.walk(tree):  # outer functions first
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                owners.update((id(inner), node) for inner in ast.walk(node) if inner is not node)
        statements = {
            id(inner): statement
            for statement in ast.walk(tree)
            if isinstance(statement, ast.stmt)
            for inner in ast.walk(statement)
        }
        domains = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and (self.function(n) in ARGUMENTS or self.function(n) in _NAMED)
        ]
        named = [self.domain_nowhere(d, owners, statements) for d in domains]
        for domain, message in zip(domains[1:], named[1:], strict=True):
            self.found.append(self.at(domain, message))
        if domains:
            raise Unsupported(domains[0], named[0])

    def domain_nowhere(
        self, domain: ast.Call, owners: dict[int, ast.AST], statements: dict[int, ast.stmt]
    ) -> str:
        """What a domain that is in no space is put in, and why that is no space."""
        text = f"`{dotted(domain.func)}(...)`"
        statement = statements.get(id(domain))
        function = owners.get(id(domain))
        target = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]  # `params["lr"] = tune.uniform(...)`
        elif (
            isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Attribute)
            and statement.value.func.attr in ("update", "setdefault")
        ):
            target = statement.value.func.value  # `params.update(lr=tune.uniform(...))`
        while isinstance(target, ast.Subscript):
            target = target.value
        parameters = (
            {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            else set()
        )
        if isinstance(target, ast.Name) and target.id in parameters:
            assert isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            return (
                f"no Ray Tune space found: {text} is put in `{target.id}`, a parameter of "
                f"`{function.name}`; the space it is part of is what the caller passes, known "
                "only when the module runs"
            )
        return (
            f"no Ray Tune space found: {text} is in no space the reader follows (a dict with a "
            "`tune.*` domain assigned to a name, returned, or given to `Tuner`/`tune.run`)"
        )

    def read_call(self, seen: Seen) -> CallRead:
        read = super().read_call(seen)
        self.reads.append(read)
        if read.space is not None and read.where != (seen.scope, seen.stamp):
            with self.at_place(*read.where):  # a parameter's default, read where the def is
                read.key = self.key_of(read.space)
        return read

    def experiments(self, call: ast.Call, read: CallRead) -> None:
        """``tune.run_experiments({"name": {"run": train, "config": {...}, ...}})``: the first
        experiment's space and settings (an experiment is what ``tune.run`` runs)."""
        given = call.args[0] if call.args else None
        table = self.dict_node(given) if given is not None else None
        if table is None:
            where = given if given is not None else call
            self.not_carried(
                where, "the experiments of `run_experiments` are known only when it runs"
            )
            return
        for extra in call.args[1:]:
            self.not_carried(extra, "a positional argument of `run_experiments`")
        for keyword in call.keywords:
            self.setting_of(keyword, "run_experiments")
        for index, (key, value) in enumerate(zip(table.keys, table.values, strict=True)):
            spec = self.dict_node(value)
            if index > 0 or key is None or spec is None:
                self.not_carried(
                    key or value, "a second experiment of `run_experiments` (a spec is one sweep)"
                )
                continue
            self.setting(read.settings, "name", key)
            for entry, item in zip(spec.keys, spec.values, strict=True):
                option = entry.value if isinstance(entry, ast.Constant) else None
                if option == "run":
                    self.program(read.settings, item, "trainable")
                elif option == "config":
                    read.space = item
                elif isinstance(option, str):
                    self.setting_of(ast.keyword(arg=option, value=item), "run")
                else:
                    self.not_carried(entry or item, "an experiment key known only when it runs")

    def dict_node(self, node: ast.expr) -> ast.Dict | None:
        """A dict literal written in place or bound to a name."""
        if isinstance(node, ast.Dict):
            return node
        if isinstance(node, ast.Name):
            found = self.resolve(node.id)
            if isinstance(found, list) and len(found) == 1 and isinstance(found[0].node, ast.Dict):
                return found[0].node
        return None

    def settings_from(self, call: ast.Call) -> None:
        """The keywords of ``TuneConfig(...)`` or ``RunConfig(...)``."""
        owner = dotted(call.func)
        for extra in call.args:
            self.not_carried(extra, f"a positional argument of `{owner}`")
        for keyword in self.keyword_arguments(call, owner).values():
            self.setting_of(keyword, owner)

    def setting_of(self, keyword: ast.keyword, owner: str) -> None:
        """One keyword of a runner or its configs: a spec setting, or named as not carried."""
        name = str(keyword.arg)
        if name in TOP_LEVEL or name in ("scheduler", "stop", "resources_per_trial"):
            self.setting(self.current.settings, name, keyword.value)
        elif name == "name" and (owner.endswith("RunConfig") or owner == "run"):
            # the experiment's name, as a W&B sweep's name is the sweep's
            self.setting(self.current.settings, name, keyword.value)
        elif name == "search_alg":
            try:
                value = self.value(keyword.value)
            except Unsupported as exc:
                self.not_carried(exc.node, f"`search_alg=`: {exc}")
                return
            if isinstance(value, _Limited):
                self.setting(
                    self.current.settings, "max_concurrent_trials", value.node, value.limit
                )
                value = value.block
            self.setting(self.current.settings, name, keyword.value, value)
        else:
            self.not_carried(keyword, f"`{name}=` of `{owner}` has no place in the spec")

    def read_value(self, node: ast.expr) -> Any:
        read = super().read_value(node)
        written = isinstance(node, ast.Dict) or (
            isinstance(node, ast.Call) and dotted(node.func) == "dict"
        )
        if written and isinstance(read, CommentedMap) and not is_flow(read):
            return self.variant(read, node)
        return read

    def variant(self, read: CommentedMap, node: ast.expr) -> Any:
        """A dict as Ray's variant generator reads it (``_try_resolve`` in ray-project/ray
        ``python/ray/tune/search/variant_generator.py``): a dict whose one key is
        ``grid_search`` is a grid search (``tune.grid_search`` returns just that dict), one
        whose one key is ``eval`` is code run to draw a value; any other dict is a group."""
        keys = list(read)
        if keys == ["grid_search"]:
            options = read["grid_search"]
            if not isinstance(options, list):
                raise Unsupported(node, "`grid_search` takes a list")
            # the dict read is dropped for the grid: its origins go too (kept under its id,
            # they would be taken for those of the next mapping that gets the same id)
            self.origins.pop(id(read), None)
            return flow_map(("grid_search", flow_seq(list(options))))
        if keys == ["eval"]:
            self.origins.pop(id(read), None)
            raise Unsupported(
                node,
                "`{'eval': ...}` is code Ray runs to draw a value (as `tune.sample_from`); the "
                "spec cannot express it",
            )
        if "grid_search" in keys:
            # Ray searches a grid only for a one-key dict: this one is a group whose
            # `grid_search` entry is a constant list, which is what the spec says too
            self.found.append(
                replace(
                    self.at(
                        node,
                        "a dict with `grid_search` and other keys is no grid search for Ray "
                        "(only `{'grid_search': [...]}` alone is): it is read as Ray reads it, "
                        "a group whose `grid_search` entry is a constant list",
                        "V014",
                    ),
                    severity=Severity.WARNING,
                )
            )
        return read

    def call(self, node: ast.Call) -> Any:
        function = self.function(node)
        if function in ARGUMENTS:
            return self.domain(node, function)
        if function in ("choice", "grid_search"):
            (options,) = self.tune_arguments(node, (("categories", None),))
            if not isinstance(options, list):
                raise Unsupported(node, f"`{function}` takes a list")
            return flow_map((function, flow_seq(list(options))))
        if function in _KINDS:
            return self.component(node, function)
        if function == "ConcurrencyLimiter":
            searcher, limit = self.tune_arguments(
                node, (("searcher", None), ("max_concurrent", None))
            )
            return _Limited(searcher, limit, node)
        if function == "sample_from":
            raise Unsupported(node, "`tune.sample_from` runs code; the spec cannot express it")
        made = self.dataclass_made(node)
        if made is not None:
            return self.dataclass_space(made)
        if isinstance(node.func, ast.Attribute):
            rllib = self.rllib_root(node.func.value)
            if rllib is not None:
                self.rllib_domains(rllib, node)
        return super().call(node)

    def rllib_root(self, node: ast.expr) -> str | None:
        """The RLlib config class (``PPOConfig``) a chain of method calls starts from, written
        in place or bound to a name (``config = PPOConfig()``, then ``config.training(...)``)."""
        found = self.rllib_chain(node)
        if isinstance(found, str) or found is None:
            return found
        scopes = [self.root, *self.function_scopes.values(), *self.class_scopes.values()]
        for scope in scopes:
            for event in scope.events.get(found.id, []):
                value = event.node
                if event.kind == "bind" and isinstance(value, ast.expr):
                    named = self.rllib_chain(value)
                    if isinstance(named, str):
                        return named
        return None

    def rllib_chain(self, node: ast.expr) -> str | ast.Name | None:
        """The RLlib config class a chain starts from, or the name it starts from."""
        while isinstance(node, (ast.Call, ast.Attribute)):
            if isinstance(node, ast.Call) and self.is_rllib_config(node):
                return dotted(node.func).rpartition(".")[2]
            node = node.func if isinstance(node, ast.Call) else node.value
        return node if isinstance(node, ast.Name) else None

    def is_rllib_config(self, call: ast.Call) -> bool:
        name = dotted(call.func)
        first = name.split(".")[0]
        return name.endswith("Config") and (first in self.rllib or name.startswith("ray.rllib."))

    def rllib_domains(self, config: str, node: ast.Call) -> None:
        """A space that is an RLlib config: each ``tune.*`` domain given to its methods is
        named at its place, and the space refused (RLlib's keys are no plain dict)."""
        for call in ast.walk(self.tree):
            if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
                continue
            if self.rllib_root(call.func.value) is None:
                continue
            method = call.func.attr
            for argument in [*call.args, *call.keywords]:
                value = argument.value if isinstance(argument, ast.keyword) else argument
                if id(argument) in self.rllib_named or not any(
                    isinstance(n, ast.Call)
                    and (self.function(n) in ARGUMENTS or self.function(n) in _NAMED)
                    for n in ast.walk(value)
                ):
                    continue
                self.rllib_named.add(id(argument))
                self.not_carried(
                    argument,
                    f"`{ast.unparse(argument)[:60]}` given to `{config}.{method}` is a setting "
                    "of an RLlib config, whose keys are not a plain dict (`to_dict()` nests and "
                    "renames them, and adds RLlib's defaults): the spec cannot say it",
                )
        raise Unsupported(
            node,
            f"the space is an RLlib `{config}`: the spec cannot say an RLlib config (each "
            "`tune.*` domain given to it is named)",
        )

    def dataclass_made(self, node: ast.Call) -> ast.ClassDef | None:
        """``asdict(HpSpace())`` or ``vars(HpSpace())``: the class, a dataclass of domains made
        with its defaults."""
        if dotted(node.func) not in ("asdict", "dataclasses.asdict", "vars") or node.keywords:
            return None
        made = node.args[0] if len(node.args) == 1 else None
        if not isinstance(made, ast.Call) or made.args or made.keywords:
            return None
        found = self.resolve(made.func.id) if isinstance(made.func, ast.Name) else None
        if not isinstance(found, list) or not isinstance(found[0].node, ast.ClassDef):
            return None
        fields = self.dataclass_fields(found[0].node)
        return found[0].node if any(self.wants(v, None) for _, v, _ in fields if v) else None

    def domain(self, node: ast.Call, function: str) -> CommentedMap:
        dist, parameters = SPEC_NAMES[function], ARGUMENTS[function]
        return flow_map((dist, flow_seq(self.tune_arguments(node, parameters))))

    def tune_arguments(self, node: ast.Call, parameters: tuple[tuple[str, Any], ...]) -> list[Any]:
        keywords = {k.arg: k.value for k in node.keywords}
        if None in keywords:
            raise Unsupported(node, "`**` arguments are known only when the module runs")
        positional = list(node.args)
        if SPEC_NAMES.get(self.function(node), "").startswith(("log", "qlog")):
            # Ray's log functions end with `base=10`
            base = keywords.pop("base", None)
            if len(positional) == len(parameters) + 1 and base is None:
                base = positional.pop()
            if base is not None:
                self.found.append(self.at(base, _BASE, "X002"))
        if len(positional) > len(parameters):
            raise Unsupported(node, f"too many arguments: {len(parameters)} at most")
        names = [name for name, _ in parameters]
        for name, value in keywords.items():
            if name not in names[len(positional) :]:
                problem = "given twice" if name in names else "not an argument"
                raise Unsupported(value, f"`{name}` is {problem} of `{self.function(node)}`")
        values = [self.value(a) for a in positional]
        for name, default in parameters[len(values) :]:
            if name in keywords:
                values.append(self.value(keywords[name]))
            elif default is not None:
                values.append(default)
            else:
                raise Unsupported(node, f"missing argument `{name}`")
        return values

    def component(self, node: ast.Call, class_name: str) -> CommentedMap:
        """A searcher or scheduler: its type and the options the spec has for it. An argument
        the spec cannot carry is named by itself; the others (``metric``, ``mode``) stay."""
        kind = _KINDS[class_name]
        pairs: list[tuple[str, Any]] = [("type", kind)]
        keywords = self.keyword_arguments(node, class_name)
        if class_name == "HyperOptSearch":
            # HyperOptSearch(space, metric, mode): a hyperopt space given to the searcher,
            # as the seed does, is the sweep's space
            given = (
                node.args[0] if node.args else getattr(keywords.pop("space", None), "value", None)
            )
            if given is not None and self.current.space is None:
                self.space_given(given)
            elif given is not None:
                self.not_carried(given, "a second space, beside the one given to the trainable")
            node = ast.Call(node.func, node.args[1:], node.keywords)
            for extra, name in zip(node.args, ("metric", "mode"), strict=False):
                self.setting(self.current.settings, name, extra)
            node.args = node.args[2:]
        for extra in node.args:
            self.not_carried(
                extra, f"a positional argument of `{class_name}` (by keyword it is read)"
            )
        unknown_sampler: Unsupported | None = None
        for name, keyword in keywords.items():
            if name in ("metric", "mode"):
                self.setting(self.current.settings, name, keyword.value)
            elif name not in _OPTIONS[kind]:
                self.not_carried(
                    keyword, f"`{name}=` is no option of `{class_name}` that the spec has"
                )
            elif class_name == "OptunaSearch" and name == "sampler":
                try:
                    pairs.extend(self.optuna_sampler(keyword.value))
                except Unsupported as exc:
                    unknown_sampler = exc
            elif class_name == "OptunaSearch" and name == "seed" and "sampler" in keywords:
                self.not_carried(
                    keyword, "`seed=` of `OptunaSearch`: Ray uses it only when no sampler is given"
                )
            else:
                try:
                    pairs.append((name, self.value(keyword.value)))
                except Unsupported as exc:
                    self.not_carried(exc.node, f"`{name}=` of `{class_name}`: {exc}")
        if unknown_sampler is not None:
            # the spec's `optuna` searcher without its sampler would run TPE in its place
            raise unknown_sampler
        return flow_map(*pairs)

    def optuna_sampler(self, node: ast.expr) -> list[tuple[str, Any]]:
        """``OptunaSearch(sampler=TPESampler(seed=42))``: the spec's ``sampler`` (a class of
        ``optuna.samplers``) and ``seed``; the sampler's other arguments are named."""
        if isinstance(node, ast.Constant) and node.value is None:
            return []
        call = self.call_named(node)
        name = dotted(call.func).rpartition(".")[2] if call is not None else ""
        if call is None or not name:
            raise Unsupported(
                node,
                f"the sampler `{ast.unparse(node)}` is known only when the module runs (the "
                "spec's `optuna` searcher without it would run TPE in its place)",
            )
        if name not in optuna_model.SAMPLER_NAMES or name == "GridSampler":
            why = (
                "searches only its own grid" if name == "GridSampler" else "is not one of Optuna's"
            )
            raise Unsupported(
                call,
                f"the sampler `{name}` {why} (the spec's `optuna` searcher without it would run "
                "TPE in its place)",
            )
        pairs: list[tuple[str, Any]] = [("sampler", name)]
        for extra in call.args:
            self.not_carried(extra, f"a positional argument of `{name}`")
        for option, keyword in self.keyword_arguments(call, name).items():
            if option != "seed":
                self.not_carried(keyword, f"`{option}=` of `{name}` has no place in the spec")
                continue
            try:
                seed = self.value(keyword.value)
            except Unsupported as exc:
                self.not_carried(exc.node, f"`seed=` of `{name}`: {exc}")
                continue
            if seed is not None:
                pairs.append(("seed", seed))
        return pairs


class _Limited:
    """A ``ConcurrencyLimiter`` around a searcher: the searcher, and max_concurrent_trials."""

    def __init__(self, block: Any, limit: Any, node: ast.expr) -> None:
        self.block, self.limit, self.node = block, limit, node


def _no_limiter_inside(value: Any) -> None:
    """A ConcurrencyLimiter means something only as `search_alg=`, where ``settings_from``
    unwraps it; one anywhere else (in the space) has no spec form."""
    if isinstance(value, _Limited):
        raise Unsupported(
            value.node, "a ConcurrencyLimiter wraps a searcher: only as `search_alg=`"
        )
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        _no_limiter_inside(item)


# Other ray.tune names the reader recognises when imported by name.
_NAMED = frozenset({"choice", "grid_search"})
_OTHER = frozenset(
    {
        "sample_from",
        "Tuner",
        "run",
        "run_experiments",
        "TuneConfig",
        "RunConfig",
        "with_resources",
        "with_parameters",
    }
)
