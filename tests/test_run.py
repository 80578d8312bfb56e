"""`sweepspec run`: the bundled run examples, run for real on a local Ray and with hyperopt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, write

from sweepspec.cli import main
from sweepspec.loader import load_file, load_text
from sweepspec.run import RunError, run

RUN = EXAMPLES / "run"


def _quadratic(config: dict[str, Any]) -> float:
    return float((config["x"] - 3) ** 2 + (config["y"] + 1) ** 2)


def _mean_loss(config: dict[str, Any]) -> float:
    # docs/examples/run/train.py's metric
    return float(
        (config["width"] - 10) ** 2 / 100
        + abs(config["height"]) / 100
        + (config["activation"] == "tanh")
    )


def _without_scheduler(path: Path) -> Any:
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("scheduler:")]
    return load_text("\n".join(kept) + "\n", str(path))  # the trainable is beside it


def test_hyperopt_engine_finds_the_minimum_and_repeats_with_its_seed(hyperopt: Any) -> None:
    doc = _without_scheduler(RUN / "quadratic.yaml")  # hyperopt has no schedulers
    first = run(doc, engine="hyperopt", num_samples=60)
    again = run(doc, engine="hyperopt", num_samples=60)
    assert first.engine == "hyperopt" and first.trials == 60
    assert first.best_metric == pytest.approx(_quadratic(first.best_config))
    # the bowl averages about 70 over [-10, 10]^2; the best of 60 seeded TPE steps is near its floor
    assert first.best_metric is not None and first.best_metric < 2.0
    assert (again.best_config, again.best_metric) == (first.best_config, first.best_metric)


def test_hyperopt_engine_refuses_what_it_cannot_run_at_its_line(hyperopt: Any) -> None:
    """`--engine hyperopt` ran TPE whatever `search_alg` said and dropped the scheduler, with
    exit 0; each is now refused at its line, from the hyperopt table."""
    with pytest.raises(RunError) as refused:
        run(load_file(RUN / "quadratic.yaml"), engine="hyperopt")
    assert "quadratic.yaml:9:19: Asynchronous HyperBand (ASHA) is not supported" in str(
        refused.value
    )
    text = "sweepspec: 1\nprogram: q:f\nmetric: m\nmode: min\nsearch_alg: {type: bayesopt}\n"
    text += "param_space:\n  x: {uniform: [0, 1]}\n"
    with pytest.raises(RunError) as other:
        run(load_text(text, "b.yaml"), engine="hyperopt")
    assert "b.yaml:5:20: BayesOpt is not supported" in str(other.value)


def test_hyperopt_engine_runs_random_search_as_random_search(hyperopt: Any) -> None:
    """`search_alg: {type: variant_generator}` is hyperopt's `rand.suggest`, not TPE."""
    from sweepspec.run import _hyperopt_algorithm

    random_spec = load_text("sweepspec: 1\nparam_space:\n  x: {uniform: [0, 1]}\n")
    assert _hyperopt_algorithm(random_spec) is hyperopt.rand.suggest
    tpe = load_text(
        "sweepspec: 1\nsearch_alg: {type: hyperopt, n_initial_points: 7, gamma: 0.3}\n"
        "param_space:\n  x: {uniform: [0, 1]}\n"
    )
    algorithm = _hyperopt_algorithm(tpe)
    assert algorithm.func is hyperopt.tpe.suggest
    assert algorithm.keywords == {"n_startup_jobs": 7, "gamma": 0.3}


def test_hyperopt_engine_runs_a_script_as_a_wandb_agent_would(hyperopt: Any) -> None:
    outcome = run(load_file(RUN / "seed.yaml"), engine="hyperopt", num_samples=5)
    assert outcome.trials == 5
    assert set(outcome.best_config) == {"width", "height", "activation"}
    assert outcome.best_metric == pytest.approx(_mean_loss(outcome.best_config))


def test_ray_engine_runs_hyperopt_and_asha_on_a_local_ray(
    tmp_path: Path, ray_session: Any, hyperopt: Any
) -> None:
    outcome = run(load_file(RUN / "quadratic.yaml"), engine="ray", storage=str(tmp_path))
    assert outcome.engine == "ray" and outcome.trials == 10
    assert outcome.results_dir is not None
    # the objective yields a result per step (the reporting contract), so ASHA acts: some
    # trials are stopped before their tenth step, and at least one runs to it
    steps = [
        len(path.read_text().splitlines())
        for path in Path(outcome.results_dir).glob("*/result.json")
    ]
    assert len(steps) == 10 and min(steps) < 10 and max(steps) == 10, steps
    # the best trial's last report: the bowl plus the steps it did not run
    assert outcome.best_metric is not None
    assert outcome.best_metric >= _quadratic(outcome.best_config) - 1e-9
    assert Path(outcome.results_dir).parent == tmp_path
    assert Path(outcome.results_dir).name.startswith("objective_")


def test_ray_engine_leaves_a_ray_it_did_not_start_running(
    tmp_path: Path, ray_session: Any, hyperopt: Any
) -> None:
    """A notebook's or a test session's Ray is used, not shut down under it."""
    run(load_file(RUN / "seed.yaml"), engine="ray", storage=str(tmp_path), num_samples=1)
    assert ray_session.is_initialized()


def test_ray_engine_runs_the_seed_script(tmp_path: Path, ray_session: Any, hyperopt: Any) -> None:
    outcome = run(load_file(RUN / "seed.yaml"), engine="ray", storage=str(tmp_path), num_samples=3)
    assert outcome.trials == 3
    assert outcome.best_metric == pytest.approx(_mean_loss(outcome.best_config))


FAILING = """\
sweepspec: 1
program: boom:objective
metric: loss
mode: min
num_samples: 2
param_space:
  x: {uniform: [0, 1]}
"""


@pytest.mark.parametrize("engine", ["hyperopt", "ray"])
def test_trials_that_all_fail_are_one_clear_error(
    tmp_path: Path, engine: str, hyperopt: Any, request: pytest.FixtureRequest
) -> None:
    if engine == "ray":
        request.getfixturevalue("ray_session")
    write(tmp_path, "boom.py", "def objective(config):\n    raise ValueError('boom at x')\n")
    spec = write(tmp_path, "sweep.yaml", FAILING)
    with pytest.raises(RunError, match=r"all 2 trials failed; the first: ValueError: boom at x"):
        run(load_file(spec), engine=engine, storage=str(tmp_path / "results"))


def test_a_trial_without_the_metric_is_named(tmp_path: Path, hyperopt: Any) -> None:
    write(tmp_path, "boom.py", "def objective(config):\n    return {'accuracy': 1.0}\n")
    spec = write(tmp_path, "sweep.yaml", FAILING)
    with pytest.raises(RunError, match=r"the trial reported no `loss`"):
        run(load_file(spec), engine="hyperopt")


def test_cli_refuses_a_spec_with_errors_before_running_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = tmp_path / "ran"
    write(tmp_path, "side.py", f"open({str(marker)!r}, 'w').close()\ndef f(c):\n    return {{}}\n")
    spec = write(tmp_path, "sweep.yaml", "sweepspec: 1\nprogram: side:f\nparam_space: []\n")
    assert main(["run", str(spec)]) == 1
    err = capsys.readouterr().err
    assert f"{spec}:3:14:" in err and "fix these before running" in err
    assert not marker.exists()


@pytest.mark.parametrize(
    ("program", "message"),
    [
        ("missing:f", "cannot load the trainable `missing:f`: No module named 'missing'"),
        ("nothere.py", "the program `nothere.py` is neither `module:function` nor a script"),
    ],
)
def test_cli_names_a_program_it_cannot_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], program: str, message: str, hyperopt: Any
) -> None:
    spec = write(tmp_path, "sweep.yaml", FAILING.replace("boom:objective", program))
    assert main(["run", str(spec), "--engine", "hyperopt"]) == 2
    assert message in capsys.readouterr().err


def test_the_run_examples_check_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(RUN)]) == 0
    assert "All checks passed (3 files checked)." in capsys.readouterr().out


def test_results_print_as_plain_numbers(hyperopt: Any) -> None:
    """`best config: {'x': np.float64(0.5)}`: numpy's scalars are printed as the numbers."""
    import numpy

    from sweepspec.run import Outcome

    outcome = Outcome(
        "x", 1, {"a": numpy.float64(0.5), "b": [numpy.int64(3)]}, numpy.float64(2), None
    )
    assert (
        repr(outcome.best_config) == "{'a': 0.5, 'b': [3]}" and repr(outcome.best_metric) == "2.0"
    )


@pytest.mark.parametrize(
    ("program", "code"),
    [
        (
            "steps:train",
            "def train(config, report):\n    for i in range(5):\n"
            "        report({'loss': config['x'] + 4 - i})\n",
        ),
        (
            "steps:train",
            "def train(config):\n    for i in range(5):\n"
            "        yield {'loss': config['x'] + 4 - i}\n",
        ),
        (
            "steps.py",
            "import argparse, json\nparser = argparse.ArgumentParser()\n"
            "parser.add_argument('--x', type=float)\nx = parser.parse_args().x\n"
            "for i in range(5):\n    print(json.dumps({'loss': x + 4 - i}), flush=True)\n"
            "print('done')\n",
        ),
    ],
    ids=["report-argument", "generator", "script-json-lines"],
)
def test_every_way_of_reporting_steps_counts_its_last_step(
    tmp_path: Path, program: str, code: str, hyperopt: Any
) -> None:
    """The reporting contract (docs/running.md): a `report` argument, a generator, or a script
    printing a JSON object per line; on the hyperopt engine (no schedulers) the last counts."""
    write(tmp_path, "steps.py", code)
    spec = write(
        tmp_path,
        "s.yaml",
        f"sweepspec: 1\nprogram: {program}\nmetric: loss\nmode: min\nnum_samples: 4\n"
        "param_space:\n  x: {uniform: [0, 1]}\n",
    )
    outcome = run(load_file(spec), engine="hyperopt")
    assert outcome.trials == 4
    assert outcome.best_metric == pytest.approx(outcome.best_config["x"])


def test_a_step_that_is_not_a_dict_fails_its_trial_with_the_reason(
    tmp_path: Path, hyperopt: Any
) -> None:
    write(tmp_path, "steps.py", "def train(config):\n    yield 3\n")
    spec = write(
        tmp_path,
        "s.yaml",
        "sweepspec: 1\nprogram: steps:train\nmetric: loss\nmode: min\nnum_samples: 2\n"
        "param_space:\n  x: {uniform: [0, 1]}\n",
    )
    with pytest.raises(RunError) as failed:
        run(load_file(spec), engine="hyperopt")
    assert "a result is a dict of metrics" in str(failed.value)


def test_cpus_concurrency_and_the_trials_file(tmp_path: Path, ray_session: Any) -> None:
    """`--cpus`/`--max-concurrent` reach Ray (a trial that needs more CPUs than the machine
    has never starts, so the run is bounded here by what it reserves); each trial is a line of
    trials.jsonl beside Ray's files, with plain numbers."""
    import json

    outcome = run(
        load_file(RUN / "quadratic.yaml"),
        engine="ray",
        storage=str(tmp_path),
        num_samples=4,
        resources={"cpu": 1},
        max_concurrent=1,
    )
    assert outcome.results_dir is not None
    rows = [
        json.loads(line)
        for line in (Path(outcome.results_dir) / "trials.jsonl").read_text().splitlines()
    ]
    assert len(rows) == 4
    assert all(set(row) == {"config", "metrics", "error"} for row in rows)
    assert all(type(row["config"]["x"]) is float and row["error"] is None for row in rows)
    assert min(row["metrics"]["loss"] for row in rows) == pytest.approx(outcome.best_metric)


def test_ray_only_options_are_refused_on_hyperopt(hyperopt: Any) -> None:
    with pytest.raises(RunError, match="Ray Tune's"):
        run(load_file(RUN / "seed.yaml"), engine="hyperopt", resources={"cpu": 2})
    with pytest.raises(SystemExit) as usage:  # argparse's usage error
        main(["run", str(RUN / "seed.yaml"), "--cpus", "-1"])
    assert usage.value.code == 2
