"""NNI search spaces and experiment configs, read (issue 20): every NNI type, nested choices
and the experiment keys come into the spec with NNI's semantics, what cannot be read is named
at its line, and what the spec's sampler draws for a space read from NNI lies inside NNI's
documented support (microsoft/nni docs/source/hpo/search_space.rst)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import ROOT, write
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from sweepspec.check import check_file
from sweepspec.convert import convert_file
from sweepspec.formats.nni import TYPES
from sweepspec.loader import load_text
from sweepspec.meaning import plain
from sweepspec.sample import configurations

NNI = ROOT / "docs" / "examples" / "nni"


def _read(name: str) -> tuple[dict[str, Any], list[Any]]:
    result = convert_file(NNI / name, "spec")
    assert result.text is not None, result.diagnostics
    return plain(load_text(result.text).data), result.diagnostics


def test_every_nni_type_reads_as_the_spec_distribution_with_the_same_values() -> None:
    spec, found = _read("search_space.json")
    assert found == []
    assert spec["param_space"] == {
        "optimizer": {"choice": ["sgd", "adam", "rmsprop"]},
        "batch_size": {"choice": [16, 32, 64, 128]},
        "learning_rate": {"loguniform": [0.0001, 0.1]},
        "dropout_rate": {"uniform": [0.1, 0.5]},
        "hidden_size": {"quniform": [64, 1024, 64]},
        "seed": {"randint": [0, 10000]},
        "momentum": {"normal": [0.9, 0.02]},
        "warmup_steps": {"qnormal": [500, 100, 10]},
        "weight_decay": {"lognormal": [-9.0, 1.0]},
        "grad_clip": {"qlognormal": [0.0, 0.5, 0.1]},
        "embedding_dim": {"qloguniform": [16, 512, 16]},
    }


def test_a_nested_choice_keeps_its_options_and_their_names() -> None:
    spec, _ = _read("nested_search_space.json")
    layer = spec["param_space"]["layer0"]["choice"]
    assert [option["_name"] for option in layer] == ["Empty", "Conv", "Max_pool", "Avg_pool"]
    assert layer[1]["kernel_size"] == {"choice": [1, 2, 3, 5]}
    assert spec["param_space"]["batch_size"] == {"randint": [16, 129]}


def test_an_experiment_config_gives_the_settings_and_carries_the_rest() -> None:
    spec, found = _read("config.yml")
    assert found == []
    assert {k: spec[k] for k in ("name", "program", "metric", "mode")} == {
        "name": "mnist-tpe",
        "program": "mnist.py",
        "metric": "default",
        "mode": "max",
    }
    assert (spec["num_samples"], spec["max_concurrent_trials"], spec["time_budget_s"]) == (
        50,
        2,
        3600,
    )
    assert spec["search_alg"] == {"type": "hyperopt"}
    assert spec["scheduler"] == {
        "type": "median_stopping_rule",
        "time_attr": "training_iteration",
        "grace_period": 5,
    }
    # a local training service is the spec's own default (the writer writes it back)
    assert spec["x-nni"] == {
        "trialCodeDirectory": ".",
        "trialGpuNumber": 0,
        "searchSpaceFile": "search_space.json",
    }
    assert set(spec["param_space"]) == set(_read("search_space.json")[0]["param_space"])


def test_an_inline_config_keeps_its_comments_and_carries_what_the_spec_cannot_run() -> None:
    result = convert_file(NNI / "inline_config.yaml", "spec")
    assert result.text is not None
    assert "lr: {loguniform: [0.0001, 0.1]}     # real-space bounds in NNI" in result.text
    assert "#   _type: uniform" in result.text  # the commented-out parameter
    spec = plain(load_text(result.text).data)
    assert spec["x-nni"]["tuner"]["name"] == "Anneal"
    assert spec["x-nni"]["trialCommand"] == "python model.py --epochs 10"
    (note,) = result.diagnostics
    assert (note.code, note.line) == ("X004", 19) and "Anneal" in note.message


def test_mistakes_are_named_at_their_lines_and_the_rest_is_read() -> None:
    found = [(d.line, d.column, d.code) for d in check_file(NNI / "mistakes.json")]
    assert found == [
        (3, 46, "X003"),
        (4, 24, "X003"),
        (5, 5, "X003"),
        (6, 46, "X004"),
        (7, 5, "X003"),
        (8, 61, "X003"),  # a key beside `_type` and `_value`
    ]
    spec, _ = _read("mistakes.json")
    assert set(spec["param_space"]) == {"lr", "steps", "momentum"}


def test_a_missing_search_space_file_is_named_at_its_key(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        "config.yml",
        "searchSpaceFile: nowhere.json\ntrialCommand: python3 train.py\n"
        "tuner:\n  name: TPE\n  classArgs:\n    optimize_mode: minimize\n",
    )
    result = convert_file(config, "spec")
    (problem,) = [d for d in result.diagnostics if d.code == "X003"]
    assert (problem.line, problem.column) == (1, 1) and "nowhere.json" in problem.message


def _inside_nni(kind: str, args: list[Any], value: Any) -> bool:
    """NNI's documented support of each type."""
    if kind == "choice":
        return value in args
    if kind == "randint":
        return isinstance(value, int) and args[0] <= value < args[1]
    if kind in ("uniform", "loguniform"):
        return args[0] <= value <= args[1]
    if kind in ("quniform", "qloguniform"):  # clip(round(x / q) * q, low, high)
        on_step = math.isclose(value / args[2], round(value / args[2]), abs_tol=1e-9)
        return args[0] <= value <= args[1] and (on_step or value in args[:2])
    if kind == "normal":
        return math.isfinite(value)
    if kind == "qnormal":
        return math.isclose(value / args[2], round(value / args[2]), abs_tol=1e-9)
    if kind == "lognormal":
        return value > 0
    if kind == "qlognormal":
        return value >= 0 and math.isclose(value / args[2], round(value / args[2]), abs_tol=1e-9)
    raise ValueError(kind)


@pytest.mark.parametrize("name", ["search_space.json", "mistakes.json"])
def test_what_the_spec_draws_lies_inside_nnis_support(name: str) -> None:
    import json

    raw = json.loads((NNI / name).read_text())
    spec, found = _read(name)
    clipped = {d.path[0] for d in found if d.code == "X004"}
    outside: dict[str, int] = {}
    for config in configurations(spec, 2000, seed=5):
        for key, value in config.items():
            entry = raw[key]
            if not _inside_nni(entry["_type"], entry["_value"], value):
                outside[key] = outside.get(key, 0) + 1
    # only a parameter the reader noted (NNI clips, the spec rounds past the bound) leaves it
    assert set(outside) == clipped
    if name == "mistakes.json":
        assert outside["steps"] > 0  # the note is needed: 5 rounds to 0, below NNI's bound


# --- writing -------------------------------------------------------------------------------

BUNDLED = [
    *sorted((ROOT / "docs" / "examples" / "spec").glob("*.yaml")),
    *sorted((ROOT / "docs" / "examples" / "run").glob("*.yaml")),
    NNI / "sweep.yaml",
]


def _written(path: Path, tmp: Path) -> tuple[str, list[Any], str | None]:
    result = convert_file(path, "nni")
    assert result.text is not None
    config = write(tmp, f"{path.stem}-nni.yml", result.text)
    # best effort: a spec that comes back without its labels (or its suppression comments)
    # may not check clean, and what comes back is what is compared
    return result.text, result.diagnostics, convert_file(config, "spec", best_effort=True).text


def test_a_spec_nni_can_hold_comes_back_byte_identical(tmp_path: Path) -> None:
    path = NNI / "sweep.yaml"
    text, found, back = _written(path, tmp_path)
    assert back == path.read_text()
    assert not [d for d in found if d.code == "X001"]
    assert "epochs: {_type: randint, _value: [5, 21]}" in text
    assert "# the optimiser and its own step size" in text  # comments go along


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_what_does_not_come_back_is_named(tmp_path: Path, path: Path) -> None:
    """Every change a round trip through NNI makes is an X001 at its line, but for the
    concurrency NNI needs, which the X004 note names."""
    _, found, back = _written(path, tmp_path)
    assert back is not None
    original = plain(load_text(path.read_text()).data)
    returned = plain(load_text(back).data)
    if "max_concurrent_trials" not in original:
        assert returned.pop("max_concurrent_trials") == 1
        assert any("trialConcurrency" in d.message for d in found if d.code == "X004")
    losses = [d for d in found if d.code == "X001"]
    from sweepspec.losses import lost_paths

    assert bool(lost_paths(original, returned)) == bool(losses)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_what_the_spec_draws_lies_inside_the_written_nni_support(
    tmp_path: Path, path: Path
) -> None:
    """Each parameter written to NNI: what the spec's sampler draws for it lies inside the
    support NNI documents for the type it is written as (quantised types whose bounds are not
    multiples of q are the `partial` rows, and are skipped here)."""
    text, _, _ = _written(path, tmp_path)
    space = load_text(text).data["searchSpace"]
    spec = plain(load_text(path.read_text()).data)
    checked = 0
    for config in configurations(spec, 300, seed=9):
        for key, entry in space.items():
            kind, args = entry["_type"], plain(entry["_value"])
            if kind == "choice" and any(isinstance(o, dict) for o in args):
                continue  # a nested sub-space: its options are mappings
            if kind in ("quniform", "qloguniform") and any(
                abs(b / args[2] - round(b / args[2])) > 1e-9 for b in args[:2]
            ):
                continue
            assert _inside_nni(kind, args, config[key]), (key, entry, config[key])
            checked += 1
    flat = [e for e in space.values() if not any(isinstance(o, dict) for o in e["_value"])]
    assert checked > 0 or not flat


def test_a_module_function_program_runs_through_the_trial_bridge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`convert --to nni` writes `python3 -m sweepspec.nni_trial module:function --metric m`
    for a trainable; it reads back as the same program and metric, and the bridge gives NNI
    each step as an intermediate result and the last as the final one. NNI itself is not in
    the test extras: a module with NNI's four trial functions records the calls."""
    import types

    from sweepspec import nni_trial

    text = (RUN_SPEC := ROOT / "docs" / "examples" / "run" / "quadratic.yaml").read_text()
    written = convert_file(RUN_SPEC, "nni").text
    assert written is not None
    assert "trialCommand: python3 -m sweepspec.nni_trial quadratic:objective --metric loss" in (
        written
    )
    back = plain(load_text(convert_file(write(tmp_path, "q.yml", written), "spec").text or "").data)
    original = plain(load_text(text).data)
    assert (back["program"], back["metric"]) == (original["program"], original["metric"])

    calls: list[tuple[str, Any]] = []
    fake = types.ModuleType("nni")
    fake.get_next_parameter = lambda: {"x": 3.0, "y": -1.0}  # type: ignore[attr-defined]
    fake.report_intermediate_result = lambda v: calls.append(("step", v))  # type: ignore[attr-defined]
    fake.report_final_result = lambda v: calls.append(("final", v))  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "nni", fake)
    shutil.copy(ROOT / "docs" / "examples" / "run" / "quadratic.py", tmp_path / "quadratic.py")
    monkeypatch.chdir(tmp_path)
    assert nni_trial.main(["quadratic:objective", "--metric", "loss"]) == 0
    steps = [v for kind, v in calls if kind == "step"]
    assert len(steps) == 10 and [v["default"] for v in steps] == [9 - i for i in range(10)]
    assert calls[-1] == ("final", {"loss": 0.0, "default": 0.0})


# --- random specs in NNI's subset ----------------------------------------------------------------

_NNI_TYPES = tuple(spec for spec, _ in TYPES.values())  # the reader's own table


@st.composite
def _nni_parameter(draw: st.DrawFn, depth: int = 0) -> Any:
    if draw(st.booleans()):
        name = draw(st.sampled_from(_NNI_TYPES))
        return strategies.dist(name, *draw(strategies.arguments(name, True, True)))
    options: list[Any] = draw(st.lists(strategies.scalars, min_size=1, max_size=4))
    if depth == 0 and draw(st.booleans()):  # a nested sub-space: options with `_name`
        for index in range(draw(st.integers(1, 3))):
            option = CommentedMap([("_name", f"option{index}")])
            for key in draw(st.lists(strategies.names, max_size=2, unique=True)):
                option[key] = draw(_nni_parameter(depth + 1))
            options.append(option)
        return CommentedMap([("choice", options)])
    return strategies.dist("choice", *options)


@st.composite
def nni_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs in NNI's subset, keys in the order the NNI reader writes them."""
    out: dict[str, Any] = {"sweepspec": 1}
    if draw(st.booleans()):
        out["name"] = draw(strategies.names)
    if draw(st.booleans()):
        out["program"] = draw(strategies.names) + ".py"
    out["metric"] = "default"
    out["mode"] = draw(st.sampled_from(["min", "max"]))
    if draw(st.booleans()):
        out["num_samples"] = draw(st.integers(1, 10_000))
    out["max_concurrent_trials"] = draw(st.integers(1, 16))
    if draw(st.booleans()):
        out["time_budget_s"] = draw(st.integers(1, 100_000))
    if draw(st.booleans()):
        search = strategies.flow_map(("type", "hyperopt"))
        if draw(st.booleans()):
            search["random_state_seed"] = draw(st.integers(0, 2**31))
        out["search_alg"] = search
    if draw(st.booleans()):
        out["scheduler"] = strategies.flow_map(
            ("type", "median_stopping_rule"),
            ("time_attr", "training_iteration"),
            ("grace_period", draw(st.integers(0, 50))),
        )
    space = draw(st.dictionaries(strategies.names, _nni_parameter(), min_size=1, max_size=5))
    out["param_space"] = CommentedMap(space.items())
    return out


@strategies.LAWS
@given(spec=nni_specs())
def test_spec_to_nni_to_spec_is_byte_identical(spec: dict[str, Any]) -> None:
    strategies.assert_round_trip(spec, "nni", "config.yml")
