"""Checks for W&B sweep files: W&B's schema and code-level rules, and YAML 1.1 misreadings.

W&B loads sweep files with PyYAML (YAML 1.1), sweepspec with ruamel.yaml (YAML 1.2); where the
two read a plain scalar differently, W&B does not see what the author wrote (``wandb-sweeps.md``
§2.7). The code-level rules are those of wandb/sweeps ``src/sweeps/config/cfg.py`` and
``src/sweeps/grid_search.py``.
"""

from __future__ import annotations

import datetime
import functools
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Edit, Fix, JsonPath
from ..emit import Locator, kind
from ..formats.wandb_schema import (
    DEPRECATED,
    GRID_OK,
    SCHEMA,
    exponent_range,
    looks_like_real_values,
)
from ..loader import Document
from ..sourcemap import source_lines
from .context import is_finite, shorten_number
from .floats import check_float_range, overflows
from .programs import check_command, check_program

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@functools.cache
def _validator() -> Any:
    from ..schema import make_validator

    return make_validator(SCHEMA)


@functools.cache
def _valid() -> Any:
    """W&B's schema as a yes/no question (``sweepspec.fastschema``): a valid sweep file is
    checked without importing jsonschema, which finds and places the errors of the others."""
    from ..fastschema import DRAFT7_TYPES, judge
    from ..schemafile import inline_refs

    return judge(inline_refs(SCHEMA), DRAFT7_TYPES)


def check_wandb(doc: Document) -> Iterator[Diagnostic]:
    """Every finding for a W&B sweep document."""
    if not _valid()(doc.data):
        from ..schema import schema_diagnostics

        yield from schema_diagnostics(doc, against=_validator())
    here = Locator(doc)
    data = doc.data
    params = data.get("parameters")
    if isinstance(params, Mapping):
        yield from _parameters(here, params, ("parameters",), data.get("method") == "grid")
    if data.get("method") == "bayes" and "metric" not in data and "metrics" not in data:
        yield here.at_value(
            "W004",
            "`method: bayes` needs a `metric` to optimise",
            ("method",),
            hint="add `metric: {name: ..., goal: minimize}`",
        )
    if "early_terminate" in data and "metric" not in data:
        yield here.at_key(
            "V013",
            "`early_terminate` needs a `metric`: W&B's hyperband stops runs by its value "
            '(wandb/sweeps hyperband_stopping.py: "Hyperband stopping requires "metric" section")',
            ("early_terminate",),
            hint="add `metric: {name: ..., goal: minimize}`",
        )
    if "metric" in data and "metrics" in data:
        yield here.at_key("W005", "`metric` and `metrics` cannot both be set", ("metrics",))
    yield from check_float_range(doc, here)
    yield from check_program(here, data.get("program"), ("program",), module_form=False)
    yield from check_command(here, data.get("command"), ("command",))
    yield from _yaml11(doc, here)


def _kind(param: Mapping[str, Any]) -> str | None:
    kind = param.get("distribution")
    if isinstance(kind, str):
        return kind
    if "values" in param:
        return "categorical_w_probabilities" if "probabilities" in param else "categorical"
    if "value" in param:
        return "constant"
    low, high = param.get("min"), param.get("max")
    if isinstance(low, int) and isinstance(high, int):
        return "int_uniform"
    return "uniform" if low is not None and high is not None else None


# The numeric arguments of W&B distributions (wandb_schema.DISTRIBUTIONS).
_NUMERIC = ("min", "max", "q", "mu", "sigma", "a", "b")


def _parameters(
    here: Locator, params: Mapping[Any, Any], path: JsonPath, grid: bool
) -> Iterator[Diagnostic]:
    for name, param in params.items():
        at = (*path, name)
        if not isinstance(param, Mapping):
            continue
        nested = param.get("parameters")
        if isinstance(nested, Mapping) and "distribution" not in param:
            yield from _parameters(here, nested, (*at, "parameters"), grid)
            continue
        kind = _kind(param)
        for key in _NUMERIC:
            number = param.get(key)
            if (
                _number(number)
                and not is_finite(number)
                and not overflows(here.doc, (*at, key), number)
            ):
                yield here.at_value(
                    "S007",
                    f"{name}: `{key}` must be a finite number that a float can hold, "
                    f"got {shorten_number(number)}",
                    (*at, key),
                )
        low, high = param.get("min"), param.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low >= high:
            yield here.at_value(
                "V001", f"{name}: min {low} is not less than max {high}", (*at, "min")
            )
        if kind == "categorical_w_probabilities":
            yield from _probabilities(here, param, at)
        if kind in DEPRECATED:
            yield _deprecated(here, kind, low, high, (*at, "distribution"))
        if grid and kind not in GRID_OK:
            yield here.at_key(
                "W003",
                f"`method: grid` needs discrete parameters; `{name}` is `{kind}`",
                at,
                hint="use `values`, `value`, `int_uniform` or `q_uniform`",
            )


def _deprecated(here: Locator, kind: str, low: Any, high: Any, at: JsonPath) -> Diagnostic:
    message = (
        f"`{kind}` is deprecated: its min and max are natural-log exponents, and W&B reports "
        "it as a violation"
    )
    real = exponent_range(kind, low, high) if _number(low) and _number(high) else None
    if real is None:
        return here.at_value("W002", message, at, hint=f"use `{kind}_values` with real bounds")
    as_meant = f"min {real[0]:.6g}, max {real[1]:.6g}"
    real_looking = looks_like_real_values(low, high)
    fix = _as_values(here, kind, real, at, safe=not real_looking)
    if real_looking:
        return here.at_value(
            "W002",
            f"{message}; min {low} and max {high} look like real values, but as exponents they "
            f"mean {real[0]:.6g} to {real[1]:.6g}",
            at,
            hint=f"if {low} to {high} are the values you meant, write `{kind}_values` with the "
            f"same min and max; if they are exponents, `{kind}_values` with {as_meant} "
            "(what `sweepspec convert` writes: the exponents as W&B reads them)",
            fix=fix,
        )
    return here.at_value(
        "W002",
        message,
        at,
        hint=f"use `{kind}_values` with real bounds (sweepspec convert rewrites it: {as_meant})",
        fix=fix,
    )


def _as_values(
    here: Locator, kind: str, real: tuple[float, float], at: JsonPath, *, safe: bool
) -> Fix | None:
    """The `_values` form. Safe: with the bounds W&B samples between, exp(min) and exp(max),
    the same sweep as W&B runs it. Where the bounds look like real values someone meant, the
    fix is what they meant, the `_values` form with min and max as written, which changes what
    W&B runs: unsafe."""
    param = at[:-1]
    rename = here.value_edit(at, f"{kind}_values")
    if not safe:
        title = f"write `{kind}_values`, keeping min and max as the values they look like"
        return Fix(title, (rename,), safe=False) if rename is not None else None
    edits = (
        rename,
        here.value_edit((*param, "min"), _number_text(real[0])),
        here.value_edit((*param, "max"), _number_text(real[1])),
    )
    if any(e is None for e in edits):
        return None
    title = f"write `{kind}_values` with exp(min) and exp(max), as W&B reads them"
    return Fix(title, tuple(e for e in edits if e is not None), safe)


def _probabilities(here: Locator, param: Mapping[str, Any], at: JsonPath) -> Iterator[Diagnostic]:
    values, probabilities = param.get("values"), param.get("probabilities")
    if not isinstance(values, list) or not isinstance(probabilities, list):
        return
    if len(values) != len(probabilities):
        yield here.at_value(
            "V005",
            f"{len(values)} values but {len(probabilities)} probabilities",
            (*at, "probabilities"),
        )
    elif all(map(_number, probabilities)) and not math.isclose(
        sum(probabilities), 1.0, rel_tol=1e-5, abs_tol=1e-8
    ):
        yield here.at_value(
            "V005", f"probabilities sum to {sum(probabilities):g}, not 1", (*at, "probabilities")
        )


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# YAML 1.1 (PyYAML) readings of plain scalars that YAML 1.2 (ruamel.yaml) reads otherwise: the
# spelling to suggest instead. Whether W&B does read a value otherwise is decided by PyYAML.
_PYYAML_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?")
_EXPONENT = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_NEW_OCTAL = re.compile(r"0o[0-7]+")


def _number_text(value: float) -> str:
    """A float as YAML 1.1 and 1.2 both read it: the shortest text that gives it back, with a
    dot before any exponent."""
    text = repr(value)
    return _spelling(text, value) if "e" in text else text


def _spelling(text: str, meant: Any) -> str:
    """How to write ``meant`` (the YAML 1.2 reading of ``text``) so that YAML 1.1 agrees."""
    if _EXPONENT.fullmatch(text) and not _PYYAML_FLOAT.fullmatch(text):
        mantissa, _, exponent = text.lower().partition("e")
        return f"{mantissa if '.' in mantissa else mantissa + '.0'}e" + (
            exponent if exponent[:1] in "+-" else "+" + exponent
        )
    if _OCTAL.fullmatch(text) and isinstance(meant, int):
        return text.lstrip("0") or "0"
    if _NEW_OCTAL.fullmatch(text):
        return str(int(text[2:], 8))
    return f"'{text}'" if "'" not in text else f'"{text}"'


def _wandb_reading(text: str) -> Any:
    """What W&B makes of ``text``: ``yaml.safe_load`` (wandb/cli/cli.py ``sweep``), that is
    PyYAML and YAML 1.1. ``_UNREAD`` where PyYAML refuses the file."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: no tag is constructed
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError):
        return _UNREAD


_UNREAD = object()


def _kind_of(value: Any) -> str:
    if value is None or isinstance(value, bool):
        return type(value).__name__
    if isinstance(value, datetime.date):  # ruamel.yaml's TimeStamp is PyYAML's datetime
        return "date"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else type(value).__name__


def _same(ours: Any, theirs: Any) -> bool:
    if isinstance(ours, (Mapping, list)) or isinstance(theirs, (Mapping, list)):
        return isinstance(ours, Mapping) == isinstance(theirs, Mapping)
    if _kind_of(ours) != _kind_of(theirs):
        return False
    try:
        if isinstance(ours, float) and isinstance(theirs, float):
            return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
        return bool(ours == theirs)
    except Exception:  # a value type of its own whose comparison fails: not a misreading
        return True


def _key(value: Any) -> tuple[str, Any]:
    try:
        hash(value)
    except TypeError:  # a mapping or sequence as a key (Y009 already): compared by identity
        return ("unhashable", id(value))
    return (_kind_of(value), value)


def _describe(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return f"the {'boolean' if value is not None else 'value'} {value}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value!r}"
    return kind(value)  # "a mapping", not the loader's class


@dataclass(frozen=True)
class _Misread:
    path: JsonPath
    on_key: bool
    ours: Any
    theirs: Any


# Pairs of nodes compared, at most: the document is already within the loader's limits, and
# PyYAML's reading shares aliased nodes the same way.
_MAX_COMPARED = 200_000


def _misreadings(ours: Any, theirs: Any) -> list[_Misread]:
    """Every scalar (key or value) that PyYAML reads otherwise than ruamel.yaml, in order."""
    found: list[_Misread] = []
    budget = [_MAX_COMPARED]

    def walk(a: Any, b: Any, path: JsonPath) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            return
        if type(a).__name__ == "TaggedScalar":  # `!!str 5`: ruamel keeps the tag, PyYAML the value
            a = a.value
        if isinstance(a, Mapping) and isinstance(b, Mapping):
            # keys are matched by kind and value (`1` is not `True`, though Python says so)
            left = {_key(k): k for k in b}
            unmatched = []
            for key, value in a.items():
                theirs_key = left.pop(_key(key), _UNREAD)
                if theirs_key is _UNREAD:
                    unmatched.append((key, value))
                else:
                    walk(value, b[theirs_key], (*path, key))
            # keys PyYAML read otherwise (`on:` is True): paired in the order they were written
            for (key, value), their_key in zip(unmatched, left.values(), strict=False):
                found.append(_Misread((*path, key), True, key, their_key))
                walk(value, b[their_key], (*path, key))
        elif isinstance(a, list) and isinstance(b, list):
            for index, (x, y) in enumerate(zip(a, b, strict=False)):
                walk(x, y, (*path, index))
        elif not _same(a, b):
            found.append(_Misread(path, False, a, b))

    walk(ours, theirs, ())
    return found


def _yaml11(doc: Document, here: Locator) -> Iterator[Diagnostic]:
    theirs = _wandb_reading(doc.text)
    for key in doc.extra.get("root", ()):  # a sweep under a key of a larger file
        theirs = theirs.get(key, _UNREAD) if isinstance(theirs, dict) else _UNREAD
    if theirs is _UNREAD:
        return
    found = _misreadings(doc.data, theirs)
    if not found:
        return
    # What W&B's schema says of the file as W&B reads it, beyond what it says of the file as
    # written: a misreading there makes W&B reject the sweep.
    rejected = _rejected(theirs, doc.data)
    lines = source_lines(doc.text)
    for misread in found:
        span = doc.spans.key(misread.path) if misread.on_key else doc.spans.value(misread.path)
        text = _text(lines, span) or str(misread.ours)
        their = _describe(misread.theirs)
        if misread.on_key:
            message = f"W&B reads the key `{text}` as {their} (YAML 1.1), not the string {text!r}"
        else:
            why = _rejection(rejected, misread.path)
            if why is not None:
                outcome = f" and rejects the file: {why}"
            elif "parameters" in misread.path and _passed_to_program(misread.path):
                outcome = f" and passes that to the program, not {_describe(misread.ours)}"
            else:
                outcome = f", not {_describe(misread.ours)}, and runs the sweep with that"
            message = f"W&B reads `{text}` as {their} (it loads sweeps as YAML 1.1){outcome}"
        spelled = _spelling(text, misread.ours)
        hint = f"write `{spelled}`, which YAML 1.1 and 1.2 read alike"
        place = here.at_key if misread.on_key else here.at_value
        fix = Fix(f"write `{spelled}`", (Edit(span, spelled),)) if _text(lines, span) else None
        yield place("W001", message, misread.path, hint=hint, fix=fix)


def _rejected(theirs: Any, ours: Any) -> set[tuple[JsonPath, str]]:
    """What W&B's schema finds in W&B's reading and not in the file as written."""
    if _valid()(theirs):
        return set()
    from ..schema import violations

    return violations(theirs, _validator()) - violations(ours, _validator())


def _text(lines: list[str], span: Any) -> str:
    if span.line != span.end_line or span.line > len(lines):
        return ""
    return str(lines[span.line - 1][span.column - 1 : span.end_column - 1])


def _passed_to_program(path: JsonPath) -> bool:
    """Whether the value at ``path`` is one a run receives: a constant, or an option."""
    return path[-1] == "value" or (len(path) > 1 and path[-2] == "values")


def _rejection(rejected: set[tuple[JsonPath, str]], path: JsonPath) -> str | None:
    """The message of a violation of W&B's reading at ``path``, at its parameter, or inside."""
    near = [
        (where, message)
        for where, message in rejected
        if where[: len(path)] == path
        or (path[: len(where)] == where and len(where) >= len(path) - 1)
    ]
    if not near:
        return None
    where, message = min(near, key=lambda item: (abs(len(item[0]) - len(path)), item[1]))
    field = next((str(p) for p in reversed(where) if isinstance(p, str)), "")
    return f"`{field}`: {message}" if field else message
