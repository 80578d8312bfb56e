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
        return ast.parse(source, filename=file)


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

    def at(self, node: ast.AST, message: str) -> Diagnostic:
        line = getattr(node, "lineno", 1)
        column = self.column(line, getattr(node, "col_offset", 0))
        end_line = getattr(node, "end_lineno", line) or line
        end_offset = getattr(node, "end_col_offset", None)
        end_column = column if end_offset is None else self.column(end_line, end_offset)
        return diagnostic("X003", message, self.file, Span(line, column, end_line, end_column))

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
        for statement in tree.body:
            if isinstance(statement, (ast.Import, ast.ImportFrom)):
                self.imports(statement)
            elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name):
                    space = self.assign(target.id, statement.value, out, space)
            elif isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
                space = self.tune_run(statement.value, out) or space
        if space is None:
            raise Unsupported(tree, "no hyperopt space found: assign one to `space`")
        self.check_space(space, tree)
        out["search_alg"] = flow_map(("type", "hyperopt"))
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
        if isinstance(value, ast.Call) and dotted(value.func).endswith(".run"):
            return self.tune_run(value, out) or space
        if name == "space" or (space is None and self.mentions_hp(value)):
            return self.value(value)
        if name in SETTINGS and isinstance(value, ast.Constant):
            out[SETTINGS[name]] = value.value
            self.origin(out, SETTINGS[name], value)
            return space
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

    def tune_run(self, call: ast.Call, out: CommentedMap) -> Any:
        """The seed's ``tune.run("train.py", search_alg=HyperOptSearch(space, ...), ...)``."""
        name = dotted(call.func)
        if not name.endswith(".run"):
            return None
        space = None
        if call.args:
            out["program"] = self.value(call.args[0])
            self.origin(out, "program", call.args[0])
        for keyword in call.keywords:
            if keyword.arg == "num_samples":
                out["num_samples"] = self.value(keyword.value)
                self.origin(out, "num_samples", keyword.value)
            elif keyword.arg == "search_alg" and isinstance(keyword.value, ast.Call):
                searcher = keyword.value
                if searcher.args:
                    space = self.value(searcher.args[0])
                for option in searcher.keywords:
                    if option.arg in ("metric", "mode"):
                        out[option.arg] = self.value(option.value)
                        self.origin(out, option.arg, option.value)
                    elif option.arg == "space":
                        space = self.value(option.value)
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
        if not node.args:
            raise Unsupported(node, "hyperopt functions take a label first")
        label = self.value(node.args[0])
        limit = len(names) if most is None else most
        if len(node.args) - 1 > limit:
            raise Unsupported(node, f"too many arguments: {limit} after the label at most")
        values = [self.value(a) for a in node.args[1:]]
        keywords = {k.arg: self.value(k.value) for k in node.keywords if k.arg}
        for name in names[len(values) :]:
            if name not in keywords:
                raise Unsupported(node, f"missing argument `{name}`")
            values.append(keywords[name])
        return str(label), values

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
        names = {
            "normal": ("mu", "sigma"),
            "lognormal": ("mu", "sigma"),
            "qnormal": ("mu", "sigma", "q"),
            "qlognormal": ("mu", "sigma", "q"),
        }.get(function, ("low", "high", "q") if function.startswith("q") else ("low", "high"))
        label, values = self.arguments(node, names)
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
