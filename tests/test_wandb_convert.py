"""spec -> W&B -> spec on the bundled examples and on random specs; the W&B side is judged by
W&B's validator (sweeps 0.2.0) and by W&B's current schema (../shared/oracles)."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import VALID, need, shared_dir
from hypothesis import given, settings
from hypothesis import strategies as st

from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Severity
from sweepspec.loader import load_text
from sweepspec.losses import lost_paths
from sweepspec.sample import configurations
from sweepspec.yamlio import dump, flow_map

EXAMPLES = sorted(VALID.glob("*.yaml"))
WANDB_SUBSET = sorted(VALID.glob("wandb-*.yaml"))


def _lossless(result: Any) -> bool:
    return not any(
        d.code == "X001" and d.severity.rank >= Severity.WARNING.rank for d in result.diagnostics
    )


def test_there_are_wandb_subset_examples() -> None:
    assert len(WANDB_SUBSET) >= 2


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_spec_to_wandb_to_spec_is_byte_identical(path: Path) -> None:
    """What is not reported lost comes back, in meaning; in W&B's own subset, written in the
    form W&B's reader writes, byte for byte."""
    to_wandb = convert_file(path, "wandb")
    assert to_wandb.text is not None, to_wandb.diagnostics
    back = convert_text(to_wandb.text, "spec", "w.yaml", best_effort=True)
    assert back.text is not None
    original = load_text(path.read_text(encoding="utf-8")).data
    lost = {d.path for d in to_wandb.diagnostics if d.code == "X001"}
    assert set(lost_paths(original, load_text(back.text).data)) == lost
    if path in WANDB_SUBSET:
        assert lost == set()
        assert back.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_wandb_output_passes_wandb_or_says_why(path: Path, sweeps: Any) -> None:
    import jsonschema
    import yaml

    result = convert_file(path, "wandb")
    assert result.text is not None
    config = yaml.safe_load(result.text)  # as W&B reads it: PyYAML, YAML 1.1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        violations = sweeps.schema_violations_from_proposed_config(config)
    schema = json.loads(shared_dir("oracles", "wandb-sweep-config.schema.json").read_text())
    current = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(config)]
    if violations or current:
        # a loss, or a note on what W&B's own validators do with what was kept
        reported = [d for d in result.diagnostics if d.code in ("X001", "X004")]
        assert reported, (violations, current)
    if path in WANDB_SUBSET:
        assert current == []
        assert all("run_cap" in v for v in violations), violations


def test_convert_cli_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "s.yaml"
    source.write_text((VALID / "wandb-random.yaml").read_text())
    before = source.read_text()
    assert main(["convert", str(source), "--to", "wandb", "-o", str(source)]) == 2
    assert source.read_text() == before
    assert main(["convert", str(source), "--to", "spec", "-o", str(source), "--in-place"]) == 0
    assert source.read_text() == before
    out = tmp_path / "w.yaml"
    assert main(["convert", str(source), "--to", "wandb", "-o", str(out)]) == 0
    assert "method: random" in out.read_text()
    capsys.readouterr()


def test_convert_cli_strict_fails_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "w.yaml"
    seed = str(VALID / "seed.yaml")
    assert main(["convert", seed, "--to", "wandb", "--strict", "-o", str(out)]) == 1
    assert not out.exists()
    assert "X001" in capsys.readouterr().err
    assert main(["convert", seed, "--to", "wandb"]) == 0
    assert "method: random" in capsys.readouterr().out


# Random specs in W&B's expressible subset (tests/strategies.py; more laws on them in
# tests/test_roundtrip_props.py), written in the canonical form the reader writes.


@settings(max_examples=int(os.environ.get("SWEEPSPEC_HYPOTHESIS_EXAMPLES", "60")), deadline=None)
@given(
    space=strategies.WANDB.space(max_size=6),
    goal=st.sampled_from(["min", "max"]),
    samples=st.integers(1, 500),
)
def test_random_specs_round_trip(space: dict[str, Any], goal: str, samples: int) -> None:
    spec = {
        "sweepspec": 1,
        "program": "train.py",
        "search_alg": flow_map(("type", "variant_generator")),
        "metric": "loss",
        "mode": goal,
        "num_samples": samples,
        "param_space": space,
    }
    text = dump(spec)
    to_wandb = convert_text(text, "wandb", "s.yaml")
    assert to_wandb.text is not None, to_wandb.diagnostics
    back = convert_text(to_wandb.text, "spec", "w.yaml")
    assert back.text == text


def test_the_wandb_example_in_the_docs_is_what_convert_writes() -> None:
    written = convert_file(VALID / "wandb-grid-hyperband.yaml", "wandb").text
    assert written == (VALID.parent / "wandb" / "grid-hyperband.yaml").read_text()


# --- W&B's grid lists `int_uniform` and `q_uniform`; its `values` are literals ------------------

_Q = st.sampled_from([1, 2, 5, 100, 0.1, 0.25, 0.3, 0.5, 1.5, 1e-3])


@st.composite
def _grid_range(draw: st.DrawFn) -> dict[str, Any]:
    """An `int_uniform` or a `q_uniform` parameter of a few dozen values at most."""
    if draw(st.booleans()):
        low = draw(st.integers(-20, 20))
        param = {"min": low, "max": low + draw(st.integers(1, 30))}
        # W&B infers `int_uniform` from integer bounds when `distribution` is left out
        return {"distribution": "int_uniform", **param} if draw(st.booleans()) else param
    q = draw(_Q)
    low = draw(st.one_of(st.integers(-50, 50), st.floats(-50, 50).map(lambda f: round(f, 3))))
    steps = draw(st.one_of(st.integers(1, 40), st.floats(0.5, 40).map(lambda f: round(f, 2))))
    high = low + steps * q
    if type(low) is int and type(q) is int and int(high) > low and draw(st.booleans()):
        high = int(high)
    param: dict[str, Any] = {"distribution": "q_uniform", "min": low, "max": high}
    if q != 1 or draw(st.booleans()):
        param["q"] = q
    return param


def _spec_values(text: str, name: str) -> list[Any]:
    body = load_text(text).data["param_space"][name]
    (values,) = body.values()
    return list(values)


@pytest.mark.engine
def test_a_grid_range_becomes_the_values_wandb_runs() -> None:
    need("sweeps")
    _grid_range_law()


@strategies.LAWS
@given(param=_grid_range())
def _grid_range_law(param: dict[str, Any]) -> None:
    """W&B's grid runs `int_uniform` as range(min, max + 1) and `q_uniform` as numpy's
    arange(min, max, q) (max left out); the spec's `grid_search` lists exactly those values, of
    the same types, where it used to say `uniformint`/`quniform`, which Ray samples."""
    from sweeps.grid_search import grid_search_next_runs

    config = {"method": "grid", "parameters": {"p": param, "c": {"values": ["a"]}}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        runs = [r for r in grid_search_next_runs([], config, validate=True, n=1000) if r]
    wandb_runs = [r.config["p"]["value"] for r in runs]
    result = convert_text(dump(config), "spec", "w.yaml")
    assert result.text is not None, result.diagnostics
    if not wandb_runs:  # numpy's arange made no values: carried as sampled, and said
        assert [d.code for d in result.diagnostics] == ["X001"]
        return
    assert result.diagnostics == []
    assert "grid_search" in load_text(result.text).data["param_space"]["p"]
    ours = _spec_values(result.text, "p")
    assert sorted(ours) == sorted(wandb_runs)
    assert [isinstance(v, float) for v in sorted(ours)] == [
        isinstance(v, float) for v in sorted(wandb_runs)
    ]
    # and the spec's grid enumerates them in turn, as W&B does
    spec = load_text(result.text).data
    drawn = [c["p"] for c in configurations(spec, len(ours))]
    assert sorted(drawn) == sorted(wandb_runs)


def test_a_grid_range_too_long_to_list_is_carried_as_sampled_and_said() -> None:
    text = (
        "method: grid\nparameters:\n"
        "  seed: {distribution: int_uniform, min: 0, max: 100000}\n"
        "  c: {values: [a, b]}\n"
    )
    result = convert_text(text, "spec", "w.yaml")
    assert result.text is not None
    assert "uniformint: [0, 100000]" in result.text
    assert "method: grid" in result.text  # in x-wandb: the way back is W&B's grid again
    ((code, line, column),) = [(d.code, d.span.line, d.span.column) for d in result.diagnostics]
    assert (code, line, column) == ("X001", 3, 3)
    assert "100001 values" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "param",
    [
        "{distribution: q_uniform, min: 0.0, max: 1.0, q: 1.0e-320}",
        "{distribution: q_uniform, min: -1.0e+308, max: 1.0e+308, q: 1.0}",
        "{distribution: q_uniform, min: 0.0, max: 1.0e+308, q: 5.0e-324}",
        "{min: 0, max: 100000000000000000000000}",
    ],
)
def test_a_grid_range_no_float_can_count_is_carried_as_sampled_and_said(param: str) -> None:
    text = f"method: grid\nparameters:\n  p: {param}\n"
    result = convert_text(text, "spec", "w.yaml")
    assert result.text is not None
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code == "X001"] == [("X001", 3)]


_SPEC_WORDS = st.sampled_from(["beta", "uniform", "choice", "grid_search", "constant", "group"])
_LITERAL = st.recursive(
    st.one_of(st.integers(-3, 3), st.sampled_from(["a", "b"]), st.lists(st.integers(0, 3))),
    lambda inner: st.dictionaries(st.one_of(_SPEC_WORDS, strategies.names), inner, max_size=2),
    max_leaves=6,
)


@strategies.LAWS
@given(options=st.lists(_LITERAL, min_size=1, max_size=4, unique_by=repr))
def test_wandb_values_stay_the_literals_wandb_passes(options: list[Any]) -> None:
    """A W&B `values` option is passed to the program as it is, though it is keyed like a spec
    distribution (`{beta: [0.9, 0.999]}`) or holds one: the spec must not sample it (it read
    `{beta: ...}` as a Beta distribution), and the way back writes it as it was."""
    config = {"method": "random", "parameters": {"p": {"values": options}}}
    result = convert_text(dump(config), "spec", "w.yaml")
    assert result.text is not None, result.diagnostics
    assert [d for d in result.diagnostics if d.severity >= Severity.WARNING] == []
    spec = load_text(result.text).data
    drawn = [c["p"] for c in configurations(spec, 40, seed=1)]
    assert all(value in options for value in drawn)
    back = convert_text(result.text, "wandb", "s.yaml")
    assert back.text is not None
    assert load_text(back.text).data["parameters"]["p"]["values"] == options


def test_a_conditional_choice_says_w_and_b_would_pass_its_distributions_as_literals() -> None:
    text = (
        "sweepspec: 1\nparam_space:\n  model:\n    choice:\n"
        "      - {name: xgb, max_depth: {uniformint: {low: 2, high: 9, label: depth}}}\n"
        "      - {name: linear}\n"
    )
    result = convert_text(text, "wandb", "s.yaml")
    ((lost,),) = [[d for d in result.diagnostics if d.code == "X001"]]
    assert (lost.span.line, lost.span.column) == (3, 3)
    assert "comes back changed" in lost.message
    assert "would arrive as literal mappings, not samples" in lost.message
    assert "label" not in lost.message  # the option's label is not why
