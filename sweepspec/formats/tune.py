"""Spec -> Ray Tune objects: ``param_space`` domains, the searcher, the scheduler and the
``TuneConfig``/``RunConfig`` keywords. Ray is imported only when this is called.

Integer bounds are translated at the edge (``search-spaces.md`` §2.1): the spec's inclusive
``uniformint`` is ``tune.randint(low, high + 1)``; ``qrandint`` and ``qlograndint`` with
``q == 1``, which Ray would make exclusive, are written as ``randint``/``lograndint`` with
``high + 1``. What Ray Tune cannot run is reported from the ``tune`` table before anything is
built.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..checks.context import Context
from ..checks.targets import iter_uses
from ..compat import FEATURES_BY_ID, context_of, lookup
from ..diagnostics import Diagnostic, Severity
from ..emit import Locator
from ..loader import Document
from ..space import SPACE_KEY, distribution_of, group_body
from .hyperopt import plain

SEARCHERS = {
    "variant_generator": ("ray.tune.search.basic_variant", "BasicVariantGenerator"),
    "hyperopt": ("ray.tune.search.hyperopt", "HyperOptSearch"),
    "bayesopt": ("ray.tune.search.bayesopt", "BayesOptSearch"),
    "nevergrad": ("ray.tune.search.nevergrad", "NevergradSearch"),
    "ax": ("ray.tune.search.ax", "AxSearch"),
    "bohb": ("ray.tune.search.bohb", "TuneBOHB"),
    "optuna": ("ray.tune.search.optuna", "OptunaSearch"),
    "hebo": ("ray.tune.search.hebo", "HEBOSearch"),
    "zoopt": ("ray.tune.search.zoopt", "ZOOptSearch"),
}
SCHEDULERS = {
    "fifo": ("ray.tune.schedulers", "FIFOScheduler"),
    "async_hyperband": ("ray.tune.schedulers", "AsyncHyperBandScheduler"),
    "hyperband": ("ray.tune.schedulers", "HyperBandScheduler"),
    "hb_bohb": ("ray.tune.schedulers", "HyperBandForBOHB"),
    "median_stopping_rule": ("ray.tune.schedulers", "MedianStoppingRule"),
    "pbt": ("ray.tune.schedulers", "PopulationBasedTraining"),
    "pb2": ("ray.tune.schedulers.pb2", "PB2"),
}


@dataclass
class TuneSetup:
    """What ``tune.Tuner`` needs; ``None`` pieces when the spec cannot run on Ray Tune."""

    param_space: dict[str, Any] | None
    tune_config: dict[str, Any] = field(default_factory=dict)
    run_config: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, float] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def to_tune(doc: Document) -> TuneSetup:
    here = Locator(doc)
    context = Context(doc, ("tune",))
    found: list[Diagnostic] = []
    search = context_of("tune", doc.data)
    for use in iter_uses(context):
        row = lookup("tune", use.feature, search)
        if row.status.severity is Severity.ERROR:
            title = FEATURES_BY_ID[use.feature].title
            place = here.at_key if use.on_key else here.at_value
            found.append(
                place("X001", f"tune: {title} is {row.status.phrase}: {row.reason}", use.path)
            )
    if found:
        return TuneSetup(None, diagnostics=found)
    data = doc.data
    space = _group(data.get(SPACE_KEY) or {})
    tune_config: dict[str, Any] = {}
    for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s"):
        if key in data:
            tune_config[key] = plain(data[key])
    search_block = data.get("search_alg")
    if isinstance(search_block, Mapping):
        tune_config["search_alg"] = _component(SEARCHERS, search_block)
    scheduler_block = data.get("scheduler")
    if isinstance(scheduler_block, Mapping):
        tune_config["scheduler"] = _component(SCHEDULERS, scheduler_block)
    run_config = {"stop": plain(data["stop"])} if "stop" in data else {}
    resources = plain(data["resources_per_trial"]) if "resources_per_trial" in data else None
    return TuneSetup(space, tune_config, run_config, resources, found)


def _component(table: Mapping[str, tuple[str, str]], block: Mapping[str, Any]) -> Any:
    import importlib

    module, name = table[str(block["type"])]
    options = {k: plain(v) for k, v in block.items() if k != "type"}
    if "hyperparam_mutations" in options:
        options["hyperparam_mutations"] = _group(block["hyperparam_mutations"])
    if block["type"] == "optuna" and isinstance(options.get("sampler"), str):
        import optuna

        options["sampler"] = getattr(optuna.samplers, options["sampler"])()
    if block["type"] == "nevergrad" and isinstance(options.get("optimizer"), str):
        import nevergrad

        options["optimizer"] = getattr(nevergrad.optimizers, options["optimizer"])
    return getattr(importlib.import_module(module), name)(**options)


def _group(group: Mapping[Any, Any]) -> dict[str, Any]:
    return {str(key): _entry(value) for key, value in group.items()}


def _entry(value: Any) -> Any:
    dist = distribution_of(value)
    if dist is None or dist.kind == "group":
        inner = group_body(value)
        return _group(inner) if inner is not None else plain(value)
    from ray import tune

    body = value[dist.name]
    if dist.kind == "constant":
        return plain(body)
    if dist.name in ("choice", "grid_search"):
        key = "values" if dist.name == "grid_search" else "options"
        items = body.get(key) if isinstance(body, Mapping) else body
        options = [_entry(o) if isinstance(o, Mapping) else plain(o) for o in items or []]
        return tune.grid_search(options) if dist.name == "grid_search" else tune.choice(options)
    names = dist.arg_names
    a = [plain(body.get(n)) for n in names] if isinstance(body, Mapping) else plain(list(body))
    simple = {
        "uniform": tune.uniform,
        "quniform": tune.quniform,
        "loguniform": tune.loguniform,
        "qloguniform": tune.qloguniform,
        "normal": tune.randn,
        "qnormal": tune.qrandn,
        "randint": tune.randint,
        "lograndint": tune.lograndint,
        "invloguniform": tune.loguniform,
    }
    if dist.name in simple:
        function: Any = simple[dist.name]
        return function(*a)
    if dist.name == "uniformint":
        return tune.randint(a[0], a[1] + 1)
    if dist.name == "qrandint":
        return tune.randint(a[0], a[1] + 1) if a[2] == 1 else tune.qrandint(*a)
    if dist.name == "qlograndint":
        return tune.lograndint(a[0], a[1] + 1) if a[2] == 1 else tune.qlograndint(*a)
    raise ValueError(f"Ray Tune has no `{dist.name}`")  # excluded by the table above
