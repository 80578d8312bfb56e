"""Every row of the seed's tables, run for real on a local Ray (issue 18): each search
algorithm is the class the spec names and runs its trials; each early-stopping scheduler acts
on a program that reports a result per step (it stops trials before `max_t`); what Ray cannot
run is refused by `check --target tune` at its node.

The program is a training curve: ten steps whose loss falls toward a bowl's value, so poor
configurations are poor from their first steps, as in real training.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import need, write

from sweepspec.check import check_text
from sweepspec.formats.tune import to_tune
from sweepspec.loader import load_file, load_text
from sweepspec.run import run

pytestmark = pytest.mark.engine

CURVE = """\
def curve(config):
    bowl = (config["x"] - 0.3) ** 2
    for step in range(1, 11):
        yield {"loss": bowl + 1.0 / step}
"""


# Options a searcher cannot run without (schema: S004 otherwise).
OPTIONS = {"nevergrad": ", optimizer: OnePlusOne", "zoopt": ", budget: 4"}


def _spec(search: str, scheduler: str = "", samples: int = 8) -> str:
    return (
        f"sweepspec: 1\nprogram: curve:curve\nmetric: loss\nmode: min\nnum_samples: {samples}\n"
        f"search_alg: {{type: {search}{OPTIONS.get(search, '')}}}\n{scheduler}"
        "param_space:\n  x: {uniform: [0.0, 1.0]}\n"
    )


def _steps(results_dir: str) -> list[int]:
    return [len(path.read_text().splitlines()) for path in Path(results_dir).glob("*/result.json")]


# (search_alg type, the Ray class it must be, the package it needs)
SEARCHERS = [
    ("variant_generator", "BasicVariantGenerator", None),
    ("hyperopt", "HyperOptSearch", "hyperopt"),
    ("bayesopt", "BayesOptSearch", "bayes_opt"),
    ("nevergrad", "NevergradSearch", "nevergrad"),
    ("optuna", "OptunaSearch", "optuna"),
    ("zoopt", "ZOOptSearch", "zoopt"),
    ("ax", "AxSearch", "ax"),
]


@pytest.mark.parametrize(("search", "cls", "package"), SEARCHERS, ids=[s for s, *_ in SEARCHERS])
def test_each_search_algorithm_is_the_class_the_spec_names_and_runs(
    tmp_path: Path, ray_session: Any, search: str, cls: str, package: str | None
) -> None:
    if package is not None:
        need(package)
    write(tmp_path, "curve.py", CURVE)
    spec = write(tmp_path, "s.yaml", _spec(search, samples=4))
    doc = load_file(spec)
    assert [d for d in check_text(spec.read_text(), str(spec), ("tune",))] == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        setup = to_tune(doc)
        searcher = setup.tune_config.get("search_alg")
        name = "BasicVariantGenerator" if searcher is None else type(searcher).__name__
        assert name == cls
        outcome = run(doc, engine="ray", storage=str(tmp_path / "results"))
    assert outcome.trials == 4 and outcome.best_metric is not None
    assert 0.0 <= outcome.best_config["x"] <= 1.0


def test_a_search_algorithm_ray_has_removed_is_refused_at_its_line() -> None:
    text = _spec("skopt")
    found = [d for d in check_text(text, "s.yaml", ("tune",)) if d.severity.name == "ERROR"]
    assert [(d.line, d.column) for d in found] == [(6, 20)]
    assert "SkOptSearch was removed in Ray 2.11" in found[0].message


def test_hebo_is_refused_at_its_line_naming_the_versions_that_conflict() -> None:
    found = [
        d for d in check_text(_spec("hebo"), "s.yaml", ("tune",)) if d.severity.name == "ERROR"
    ]
    assert [(d.line, d.column) for d in found] == [(6, 20)]
    assert "numpy<1.25" in found[0].message and "HEBO" in found[0].message


def test_an_ax_platform_outside_the_range_ray_runs_with_is_refused_before_ray_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ax-platform 1.3 fails inside Ray's AxSearch (`'Objective' object has no attribute
    'objectives'`, measured with 1.3.0 and 1.3.1); `run` refuses it at the spec's line with
    the range and the reason instead."""
    from importlib import metadata

    real = metadata.version
    monkeypatch.setattr(
        metadata, "version", lambda name: "1.3.1" if name == "ax-platform" else real(name)
    )
    setup = to_tune(load_text(_spec("ax"), "s.yaml"))
    assert setup.param_space is None
    (problem,) = setup.diagnostics
    assert (problem.line, problem.column) == (6, 20)
    assert "ax-platform>=1.0,<1.3" in problem.message and "1.3.1 is installed" in problem.message
    assert "sweepspec[ax]" in problem.message


def test_a_missing_backend_is_named_with_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    (problem,) = to_tune(load_text(_spec("bayesopt"), "s.yaml")).diagnostics
    assert "needs bayesian-optimization, which is not installed" in problem.message
    assert "pip install 'bayesian-optimization'" in problem.message


SCHEDULERS = [
    ("async_hyperband", "{type: async_hyperband, max_t: 10, grace_period: 1}", "hyperopt"),
    ("hyperband", "{type: hyperband, max_t: 10}", "hyperopt"),
    (
        "median_stopping_rule",
        "{type: median_stopping_rule, time_attr: training_iteration, grace_period: 2}",
        "hyperopt",
    ),
    ("hb_bohb", "{type: hb_bohb, max_t: 10}", "bohb"),
]


@pytest.mark.parametrize(
    ("name", "block", "search"), SCHEDULERS, ids=[name for name, *_ in SCHEDULERS]
)
def test_each_early_stopping_scheduler_stops_trials_before_max_t(
    tmp_path: Path, ray_session: Any, name: str, block: str, search: str
) -> None:
    if search == "bohb":
        need("hpbandster")
        need("ConfigSpace")
    else:
        need(search)
    write(tmp_path, "curve.py", CURVE)
    spec = write(tmp_path, "s.yaml", _spec(search, f"scheduler: {block}\n", samples=8))
    checked = check_text(spec.read_text(), str(spec), ("tune",))
    assert [d for d in checked if d.severity.name == "ERROR"] == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = run(load_file(spec), engine="ray", storage=str(tmp_path / "results"))
    assert outcome.results_dir is not None
    steps = _steps(outcome.results_dir)
    assert len(steps) == 8
    assert min(steps) < 10, (name, steps)  # the scheduler stopped a trial early
    lines = (Path(outcome.results_dir) / "trials.jsonl").read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    assert all(row["error"] is None for row in rows)


def test_what_ray_cannot_run_of_the_seed_is_refused_at_its_node() -> None:
    """Of the seed's hp functions, all run with `search_alg: hyperopt`; without it, the three
    that have no Tune domain are refused by `check --target tune` at their nodes."""
    text = (
        "sweepspec: 1\nmetric: loss\nmode: min\n"
        "param_space:\n  a: {pchoice: [[0.5, 1], [0.5, 2]]}\n  b: {lognormal: [0, 1]}\n"
        "  c: {qlognormal: [0, 1, 1]}\n"
    )
    need("ray.tune")
    need("hyperopt")
    found = [d for d in check_text(text, "s.yaml", ("tune",)) if d.severity.name == "ERROR"]
    assert sorted(d.line for d in found) == [5, 6, 7]
    native = text.replace("param_space:", "search_alg: {type: hyperopt}\nparam_space:")
    checked = check_text(native, "s.yaml", ("tune",))
    assert [d for d in checked if d.severity.name == "ERROR"] == []
    assert to_tune(load_text(native)).hyperopt_space is not None


PBT_TRAIN = """\
import time


def train(config, report, checkpoint=None):
    step = checkpoint["step"] if checkpoint else 0
    weight = checkpoint["weight"] if checkpoint else 0.0
    while step < 12:
        step += 1
        weight += config["lr"]
        time.sleep(0.3)
        report({"score": weight}, state={"step": step, "weight": weight})
"""

PBT_SPEC = """\
sweepspec: 1
program: train:train
metric: score
mode: max
scheduler:
  type: pbt
  time_attr: training_iteration
  perturbation_interval: 2
  quantile_fraction: 0.5
  hyperparam_mutations:
    lr: [0.01, 0.1, 1.0]
param_space:
  lr: {grid_search: [0.01, 1.0]}
"""


def test_population_based_training_perturbs_and_resumes_from_the_better_trial(
    tmp_path: Path, ray_session: Any
) -> None:
    """PBT's exploit copies a better trial's checkpoint: a program that reports its state with
    each step (`report(metrics, state=...)`) and takes `checkpoint` resumes from it. The trial
    that started with lr 0.01 ends with another lr and a score it could not reach alone."""
    write(tmp_path, "train.py", PBT_TRAIN)
    spec = write(tmp_path, "s.yaml", PBT_SPEC)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = run(load_file(spec), engine="ray", storage=str(tmp_path / "results"))
    assert outcome.results_dir is not None
    perturbations = (Path(outcome.results_dir) / "pbt_global.txt").read_text().splitlines()
    assert perturbations, "PBT perturbed no trial"
    rows = [
        json.loads(line)
        for line in (Path(outcome.results_dir) / "trials.jsonl").read_text().splitlines()
    ]
    # alone, the trial with lr 0.01 reaches 0.12 in 12 steps: both end well above it, and
    # neither ends with lr 0.01
    assert len(rows) == 2 and all(row["metrics"]["score"] > 0.5 for row in rows), rows
    assert all(row["config"]["lr"] != 0.01 for row in rows), rows
