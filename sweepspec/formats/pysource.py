"""Spaces read from Python source, parsed and never run: the reader every Python format builds
on (hyperopt's modules, and Ray Tune's scripts, which subclass it).

It understands ``hp.*`` calls under their usual import names (``from hyperopt import hp``,
``import hyperopt``, the seed's ``from wandb.sweeps.config.hyperopt import hp``), ``scope.int``,
``math.log``/``np.log`` of literals, dict and list literals, ``dict(...)`` calls, module-level
constants, and the seed's ``tune.run(..., search_alg=HyperOptSearch(space, metric=, mode=))``.
Anything else is a located diagnostic. Comments are carried to the same keys.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import tokenize
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic, Span
from ..emit import diagnostic
from ..normalise import disambiguate_groups, drop_derived_labels
from ..numbers import exp_exact, log_exact
from ..yamlio import flow_map, flow_seq, is_flow
from .hp import HP_NAMES, LOG_BOUNDS

# Float spellings Python reads only through float("..."), which the writer writes for them.
SPECIAL_FLOATS = frozenset({"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})

TEMPLATE = "SWEEPSPEC"
SETTINGS = {
    "program": "program",
    "metric": "metric",
    "mode": "mode",
    "max_evals": "num_samples",
    "timeout": "time_budget_s",
}


# Calls that run a space: the seed's `tune.run(..., search_alg=HyperOptSearch(space))`, and
# hyperopt's own `fmin`, by the last two parts of their dotted names.
_OPTIMISERS = {"tune.run": "run", "fmin": "fmin", "hyperopt.fmin": "fmin"}


def _optimiser(call: ast.Call) -> str | None:
    name = dotted(call.func)
    return _OPTIMISERS.get(".".join(name.split(".")[-2:])) or _OPTIMISERS.get(name)


# fmin's parameters in order (hyperopt/hyperopt/fmin.py), and those the spec has a key for.
_FMIN_PARAMETERS = ("fn", "space", "algo", "max_evals", "timeout")
_FMIN_SETTINGS = {"max_evals": "num_samples", "timeout": "time_budget_s"}
# The spec's keys that come before `metric`.
_HEAD = frozenset({"sweepspec", "name", "description", "program"})


def _seed(node: ast.expr) -> int | None:
    """The seed of ``np.random.default_rng(42)`` or ``np.random.RandomState(42)``."""
    if (
        isinstance(node, ast.Call)
        and dotted(node.func).rsplit(".", 1)[-1] in ("default_rng", "RandomState")
        and len(node.args) == 1
        and not node.keywords
        and isinstance(node.args[0], ast.Constant)
        and type(node.args[0].value) is int
    ):
        return node.args[0].value
    return None


class Unsupported(Exception):
    def __init__(self, node: ast.AST, message: str) -> None:
        super().__init__(message)
        self.node = node


@dataclass(frozen=True)
class LogBound:
    """``math.log(x)`` of a literal: a log-space bound whose real value is ``x``; anywhere
    else, the number ``ln(x)`` (see :func:`resolve_logs`)."""

    value: Any
    node: ast.AST | None = field(default=None, compare=False)


def resolve_logs(value: Any) -> Any:
    """``value`` with every ``math.log(x)`` that is not a log bound replaced by ``ln(x)``."""
    if isinstance(value, LogBound):
        if not isinstance(value.value, (int, float)) or value.value <= 0:
            where = value.node or ast.Module(body=[], type_ignores=[])
            raise Unsupported(where, "`math.log` of a number that is not > 0")
        return log_exact(value.value)
    if isinstance(value, dict):
        for key in list(value):
            value[key] = resolve_logs(value[key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = resolve_logs(item)
    return value


@dataclass
class SourceResult:
    data: CommentedMap | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # key path in ``data`` -> where the module wrote it
    origins: dict[tuple[Any, ...], Span] = field(default_factory=dict)


def parse_python(source: str, file: str = "<unknown>") -> ast.Module:
    """``ast.parse``, without the warnings Python prints for odd code it still parses (such as
    ``SyntaxWarning: invalid decimal literal`` for ``1if x else 2``): the module is read, not
    run, and sweepspec reports what it cannot read itself."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        tree = ast.parse(source, filename=file)
        # Compiling (never running) finds what the parser lets through and Python refuses,
        # such as a keyword argument given twice, whose second value would otherwise be read.
        compile(tree, file, "exec", dont_inherit=True)
    return tree


def syntax_error(exc: SyntaxError, file: str) -> Diagnostic:
    line, column = exc.lineno or 1, exc.offset or 1
    message = f"Python syntax error: {exc.msg}"
    return diagnostic("X003", message, file, Span(line, column, line, column + 1))


class SpaceReader:
    def __init__(self, source: str, file: str) -> None:
        self.source, self.file = source, file
        self.found: list[Diagnostic] = []
        self.hp: set[str] = set()  # names that mean hyperopt.hp (`hp`, `hyperopt.hp`, ...)
        self.scope: set[str] = set()
        self.log: set[str] = {"math.log", "np.log", "numpy.log"}
        self.constants: dict[str, Any] = {}
        self.comments = source_comments(source)
        self.template: str | None = None
        self.template_node: ast.AST | None = None
        # Where each key of each mapping built came from, so that findings on the spec read
        # from the module can be located in the module itself (see `locate`).
        self.origins: dict[int, dict[str, ast.AST]] = {}
        self.lines: list[str] | None = None  # the source's lines, once a finding needs them
        # The expression each mapping or list read came from (for findings on it).
        self.made_by: dict[int, ast.AST] = {}
        # What the module defines or imports, which `program` can name, and the calls it
        # assigns to names (`searcher = HyperOptSearch(...)`), which later calls pass by name.
        self.definitions: dict[str, str] = {}
        self.calls: dict[str, ast.Call] = {}
        self.search_options: list[tuple[str, Any]] = []
        self.minimised = False  # by `fmin`

    def define(self, tree: ast.Module) -> None:
        """The module's own functions and classes, and the names it imports from modules, as
        the ``module:name`` that ``program`` would write for each."""
        stem = Path(self.file).stem
        for statement in tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.definitions[statement.name] = f"{stem}:{statement.name}"
            elif isinstance(statement, ast.ImportFrom) and statement.module and not statement.level:
                for alias in statement.names:
                    self.definitions[alias.asname or alias.name] = (
                        f"{statement.module}:{alias.name}"
                    )

    def program(self, out: CommentedMap, node: ast.expr, what: str) -> None:
        """``program`` from what a call runs: a script's path, or a function or class of the
        module or imported by name (``module:name``, as ``sweepspec run`` imports it)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.setting(out, "program", node)
        elif isinstance(node, ast.Name) and node.id in self.definitions:
            self.setting(out, "program", node, self.definitions[node.id])
        else:
            self.not_carried(
                node,
                f"the {what} `{ast.unparse(node)}` has no spec form (`program` names a script or "
                "a `module:function`)",
            )

    def call_named(self, node: ast.expr) -> ast.Call | None:
        """A call written in place, or assigned to a name earlier in the module."""
        if isinstance(node, ast.Call):
            return node
        return self.calls.get(node.id) if isinstance(node, ast.Name) else None

    def origin(self, mapping: CommentedMap, key: str, node: ast.AST) -> None:
        self.origins.setdefault(id(mapping), {})[key] = node

    def locate(self, data: Any) -> dict[tuple[Any, ...], Span]:
        """The span in the module of every key path of ``data`` that the module wrote."""
        found: dict[tuple[Any, ...], Span] = {}

        def walk(value: Any, path: tuple[Any, ...]) -> None:
            if isinstance(value, CommentedMap):
                for key, item in value.items():
                    node = self.origins.get(id(value), {}).get(key)
                    here = (*path, key)
                    if node is not None:
                        found[here] = self.at(node, "").span
                    walk(item, here)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(item, (*path, index))

        walk(data, ())
        return found

    def at(self, node: ast.AST, message: str, code: str = "X003") -> Diagnostic:
        line = getattr(node, "lineno", 1)
        column = self.column(line, getattr(node, "col_offset", 0))
        end_line = getattr(node, "end_lineno", line) or line
        end_offset = getattr(node, "end_col_offset", None)
        end_column = column if end_offset is None else self.column(end_line, end_offset)
        return diagnostic(code, message, self.file, Span(line, column, end_line, end_column))

    def not_carried(self, node: ast.AST, message: str) -> None:
        """A part of the module that the spec read from it does not carry: an X001 at it."""
        self.found.append(self.at(node, f"{message}, so it is not carried", "X001"))

    def setting(self, out: CommentedMap, key: str, node: ast.expr, value: Any = None) -> None:
        """``out[key]`` from ``node`` (or ``value`` read from it); a second, different value for
        the same key is named."""
        value = self.value(node) if value is None else value
        if key in out and out[key] != value:
            self.not_carried(node, f"`{key}` is already {out[key]!r}; this {value!r}")
            return
        out[key] = value
        self.origin(out, key, node)

    def keyword_arguments(self, node: ast.Call, owner: str) -> dict[str, ast.keyword]:
        """The named keywords of a call; ``**mapping`` cannot be read without running it."""
        for keyword in node.keywords:
            if keyword.arg is None:
                self.not_carried(
                    keyword,
                    f"`**{ast.unparse(keyword.value)}` of `{owner}` is "
                    "known only when the module runs",
                )
        return {k.arg: k for k in node.keywords if k.arg is not None}

    def column(self, line: int, offset: int) -> int:
        """The 1-based character column of ``ast``'s 0-based UTF-8 byte ``offset``."""
        if self.lines is None:
            from ..sourcemap import source_lines

            self.lines = source_lines(self.source)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore")) + 1

    def module(self, tree: ast.Module) -> CommentedMap:
        out = CommentedMap()
        out["sweepspec"] = 1
        space: Any = None
        header = [c for line, c in sorted(self.comments.items()) if line < first_line(tree)]
        self.define(tree)
        for statement in tree.body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                self.imports(statement)
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name):
                    space = self.assign(target.id, statement.value, out, space)
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                space = self.optimiser(statement.value, out) or space
        if space is None:
            raise Unsupported(tree, "no hyperopt space found: assign one to `space`")
        self.check_space(space, tree)
        out["search_alg"] = flow_map(("type", "hyperopt"), *self.search_options)
        if self.minimised:
            # fmin minimises what `fn` returns, its `loss` (hyperopt/hyperopt/fmin.py); the spec
            # says so, as Ray's HyperOptSearch must be told
            at = next((i for i, key in enumerate(out) if key not in _HEAD), len(out))
            for key, value in (("mode", "min"), ("metric", "loss")):
                if key not in out:
                    out.insert(at, key, value)
        drop_derived_labels(space)
        out["param_space"] = disambiguate_groups(space)
        resolve_logs(out)
        if header:
            out.yaml_set_start_comment("\n".join(comment_text(h) for h in header))
        return out

    def check_space(self, space: Any, tree: ast.Module) -> None:
        """The space must be a dict of names: a single expression has no name in the spec."""
        if not isinstance(space, CommentedMap) or is_flow(space):
            raise Unsupported(
                self.made_by.get(id(space), tree),
                "the space must be a dict of parameter names, such as `{'lr': hp.loguniform(...)}`",
            )

    def imports(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            name = alias.asname or alias.name
            full = f"{node.module}.{alias.name}" if isinstance(node, ast.ImportFrom) else alias.name
            if full.endswith(".hp") or full == "hp":
                self.hp.add(name)
            elif full == "hyperopt":
                self.hp.add(f"{name}.hp")
            elif full.endswith("pyll.scope") or full.endswith(".scope"):
                self.scope.add(name)
            elif full == "hyperopt.pyll":
                self.scope.add(f"{name}.scope")
            elif full in ("math", "numpy"):
                self.log.add(f"{name}.log")

    def assign(self, name: str, value: ast.expr, out: CommentedMap, space: Any) -> Any:
        if isinstance(value, ast.Call) and _optimiser(value):
            return self.optimiser(value, out) or space
        if name == "space" or (space is None and self.mentions_hp(value)):
            return self.value(value)
        if name in SETTINGS:
            if isinstance(value, ast.Constant):
                self.setting(out, SETTINGS[name], value)
            else:
                self.not_carried(value, f"`{name}` is not a literal, known only when it runs")
            return space
        if isinstance(value, ast.Call):
            self.calls[name] = value
        if name == TEMPLATE and isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.template, self.template_node = value.value, value
            return space
        # not a constant the space can use: ignored, as the module is never executed
        with contextlib.suppress(Unsupported):
            self.constants[name] = self.value(value)
        return space

    def mentions_hp(self, node: ast.AST) -> bool:
        return any(
            isinstance(n, ast.Call) and dotted(n.func).rsplit(".", 1)[0] in self.hp
            for n in ast.walk(node)
        )

    def optimiser(self, call: ast.Call, out: CommentedMap) -> Any:
        """A call that runs the space: the space it is given, and the settings around it."""
        kind = _optimiser(call)
        if kind == "run":
            return self.tune_run(call, out)
        if kind == "fmin":
            return self.fmin(call, out)
        return None

    def tune_run(self, call: ast.Call, out: CommentedMap) -> Any:
        """The seed's ``tune.run("train.py", search_alg=HyperOptSearch(space, ...), ...)``."""
        space = None
        keywords = self.keyword_arguments(call, "tune.run")
        trainable = (
            call.args[0] if call.args else getattr(keywords.get("run_or_experiment"), "value", None)
        )
        if trainable is not None:
            self.program(out, trainable, "trainable")
        for extra in call.args[1:]:
            self.not_carried(extra, "a positional argument of `tune.run` after the trainable")
        for name, keyword in keywords.items():
            if name in ("num_samples", "metric", "mode", "time_budget_s"):
                self.setting(out, name, keyword.value)
            elif name == "search_alg":
                space = self.searcher(keyword.value, out) or space
            elif name != "run_or_experiment":
                self.not_carried(
                    keyword, f"`{name}=` of `tune.run` has no place in a hyperopt spec"
                )
        return space

    def searcher(self, node: ast.expr, out: CommentedMap) -> Any:
        """``HyperOptSearch(space, metric=..., mode=..., **options)``: its space; the options
        go to ``search_alg``."""
        call = self.call_named(node)
        if call is None or dotted(call.func).rsplit(".")[-1] != "HyperOptSearch":
            self.not_carried(node, f"the searcher `{ast.unparse(node)}` is not a HyperOptSearch")
            return None
        space = None
        if call.args:
            space = self.value(call.args[0])
        for extra in call.args[1:]:
            self.not_carried(extra, "a positional argument of `HyperOptSearch` after the space")
        for name, keyword in self.keyword_arguments(call, "HyperOptSearch").items():
            if name in ("metric", "mode"):
                self.setting(out, name, keyword.value)
            elif name == "space":
                space = self.value(keyword.value)
            else:
                self.search_options.append((name, self.value(keyword.value)))
        return space

    def fmin(self, call: ast.Call, out: CommentedMap) -> Any:
        """``fmin(fn, space, algo=tpe.suggest, max_evals=..., ...)``: its space when written in
        place, and the settings the spec has (hyperopt/hyperopt/fmin.py's parameter order)."""
        self.minimised = True
        keywords = self.keyword_arguments(call, "fmin")
        given: dict[str, ast.expr] = {k: v.value for k, v in keywords.items()}
        for name, node in zip(_FMIN_PARAMETERS, call.args, strict=False):
            given[name] = node
        for extra in call.args[len(_FMIN_PARAMETERS) :]:
            self.not_carried(extra, "a positional argument of `fmin`")
        space = None
        for name, node in given.items():
            if name == "fn":
                if "program" not in out:
                    self.program(out, node, "objective")
            elif name == "space":
                # the space by name is the one the module assigns; written here, it is read here
                if not isinstance(node, ast.Name):
                    space = self.value(node)
            elif name == "algo":
                if not dotted(node).endswith("tpe.suggest"):
                    self.not_carried(
                        node, f"`{ast.unparse(node)}` is not TPE, the spec's hyperopt search"
                    )
            elif name in _FMIN_SETTINGS:
                self.setting(out, _FMIN_SETTINGS[name], node)
            elif name == "rstate" and _seed(node) is not None:
                # HyperOptSearch seeds hyperopt's rstate from random_state_seed
                self.search_options.append(("random_state_seed", _seed(node)))
            else:
                self.not_carried(node, f"`{name}=` of `fmin` has no place in the spec")
        return space

    # expressions

    def value(self, node: ast.expr) -> Any:
        read = self.read_value(node)
        if isinstance(read, (CommentedMap, CommentedSeq)):
            self.made_by.setdefault(id(read), node)
        return read

    def read_value(self, node: ast.expr) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            return float_as_written(ast.get_source_segment(self.source, node), node.value)
        if isinstance(node, ast.Constant) and not isinstance(node.value, (bytes, complex)):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.value(node.operand)
            if isinstance(inner, (int, float)) and not isinstance(inner, bool):
                return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, (ast.List, ast.Tuple)):
            return flow_seq([self.value(item) for item in node.elts])
        if isinstance(node, ast.Dict):
            return self.mapping(node)
        if isinstance(node, ast.Name) and node.id in self.constants:
            return self.constants[node.id]
        if isinstance(node, ast.Call):
            return self.call(node)
        raise Unsupported(node, f"cannot read `{ast.unparse(node)}` as a space entry")

    def mapping(self, node: ast.Dict) -> CommentedMap:
        out = CommentedMap()
        previous_end = node.lineno
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if not isinstance(key_node, ast.Constant) or not isinstance(key_node.value, str):
                raise Unsupported(key_node or node, "space keys must be string literals")
            key = key_node.value
            out[key] = self.value(value_node)
            self.origin(out, key, value_node)
            self.attach(out, key, previous_end, key_node.lineno, value_node.end_lineno or 0)
            previous_end = value_node.end_lineno or key_node.lineno
        return out

    def attach(self, out: CommentedMap, key: str, after: int, line: int, end: int) -> None:
        before = [self.comments[n] for n in range(after + 1, line) if n in self.comments]
        if before:
            out.yaml_set_comment_before_after_key(
                key, before="\n".join(comment_text(c) for c in before), indent=0
            )
        trailing = self.comments.get(end) if end else None
        if trailing and end not in range(after + 1, line):
            out.yaml_add_eol_comment(trailing, key)

    def call(self, node: ast.Call) -> Any:
        name = dotted(node.func)
        prefix, _, function = name.rpartition(".")
        if name == "float" and len(node.args) == 1 and not node.keywords:
            text = node.args[0]
            if isinstance(text, ast.Constant) and str(text.value).strip().lower() in SPECIAL_FLOATS:
                return float(str(text.value))  # float("nan"), float("inf"), as the writer writes
        if name == "dict" and not node.args:
            out = CommentedMap()
            for keyword in node.keywords:
                if keyword.arg is None:
                    raise Unsupported(node, "`dict(**...)` cannot be read")
                out[keyword.arg] = self.value(keyword.value)
                self.origin(out, keyword.arg, keyword.value)
                self.attach(
                    out,
                    keyword.arg,
                    node.lineno,
                    keyword.value.lineno,
                    keyword.value.end_lineno or 0,
                )
            return out
        if name == "dict" and len(node.args) == 1 and isinstance(node.args[0], ast.Dict):
            return self.mapping(node.args[0])
        if name in self.log and len(node.args) == 1:
            inner = self.value(node.args[0])
            if isinstance(inner, (int, float)) and not isinstance(inner, bool):
                return LogBound(inner, node)  # `math.log(0)` too: the bound 0, `check` reports it
        if prefix in self.scope and function == "int" and len(node.args) == 1:
            return self.integer(node)
        if prefix in self.hp and function in HP_NAMES:
            return self.hp_call(node, function)
        raise Unsupported(node, f"cannot read the call `{name}(...)` without running it")

    def arguments(
        self, node: ast.Call, names: tuple[str, ...], most: int | None = None
    ) -> tuple[str, list[Any]]:
        """The label and the arguments ``names`` (at most ``most`` positional ones after the
        label, ``len(names)`` unless given)."""
        keywords = {k.arg: k.value for k in node.keywords}
        if None in keywords:
            raise Unsupported(node, "`**` arguments are known only when the module runs")
        positional = list(node.args)
        if not positional and "label" not in keywords:
            raise Unsupported(node, "hyperopt functions take a label first")
        label_node = positional.pop(0) if positional else keywords.pop("label")
        label = self.value(label_node)
        if not isinstance(label, str):
            # hyperopt's validate_label (hyperopt/pyll_utils.py): TypeError, "require string label"
            raise Unsupported(label_node, "a hyperopt label is a string; hyperopt refuses this one")
        limit = len(names) if most is None else most
        if len(positional) > limit:
            raise Unsupported(node, f"too many arguments: {limit} after the label at most")
        for name, value in keywords.items():
            if name not in names[len(positional) :]:
                problem = "given twice" if name in names or name == "label" else "not an argument"
                raise Unsupported(value, f"`{name}` is {problem} of this hp function")
        values = [self.value(a) for a in positional]
        for name in names[len(values) :]:
            if name not in keywords:
                raise Unsupported(node, f"missing argument `{name}`")
            values.append(self.value(keywords[name]))
        return label, values

    def hp_call(self, node: ast.Call, function: str) -> CommentedMap:
        if function == "choice":
            label, (options,) = self.arguments(node, ("options",))
            if not isinstance(options, list):
                raise Unsupported(node, "`hp.choice` takes a label and a list of options")
            return self.labelled("choice", label, node, options, listing=True)
        if function == "pchoice":
            label, (pairs,) = self.arguments(node, ("p_options",))
            if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs
            ):
                raise Unsupported(node, "`hp.pchoice` takes a list of (probability, option)")
            return self.labelled(
                "pchoice", label, node, flow_seq([flow_seq(list(p)) for p in pairs]), listing=True
            )
        if function == "randint":
            label, values = self.arguments(node, ("low",), most=2)
            if len(values) == 1:
                values = [0, values[0]]
            return self.labelled("randint", label, node, flow_seq(values))
        label, values = self.arguments(node, arg_names(function))
        if function in LOG_BOUNDS:
            values[:2] = [self.real_bound(v, node) for v in values[:2]]
        return self.labelled(function, label, node, flow_seq(values))

    def real_bound(self, bound: Any, node: ast.Call) -> Any:
        """A log-space bound as the spec's real-space bound; what is not a number is left for
        ``check`` to report."""
        if isinstance(bound, LogBound):
            return bound.value
        if not isinstance(bound, (int, float)) or isinstance(bound, bool):
            return bound
        try:
            return exp_exact(bound)
        except OverflowError:
            raise Unsupported(node, f"the bound exp({bound}) is too large for a float") from None

    def integer(self, node: ast.Call) -> CommentedMap:
        inner = node.args[0]
        if not isinstance(inner, ast.Call):
            raise Unsupported(node, "scope.int of something that is not an hp call")
        prefix, _, function = dotted(inner.func).rpartition(".")
        if prefix not in self.hp or function not in HP_NAMES:
            raise Unsupported(inner, f"scope.int of `{dotted(inner.func)}`, not an hp function")
        mapped = self.hp_call(inner, function)
        ((dist, body),) = mapped.items()
        spec = {"quniform": "qrandint", "qloguniform": "qlograndint"}.get(dist)
        if spec is None:
            raise Unsupported(node, f"scope.int(hp.{dist}(...)) has no spec equivalent")
        renamed = CommentedMap([(spec, body)])
        renamed.fa.set_flow_style()
        return renamed

    def labelled(
        self, dist: str, label: str, node: ast.Call, body: Any, listing: bool = False
    ) -> CommentedMap:
        names = ("options",) if listing else arg_names(dist)
        mapping = CommentedMap(zip(names, [body] if listing else body, strict=False))
        mapping["label"] = label
        mapping.fa.set_flow_style()
        return flow_map((dist, mapping))


def float_as_written(text: str | None, value: float) -> Any:
    """A float keeping how the source wrote it (``1.0e-5``), as ruamel.yaml keeps it in YAML."""
    from ruamel.yaml import YAML

    if text:
        try:
            loaded = YAML(typ="rt").load(text.replace("_", ""))
        except Exception:
            return value
        if isinstance(loaded, float) and loaded == value:
            return loaded
    return value


def comment_text(comment: str) -> str:
    """``# text`` -> ``text``, keeping any further indentation of the text."""
    text = comment[1:] if comment.startswith("#") else comment
    return text[1:] if text.startswith(" ") else text


def arg_names(dist: str) -> tuple[str, ...]:
    from ..vocabulary import BY_NAME

    return BY_NAME[dist].arg_names


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def first_line(tree: ast.Module) -> int:
    return tree.body[0].lineno if tree.body else 10**9


# What a YAML comment cannot hold: characters outside YAML's printable set (a control character
# in a Python comment is legal there), and those ruamel.yaml reads as line breaks.
_NOT_IN_YAML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def python_comments(source: str) -> list[tuple[int, int, str]]:
    """Each comment of ``source``: (line, 0-based column, text as a YAML comment can hold it).
    Those in the head of the module and among the space's entries (between ``first`` and
    ``last`` lines) are the spec's; comments on the rest of the code are not."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                text = _NOT_IN_YAML.sub("\ufffd", token.string.rstrip())
                found.append((token.start[0], token.start[1], text))
    except (tokenize.TokenError, SyntaxError):
        pass
    return found


def source_comments(source: str) -> dict[int, str]:
    """The comments of ``source`` by line, as YAML comments can hold them (``\ufffd`` for what
    they cannot)."""
    found: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0]] = _NOT_IN_YAML.sub("\ufffd", token.string)
    except (tokenize.TokenError, SyntaxError):
        pass
    return found
