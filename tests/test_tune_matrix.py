"""The `tune` table agrees with Ray: every domain through every installed searcher's converter."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from typing import Any

import pytest
from conftest import need

from sweepspec.compat import Status, lookup
from sweepspec.compat.tune import MATRIX_SEARCHERS

SEARCHERS = {
    "hyperopt": ("ray.tune.search.hyperopt", "HyperOptSearch", "hyperopt"),
    "bayesopt": ("ray.tune.search.bayesopt", "BayesOptSearch", "bayes_opt"),
    "optuna": ("ray.tune.search.optuna", "OptunaSearch", "optuna"),
    "nevergrad": ("ray.tune.search.nevergrad", "NevergradSearch", "nevergrad"),
    "ax": ("ray.tune.search.ax", "AxSearch", "ax"),
    "bohb": ("ray.tune.search.bohb", "TuneBOHB", "hpbandster"),
    "hebo": ("ray.tune.search.hebo", "HEBOSearch", "hebo"),
    "zoopt": ("ray.tune.search.zoopt", "ZOOptSearch", "zoopt"),
}


def _domains(tune: Any) -> dict[str, Callable[[], Any]]:
    """The Tune domain each spec distribution becomes (bounds chosen to be valid for all)."""
    return {
        "choice": lambda: tune.choice([1, 2, 3]),
        "grid_search": lambda: tune.grid_search([1, 2]),
        "uniform": lambda: tune.uniform(0.0, 1.0),
        "quniform": lambda: tune.quniform(0.0, 1.0, 0.25),
        "loguniform": lambda: tune.loguniform(1e-4, 1e-1),
        "qloguniform": lambda: tune.qloguniform(1e-4, 1e-1, 1e-4),
        "normal": lambda: tune.randn(0.0, 1.0),
        "qnormal": lambda: tune.qrandn(0.0, 1.0, 0.5),
        "randint": lambda: tune.randint(0, 10),
        "uniformint": lambda: tune.randint(0, 11),
        "qrandint": lambda: tune.qrandint(0, 10, 2),
        "lograndint": lambda: tune.lograndint(1, 64),
        "qlograndint": lambda: tune.qlograndint(2, 64, 2),
    }


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.seen.append(record.getMessage())


def _outcome(convert: Callable[[dict[str, Any]], Any], domain: Any) -> str:
    handler = _Warnings()
    logger = logging.getLogger("ray.tune")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            converted = convert({"x": domain})
    except (ValueError, TypeError, AssertionError):
        return "rejected"
    finally:
        logger.removeHandler(handler)
    # BayesOpt gives (-inf, inf) bounds, Nevergrad a Scalar{Cl(-inf,inf)}: a range, not a normal.
    if "-inf" in repr(converted):
        return "unbounded"
    return "warned" if handler.seen else "clean"


ALLOWED = {
    Status.SUPPORTED: {"clean"},
    Status.PARTIAL: {"warned", "clean"},
    Status.UNSUPPORTED: {"rejected", "unbounded"},
}


@pytest.mark.parametrize("searcher", sorted(SEARCHERS))
def test_matrix_agrees_with_ray(searcher: str, tune: Any) -> None:
    module_name, class_name, backend = SEARCHERS[searcher]
    need(backend, f"{backend} is not installed, so Ray's {class_name} cannot convert")
    module = need(module_name)
    convert = getattr(module, class_name).convert_search_space
    assert searcher in MATRIX_SEARCHERS
    mismatches = []
    for name, make in _domains(tune).items():
        row = lookup("tune", f"distribution.{name}", searcher)
        got = _outcome(convert, make())
        if got not in ALLOWED[row.status]:
            mismatches.append(f"{name}: table says {row.status.value}, Ray's {class_name} {got}")
    assert mismatches == []


def test_conditional_choice_converts_with_hyperopt_only(tune: Any, hyperopt: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from hyperopt.pyll import stochastic
        from ray.tune.search.hyperopt import HyperOptSearch

        space = HyperOptSearch.convert_search_space(
            {"opt": tune.choice([{"lr": tune.uniform(0.5, 1.0)}, {"lr": tune.uniform(2.0, 3.0)}])}
        )
    assert lookup("tune", "structure.conditional_choice", "hyperopt").status is Status.SUPPORTED
    import numpy as np

    sample = stochastic.sample(space, rng=np.random.default_rng(0))
    assert 0.5 <= sample["opt"]["lr"] <= 3.0
