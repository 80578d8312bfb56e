"""The seed's legacy W&B Ray Tune YAML (``wandb.sweeps.config.tune``) <-> the spec.

The format (``wandb-sweeps.md`` §1.2 to §1.6): a top-level ``tune:`` mapping holding
``tune.run``'s arguments, each call serialised as ``{<module>.<name>: <list | mapping |
{args, kwargs}>}``; ``None`` arguments dropped; ``_wandb`` holds the seed and versions; ``program``
repeats ``run_or_experiment``. Only ``hp.choice``, ``hp.uniform``, ``hp.loguniform``,
``tune.uniform`` and ``tune.loguniform`` ever had wrappers, and only ``HyperOptSearch`` and
``AsyncHyperBandScheduler``; anything else is reported from the ``wandb-tune`` table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..checks.context import Context
from ..checks.targets import iter_uses
from ..compat import FEATURES_BY_ID, lookup
from ..diagnostics import JsonPath, Severity
from ..emit import Locator
from ..loader import Document
from ..numbers import exp_exact, log_exact
from ..space import SPACE_KEY, distribution_of
from ..yamlio import flow_map, flow_seq
from .wandb import Conversion

PASSTHROUGH = "x-wandb-tune"
SEARCHER = "hyperopt.HyperOptSearch"
SCHEDULER = "AsyncHyperBandScheduler"
# HyperOptSearch and AsyncHyperBandScheduler keywords the spec models (Ray 0.7.6 names).
SEARCH_OPTIONS = ("n_initial_points", "random_state_seed", "gamma", "points_to_evaluate")
SCHEDULER_OPTIONS = ("time_attr", "max_t", "grace_period", "reduction_factor", "brackets")
_TUNE_KEYS = {
    "num_samples",
    "run_or_experiment",
    "search_alg",
    "scheduler",
    "stop",
    "time_budget_s",
    "resources_per_trial",
}


def _call(node: Any) -> tuple[str, list[Any], dict[str, Any]] | None:
    """``{name: payload}`` -> (name, args, kwargs), for the shim's three encodings."""
    if not isinstance(node, Mapping) or len(node) != 1:
        return None
    ((name, payload),) = node.items()
    if isinstance(payload, list):
        return str(name), list(payload), {}
    if isinstance(payload, Mapping) and set(payload) <= {"args", "kwargs"} and payload:
        return str(name), list(payload.get("args", [])), dict(payload.get("kwargs", {}))
    if isinstance(payload, Mapping):
        return str(name), [], dict(payload)
    return str(name), [payload], {}


# --- legacy -> spec ------------------------------------------------------------------------


def to_spec(doc: Document) -> Conversion:
    here = Locator(doc)
    found = []
    data: Mapping[str, Any] = doc.data
    tune: Mapping[str, Any] = data.get("tune") or {}
    out = CommentedMap()
    out["sweepspec"] = 1
    extra = CommentedMap()
    for key, value in data.items():
        if key == "tune":
            continue
        if key in ("name", "description"):
            out[key] = value
        elif key != "program":
            extra[key] = value
    program = data.get("program", tune.get("run_or_experiment"))
    if program is not None:
        out["program"] = program
    search = _call(tune.get("search_alg"))
    options = search[2] if search else {}
    for key in ("metric", "mode"):
        if key in options:
            out[key] = options[key]
    if "num_samples" in tune:
        out["num_samples"] = tune["num_samples"]
    for key in ("time_budget_s", "stop", "resources_per_trial"):
        if key in tune:
            out[key] = tune[key]
    if search is not None:
        block = flow_map(("type", "hyperopt"))
        for option in SEARCH_OPTIONS:
            if option in options:
                block[option] = options[option]
        out["search_alg"] = block
        rest = {
            k: v
            for k, v in options.items()
            if k not in (*SEARCH_OPTIONS, "metric", "mode", "space")
        }
        if rest:
            extra.setdefault("search_alg", CommentedMap())[search[0]] = CommentedMap(rest)
    scheduler = _call(tune.get("scheduler"))
    if scheduler is not None:
        name, _, kwargs = scheduler
        if name == SCHEDULER:
            block = CommentedMap([("type", "async_hyperband")])
            for option in SCHEDULER_OPTIONS:
                if option in kwargs:
                    block[option] = kwargs[option]
            out["scheduler"] = block
            for key in ("metric", "mode"):
                if key in kwargs and key not in out:
                    out[key] = kwargs[key]
        else:
            found.append(here.at_key("X003", f"unknown scheduler `{name}`", ("tune", "scheduler")))
    space = options.get("space") if search else tune.get("config")
    out[SPACE_KEY] = _space(
        space or {}, ("tune", "search_alg", search[0] if search else "", "space"), here, found
    )
    for key, value in tune.items():
        if key not in _TUNE_KEYS:
            extra.setdefault("tune", CommentedMap())[key] = value
    if extra:
        out[PASSTHROUGH] = extra
    return Conversion(out, found)


def _space(
    space: Mapping[str, Any], path: JsonPath, here: Locator, found: list[Any]
) -> CommentedMap:
    out = CommentedMap()
    for key, node in space.items():
        call = _call(node)
        if call is None:
            out[key] = node
            continue
        name, args, kwargs = call
        label = args.pop(0) if name.startswith("hyperopt.hp.") and args else key
        converted = _distribution(name, args, kwargs)
        if converted is None:
            found.append(here.at_key("X003", f"unknown function `{name}`", (*path, key)))
            out[key] = node
            continue
        dist, values = converted
        if label != key:
            body = flow_map(*zip(_names(dist), values, strict=False), ("label", label))
            out[key] = flow_map((dist, body))
        else:
            out[key] = flow_map((dist, flow_seq(values) if dist != "choice" else values[0]))
    return out


def _names(dist: str) -> tuple[str, ...]:
    return ("options",) if dist == "choice" else ("low", "high")


def _distribution(
    name: str, args: list[Any], kwargs: dict[str, Any]
) -> tuple[str, list[Any]] | None:
    if name == "hyperopt.hp.choice":
        options = args[0] if args else kwargs.get("options")
        return "choice", [flow_seq(list(options or []))]
    if name in ("hyperopt.hp.uniform", "tune.uniform"):
        low = args[0] if args else kwargs.get("low", kwargs.get("lower"))
        high = args[1] if len(args) > 1 else kwargs.get("high", kwargs.get("upper"))
        return "uniform", [low, high]
    if name == "tune.loguniform":
        low = args[0] if args else kwargs.get("min_bound")
        high = args[1] if len(args) > 1 else kwargs.get("max_bound")
        return "loguniform", [low, high]
    if name in ("hyperopt.loguniform", "hyperopt.hp.loguniform"):
        low = args[0] if args else kwargs.get("min_bound", kwargs.get("low"))
        high = args[1] if len(args) > 1 else kwargs.get("max_bound", kwargs.get("high"))
        # hyperopt's log-space bounds; anything but numbers is left for `check` to report
        bounds = [
            exp_exact(b) if isinstance(b, (int, float)) and _finite(b) else b for b in (low, high)
        ]
        return "loguniform", bounds
    return None


# --- spec -> legacy ------------------------------------------------------------------------


def to_legacy(doc: Document) -> Conversion:
    here = Locator(doc)
    context = Context(doc, ("wandb-tune",))
    found = []
    for use in iter_uses(context):
        row = lookup("wandb-tune", use.feature)
        if row.status.severity is not None:
            place = here.at_key if use.on_key else here.at_value
            title = FEATURES_BY_ID[use.feature].title
            found.append(
                place(
                    "X001",
                    f"wandb-tune: {title} is {row.status.phrase}: {row.reason}",
                    use.path,
                    severity=Severity.WARNING,
                )
            )
    data: Mapping[str, Any] = doc.data
    extra: Mapping[str, Any] = data.get(PASSTHROUGH) or {}
    out = CommentedMap()
    for key in ("name", "description"):
        if key in data:
            out[key] = data[key]
    for key, value in extra.items():
        if key not in ("tune", "search_alg"):
            out[key] = value
    if "program" in data:
        out["program"] = data["program"]
    tune = CommentedMap()
    for key, value in (extra.get("tune") or {}).items():
        tune[key] = value
    if "num_samples" in data:
        tune["num_samples"] = data["num_samples"]
    if "program" in data:
        tune["run_or_experiment"] = data["program"]
    for key in ("stop", "time_budget_s", "resources_per_trial"):
        if key in data:
            tune[key] = data[key]
    search = data.get("search_alg")
    options = CommentedMap()
    for key in ("metric", "mode"):
        if key in data:
            options[key] = data[key]
    if isinstance(search, Mapping):
        for option in SEARCH_OPTIONS:
            if option in search:
                options[option] = search[option]
    more = (extra.get("search_alg") or {}).get(SEARCHER) or {}
    for key, value in more.items():
        options[key] = value
    options["space"] = _legacy_space(data.get(SPACE_KEY) or {})
    tune["search_alg"] = CommentedMap([(SEARCHER, options)])
    scheduler = data.get("scheduler")
    if isinstance(scheduler, Mapping) and scheduler.get("type") == "async_hyperband":
        kwargs = CommentedMap((k, v) for k, v in scheduler.items() if k != "type")
        for key in ("metric", "mode"):
            if key in data:
                kwargs[key] = data[key]
        tune["scheduler"] = CommentedMap([(SCHEDULER, kwargs)])
    out["tune"] = tune
    return Conversion(out, found)


def _legacy_space(space: Mapping[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key, value in space.items():
        dist = distribution_of(value)
        if dist is None:
            out[key] = value
            continue
        body = value[dist.name]
        label = body.get("label", key) if isinstance(body, Mapping) else key
        args: list[Any]
        if isinstance(body, Mapping):
            args = [
                body.get(n) for n in (("options",) if dist.name == "choice" else ("low", "high"))
            ]
        else:
            args = [body] if dist.name == "choice" else list(body)
        if dist.name == "choice" and isinstance(args[0], list):
            out[key] = CommentedMap([("hyperopt.hp.choice", [label, list(args[0])])])
        elif dist.name == "uniform":
            out[key] = CommentedMap([("hyperopt.hp.uniform", [label, *args])])
        elif dist.name == "loguniform" and all(_finite(a) and a > 0 for a in args):
            bounds = CommentedMap(
                [("max_bound", log_exact(args[1])), ("min_bound", log_exact(args[0]))]
            )
            out[key] = CommentedMap([("hyperopt.loguniform", bounds)])
        else:
            out[key] = value  # reported as lost above, from the wandb-tune table
    return out


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
