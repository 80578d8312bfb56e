"""Spec -> Ray Tune, run for real on a local Ray."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
import strategies
from conftest import VALID, need
from hypothesis import given
from hypothesis import strategies as st

from sweepspec.check import check_text
from sweepspec.diagnostics import Severity
from sweepspec.formats.tune import to_tune
from sweepspec.loader import load_file, load_text
from sweepspec.vocabulary import DISTRIBUTIONS
from sweepspec.yamlio import dump

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


def test_every_hp_function_of_the_seed_runs_on_ray_through_hyperopt_search(
    tmp_path: Path, ray_session: Any
) -> None:
    """`pchoice`, `lognormal` and `qlognormal` (and hyperopt's integer forms) have no Tune
    domain, so Ray refused them even with `search_alg: hyperopt`; the seed's model is a
    hyperopt space given to HyperOptSearch, which is what sweepspec now builds: every draw is
    inside the distribution's support, with hyperopt's own semantics."""
    tune = _tune()
    need("hyperopt")
    text = (
        "sweepspec: 1\nmetric: loss\nmode: min\nnum_samples: 12\n"
        "search_alg: {type: hyperopt, n_initial_points: 4, random_state_seed: 3}\n"
        "param_space:\n"
        "  w: {pchoice: [[0.9, small], [0.1, large]]}\n"
        "  n: {lognormal: [0, 0.5]}\n"
        "  m: {qlognormal: [1, 0.5, 0.5]}\n"
        "  k: {quniformint: [100, 3000, 250]}\n"
        "  u: {uniformint: [1, 3]}\n"
        "  fixed: 7\n"
    )
    setup = to_tune(load_text(text))
    assert setup.param_space == {} and setup.hyperopt_space is not None
    searcher = setup.tune_config["search_alg"]
    assert type(searcher).__name__ == "HyperOptSearch"

    def trainable(params: dict[str, Any]) -> dict[str, float]:
        return {"loss": float(params["n"])}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tuner = tune.Tuner(
            trainable,
            param_space=setup.param_space,
            tune_config=tune.TuneConfig(**setup.tune_config),
            run_config=tune.RunConfig(storage_path=str(tmp_path), verbose=0),
        )
        results = tuner.fit()
    assert len(results) == 12 and not results.errors
    for result in results:
        config = result.config
        assert config["w"] in ("small", "large") and config["fixed"] == 7
        assert config["n"] > 0 and config["m"] >= 0 and config["m"] % 0.5 == 0
        # hyperopt's rounding may reach 0 (below the bound): its semantics, said by the spec
        assert isinstance(config["k"], int) and config["k"] % 250 == 0 and 0 <= config["k"] <= 3000
        assert config["u"] in (1, 2, 3)


_EVERY = strategies.Subset(
    tuple(
        d.name for d in DISTRIBUTIONS if d.kind not in ("categorical", "grid", "constant", "group")
    ),
    pchoice="pairs",
    grid=True,
    conditional=True,
)


@strategies.LAWS
@given(
    space=_EVERY.space(min_size=1, max_size=4),
    search=st.sampled_from(["variant_generator", "hyperopt", "optuna"]),
)
def test_what_ray_would_refuse_check_target_tune_reported(space: Any, search: str) -> None:
    """`check` passed `quniform: [1, 10, 4]`, which Ray then refused without a place: whenever
    building the spec for Ray fails, `check --target tune` had reported an error at the same
    line."""
    _tune()
    need("hyperopt")
    text = dump(
        {
            "sweepspec": 1,
            "metric": "m",
            "mode": "min",
            "search_alg": {"type": search},
            "param_space": space,
        }
    )
    checked = check_text(text, "s.yaml")
    if any(d.severity is Severity.ERROR for d in checked):
        return  # not a spec that runs anywhere
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        setup = to_tune(load_text(text, "s.yaml"))
    if setup.param_space is not None:
        return
    reported = {
        d.line for d in check_text(text, "s.yaml", ("tune",)) if d.severity is Severity.ERROR
    }
    refused = {d.line for d in setup.diagnostics}  # why it cannot be built, at its place
    assert refused and refused <= reported, (text, setup.diagnostics)
