"""hyperopt spaces as Python source, both ways. The source is parsed (``ast``), never run.

Reading understands ``hp.*`` calls under their usual import names (``from hyperopt import hp``,
``import hyperopt``, the seed's ``from wandb.sweeps.config.hyperopt import hp``), ``scope.int``,
``math.log``/``np.log`` of literals, dict and list literals, ``dict(...)`` calls, module-level
constants, and the seed's ``tune.run(..., search_alg=HyperOptSearch(space, metric=, mode=))``.
Anything else is a located diagnostic. Comments are carried to the same keys.
"""

from __future__ import annotations

import ast
import contextlib
import io
import math
import re
import tokenize
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic, Severity, Span
from ..emit import diagnostic
from ..meaning import meaning, space_meaning
from ..numbers import exp_exact, log_exact
from ..yamlio import flow_map, flow_seq, is_flow
from .hyperopt import SAME_AS_HP
from .model import Reading, Writing

HP_NAMES = frozenset({*SAME_AS_HP, "randint", "uniformint", "choice", "pchoice"})
LOG_BOUNDS = {"loguniform", "qloguniform"}
TEMPLATE = "SWEEPSPEC"
SETTINGS = {
    "program": "program",
    "metric": "metric",
    "mode": "mode",
    "max_evals": "num_samples",
    "timeout": "time_budget_s",
}


class _Unsupported(Exception):
    def __init__(self, node: ast.AST, message: str) -> None:
        super().__init__(message)
        self.node = node


@dataclass(frozen=True)
class _Log:
    """``math.log(x)`` of a literal: a log-space bound whose real value is ``x``; anywhere
    else, the number ``ln(x)`` (see :func:`resolve_logs`)."""

    value: Any
    node: ast.AST | None = field(default=None, compare=False)


def resolve_logs(value: Any) -> Any:
    """``value`` with every ``math.log(x)`` that is not a log bound replaced by ``ln(x)``."""
    if isinstance(value, _Log):
        if not isinstance(value.value, (int, float)) or value.value <= 0:
            where = value.node or ast.Module(body=[], type_ignores=[])
            raise _Unsupported(where, "`math.log` of a number that is not > 0")
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


def read(source: str, file: str = "<string>") -> SourceResult:
    """A spec from Python source holding a hyperopt space, without running the source."""
    try:
        tree = parse_python(source, file)
    except SyntaxError as exc:
        return SourceResult(None, [syntax_error(exc, file)])
    reader = _Reader(source, file)
    try:
        data = reader.module(tree)
    except _Unsupported as exc:
        return SourceResult(None, [reader.at(exc.node, str(exc))])
    if reader.template is not None:
        merged = _merge(reader.template, data, file)
        if merged is not None:
            return SourceResult(merged, reader.found, reader.locate(merged))
        where = reader.template_node or tree
        problem = reader.at(
            where,
            f"the module's `{TEMPLATE}` copy of its spec does not load as a clean spec; the "
            "spec is read from the module's code alone",
        )
        reader.found.append(replace(problem, severity=Severity.WARNING))
    return SourceResult(data, reader.found, reader.locate(data))


def read_module(source: str, file: str = "<string>") -> Reading:
    """The registry's reader: a module with a hyperopt space, parsed and never run, as a spec."""
    found = read(source, file)
    return Reading(found.data, found.diagnostics, found.origins)


def write_module(doc: Any) -> Writing:
    """The registry's writer: a spec as a module of ``hp.*`` calls. What hyperopt cannot hold
    is written as its stand-in, or kept in the module's spec copy only: ``losses.py`` reads the
    module back and names it; the stand-ins' explanations come from here."""
    from ..checks.context import Context
    from ..emit import Locator

    here = Locator(doc)
    explained = [
        here.at_key(
            "X001",
            f"hyperopt: `{param.dist.name}` {STAND_INS[param.dist.name]}",
            param.dist_path,
            severity=Severity.WARNING,
        )
        for param in Context(doc).parameters
        if param.dist.name in STAND_INS
    ]
    return Writing(write(doc), explained)


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


def _merge(template: str, data: CommentedMap, file: str) -> CommentedMap | None:
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
        if key in ("sweepspec", "search_alg"):
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
        if meaning(target.get(key), str(key)) != meaning(value, str(key)):
            target[key] = value


def _top_meaning(key: str, value: Any) -> Any:
    return space_meaning(value) if key == "param_space" else meaning(value)


class _Kept(CommentedMap):
    """The template spec, unchanged: written back as its original text."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _Reader:
    def __init__(self, source: str, file: str) -> None:
        self.source, self.file = source, file
        self.found: list[Diagnostic] = []
        self.hp: set[str] = set()  # names that mean hyperopt.hp (`hp`, `hyperopt.hp`, ...)
        self.scope: set[str] = set()
        self.log: set[str] = {"math.log", "np.log", "numpy.log"}
        self.constants: dict[str, Any] = {}
        self.comments = _comments(source)
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
        header = [c for line, c in sorted(self.comments.items()) if line < _first_line(tree)]
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
            raise _Unsupported(tree, "no hyperopt space found: assign one to `space`")
        self.check_space(space, tree)
        out["search_alg"] = flow_map(("type", "hyperopt"))
        drop_derived_labels(space)
        out["param_space"] = disambiguate_groups(space)
        resolve_logs(out)
        if header:
            out.yaml_set_start_comment("\n".join(_comment_text(h) for h in header))
        return out

    def check_space(self, space: Any, tree: ast.Module) -> None:
        """The space must be a dict of names: a single expression has no name in the spec."""
        if not isinstance(space, CommentedMap) or is_flow(space):
            raise _Unsupported(
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
        if isinstance(value, ast.Call) and _dotted(value.func).endswith(".run"):
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
        with contextlib.suppress(_Unsupported):
            self.constants[name] = self.value(value)
        return space

    def mentions_hp(self, node: ast.AST) -> bool:
        return any(
            isinstance(n, ast.Call) and _dotted(n.func).rsplit(".", 1)[0] in self.hp
            for n in ast.walk(node)
        )

    def tune_run(self, call: ast.Call, out: CommentedMap) -> Any:
        """The seed's ``tune.run("train.py", search_alg=HyperOptSearch(space, ...), ...)``."""
        name = _dotted(call.func)
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
            return _float(ast.get_source_segment(self.source, node), node.value)
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
        raise _Unsupported(node, f"cannot read `{ast.unparse(node)}` as a space entry")

    def mapping(self, node: ast.Dict) -> CommentedMap:
        out = CommentedMap()
        previous_end = node.lineno
        for key_node, value_node in zip(node.keys, node.values, strict=True):
            if not isinstance(key_node, ast.Constant) or not isinstance(key_node.value, str):
                raise _Unsupported(key_node or node, "space keys must be string literals")
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
                key, before="\n".join(_comment_text(c) for c in before), indent=0
            )
        trailing = self.comments.get(end) if end else None
        if trailing and end not in range(after + 1, line):
            out.yaml_add_eol_comment(trailing, key)

    def call(self, node: ast.Call) -> Any:
        name = _dotted(node.func)
        prefix, _, function = name.rpartition(".")
        if name == "float" and len(node.args) == 1 and not node.keywords:
            text = node.args[0]
            if isinstance(text, ast.Constant) and str(text.value).strip().lower() in _SPECIAL:
                return float(str(text.value))  # float("nan"), float("inf"), as the writer writes
        if name == "dict" and not node.args:
            out = CommentedMap()
            for keyword in node.keywords:
                if keyword.arg is None:
                    raise _Unsupported(node, "`dict(**...)` cannot be read")
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
                return _Log(inner, node)  # `math.log(0)` too: the bound 0, `check` reports it
        if prefix in self.scope and function == "int" and len(node.args) == 1:
            return self.integer(node)
        if prefix in self.hp and function in HP_NAMES:
            return self.hp_call(node, function)
        raise _Unsupported(node, f"cannot read the call `{name}(...)` without running it")

    def arguments(
        self, node: ast.Call, names: tuple[str, ...], most: int | None = None
    ) -> tuple[str, list[Any]]:
        """The label and the arguments ``names`` (at most ``most`` positional ones after the
        label, ``len(names)`` unless given)."""
        if not node.args:
            raise _Unsupported(node, "hyperopt functions take a label first")
        label = self.value(node.args[0])
        limit = len(names) if most is None else most
        if len(node.args) - 1 > limit:
            raise _Unsupported(node, f"too many arguments: {limit} after the label at most")
        values = [self.value(a) for a in node.args[1:]]
        keywords = {k.arg: self.value(k.value) for k in node.keywords if k.arg}
        for name in names[len(values) :]:
            if name not in keywords:
                raise _Unsupported(node, f"missing argument `{name}`")
            values.append(keywords[name])
        return str(label), values

    def hp_call(self, node: ast.Call, function: str) -> CommentedMap:
        if function == "choice":
            label, (options,) = self.arguments(node, ("options",))
            if not isinstance(options, list):
                raise _Unsupported(node, "`hp.choice` takes a label and a list of options")
            return self.labelled("choice", label, node, options, listing=True)
        if function == "pchoice":
            label, (pairs,) = self.arguments(node, ("p_options",))
            if not isinstance(pairs, list) or not all(
                isinstance(p, list) and len(p) == 2 for p in pairs
            ):
                raise _Unsupported(node, "`hp.pchoice` takes a list of (probability, option)")
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
        if isinstance(bound, _Log):
            return bound.value
        if not isinstance(bound, (int, float)) or isinstance(bound, bool):
            return bound
        try:
            return exp_exact(bound)
        except OverflowError:
            raise _Unsupported(node, f"the bound exp({bound}) is too large for a float") from None

    def integer(self, node: ast.Call) -> CommentedMap:
        inner = node.args[0]
        if not isinstance(inner, ast.Call):
            raise _Unsupported(node, "scope.int of something that is not an hp call")
        prefix, _, function = _dotted(inner.func).rpartition(".")
        if prefix not in self.hp or function not in HP_NAMES:
            raise _Unsupported(inner, f"scope.int of `{_dotted(inner.func)}`, not an hp function")
        mapped = self.hp_call(inner, function)
        ((dist, body),) = mapped.items()
        spec = {"quniform": "qrandint", "qloguniform": "qlograndint"}.get(dist)
        if spec is None:
            raise _Unsupported(node, f"scope.int(hp.{dist}(...)) has no spec equivalent")
        renamed = CommentedMap([(spec, body)])
        renamed.fa.set_flow_style()
        return renamed

    def labelled(
        self, dist: str, label: str, node: ast.Call, body: Any, listing: bool = False
    ) -> CommentedMap:
        names = ("options",) if listing else _arg_names(dist)
        mapping = CommentedMap(zip(names, [body] if listing else body, strict=False))
        mapping["label"] = label
        mapping.fa.set_flow_style()
        return flow_map((dist, mapping))


def disambiguate_groups(space: CommentedMap) -> CommentedMap:
    """Wrap every nested dict whose one key names a distribution, which the spec would read as
    that distribution: ``{'beta': {'x': hp.uniform(...)}}`` is ``{group: {beta: ...}}``, and a
    dict of constants such as ``{'uniform': 1}`` is ``{constant: {uniform: 1}}``.

    A dict of the source is a block mapping here; distributions are flow mappings."""
    for key in list(space):
        space[key] = _disambiguate(space[key])
    return space


def _disambiguate(value: Any) -> Any:
    from ..space import distribution_of, iter_parameters

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
                    value[dist] = compact[0] if dist in ("choice", "pchoice") else flow_seq(compact)
                options = value[dist] if dist in ("choice", "pchoice") else None
                if isinstance(options, CommentedMap):
                    options = options.get("options")
                for index, option in enumerate(options or []):
                    inner = option[1] if dist == "pchoice" and isinstance(option, list) else option
                    if isinstance(inner, CommentedMap) and len(inner) != 1:
                        drop_derived_labels(inner, label)
                    elif isinstance(inner, CommentedMap):
                        drop_derived_labels(CommentedMap([(index, inner)]), label)
                continue
        drop_derived_labels(value, label)


def _float(text: str | None, value: float) -> Any:
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


def _float_text(value: float) -> str:
    """A float as YAML wrote it, when that spelling is a valid Python literal too."""
    from ..yamlio import dump

    text = dump(value).split("\n", 1)[0].strip()
    try:
        exact = float(text) == float(value)
    except ValueError:
        exact = False
    return text if exact else repr(float(value))


def _comment_text(comment: str) -> str:
    """``# text`` -> ``text``, keeping any further indentation of the text."""
    text = comment[1:] if comment.startswith("#") else comment
    return text[1:] if text.startswith(" ") else text


def _arg_names(dist: str) -> tuple[str, ...]:
    from ..vocabulary import BY_NAME

    return BY_NAME[dist].arg_names


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _first_line(tree: ast.Module) -> int:
    return tree.body[0].lineno if tree.body else 10**9


# What a YAML comment cannot hold: characters outside YAML's printable set (a control character
# in a Python comment is legal there), and those ruamel.yaml reads as line breaks.
_NOT_IN_YAML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def _comments(source: str) -> dict[int, str]:
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


# --- spec -> Python source -------------------------------------------------------------------

_SETTING_NAMES = {spec: python for python, spec in SETTINGS.items()}
# Distributions hyperopt has no function for, written as a uniform draw over their support so
# that the module still runs (the conversion reports the loss).
STAND_INS = {
    "beta": "written as `hp.uniform(label, 0, 1)`, over the same support",
    "qbeta": "written as `hp.quniform(label, 0, 1, q)`, over the same support",
}


def write(doc: Any) -> str:
    """A readable Python module for the spec's space: ``space = {...}`` of ``hp.*`` calls.

    Log bounds are written as ``math.log(<real bound>)``; the YAML's comments become Python
    comments on the same keys; ``program``, ``metric``, ``mode``, ``num_samples`` and
    ``time_budget_s`` become module constants that the reader takes back.
    """
    from ..space import SPACE_KEY

    data = doc.data
    writer = _Writer(doc)
    body = writer.mapping(data.get(SPACE_KEY) or CommentedMap(), "", 1)
    lines = [_python_comment(f"# {line}") for line in writer.header()]
    lines.append(_docstring(f"hyperopt search space written by sweepspec from {doc.file}."))
    lines.append("")
    if writer.uses_math:
        lines.append("import math")
        lines.append("")
    lines.append("from hyperopt import hp")
    if writer.uses_scope:
        lines.append("from hyperopt.pyll import scope")
    lines.append("")
    for spec_key, name in _SETTING_NAMES.items():
        if spec_key in data:
            lines.append(f"{name} = {_literal(data[spec_key])}")
    lines.append("")
    lines.append("space = {")
    lines.extend(body)
    lines.append("}")
    lines.append("")
    lines.append(
        "# The spec this module was written from. Converting the module back keeps it, and"
    )
    lines.append("# takes in whatever the space and the settings above now say differently.")
    lines.append(f"{TEMPLATE} = {_text_literal(doc.text)}")
    return "\n".join(lines) + "\n"


# Every text of the input that goes into the module (a file name, keys, values, comments) is
# written through one of these, so that no input can end its literal or its comment early.


def _text_literal(text: str) -> str:
    quotes, backslash = '"' * 3, chr(92)
    if _verbatim(text):
        return quotes + backslash + "\n" + text + quotes  # readable: the spec as it is
    return repr(text)


def _docstring(text: str) -> str:
    return f'"""{text}"""' if _verbatim(text) and "\n" not in text else _literal(text)


def _verbatim(text: str) -> bool:
    """Whether ``text`` reads back unchanged between triple double quotes: no quote or
    backslash that could end or escape the literal, no carriage return (Python reads it as a
    line break), and no other control character."""
    return (
        '"' * 3 not in text
        and chr(92) not in text
        and not text.endswith('"')
        and all(c in {"\n", "\t"} or c.isprintable() for c in text)
    )


def _python_comment(comment: str) -> str:
    """``comment`` (``# ...``) as one Python comment: a line break in it would end the comment,
    so a carriage return, form feed or other control character is written escaped."""
    return "".join(c if c.isprintable() or c == "\t" else repr(c)[1:-1] for c in comment)


_SPECIAL = frozenset({"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"})


def _literal(value: Any) -> str:
    if isinstance(value, Mapping):
        items = ", ".join(f"{_literal(str(k))}: {_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, bool) or type(value).__name__ == "ScalarBoolean":
        return "True" if value else "False"
    if isinstance(value, float) and not math.isfinite(value):
        return f'{"-" if value < 0 else ""}float("{"nan" if math.isnan(value) else "inf"}")'
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, int):
        return repr(int(value))
    if value is None:
        return "None"
    text = repr(str(value))
    if text.startswith("'") and '"' not in text:  # ruff's (and black's) double quotes
        text = '"' + text[1:-1].replace("\\'", "'") + '"'
    return text


class _Writer:
    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.uses_math = False
        self.uses_scope = False

    def header(self) -> list[str]:
        comment = self.doc.data.ca.comment
        tokens = comment[1] if comment and len(comment) > 1 and comment[1] else []
        return [_comment_text(t.value.strip()) for t in tokens if t.value.strip()]

    def mapping(self, group: Any, prefix: str, depth: int) -> list[str]:
        from ..yamlio import eol_comment

        pad = "    " * depth
        lines: list[str] = []
        for key, value in group.items():
            label = f"{prefix}/{key}" if prefix else str(key)
            comment = eol_comment(group, key) if isinstance(group, CommentedMap) else None
            tail = f"  {_python_comment(comment)}" if comment else ""
            expression = self.expression(value, label, depth)
            if isinstance(expression, list):
                lines.append(f"{pad}{_literal(str(key))}: {{{tail}")
                lines.extend(expression)
                lines.append(f"{pad}}},")
            else:
                lines.append(f"{pad}{_literal(str(key))}: {expression},{tail}")
        return lines

    def expression(self, value: Any, label: str, depth: int) -> str | list[str]:
        from ..space import distribution_of, group_body

        dist = distribution_of(value)
        if dist is None or dist.kind == "group":
            body = group_body(value)
            if body is not None:
                return self.mapping(body, label, depth + 1)
            return _literal(value)
        body = value[dist.name]
        if dist.kind == "constant":
            return _literal(body)
        # A label of its own is the call's; what is nested in the options derives its label
        # from the key path all the same, as the spec (and `check`) derives it.
        own = (
            body["label"]
            if isinstance(body, Mapping) and isinstance(body.get("label"), str)
            else label
        )
        return self.call(dist.name, body, own, depth, prefix=label)

    def call(self, name: str, body: Any, label: str, depth: int, prefix: str | None = None) -> str:
        from ..vocabulary import BY_NAME

        quoted = _literal(label)
        label = label if prefix is None else prefix
        if name in ("choice", "pchoice", "grid_search"):
            field = "values" if name == "grid_search" else "options"
            items = body.get(field) if isinstance(body, Mapping) else body
            if name == "pchoice":
                if isinstance(body, Mapping):
                    pairs = list(zip(body["probabilities"], body["options"], strict=True))
                else:
                    pairs = [(p[0], p[1]) for p in body]
                rendered = ", ".join(
                    f"({_literal(p)}, {self.option(o, label, i, depth)})"
                    for i, (p, o) in enumerate(pairs)
                )
                return f"hp.pchoice({quoted}, [{rendered}])"
            listed = list(items or [])
            options = ", ".join(self.option(o, label, i, depth) for i, o in enumerate(listed))
            return f"hp.choice({quoted}, [{options}])"
        names = BY_NAME[name].arg_names
        args = [body.get(n) for n in names] if isinstance(body, Mapping) else list(body)
        text = [_literal(a) for a in args]
        if name in ("loguniform", "qloguniform", "lograndint", "qlograndint"):
            self.uses_math = True
            high = args[1] - 1 if name == "lograndint" and isinstance(args[1], int) else args[1]
            text[0], text[1] = f"math.log({_literal(args[0])})", f"math.log({_literal(high)})"
        if name in ("qrandint", "lograndint", "qlograndint"):
            self.uses_scope = True
            inner = "quniform" if name == "qrandint" else "qloguniform"
            q = text[2] if len(text) > 2 else "1"
            return f"scope.int(hp.{inner}({quoted}, {text[0]}, {text[1]}, {q}))"
        if name == "invloguniform":
            self.uses_math = True
            return (
                f"hp.loguniform({quoted}, math.log({_literal(args[0])}), "
                f"math.log({_literal(args[1])}))"
            )
        if name in STAND_INS:  # hyperopt has no beta: its support, reported as lost
            q = f", {text[2] if len(text) > 2 else '1'}" if name == "qbeta" else ""
            return f"hp.{'q' if q else ''}uniform({quoted}, 0, 1{q})"
        return f"hp.{name}({quoted}, {', '.join(text)})"

    def option(self, option: Any, label: str, index: int, depth: int) -> str:
        from ..space import distribution_of

        if isinstance(option, Mapping) and distribution_of(option) is None:
            inner = self.mapping(option, label, depth + 2)
            pad = "    " * (depth + 1)
            return "{\n" + "\n".join(inner) + f"\n{pad}}}"
        rendered = self.expression(option, f"{label}/{index}", depth + 1)
        if isinstance(rendered, list):  # a group written `{group: {...}}`
            pad = "    " * (depth + 1)
            return "{\n" + "\n".join(rendered) + f"\n{pad}}}"
        return rendered
