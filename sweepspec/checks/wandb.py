"""Checks for W&B sweep files: W&B's schema and code-level rules, and YAML 1.1 misreadings.

W&B loads sweep files with PyYAML (YAML 1.1), sweepspec with ruamel.yaml (YAML 1.2); where the
two read a plain scalar differently, W&B does not see what the author wrote (``wandb-sweeps.md``
§2.7). The code-level rules are those of wandb/sweeps ``src/sweeps/config/cfg.py`` and
``src/sweeps/grid_search.py``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic, JsonPath
from ..emit import Locator
from ..formats.wandb_schema import DEPRECATED, GRID_OK, SCHEMA
from ..loader import Document
from ..schema import make_validator, schema_diagnostics
from ..sourcemap import source_lines


@functools.cache
def _validator() -> Any:
    return make_validator(SCHEMA)


def check_wandb(doc: Document) -> Iterator[Diagnostic]:
    """Every finding for a W&B sweep document."""
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
            if isinstance(number, float) and not math.isfinite(number):
                yield here.at_value(
                    "S007", f"{name}: `{key}` must be a finite number, got {number}", (*at, key)
                )
        low, high = param.get("min"), param.get("max")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low >= high:
            yield here.at_value(
                "V001", f"{name}: min {low} is not less than max {high}", (*at, "min")
            )
        if kind == "categorical_w_probabilities":
            yield from _probabilities(here, param, at)
        if kind in DEPRECATED:
            yield here.at_value(
                "W002",
                f"`{kind}` is deprecated: its min and max are natural-log exponents, and W&B "
                "reports it as a violation",
                (*at, "distribution"),
                hint=f"use `{kind}_values` with real bounds "
                f"(sweepspec convert rewrites it: min {_exp(low)}, max {_exp(high)})",
            )
        if grid and kind not in GRID_OK:
            yield here.at_key(
                "W003",
                f"`method: grid` needs discrete parameters; `{name}` is `{kind}`",
                at,
                hint="use `values`, `value`, `int_uniform` or `q_uniform`",
            )


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


def _exp(value: Any) -> str:
    return f"{math.exp(value):.6g}" if _number(value) else "?"


# YAML 1.1 (PyYAML) readings of plain scalars that YAML 1.2 (ruamel.yaml) reads otherwise.
_PYYAML_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?")
_EXPONENT = re.compile(r"[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+")
_BOOLEAN = re.compile(r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF")
_OCTAL = re.compile(r"[-+]?0[0-7_]+")
_NEW_OCTAL = re.compile(r"0o[0-7]+")
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")


def _misreading(text: str) -> tuple[str, str] | None:
    """How PyYAML reads ``text``, and what to write instead, when it differs from YAML 1.2."""
    if _EXPONENT.fullmatch(text) and not _PYYAML_FLOAT.fullmatch(text):
        mantissa, _, exponent = text.lower().partition("e")
        fixed = f"{mantissa if '.' in mantissa else mantissa + '.0'}e" + (
            exponent if exponent[:1] in "+-" else "+" + exponent
        )
        return f"the string '{text}'", fixed
    if _BOOLEAN.fullmatch(text):
        return f"the boolean {text.lower() in ('yes', 'on')}", f"'{text}'"
    if _OCTAL.fullmatch(text):
        return f"the octal number {int(text.replace('_', ''), 8)}", text.lstrip("0") or "0"
    if _NEW_OCTAL.fullmatch(text):
        return f"the string '{text}'", str(int(text[2:], 8))
    if _SEXAGESIMAL.fullmatch(text):
        return "a base-60 number", f"'{text}'"
    return None


def _yaml11(doc: Document, here: Locator) -> Iterator[Diagnostic]:
    lines = source_lines(doc.text)
    for path in doc.spans:
        if not path:
            continue
        span = doc.spans.value(path)
        if span.line != span.end_line or span.line > len(lines):
            continue
        text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
        if not text or text[0] in "'\"[{&*!|>":
            continue
        found = _misreading(text)
        if found is not None:
            meaning, fixed = found
            yield here.at_value(
                "W001",
                f"W&B reads `{text}` as {meaning} (it loads sweeps as YAML 1.1)",
                path,
                hint=f"write `{fixed}`",
            )
