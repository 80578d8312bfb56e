"""Spec -> Ray Tune, run for real on a local Ray."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID, need

from sweepspec.formats.tune import to_tune
from sweepspec.loader import load_file, load_text

pytestmark = pytest.mark.engine


def _tune() -> Any:
    return need("ray.tune")


def test_integer_bounds_are_translated_at_the_edge() -> None:
    _tune()
    text = (
        "sweepspec: 1\nparam_space:\n  a: {uniformint: [1, 3]}\n  b: {qrandint: [0, 4, 1]}\n"
        "  c: {qrandint: [0, 10, 5]}\n  d: {randint: [1, 3]}\n"
    )
    setup = to_tune(load_text(text))
    assert setup.param_space is not None
    draws = {key: {setup.param_space[key].sample() for _ in range(400)} for key in "abcd"}
    assert draws == {"a": {1, 2, 3}, "b": {0, 1, 2, 3, 4}, "c": {0, 5, 10}, "d": {1, 2}}


def test_what_ray_cannot_run_is_reported() -> None:
    _tune()
    setup = to_tune(load_text("sweepspec: 1\nparam_space:\n  x: {lognormal: [0, 1]}\n"))
    assert setup.param_space is None
    assert [(d.code, d.line) for d in setup.diagnostics] == [("X001", 3)]


def test_the_seed_example_runs_on_a_local_ray(tmp_path: Path, ray_session: Any) -> None:
    tune = _tune()
    setup = to_tune(load_file(VALID / "seed.yaml"))
    assert setup.param_space is not None
    config = dict(setup.tune_config, num_samples=4)

    def trainable(params: dict[str, Any]) -> dict[str, float]:
        return {"mean_loss": (params["width"] - 10) ** 2 + abs(params["height"])}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tuner = tune.Tuner(
            trainable,
            param_space=setup.param_space,
            tune_config=tune.TuneConfig(**config),
            run_config=tune.RunConfig(storage_path=str(tmp_path), verbose=0, **setup.run_config),
        )
        results = tuner.fit()
    assert len(results) == 4 and not results.errors
    best = results.get_best_result()
    assert 0 <= best.config["width"] <= 20 and best.config["activation"] in ("relu", "tanh")
