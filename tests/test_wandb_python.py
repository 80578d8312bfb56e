"""W&B sweeps written as Python dicts given to `wandb.sweep` (scripts and notebooks), read
without running them, exactly as the same sweep in a W&B YAML file reads."""

from __future__ import annotations

import math
import pprint
from pathlib import Path
from typing import Any

import pytest
import strategies
from hypothesis import HealthCheck, assume, given, settings

from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_source, convert_text
from sweepspec.diagnostics import Severity
from sweepspec.formats import WRITABLE_IDS, detect_source
from sweepspec.loader import load_text
from sweepspec.yamlio import dump

DATA = Path(__file__).parent / "data" / "wandb_python"
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"


def _spec(path: Path, **options: Any) -> tuple[Any, Any]:
    result = convert_file(path, "spec", **options)
    assert result.source_format == "wandb", result.diagnostics
    data = load_text(result.text, "s.yaml").data if result.text is not None else None
    return result, data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _findings(result: Any) -> list[tuple[int, str, str]]:
    return [(d.line, d.code, d.severity.value) for d in result.diagnostics]


def test_the_docs_example_reads_with_its_comments() -> None:
    script = EXAMPLES / "wandb-python" / "sweep.py"
    result, _ = _spec(script)
    assert result.text == (
        "sweepspec: 1\n"
        "search_alg: {type: bayesopt}  # try random too\n"
        "metric: val_loss\n"
        "mode: min\n"
        "param_space:\n"
        "  lr:\n"
        "    loguniform: [1e-5, 1e-2]\n"
        '  # "dropout": {"values": [0.1, 0.3]},\n'
        "  batch_size:\n"
        "    choice: [16, 32, 64]\n"
        "x-wandb:\n"
        "  project: demo\n"
    )
    assert result.diagnostics == []


def test_the_tutorial_builds_the_sweep_over_several_statements() -> None:
    """W&B's tutorial puts `parameters_dict` into the sweep, then updates it: one dict."""
    result, data = _spec(DATA / "tutorial.py")
    assert result.diagnostics == []
    assert _plain(data) == {
        "sweepspec": 1,
        "search_alg": {"type": "variant_generator"},
        "metric": "loss",
        "mode": "min",
        "param_space": {
            "optimizer": {"choice": ["adam", "sgd"]},
            "fc_layer_size": {"choice": [128, 256, 512]},
            "dropout": {"choice": [0.3, 0.4, 0.5]},
            "epochs": 1,
            "learning_rate": {"uniform": [0, 0.1]},
            "batch_size": {"qloguniform": [32, 256, 8]},
        },
        "x-wandb": {"project": "pytorch-sweeps-demo"},
    }
    text = result.text
    # the commented-out parameter stays among the parameters, the notes at theirs
    assert (
        "  dropout:\n    choice: [0.3, 0.4, 0.5]\n  # 'momentum': {'values': [0.9, 0.99]},\n"
        in text
    )
    assert "  learning_rate:\n    # a flat distribution between 0 and 0.1\n" in text
    assert "    # integers between 32 and 256\n    # with evenly-distributed logarithms\n" in text


def test_values_known_at_run_time_are_named_never_guessed() -> None:
    result, data = _spec(DATA / "argparse_values.py")
    assert "epochs" not in data["param_space"]
    assert "project" not in data.get("x-wandb", {})
    assert _findings(result) == [
        (16, "X003", "warning"),  # the parameter, left out
        (16, "X003", "warning"),  # `args.epochs`, where it is
        (21, "X001", "warning"),  # project=args.project
    ]
    assert "`args.epochs`" in result.diagnostics[1].message
    assert not result.failed()
    assert result.failed(strict=True)


def test_nested_groups_grids_and_hyperband() -> None:
    result, data = _spec(DATA / "nested.py")
    assert result.diagnostics == []
    assert _plain(data)["param_space"] == {
        "optimizer": {
            "name": {"grid_search": ["adam", "sgd"]},
            "momentum": {"grid_search": [0.0, 0.9]},
        },
        "layers": {"grid_search": [1, 2, 3]},
        "warmup": {"grid_search": [0, 50]},  # W&B's grid: arange(0, 100, 50)
    }
    assert data["scheduler"]["type"] == "async_hyperband"
    assert data["program"] == "train.py"
    assert "    # momentum only matters for sgd\n    momentum:\n" in result.text


def test_two_sweeps_are_refused_until_one_is_chosen() -> None:
    result = convert_file(DATA / "two_sweeps.py", "spec")
    assert result.text is None
    assert [(d.line, d.code) for d in result.diagnostics] == [(3, "X003"), (8, "X003")]
    assert "--space" in result.diagnostics[0].message
    _, data = _spec(DATA / "two_sweeps.py", space="sweep_large")
    assert data["search_alg"]["type"] == "bayesopt"
    assert _plain(data["param_space"]) == {"lr": {"loguniform": [1e-5, 1e-1]}}


def test_mistakes_are_found_by_wandbs_rules_at_their_lines() -> None:
    result = convert_file(DATA / "mistakes.py", "spec")
    assert result.text is None
    assert [(d.line, d.code) for d in result.diagnostics] == [
        (7, "S006"),  # goal: minimise
        (10, "S003"),  # values beside uniform
        (11, "S006"),  # loguniform is no W&B distribution
        (12, "S004"),  # int_uniform without max
        (15, "X001"),  # prior_runs=
    ]
    effort = convert_file(DATA / "mistakes.py", "spec", best_effort=True)
    assert effort.text is not None
    kept = load_text(effort.text, "s.yaml").data["param_space"]
    assert list(kept) == ["lr", "momentum"]  # `wd` and `seed` named, not carried


def test_a_notebook_reads_with_findings_on_its_cells() -> None:
    result, data = _spec(DATA / "sweeps.ipynb")
    assert list(data["param_space"]) == ["optimizer", "dropout"]
    assert "  # 'fc_layer_size': {'values': [128, 256, 512]},\n  dropout:" in result.text
    assert "search_alg: {type: variant_generator}  # or grid, bayes\n" in result.text
    assert [d.code for d in result.diagnostics] == ["X003", "X003"]
    assert all("(cell 6, line" in d.message for d in result.diagnostics)
    assert "EPOCHS" in result.diagnostics[1].message


@pytest.mark.parametrize("to", [t for t in WRITABLE_IDS if t != "spec"])
def test_every_target_and_losses_in_the_module(to: str) -> None:
    result = convert_file(DATA / "nested.py", to)
    assert result.text is not None, result.diagnostics
    assert result.source_format == "wandb"
    # what a target cannot hold is named at a line of the module's sweep, never at 1:1
    for d in result.diagnostics:
        if d.code == "X001" and d.severity is not Severity.INFO:
            assert 3 <= d.line <= 19, d


def test_reader_findings_are_kept_converting_onward() -> None:
    result = convert_file(DATA / "argparse_values.py", "hyperopt")
    assert {(d.line, d.code) for d in result.diagnostics} >= {(16, "X003"), (21, "X001")}


def test_detection(tmp_path: Path) -> None:
    for name in ("tutorial.py", "argparse_values.py", "nested.py", "two_sweeps.py"):
        assert detect_source((DATA / name).read_text()) == "wandb", name
    other = "import wandb\nfrom hyperopt import hp\nspace = {'x': hp.uniform('x', 0, 1)}\n"
    assert detect_source(other) == "hyperopt"
    assert detect_source("import ray\nimport wandb\nwandb.sweep({'method': 'grid'})\n") == "tune"
    assert detect_source("sweep = {'method': 'grid'}\n") == "hyperopt"  # no wandb
    # --from wandb on a .py reads its sweep; on a file with none, a finding, not a crash
    plain = tmp_path / "plain.py"
    plain.write_text("x = 1\n")
    refused = convert_file(plain, "spec", "wandb")
    assert refused.text is None
    assert [d.code for d in refused.diagnostics] == ["X003"]


def test_sample_reads_a_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", str(DATA / "nested.py"), "-n", "3", "--format", "json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


# --- the same sweep as a Python dict and as a W&B YAML file reads as the same spec ---------------


def _script(wandb_yaml: str) -> str:
    data = _plain(load_text(wandb_yaml, "w.yaml").data)
    return (
        "import wandb\n\n"
        f"sweep_config = {pprint.pformat(data, sort_dicts=False)}\n\n"
        "sweep_id = wandb.sweep(sweep_config)\n"
    )


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=strategies.wandb_specs())
def test_a_python_dict_reads_as_its_yaml(spec: dict[str, Any]) -> None:
    assume(_finite(_plain(spec)))
    wandb_yaml = convert_text(dump(spec), "wandb", "s.yaml").text
    assert wandb_yaml is not None
    from_yaml = convert_text(wandb_yaml, "spec", "w.yaml")
    from_python = convert_source(_script(wandb_yaml), "spec", "w.py", "wandb")
    assert from_yaml.text is not None and from_python.text is not None, from_python.diagnostics
    assert _plain(load_text(from_python.text, "p.yaml").data) == _plain(
        load_text(from_yaml.text, "y.yaml").data
    )


@pytest.mark.parametrize(
    "path",
    [*sorted((EXAMPLES / "wandb-mistakes").glob("*.yaml")), EXAMPLES / "wandb/grid-hyperband.yaml"],
    ids=lambda p: p.name,
)
def test_bundled_wandb_files_read_the_same_as_python(path: Path, tmp_path: Path) -> None:
    script = tmp_path / "sweep.py"
    script.write_text(_script(path.read_text()))
    from_yaml = convert_file(path, "spec", best_effort=True)
    from_python = convert_file(script, "spec", best_effort=True)
    assert from_python.source_format == "wandb"
    assert (from_yaml.text is None) == (from_python.text is None)
    if from_yaml.text is not None:
        assert _plain(load_text(from_python.text, "p.yaml").data) == _plain(
            load_text(from_yaml.text, "y.yaml").data
        )
    assert sorted(d.code for d in from_python.diagnostics) == sorted(
        d.code for d in from_yaml.diagnostics
    )


def test_changes_through_a_key_are_read_or_named(tmp_path: Path) -> None:
    """`sweep_config["parameters"]["lr"] = ...` and `...["parameters"].update(...)` change the
    dict inside: read; a change Python would refuse, or one made under a condition, is named
    (each was ignored without a word, by every Python reader)."""
    script = tmp_path / "s.py"
    script.write_text(
        "import wandb\n"
        'sweep_config = {"method": "random", "parameters": {"a": {"values": [1]}}}\n'
        'sweep_config["parameters"]["lr"] = {"min": 0.0, "max": 1.0}\n'
        'sweep_config["parameters"].update({"wd": {"values": [0, 1]}})\n'
        'sweep_config["metric"]["name"] = "loss"\n'
        "if args.big:\n"
        '    sweep_config["parameters"]["extra"] = {"values": [1]}\n'
        "wandb.sweep(sweep_config)\n"
    )
    result, data = _spec(script)
    assert list(data["param_space"]) == ["a", "lr", "wd"]
    assert [(d.line, d.code) for d in result.diagnostics] == [(5, "X003"), (7, "X001")]


def test_a_nested_change_in_a_hyperopt_space(tmp_path: Path) -> None:
    script = tmp_path / "space.py"
    script.write_text(
        "from hyperopt import hp\n"
        'space = {"a": hp.uniform("a", 0, 1), "g": {}}\n'
        'space["g"]["b"] = hp.uniform("g/b", 0, 1)\n'
    )
    result = convert_file(script, "spec")
    assert result.text is not None
    assert _plain(load_text(result.text, "s.yaml").data["param_space"]) == {
        "a": {"uniform": [0, 1]},
        "g": {"b": {"uniform": [0, 1]}},
    }


def test_python_reader_findings_survive_any_target(tmp_path: Path) -> None:
    """An entry a Python reader left out was named converting to the spec, and dropped
    without a word converting to another format."""
    script = tmp_path / "space.py"
    script.write_text(
        "import sys\n"
        "from hyperopt import hp\n"
        'space = {"a": hp.uniform("a", 0, 1), "x": hp.uniform("x", 0, float(sys.argv[1]))}\n'
    )
    for to in ("spec", "wandb", "tune"):
        result = convert_file(script, to)
        assert (3, "X003") in [(d.line, d.code) for d in result.diagnostics], to


def test_math_log_is_the_number_python_computes() -> None:
    """`math.log(1e-5)` as a bound, a constant or an option: an internal error (a LogBound
    reached the YAML writer) or a false S005; W&B has no log bounds, so it is ln(x)."""
    result, data = _spec(DATA / "math_log.py")
    assert result.diagnostics == []
    space = _plain(data["param_space"])
    assert space["lg"] == {"uniform": [math.log(1e-5), 0]}
    assert space["n"] == math.log(2)
    assert space["q"] == {"choice": [math.log(2), 1.5]}


@pytest.mark.parametrize("entity", ["entity=None, ", "None, ", ""])
def test_entity_none_is_wandb_sweeps_default_not_a_value(entity: str) -> None:
    source = (
        "import wandb\nsweep_config = {'method': 'random', 'parameters': {'a': {'value': 1}}}\n"
        f"wandb.sweep(sweep_config, {entity}project='p')\n"
    )
    if entity == "None, ":
        source = source.replace("None, project='p'", "None, 'p'")  # sweep, entity, project
    result = convert_source(source, "spec", "s.py", "wandb")
    assert result.text is not None, result.diagnostics
    assert "entity" not in result.text
    assert "project: p" in result.text


@pytest.mark.parametrize("name", ["comments_at_line_ends.py", "comments_above_keys.py"])
def test_every_comment_of_a_sweep_dict_comes_through(name: str) -> None:
    """A comment at the end of `'metric': {`, of an item of a list written one a line, of
    `'probabilities': [...]`, or above `'early_terminate'`'s keys, was dropped without a word:
    only comments on lines where a spec entry starts were kept. Each comes through now, at
    or above the entry it is among."""
    path = DATA / name
    result, _ = _spec(path)
    assert result.text is not None
    source = path.read_text(encoding="utf-8")
    wanted = sorted(line[line.index("#") :].rstrip() for line in source.splitlines() if "#" in line)
    written = sorted(
        part.strip()
        for line in result.text.splitlines()
        if "#" in line
        for part in ("#" + p for p in line[line.index("#") + 1 :].split("#"))
    )
    assert written == wanted
