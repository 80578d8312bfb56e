"""Spec -> live hyperopt space, proven with hyperopt's own fmin and sampler."""

from __future__ import annotations

import math
import warnings
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID, need

from sweepspec.diagnostics import Severity
from sweepspec.formats.hyperopt import to_space
from sweepspec.loader import load_file, load_text
from sweepspec.meaning import space_meaning

EXAMPLES = sorted(VALID.glob("*.yaml"))


# Building a live space imports hyperopt, so every test here needs it.
pytestmark = pytest.mark.engine


def _hyperopt() -> Any:
    return need("hyperopt")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_fmin_runs_on_every_example_in_hyperopts_subset(path: Path) -> None:
    hyperopt = _hyperopt()
    import numpy as np

    result = to_space(load_file(path))
    if result.space is None:
        assert any(d.severity is Severity.ERROR for d in result.diagnostics)
        return
    for algo in (hyperopt.tpe.suggest, hyperopt.rand.suggest):
        trials = hyperopt.Trials()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hyperopt.fmin(
                lambda config: 0.0,
                result.space,
                algo=algo,
                max_evals=20,
                trials=trials,
                rstate=np.random.default_rng(0),
                show_progressbar=False,
            )
        assert len(trials.trials) == 20


def test_most_examples_are_in_hyperopts_subset() -> None:
    built = [p.name for p in EXAMPLES if to_space(load_file(p)).space is not None]
    assert {"seed.yaml", "search-hyperopt.yaml", "conditional.yaml"} <= set(built)


def _draws(spec: str, n: int = 3000) -> list[Any]:
    _hyperopt()
    import numpy as np
    from hyperopt.pyll import stochastic

    text = f"sweepspec: 1\nparam_space:\n  x: {spec}\n"
    result = to_space(load_text(text))
    assert result.space is not None, result.diagnostics
    rng = np.random.default_rng(7)
    return [stochastic.sample(result.space, rng=rng)["x"] for _ in range(n)]


def _on_grid(value: float, q: float) -> bool:
    return math.isclose(value / q, round(value / q), abs_tol=1e-9)


@pytest.mark.parametrize(
    ("spec", "low", "high", "integer", "q"),
    [
        ("{uniform: [2.0, 5.0]}", 2.0, 5.0, False, None),
        ("{quniform: [0, 100, 5]}", 0, 100, False, 5),
        ("{loguniform: [1.0e-4, 1.0e-1]}", 1e-4, 1e-1, False, None),
        ("{qloguniform: [1, 1000, 10]}", 0, 1000, False, 10),
        ("{randint: [3, 9]}", 3, 8, True, 1),
        ("{uniformint: [3, 9]}", 3, 9, True, 1),
        ("{qrandint: [0, 100, 25]}", 0, 100, True, 25),
        ("{lograndint: [1, 64]}", 1, 63, True, 1),
        ("{qlograndint: [8, 512, 8]}", 8, 512, True, 8),
    ],
)
def test_samples_stay_in_the_declared_support(
    spec: str, low: float, high: float, integer: bool, q: float | None
) -> None:
    draws = _draws(spec)
    assert all(low <= d <= high for d in draws), (min(draws), max(draws))
    if integer:
        assert all(isinstance(d, int) for d in draws)
    if q is not None:
        assert all(_on_grid(d, q) for d in draws)
    if integer and q == 1 and high - low < 64:
        # both ends of an integer range are reached: inclusivity as the spec says
        assert {low, high} <= set(draws)


def test_choices_and_weights() -> None:
    draws = _draws("{pchoice: [[0.9, a], [0.1, b]]}", 4000)
    share = draws.count("a") / len(draws)
    assert set(draws) == {"a", "b"} and 0.85 < share < 0.95
    assert set(_draws("{choice: [relu, tanh, gelu]}", 600)) == {"relu", "tanh", "gelu"}


def test_normal_and_lognormal() -> None:
    import statistics

    normal = _draws("{normal: [5.0, 0.5]}", 4000)
    assert abs(statistics.fmean(normal) - 5.0) < 0.05
    lognormal = _draws("{lognormal: [0.0, 0.5]}", 4000)
    assert all(d > 0 for d in lognormal)
    assert abs(statistics.median(lognormal) - 1.0) < 0.05


def test_what_hyperopt_cannot_run_is_reported_not_built() -> None:
    result = to_space(load_text("sweepspec: 1\nparam_space:\n  x: {grid_search: [1, 2]}\n"))
    assert result.space is None
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("X001", 3, 7)]


@pytest.mark.parametrize("name", ["seed", "search-hyperopt", "conditional"])
def test_spec_to_objects_to_spec(name: str) -> None:
    _hyperopt()
    from sweepspec.formats.hyperopt import spec_text

    doc = load_file(VALID / f"{name}.yaml")
    space = to_space(doc).space
    assert spec_text(space, template=doc) == (VALID / f"{name}.yaml").read_text()
    fresh = load_text(spec_text(space))
    # `uniformint: [1, 4]` is built as hp.randint(1, 5), uniform as the spec means it (hyperopt's
    # own hp.uniformint weighs its bounds half), so it reads back as that same distribution
    assert space_meaning(fresh.data["param_space"]) == space_meaning(doc.data["param_space"])


def test_live_spaces_written_by_hand() -> None:
    hyperopt = _hyperopt()
    from hyperopt.pyll import scope

    from sweepspec.formats.hyperopt import Unconvertible, from_space
    from sweepspec.meaning import plain

    hp = hyperopt.hp
    space = {
        "lr": hp.loguniform("learning_rate", -9.2, -2.3),
        "units": scope.int(hp.quniform("units", 32, 512, 32)),
        "layers": hp.uniformint("layers", 1, 4),
        "opt": hp.pchoice("opt", [(0.8, "adam"), (0.2, {"m": hp.uniform("m", 0, 1)})]),
        "n": hp.randint("n", 10),
    }
    spec = plain(from_space(space))
    assert spec["lr"]["loguniform"]["label"] == "learning_rate"
    # hyperopt's integer forms as they are: rounding weighs the bounds half (issue 17)
    assert spec["units"] == {"quniformint": [32, 512, 32]}
    assert spec["layers"] == {"quniformint": [1, 4, 1.0]}
    assert spec["n"] == {"randint": [0, 10]}
    assert spec["opt"]["pchoice"][0] == [0.8, "adam"]
    with pytest.raises(Unconvertible) as exc:
        from_space({"c": 1 + hp.lognormal("c", 0, 1)})
    assert exc.value.path == ("c",)


def test_the_hp_names_derived_from_the_vocabulary_are_hyperopts() -> None:
    """`formats/hp.py` derives hyperopt's names from the vocabulary; hyperopt itself agrees:
    each is an `hp` function whose parameters after the label are the spec's arguments, and
    the log-bound ones sample exp of their bounds."""
    from sweepspec.formats.hp import HP_ARGS, HP_NAMES, LOG_BOUNDS

    hyperopt = _hyperopt()
    for name in HP_NAMES:
        assert callable(getattr(hyperopt.hp, name, None)), name
    sample = hyperopt.pyll.stochastic.sample
    values = {"low": 1.0, "high": 2.0, "mu": 0.0, "sigma": 1.0, "q": 0.5}
    for name, args in HP_ARGS.items():  # hyperopt takes the spec's argument names
        # an unknown keyword fails only when drawn: draw
        sample(getattr(hyperopt.hp, name)("x", **{arg: values[arg] for arg in args}))
    for name in LOG_BOUNDS:
        extra = [1e-9] if name.startswith("q") else []
        draw = sample(getattr(hyperopt.hp, name)("x", math.log(2.0), math.log(3.0), *extra))
        assert 2.0 <= draw <= 3.0, (name, draw)
    assert {"loguniform", "qloguniform"} == LOG_BOUNDS


def test_hyperopts_integer_forms_are_the_spec_integer_forms() -> None:
    """`scope.int(hp.quniform(...))` (and hp.uniformint, which is that with q = 1) weighs its
    two bounds half as much as the other values; the spec's `quniformint` says exactly that,
    in hyperopt (to_space) and in `sweepspec sample`, and the spec's `uniformint` stays uniform
    through hyperopt (it is built as hp.randint(low, high + 1))."""
    hyperopt = _hyperopt()
    import numpy as np

    from sweepspec.sample import configurations

    draws = 8000

    def shares(values: list[Any]) -> dict[Any, float]:
        return {v: values.count(v) / len(values) for v in sorted(set(values))}

    def hyperopt_shares(space: Any) -> dict[Any, float]:
        rng = np.random.default_rng(7)
        return shares([hyperopt.pyll.stochastic.sample(space, rng=rng) for _ in range(draws)])

    def spec_shares(text: str) -> dict[Any, float]:
        doc = load_text(f"sweepspec: 1\nparam_space:\n  x: {text}\n")
        built = hyperopt_shares(to_space(doc).space["x"])
        sampled = shares([c["x"] for c in configurations(doc.data, draws, seed=7)])
        assert set(built) == set(sampled)
        for value, share in built.items():
            assert abs(share - sampled[value]) < 0.03, (text, value)
        return built

    native = hyperopt_shares(hyperopt.hp.uniformint("x", 1, 4))
    assert abs(native[1] - 1 / 6) < 0.03 and abs(native[2] - 1 / 3) < 0.03
    for value, share in spec_shares("{quniformint: [1, 4, 1]}").items():
        assert abs(share - native[value]) < 0.03, value
    for share in spec_shares("{uniformint: [1, 4]}").values():
        assert abs(share - 1 / 4) < 0.03
