"""The seed's legacy W&B Ray Tune YAML, both ways."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import EXAMPLES, VALID, shared_dir
from ruamel.yaml import YAML

from sweepspec import check_text
from sweepspec.check import check_file
from sweepspec.convert import convert_file, convert_text
from sweepspec.diagnostics import Severity


def _data(text: str) -> Any:
    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(text)))


def test_the_published_legacy_file_round_trips_in_data() -> None:
    (path,) = sorted(shared_dir("corpus", "wandb-tune-legacy").glob("*.yaml"))
    spec = convert_file(path, "spec")
    assert spec.text is not None and spec.diagnostics == []
    assert [d for d in check_text(spec.text) if d.severity is Severity.ERROR] == []
    back = convert_text(spec.text, "wandb-tune", "s.yaml")
    assert back.text is not None
    assert _data(back.text) == _data(path.read_text())


def test_the_seed_example_writes_what_the_seed_code_wrote() -> None:
    # wandb-sweeps.md §1.3: the output of the original v0.10.33 modules for the seed's code
    expected_space = {
        "activation": {"hyperopt.hp.choice": ["activation", ["relu", "tanh"]]},
        "height": {"hyperopt.hp.uniform": ["height", -100, 100]},
        "width": {"hyperopt.hp.uniform": ["width", 0, 20]},
    }
    result = convert_file(VALID / "seed.yaml", "wandb-tune")
    # nothing lost; a note on how the legacy engine ran HyperOpt
    assert [(d.code, d.severity.value) for d in result.diagnostics] == [("X004", "info")]
    assert "forced max_concurrent" in result.diagnostics[0].message
    data = _data(result.text or "")
    assert data["program"] == "train.py"
    tune = data["tune"]
    assert tune["num_samples"] == 10 and tune["run_or_experiment"] == "train.py"
    search = tune["search_alg"]["hyperopt.HyperOptSearch"]
    assert search["metric"] == "mean_loss" and search["mode"] == "min"
    assert search["space"] == expected_space


def test_every_encoding_of_the_shim_reads() -> None:
    # wandb-sweeps.md §1.4: keyword arguments, {args, kwargs}, hp.loguniform's exponents
    legacy = """
name: hyperopt_x
program: train.py
tune:
  num_samples: 10
  run_or_experiment: train.py
  scheduler:
    AsyncHyperBandScheduler: {metric: mean_loss, mode: min, grace_period: 2}
  search_alg:
    hyperopt.HyperOptSearch:
      max_concurrent: 4
      metric: mean_loss
      mode: min
      space:
        act:
          hyperopt.hp.choice:
            args: [activation]
            kwargs: {options: [relu, tanh]}
        lr:
          hyperopt.loguniform: {max_bound: 0, min_bound: -5}
        width:
          hyperopt.hp.uniform:
            args: [width]
            kwargs: {high: 20, low: 0}
"""
    spec = convert_text(legacy, "spec", "legacy.yaml")
    data = _data(spec.text or "")
    assert data["param_space"]["act"] == {
        "choice": {"options": ["relu", "tanh"], "label": "activation"}
    }
    assert data["param_space"]["width"] == {"uniform": [0, 20]}
    low, high = data["param_space"]["lr"]["loguniform"]
    assert (round(low, 12), high) == (round(2.718281828459045**-5, 12), 1.0)
    assert data["scheduler"] == {"type": "async_hyperband", "grace_period": 2}
    assert data["x-wandb-tune"]["search_alg"]["hyperopt.HyperOptSearch"] == {"max_concurrent": 4}
    back = _data(convert_text(spec.text or "", "wandb-tune", "s.yaml").text or "")
    assert back["tune"]["search_alg"]["hyperopt.HyperOptSearch"]["space"]["lr"] == {
        "hyperopt.loguniform": {"max_bound": 0.0, "min_bound": -5.0}
    }


def test_log_bounds_survive_the_round_trip_exactly() -> None:
    spec = (
        "sweepspec: 1\nprogram: t.py\nmetric: m\nmode: min\nsearch_alg: {type: hyperopt}\n"
        "param_space:\n  lr: {loguniform: [1.0e-5, 1.0e-1]}\n"
    )
    legacy = convert_text(spec, "wandb-tune", "s.yaml")
    back = _data(convert_text(legacy.text or "", "spec", "l.yaml").text or "")
    assert back["param_space"]["lr"] == {"loguniform": [1e-05, 0.1]}


def test_what_the_shim_cannot_write_is_reported() -> None:
    result = convert_file(VALID / "search-hyperopt.yaml", "wandb-tune")
    lost = [d.message for d in result.diagnostics if d.code == "X001"]
    assert any(
        "does not come back (`randint` is planned, not supported" in message for message in lost
    )
    assert any(
        "does not come back (`normal` is planned, not supported" in message for message in lost
    )


def test_the_bundled_legacy_example_is_the_seed_spec_written_and_read_back() -> None:
    """docs/examples/wandb/legacy-seed.yaml, shown in the converting guide."""
    legacy = EXAMPLES / "wandb" / "legacy-seed.yaml"
    written = convert_file(VALID / "seed.yaml", "wandb-tune")
    assert written.text == legacy.read_text(encoding="utf-8")
    read = convert_file(legacy, "spec")
    assert read.text is not None and not read.failed(strict=True), read.diagnostics
    assert _data(read.text) == _data((VALID / "seed.yaml").read_text(encoding="utf-8"))


# --- `check` on legacy files, in the seed's terms ---------------------------------------------

LEGACY_MISTAKES = EXAMPLES / "legacy-mistakes"


def test_check_names_the_call_the_legacy_engine_rejected() -> None:
    """The seed's own shim wrote `hp.loguniform` as `hyperopt.loguniform`, which the engine
    rejected ("Module not supported: hyperopt"): `check` says so at the key, as an error,
    though the seed's table lists hp.loguniform as supported."""
    (found,) = check_file(LEGACY_MISTAKES / "loguniform-rejected.yaml")
    assert (found.code, found.line, found.column) == ("C001", 14, 11)
    assert "Module not supported: hyperopt" in found.message


def test_check_gives_the_seeds_status_of_a_legacy_sweep_without_a_searcher() -> None:
    found = check_file(LEGACY_MISTAKES / "no-search-alg-grid.yaml")
    statuses = {(d.code, d.line) for d in found}
    assert ("C002", 7) in statuses  # the seed: Grid Search and Random Search, partial
    assert ("X003", 10) in statuses  # grid_search, which the engine never implemented
    assert check_file(EXAMPLES / "wandb" / "legacy-seed.yaml") == []  # HyperOpt: supported


def test_check_target_wandb_tune_agrees_with_the_seed_on_a_spec_without_search_alg(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("sweepspec: 1\nparam_space:\n  x: {uniform: [0, 1]}\n")
    (found,) = check_file(path, targets=["wandb-tune"])
    assert (found.code, found.line) == ("C002", 2)
    assert "without search_alg the engine sampled the config itself" in found.message
    with_hyperopt = "sweepspec: 1\nmetric: m\nmode: min\nsearch_alg: {type: hyperopt}\n"
    path.write_text(with_hyperopt + "param_space:\n  x: {uniform: [0, 1]}\n")
    assert check_file(path, targets=["wandb-tune"]) == []
