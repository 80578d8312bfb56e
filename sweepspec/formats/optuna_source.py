"""Optuna objectives as Python source, read into a spec without running them.

An Optuna study's space is defined by running: the objective calls ``trial.suggest_*`` as it
goes, and which calls it makes can depend on values already suggested. The reader follows the
objective's statements as Python would run them, without running anything:

- the objective is what ``study.optimize`` is given (a function, a lambda calling one with the
  trial, ``functools.partial``, an instance of a class with ``__call__``); without an
  ``optimize`` call, the module's one function that suggests on its trial argument;
- ``trial.suggest_*`` on the trial's parameter or a name bound to it (``t = trial``), in the
  objective and in the module's own functions and methods it calls with the trial, the
  deprecated forms included (a suggest any other way, through ``getattr`` or a name bound to
  the method, is named where it is);
- a parameter's key is the key it is stored under (``params["lr"] = trial.suggest_float(...)``,
  a dict literal's key), else its Optuna name (``lr = trial.suggest_float("lr", ...)``; a name
  with ``/`` is a nested group); its label is its Optuna name;
- an ``if``/``elif``/``else`` on the value of a ``suggest_categorical`` (``==``, ``!=``,
  ``in``, ``not in``, ``or``, a bool's truth) makes that choice conditional: the parameters
  suggested in a branch belong to the options the branch admits (``docs/spec.md``);
- loops over a static ``range`` or list are unrolled (``f"n_units_l{i}"``);
- ``optuna.create_study(direction=, sampler=, pruner=)`` and ``study.optimize(n_trials=,
  timeout=, n_jobs=)`` give the mode, the search algorithm, the scheduler and the budget.

What is known only when the module runs (a name or bound from ``args``, a loop over a
suggested count) is a located warning and the rest is read. Comments above and at the end of a
suggest's line come into the spec. A module written by ``convert --to optuna`` ends with the
spec it came from, which the reader merges back (see ``_merge``).
"""

from __future__ import annotations

import ast
import bisect
import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Severity
from ..document import MAX_UNROLLED
from . import optuna as model
from .model import Reading
from .pyscope import Scope, Unknown, Walker
from .pysource import (
    SpaceReader,
    Unsupported,
    comment_text,
    dotted,
    first_line,
    imports_package,
    in_spec_order,
    parse_tolerant,
    skipped_lines,
    syntax_error,
    too_many,
)

# `unrolled`'s answer for a comprehension that makes more than MAX_UNROLLED values
_TOO_MANY: list[dict[str, Any]] = []

# Module constants the writer writes, read back as spec settings.
CONSTANTS = {"PROGRAM": "program", "METRIC": "metric"}
# What the spec calls the objective's value when the module does not name it: Optuna's own
# word (`trial.value`, `study.best_value`).
VALUE = "value"
_DIRECTIONS = {"minimize": "min", "maximize": "max"}
# `try: ... except* E:` (3.11) is read as a `try`
_TRY_STAR: tuple[type[ast.stmt], ...] = (ast.TryStar,) if hasattr(ast, "TryStar") else ()


def mentions_optuna(source: str) -> bool:
    """Whether a module imports Optuna (the registry's detection of the format)."""
    return imports_package(source, "optuna")


@dataclass
class Switch:
    """A ``suggest_categorical`` whose value branches the objective: its entry in the spec and
    the choices it has."""

    entry: CommentedMap  # {choice: [...]}
    choices: list[Any]
    label: str
    options: list[CommentedMap] | None = None  # once a branch tests it

    def opened(self) -> list[CommentedMap]:
        """Its options as mappings ``{name: choice}``, made so the first time a branch tests it."""
        if self.options is None:
            self.options = []
            for value in self.choices:
                option = CommentedMap()
                option[model.TAG] = value
                self.options.append(option)
            # block style: the options hold parameters, each with its own comments
            self.entry.fa.set_block_style()
            self.entry["choice"] = CommentedSeq(self.options)
        return self.options


@dataclass
class Frame:
    """Where the objective's reading is: the trial's name, the values of loop variables and of
    names bound to switches, the scope and the containers a suggest goes into."""

    trial: frozenset[str]  # its names: the parameter and the names bound to it (`t = trial`)
    scope: Scope
    env: dict[str, Any] = field(default_factory=dict)
    switches: dict[str, tuple[Switch, tuple[str, ...]]] = field(default_factory=dict)
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # names bound to dicts
    # names bound to a suggest method (`s = trial.suggest_float`): the reference
    methods: dict[str, ast.expr] = field(default_factory=dict)


@dataclass
class Branch:
    """Inside a branch: the switch's key path and the options the branch admits."""

    switch: Switch
    path: tuple[str, ...]
    options: list[CommentedMap]


class _Unreadable(Exception):
    def __init__(self, node: ast.AST, why: str) -> None:
        super().__init__(why)
        self.node = node


class OptunaReader(SpaceReader):
    def __init__(self, source: str, file: str) -> None:
        super().__init__(source, file)
        self.seen: dict[int, tuple[Scope, int]] = {}
        self.space = CommentedMap()
        self.switch_of: dict[int, Switch] = {}
        self.branches: list[Branch] = []
        self.labels: dict[str, CommentedMap] = {}  # Optuna name -> where first suggested
        # create_study's and optimize's keywords, with the place they are read at
        self.study: dict[str, tuple[ast.expr, Scope, float]] = {}
        self.extra = CommentedMap()
        self.studied = False  # a create_study call was seen
        self.prunes = False  # the module reports steps to a trial
        self.off_grid = False  # a parameter left out: GridSampler's grid for it was not read
        self.declared: set[str] = set()  # settings the module's constants give
        self.depth = 0
        # every suggest call read (carried or named) and every function read with its trial's
        # name there: what is left in those functions was not read, and is named (`unread`)
        self.handled: set[int] = set()
        self.entered: dict[int, tuple[ast.AST, frozenset[str]]] = {}
        self.unpicked: list[Scope] = []  # objectives `--space` did not choose

    # what the walker records

    def watches(self, call: ast.Call) -> bool:
        return isinstance(call.func, ast.Attribute) and call.func.attr in (
            *model.SUGGESTS,
            "optimize",
            "create_study",
        )

    def walk_module(self, tree: ast.Module) -> None:
        walker = Walker(self.watches, self.imports)
        self.root = walker.walk(tree)
        for scope in walker.scopes:
            table = self.function_scopes if scope.kind == "function" else self.class_scopes
            if scope.node is not None and scope.kind != "module":
                table[id(scope.node)] = scope
        for seen in walker.seen:
            self.seen[id(seen.call)] = (seen.scope, seen.stamp)
        self.define(tree)
        self.calls = walker.seen

    # the objective

    def read(self, tree: ast.Module) -> CommentedMap:
        self.walk_module(tree)
        self.prunes = any(_reports_steps(n) for n in ast.walk(tree))
        out = CommentedMap()
        out["sweepspec"] = 1
        self.constants(out)
        objectives = self.objectives(tree)
        for node, scope, trial in objectives[:1]:
            self.depth = 0
            frame = Frame(_aliases(node, trial), scope)
            self.entered[id(node)] = (node, frame.trial)
            self.statements(node.body, frame)
            alone = len([p for p in _parameters(node) if p not in ("self", "cls")]) == 1
            study = _runs_on_import(tree)
            if alone and study is not None:
                self.found.append(
                    replace(
                        self.at(
                            study,
                            "the objective is not made the spec's `program`: importing this "
                            "module runs its study (move the study under `if __name__ == "
                            '"__main__":` to run the objective as the program)',
                        ),
                        severity=Severity.INFO,
                    )
                )
            elif isinstance(node, ast.FunctionDef) and scope.parent is not None and alone:
                # an objective of the trial alone runs as the program (sweepspec/spectrial.py)
                owner = scope.parent
                if owner.kind == "module" and "program" not in self.declared:
                    program = self.definitions.get(node.name)
                    if program is not None:
                        out["program"] = program
                        self.origin(out, "program", node)
        if len(objectives) > 1 and self.space_name is None:
            names = ", ".join(f"`{self.scope_name(s)}`" for _, s, _ in objectives)
            self.found.append(
                replace(
                    self.at(
                        objectives[1][0],
                        f"more than one objective ({names}); the first is read "
                        "(`--space NAME` picks another)",
                    ),
                    severity=Severity.WARNING,
                )
            )
        self.unread(tree, [*(o[1] for o in objectives[1:]), *self.unpicked])
        self.settings(out)
        if len(self.extra):
            out["x-optuna"] = self.extra
        out["param_space"] = self.space
        if objectives:
            # comments in the objective (notes, commented-out suggests) are the space's
            self.origin(out, "param_space", objectives[0][0])
        header = [c for line, c in sorted(self.comments.items()) if line < first_line(tree)]
        if header:
            out.yaml_set_start_comment("\n".join(comment_text(h) for h in header))
        return out

    def unread(self, tree: ast.Module, others: list[Scope]) -> None:
        """Every suggest the reading did not reach is named at its line (any ``.suggest_*``
        call, ``getattr`` of one, or the method taken as a value: ``_suggest_calls(...,
        anywhere=True)``): in a function read with the trial (a nested function, a shape the
        reading does not follow), or in a function that takes a trial and that the objective
        read never calls with it. Other objectives are named as a whole already; suggests in
        other functions and modules are not seen."""
        for node, trial in list(self.entered.values()):
            self.unfollowed(
                node,
                Frame(trial, self.root),
                "the reading does not follow the objective to it (a nested function, or a "
                "construct it does not read)",
            )
        skipped = {id(scope.node) for scope in others}
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if id(node) in self.entered or id(node) in skipped:
                continue
            parameter = _trial_parameter(node)
            if parameter is not None:
                self.unfollowed(
                    node,
                    Frame(_aliases(node, parameter), self.root),
                    f"`{node.name}` takes a trial, and the objective read does not call it "
                    "with one",
                )

    def scope_name(self, scope: Scope) -> str:
        return scope.label or "<module>"

    def constants(self, out: CommentedMap) -> None:
        """``PROGRAM`` and ``METRIC``, as the Optuna writer writes them, and the spec copy."""
        self.read_template()
        for name, node in self.module_constants(CONSTANTS):
            self.declared.add(CONSTANTS[name])  # `PROGRAM = None` says there is none
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                self.setting(out, CONSTANTS[name], node)

    def objectives(self, tree: ast.Module) -> list[tuple[Any, Scope, str]]:
        """The objectives the module optimises (or, with no ``optimize`` call, the functions
        that suggest on their first argument and that no other one calls)."""
        found: list[tuple[Any, Scope, str]] = []
        for seen in self.calls:
            call = seen.call
            if not (isinstance(call.func, ast.Attribute) and call.func.attr == "optimize"):
                continue
            target = call.args[0] if call.args else _keyword(call, "func")
            if target is None:
                continue
            with self.at_place(seen.scope, seen.stamp):
                objective = self.objective_of(target)
                self.optimize_call(call)
            if objective is None:
                self.warn(
                    target,
                    f"the objective `{ast.unparse(target)}` cannot be followed to a function "
                    "of this module that takes the trial, so its space is not read from here",
                )
            elif all(objective[1] is not f[1] for f in found):
                found.append(objective)
        for seen in self.calls:
            call = seen.call
            if isinstance(call.func, ast.Attribute) and call.func.attr == "create_study":
                with self.at_place(seen.scope, seen.stamp):
                    self.create_study(call)
        if found:
            return self.picked(found)
        candidates: list[tuple[Any, Scope, str]] = []
        callees: dict[int, set[int]] = {}  # a candidate -> the module's functions it calls
        for scope in self.function_scopes.values():
            node = scope.node
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            trial = _trial_parameter(node)
            names = _aliases(node, trial) if trial is not None else frozenset()
            if trial is None or not (_suggests_with(node, names) or _calls_with(node.body, names)):
                continue
            candidates.append((node, scope, trial))
            callees[id(scope)] = set()
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call):
                    with self.at_place(scope, float("inf")):
                        callee = self.function_of(inner.func)
                    if callee is not None and callee is not scope:
                        callees[id(scope)].add(id(callee))
        # a function suggests when it suggests itself or calls one of the module's that does:
        # `build_model(self, params)` that hands `params` to `dict(**params)` suggests nothing
        suggests = {id(s) for n, s, t in candidates if _suggests_with(n, _aliases(n, t))}
        grown = True
        while grown:
            grown = False
            for _, scope, _ in candidates:
                if id(scope) not in suggests and callees[id(scope)] & suggests:
                    suggests.add(id(scope))
                    grown = True
        suggesting = [f for f in candidates if id(f[1]) in suggests] or candidates
        called = {c for f in suggesting for c in callees[id(f[1])]}
        roots = [f for f in suggesting if id(f[1]) not in called]
        return self.picked(sorted(roots, key=lambda f: f[0].lineno))

    def picked(self, found: list[tuple[Any, Scope, str]]) -> list[tuple[Any, Scope, str]]:
        if self.space_name is None:
            return found
        named = [f for f in found if self.space_name in (f[1].label, f[1].label.split(".")[-1])]
        if named:  # the others are not read, as asked: not to be named as unread
            self.unpicked.extend(f[1] for f in found if f not in named)
        return named or found

    def objective_of(self, node: ast.expr) -> tuple[Any, Scope, str] | None:
        """The function ``optimize`` is given: its node, scope and trial parameter."""
        if isinstance(node, ast.Lambda) and node.args.args:
            trial = node.args.args[0].arg
            body = node.body
            if isinstance(body, ast.Call):
                inner = self.objective_of(body.func)
                if inner is not None:
                    index = _trial_position(body, frozenset({trial}))
                    params = _parameters(inner[0])
                    if index is not None and index < len(params):
                        return inner[0], inner[1], params[index]
            return None
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name.rsplit(".", 1)[-1] == "partial" and node.args:
                return self.objective_of(node.args[0])
            cls = self.class_of(node.func)
            if cls is not None:
                return self.method(cls, "__call__")
            return None
        if isinstance(node, ast.Name):
            scope = self.function_of(node)
            if scope is not None and isinstance(
                scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)
            ):
                found = _trial_parameter(scope.node)
                return (scope.node, scope, found) if found is not None else None
            bound = self.call_named(node)
            if bound is not None:
                return self.objective_of(bound)
        if isinstance(node, ast.Attribute):
            scope = self.function_of(node)
            if scope is not None and isinstance(scope.node, ast.FunctionDef):
                found = _trial_parameter(scope.node)
                return (scope.node, scope, found) if found is not None else None
        return None

    def class_of(self, node: ast.expr) -> Scope | None:
        if isinstance(node, ast.Name):
            found = self.resolve(node.id)
            if isinstance(found, list) and found[0].kind == "class":
                return self.class_scopes.get(id(found[0].node))
        return None

    def method(self, cls: Scope, name: str) -> tuple[Any, Scope, str] | None:
        from .pyscope import lookup

        found = lookup(cls, name, float("inf"))
        if isinstance(found, list) and found[0].kind == "def":
            scope = self.function_scopes.get(id(found[0].node))
            node = found[0].node
            if scope is not None and isinstance(node, ast.FunctionDef):
                trial = _trial_parameter(node)
                return (node, scope, trial) if trial is not None else None
        return None

    # statements, in the order they run

    def statements(self, body: list[ast.stmt], frame: Frame) -> None:
        for statement in body:
            self.statement(statement, frame)

    def statement(self, node: ast.stmt, frame: Frame) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return  # a definition runs nothing; what it suggests is named by `unread`
        if isinstance(node, ast.If):
            self.conditional(node, frame)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            self.loop(node, frame)
        elif isinstance(node, ast.While):
            self.expression(node.test, frame, None)
            self.statements(node.body, frame)
            self.statements(node.orelse, frame)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                self.expression(item.context_expr, frame, None)
            self.statements(node.body, frame)
        elif isinstance(node, (ast.Try, *_TRY_STAR)):
            attempt: Any = node  # `ast.Try`, or 3.11's `ast.TryStar` with the same fields
            self.statements(attempt.body, frame)
            for handler in attempt.handlers:
                self.statements(handler.body, frame)
            self.statements(attempt.orelse, frame)
            self.statements(attempt.finalbody, frame)
        elif isinstance(node, ast.Match):
            self.match(node, frame)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None:
                for target in targets:
                    self.assign(target, node.value, frame)
        else:  # `return`, an expression, `+=`, `assert`, `raise`, `del`: what they evaluate
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.expression(child, frame, None)

    def assign(self, target: ast.expr, value: ast.expr, frame: Frame) -> None:
        if isinstance(target, ast.Name) and _is_suggest_method(value, frame.trial, anywhere=True):
            frame.methods[target.id] = value  # named where it is called (`indirect`)
            return
        if isinstance(target, ast.Name):
            frame.methods.pop(target.id, None)
        path = self.target_path(target, frame)
        if isinstance(target, ast.Name) and isinstance(value, ast.Dict):
            frame.paths[target.id] = ()
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)):
            for inner_target, inner_value in zip(target.elts, value.elts, strict=False):
                self.assign(inner_target, inner_value, frame)
            return
        switch = self.expression(value, frame, path)
        if isinstance(switch, Switch) and isinstance(target, ast.Name):
            frame.switches[target.id] = (switch, path if path is not None else (switch.label,))
        elif isinstance(switch, Switch) and path is not None:
            frame.switches[_path_name(path)] = (switch, path)

    def target_path(self, target: ast.expr, frame: Frame) -> tuple[str, ...] | None:
        """The key path a value is stored under: ``config["a"]["b"]`` is ``("a", "b")``; a
        plain name has none (its value's Optuna name gives it)."""
        keys: list[str] = []
        node: ast.expr = target
        while isinstance(node, ast.Subscript):
            try:
                key = self.evaluate(node.slice, frame)
            except _Unreadable:
                return None
            if not isinstance(key, str):
                return None
            keys.append(key)
            node = node.value
        if not keys:
            return None
        if isinstance(node, ast.Name) and node.id in frame.paths:
            return (*frame.paths[node.id], *reversed(keys))
        return tuple(reversed(keys))

    def expression(self, node: ast.expr, frame: Frame, path: tuple[str, ...] | None) -> Any:
        """Read what ``node`` suggests, stored at ``path``; a switch when it is one. Every part
        of the expression that Python evaluates with it is read, in Python's order, so that a
        suggest call anywhere in it (``Model(C=trial.suggest_float(...)).fit(X, y)``) is
        carried; one that may never run (in a ``lambda``) is named."""
        if isinstance(node, ast.Call) and self.is_suggest(node, frame):
            return self.suggest(node, frame, path)
        if isinstance(node, ast.Dict):
            for key_node, value_node in zip(node.keys, node.values, strict=True):
                if key_node is None:  # `{**{"lr": trial.suggest...}}`: its keys are this dict's
                    self.expression(value_node, frame, path)
                    continue
                self.expression(key_node, frame, None)
                try:
                    key = self.evaluate(key_node, frame)
                except _Unreadable:
                    key = None
                inner = (*(path or ()), key) if isinstance(key, str) else None
                found = self.expression(value_node, frame, inner)
                if isinstance(found, Switch) and inner is not None:  # `{"booster": suggest(...)}`
                    frame.switches[_path_name(inner)] = (found, inner)
            return None
        if isinstance(node, ast.Call):
            through = self.indirect(node, frame)
            if through is None:
                self.expression(node.func, frame, None)  # `f(...).fit(...)`: `f(...)` first
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                if isinstance(argument, ast.GeneratorExp):  # `sum(... for ...)`: consumed now
                    self.comprehended(argument, frame, None)
                else:
                    self.expression(argument, frame, None)
            if through is not None:
                self.handled.add(id(node))
                self.warn(node, f"`{ast.unparse(node)}` is not carried: {through}")
                return None
            return self.helper(node, frame)
        if isinstance(node, ast.NamedExpr):
            self.assign(node.target, node.value, frame)
            found = frame.switches.get(node.target.id)
            return found[0] if found is not None else None
        if isinstance(node, ast.Lambda):
            self.unfollowed(node, frame, "it is in a `lambda`, which runs only when called")
            return None
        if isinstance(node, ast.GeneratorExp):
            self.expression(node.generators[0].iter, frame, None)  # evaluated where it stands
            self.unfollowed(
                node, frame, "it is in a generator expression, which runs only when consumed"
            )
            return None
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
            self.comprehended(node, frame, path)
            return None
        if _is_suggest_method(node, frame.trial, anywhere=True):  # `map(trial.suggest_int, ...)`
            self.unfollowed(node, frame, "the suggest method is taken as a value, not called")
            return None
        if isinstance(node, ast.IfExp):
            self.conditional_expression(node, frame)
            return None
        for child in ast.iter_child_nodes(node):  # operators, subscripts, attributes, f-strings
            if isinstance(child, ast.expr):
                self.expression(child, frame, None)
        if isinstance(node, ast.Name) and node.id in frame.switches:
            return frame.switches[node.id][0]
        return None

    def indirect(self, call: ast.Call, frame: Frame) -> str | None:
        """Why ``call`` suggests in a way the reading does not follow, when it does: through
        ``getattr``, through a name bound to a suggest method, or on something that is not a
        name of the trial (``self.trial.suggest_float(...)``); else ``None``."""
        func = call.func
        if isinstance(func, ast.Name) and func.id in frame.methods:
            taken = frame.methods[func.id]
            self.handled.add(id(taken))
            return f"it calls `{ast.unparse(taken)}` through the name `{func.id}`"
        if isinstance(func, ast.Call) and _is_suggest_method(func, frame.trial, anywhere=True):
            return "a suggest method called through `getattr` is not read"
        if (
            isinstance(func, ast.Attribute)
            and func.attr in model.SUGGESTS
            and not self.is_suggest(call, frame)
        ):
            return f"`{ast.unparse(func.value)}` is not a name of the trial the reading follows"
        return None

    def unfollowed(self, node: ast.AST, frame: Frame, why: str) -> None:
        """The suggest calls in ``node``, which the reading does not follow, named each."""
        for call in _suggest_calls(node, frame.trial, anywhere=True):
            if id(call) not in self.handled:
                self.handled.add(id(call))
                self.warn(call, f"`{ast.unparse(call)}` is not carried: {why}")

    def conditional_expression(self, node: ast.IfExp, frame: Frame) -> None:
        """``a if test else b``: both are read; a suggest in one is suggested only when the
        test says so, which the spec cannot say unless the test is on a choice."""
        self.expression(node.test, frame, None)
        before = len(self.found)
        self.expression(node.body, frame, None)
        self.expression(node.orelse, frame, None)
        if _suggest_calls(node.body, frame.trial) or _suggest_calls(node.orelse, frame.trial):
            self.warn(
                node,
                f"`{ast.unparse(node)}`"[:80] + ": a conditional expression; the parameters "
                "suggested in it are read as always suggested",
                before=before,
            )

    def comprehended(
        self,
        node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp,
        frame: Frame,
        path: tuple[str, ...] | None,
    ) -> None:
        """A comprehension over static values is unrolled like a loop; over anything else its
        element is read once, without the loop's names (a suggest that needs them is named)."""
        self.expression(node.generators[0].iter, frame, None)  # evaluated where it stands
        if not _suggest_calls(node, frame.trial) and not _calls_with([node], frame.trial):
            return
        envs = self.unrolled(node.generators, frame)
        if envs is _TOO_MANY:
            self.too_many_here(node, frame)
            return
        if envs is None:
            names = {
                n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)
            }
            envs = [{k: v for k, v in frame.env.items() if k not in names}]
        outer, self.factor = self.factor, self.factor * max(1, len(envs))
        try:
            for env in envs:
                inner = Frame(
                    frame.trial, frame.scope, env, frame.switches, frame.paths, frame.methods
                )
                if isinstance(node, ast.DictComp):
                    try:
                        key = self.evaluate(node.key, inner)
                    except _Unreadable:
                        key = None
                    keys = (*(path or ()), key) if isinstance(key, str) else None
                    self.expression(node.value, inner, keys)
                else:
                    self.expression(node.elt, inner, None)
        finally:
            self.factor = outer

    def too_many_here(self, node: ast.AST, frame: Frame) -> None:
        """A comprehension or loop that makes more than MAX_UNROLLED values (with those it is
        in): named at its line, and not read; the suggest calls in it are named by this."""
        self.warn(node, f"{too_many(node)}, so the parameters suggested in it are not carried")
        for call in _suggest_calls(node, frame.trial):
            self.handled.add(id(call))

    def unrolled(
        self, generators: list[ast.comprehension], frame: Frame
    ) -> list[dict[str, Any]] | None:
        """The loop names' values for each element of a comprehension, when they are static
        (``_TOO_MANY`` past MAX_UNROLLED, with the loops it is in)."""
        envs = [dict(frame.env)]
        for generator in generators:
            following: list[dict[str, Any]] = []
            made = 0  # the values of this `for`, for all of the ones before it
            for env in envs:
                here = Frame(
                    frame.trial, frame.scope, env, frame.switches, frame.paths, frame.methods
                )
                try:
                    items = self.evaluate(generator.iter, here)
                except _Unreadable:
                    return None
                if isinstance(items, range):
                    items = list(items)
                if not isinstance(items, (list, tuple)) or not isinstance(
                    generator.target, ast.Name
                ):
                    return None
                made += len(items)
                if made * self.factor > MAX_UNROLLED:
                    return _TOO_MANY
                for item in items:
                    bound = {**env, generator.target.id: item}
                    tested = Frame(
                        frame.trial, frame.scope, bound, frame.switches, frame.paths, frame.methods
                    )
                    try:
                        if all(self.evaluate(test, tested) for test in generator.ifs):
                            following.append(bound)
                    except _Unreadable:
                        return None
            envs = following
        return envs

    def helper(self, call: ast.Call, frame: Frame) -> Any:
        """A call of the module's own function or method with the trial: its body is read with
        the trial under that function's name for it."""
        position = _trial_position(call, frame.trial)
        keyword = next(
            (
                k.arg
                for k in call.keywords
                if isinstance(k.value, ast.Name) and k.value.id in frame.trial
            ),
            None,
        )
        if position is None and keyword is None:
            return None
        with self.at_place(frame.scope, self.stamp_of(call, frame)):
            scope = self.function_of(call.func)
        if scope is None or not isinstance(scope.node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        params = _parameters(scope.node)
        trial = keyword if keyword is not None else None
        if trial is None and position is not None:
            offset = (
                1
                if params and params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute)
                else 0
            )
            index = position + offset
            trial = params[index] if index < len(params) else None
        if trial is None or self.depth > 10:
            return None
        self.depth += 1
        names = _aliases(scope.node, trial)
        self.entered[id(scope.node)] = (scope.node, names)
        inner = Frame(names, scope, env=self.arguments_of(call, scope.node, frame, names))
        try:
            self.statements(scope.node.body, inner)
        finally:
            self.depth -= 1
        returned = [n for n in ast.walk(scope.node) if isinstance(n, ast.Return)]
        if len(returned) == 1 and isinstance(returned[0].value, ast.Name):
            found = inner.switches.get(returned[0].value.id)
            return found[0] if found else None
        return None

    def arguments_of(
        self,
        call: ast.Call,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        frame: Frame,
        trial: frozenset[str],
    ) -> dict[str, Any]:
        """The helper's parameters whose values are known: the arguments of this call that
        evaluate without running, else the parameter's default. The others stay unknown, and
        a suggest that needs one is named where it is."""
        args = function.args
        positional = [a.arg for a in [*args.posonlyargs, *args.args]]
        if positional[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute):
            positional = positional[1:]
        defaults = dict(
            zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)
        )
        defaults.update(
            {
                a.arg: d
                for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
                if d is not None
            }
        )
        given: dict[str, ast.expr] = dict(zip(positional, call.args, strict=False))
        given.update({k.arg: k.value for k in call.keywords if k.arg is not None})
        known: dict[str, Any] = {}
        for name in [*positional, *(a.arg for a in args.kwonlyargs)]:
            if name in trial:
                continue
            node, where = (given[name], frame) if name in given else (defaults.get(name), None)
            if node is None or isinstance(node, ast.Starred):
                continue
            try:
                with self.at_place(frame.scope if where else self.root, self.stamp_of(call, frame)):
                    known[name] = self.evaluate(node, where or Frame(frozenset(), self.root))
            except _Unreadable:
                continue
        return known

    def stamp_of(self, node: ast.AST, frame: Frame) -> float:
        seen = self.seen.get(id(node))
        return seen[1] if seen is not None else float("inf")

    # suggest calls

    def is_suggest(self, call: ast.Call, frame: Frame) -> bool:
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr in model.SUGGESTS
            and isinstance(func.value, ast.Name)
            and func.value.id in frame.trial
        )

    def suggest(self, call: ast.Call, frame: Frame, path: tuple[str, ...] | None) -> Switch | None:
        method = call.func.attr  # type: ignore[attr-defined]
        self.handled.add(id(call))
        try:
            name, args, options = self.suggest_arguments(call, frame, method)
        except _Unreadable as exc:
            self.warn(exc.node, f"`{ast.unparse(call)}` is not carried: {exc}")
            return None
        if not isinstance(name, str):
            self.warn(call, f"`{ast.unparse(call)}` is not carried: its name is not a string")
            return None
        if method == "suggest_categorical":
            choices = args[0] if args else options.get("choices")
            if not isinstance(choices, (list, tuple)):
                self.warn(call, f"`{name}`: the choices are not a list")
                return None
            args = [list(choices)]
        if _stepped_float(method, options):
            args = self.grid_points(call, method, args, options)
        value = model.spec_of(method, tuple(args), options)
        keys = (
            path
            if path is not None
            else tuple(name.split("/"))
            if "/" in name.strip("/")
            else (name,)
        )
        placed = self.place_parameter(keys, value, name, call)
        if method == "suggest_categorical" and placed is not None:
            switch = Switch(placed, list(args[0]), name)
            self.switch_of[id(call)] = switch
            return switch
        return None

    def grid_points(
        self, call: ast.Call, method: str, args: list[Any], options: dict[str, Any]
    ) -> list[Any]:
        """A stepped float is read as ``quniform``, the spec's one stepped float: it stays an
        ordered range for the samplers and goes back to Optuna as ``suggest_float(step=)``,
        where a ``choice`` of the points would become a categorical. What differs is said at
        the call: Optuna draws the points ``low + k * step`` alike, ``quniform`` rounds a
        uniform draw (each end point half as likely), and Optuna lowers ``high`` to its last
        point, as read here."""
        step = args[2] if method == "suggest_discrete_uniform" else options.get("step")
        low, high = args[0], args[1]
        if step is None or not (_number(step) and _number(low) and _number(high)):
            return args
        points = optuna_points(low, high, step)
        if points is None:  # as written: the spec's check says what is wrong with them
            if all(map(math.isfinite, (low, high, step))) and low <= high and step > 0:
                self.warn(
                    call,
                    f"`{ast.unparse(call)}`: Optuna cannot compute the last point of this range "
                    "(too many steps for its decimal arithmetic) and raises when the objective "
                    "runs; the bounds are read as written",
                )
            return args
        last, on_grid = points
        lowered = last != high
        if lowered:
            high = int(last) if isinstance(high, int) and last == int(last) else last
        note = (
            f"`{ast.unparse(call)}`: Optuna draws each of `low + k * step` alike; the spec's "
            "`quniform` rounds a uniform draw to a multiple of q, so the end points are half "
            "as likely"
            + (f", and `high` is {high!r}, the last point, as Optuna lowers it" if lowered else "")
        )
        if not on_grid:  # multiples of q are not Optuna's points: not the same values at all
            self.found.append(
                replace(
                    self.at(
                        call,
                        f"{note}; here the multiples of {step!r} are not Optuna's "
                        f"points from {low!r}, so the values differ",
                        "X001",
                    ),
                    severity=Severity.WARNING,
                )
            )
        else:
            self.found.append(self.at(call, note, "X004"))
        return [low, high, *args[2:]]

    def suggest_arguments(
        self, call: ast.Call, frame: Frame, method: str
    ) -> tuple[Any, list[Any], dict[str, Any]]:
        names = {
            "suggest_float": ("name", "low", "high"),
            "suggest_uniform": ("name", "low", "high"),
            "suggest_loguniform": ("name", "low", "high"),
            "suggest_discrete_uniform": ("name", "low", "high", "q"),
            "suggest_int": ("name", "low", "high", "step", "log"),
            "suggest_categorical": ("name", "choices"),
        }[method]
        given: dict[str, Any] = {}
        stamp = self.stamp_of(call, frame)
        with self.at_place(frame.scope, stamp):
            positional: list[Any] = []
            for argument in call.args:
                if isinstance(argument, ast.Starred):
                    spread = self.evaluate(argument.value, frame)
                    if not isinstance(spread, (list, tuple)):
                        raise _Unreadable(argument, "`*` of something that is not a sequence")
                    positional.extend(spread)
                else:
                    positional.append(self.evaluate(argument, frame))
            if len(positional) > len(names):
                raise _Unreadable(call, f"more arguments than `{method}` takes")
            given.update(zip(names, positional, strict=False))
            for keyword in call.keywords:
                if keyword.arg is None:
                    raise _Unreadable(keyword.value, "`**` arguments are known only when it runs")
                given[keyword.arg] = self.evaluate(keyword.value, frame)
        name = given.pop("name", None)
        positional = [
            given.pop(n) for n in names[1:] if n in given and n not in ("step", "log", "q")
        ]
        if method == "suggest_discrete_uniform" and "q" in given:
            positional.append(given.pop("q"))
        for bound in positional:
            if method != "suggest_categorical" and not _number(bound):
                raise _Unreadable(call, f"the bound {bound!r} is not a number")
        if method == "suggest_int" and given.get("step") == 1:
            given.pop("step")
        return name, positional, given

    def evaluate(self, node: ast.expr, frame: Frame) -> Any:
        """A value known without running: literals, loop variables of unrolled loops, module
        constants and arithmetic on them (through ``SpaceReader.value``), f-strings and
        ``str.format`` over them."""
        if isinstance(node, ast.Name) and node.id in frame.env:
            return frame.env[node.id]
        if isinstance(node, ast.Name) and node.id in frame.switches:
            raise _Unreadable(node, f"`{node.id}` is a suggested value, known only when it runs")
        if isinstance(node, ast.JoinedStr):
            parts = []
            for part in node.values:
                if isinstance(part, ast.Constant):
                    parts.append(str(part.value))
                elif isinstance(part, ast.FormattedValue):
                    value = self.evaluate(part.value, frame)
                    spec = self.evaluate(part.format_spec, frame) if part.format_spec else ""
                    if part.conversion == 114:  # !r
                        value = repr(value)
                    elif part.conversion in (115, 97):  # !s, !a
                        value = str(value) if part.conversion == 115 else ascii(value)
                    parts.append(format(value, spec))
            return "".join(parts)
        if isinstance(node, ast.BinOp) and _uses(node, frame.env):
            left, right = self.evaluate(node.left, frame), self.evaluate(node.right, frame)
            return _binary(node, left, right)
        if isinstance(node, ast.UnaryOp) and _uses(node, frame.env):
            operand = self.evaluate(node.operand, frame)
            if isinstance(node.op, ast.USub):
                return -operand
            if isinstance(node.op, ast.UAdd):
                return operand
            raise _Unreadable(node, "an operation sweepspec does not evaluate")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)
        ):
            args = [self.evaluate(a, frame) for a in node.args]
            kwargs = {k.arg: self.evaluate(k.value, frame) for k in node.keywords if k.arg}
            try:
                return node.func.value.value.format(*args, **kwargs)
            except (IndexError, KeyError, ValueError) as exc:
                raise _Unreadable(node, str(exc)) from None
        if (
            isinstance(node, ast.Call)
            and dotted(node.func) in ("str", "int", "float")
            and _uses(node, frame.env)
        ):
            (argument,) = node.args
            converter = {"str": str, "int": int, "float": float}[dotted(node.func)]
            return converter(self.evaluate(argument, frame))
        if isinstance(node, (ast.List, ast.Tuple)) and _uses(node, frame.env):
            return [self.evaluate(e, frame) for e in node.elts]
        if isinstance(node, ast.Subscript) and _uses(node, frame.env):
            return self.evaluate(node.value, frame)[self.evaluate(node.slice, frame)]
        try:
            value = self.value(node)
        except Unsupported as exc:
            raise _Unreadable(exc.node, str(exc)) from None
        if isinstance(value, Unknown):
            raise _Unreadable(value.node, value.why)
        return _plain(value)

    # where a parameter goes

    def place_parameter(
        self,
        keys: tuple[str, ...],
        value: CommentedMap,
        name: str,
        call: ast.Call,
    ) -> CommentedMap | None:
        if name in self.labels and not self.branches:
            # suggested again (a loop's step): Optuna keeps the first suggestion's distribution
            if self.labels[name] != value and _bare(self.labels[name]) != value:
                self.warn(
                    call,
                    f"`{name}` is suggested again with other arguments; Optuna keeps the first "
                    "(read), so these are not carried",
                )
            return self.labels[name]
        targets: list[tuple[CommentedMap, tuple[str, ...], str]] = []
        if self.branches:
            branch = self.branches[-1]
            rel = keys[len(branch.path) :] if keys[: len(branch.path)] == branch.path else keys
            if not rel:
                self.warn(call, f"`{name}` replaces the choice it is suggested under")
                return None
            for option in branch.options:
                targets.append((option, rel, f"{branch.switch.label}/" + "/".join(rel)))
        else:
            targets.append((self.space, keys, "/".join(keys)))
        first: CommentedMap | None = None
        for container, rel, derived in targets:
            entry = copy.deepcopy(value) if first is not None else value
            if name != derived:
                _label(entry, name)
            group = _group_at(container, rel[:-1])
            if group is None:
                self.warn(call, f"`{name}`: its key `{'.'.join(rel)}` is already a parameter")
                continue
            if rel[-1] in group:
                self.warn(
                    call,
                    f"`{name}` is stored under `{'.'.join(rel)}`, which already holds another "
                    "parameter: that one is replaced, as when the objective runs",
                )
            group[rel[-1]] = entry
            self.origin(group, rel[-1], call)
            first = first or entry
        if first is not None:
            self.labels.setdefault(name, first)
        return first

    # branches

    def conditional(self, node: ast.If, frame: Frame) -> None:
        """``if``/``elif``/``else``: branches on one switch are its options; any other
        condition is read through, its parameters named as suggested only when it holds."""
        chain: list[tuple[ast.If | None, list[ast.stmt]]] = []
        current: ast.If | None = node
        while current is not None:
            chain.append((current, current.body))
            if len(current.orelse) == 1 and isinstance(current.orelse[0], ast.If):
                current = current.orelse[0]
            else:
                if current.orelse:
                    chain.append((None, current.orelse))
                current = None
        for test, _ in chain:  # a suggest in a test is made when the test runs
            if test is not None:
                self.expression(test.test, frame, None)
        tested = [self.test(test.test, frame) if test is not None else None for test, _ in chain]
        switches = {id(t[0]) for t in tested if t is not None}
        readable = len(switches) == 1 and all(
            t is not None for (test, _), t in zip(chain, tested, strict=True) if test is not None
        )
        if not readable:
            if any(t is not None for t in tested) or _suggests_inside(node, frame.trial):
                self.read_through(node.test, [body for _, body in chain], frame, "if")
            return
        switch, path = next((t[0], t[2]) for t in tested if t is not None)
        arms = [
            (t[1] if t is not None else None, body)
            for t, (_, body) in zip(tested, chain, strict=True)
        ]
        self.arms(switch, path, arms, frame)

    def read_through(
        self, test: ast.expr, bodies: list[list[ast.stmt]], frame: Frame, keyword: str
    ) -> None:
        """Branches not on a suggested choice: read as if each ran, named when they suggest."""
        before = len(self.found)
        for body in bodies:
            self.statements(body, frame)
        if any(_suggests_in(b, frame.trial) or _calls_with(b, frame.trial) for b in bodies):
            self.warn(
                test,
                f"`{keyword} {ast.unparse(test)}` is not a test of a suggested choice: "
                "the parameters suggested under it are read as always suggested",
                before=before,
            )

    def arms(
        self,
        switch: Switch,
        path: tuple[str, ...],
        arms: list[tuple[list[Any] | None, list[ast.stmt]]],
        frame: Frame,
    ) -> None:
        """Each body under the choices it admits (``None``: all the earlier ones did not)."""
        remaining = list(switch.choices)
        for admitted, body in arms:
            allowed = admitted if admitted is not None else remaining
            values = [v for v in allowed if v in remaining]
            remaining = [v for v in remaining if v not in allowed]
            if not _suggests_in(body, frame.trial) and not _calls_with(body, frame.trial):
                continue
            options = switch.opened()
            chosen = [o for o in options if o[model.TAG] in values]
            self.branches.append(Branch(switch, path, chosen))
            try:
                self.statements(body, frame)
            finally:
                self.branches.pop()

    def match(self, node: ast.Match, frame: Frame) -> None:
        """``match`` on a suggested choice is its ``if``/``elif`` chain: ``case "a" | "b":``
        admits those values, ``case _:`` the rest; any other ``match`` is read through."""
        self.expression(node.subject, frame, None)
        found = self.switch_named(node.subject, frame)
        arms: list[tuple[list[Any] | None, list[ast.stmt]]] = []
        try:
            for case in node.cases:
                if case.guard is not None:
                    raise _Unreadable(case.guard, "a guard")
                arms.append((self.pattern(case.pattern, frame), case.body))
        except _Unreadable:
            arms = []
        if found is None or not arms:
            self.read_through(node.subject, [c.body for c in node.cases], frame, "match")
            return
        self.arms(found[0], found[1], arms, frame)

    def pattern(self, node: ast.pattern, frame: Frame) -> list[Any] | None:
        """The values a ``case`` pattern admits, ``None`` for a wildcard; ``_Unreadable`` when
        it is no pattern of values (a capture, a class, a sequence)."""
        if isinstance(node, ast.MatchAs) and node.pattern is None and node.name is None:
            return None
        if isinstance(node, ast.MatchSingleton):
            return [node.value]
        if isinstance(node, ast.MatchValue):
            return [self.evaluate(node.value, frame)]
        if isinstance(node, ast.MatchOr):
            parts = [self.pattern(p, frame) for p in node.patterns]
            return [v for p in parts if p is not None for v in p] if None not in parts else None
        raise _Unreadable(node, "not a pattern of values")

    def test(
        self, node: ast.expr, frame: Frame
    ) -> tuple[Switch, list[Any], tuple[str, ...]] | None:
        """The switch an ``if`` tests and the choices it admits, else ``None``."""
        if isinstance(node, ast.BoolOp):
            parts = [self.test(v, frame) for v in node.values]
            if any(p is None for p in parts) or len({id(p[0]) for p in parts if p}) != 1:
                return None
            first = parts[0]
            assert first is not None
            sets = [p[1] for p in parts if p is not None]
            if isinstance(node.op, ast.Or):
                admitted = [v for v in first[0].choices if any(v in s for s in sets)]
            else:
                admitted = [v for v in first[0].choices if all(v in s for s in sets)]
            return first[0], admitted, first[2]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            inner = self.test(node.operand, frame)
            if inner is None:
                return None
            return inner[0], [v for v in inner[0].choices if v not in inner[1]], inner[2]
        found = self.switch_named(node, frame)
        if found is not None:  # `if use_bias:`
            return found[0], [v for v in found[0].choices if v], found[1]
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            return None
        left, op, right = node.left, node.ops[0], node.comparators[0]
        found = self.switch_named(left, frame)
        if found is None and isinstance(op, (ast.Eq, ast.NotEq)):
            found, left, right = self.switch_named(right, frame), right, left
        if found is None:
            return None
        try:
            other = self.evaluate(right, frame)
        except _Unreadable:
            return None
        switch, path = found
        if isinstance(op, (ast.Eq, ast.NotEq)):
            admitted = [v for v in switch.choices if (v == other) == isinstance(op, ast.Eq)]
        elif isinstance(op, (ast.In, ast.NotIn)) and isinstance(other, (list, tuple, set, str)):
            admitted = [v for v in switch.choices if (v in other) == isinstance(op, ast.In)]
        elif isinstance(op, (ast.Is, ast.IsNot)) and other is None:
            admitted = [v for v in switch.choices if (v is None) == isinstance(op, ast.Is)]
        else:
            return None
        return switch, admitted, path

    def switch_named(self, node: ast.expr, frame: Frame) -> tuple[Switch, tuple[str, ...]] | None:
        if isinstance(node, ast.Name):
            return frame.switches.get(node.id)
        if isinstance(node, ast.Subscript):
            path = self.target_path(node, frame)
            if path is not None:
                return frame.switches.get(_path_name(path))
        if isinstance(node, ast.Call) and self.is_suggest(node, frame):
            switch = self.switch_of.get(id(node))
            if switch is None:
                result = self.suggest(node, frame, None)
                switch = result if isinstance(result, Switch) else None
            return (switch, (switch.label,)) if switch is not None else None
        return None

    # loops

    def loop(self, node: ast.For | ast.AsyncFor, frame: Frame) -> None:
        self.expression(node.iter, frame, None)  # `range(trial.suggest_int(...))` runs once
        if not _suggests_in(node.body, frame.trial) and not _calls_with(node.body, frame.trial):
            self.statements(node.orelse, frame)
            return
        try:
            with self.at_place(frame.scope, self.stamp_of(node, frame)):
                items = (
                    self.evaluate(node.iter, frame)
                    if not _range_of_switch(node.iter, frame)
                    else None
                )
        except _Unreadable:
            items = None
        if isinstance(items, range):
            items = list(items)
        if not isinstance(items, (list, tuple)) or not isinstance(node.target, ast.Name):
            saved = dict(frame.env)
            if isinstance(node.target, ast.Name):
                frame.env.pop(node.target.id, None)
            self.statements(node.body, frame)
            frame.env = saved
            self.statements(node.orelse, frame)
            return
        if len(items) * self.factor > MAX_UNROLLED:
            self.too_many_here(node, frame)
            self.statements(node.orelse, frame)
            return
        name = node.target.id
        outer, self.factor = self.factor, self.factor * max(1, len(items))
        try:
            for item in items:
                frame.env[name] = item
                self.statements(node.body, frame)
        finally:
            self.factor = outer
        frame.env.pop(name, None)
        self.statements(node.orelse, frame)

    # the study

    def create_study(self, call: ast.Call) -> None:
        self.studied = True
        for keyword in call.keywords:
            if keyword.arg in ("direction", "sampler", "pruner", "directions", "study_name"):
                self.study[keyword.arg] = (keyword.value, *self.place)
            else:
                self.carried("create_study", keyword)

    def optimize_call(self, call: ast.Call) -> None:
        for keyword in call.keywords:
            if keyword.arg in ("n_trials", "timeout", "n_jobs"):
                self.study[keyword.arg] = (keyword.value, *self.place)
            elif keyword.arg != "func":
                self.carried("optimize", keyword)
        if len(call.args) > 1:
            self.study["n_trials"] = (call.args[1], *self.place)

    def carried(self, owner: str, keyword: ast.keyword) -> None:
        """A keyword of ``create_study`` or ``optimize`` the spec has no key for (``storage``,
        ``load_if_exists``, ``show_progress_bar``...): a literal is kept in ``x-optuna``, for
        Optuna only; anything else (``callbacks=[...]``) is named as not carried."""
        if keyword.arg is None:
            self.not_carried(keyword, f"`**` arguments of `{owner}` are known only when it runs")
            return
        try:
            value = self.evaluate(keyword.value, Frame(frozenset(), self.place[0]))
        except _Unreadable:
            value = None
        if value is None:
            self.not_carried(keyword, f"`{keyword.arg}=` of `{owner}` has no spec form")
            return
        block = self.extra.setdefault(owner, CommentedMap())
        block[keyword.arg] = value

    def study_value(self, key: str) -> Any:
        node, scope, stamp = self.study[key]
        named = dotted(node) if isinstance(node, ast.Attribute) else ""
        if key == "direction" and named.rsplit(".", 2)[-2:-1] == ["StudyDirection"]:
            return named.rsplit(".", 1)[-1]  # `optuna.study.StudyDirection.MAXIMIZE`
        with self.at_place(scope, stamp):
            return self.evaluate(node, Frame(frozenset(), scope))

    def settings(self, out: CommentedMap) -> None:
        unknown: set[str] = set()  # given, and known only when the module runs
        for key in ("n_trials", "timeout", "n_jobs", "direction", "study_name"):
            if key not in self.study:
                continue
            node = self.study[key][0]
            try:
                value = self.study_value(key)
            except _Unreadable as exc:
                self.not_carried(exc.node, f"`{key}`: {exc}")
                unknown.add(key)
                continue
            if value is None:
                continue
            if key == "direction":
                direction = str(getattr(value, "name", value)).lower().rsplit(".", 1)[-1]
                if direction in _DIRECTIONS:
                    self.setting(out, "mode", node, _DIRECTIONS[direction])
                else:
                    self.not_carried(node, f"the direction {value!r} is not Optuna's")
                    unknown.add(key)
            elif key == "n_trials":
                self.setting(out, "num_samples", node, value)
            elif key == "timeout":
                self.setting(out, "time_budget_s", node, value)
            elif key == "study_name":
                self.setting(out, "name", node, value)
            elif key == "n_jobs" and isinstance(value, int) and value > 1:
                self.setting(out, "max_concurrent_trials", node, value)
            elif key == "n_jobs" and value != 1:  # -1: as many threads as CPUs
                self.not_carried(node, f"`n_jobs={value!r}` has no spec form")
        if "directions" in self.study:
            self.not_carried(
                self.study["directions"][0],
                "`directions`: a multi-objective study has no spec form (one `metric`)",
            )
        if "metric" not in out and ("mode" in out or len(self.space)):
            out["metric"] = VALUE
            self.implied.add("metric")
        if "mode" not in out and len(self.space) and "direction" not in unknown:
            # Optuna's default direction; never in place of a direction given but not known
            out["mode"] = "min"
            self.implied.add("mode")
        self.sampler(out)
        self.pruner(out)
        in_spec_order(out)

    def component(self, key: str) -> tuple[str, dict[str, Any], ast.AST] | None:
        if key not in self.study:
            return None
        node, scope, stamp = self.study[key]
        with self.at_place(scope, stamp):
            return self.component_at(key, node, scope)

    def component_at(
        self, key: str, node: ast.expr, scope: Scope
    ) -> tuple[str, dict[str, Any], ast.AST] | None:
        call = self.call_named(node) if isinstance(node, (ast.Name, ast.Call)) else None
        if call is None:
            if not (isinstance(node, ast.Constant) and node.value is None):
                self.not_carried(
                    node, f"the {key} `{ast.unparse(node)}` is known only when it runs"
                )
            return None
        name = dotted(call.func).rsplit(".", 1)[-1]
        names = model.SAMPLER_NAMES if key == "sampler" else model.PRUNER_NAMES
        if not name:  # `samplers[args.sampler]()`: which class, only the run knows
            self.not_carried(node, f"the {key} `{ast.unparse(node)}` is known only when it runs")
            return None
        if name not in names:
            self.not_carried(call, f"the {key} `{name}` is not one of Optuna's")
            return None
        frame = Frame(frozenset(), scope)
        options: dict[str, Any] = {}
        for index, argument in enumerate(call.args):
            options[f"#{index}"] = argument
        for keyword in call.keywords:
            if keyword.arg is not None:
                options[keyword.arg] = keyword.value
        values: dict[str, Any] = {}
        for option, argument in options.items():
            if key == "sampler" and name == "GridSampler" and option in ("#0", "search_space"):
                try:
                    values["search_space"] = self.evaluate(argument, frame)
                except _Unreadable as exc:
                    self.not_carried(exc.node, f"the grid: {exc}")
                continue
            try:
                values[option] = self.evaluate(argument, frame)
            except _Unreadable as exc:
                self.not_carried(argument, f"`{name}({option.lstrip('#')}=...)`: {exc}")
        return name, values, call

    def sampler(self, out: CommentedMap) -> None:
        from ..yamlio import flow_map

        found = self.component("sampler")
        if found is None:
            # a study without a sampler runs Optuna's default, TPE; one whose sampler is not
            # known (named by component_at) has none written, never TPE in its place
            if self.studied and "sampler" not in self.study:
                out["search_alg"] = flow_map(("type", "optuna"))
            return
        name, values, call = found
        if name == "GridSampler":
            self.grid(values.pop("search_space", None))
            self.off_the_grid(self.space, call)
            extra = {k: v for k, v in values.items() if not k.startswith("#")}
            if extra:
                self.extra["sampler_options"] = flow_map(*extra.items())
            return
        if any(k.startswith("#") for k in values):
            self.not_carried(call, f"`{name}`'s positional arguments")
            values = {k: v for k, v in values.items() if not k.startswith("#")}
        block = flow_map(("type", "optuna"), ("sampler", name))
        if values.get("seed") is not None:
            block["seed"] = values.pop("seed")
        values.pop("seed", None)
        out["search_alg"] = block
        self.origin(out, "search_alg", call)
        if values:
            self.extra["sampler_options"] = flow_map(*values.items())

    def grid(self, grid: Any) -> None:
        """``GridSampler(search_space)``: each named parameter is a grid of those values."""
        from ..yamlio import flow_map, flow_seq

        if not isinstance(grid, Mapping):
            return
        for name, values in grid.items():
            keys = tuple(str(name).split("/"))
            group = _group_at(self.space, keys[:-1])
            if group is None or not isinstance(values, (list, tuple)):
                continue
            suggested = group.get(keys[-1])
            if suggested is not None:  # the grid is what is searched; the range is not kept
                where = self.origins.get(id(group), {}).get(keys[-1])
                if where is not None:
                    self.not_carried(
                        where,
                        f"`{name}`'s range: GridSampler searches only its grid, "
                        f"{list(values)!r:.80}, which the spec keeps as `grid_search`",
                    )
            group[keys[-1]] = flow_map(("grid_search", flow_seq(list(values))))

    def off_the_grid(self, group: CommentedMap, call: ast.AST) -> None:
        """A parameter GridSampler has no grid read for (its grid is known only when the
        module runs): GridSampler enumerates that grid, never the suggest's range, so the
        range is not written in its place; the parameter is left out, named."""
        from ..space import distribution_of

        for key in list(group):
            value = group[key]
            dist = distribution_of(value)
            if dist is None and isinstance(value, CommentedMap):
                self.off_the_grid(value, call)
            elif dist is not None and dist.kind not in ("grid", "constant", "group"):
                where = self.origins.get(id(group), {}).get(key)
                found = self.at(
                    where if where is not None else call,
                    f"`{key}`: GridSampler enumerates its grid, whose values are not read "
                    "here; the suggest's range is not what the study runs, so the parameter "
                    "is not carried",
                )
                self.found.append(replace(found, severity=Severity.WARNING))
                del group[key]
                self.off_grid = True

    def pruner(self, out: CommentedMap) -> None:
        from ..yamlio import flow_map

        found = self.component("pruner")
        if found is None and self.studied and "pruner" not in self.study and self.prunes:
            # the objective reports steps and the study names no pruner: Optuna's default,
            # MedianPruner(), prunes it (optuna/study/study.py `create_study`)
            out["scheduler"], _ = model.scheduler_of("MedianPruner", {})
            return
        if found is None:
            return
        name, values, call = found
        positional = any(k.startswith("#") for k in values)
        block, rest = (None, {}) if positional else model.scheduler_of(name, values)
        if block is None:  # a pruner the spec has no scheduler for, or arguments by position
            self.extra["pruner"] = flow_map(
                ("type", name), *((k.lstrip("#"), v) for k, v in values.items())
            )
            return
        out["scheduler"] = block
        self.origin(out, "scheduler", call)
        if rest:
            self.extra["pruner_options"] = flow_map(*rest.items())

    # findings

    def warn(self, node: ast.AST, message: str, before: int | None = None) -> None:
        problem = replace(self.at(node, message), severity=Severity.WARNING)
        if before is None:
            self.found.append(problem)
        else:
            self.found.insert(before, problem)


# helpers


def _reports_steps(node: ast.AST) -> bool:
    """Whether ``node`` reports steps to a trial, which a pruner then prunes: ``trial.report``
    and ``should_prune``, or an integration's pruning callback, which calls them
    (``optuna.integration.XGBoostPruningCallback(trial, ...)``, LightGBM's, Keras',
    PyTorch Lightning's...)."""
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Attribute) and node.func.attr in ("report", "should_prune"):
        return True
    return dotted(node.func).rsplit(".", 1)[-1].endswith("PruningCallback")


def _runs_on_import(tree: ast.Module) -> ast.AST | None:
    """A module-level statement (outside the main guard and definitions) that optimises a
    study: importing the module would run it."""
    from .pyscope import is_main_guard

    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if isinstance(statement, ast.If) and is_main_guard(statement.test):
            continue
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "optimize"
            ):
                return node
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _parameters(node: Any) -> list[str]:
    args = node.args
    return [a.arg for a in [*args.posonlyargs, *args.args]]


def _trial_parameter(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The parameter that takes the trial: the first one after ``self``, when the function
    suggests on it (or it is annotated as a trial)."""
    params = [p for p in _parameters(node) if p not in ("self", "cls")]
    if not params:
        return None
    for arg in [*node.args.posonlyargs, *node.args.args]:
        if arg.annotation is not None and "Trial" in ast.unparse(arg.annotation):
            return arg.arg
    names = _aliases(node, params[0])
    if _suggests_with(node, names) or _calls_with(node.body, names):
        return params[0]
    return None


def _suggest_calls(node: ast.AST, trial: frozenset[str], anywhere: bool = False) -> list[ast.expr]:
    """The ``trial.suggest_*`` calls in ``node`` on a name of the trial, in source order (where
    each starts). ``anywhere``: also those that suggest in a way the reading does not follow,
    for naming them: a ``suggest_*`` call on anything else (``self.trial.suggest_float(...)``),
    one through ``getattr(trial, "suggest_float")``, and a suggest method taken as a value
    (``s = trial.suggest_float``, ``map(trial.suggest_float, ...)``)."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    found: list[ast.expr] = []
    for n in ast.walk(node):
        if isinstance(n, ast.Call) and _is_suggest_method(n.func, trial, anywhere):
            found.append(n)
        elif (
            anywhere
            and isinstance(n, ast.expr)
            and id(n) not in called
            and _is_suggest_method(n, trial, anywhere)
        ):
            found.append(n)  # taken, not called here
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _is_suggest_method(node: ast.AST, trial: frozenset[str], anywhere: bool = False) -> bool:
    """``trial.suggest_*`` on a name of the trial; ``anywhere``: on anything, or
    ``getattr(x, "suggest_*")`` (or ``getattr`` of the trial with a name known at run time)."""
    if isinstance(node, ast.Attribute) and node.attr in model.SUGGESTS:
        return anywhere or (isinstance(node.value, ast.Name) and node.value.id in trial)
    if not (anywhere and isinstance(node, ast.Call) and dotted(node.func) == "getattr"):
        return False
    if len(node.args) < 2:
        return False
    subject, name = node.args[0], node.args[1]
    if isinstance(name, ast.Constant):
        return isinstance(name.value, str) and name.value in model.SUGGESTS
    return isinstance(subject, ast.Name) and subject.id in trial


def _suggests_with(node: ast.AST, trial: frozenset[str]) -> bool:
    """Whether ``node`` suggests on a name of the trial, in any way: a ``trial.suggest_*``
    call, the method taken (``s = trial.suggest_float``) or through ``getattr(trial, ...)``."""
    for found in _suggest_calls(node, trial, anywhere=True):
        use = found
        if isinstance(use, ast.Call) and _is_suggest_method(use.func, trial, anywhere=True):
            use = use.func  # the method it calls
        subject = use.args[0] if isinstance(use, ast.Call) and use.args else use
        if isinstance(subject, ast.Attribute):
            subject = subject.value
        if isinstance(subject, ast.Name) and subject.id in trial:
            return True
    return False


def _aliases(node: ast.AST, trial: str) -> frozenset[str]:
    """The names the trial goes by in the function ``node``: its parameter ``trial`` and every
    name bound to one of them (``t = trial``, ``t: Trial = trial``, ``(t := trial)``)."""
    pairs: list[tuple[str, str]] = []
    for n in ast.walk(node):
        if isinstance(n, ast.Assign):
            targets, value = n.targets, n.value
        elif isinstance(n, (ast.AnnAssign, ast.NamedExpr)) and n.value is not None:
            targets, value = [n.target], n.value
        else:
            continue
        if isinstance(value, ast.Name):
            pairs.extend((t.id, value.id) for t in targets if isinstance(t, ast.Name))
    names = {trial}
    grown = True
    while grown:
        grown = False
        for target, source in pairs:
            if source in names and target not in names:
                names.add(target)
                grown = True
    return frozenset(names)


def _suggests_in(body: Sequence[ast.AST], trial: frozenset[str]) -> bool:
    return any(_suggest_calls(statement, trial) for statement in body)


def _suggests_inside(node: ast.If, trial: frozenset[str]) -> bool:
    return _suggests_in([*node.body, *node.orelse], trial) or _calls_with(
        [*node.body, *node.orelse], trial
    )


def _calls_with(body: Sequence[ast.AST], trial: frozenset[str]) -> bool:
    """Whether a statement passes the trial to a call (a helper that may suggest)."""
    return any(
        isinstance(n, ast.Call)
        and any(
            isinstance(a, ast.Name) and a.id in trial
            for a in [*n.args, *(k.value for k in n.keywords)]
        )
        for statement in body
        for n in ast.walk(statement)
    )


def _trial_position(call: ast.Call, trial: frozenset[str]) -> int | None:
    return next(
        (i for i, a in enumerate(call.args) if isinstance(a, ast.Name) and a.id in trial), None
    )


def _range_of_switch(node: ast.expr, frame: Frame) -> bool:
    return any(isinstance(n, ast.Name) and n.id in frame.switches for n in ast.walk(node))


def _uses(node: ast.AST, env: Mapping[str, Any]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in env for n in ast.walk(node))


def _binary(node: ast.BinOp, left: Any, right: Any) -> Any:
    import operator

    ops = {
        ast.Add: operator.add,
        ast.Sub: operator.sub,
        ast.Mult: operator.mul,
        ast.Div: operator.truediv,
        ast.FloorDiv: operator.floordiv,
        ast.Mod: operator.mod,
        ast.Pow: operator.pow,
    }
    function = ops.get(type(node.op))
    if function is None:
        raise _Unreadable(node, "an operation sweepspec does not evaluate")
    try:
        return function(left, right)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError) as exc:
        raise _Unreadable(node, str(exc)) from None


def optuna_points(low: float, high: float, step: float) -> tuple[float, bool] | None:
    """Optuna's ``high`` for a stepped float (its last point ``low + k * step``, as
    ``FloatDistribution`` lowers it), and whether ``low`` is a multiple of ``step`` (then the
    points are the multiples of ``step`` that ``quniform`` rounds to). ``None`` where there are
    no such points to compute: a bound or step that is not finite, ``low > high``, ``step <= 0``,
    or a range of more points than Optuna's arithmetic holds (it raises on those itself).

    The arithmetic is Optuna's (``optuna.distributions._adjust_discrete_uniform_high``):
    decimals of the values' ``str``, at the default context's precision, in a context of its
    own so that the caller's decimal settings change nothing."""
    import decimal

    if not all(math.isfinite(v) for v in (low, high, step)) or low > high or step <= 0:
        return None
    context = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
    try:
        with decimal.localcontext(context):
            lo, hi, q = (decimal.Decimal(str(v)) for v in (low, high, step))
            span = hi - lo
            last = high if span % q == 0 else float((span // q) * q + lo)
            on_grid = lo % q == 0
    except (decimal.DecimalException, ValueError, OverflowError):
        return None
    return (last, on_grid) if math.isfinite(last) else None


def _stepped_float(method: str, options: Mapping[str, Any]) -> bool:
    return method == "suggest_discrete_uniform" or (
        method == "suggest_float" and options.get("step") is not None and not options.get("log")
    )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(value: Any) -> Any:
    if isinstance(value, CommentedSeq):
        return list(value)
    return value


def _path_name(path: tuple[str, ...]) -> str:
    return "\x00" + "\x00".join(path)


def _bare(entry: CommentedMap) -> Any:
    """A distribution entry without its explicit label, as ``spec_of`` made it."""
    from ..meaning import plain

    (dist,) = entry
    body = plain(entry[dist])
    if isinstance(body, dict):
        body.pop("label", None)
        body = list(body.get("options", body.values())) if dist == "choice" else list(body.values())
    return {dist: body}


def _label(entry: CommentedMap, name: str) -> None:
    """Give the distribution ``entry`` its Optuna name as an explicit label."""
    from ..yamlio import flow_map

    (dist,) = entry
    body = entry[dist]
    if isinstance(body, CommentedMap):  # already a mapping: only the label changes
        body["label"] = name
        return
    if dist == "choice":
        entry[dist] = flow_map(("options", body), ("label", name))
        return
    from ..vocabulary import BY_NAME

    names = BY_NAME[dist].arg_names
    entry[dist] = flow_map(*zip(names, body, strict=False), ("label", name))


def _group_at(space: CommentedMap, keys: tuple[str, ...]) -> CommentedMap | None:
    from ..space import distribution_of

    target = space
    for key in keys:
        inner = target.get(key)
        if inner is None:
            inner = CommentedMap()
            target[key] = inner
        if not isinstance(inner, CommentedMap) or distribution_of(inner) is not None:
            return None
        target = inner
    return target


# reading a module


def read(source: str, file: str = "<string>", space: str | None = None) -> Reading:
    """A spec from a module with an Optuna objective, without running the module."""
    try:
        tree, skipped = parse_tolerant(source, file)
    except SyntaxError as exc:
        return Reading(None, [syntax_error(exc, file)])
    reader = OptunaReader(source, file)
    reader.space_name = space
    reader.found.extend(skipped_lines(skipped, file))
    try:
        data = reader.read(tree)
    except Unsupported as exc:
        return Reading(None, [*reader.found, reader.at(exc.node, str(exc))])
    if not len(data["param_space"]) and reader.template is None:
        why = (
            "no parameter of the space could be carried (each is named)"
            if reader.off_grid
            else "no `trial.suggest_*` call was found: this module defines no Optuna space"
        )
        reader.found.append(reader.at(tree, why))
    data = reader.with_template(data, tree, merge)
    origins = reader.locate(data)
    return Reading(data, reader.found, origins, _regions(reader, origins))


def _regions(reader: OptunaReader, origins: Mapping[tuple[Any, ...], Any]) -> list[Any]:
    """Where a helper the objective hands the trial holds the space: each statement of its body
    that makes an entry of the spec (``params = {...}``), with the comment lines right above
    it. Their notes and commented-out suggests are the spec's, as the objective's are; the
    helper's other comments (``# TODO``, a note on other code) are not."""
    from ..diagnostics import Span

    lines = reader.source.splitlines()
    space = origins.get(("param_space",))
    entries = sorted(span.line for path, span in origins.items() if path[:1] == ("param_space",))
    found = []
    for node, _ in reader.entered.values():
        span = reader.at(node, "").span
        if space is not None and span.line == space.line:
            continue  # the objective: all of it is the space's
        for statement in getattr(node, "body", []):
            end = statement.end_lineno or statement.lineno
            at = bisect.bisect_left(entries, statement.lineno)
            if at == len(entries) or entries[at] > end:
                continue  # no entry starts among its lines
            start = statement.lineno
            while start > 1 and lines[start - 2].lstrip().startswith("#"):
                start -= 1  # the comments right above it
            # a span holds the lines strictly between its first and last
            found.append(Span(start - 1, 1, end + 1, 1))
    return found


def read_module(source: str, file: str = "<string>", space: str | None = None) -> Reading:
    """The registry's reader."""
    return read(source, file, space)


# the spec copy of a written module


def view(data: Mapping[str, Any]) -> dict[Any, Any]:
    """What an Optuna module can say of a spec, aspect by aspect: two specs with the same view
    are the same study. The merge keeps the spec copy's text for every aspect where the
    module's code says the same."""
    study = model.study_of(data)
    out: dict[Any, Any] = {
        "program": data.get("program"),
        "metric": data.get("metric"),
        "mode": study.direction,
        "num_samples": study.n_trials,
        "time_budget_s": study.timeout,
        "max_concurrent_trials": study.n_jobs,
        "search_alg": (
            study.sampler,
            study.grid,
            [p for p in study.problems if p[0][0] == "search_alg"],
        ),
        "scheduler": (study.pruner, [p for p in study.problems if p[0][0] == "scheduler"]),
    }
    _leaves(model.plan(data.get("param_space") or {}), ("param_space",), out)
    return out


def _leaves(entries: list[model.Entry], path: tuple[Any, ...], out: dict[Any, Any]) -> None:
    """Each parameter of the space by its key path, groups opened (a conditional choice is
    one parameter, its branches in its signature); constants are not the code's to say."""
    for entry in entries:
        here = (*path, entry.key)
        if entry.is_group:
            _leaves(entry.entries, here, out)
        elif not entry.is_constant:
            out[here] = _signature(entry)


def _signature(entry: model.Entry) -> Any:
    if entry.problem is not None:
        return ("problem", entry.problem)
    if entry.is_constant:
        return None
    suggestion = entry.suggestion
    if suggestion is not None and suggestion.method == model.CATEGORICAL:
        suggestion = model.Suggestion(
            suggestion.method, suggestion.label, (tuple(map(_typed, suggestion.args[0])),)
        )
    inner = tuple((e.key, _signature(e)) for e in entry.entries if not e.is_constant)
    branches = tuple(
        (_typed(tag), tuple((e.key, _signature(e)) for e in body if not e.is_constant))
        for tag, body in entry.branches
    )
    return (suggestion, inner, branches)


def _typed(value: Any) -> Any:
    return (type(value).__name__, value)


# The keys of the spec each aspect of the view comes from (x-optuna's by its own keys).
_ASPECT_KEYS = {
    "search_alg": ("search_alg", "x-optuna.sampler_options"),
    "scheduler": ("scheduler", "x-optuna.pruner", "x-optuna.pruner_options"),
}


def _take(kept: CommentedMap, data: Mapping[str, Any], key: str) -> None:
    """``kept[key] = data[key]`` (``x-optuna.name`` inside that block), or removed."""
    if not key.startswith("x-optuna."):
        if key in data:
            kept[key] = data[key]
        elif key in kept:
            del kept[key]
        return
    inner = key.split(".", 1)[1]
    theirs = data.get("x-optuna") or {}
    ours = kept.get("x-optuna")
    if inner in theirs:
        if not isinstance(ours, CommentedMap):
            ours = CommentedMap()
            kept.insert(
                list(kept).index("param_space") if "param_space" in kept else len(kept),
                "x-optuna",
                ours,
            )
        ours[inner] = theirs[inner]
    elif isinstance(ours, CommentedMap) and inner in ours:
        del ours[inner]
        if not ours:
            del kept["x-optuna"]


def merge(template: str, data: CommentedMap, file: str, implied: set[str]) -> CommentedMap | None:
    """The spec the module was written from, with what the module's code now says
    differently; ``None`` when that copy does not load as a clean spec."""
    from ..loader import load_text
    from . import detect
    from .hyperopt_source import _Kept

    doc = load_text(template, file)
    if doc.fatal or doc.diagnostics or detect(doc.data) != "spec":
        return None
    kept: CommentedMap = doc.data
    ours, theirs = view(kept), view(data)
    changed = False
    for aspect in ours.keys() | theirs.keys():
        if ours.get(aspect) == theirs.get(aspect):
            continue
        if isinstance(aspect, tuple):
            continue  # the space, entry by entry, below
        if aspect in implied or (aspect == "mode" and "mode" in implied):
            continue
        changed = True
        for key in _ASPECT_KEYS.get(aspect, (aspect,)):
            _take(kept, data, key)
    space = kept.get("param_space")
    if not isinstance(space, CommentedMap):
        space = CommentedMap()
        kept["param_space"] = space
    new = data.get("param_space") or CommentedMap()
    leaves: list[tuple[Any, ...]] = [
        *(p for p in ours if isinstance(p, tuple) and ours[p] != theirs.get(p)),
        *(p for p in theirs if isinstance(p, tuple) and p not in ours),
    ]
    for path in leaves:
        changed = True
        _put(space, path[1:], _get(new, path[1:]))
    if not changed:
        return _Kept(template)
    return kept


_MISSING = object()


def _get(space: Mapping[str, Any], keys: tuple[Any, ...]) -> Any:
    from ..space import group_body

    target: Any = space
    for key in keys:
        body = group_body(target)
        if body is None or key not in body:
            return _MISSING
        target = body[key]
    return target


def _put(space: CommentedMap, keys: tuple[Any, ...], value: Any) -> None:
    """``space[keys] = value`` through its groups (made where missing); removed when
    ``value`` is missing."""
    from ..space import group_body

    target: Any = space
    for key in keys[:-1]:
        body: Any = group_body(target)
        if body is None:
            return
        if key not in body:
            if value is _MISSING:
                return
            body[key] = CommentedMap()
        target = body[key]
    body = group_body(target)
    if not isinstance(body, CommentedMap):
        return
    if value is _MISSING:
        body.pop(keys[-1], None)
    else:
        body[keys[-1]] = value
