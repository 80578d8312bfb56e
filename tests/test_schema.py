from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from conftest import ROOT

from sweepspec import check_text
from sweepspec.schema import load_schema, schema_file
from sweepspec.schema_build import SCHEMA_ID, build, render
from sweepspec.vocabulary import DISTRIBUTIONS, SCHEDULERS, SEARCH_ALGORITHMS

SCHEMA_PATH = ROOT / "schema" / "sweepspec-1.schema.json"


def test_committed_schema_is_built_from_the_vocabulary() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), (
        "schema/sweepspec-1.schema.json drifted: run `python -m sweepspec.schema_build`"
    )


def test_the_validation_copy_is_built_from_the_vocabulary_too() -> None:
    """sweepspec/_schema_v1.py (what `check` validates with, loaded without json) is the
    committed schema without its annotations."""
    from sweepspec._schema_v1 import SCHEMA
    from sweepspec.schema_build import VALIDATION_MODULE, render_validation
    from sweepspec.schemafile import without_annotations

    assert VALIDATION_MODULE.read_text(encoding="utf-8") == render_validation(), (
        "sweepspec/_schema_v1.py drifted: run `python -m sweepspec.schema_build`"
    )
    assert without_annotations(load_schema()) == SCHEMA


def test_schema_is_valid_draft_07_with_a_versioned_id() -> None:
    schema = build()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["$id"] == SCHEMA_ID and "sweepspec-1" in SCHEMA_ID
    jsonschema.Draft7Validator.check_schema(schema)


def test_runtime_loads_the_committed_schema() -> None:
    assert load_schema() == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema_file().name == "sweepspec-1.schema.json"


def _properties(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{where}/properties/{name}", sub
        for key, sub in node.items():
            yield from _properties(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for index, sub in enumerate(node):
            yield from _properties(sub, f"{where}/{index}")


def test_every_property_has_a_description() -> None:
    schema = build()
    definitions = schema["definitions"]

    def described(sub: dict[str, Any]) -> bool:
        if "$ref" in sub:  # draft-07 ignores siblings of $ref: the target carries it
            return "description" in definitions[sub["$ref"].rsplit("/", 1)[-1]]
        return "description" in sub

    missing = [
        where
        for where, sub in _properties(schema)
        # `type: {const: X}` inside a component branch repeats the enum the parent describes
        if not described(sub) and not where.endswith("/properties/type")
    ]
    assert missing == []


def test_every_definition_has_a_description() -> None:
    missing = [name for name, sub in build()["definitions"].items() if "description" not in sub]
    assert missing == []


def test_vocabulary_is_complete() -> None:
    schema = build()
    names = {d.name for d in DISTRIBUTIONS}
    hyperopt = {
        "choice",
        "randint",
        "pchoice",
        "uniform",
        "uniformint",
        "quniform",
        "loguniform",
        "qloguniform",
        "normal",
        "qnormal",
        "lognormal",
        "qlognormal",
    }
    tune_only = {"qrandint", "lograndint", "qlograndint", "grid_search"}
    wandb_only = {"beta", "qbeta", "invloguniform"}
    assert hyperopt | tune_only | wandb_only <= names
    assert set(schema["definitions"]["distribution"]["properties"]) == names
    search = {c.type for c in SEARCH_ALGORITHMS}
    assert {
        "hyperopt",
        "variant_generator",
        "bayesopt",
        "nevergrad",
        "skopt",
        "ax",
        "bohb",
        "optuna",
        "hebo",
        "zoopt",
    } == search
    schedulers = {c.type for c in SCHEDULERS}
    assert {
        "fifo",
        "async_hyperband",
        "hyperband",
        "hb_bohb",
        "median_stopping_rule",
        "pbt",
        "pb2",
    } == schedulers


@pytest.mark.parametrize(
    ("component", "option", "default"),
    [
        ("search_alg_hyperopt", "n_initial_points", 20),
        ("search_alg_hyperopt", "gamma", 0.25),
        ("search_alg_bayesopt", "random_state", 42),
        ("search_alg_hebo", "max_concurrent", 8),
        ("search_alg_zoopt", "algo", "asracos"),
        ("scheduler_async_hyperband", "max_t", 100),
        ("scheduler_async_hyperband", "reduction_factor", 4),
        ("scheduler_hyperband", "max_t", 81),
        ("scheduler_median_stopping_rule", "grace_period", 60.0),
        ("scheduler_pbt", "perturbation_factors", [1.2, 0.8]),
        ("scheduler_pb2", "quantile_fraction", 0.25),
    ],
)
def test_defaults_follow_ray(component: str, option: str, default: Any) -> None:
    assert build()["definitions"][component]["properties"][option]["default"] == default


def _one(text: str) -> tuple[str, int, int, str | None]:
    (d,) = check_text(text, "t.yaml")
    return d.code, d.line, d.column, d.hint


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    text = "sweepspec: 1\nparam_space:\n  a:\n    b:\n      c: {normal: {mu: 0, sigmaa: 1}}\n"
    d = check_text(text, "t.yaml")
    # the misspelling is one finding: no second "missing `sigma`" for the same typo
    assert [(x.code, x.line, x.column) for x in d] == [("S003", 5, 27)]
    assert d[0].hint == "did you mean `sigma`?"


def test_missing_key_without_a_lookalike_is_reported_at_the_parent_key() -> None:
    d = check_text("sweepspec: 1\nparam_space:\n  a:\n    normal: {mu: 0}\n", "t.yaml")
    assert [(x.code, x.line, x.column, x.message) for x in d] == [
        ("S004", 4, 5, "missing key `sigma` in `param_space.a.normal`")
    ]


def test_missing_top_level_key_is_reported_at_the_document_start() -> None:
    assert _one("# c\nsweepspec: 1\nname: x\n")[:3] == ("S004", 2, 1)


def test_wrong_type_is_reported_at_the_value() -> None:
    code, line, column, _ = _one("sweepspec: 1\nparam_space:\n  lr: {uniform: 0.5}\n")
    assert (code, line, column) == ("S005", 3, 17)


def test_date_in_a_string_field_is_explained() -> None:
    (d,) = check_text("sweepspec: 1\ndescription: 2024-01-01\nparam_space: {}\n")
    assert d.code == "S005" and "date" in (d.hint or "")


def test_x_passthrough_keys_are_allowed() -> None:
    text = "sweepspec: 1\nx-wandb: {project: p, command: [a]}\nparam_space: {a: 1}\n"
    assert check_text(text) == []
