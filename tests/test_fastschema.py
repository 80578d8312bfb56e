"""The fast path for valid specs (``sweepspec.fastschema``) gives jsonschema's verdict.

``check`` asks fastschema first, and only a document it calls invalid goes to jsonschema, which
finds and places the errors. So fastschema may never call valid what jsonschema does not; these
tests hold the two to the same verdict, on every bundled file and on generated and mutated specs
(SWEEPSPEC_FASTSCHEMA_EXAMPLES sets how many: a derandomised few hundred in CI, thousands for
a local run), and show that every finding still comes from jsonschema.
"""

from __future__ import annotations

import copy
import math
import os
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import EXAMPLES, ROOT, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import _utils as jsonschema_utils

import sweepspec
from sweepspec import fastschema
from sweepspec.loader import load_bytes, load_text
from sweepspec.schema import schema_diagnostics, validator
from sweepspec.schemafile import string_keyed, validation_schema
from sweepspec.vocabulary import SCHEDULERS, SEARCH_ALGORITHMS, Option
from sweepspec.yamlio import dump

COUNT = int(os.environ.get("SWEEPSPEC_FASTSCHEMA_EXAMPLES", "300"))
PROPERTY = settings(
    max_examples=COUNT,
    deadline=None,
    derandomize=os.environ.get("SWEEPSPEC_HYPOTHESIS_RANDOM") != "1",
    database=None,
    suppress_health_check=list(HealthCheck),
)


def full_verdict(data: Any) -> bool:
    return not any(True for _ in validator().iter_errors(string_keyed(data)))


def assert_same_verdict(data: Any) -> bool:
    fast, full = fastschema.valid(data), full_verdict(data)
    assert fast == full, f"fastschema says {fast}, jsonschema says {full} for {data!r}"
    return full


def test_the_shipped_schema_compiles() -> None:
    """Else every document would silently go the slow way (and this is how a keyword that
    fastschema does not implement shows up when the schema starts to use it)."""
    assert fastschema.predicate() is not None


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "maxLength": 3},
        {"oneOf": [{"type": "string"}]},
        {"type": "strange"},
        {"properties": {"a": {"format": "email"}}},
    ],
    ids=["maxLength", "oneOf", "unknown type", "nested format"],
)
def test_a_keyword_it_does_not_implement_is_refused(schema: dict[str, Any]) -> None:
    with pytest.raises(fastschema.Unsupported):
        fastschema.compile_schema(schema)
    lazily = fastschema.compile_schema(schema, lazy=True)  # refused when a value reaches it
    with pytest.raises(fastschema.Unsupported):
        lazily({"a": "b@c"})


def _bundled() -> list[Path]:
    roots = [EXAMPLES, ROOT / "tests"]
    files = sorted({p for root in roots for p in (*root.rglob("*.yaml"), *root.rglob("*.yml"))})
    corpus = SHARED / "corpus"
    if corpus.is_dir():
        files += sorted(corpus.rglob("*.yaml"))
    return [f for f in files if ".hypothesis" not in f.parts]


def test_every_bundled_file_gets_jsonschemas_verdict() -> None:
    """Every example and fixture (and the shared corpus where it is beside the checkout), as
    the spec schema sees it: specs, broken specs, and other formats' files (all invalid)."""
    valid = invalid = 0
    for path in _bundled():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for comments in (False, True):  # the plain path's types, and ruamel.yaml's
            doc = load_text(text, str(path), comments=comments)
            if doc.fatal or not isinstance(doc.data, dict):
                continue
            if assert_same_verdict(doc.data):
                valid += 1
            else:
                invalid += 1
    assert valid > 50 and invalid > 50  # both verdicts are exercised


# --- generated specs ----------------------------------------------------------------------


def _value_for(schema: dict[str, Any], draw: st.DrawFn) -> Any:
    """A value for an option's (small) schema, most often one it accepts."""
    if "enum" in schema:
        return draw(st.sampled_from(schema["enum"]))
    kinds = schema.get("type", "string")
    kind = draw(st.sampled_from(kinds if isinstance(kinds, list) else [kinds]))
    low = schema.get("minimum", schema.get("exclusiveMinimum", -1000))
    high = schema.get("maximum", 1000)
    if kind == "integer":
        return draw(st.integers(math.floor(low), math.floor(high)))
    if kind == "number":
        return draw(st.floats(low, high, allow_nan=False))
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "null":
        return None
    if kind == "array":
        return draw(st.lists(st.integers(0, 5), max_size=3))
    if kind == "object":
        return draw(st.dictionaries(strategies.names, st.integers(0, 5), max_size=2))
    return draw(strategies.names)


def _options(draw: st.DrawFn, options: tuple[Option, ...]) -> dict[str, Any]:
    chosen = draw(st.lists(st.sampled_from(range(len(options))), unique=True)) if options else []
    return {options[i].name: _value_for(options[i].schema, draw) for i in chosen}


@st.composite
def component_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs with any search algorithm and scheduler, and options drawn from their schemas."""
    spec: dict[str, Any] = {"sweepspec": 1, "metric": "loss", "mode": "min"}
    search = draw(st.sampled_from(SEARCH_ALGORITHMS))
    spec["search_alg"] = {"type": search.type, **_options(draw, search.options)}
    if draw(st.booleans()):
        scheduler = draw(st.sampled_from(SCHEDULERS))
        spec["scheduler"] = {"type": scheduler.type, **_options(draw, scheduler.options)}
    spec["param_space"] = {"lr": {"loguniform": [1e-5, 1e-1]}}
    if draw(st.booleans()):
        spec["targets"] = draw(
            st.lists(st.sampled_from(["tune", "wandb", "hyperopt", "optuna", "nni"]), max_size=3)
        )
    return spec


def _example_specs() -> list[Any]:
    specs = []
    for path in sorted((EXAMPLES / "spec").glob("*.yaml")):
        doc = load_text(path.read_text(encoding="utf-8"), str(path), comments=False)
        if not doc.fatal:
            specs.append(doc.data)
    return specs


valid_specs = st.one_of(
    strategies.wandb_specs(),
    strategies.legacy_specs(),
    strategies.hyperopt_specs(),
    strategies.tune_specs(),
    strategies.optuna_specs(),
    component_specs(),
    st.sampled_from(_example_specs()),
)

_ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.sampled_from([0, -1, 1e309, -1e309, 0.5, 1.0, 10**20, math.nan, "", "1", "x"]),
    st.floats(allow_nan=True),
    strategies.names,
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(strategies.names, st.integers(0, 3), max_size=2),
)
_KNOWN_KEYS = sorted(
    {
        *validation_schema()["properties"],
        "uniform",
        "choice",
        "grid_search",
        "values",
        "label",
        "type",
        "q",
        "x-tune",
    }
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*path, index))
    return out


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def mutate(spec: Any, draw: st.DrawFn) -> Any:
    """``spec`` with one to three changes at random places: a value of another type or out of
    range, a key deleted, renamed or added, a list item repeated or dropped."""
    spec = copy.deepcopy(spec)
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(spec)
        path = draw(st.sampled_from(paths))
        target = _at(spec, path)
        action = draw(
            st.sampled_from(["replace", "delete", "rename", "add", "repeat", "empty", "bool"])
        )
        if not path:
            action = "add"
        parent = _at(spec, path[:-1]) if path else None
        if action == "replace":
            parent[path[-1]] = draw(_ODD_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(_KNOWN_KEYS))] = parent.pop(path[-1])
        elif action == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(_KNOWN_KEYS))] = draw(_ODD_VALUES)
        elif action == "repeat" and isinstance(target, list) and target:
            target.append(copy.deepcopy(target[0]))
        elif action == "empty" and isinstance(target, (list, dict)):
            target.clear()
        elif action == "bool" and parent is not None:
            parent[path[-1]] = draw(st.booleans())
    return spec


@PROPERTY
@given(valid_specs)
def test_generated_specs_get_jsonschemas_verdict(spec: dict[str, Any]) -> None:
    assert_same_verdict(spec)


@PROPERTY
@given(valid_specs, st.data())
def test_mutated_specs_get_jsonschemas_verdict(spec: dict[str, Any], data: st.DataObject) -> None:
    assert_same_verdict(mutate(spec, data.draw))


@settings(PROPERTY, max_examples=max(COUNT // 5, 20))
@given(valid_specs, st.data())
def test_specs_read_from_yaml_get_jsonschemas_verdict(
    spec: dict[str, Any], data: st.DataObject
) -> None:
    """The same through YAML: ruamel.yaml's types (ScalarFloat, an anchored ScalarBoolean) and
    the plain path's."""
    changed = mutate(spec, data.draw) if data.draw(st.booleans()) else spec
    text = dump(changed)
    if data.draw(st.booleans()):
        text += "x-anchor: &yes true\nx-again: *yes\n"
    for comments in (False, True):
        doc = load_text(text, comments=comments)
        if not doc.fatal:
            assert_same_verdict(doc.data)


_JSONISH = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 2.5, "a"])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("ab"), inner, max_size=2)
    ),
    max_leaves=6,
)


@PROPERTY
@given(_JSONISH, _JSONISH, st.lists(_JSONISH, max_size=4))
def test_equality_and_uniqueness_are_jsonschemas(one: Any, two: Any, items: list[Any]) -> None:
    """enum, const and uniqueItems compare as jsonschema does: True is not 1, 1 is 1.0."""
    assert fastschema.equal(one, two) == jsonschema_utils.equal(one, two)
    assert fastschema.unique(items) == jsonschema_utils.uniq(items)


# --- every finding comes from jsonschema ----------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted((EXAMPLES / "invalid").glob("*.yaml")) + sorted((EXAMPLES / "spec").glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_the_findings_are_jsonschemas(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check`` reports what it reports with jsonschema asked about every file: the fast
    path only ever skips jsonschema where jsonschema has nothing to say."""
    doc = load_bytes(path.read_bytes(), str(path), comments=False)
    if not doc.fatal and fastschema.valid(doc.data):
        assert list(schema_diagnostics(doc)) == []
    fast = sweepspec.check_file(path)
    monkeypatch.setattr(fastschema, "valid", lambda data, version=1: False)
    assert sweepspec.check_file(path) == fast


# --- W&B's schema, which `check` asks the same way of W&B sweep files ------------------------


def wandb_verdicts(data: Any) -> tuple[bool, bool]:
    from sweepspec.checks.wandb import _valid, _validator

    full = not any(True for _ in _validator().iter_errors(string_keyed(data)))
    return _valid()(data), full


def assert_same_wandb_verdict(data: Any) -> bool:
    fast, full = wandb_verdicts(data)
    assert fast == full, f"fastschema says {fast}, jsonschema says {full} for {data!r}"
    return full


def _wandb_files() -> list[Any]:
    documents = []
    for path in _bundled():
        doc = load_bytes(path.read_bytes(), str(path), comments=False)
        if not doc.fatal and isinstance(doc.data, dict) and "sweepspec" not in doc.data:
            documents.append(doc.data)
    return documents


def test_every_bundled_file_gets_jsonschemas_verdict_under_wandbs_schema() -> None:
    valid = sum(assert_same_wandb_verdict(data) for data in _wandb_files())
    assert valid > 10


_WANDB_KEYS = sorted(
    {
        "method",
        "metric",
        "parameters",
        "distribution",
        "min",
        "max",
        "values",
        "value",
        "probabilities",
        "q",
        "mu",
        "sigma",
        "early_terminate",
        "run_cap",
        "program",
        "command",
        "name",
        "goal",
        "type",
        "eta",
        "min_iter",
    }
)


@PROPERTY
@given(st.sampled_from(_wandb_files()), st.data())
def test_mutated_wandb_files_get_jsonschemas_verdict(data: Any, draw: st.DataObject) -> None:
    mutated = mutate(data, draw.draw)
    # and keys W&B's schema knows, at random places
    paths = [p for p in _paths(mutated) if isinstance(_at(mutated, p), dict)]
    if paths and draw.draw(st.booleans()):
        target = _at(mutated, draw.draw(st.sampled_from(paths)))
        target[draw.draw(st.sampled_from(_WANDB_KEYS))] = draw.draw(_ODD_VALUES)
    assert_same_wandb_verdict(mutated)


@settings(PROPERTY, max_examples=max(COUNT // 5, 20))
@given(strategies.wandb_specs())
def test_wandb_files_written_from_specs_get_jsonschemas_verdict(spec: dict[str, Any]) -> None:
    from sweepspec.convert import convert_document

    written = convert_document(load_text(dump(spec)), "wandb").text
    assert written is not None
    assert assert_same_wandb_verdict(load_text(written, comments=False).data)
