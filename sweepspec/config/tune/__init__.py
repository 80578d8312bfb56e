"""``tune``: ``tune.run(...)`` and Ray Tune's search-space functions, as data.

``run`` returns a ``Sweep``, which ``.save(path)`` writes as a spec. Ray Tune's own domain
functions keep Ray's signatures and meaning (``randint`` excludes its upper bound; ``qrandint``
includes it unless ``q == 1``; log bounds are real values).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..domains import Domain
from .sweep import Sweep, run


def uniform(lower: float, upper: float) -> Domain:
    return Domain("uniform", (lower, upper))


def quniform(lower: float, upper: float, q: float) -> Domain:
    return Domain("quniform", (lower, upper, q))


def loguniform(lower: float, upper: float, base: float | None = None) -> Domain:
    return Domain("loguniform", (lower, upper))


def qloguniform(lower: float, upper: float, q: float, base: float | None = None) -> Domain:
    return Domain("qloguniform", (lower, upper, q))


def randn(mean: float = 0.0, sd: float = 1.0) -> Domain:
    return Domain("normal", (mean, sd))


def qrandn(mean: float, sd: float, q: float) -> Domain:
    return Domain("qnormal", (mean, sd, q))


def randint(lower: int, upper: int) -> Domain:
    return Domain("randint", (lower, upper))


def qrandint(lower: int, upper: int, q: int = 1) -> Domain:
    # Ray excludes the upper bound when q == 1 (search-spaces.md §2.1); the spec's qrandint never
    # does, so that case is the spec's randint.
    return Domain("randint", (lower, upper)) if q == 1 else Domain("qrandint", (lower, upper, q))


def lograndint(lower: int, upper: int, base: float | None = None) -> Domain:
    return Domain("lograndint", (lower, upper))


def qlograndint(lower: int, upper: int, q: int, base: float | None = None) -> Domain:
    if q == 1:
        return Domain("lograndint", (lower, upper))
    return Domain("qlograndint", (lower, upper, q))


def choice(categories: Sequence[Any]) -> Domain:
    return Domain("choice", (), None, tuple(categories))


def grid_search(values: Iterable[Any]) -> Domain:
    return Domain("grid_search", (), None, tuple(values))


__all__ = [
    "Sweep",
    "choice",
    "grid_search",
    "lograndint",
    "loguniform",
    "qlograndint",
    "qloguniform",
    "qrandint",
    "qrandn",
    "quniform",
    "randint",
    "randn",
    "run",
    "uniform",
]
