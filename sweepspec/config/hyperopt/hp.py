"""hyperopt's ``hp`` functions (hyperopt 0.3 ``hyperopt/pyll_utils.py``), returning data.

Log-distribution bounds are natural logarithms here, as in hyperopt; the spec stores the real
values. ``loguniform`` also takes the seed's label-less form ``hp.loguniform(min_bound,
max_bound)`` that ``wandb.sweeps.config.hyperopt`` had.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...numbers import exp_exact
from ..domains import Domain


def choice(label: str, options: Sequence[Any]) -> Domain:
    return Domain("choice", (), label, tuple(options))


def pchoice(label: str, p_options: Sequence[tuple[float, Any]]) -> Domain:
    return Domain(
        "pchoice", (), label, tuple(o for _, o in p_options), tuple(float(p) for p, _ in p_options)
    )


def randint(label: str, *args: int, **kwargs: int) -> Domain:
    values = list(args) + [kwargs[k] for k in ("low", "high") if k in kwargs]
    low, high = (0, values[0]) if len(values) == 1 else (values[0], values[1])
    return Domain("randint", (low, high), label)


def uniform(label: str, low: float, high: float) -> Domain:
    return Domain("uniform", (low, high), label)


def uniformint(label: str, low: int, high: int, **kwargs: Any) -> Domain:
    return Domain("uniformint", (low, high), label)


def quniform(label: str, low: float, high: float, q: float) -> Domain:
    return Domain("quniform", (low, high, q), label)


def loguniform(
    label: Any,
    low: Any = None,
    high: Any = None,
    *,
    min_bound: Any = None,
    max_bound: Any = None,
    base: Any = None,
) -> Domain:
    if not isinstance(label, str):  # the seed's hp.loguniform(min_bound, max_bound)
        label, low, high = None, label, low if high is None else high
    low = min_bound if low is None else low
    high = max_bound if high is None else high
    return Domain("loguniform", (exp_exact(low), exp_exact(high)), label)


def qloguniform(label: str, low: float, high: float, q: float) -> Domain:
    return Domain("qloguniform", (exp_exact(low), exp_exact(high), q), label)


def normal(label: str, mu: float, sigma: float) -> Domain:
    return Domain("normal", (mu, sigma), label)


def qnormal(label: str, mu: float, sigma: float, q: float) -> Domain:
    return Domain("qnormal", (mu, sigma, q), label)


def lognormal(label: str, mu: float, sigma: float) -> Domain:
    return Domain("lognormal", (mu, sigma), label)


def qlognormal(label: str, mu: float, sigma: float, q: float) -> Domain:
    return Domain("qlognormal", (mu, sigma, q), label)
