"""`sweepspec run --engine optuna` (issue 19): a real Optuna study with the spec's sampler and
pruner, every step the program reports given to the pruner; what Optuna cannot run as the spec
means it is refused at its line."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import need, write

from sweepspec.cli import main
from sweepspec.loader import load_file, load_text
from sweepspec.run import RunError, run
from sweepspec.yamlio import dump

pytestmark = pytest.mark.engine

RUN = Path(__file__).resolve().parent.parent / "docs" / "examples" / "run"


def _rows(results: str) -> list[dict[str, Any]]:
    text = (Path(results) / "trials.jsonl").read_text()
    return [json.loads(line) for line in text.splitlines()]


def test_the_bundled_example_prunes_trials_in_a_real_study(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    optuna = need("optuna")
    for name in ("optuna.yaml", "quadratic.py"):
        shutil.copy(RUN / name, tmp_path / name)
    url = f"sqlite:///{tmp_path / 'study.db'}"
    spec = tmp_path / "optuna.yaml"
    code = main(["run", str(spec), "--engine", "optuna", "--storage", url])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "30 trials with optuna" in out
    (summary,) = optuna.get_all_study_summaries(url)
    study = optuna.load_study(study_name=summary.study_name, storage=url)
    states = [t.state.name for t in study.trials]
    assert len(states) == 30 and states.count("PRUNED") >= 5, states
    for trial in study.trials:
        steps = len(trial.intermediate_values)
        # a pruned trial stopped before the program's tenth step; the others ran all ten
        assert steps < 10 if trial.state.name == "PRUNED" else steps == 10
    # the spec's options acted: min_samples_required (n_startup_trials) 3 and grace_period
    # (n_warmup_steps) 2, so the first three trials run out and no trial is pruned at step 1
    assert states[:3] == ["COMPLETE"] * 3
    assert all(len(t.intermediate_values) >= 2 for t in study.trials if t.state.name == "PRUNED")
    best = study.best_trial.user_attrs["config"]
    assert -10 <= best["x"] <= 10 and -10 <= best["y"] <= 10
    # beside the results, the metric over the trials (the plot extra is in the test extras)
    results = next(
        line.removeprefix("results: ").split(" (")[0]
        for line in out.splitlines()
        if line.startswith("results: ")
    )
    if importlib.util.find_spec("matplotlib") is not None:
        assert (Path(results) / "trials.png").read_bytes().startswith(b"\x89PNG")
        assert f"plot: {results}/trials.png" in out


CURVE = """\
def curve(config):
    bowl = (config["x"] - 0.3) ** 2
    for step in range(1, 11):
        yield {"loss": bowl + 1.0 / step}
"""


def _spec(tmp: Path, body: str) -> Any:
    write(tmp, "curve.py", CURVE)
    text = f"sweepspec: 1\nprogram: curve:curve\nmetric: loss\nmode: min\nnum_samples: 6\n{body}"
    return load_file(write(tmp, "s.yaml", text))


def test_asha_max_t_ends_every_trial_at_that_step(tmp_path: Path) -> None:
    need("optuna")
    doc = _spec(
        tmp_path,
        "search_alg: {type: optuna, sampler: RandomSampler, seed: 3}\n"
        "scheduler: {type: async_hyperband, max_t: 4, grace_period: 1, reduction_factor: 2}\n"
        "param_space:\n  x: {uniform: [0.0, 1.0]}\n",
    )
    outcome = run(doc, engine="optuna", storage=str(tmp_path / "results"))
    assert outcome.trials == 6
    rows = _rows(str(outcome.results_dir))
    assert {row["state"] for row in rows} <= {"COMPLETE", "PRUNED"}
    # the last step each trial reported: 1/4 at step 4 at most, never the tenth
    assert all(row["metrics"]["loss"] >= 0.25 for row in rows)


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (
            "search_alg: {type: hyperopt}\nparam_space:\n  x: {uniform: [0.0, 1.0]}\n",
            6,
            "look-alike of `hyperopt`",
        ),
        (
            "param_space:\n  x: {uniform: [0.0, 1.0]}\n  m: {normal: [0.9, 0.1]}\n",
            8,
            "Optuna has no normal distributions",
        ),
        (
            "scheduler: {type: pbt, time_attr: training_iteration, perturbation_interval: 2}\n"
            "param_space:\n  x: {uniform: [0.0, 1.0]}\n",
            6,
            "cannot be perturbed",
        ),
        (
            "scheduler: {type: median_stopping_rule}\nparam_space:\n  x: {uniform: [0.0, 1.0]}\n",
            6,
            "not seconds",
        ),
    ],
)
def test_what_optuna_cannot_run_as_the_spec_means_it_is_refused_at_its_line(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    need("optuna")
    doc = _spec(tmp_path, body)
    with pytest.raises(RunError) as refused:
        run(doc, engine="optuna", storage=str(tmp_path / "results"))
    message = str(refused.value)
    assert f"s.yaml:{line}:" in message and words in message
    assert not (tmp_path / "results").exists()  # refused before any trial


def test_a_conditional_space_runs_as_branches(tmp_path: Path) -> None:
    need("optuna")
    write(
        tmp_path,
        "branches.py",
        "def train(config):\n"
        "    opt = config['optimizer']\n"
        "    assert set(opt) == ({'name', 'lr', 'beta1'} if opt['name'] == 'adam' "
        "else {'name', 'lr', 'momentum'})\n"
        "    return {'loss': opt['lr']}\n",
    )
    text = (
        "sweepspec: 1\nprogram: branches:train\nmetric: loss\nmode: min\nnum_samples: 12\n"
        "search_alg: {type: optuna, sampler: RandomSampler, seed: 0}\n"
        "param_space:\n  optimizer:\n    choice:\n"
        "      - name: adam\n"
        "        lr: {loguniform: {low: 1.0e-5, high: 1.0e-2, label: adam_lr}}\n"
        "        beta1: {uniform: [0.8, 0.99]}\n"
        "      - name: sgd\n        lr: {loguniform: {low: 1.0e-3, high: 1.0e-1, label: sgd_lr}}\n"
        "        momentum: {uniform: [0.0, 0.99]}\n"
    )
    doc = load_text(text, str(write(tmp_path, "c.yaml", text)))
    outcome = run(doc, engine="optuna", storage=str(tmp_path / "results"))
    rows = _rows(str(outcome.results_dir))
    assert [row["state"] for row in rows] == ["COMPLETE"] * 12
    names = {row["config"]["optimizer"]["name"] for row in rows}
    assert names == {"adam", "sgd"}


def test_failing_trials_are_recorded_and_the_sweep_goes_on(tmp_path: Path) -> None:
    need("optuna")
    write(
        tmp_path,
        "flaky.py",
        "def train(config):\n"
        "    if config['x'] > 0.5:\n"
        "        raise ValueError('diverged')\n"
        "    return {'loss': config['x']}\n",
    )
    text = (
        "sweepspec: 1\nprogram: flaky:train\nmetric: loss\nmode: min\nnum_samples: 10\n"
        "search_alg: {type: optuna, sampler: RandomSampler, seed: 1}\n"
        "param_space:\n  x: {uniform: [0.0, 1.0]}\n"
    )
    doc = load_text(text, str(write(tmp_path, "f.yaml", text)))
    outcome = run(doc, engine="optuna", storage=str(tmp_path / "results"))
    rows = _rows(str(outcome.results_dir))
    states = [row["state"] for row in rows]
    assert len(states) == 10 and "FAIL" in states and "COMPLETE" in states
    assert outcome.best_metric is not None and outcome.best_metric <= 0.5
    failed = [row for row in rows if row["state"] == "FAIL"]
    assert all(row["error"] == "ValueError: diverged" for row in failed)
    # when every trial fails, the reason is said (it was "no trial completed" alone)
    always = text.replace("num_samples: 10", "num_samples: 3").replace("0.0, 1.0", "0.6, 1.0")
    with pytest.raises(RunError, match="ValueError: diverged"):
        run(load_text(always, str(tmp_path / "f.yaml")), engine="optuna", storage=str(tmp_path))


OBJECTIVE = """\
import optuna


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    kind = trial.suggest_categorical("kind", ["a", "b"])
    if kind == "a":
        bonus = trial.suggest_int("bonus", 0, 3)
    else:
        bonus = 0
    for step in range(1, 4):
        trial.report((x - 2) ** 2 + bonus + 1 / step, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return (x - 2) ** 2 + bonus


if __name__ == "__main__":
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(objective, n_trials=30)
"""


def _objective_spec(tmp: Path, search: str | None) -> Any:
    """The spec read from an Optuna objective, its search algorithm replaced for engines that
    run another one."""
    from sweepspec.convert import convert_file

    source = write(tmp, "quad_objective.py", OBJECTIVE)
    result = convert_file(source, "spec")
    assert result.text is not None and "program: quad_objective:objective" in result.text
    data = load_text(result.text, "read.yaml").data
    assert data["search_alg"]["sampler"] == "RandomSampler"
    assert data["scheduler"]["type"] == "median_stopping_rule"  # Optuna's default pruner
    if search != "optuna":  # the other engines run their own searchers, without schedulers
        del data["search_alg"], data["scheduler"]
        if search is not None:
            data.insert(len(data) - 1, "search_alg", {"type": search})
    text = dump(data)
    return load_text(text, str(write(tmp, "read.yaml", text)))


@pytest.mark.parametrize("engine", ["optuna", "hyperopt"])
def test_an_objective_read_from_optuna_runs_as_the_program(tmp_path: Path, engine: str) -> None:
    need(engine)
    doc = _objective_spec(tmp_path, "optuna" if engine == "optuna" else None)
    outcome = run(doc, engine=engine, num_samples=12, storage=str(tmp_path / "results"))
    assert outcome.trials == 12
    assert outcome.best_metric is not None and outcome.best_metric >= 0
    best = outcome.best_config
    assert -10 <= best["x"] <= 10 and best["kind"]["name"] in ("a", "b")
    if best["kind"]["name"] == "a":
        assert best["kind"]["bonus"] in range(4)


def test_an_objective_read_from_optuna_runs_on_ray(tmp_path: Path, ray_session: Any) -> None:
    need("hyperopt")
    # Ray's variant generator does not sample inside a choice's options; HyperOptSearch does
    doc = _objective_spec(tmp_path, "hyperopt")
    outcome = run(doc, engine="ray", num_samples=6, storage=str(tmp_path / "results"))
    assert outcome.trials == 6 and outcome.best_metric is not None
    rows = _rows(str(outcome.results_dir))
    # every trial reported its three steps and its value, as the objective's `trial.report`
    assert all(row["metrics"].get("value") is not None for row in rows)
