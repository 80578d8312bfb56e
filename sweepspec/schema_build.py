"""Build the v1 JSON Schema from the vocabulary tables.

The committed file ``schema/sweepspec-1.schema.json`` is this module's output; a test rebuilds it
and fails on any difference. Regenerate with ``python -m sweepspec.schema_build``.
"""

from __future__ import annotations

import json
import pprint
import sys
from pathlib import Path
from typing import Any

from . import atomic
from .formats import TARGET_IDS
from .vocabulary import (
    DISTRIBUTIONS,
    SCHEDULERS,
    SEARCH_ALGORITHMS,
    Component,
    Distribution,
    Option,
)

VERSION = 1
SCHEMA_ID = (
    "https://raw.githubusercontent.com/sweepspec/sweepspec/main/schema/sweepspec-1.schema.json"
)
Schema = dict[str, Any]


def _ref(name: str) -> Schema:
    return {"$ref": f"#/definitions/{name}"}


_LABEL: Schema = {
    "type": "string",
    "minLength": 1,
    "description": "Name of this parameter for engines that need one flat, unique name per "
    "parameter (hyperopt labels). Defaults to the key path joined with `/`, as Ray Tune names "
    "them; conditional branches share their parent's path.",
}


def _parse_example(dist: Distribution) -> Any:
    # The examples are flow-style YAML that is also valid JSON once the bare words are quoted;
    # parse them with ruamel at build time only.
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(dist.example)[dist.name]


def _description(dist: Distribution) -> str:
    return f"{dist.summary} {dist.semantics}\n\nWrite `{dist.signature()}`."


def _args_schema(dist: Distribution) -> Schema:
    items = [{"type": a.type, "description": a.description} for a in dist.args]
    mapping: Schema = {
        "type": "object",
        "properties": {a.name: {"type": a.type, "description": a.description} for a in dist.args},
        "required": list(dist.arg_names),
        "additionalProperties": False,
    }
    mapping["properties"]["label"] = _LABEL
    n = len(items)
    return {
        "if": {"type": "array"},
        "then": {"type": "array", "items": items, "minItems": n, "maxItems": n},
        "else": mapping,
    }


def _options_schema(dist: Distribution) -> Schema:
    options = {"type": "array", "items": _ref("parameter"), "description": "The options."}
    if dist.name == "grid_search":
        values = {"type": "array", "description": "The values, each used in turn."}
        return {
            "if": {"type": "array"},
            "then": {"type": "array"},
            "else": {
                "type": "object",
                "properties": {"values": values, "label": _LABEL},
                "required": ["values"],
                "additionalProperties": False,
            },
        }
    if dist.name == "pchoice":
        pair = {
            "type": "array",
            "items": [
                {"type": "number", "description": "Probability of this option."},
                _ref("parameter"),
            ],
            "minItems": 2,
            "maxItems": 2,
            "description": "A `[probability, option]` pair.",
        }
        probabilities = {
            "type": "array",
            "items": {"type": "number"},
            "description": "One probability per option, in the same order; they sum to 1.",
        }
        return {
            "if": {"type": "array"},
            "then": {"type": "array", "items": pair},
            "else": {
                "type": "object",
                "properties": {"options": options, "probabilities": probabilities, "label": _LABEL},
                "required": ["options", "probabilities"],
                "additionalProperties": False,
            },
        }
    return {
        "if": {"type": "array"},
        "then": {"type": "array", "items": _ref("parameter")},
        "else": {
            "type": "object",
            "properties": {"options": options, "label": _LABEL},
            "required": ["options"],
            "additionalProperties": False,
        },
    }


def distribution_schema(dist: Distribution) -> Schema:
    if dist.kind == "constant":
        body: Schema = {}
    elif dist.kind == "group":
        body = {"allOf": [_ref("group")]}
    elif dist.kind in ("categorical", "grid"):
        body = _options_schema(dist)
    else:
        body = _args_schema(dist)
    return {
        "title": f"{dist.name}: {dist.summary.rstrip('.')}",
        "description": _description(dist),
        "examples": [_parse_example(dist)],
        **body,
    }


def _snippet(dist: Distribution) -> Schema:
    """An editor snippet that writes the distribution with its example's arguments."""
    example = _parse_example(dist)
    return {
        "label": dist.name,
        "description": dist.summary,
        "body": example,
    }


def _option_schema(option: Option) -> Schema:
    schema = dict(option.schema)
    if option.has_default and option.default is None and isinstance(schema.get("type"), str):
        schema["type"] = [schema["type"], "null"]
    schema["description"] = option.description
    if option.has_default:
        schema["default"] = option.default
    return schema


def _component_schema(component: Component, kind: str) -> Schema:
    props: Schema = {"type": {"const": component.type}}
    for option in component.options:
        props[option.name] = _option_schema(option)
    what = {"search_alg": "The search algorithm", "scheduler": "The trial scheduler"}[kind]
    schema: Schema = {
        # an editor's hover on `search_alg:` shows the schema its value matched: it says which
        # key this is, and then which component
        "title": f"{kind}: {component.title}",
        "description": f"{what}: {component.title} (`{component.upstream}`). {component.summary}",
        "properties": props,
        "additionalProperties": False,
    }
    if component.required:
        schema["required"] = list(component.required)
    return schema


def _component_union(kind: str, components: tuple[Component, ...], description: str) -> Schema:
    types = [c.type for c in components]
    listing = "\n".join(f"- `{c.type}`: {c.title}. {c.summary}" for c in components)
    return {
        "type": "object",
        "description": f"{description}\n\n{listing}",
        "required": ["type"],
        "properties": {
            "type": {
                "enum": types,
                "description": f"Which {kind}.",
                "markdownEnumDescriptions": [f"{c.title}: {c.summary}" for c in components],
            }
        },
        "defaultSnippets": [
            {"label": c.type, "description": c.title, "body": {"type": c.type}} for c in components
        ],
        "allOf": [
            {
                "if": {"required": ["type"], "properties": {"type": {"const": c.type}}},
                "then": _ref(f"{kind}_{c.type}"),
            }
            for c in components
        ],
    }


def build() -> Schema:
    dist_names = [d.name for d in DISTRIBUTIONS]
    definitions: Schema = {
        "parameter": {
            "description": "A search-space entry: a distribution (a mapping with exactly one "
            "distribution key, such as `{uniform: [0, 1]}`), a nested group (any other mapping), "
            "or a constant (any other value).",
            "if": {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "propertyNames": {"enum": dist_names},
            },
            "then": _ref("distribution"),
            "else": {"if": {"type": "object"}, "then": _ref("group")},
            "defaultSnippets": [_snippet(d) for d in DISTRIBUTIONS if d.kind != "group"],
        },
        "group": {
            "type": "object",
            "description": "A nested group of parameters; the trial's config nests the same way.",
            "additionalProperties": _ref("parameter"),
        },
        "distribution": {
            "type": "object",
            "description": "A distribution: one key naming it, whose value holds its arguments.",
            "properties": {d.name: _ref(f"dist_{d.name}") for d in DISTRIBUTIONS},
        },
        "mutation": {
            "description": "A PBT mutation: a list of values (perturbed to a neighbour), a "
            "distribution (resampled), or a nested mapping of mutations.",
            "allOf": [_ref("parameter")],
        },
        "pb2_bound": {
            "description": "A PB2 bound: `[min, max]`, or a nested mapping of bounds.",
            "if": {"type": "array"},
            "then": {
                "type": "array",
                "items": [{"type": "number"}, {"type": "number"}],
                "minItems": 2,
                "maxItems": 2,
            },
            "else": {"type": "object", "additionalProperties": _ref("pb2_bound")},
        },
    }
    for dist in DISTRIBUTIONS:
        definitions[f"dist_{dist.name}"] = distribution_schema(dist)
    for component in SEARCH_ALGORITHMS:
        definitions[f"search_alg_{component.type}"] = _component_schema(component, "search_alg")
    for component in SCHEDULERS:
        definitions[f"scheduler_{component.type}"] = _component_schema(component, "scheduler")

    properties: Schema = {
        "sweepspec": {
            "type": "integer",
            "const": VERSION,
            "description": "Format version of this file. Required, and `1` for this schema.",
        },
        "name": {
            "type": "string",
            "description": "Name of the sweep (Ray Tune's experiment name).",
        },
        "description": {"type": "string", "description": "Free text describing the sweep."},
        "program": {
            "type": "string",
            "minLength": 1,
            "description": "What each trial runs: a script path such as `train.py`, or "
            "`package.module:function` for a Ray Tune trainable. Ray Tune's `run_or_experiment`, "
            "W&B's `program`.",
            "examples": ["train.py", "mypkg.train:trainable"],
        },
        "metric": {
            "type": "string",
            "minLength": 1,
            "description": "The reported result to optimise, such as `val_loss`.",
            "examples": ["val_loss", "mean_accuracy"],
        },
        "mode": {
            "enum": ["min", "max"],
            "description": "Whether `metric` is minimised or maximised.",
        },
        "num_samples": {
            "type": "integer",
            "minimum": -1,
            "default": 1,
            "description": "Number of trials to sample; -1 means no limit (stop with "
            "`time_budget_s`). With `grid_search` parameters, the whole grid is repeated this "
            "many times.",
        },
        "max_concurrent_trials": {
            "type": "integer",
            "minimum": 1,
            "description": "Upper limit on trials running at once.",
        },
        "time_budget_s": {
            "type": "number",
            "exclusiveMinimum": 0,
            "description": "Stop the whole sweep after this many seconds.",
        },
        "stop": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {"type": "number"},
            "description": "Stop a trial once a reported result reaches a value, e.g. "
            "`{training_iteration: 100}` (Ray Tune's `RunConfig(stop=...)`).",
            "examples": [{"training_iteration": 100}],
        },
        "resources_per_trial": {
            "type": "object",
            "description": "Resources each trial reserves; other keys are custom Ray resources.",
            "properties": {
                "cpu": {"type": "number", "minimum": 0, "description": "CPUs per trial."},
                "gpu": {"type": "number", "minimum": 0, "description": "GPUs per trial."},
                "memory": {"type": "number", "minimum": 0, "description": "Memory in bytes."},
            },
            "additionalProperties": {"type": "number", "minimum": 0},
            "examples": [{"cpu": 2, "gpu": 1}],
        },
        "targets": {
            "type": "array",
            "items": {"enum": list(TARGET_IDS)},
            "uniqueItems": True,
            "description": "Formats this sweep must convert to; `sweepspec check` then reports "
            "every feature they cannot express.",
        },
        "search_alg": _component_union(
            "search_alg",
            SEARCH_ALGORITHMS,
            "The search algorithm and its options (Ray Tune searcher names and defaults).",
        ),
        "scheduler": _component_union(
            "scheduler",
            SCHEDULERS,
            "The trial scheduler and its options (Ray Tune scheduler names and defaults).",
        ),
        "param_space": {
            "type": "object",
            "description": "The search space: parameter name to distribution, nested group or "
            "constant (Ray Tune's `param_space`, W&B's `parameters`, a hyperopt space).",
            "additionalProperties": _ref("parameter"),
            "examples": [
                {"lr": {"loguniform": [1e-5, 1e-1]}, "activation": {"choice": ["relu", "tanh"]}}
            ],
        },
    }
    return _for_editors(
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": SCHEMA_ID,
            "title": "sweepspec v1",
            "defaultSnippets": [
                {
                    "label": "New sweep",
                    "description": "A sweep: the version, what to optimise, and a search space.",
                    "body": {
                        "sweepspec": VERSION,
                        "metric": "${1:val_loss}",
                        "mode": "${2|min,max|}",
                        "num_samples": 20,
                        "param_space": {"lr": {"loguniform": [1.0e-5, 1.0e-1]}},
                    },
                }
            ],
            "description": "A hyperparameter sweep: search space, search algorithm, scheduler and "
            "run settings, in Ray Tune's vocabulary. See the sweepspec documentation.",
            "type": "object",
            "required": ["sweepspec", "param_space"],
            "properties": properties,
            "patternProperties": {
                "^x-[a-z][a-z0-9-]*$": {
                    "description": "Keys of one format that the spec does not model, carried "
                    "through conversions unchanged, e.g. `x-wandb: {project: ..., command: "
                    "[...]}`."
                }
            },
            "additionalProperties": False,
            "definitions": definitions,
        }
    )


# Keys whose values are schemas (a node's children), for the editor pass.
_CHILDREN = ("properties", "patternProperties", "definitions")
_SUBSCHEMAS = ("additionalProperties", "items", "if", "then", "else", "not", "propertyNames")
_LISTS = ("allOf", "anyOf", "oneOf", "items")


def _for_editors(schema: Schema) -> Schema:
    """Every node that describes itself gets a `title` (its key, where it has none, so that a
    hover is headed by what is under the cursor, not by the file's title) and a
    `markdownDescription` (the description, which is Markdown: editors render its code)."""

    def walk(node: Any, key: str | None) -> None:
        if not isinstance(node, dict):
            return
        if "description" in node:
            node.setdefault("markdownDescription", node["description"])
            if key is not None:
                node.setdefault("title", key)
        for field in _CHILDREN:
            for name, child in node.get(field, {}).items():
                walk(child, name if field != "patternProperties" else None)
        for field in _SUBSCHEMAS:
            if isinstance(node.get(field), dict):
                walk(node[field], None)
        for field in _LISTS:
            if isinstance(node.get(field), list):
                for child in node[field]:
                    walk(child, None)

    walk(schema, None)
    return schema


def render() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


VALIDATION_MODULE = Path(__file__).with_name("_schema_v1.py")


def render_validation() -> str:
    """``sweepspec/_schema_v1.py``: the schema without its annotations, as Python data, which
    `check` loads without the json module (``schemafile.validation_schema``)."""
    from .schemafile import without_annotations

    data = pprint.pformat(without_annotations(build()), width=99, sort_dicts=False)
    return (
        '"""The v1 schema as validators use it, without the annotations for editors: generated\n'
        "by `python -m sweepspec.schema_build` from the same tables as\n"
        "schema/sweepspec-1.schema.json. Do not edit; tests/test_schema.py fails when it drifts.\n"
        '"""\n\n'
        "from __future__ import annotations\n\n"
        "TYPE_CHECKING = False\n"
        "if TYPE_CHECKING:\n"
        "    from typing import Any\n\n"
        f"SCHEMA: dict[str, Any] = {data}\n"
    )


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schema/sweepspec-1.schema.json")
    atomic.write_text(target, render())
    atomic.write_text(VALIDATION_MODULE, render_validation())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
