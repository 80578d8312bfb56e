"""W&B's sweep configuration, as a draft-07 schema written from its documented rules.

Written for sweepspec from the facts in ``wandb-sweeps.md`` §2 (wandb/sweeps
``src/sweeps/config/schema.json`` at master, MIT); a test compares its verdicts with W&B's own
schema on the corpus. Each W&B distribution is a separate ``if``/``then`` branch, so an error is
reported inside the one branch that applies, never as "not valid under any of the given schemas".
"""

from __future__ import annotations

import math

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_STR: dict[str, Any] = {"type": "string"}
_NUM: dict[str, Any] = {"type": "number"}
_INT: dict[str, Any] = {"type": "integer"}
_Q = {"type": "number", "exclusiveMinimum": 0}
_POSITIVE = {"type": "number", "exclusiveMinimum": 0}
_NONNEG = {"type": "number", "minimum": 0}

# distribution -> (argument schemas, required arguments)
DISTRIBUTIONS: dict[str, tuple[dict[str, Any], tuple[str, ...]]] = {
    "constant": ({"value": {}}, ("value",)),
    "categorical": ({"values": {"type": "array", "minItems": 1}}, ("values",)),
    "categorical_w_probabilities": (
        {
            "values": {"type": "array", "minItems": 1},
            "probabilities": {"type": "array", "minItems": 1, "items": _NONNEG},
        },
        ("values", "probabilities"),
    ),
    "int_uniform": ({"min": _INT, "max": _INT}, ("min", "max")),
    "uniform": ({"min": _NUM, "max": _NUM}, ("min", "max")),
    "q_uniform": ({"min": _NUM, "max": _NUM, "q": _Q}, ("min", "max")),
    "log_uniform": ({"min": _NUM, "max": _NUM}, ("min", "max")),
    "q_log_uniform": ({"min": _NUM, "max": _NUM, "q": _Q}, ("min", "max")),
    "inv_log_uniform": ({"min": _NUM, "max": _NUM}, ("min", "max")),
    "log_uniform_values": ({"min": _POSITIVE, "max": _NUM}, ("min", "max")),
    "q_log_uniform_values": ({"min": _POSITIVE, "max": _NUM, "q": _Q}, ("min", "max")),
    "inv_log_uniform_values": ({"min": _POSITIVE, "max": _NUM}, ("min", "max")),
    "normal": ({"mu": _NUM, "sigma": _NONNEG}, ()),
    "q_normal": ({"mu": _NUM, "sigma": _NONNEG, "q": _Q}, ()),
    "log_normal": ({"mu": _NUM, "sigma": _NONNEG}, ()),
    "q_log_normal": ({"mu": _NUM, "sigma": _NONNEG, "q": _Q}, ()),
    "beta": ({"a": _NONNEG, "b": _NONNEG}, ()),
    "q_beta": ({"a": _NONNEG, "b": _NONNEG, "q": _Q}, ()),
}
DEPRECATED = ("log_uniform", "q_log_uniform", "inv_log_uniform")


def exponent_range(kind: str, low: float, high: float) -> tuple[float, float] | None:
    """The real values W&B samples between for a deprecated ``kind`` whose ``min`` and ``max``
    are natural-log exponents (``inv_log_uniform`` is exp(-U)); ``None`` past float's range."""
    try:
        if kind == "inv_log_uniform":
            return math.exp(-high), math.exp(-low)
        return math.exp(low), math.exp(high)
    except OverflowError:
        return None


# Exponents above this give values no one sweeps (e^30 is about 1e13).
_LARGEST_EXPONENT = 30


def looks_like_real_values(low: float, high: float) -> bool:
    """Whether exponent bounds of a deprecated log distribution look like real values someone
    wrote by mistake: both in (0, 1], as learning rates are (exponents there sample 1 to 2.7,
    a range no one log-samples), or exponents so large no one sweeps e to their power."""
    return (0 < low < high <= 1) or high > _LARGEST_EXPONENT


GRID_OK = ("categorical", "constant", "int_uniform", "q_uniform")


def _closed(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {"properties": properties, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    return out


def _parameter() -> dict[str, Any]:
    branches: list[dict[str, Any]] = [
        {
            "if": {"required": ["distribution"]},
            "then": {"properties": {"distribution": {"enum": list(DISTRIBUTIONS)}}},
        },
    ]
    for name, (args, required) in DISTRIBUTIONS.items():
        branches.append(
            {
                "if": {
                    "required": ["distribution"],
                    "properties": {"distribution": {"const": name}},
                },
                "then": _closed({"distribution": {}, **args}, required),
            }
        )
    inferred = {
        "if": {"required": ["parameters"]},
        "then": _closed({"parameters": {"$ref": "#/definitions/parameters"}}, ("parameters",)),
        "else": {
            "if": {"required": ["values"]},
            "then": {
                "if": {"required": ["probabilities"]},
                "then": _closed(DISTRIBUTIONS["categorical_w_probabilities"][0]),
                "else": _closed(DISTRIBUTIONS["categorical"][0]),
            },
            "else": {
                "if": {"required": ["value"]},
                "then": _closed({"value": {}}),
                "else": {
                    "if": {"anyOf": [{"required": ["min"]}, {"required": ["max"]}]},
                    "then": _closed({"min": _NUM, "max": _NUM}, ("min", "max")),
                    "else": {"required": ["distribution"]},
                },
            },
        },
    }
    branches.append({"if": {"not": {"required": ["distribution"]}}, "then": inferred})
    return {
        "type": "object",
        "description": "A W&B parameter: a distribution, values, a value, or nested parameters.",
        "allOf": branches,
    }


def _metric() -> dict[str, Any]:
    return {
        "type": "object",
        **_closed(
            {
                "name": _STR,
                "goal": {"enum": ["minimize", "maximize"]},
                "target": _NUM,
                "impute": {"enum": ["latest", "best", "worst"]},
                "impute_while_running": {"enum": ["latest", "best", "worst", "false"]},
            },
            ("name",),
        ),
    }


SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "W&B sweep configuration (as sweepspec reads it)",
    "type": "object",
    "required": ["method"],
    "properties": {
        "method": {"enum": ["random", "grid", "bayes", "custom"]},
        "parameters": {"$ref": "#/definitions/parameters"},
        "program": _STR,
        "command": {"type": "array"},
        "name": _STR,
        "description": _STR,
        "project": _STR,
        "entity": _STR,
        "job": _STR,
        "image_uri": _STR,
        "apiVersion": _STR,
        "kind": {"enum": ["sweep"]},
        "run_cap": {"type": "integer", "exclusiveMinimum": 0},
        "controller": {
            "type": "object",
            **_closed({"type": {"enum": ["local", "cloud"]}}, ("type",)),
        },
        "metric": {"$ref": "#/definitions/metric"},
        "metrics": {"type": "array", "minItems": 2, "items": {"$ref": "#/definitions/metric"}},
        "early_terminate": {
            "type": "object",
            **_closed(
                {
                    "type": {"enum": ["hyperband"]},
                    "max_iter": _INT,
                    "min_iter": {"type": "integer", "minimum": 1},
                    "s": _NUM,
                    "eta": {"type": "number", "exclusiveMinimum": 1},
                    "strict": {"type": "boolean"},
                },
                ("type",),
            ),
            "if": {"not": {"required": ["min_iter"]}},
            "then": {"required": ["max_iter", "s"]},
        },
        "scheduler": {
            "type": "object",
            **_closed(
                {
                    "engine": {"enum": ["optuna", "ax", "wandb"]},
                    "source": {},
                    "optimizer": {},
                    "search_space": {},
                },
                ("engine",),
            ),
        },
    },
    "additionalProperties": False,
    "definitions": {
        "parameters": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_.-]*$"},
            "additionalProperties": {"$ref": "#/definitions/parameter"},
        },
        "parameter": _parameter(),
        "metric": _metric(),
    },
}
