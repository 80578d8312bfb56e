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
import copy
import io
import re
import tokenize
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic, Severity, Span
from ..document import MAX_UNROLLED
from ..emit import diagnostic
from ..normalise import disambiguate_groups, drop_derived_labels
from ..numbers import exp_exact, log_exact
from ..yamlio import flow_map, flow_seq, is_flow
from . import pyfold
from .hp import HP_NAMES, LOG_BOUNDS, SCOPE_INT
from .pyscope import CHANGES, Binding, Scope, Seen, Unknown, Walker, lookup

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
_OPTIMISERS = {
    "tune.run": "run",
    "fmin": "fmin",
    "hyperopt.fmin": "fmin",
    "tune.Tuner": "tuner",
    "Tuner": "tuner",
}


def _optimiser(call: ast.Call) -> str | None:
    name = dotted(call.func)
    return _OPTIMISERS.get(".".join(name.split(".")[-2:])) or _OPTIMISERS.get(name)


# fmin's parameters in order (hyperopt/hyperopt/fmin.py), and those the spec has a key for.
_FMIN_PARAMETERS = ("fn", "space", "algo", "max_evals", "timeout")
_FMIN_SETTINGS = {"max_evals": "num_samples", "timeout": "time_budget_s"}
# `tpe.suggest`'s options that HyperOptSearch passes it, by HyperOptSearch's names.
_TPE_OPTIONS = {"n_startup_jobs": "n_initial_points", "gamma": "gamma"}
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


def _drawn_once(first: str, other: str) -> str:
    """What hyperopt does with one node used at the paths ``first`` and ``other``: one value
    for both, unless they are in two options of one choice, of which only one is chosen."""
    a, b = first.split("/"), other.split("/")
    split = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
    if split is not None and split > 0 and a[split - 1] == "options":
        return "in another option of the choice: hyperopt draws it once, for whichever is chosen"
    return "one value hyperopt draws for both"


def too_many(node: ast.AST) -> str:
    """Why a comprehension or loop over more than MAX_UNROLLED values is not unrolled."""
    what = "loop" if isinstance(node, (ast.For, ast.AsyncFor)) else "comprehension"
    return (
        f"the {what} on line {getattr(node, 'lineno', 0)} makes more than {MAX_UNROLLED:,} "
        "values (nested ones multiplied), more than a search space holds: it is not unrolled"
    )


def _pair_nodes(node: ast.expr, count: int) -> list[ast.List | ast.Tuple | None]:
    """The ``(key, value)`` pairs of ``dict([...])`` as written, when they are written one by
    one (``None`` for each when they are computed): where a pair's finding goes."""
    if isinstance(node, (ast.List, ast.Tuple)) and len(node.elts) == count:
        pairs = [
            e if isinstance(e, (ast.List, ast.Tuple)) and len(e.elts) == 2 else None
            for e in node.elts
        ]
        if all(p is not None for p in pairs):
            return pairs
    return [None] * count


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


@dataclass(frozen=True, eq=False)
class Given:
    """A value a comprehension or a loop gives one of its names."""

    value: Any


@dataclass(frozen=True, eq=False)
class Deferred:
    """An argument of a call to the module's own function, read where the function uses it
    (so that an argument known only at run time costs only the entries that use it)."""

    node: ast.expr
    place: tuple[Scope, float]


@dataclass(eq=False)
class CallRead:
    """What one optimiser call says: the space it is given, and the settings around it."""

    call: ast.Call
    where: tuple[Scope, float]
    space: ast.expr | None = None
    key: int | None = None  # the expression the space is (see SpaceReader.key_of)
    settings: CommentedMap = field(default_factory=CommentedMap)
    options: list[tuple[str, Any]] = field(default_factory=list)
    minimised: bool = False
    # fmin's `algo`: "tpe", "rand" (random search), or None (another, named where it is)
    algorithm: str | None = "tpe"
    # where each of `options` is written (an option of no searcher written is named there)
    option_nodes: dict[str, ast.AST] = field(default_factory=dict)
    found: list[Diagnostic] = field(default_factory=list)


@dataclass(eq=False)
class Candidate:
    """A space found in the module: how ``--space`` names it and where it is built."""

    name: str  # `space`, `get_space()`, `Trainer.space`, `Trainer.build.space`
    node: ast.AST
    scope: Scope
    stamp: float
    name_bound: str | None = None  # the name it is bound to, read with its later updates
    passed: bool = False  # given to an optimiser
    part: bool = False  # used inside another space
    # where an optimiser is given it: read there, as that call sees it (a function's space
    # with the call's arguments, the name's updates up to the call)
    use: tuple[ast.expr, Scope, float] | None = None

    @property
    def key(self) -> int:
        return id(self.node)


# Methods of static values the reader computes (`GRID.items()`, `np.logspace(...).tolist()`).
_METHODS = frozenset(
    {
        "items",
        "keys",
        "values",
        "copy",
        "get",
        "tolist",
        "astype",
        "format",
        "upper",
        "lower",
        "replace",
        "join",
    }
)
_NOT_A_METHOD = object()

# Builtin types a static call may name (`np.arange(0, 10, dtype=int)`).
_TYPES: dict[str, Any] = {"int": "int", "float": "float", "str": "str", "bool": "bool"}

_COMPARE: dict[str, Any] = {
    "Eq": lambda a, b: a == b,
    "NotEq": lambda a, b: a != b,
    "Lt": lambda a, b: a < b,
    "LtE": lambda a, b: a <= b,
    "Gt": lambda a, b: a > b,
    "GtE": lambda a, b: a >= b,
    "In": lambda a, b: a in b,
    "NotIn": lambda a, b: a not in b,
}


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    def span(n: ast.AST) -> tuple[tuple[int, int], tuple[int, int]]:
        return (
            (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)),
            (getattr(n, "end_lineno", 0) or 0, getattr(n, "end_col_offset", 0) or 0),
        )

    (start, end), (outer_start, outer_end) = span(node), span(outer)
    return outer_start <= start and end <= outer_end


def _unreadable(node: ast.expr) -> str:
    """Why an expression cannot be read without running the module, naming the construct."""
    text = ast.unparse(node)
    short = text if len(text) <= 60 else text[:57] + "..."
    if isinstance(node, ast.Lambda):
        return f"`{short}` is a function, run when the module runs; the spec cannot express it"
    if isinstance(node, ast.Call):
        name = dotted(node.func) or short
        if name.rsplit(".", 1)[-1] == "sample_from":
            return f"`{short}` runs code to draw a value; the spec cannot express it"
        return f"cannot read the call `{name}(...)` without running it"
    if isinstance(node, ast.BinOp):
        return f"`{short}` computes with a distribution; the spec cannot express it"
    return f"cannot read `{short}` as a space entry"


# The spec's top-level keys in the order its writer writes them.
_SPEC_ORDER = (
    "sweepspec",
    "name",
    "description",
    "program",
    "metric",
    "mode",
    "num_samples",
    "max_concurrent_trials",
    "time_budget_s",
    "resources_per_trial",
    "search_alg",
    "scheduler",
    "stop",
    "param_space",
)


def in_spec_order(out: CommentedMap) -> None:
    """``out``'s keys in the spec's order (settings arrive in the order the module gives them)."""
    rank = {key: index for index, key in enumerate(_SPEC_ORDER)}
    keys = sorted(out, key=lambda k: rank.get(k, len(rank)))
    if keys == list(out):
        return
    items = [(key, out[key]) for key in keys]
    for key in list(out):
        del out[key]
    for key, value in items:
        out[key] = value


def builds_dict(node: ast.AST, definitions: dict[str, str]) -> bool:
    """A dict literal or comprehension, ``dict(...)``, or a call to the module's own function
    (what a name like ``space`` holds when it is a space)."""
    if isinstance(node, (ast.Dict, ast.DictComp)):
        return True
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        return name == "dict" or name.split(".")[-1] in definitions
    return False


def _listing(candidates: list[Candidate]) -> str:
    return ", ".join(f"`{c.name}` on line {getattr(c.node, 'lineno', 1)}" for c in candidates)


def _label_of(item: Any) -> str | None:
    """The label of a distribution read from an hp call (``{uniform: {..., label: x}}``)."""
    if isinstance(item, dict) and len(item) == 1:
        (body,) = item.values()
        label = body.get("label") if isinstance(body, dict) else None
        return label if isinstance(label, str) else None
    return None


def _chain(candidate: Candidate) -> list[Binding]:
    """A name-bound space's binding and the changes made to it before it is bound again."""
    assert candidate.name_bound is not None
    events = candidate.scope.events[candidate.name_bound]
    start = next(i for i, e in enumerate(events) if e.node is candidate.node)
    chain = [events[start]]
    for event in events[start + 1 :]:
        if event.kind == "augment":  # changed in a way the reader cannot follow: said
            chain.append(event)
            break
        if event.kind not in CHANGES:
            break
        chain.append(event)
    return chain


def _single_return(function: Scope) -> Binding | None:
    returns = function.returns
    return returns[0] if len(returns) == 1 else None


# Lines of notebooks and Python 2 scripts that are no Python 3 statement, and what replaces each
# so that the rest of the module parses: IPython magics and shell escapes, Python 2's `print`
# and `exec` statements, and `except E, e:`.
def _ipython_assignment(match: re.Match[str]) -> str:
    """``files = !ls`` and ``t = %time f()`` as IPython runs them (its input transformer
    writes the same calls), so the name is bound to a value known only when it runs."""
    indent, name, sign, command = match.groups()
    if sign == "!":
        return f"{indent}{name} = get_ipython().getoutput({command.strip()!r})"
    magic, _, rest = command.strip().partition(" ")
    return f"{indent}{name} = get_ipython().run_line_magic({magic!r}, {rest.strip()!r})"


_NOT_PYTHON3: tuple[tuple[re.Pattern[str], str, str | Callable[[re.Match[str]], str]], ...] = (
    # `! cat file` too: IPython allows spaces after `!` and `%`
    (re.compile(r"^(\s*)(%%?|!)\s*\S.*$"), "an IPython magic or shell escape", r"\1pass"),
    (
        re.compile(r"^(\s*)([A-Za-z_]\w*)\s*=\s*(!|%)(.*)$"),
        "an IPython shell or magic assignment",
        _ipython_assignment,
    ),
    (re.compile(r"^(\s*)(\?\??\S.*|\w.*\?\??\s*)$"), "an IPython help request", r"\1pass"),
    (
        re.compile(r"^(\s*)print(\s+[^\s(=.,:)\]]|\s*>>).*$"),
        "a Python 2 `print` statement",
        r"\1pass",
    ),
    (re.compile(r"^(\s*)exec\s+[\"'].*$"), "a Python 2 `exec` statement", r"\1pass"),
    (
        re.compile(r"^(\s*except\s+[\w.]+)\s*,\s*\w+\s*:(.*)$"),
        "Python 2's `except E, e:`",
        r"\1:\2",
    ),
)


def imports_package(source: str, package: str) -> bool:
    """Whether a module imports ``package`` anywhere (``import numpy as np, optuna``, ``from
    ray.tune import ...``, inside a function too), read from its syntax tree."""
    if package not in source:
        return False
    try:
        tree, _ = parse_tolerant(source)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        if any(name.split(".")[0] == package for name in names):
            return True
    return False


def parse_tolerant(
    source: str, file: str = "<unknown>"
) -> tuple[ast.Module, list[tuple[int, str]]]:
    """``parse_python``, reading past the lines of a notebook or a Python 2 script that are no
    Python 3 (each replaced by `pass`, so its block still parses): the module and those lines,
    each with what it is. Raises ``SyntaxError`` for anything else."""
    skipped: list[tuple[int, str]] = []
    lines = source.split("\n")
    while True:
        try:
            return parse_python("\n".join(lines), file), skipped
        except SyntaxError as exc:
            number = exc.lineno or 0
            if not 0 < number <= len(lines) or len(skipped) >= 1000:
                raise
            line = lines[number - 1]
            for pattern, what, replacement in _NOT_PYTHON3:
                if pattern.match(line):
                    lines[number - 1] = pattern.sub(replacement, line)
                    skipped.append((number, what))
                    break
            else:
                raise


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


def skipped_lines(skipped: list[tuple[int, str]], file: str) -> list[Diagnostic]:
    """A note at each line ``parse_tolerant`` read past."""
    return [
        replace(
            diagnostic(
                "X003", f"{what}, not Python 3: this line is not read", file, Span(line, 1, line, 2)
            ),
            severity=Severity.INFO,
        )
        for line, what in skipped
    ]


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
        self.searching: set[str] = set()  # the module's functions that run a search
        self.tree = ast.Module(body=[], type_ignores=[])  # the module read (`find_space`)
        self._nested: set[int] | None = None  # the calls inside functions (`nested_calls`)
        self.search_options: list[tuple[str, Any]] = []
        self.minimised = False  # by `fmin`
        self.space_name: str | None = None  # `--space NAME`
        # where the reader is reading: the scope and the moment (see pyscope)
        self.place: tuple[Scope, float] = (Scope("", None), float("inf"))
        # the arguments of the module's own functions, while a call to one is read
        self.frames: dict[int, dict[str, Any]] = {}
        self.function_scopes: dict[int, Scope] = {}
        self.class_scopes: dict[int, Scope] = {}
        self.libraries: dict[str, str] = {}  # `np` -> `numpy`, `log` -> `math.log`
        self.depth = 0
        self.implied: set[str] = set()  # keys the reader adds that the module does not say
        self.evaluating: set[int] = set()  # bindings being read (a name defined by itself)
        # each hp distribution read through a name bound once: (the binding, the use)
        self.shared: dict[int, tuple[int, ast.AST]] = {}
        # the comprehension or loop being unrolled outermost, and the product of the lengths
        # of those being unrolled around what is read: at most MAX_UNROLLED (`unrolling_of`)
        self.unrolling: ast.AST | None = None
        self.factor = 1

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
        if self.follow_program(out, node, what):
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.setting(out, "program", node)
        elif self.file.endswith(".ipynb") and isinstance(node, ast.Name):
            self.not_carried(
                node,
                f"the {what} `{node.id}` is a notebook's: `program` names a script or an "
                "importable `module:function`",
            )
        elif isinstance(node, ast.Name) and node.id in self.definitions:
            self.setting(out, "program", node, self.definitions[node.id])
        else:
            self.not_carried(
                node,
                f"the {what} `{ast.unparse(node)}` has no spec form (`program` names a script or "
                "a `module:function`)",
            )

    def follow_program(self, out: CommentedMap, node: ast.expr, what: str) -> bool:
        """Whether ``node`` is a name bound to another name or a call (``trainer = train_fn``,
        ``trainable = tune.with_resources(train, {...})``), then read as the program in its
        place; a function of the module, a name bound in two branches or an import is not."""
        if not isinstance(node, ast.Name):
            return False
        found = self.resolve(node.id)
        if not (isinstance(found, list) and len(found) == 1 and found[0].kind == "bind"):
            return False
        bound = found[0]
        if not isinstance(bound.node, (ast.Name, ast.Call)) or id(bound) in self.evaluating:
            return False  # `t = t` names itself: read as it is
        self.evaluating.add(id(bound))
        try:
            with self.at_place(bound.reads_in or bound.scope, bound.stamp):
                self.program(out, bound.node, what)
        finally:
            self.evaluating.discard(id(bound))
        return True

    def copied(self, value: Any) -> Any:
        """A deep copy of a value read (``base.copy()``, ``dict(base)``, ``GRID["a"]``) whose
        mappings keep the origins of those they copy: comments go to the entries by their
        origins, so a copy without them would lose every comment of the space."""
        memo: dict[int, Any] = {}
        out = copy.deepcopy(value, memo)
        for original, made in list(memo.items()):
            if original in self.origins and isinstance(made, dict):
                self.origins[id(made)] = dict(self.origins[original])
        return out

    def origin(self, mapping: dict[Any, Any], key: str, node: ast.AST) -> None:
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
        if value is None:
            try:
                value = self.value(node)
            except Unsupported as exc:
                self.not_carried(exc.node, f"`{key}`: {exc}")
                return
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

    # the module: where its spaces are, and which one is the module's

    def module(self, tree: ast.Module) -> CommentedMap:
        out = CommentedMap()
        out["sweepspec"] = 1
        header = [c for line, c in sorted(self.comments.items()) if line < first_line(tree)]
        chosen, calls = self.find_space(tree)
        self.module_settings(out)
        for read in calls:
            self.found.extend(read.found)
            for key, value in read.settings.items():
                self.setting_from(out, read.settings, key, value)
            self.search_options.extend(read.options)
            self.minimised = self.minimised or read.minimised
        space = self.space_of(chosen)
        self.unshared(space)
        algorithms = {read.algorithm for read in calls} or {"tpe"}
        if algorithms == {"tpe"}:
            out["search_alg"] = flow_map(("type", "hyperopt"), *self.search_options)
        elif algorithms == {"rand"}:
            # hyperopt's random search is the spec's random search (run as `rand.suggest` by
            # the hyperopt engine); the seed of its rstate is the searcher's `random_state`
            options = [
                ("random_state" if key == "random_state_seed" else key, value)
                for key, value in self.search_options
            ]
            out["search_alg"] = flow_map(("type", "variant_generator"), *options)
        else:
            # an algorithm the spec has no searcher for (named at `algo=`), or two: no
            # search_alg rather than another searcher in its place, and its options named
            for read in calls:
                if None not in algorithms:
                    self.not_carried(read.call, "`fmin` runs this space with two algorithms")
                for option, node in read.option_nodes.items():
                    self.not_carried(
                        node, f"`{ast.unparse(node)}` sets `{option}` of no searcher written"
                    )
        if self.minimised or not any(key in out for key in ("metric", "mode")):
            # fmin minimises what `fn` returns, its `loss` (hyperopt/hyperopt/fmin.py); the spec
            # says so, as Ray's HyperOptSearch must be told. A space alone is hyperopt's too.
            at = next((i for i, key in enumerate(out) if key not in _HEAD), len(out))
            for key, value in (("mode", "min"), ("metric", "loss")):
                if key not in out:
                    out.insert(at, key, value)
                    if not self.minimised:
                        self.implied.add(key)  # not the module's: its spec copy says better
        drop_derived_labels(space)
        out["param_space"] = disambiguate_groups(space)
        self.origin(out, "param_space", chosen.node)
        in_spec_order(out)
        resolve_logs(out)
        if header:
            out.yaml_set_start_comment("\n".join(comment_text(h) for h in header))
        return out

    def module_constants(self, names: Mapping[str, str]) -> Iterator[tuple[str, ast.AST]]:
        """The module-level constants of ``names`` that the module binds, each with the node
        it is bound to."""
        for name in list(self.root.events):
            if name not in names:
                continue
            found = lookup(self.root, name, float("inf"))
            if isinstance(found, list) and found[0].kind == "bind":
                yield name, found[0].node

    def read_template(self) -> None:
        """The module's copy of the spec it was written from (``SWEEPSPEC = "..."``)."""
        for _, node in self.module_constants({TEMPLATE: TEMPLATE}):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                self.template, self.template_node = node.value, node

    def with_template(
        self, data: CommentedMap, tree: ast.Module, merge: Callable[..., CommentedMap | None]
    ) -> CommentedMap:
        """The spec read, merged into the module's copy of its spec when it has one (``merge``
        of the format); a copy that does not load cleanly is named and the code alone read."""
        if self.template is None:
            return data
        merged = merge(self.template, data, self.file, self.implied)
        if merged is not None:
            return merged
        problem = self.at(
            self.template_node or tree,
            f"the module's `{TEMPLATE}` copy of its spec does not load as a clean spec; the "
            "spec is read from the module's code alone",
        )
        self.found.append(replace(problem, severity=Severity.WARNING))
        return data

    def module_settings(self, out: CommentedMap) -> None:
        """The module-level constants the hyperopt writer writes (``max_evals = 10``), and
        its copy of the spec (``SWEEPSPEC``)."""
        self.read_template()
        for name, node in self.module_constants(SETTINGS):
            if isinstance(node, ast.Constant):
                self.setting(out, SETTINGS[name], node)
            else:
                self.not_carried(node, f"`{name}` is not a literal, known only when it runs")

    def setting_from(self, out: CommentedMap, source: CommentedMap, key: str, value: Any) -> None:
        """``out[key]`` from an optimiser call's settings (their origins go with them)."""
        node = self.origins.get(id(source), {}).get(key)
        if key in out and out[key] != value and node is not None:
            self.not_carried(node, f"`{key}` is already {out[key]!r}; this {value!r}")
            return
        out[key] = value
        if node is not None:
            self.origin(out, key, node)

    def find_space(self, tree: ast.Module) -> tuple[Candidate, list[CallRead]]:
        """The module's space (see ``choose``) and the optimiser calls that are given it."""
        walker = Walker(self.watches, self.imports)
        self.tree = tree
        self.root = walker.walk(tree)
        for scope in walker.scopes:
            table = self.function_scopes if scope.kind == "function" else self.class_scopes
            if scope.node is not None and scope.kind != "module":
                table[id(scope.node)] = scope
        self.define(tree)
        # the module's functions that run a search (call `fmin`, `Tuner`...): what they return
        # is a result, not a space, whatever the name it is bound to
        self.searching = {
            scope.label.rsplit(".", 1)[-1]
            for scope in walker.scopes
            if scope.kind == "function"
            and scope.node is not None
            and any(isinstance(n, ast.Call) and self.watches(n) for n in ast.walk(scope.node))
        }
        reads = [self.read_call(seen) for seen in walker.seen]
        candidates = self.candidates(walker, reads)
        chosen = self.choose(candidates, tree)
        calls = [r for r in reads if r.key is not None and r.key == chosen.key]
        if not calls and len(reads) == 1 and reads[0].key not in {c.key for c in candidates}:
            calls = reads  # one optimiser, given a space that cannot be followed to its place
        return chosen, calls

    def watches(self, call: ast.Call) -> bool:
        """The calls that are given a space (the reader of each format says which)."""
        return _optimiser(call) is not None

    def wants(self, node: ast.AST, name: str | None) -> bool:
        """Whether an expression bound to ``name`` (or returned) builds a space."""
        if isinstance(node, ast.Call) and self.watches(node):
            return False
        named = name is not None and "space" in name.lower()
        if isinstance(node, ast.Call) and dotted(node.func).split(".")[-1] in self.searching:
            return False  # `invoke_default_space()` returns `invoke(...)`, which runs `fmin`
        if named and builds_dict(node, self.definitions):
            return True  # `space`, `search_space`, `get_space()`: a space, even of constants
        return self.mentions_hp(node)

    def read_call(self, seen: Seen) -> CallRead:
        read = CallRead(seen.call, where=(seen.scope, seen.stamp))
        saved, self.found = self.found, read.found
        with self.at_place(seen.scope, seen.stamp):
            try:
                self.optimiser(seen.call, read)
            except Unsupported as exc:
                self.found.append(self.at(exc.node, str(exc)))
            if read.space is not None:
                read.key = self.key_of(read.space)
        self.found = saved
        return read

    def candidates(self, walker: Walker, reads: list[CallRead]) -> list[Candidate]:
        found: dict[int, Candidate] = {}
        for scope in walker.scopes:
            for name, events in scope.events.items():
                for event in events:
                    if event.kind == "bind" and self.wants(event.node, name):
                        found[id(event.node)] = Candidate(
                            scope.qualified(name), event.node, scope, event.stamp + 0.5, name
                        )
            for event in scope.returns:
                if isinstance(event.node, ast.Dict) and not event.node.keys:
                    continue  # `return {}`: nothing to search (an empty default, a stub)
                if scope.label and self.wants(event.node, scope.label.rsplit(".", 1)[-1]):
                    found[id(event.node)] = Candidate(
                        f"{scope.label}()", event.node, scope, event.stamp
                    )
        for read in reads:
            if read.space is None or read.key is None:
                continue
            scope, stamp = read.where
            if read.key not in found:
                what = dotted(read.call.func) or "the optimiser"
                inline = Candidate(
                    f"{what}(...) on line {read.call.lineno}", read.space, scope, stamp
                )
                found[read.key] = inline
            candidate = found[read.key]
            candidate.passed = True
            candidate.use = candidate.use or (read.space, scope, stamp)
        for candidate in found.values():
            # what it is built from: its expression, and what changes it later (`d[k] = v`,
            # a loop over a table of entries)
            built_from = [candidate.node]
            if candidate.name_bound is not None:
                built_from += [e.node for e in _chain(candidate)[1:]]
            with self.at_place(candidate.scope, candidate.stamp):
                for node in (n for top in built_from for n in ast.walk(top)):
                    if node is candidate.node and not isinstance(node, ast.Call):
                        continue
                    if isinstance(node, (ast.Name, ast.Call, ast.Attribute)):
                        key = self.key_of(node)
                        if key in found and found[key] is not candidate:
                            found[key].part = True
        return list({id(c): c for c in found.values()}.values())

    def choose(self, candidates: list[Candidate], tree: ast.Module) -> Candidate:
        """The space named by ``--space``; else the one given to an optimiser, if one is; else
        the only space that is no part of another. Never one of several, silently."""
        if self.space_name is not None:
            # `NAME:LINE` picks one of several spaces bound to one name (in `if` branches)
            name, _, line = self.space_name.rpartition(":")
            if not (name and line.isdigit()):
                name, line = self.space_name, ""
            named = [c for c in candidates if name in (c.name, c.name.rstrip("()"))]
            named = named or [c for c in candidates if c.name.rstrip("()").rsplit(".")[-1] == name]
            if line:
                named = [c for c in named if getattr(c.node, "lineno", 0) == int(line)]
            if len(named) == 1:
                return named[0]
            listing = _listing(candidates)
            what = "several spaces are" if named else "no space is"
            hint = (
                f"; choose one with `--space {name}:LINE`, such as "
                f"`--space {name}:{getattr(named[0].node, 'lineno', 1)}`"
                if len(named) > 1
                else ""
            )
            raise Unsupported(
                tree,
                f"{what} named `{self.space_name}` in this module; its spaces: {listing}{hint}",
            )
        passed = [c for c in candidates if c.passed]
        pool = passed or [c for c in candidates if not c.part]
        if len(pool) == 1:
            return pool[0]
        if not pool:
            raise Unsupported(tree, self.nothing_found())
        listing = _listing(pool)
        names = [c.name for c in pool]

        def choose_with(candidate: Candidate) -> str:
            # a name several spaces share is chosen with its line
            if names.count(candidate.name) > 1:
                return f"`--space {candidate.name}:{getattr(candidate.node, 'lineno', 1)}`"
            return "`--space NAME`"

        for candidate in pool[1:]:
            self.found.append(
                self.at(
                    candidate.node,
                    f"`{candidate.name}` is one of {len(pool)} spaces in this module "
                    f"({listing}); choose one with {choose_with(candidate)}",
                )
            )
        raise Unsupported(
            pool[0].node,
            f"`{pool[0].name}` is one of {len(pool)} spaces in this module ({listing}); "
            f"choose one with {choose_with(pool[0])}",
        )

    def nothing_found(self) -> str:
        return (
            "no hyperopt space found: no `hp.*` expression is assigned, returned, or given to "
            "`fmin` or `HyperOptSearch` anywhere in the module"
        )

    def space_of(self, chosen: Candidate) -> CommentedMap:
        """The chosen space read, entry by entry: what cannot be read is named and left out."""
        if chosen.use is not None:
            node, scope, stamp = chosen.use
            with self.at_place(scope, stamp):
                space = self.value(node)
        elif chosen.name_bound is not None:
            space = self.bound_value(_chain(chosen), chosen.node)
        else:
            assert isinstance(chosen.node, ast.expr)
            with self.at_place(chosen.scope, chosen.stamp):
                space = self.value(chosen.node)
        return self.as_space(space, chosen)

    def unshared(self, space: CommentedMap) -> None:
        """One hp node used in two places of a space (``c = hp.choice("c", ...)``, then
        ``{"a": {"c": c}, "b": {"c": c}}``) is one value hyperopt draws for both. The spec
        has no parameter that repeats another: the first use is the parameter, and each
        other one is named at its line and left out (as two parameters with one label, they
        would be refused as hyperopt refuses two nodes with one label). A use that is an item
        of a list (a choice's option, ``hp.choice("b", [c, 2])``) cannot be left out of it
        alone: the entry of the space that holds the list is left out with it."""
        first: dict[int, tuple[str, ast.AST]] = {}
        # an entry of a group, which can be left out: (the group, its key, its path)
        Entry = tuple[dict[Any, Any], Any, str]

        def walk(value: Any, path: str, entry: Entry | None) -> bool:
            """False once ``entry`` is left out (nothing more of it is walked)."""
            group = isinstance(value, dict) and not is_flow(value)
            items = list(value.items()) if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                here = f"{path}/{key}" if path else str(key)
                shared = self.shared.get(id(item))
                if shared is not None and shared[0] in first:
                    where, use = first[shared[0]]
                    line = getattr(use, "lineno", 0)
                    said = (
                        f"`{here}` is the hp node `{_label_of(item)}` used at `{where}` "
                        f"(line {line}), "
                        + _drawn_once(where, here)
                        + ": the spec has no parameter that repeats another"
                    )
                    if group:
                        del value[key]
                        self.not_carried(shared[1], said)
                        continue
                    if entry is None:  # no entry holds it: never so for a space read
                        self.not_carried(shared[1], said)
                        continue
                    owner, name, at = entry
                    owner.pop(name, None)
                    self.found.append(
                        self.at(
                            shared[1],
                            f"{said}, and an item cannot be left out of its list alone: `{at}`, "
                            "which holds it, is not carried",
                            "X001",
                        )
                    )
                    return False
                if shared is not None:
                    first[shared[0]] = (here, shared[1])
                if isinstance(item, (dict, list)):
                    inner = (value, key, here) if group else entry
                    if not walk(item, here, inner) and not group:
                        return False
            return True

        walk(space, "", None)

    def as_space(self, space: Any, chosen: Candidate) -> CommentedMap:
        """A space that is not a dict of names: one expression is named by its label, a list
        of them by theirs (the objective then receives a dict, which is said)."""
        if isinstance(space, CommentedMap) and not is_flow(space):
            if not space:
                raise Unsupported(chosen.node, "no entry of the space could be read")
            return space
        items = space if isinstance(space, list) else [space]
        named = CommentedMap()
        for index, item in enumerate(items):
            label = _label_of(item)
            key = label if label is not None and label not in named else str(index)
            named[key] = item
            self.origin(named, key, self.made_by.get(id(item), chosen.node))
        shape = "a list of expressions" if isinstance(space, list) else "one expression"
        if not named or not any(_label_of(item) is not None for item in items):
            raise Unsupported(
                chosen.node,
                "the space must be a dict of parameter names, such as `{'lr': hp.loguniform(...)}`",
            )
        self.found.append(
            self.at(
                chosen.node,
                f"the space is {shape}, not a dict: the spec names each by its label "
                f"({', '.join(f'`{k}`' for k in named)}), so the objective receives a dict "
                "of them, where hyperopt gives it "
                + ("a list" if isinstance(space, list) else "the value itself"),
                "X001",
            )
        )
        return named

    @contextlib.contextmanager
    def at_place(self, scope: Scope, stamp: float) -> Iterator[None]:
        saved = self.place
        self.place = (scope, stamp)
        try:
            yield
        finally:
            self.place = saved

    def key_of(self, node: ast.AST, depth: int = 0) -> int | None:
        """The expression a name, attribute or call stands for (through names bound to names
        and functions that return one): the key of the space it is."""
        if depth > 20:
            return None
        found: Any = None
        if isinstance(node, ast.Name):
            found = self.resolve(node.id)
        elif isinstance(node, ast.Attribute):
            found = self.attribute(node)
        elif isinstance(node, ast.Call):
            function = self.function_of(node.func)
            returned = _single_return(function) if function is not None else None
            if returned is None:
                return id(node)
            with self.at_place(returned.scope, returned.stamp):
                return self.key_of(returned.node, depth + 1)
        else:
            return id(node)
        if isinstance(found, list) and found[0].kind == "bind":
            bound = found[0]
            if isinstance(bound.node, (ast.Name, ast.Attribute, ast.Call)):
                with self.at_place(bound.scope, bound.stamp):
                    inner = self.key_of(bound.node, depth + 1)
                if isinstance(bound.node, ast.Call) and inner == id(bound.node):
                    return inner
                return inner if inner is not None else id(bound.node)
            return id(bound.node)
        return None

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
                self.libraries[name] = full
            elif isinstance(node, ast.ImportFrom) and node.module in ("math", "numpy"):
                self.libraries[name] = full
                if alias.name == "log":  # `from math import log`: `log(1e-5)` is a log bound
                    self.log.add(name)

    def mentions_hp(self, node: ast.AST) -> bool:
        return any(
            isinstance(n, ast.Call) and dotted(n.func).rsplit(".", 1)[0] in self.hp
            for n in ast.walk(node)
        )

    def optimiser(self, call: ast.Call, read: CallRead) -> None:
        """A call that runs a space: the space it is given, and the settings around it."""
        kind = _optimiser(call)
        if kind == "run":
            self.tune_run(call, read)
        elif kind == "fmin":
            self.fmin(call, read)
        elif kind == "tuner":
            self.tuner(call, read)

    def tuner(self, call: ast.Call, read: CallRead) -> None:
        """``tune.Tuner(trainable, tune_config=tune.TuneConfig(search_alg=HyperOptSearch(space,
        ...), num_samples=...), run_config=...)`` read for its hyperopt space (``--from
        hyperopt`` on a Ray script): the settings the spec has, every other keyword named."""
        keywords = self.keyword_arguments(call, "Tuner")
        trainable = call.args[0] if call.args else getattr(keywords.get("trainable"), "value", None)
        if trainable is not None:
            self.program(read.settings, trainable, "trainable")
        for extra in call.args[1:]:
            self.not_carried(extra, "a positional argument of `Tuner` after the trainable")
        for name, keyword in keywords.items():
            if name == "trainable":
                continue
            config = self.call_named(keyword.value) if name.endswith("_config") else None
            if name == "tune_config" and config is not None:
                self.tune_config(config, read)
            elif name == "run_config" and config is not None:
                for option in self.keyword_arguments(config, "RunConfig").values():
                    if option.arg == "name":
                        self.setting(read.settings, "name", option.value)
                    else:
                        self.not_carried(
                            option, f"`{option.arg}=` of `RunConfig` has no place here"
                        )
            elif name == "param_space" and read.space is None:
                read.space = keyword.value
            else:
                self.not_carried(keyword, f"`{name}=` of `Tuner` has no place in a hyperopt spec")

    def tune_config(self, config: ast.Call, read: CallRead) -> None:
        for option in self.keyword_arguments(config, "TuneConfig").values():
            name = str(option.arg)
            if name in ("num_samples", "metric", "mode", "time_budget_s"):
                self.setting(read.settings, name, option.value)
            elif name == "search_alg":
                self.searcher(option.value, read)
            else:
                self.not_carried(
                    option, f"`{name}=` of `TuneConfig` has no place in a hyperopt spec"
                )

    def tune_run(self, call: ast.Call, read: CallRead) -> None:
        """The seed's ``tune.run("train.py", search_alg=HyperOptSearch(space, ...), ...)``."""
        out = read.settings
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
                self.searcher(keyword.value, read)
            elif name != "run_or_experiment":
                self.not_carried(
                    keyword, f"`{name}=` of `tune.run` has no place in a hyperopt spec"
                )

    def searcher(self, node: ast.expr, read: CallRead) -> None:
        """``HyperOptSearch(space, metric=..., mode=..., **options)``: its space; the options
        go to ``search_alg``."""
        call = self.call_named(node)
        if call is not None and dotted(call.func).rsplit(".")[-1] == "ConcurrencyLimiter":
            limit = call.args[1:2] or [k.value for k in call.keywords if k.arg == "max_concurrent"]
            if limit:
                self.setting(read.settings, "max_concurrent_trials", limit[0])
            inner = call.args[:1] or [k.value for k in call.keywords if k.arg == "searcher"]
            call = self.call_named(inner[0]) if inner else None
        if call is None or dotted(call.func).rsplit(".")[-1] != "HyperOptSearch":
            self.not_carried(node, f"the searcher `{ast.unparse(node)}` is not a HyperOptSearch")
            return
        if call.args:
            read.space = call.args[0]
        for extra in call.args[1:]:
            self.not_carried(extra, "a positional argument of `HyperOptSearch` after the space")
        for name, keyword in self.keyword_arguments(call, "HyperOptSearch").items():
            if name in ("metric", "mode"):
                self.setting(read.settings, name, keyword.value)
            elif name == "space":
                read.space = keyword.value
            else:
                try:
                    read.options.append((name, self.value(keyword.value)))
                except Unsupported as exc:
                    self.not_carried(exc.node, f"`{name}=` of `HyperOptSearch`: {exc}")

    def fmin(self, call: ast.Call, read: CallRead) -> None:
        """``fmin(fn, space, algo=tpe.suggest, max_evals=..., ...)``: its space and the settings
        the spec has (hyperopt/hyperopt/fmin.py's parameter order)."""
        read.minimised = True
        out = read.settings
        keywords = self.keyword_arguments(call, "fmin")
        given: dict[str, ast.expr] = {k: v.value for k, v in keywords.items()}
        for name, node in zip(_FMIN_PARAMETERS, call.args, strict=False):
            given[name] = node
        for extra in call.args[len(_FMIN_PARAMETERS) :]:
            self.not_carried(extra, "a positional argument of `fmin`")
        for name, node in given.items():
            if name == "fn":
                if "program" not in out:
                    self.program(out, node, "objective")
            elif name == "space":
                read.space = node
            elif name == "algo":
                read.algorithm = self.algorithm(node, read)
            elif name in _FMIN_SETTINGS:
                self.setting(out, _FMIN_SETTINGS[name], node)
            elif name == "rstate" and _seed(node) is not None:
                # HyperOptSearch seeds hyperopt's rstate from random_state_seed
                read.options.append(("random_state_seed", _seed(node)))
                read.option_nodes["random_state_seed"] = node
            else:
                self.not_carried(node, f"`{name}=` of `fmin` has no place in the spec")

    def algorithm(self, node: ast.expr, read: CallRead, depth: int = 0) -> str | None:
        """fmin's ``algo``: ``"tpe"`` (``tpe.suggest``, also through ``functools.partial``
        with options HyperOptSearch has), ``"rand"`` (``rand.suggest``, random search), or
        ``None`` for another (``anneal.suggest``, ``atpe.suggest``), named as not carried. A
        name (``algo = tpe.suggest``) is followed."""
        if isinstance(node, ast.Name) and depth < 20:
            found = self.resolve(node.id)
            if isinstance(found, list) and len(found) == 1 and found[0].kind == "bind":
                bound = found[0]
                with self.at_place(bound.reads_in or bound.scope, bound.stamp):
                    return self.algorithm(bound.node, read, depth + 1)  # type: ignore[arg-type]
        if (
            isinstance(node, ast.Call)
            and dotted(node.func).rsplit(".", 1)[-1] == "partial"
            and node.args
        ):
            inner = self.algorithm(node.args[0], read, depth + 1)
            if inner is not None:
                self.algorithm_options(node, inner, read)
            return inner
        name = ".".join(dotted(node).split(".")[-2:])
        if name in ("tpe.suggest", "rand.suggest"):
            return name.split(".")[0]
        self.not_carried(
            node,
            f"`{ast.unparse(node)}` is neither TPE (the spec's `hyperopt` searcher) nor random "
            "search (its `variant_generator`): the spec has no searcher for it, and leaves "
            "`search_alg` out (its default, random search, runs instead)",
        )
        return None

    def algorithm_options(self, node: ast.Call, algorithm: str, read: CallRead) -> None:
        """The options ``functools.partial`` gives ``tpe.suggest`` that HyperOptSearch has
        (``n_startup_jobs`` is its ``n_initial_points``); every other one is named."""
        for keyword in self.keyword_arguments(node, "partial").values():
            option = _TPE_OPTIONS.get(str(keyword.arg)) if algorithm == "tpe" else None
            try:
                if option is None:
                    raise Unsupported(keyword, "the spec's searcher has no such option")
                read.options.append((option, self.value(keyword.value)))
                read.option_nodes[option] = keyword
            except Unsupported as exc:
                self.not_carried(keyword, f"`{keyword.arg}=` of `{algorithm}.suggest`: {exc}")
        for extra in node.args[1:]:
            self.not_carried(extra, f"a positional argument of `{algorithm}.suggest`")

    # names, as of the place being read

    def resolve(self, name: str) -> list[Binding] | Unknown | Any | None:
        """What ``name`` means where the reader is: a static call's argument, a binding
        (with its updates), an Unknown, or None (not bound by the module)."""
        scope, stamp = self.place
        here: Scope | None = scope
        while here is not None:
            frame = self.frames.get(id(here))
            if frame is not None and name in frame:
                return frame[name]
            here = here.parent
        return lookup(scope, name, stamp)

    def attribute(self, node: ast.Attribute) -> list[Binding] | Unknown | None:
        """``self.x``/``cls.x`` in a method, or ``Class.x``: the class attribute's binding."""
        owner = node.value
        scope, _ = self.place
        klass = None
        if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
            here: Scope | None = scope
            while here is not None and here.kind != "class":
                here = here.parent
            klass = here
        elif isinstance(owner, ast.Name):
            found = self.resolve(owner.id)
            if isinstance(found, list) and found[0].kind == "class":
                klass = self.class_scopes.get(id(found[0].node))
        if klass is None:
            return None
        return lookup(klass, node.attr, float("inf"))

    def function_of(self, node: ast.expr) -> Scope | None:
        """The module's own function a call names (its body's scope)."""
        if isinstance(node, ast.Name):
            found = self.resolve(node.id)
            if isinstance(found, list) and found[0].kind == "def":
                return self.function_scopes.get(id(found[0].node))
        if isinstance(node, ast.Attribute):
            scope, _ = self.place
            if isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"):
                here: Scope | None = scope
                while here is not None and here.kind != "class":
                    here = here.parent
                if here is not None:
                    found = lookup(here, node.attr, float("inf"))
                    if isinstance(found, list) and found[0].kind == "def":
                        return self.function_scopes.get(id(found[0].node))
        return None

    def bound_value(self, chain: list[Binding], node: ast.AST) -> Any:
        """A binding's value, with the item assignments and updates made to it since."""
        first = chain[0]
        if first.kind in ("def", "class"):
            raise Unsupported(node, f"`{ast.unparse(node)}` is a {first.kind}, not a value")
        if id(first) in self.evaluating:
            raise Unsupported(node, f"`{ast.unparse(node)}` is defined in terms of itself")
        self.evaluating.add(id(first))
        try:
            value = self.first_value(first, node)
        finally:
            self.evaluating.discard(id(first))
        if first.scope.kind != "function" and _label_of(value) is not None:
            # one hp object, made once and used wherever the name is (a function's would be
            # made anew on each call): see `unshared`
            self.shared[id(value)] = (id(first), node)
        for event in chain[1:]:
            with self.at_place(event.scope, event.stamp):
                self.apply_update(value, event)
        return value

    def first_value(self, first: Binding, node: ast.AST) -> Any:
        with self.at_place(first.reads_in or first.scope, first.stamp):
            try:
                return self.value(first.node)  # type: ignore[arg-type]
            except Unsupported as exc:
                if node is first.node or not isinstance(node, (ast.Name, ast.Attribute)):
                    raise
                # said where the name is used (the entry), naming where it is made
                text = ast.unparse(first.node)
                short = text if len(text) <= 40 else text[:37] + "..."
                line = getattr(first.node, "lineno", 0)
                raise Unsupported(
                    node, f"`{ast.unparse(node)}` is `{short}` (line {line}): {exc}"
                ) from None

    def apply_update(self, value: Any, event: Binding) -> None:
        if not isinstance(value, dict):
            raise Unsupported(event.node, f"`{event.name}` is changed in place, and is no dict")
        if event.conditional:
            self.found.append(
                self.at(
                    event.node,
                    f"a change to `{event.name}` made only when a condition holds or a loop "
                    "runs is known only when the module runs, so it is not carried",
                    "X001",
                )
            )
            return
        if event.kind == "loop":
            self.run_loop(value, event)
            return
        try:
            if event.kind == "augment":
                raise Unsupported(event.node, "changed in place, known only when it runs")
            for inner in event.within:  # `d["a"]["b"] = v`: the change is to `d["a"]`
                key = self.value(inner)
                if not isinstance(value.get(key) if isinstance(value, dict) else None, dict):
                    raise Unsupported(inner, f"`{key}` is no dict in `{event.name}`")
                value = value[key]
            if event.kind == "delete":
                assert event.key is not None
                key = self.value(event.key)
                if not isinstance(key, str):  # a list or a dict cannot even be looked up
                    raise Unsupported(event.key, "space keys must be strings")
                if key not in value:
                    raise Unsupported(event.node, f"`{key}` is not in `{event.name}`")
                del value[key]
                return
            if event.kind == "item":
                assert event.key is not None
                key = self.value(event.key)
                if not isinstance(key, str):
                    raise Unsupported(event.key, "space keys must be strings")
                value[key] = self.value(event.node)  # type: ignore[arg-type]
                self.origin(value, key, event.node)
                return
            call = event.node
            assert isinstance(call, ast.Call)
            for argument in call.args:
                added = self.value(argument)
                if not isinstance(added, dict):
                    raise Unsupported(argument, "`update` with something that is not a dict")
                for key, item in added.items():
                    value[key] = item
                    self.origin(value, key, self.origins.get(id(added), {}).get(key, argument))
            for keyword in call.keywords:
                if keyword.arg is None:
                    raise Unsupported(keyword.value, "`update(**...)` cannot be read")
                value[keyword.arg] = self.value(keyword.value)
                self.origin(value, keyword.arg, keyword.value)
        except Unsupported as exc:
            self.skipped(exc, f"this change to `{event.name}`")

    def run_loop(self, value: dict[Any, Any], event: Binding) -> None:
        """A for loop that sets items of ``value`` (see pyscope's ``_changes_only``), run over
        what it loops over, when that is static."""
        loop = event.node
        assert isinstance(loop, ast.For)
        scope, stamp = self.place
        frame_scope = Scope(scope.label, scope, scope.kind, scope.node)
        try:
            items = self.sequence(loop.iter)
        except Unsupported as exc:
            self.skipped(exc, f"what the loop on line {loop.lineno} adds to `{event.name}`")
            return
        with self.at_place(frame_scope, stamp):
            try:
                with self.unrolling_of(loop, len(items)):
                    self.unrolled_loop(value, event, items, frame_scope)
            except Unsupported as exc:
                self.skipped(exc, f"what the loop on line {loop.lineno} adds to `{event.name}`")
            finally:
                self.frames.pop(id(frame_scope), None)

    def unrolled_loop(
        self, value: dict[Any, Any], event: Binding, items: list[Any], frame_scope: Scope
    ) -> None:
        loop = event.node
        assert isinstance(loop, ast.For)
        for item in items:
            names: dict[str, Any] = {}
            self.unpack(loop.target, item, names)
            self.frames[id(frame_scope)] = names
            for statement in loop.body:
                if isinstance(statement, ast.Assign):
                    target = statement.targets[0]
                    assert isinstance(target, ast.Subscript)
                    changed, kind, key = statement.value, "item", target.slice
                else:
                    assert isinstance(statement, ast.Expr)
                    changed, kind, key = statement.value, "update", None
                change = Binding(event.name, changed, frame_scope, 0, kind=kind, key=key)
                self.apply_update(value, change)

    def call_named(self, node: ast.expr) -> ast.Call | None:
        """A call written in place, or assigned to a name earlier."""
        if isinstance(node, ast.Call):
            return node
        if isinstance(node, ast.Name):
            found = self.resolve(node.id)
            if isinstance(found, list) and isinstance(found[0].node, ast.Call):
                return found[0].node
        return None

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
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not self.static(node.operand)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            items: list[Any] = []
            for item in node.elts:
                if isinstance(item, ast.Starred):
                    items.extend(self.sequence(item.value))
                else:
                    items.append(self.value(item))
            return flow_seq(items)
        if isinstance(node, ast.Dict):
            return self.mapping(node)
        if isinstance(node, ast.Name):
            return self.name_value(node)
        if isinstance(node, ast.Attribute):
            return self.attribute_value(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.BinOp):
            return self.folded(
                lambda: pyfold.binary(
                    type(node.op).__name__, self.static(node.left), self.static(node.right)
                ),
                node,
            )
        if isinstance(node, ast.JoinedStr):
            return self.formatted(node)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return flow_seq(
                list(self.comprehension(node.generators, lambda: self.value(node.elt), node))
            )
        if isinstance(node, ast.DictComp):
            out = CommentedMap()
            for key, item in self.comprehension(
                node.generators, lambda: (self.value(node.key), self.value(node.value)), node
            ):
                if not isinstance(key, str):
                    raise Unsupported(node.key, "space keys must be strings")
                out[key] = item
                self.origin(out, key, node.value)
            return out
        if isinstance(node, ast.Subscript):
            container = self.static(node.value)
            index = self.static(node.slice)
            try:
                if isinstance(index, slice) or isinstance(container, (list, str, dict)):
                    found = container[index]
                    return flow_seq(list(found)) if isinstance(index, slice) else self.copied(found)
            except (LookupError, TypeError):
                pass
            raise Unsupported(node, f"`{ast.unparse(node)}` cannot be read")
        if isinstance(node, ast.Slice):
            parts = [
                None if p is None else self.static(p) for p in (node.lower, node.upper, node.step)
            ]
            return slice(*parts)
        if isinstance(node, ast.IfExp):
            return self.value(node.body if self.static(node.test) else node.orelse)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self.folded(
                lambda: _COMPARE[type(node.ops[0]).__name__](
                    self.static(node.left), self.static(node.comparators[0])
                ),
                node,
            )
        raise Unsupported(node, _unreadable(node))

    def static(self, node: ast.expr) -> Any:
        """A value computed with (not a distribution: what folding and indexing work on)."""
        value = self.value(node)
        if isinstance(value, LogBound):
            value = resolve_logs(value)
        if isinstance(value, dict) and _label_of(value) is not None:
            raise Unsupported(node, f"`{ast.unparse(node)}` is a distribution, drawn when it runs")
        return value

    def sequence(self, node: ast.expr) -> list[Any]:
        value = self.static(node)
        if isinstance(value, (list, str)):
            return list(value)
        if isinstance(value, dict):
            return list(value)
        raise Unsupported(node, f"`{ast.unparse(node)}` is not a sequence")

    def folded(self, compute: Any, node: ast.expr) -> Any:
        try:
            return compute()
        except pyfold.NotStatic as exc:
            raise Unsupported(node, f"`{ast.unparse(node)}` cannot be computed: {exc}") from None
        except (TypeError, KeyError):
            raise Unsupported(node, f"`{ast.unparse(node)}` cannot be computed") from None

    def formatted(self, node: ast.JoinedStr) -> str:
        """An f-string with parts the module fixes: ``f"lr_{i}"`` in a comprehension."""
        parts = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                parts.append(str(part.value))
                continue
            assert isinstance(part, ast.FormattedValue)
            value = self.static(part.value)
            if part.conversion == ord("r"):
                value = repr(value)
            elif part.conversion == ord("s"):
                value = str(value)
            spec = ""
            if isinstance(part.format_spec, ast.JoinedStr):
                spec = self.formatted(part.format_spec)
            parts.append(self.folded(lambda v=value, f=spec: format(v, f), node))
        return "".join(parts)

    def comprehension(
        self, generators: list[ast.comprehension], element: Any, node: ast.AST
    ) -> Iterator[Any]:
        """The elements of a comprehension over values the module fixes."""
        scope, stamp = self.place
        frame_scope = Scope(scope.label, scope, scope.kind, scope.node)

        def run(index: int, bound: dict[str, Any]) -> Iterator[Any]:
            if index == len(generators):
                yield element()
                return
            generator = generators[index]
            items = self.sequence(generator.iter)
            with self.unrolling_of(node, len(items)):
                for item in items:
                    names = dict(bound)
                    self.unpack(generator.target, item, names)
                    self.frames[id(frame_scope)] = names
                    if all(self.static(test) for test in generator.ifs):
                        yield from run(index + 1, names)

        with self.at_place(frame_scope, stamp):
            try:
                yield from run(0, {})
            finally:
                self.frames.pop(id(frame_scope), None)

    @contextlib.contextmanager
    def unrolling_of(self, node: ast.AST, count: int) -> Iterator[None]:
        """While ``count`` values of ``node`` (a comprehension's ``for``, or a loop) are
        unrolled, inside those unrolled around it: past MAX_UNROLLED values in all (their
        product), the outermost comprehension or loop is named at its line, and not read."""
        outermost = self.unrolling is None
        if self.factor * count > MAX_UNROLLED:
            raise Unsupported(self.unrolling or node, too_many(self.unrolling or node))
        saved = self.factor
        if outermost:
            self.unrolling = node
        self.factor = saved * max(1, count)
        try:
            yield
        finally:
            self.factor = saved
            if outermost:
                self.unrolling = None

    def unpack(self, target: ast.expr, item: Any, names: dict[str, Any]) -> None:
        if isinstance(target, ast.Name):
            names[target.id] = Given(item)
        elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(item, (list, tuple)):
            if len(item) != len(target.elts):
                raise Unsupported(target, "the loop's values do not unpack into its names")
            for part, value in zip(target.elts, item, strict=True):
                self.unpack(part, value, names)
        else:
            raise Unsupported(target, f"`{ast.unparse(target)}` cannot be unpacked")

    def parameter_default(self, node: ast.expr) -> tuple[ast.expr, tuple[Scope, float]] | None:
        """What a parameter of the function around ``node`` is when the module runs, where the
        module says: the argument of the function's one call at the module's top level
        (``main(num_samples=10)`` under ``if __name__ == "__main__":``, Ray's tutorials), or
        its default when no call gives it. ``None`` where that depends on the run: several
        calls, a call inside another function, the function handed on (``partial(main)``)."""
        if not isinstance(node, ast.Name):
            return None
        found = self.resolve(node.id)
        function = found.node if isinstance(found, Unknown) else None
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return None
        arguments = function.args
        positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
        defaults = dict(
            zip(
                positional[len(positional) - len(arguments.defaults) :],
                arguments.defaults,
                strict=True,
            )
        )
        for argument, value in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            if value is not None:
                defaults[argument.arg] = value
        scope = self.function_scopes.get(id(function))
        if scope is None or scope.parent is None:
            return None
        index = positional.index(node.id) if node.id in positional else None
        if index is not None and scope.parent.kind == "class":
            index -= 1  # `self.run(...)`
        called = function.name
        if called == "__init__" and scope.parent.kind == "class":
            called = scope.parent.label.rpartition(".")[2]  # `SweepRunner(...)`
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]
        heads = {id(c.func) for c in calls}
        for use in ast.walk(self.tree):
            if isinstance(use, ast.Name) and use.id == called and id(use) not in heads:
                return None  # handed on (`partial(run, ...)`): called with what, not known
        given: list[tuple[ast.Call, ast.expr | None]] = []
        for call in calls:
            if dotted(call.func).rpartition(".")[2] != called:
                continue
            if any(k.arg is None for k in call.keywords) or any(
                isinstance(a, ast.Starred) for a in call.args
            ):
                return None  # `main(**options)`: which value, only the run knows
            value = next((k.value for k in call.keywords if k.arg == node.id), None)
            if value is None and index is not None and 0 <= index < len(call.args):
                value = call.args[index]
            given.append((call, value))
        passed = [(call, value) for call, value in given if value is not None]
        if passed:
            (call, value), *others = passed
            if others or len(given) > 1 or id(call) in self.nested_calls():
                return None  # several calls, or one inside a function: only the run knows
            return value, (self.root, float("inf"))
        if node.id not in defaults:
            return None
        stamp = next(
            (e.stamp for e in scope.parent.events.get(function.name, []) if e.node is function),
            None,
        )
        return None if stamp is None else (defaults[node.id], (scope.parent, stamp))

    def nested_calls(self) -> set[int]:
        """The calls inside a function or lambda (not run by the module's top level itself)."""
        if self._nested is None:
            self._nested = {
                id(inner)
                for outer in ast.walk(self.tree)
                if isinstance(outer, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                for inner in ast.walk(outer)
                if isinstance(inner, ast.Call)
            }
        return self._nested

    def name_value(self, node: ast.Name) -> Any:
        given = self.parameter_default(node)
        if given is not None:  # a parameter: what the module's one call or its default gives
            value, place = given
            with self.at_place(*place):
                return self.value(value)
        found = self.resolve(node.id)
        if isinstance(found, list):
            return self.bound_value(found, node)
        if isinstance(found, Unknown):
            raise Unsupported(node, f"{found.why}, known only when the module runs")
        if isinstance(found, Deferred):
            with self.at_place(*found.place):
                try:
                    return self.value(found.node)
                except Unsupported as exc:
                    line = getattr(found.node, "lineno", 0)
                    raise Unsupported(
                        node, f"`{node.id}` is `{ast.unparse(found.node)}` (line {line}): {exc}"
                    ) from None
        if isinstance(found, Given):
            return self.copied(found.value)  # a comprehension's or a loop's value
        if node.id in _TYPES:
            return _TYPES[node.id]  # `dtype=int`
        raise Unsupported(
            node, f"`{node.id}` is not defined in this module: known only when it runs"
        )

    def attribute_value(self, node: ast.Attribute) -> Any:
        found = self.attribute(node)
        if isinstance(found, list):
            return self.bound_value(found, node)
        if isinstance(found, Unknown):
            raise Unsupported(node, f"{found.why}, known only when the module runs")
        owner = dotted(node.value)
        if self.libraries.get(owner) in ("math", "numpy") and node.attr in pyfold.CONSTANTS:
            return pyfold.CONSTANTS[node.attr]
        raise Unsupported(node, f"`{ast.unparse(node)}` is known only when the module runs")

    def mapping(self, node: ast.Dict) -> CommentedMap:
        """A dict of the space: each entry that cannot be read is named and left out."""
        out = CommentedMap()
        previous_end = node.lineno
        written: dict[str, ast.expr] = {}  # key -> where this literal wrote it
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if key_node is None:  # `**other`
                try:
                    merged = self.value(value_node)
                    if not isinstance(merged, dict):
                        raise Unsupported(value_node, f"`**{ast.unparse(value_node)}` is no dict")
                except Unsupported as exc:
                    self.skipped(exc, f"`**{ast.unparse(value_node)}`")
                    continue
                for key, item in merged.items():
                    out[key] = item
                    self.origin(out, key, self.origins.get(id(merged), {}).get(key, value_node))
                continue
            try:
                key = self.value(key_node)
                if not isinstance(key, str):
                    raise Unsupported(key_node, "space keys must be strings")
            except Unsupported as exc:
                self.skipped(exc, f"the entry `{ast.unparse(key_node)}`")
                continue
            if key in written:  # Python keeps the last: the first is never seen
                self.not_carried(
                    written[key],
                    f"`{key}` is written again in this dict (line {key_node.lineno}), and "
                    "Python keeps the last",
                )
            written[key] = key_node
            try:
                out[key] = self.value(value_node)
            except Unsupported as exc:
                self.skipped(exc, f"`{key}`", value_node)
                continue
            self.origin(out, key, value_node)
            self.attach(out, key, previous_end, key_node.lineno, value_node.end_lineno or 0)
            previous_end = value_node.end_lineno or key_node.lineno
        return out

    def dict_call(self, node: ast.Call) -> CommentedMap:
        """``dict(...)`` as Python builds it: a copy of the mapping (or pairs) it is given,
        then its keywords and ``**`` merges in order; as in a dict literal, each entry that
        cannot be read is named and left out."""
        out = CommentedMap()
        if node.args:
            given = node.args[0]
            if isinstance(given, ast.Dict):
                out = self.mapping(given)
            else:
                self.merge_into(out, given, f"`dict({ast.unparse(given)})`", pairs=True)
        previous_end = node.lineno
        for keyword in node.keywords:
            if keyword.arg is None:
                self.merge_into(out, keyword.value, f"`**{ast.unparse(keyword.value)}`")
                continue
            try:
                out[keyword.arg] = self.value(keyword.value)
            except Unsupported as exc:
                self.skipped(exc, f"`{keyword.arg}`", keyword.value)
                continue
            self.origin(out, keyword.arg, keyword.value)
            end = keyword.value.end_lineno or 0
            self.attach(out, keyword.arg, previous_end, keyword.value.lineno, end)
            previous_end = end or keyword.value.lineno
        return out

    def merge_into(
        self, out: CommentedMap, node: ast.expr, what: str, *, pairs: bool = False
    ) -> None:
        """The entries of the mapping ``node`` reads as (or of its ``(key, value)`` pairs),
        copied into ``out`` with their origins; named and left out when it is no mapping."""
        try:
            merged = self.value(node)
            if pairs and isinstance(merged, list):
                if not all(isinstance(p, list) and len(p) == 2 for p in merged):
                    raise Unsupported(node, f"`{ast.unparse(node)}` is no list of pairs")
                # a pair's key may be anything Python allows, or not (a list, a dict): only
                # a string is a space key, and only one is ever used as a key here
                written = _pair_nodes(node, len(merged))
                for (key, item), pair in zip(merged, written, strict=True):
                    if not isinstance(key, str):
                        where = pair if pair is not None else node
                        entry = f"the pair `{ast.unparse(pair)}`" if pair is not None else what
                        self.skipped(Unsupported(where, "space keys must be strings"), entry)
                        continue
                    out[key] = self.copied(item)
                    self.origin(out, key, pair.elts[1] if pair is not None else node)
                return
            if not isinstance(merged, dict):
                raise Unsupported(node, f"`{ast.unparse(node)}` is no dict")
        except Unsupported as exc:
            self.skipped(exc, what)
            return
        merged = self.copied(merged)
        for key, item in merged.items():
            if not isinstance(key, str):
                self.skipped(Unsupported(node, "space keys must be strings"), what)
                continue
            out[key] = item
            self.origin(out, key, self.origins.get(id(merged), {}).get(key, node))

    def skipped(self, exc: Unsupported, what: str, entry: ast.AST | None = None) -> None:
        """An entry of the space that cannot be read: named where it is (at what cannot be
        read, when that is inside the entry, else at the entry), and left out."""
        where, message = exc.node, str(exc)
        if entry is not None and not _inside(exc.node, entry):
            line = getattr(exc.node, "lineno", 0)
            where, message = entry, f"{message} (line {line})" if line else message
        problem = self.at(where, f"{what} is not carried: {message}")
        self.found.append(replace(problem, severity=Severity.WARNING))

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
        if name == "dict" and self.resolve("dict") is None and len(node.args) <= 1:
            return self.dict_call(node)
        if name in self.log and len(node.args) == 1:
            inner = self.value(node.args[0])
            if isinstance(inner, (int, float)) and not isinstance(inner, bool):
                return LogBound(inner, node)  # `math.log(0)` too: the bound 0, `check` reports it
        if prefix in self.scope and function == "int" and len(node.args) == 1:
            return self.integer(node)
        if prefix in self.hp and function in HP_NAMES:
            return self.hp_call(node, function)
        if isinstance(node.func, ast.Attribute) and node.func.attr in _METHODS:
            method = self.method_call(node)
            if method is not _NOT_A_METHOD:
                return method
        library = self.library_function(node.func)
        if library is not None:
            return self.folded(lambda: pyfold.call(library, *self.call_arguments(node)), node)
        function_scope = self.function_of(node.func)
        if function_scope is not None:
            return self.static_call(node, function_scope)
        raise Unsupported(node, _unreadable(node))

    def method_call(self, node: ast.Call) -> Any:
        """``d.items()``, ``a.tolist()``, ``a.astype(int)``... on a value the module fixes."""
        assert isinstance(node.func, ast.Attribute)
        try:
            owner = self.static(node.func.value)
        except Unsupported:
            return _NOT_A_METHOD
        name = node.func.attr
        args, kwargs = self.call_arguments(node)
        if isinstance(owner, dict) and name in ("items", "keys", "values", "copy", "get"):
            if name == "items":
                return flow_seq([flow_seq([k, v]) for k, v in owner.items()])
            if name in ("keys", "values"):
                return flow_seq(list(getattr(owner, name)()))
            if name == "get":
                if args and not isinstance(args[0], (str, int, float, bool, type(None))):
                    # Python raises on a list or a dict; a tuple (read as a list) is no key
                    raise Unsupported(node, f"`{ast.unparse(node)}` cannot be read")
                return self.copied(owner.get(*args))
            return self.copied(owner)
        if isinstance(owner, list) and name in ("tolist", "copy"):
            return flow_seq(self.copied(owner))
        if isinstance(owner, list) and name == "astype" and args in (["int"], ["float"]):
            cast = int if args == ["int"] else float
            return flow_seq([cast(v) for v in owner])
        if isinstance(owner, str) and name in ("format", "upper", "lower", "replace", "join"):
            return self.folded(lambda: getattr(owner, name)(*args, **kwargs), node)
        return _NOT_A_METHOD

    def library_function(self, func: ast.expr) -> str | None:
        """The name in ``pyfold.FUNCTIONS`` of a builtin, numpy or math function a call names."""
        name = dotted(func)
        prefix, _, last = name.rpartition(".")
        if not prefix:
            if name in self.libraries:
                full = self.libraries[name]
                module, _, last = full.rpartition(".")
                if module == "numpy" and last in pyfold.NUMPY:
                    return last
                return full if full in pyfold.FUNCTIONS else None
            if name in pyfold.FUNCTIONS and "." not in name and self.resolve(name) is None:
                return name
            return None
        library = self.libraries.get(prefix)
        if library == "numpy" and last in pyfold.NUMPY:
            return last
        if library == "math" and f"math.{last}" in pyfold.FUNCTIONS:
            return f"math.{last}"
        return None

    def call_arguments(self, node: ast.Call) -> tuple[list[Any], dict[str, Any]]:
        args: list[Any] = []
        for argument in node.args:
            if isinstance(argument, ast.Starred):
                args.extend(self.sequence(argument.value))
            else:
                args.append(self.static(argument))
        kwargs = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Unsupported(keyword.value, "`**` arguments are known only when it runs")
            kwargs[keyword.arg] = self.static(keyword.value)
        return args, kwargs

    def static_call(self, node: ast.Call, function: Scope) -> Any:
        """A call to one of the module's own functions, read with its arguments: what it
        returns, if it returns from one place."""
        definition = function.node
        assert isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef))
        returned = _single_return(function)
        if returned is None:
            many = "several places" if function.returns else "no place"
            raise Unsupported(
                node, f"`{definition.name}` returns from {many}: known only when it runs"
            )
        if self.depth > 20:
            raise Unsupported(node, f"`{definition.name}` calls itself too deeply to be read")
        frame = self.bind_arguments(node, definition, function)
        self.frames[id(function)] = frame
        self.depth += 1
        try:
            with self.at_place(returned.scope, returned.stamp):
                return self.value(returned.node)  # type: ignore[arg-type]
        finally:
            self.depth -= 1
            self.frames.pop(id(function), None)

    def bind_arguments(
        self,
        node: ast.Call,
        definition: ast.FunctionDef | ast.AsyncFunctionDef,
        function_scope: Scope,
    ) -> dict[str, Any]:
        arguments = definition.args
        positional = [*arguments.posonlyargs, *arguments.args]
        frame: dict[str, Any] = {}
        values = list(node.args)
        if any(isinstance(v, ast.Starred) for v in values) or any(
            k.arg is None for k in node.keywords
        ):
            raise Unsupported(node, "`*`/`**` arguments are known only when it runs")
        offset = (
            1
            if positional
            and positional[0].arg in ("self", "cls")
            and isinstance(node.func, ast.Attribute)
            else 0
        )
        if offset:
            frame[positional[0].arg] = Unknown(node, "`self` is the instance")
        if len(values) > len(positional) - offset:
            raise Unsupported(node, f"too many arguments for `{definition.name}`")
        for parameter, value in zip(positional[offset:], values, strict=False):
            frame[parameter.arg] = Deferred(value, self.place)
        for keyword in node.keywords:
            frame[str(keyword.arg)] = Deferred(keyword.value, self.place)
        defaults = dict(
            zip(
                [a.arg for a in positional][-len(arguments.defaults) :]
                if arguments.defaults
                else [],
                arguments.defaults,
                strict=False,
            )
        )
        defaults.update(
            {
                a.arg: d
                for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=False)
                if d is not None
            }
        )
        for parameter in [*positional, *arguments.kwonlyargs]:
            if parameter.arg in frame:
                continue
            if parameter.arg in defaults:
                where = function_scope.parent or function_scope
                frame[parameter.arg] = Deferred(defaults[parameter.arg], (where, float("inf")))
            else:
                frame[parameter.arg] = Unknown(
                    node, f"`{parameter.arg}` is not given to `{definition.name}`"
                )
        return frame

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
        if function == "uniformint":
            # hyperopt's uniformint is scope.int(quniform(low, high, q=1)): its bounds weigh
            # half as much as the other values, which the spec's `uniformint` does not say
            label, values = self.arguments(node, ("low", "high"))
            return self.labelled("quniformint", label, node, flow_seq([*values, 1]))
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
        if dist in ("randint", "uniformint"):
            return mapped  # already integers: `int` changes nothing
        # hyperopt's exact integer forms (not `qrandint`, whose end values weigh as the others)
        spec = {hp: name for name, hp in SCOPE_INT.items()}.get(dist)
        if spec is None:
            raise Unsupported(node, f"`scope.int(hp.{dist}(...))` has no spec form")
        renamed = CommentedMap([(spec, body)])
        renamed.fa.set_flow_style()
        return renamed

    def labelled(
        self, dist: str, label: str, node: ast.Call, body: Any, listing: bool = False
    ) -> CommentedMap:
        names = ("options",) if listing else arg_names(dist)
        mapping = CommentedMap(zip(names, [body] if listing else body, strict=False))
        if dist == "pchoice":  # the mapping form names the options and their probabilities
            mapping = CommentedMap(
                [
                    ("options", flow_seq([pair[1] for pair in body])),
                    ("probabilities", flow_seq([pair[0] for pair in body])),
                ]
            )
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
