"""Spec -> Ray Tune objects: ``param_space`` domains, the searcher, the scheduler and the
``TuneConfig``/``RunConfig`` keywords. Ray is imported only when this is called.

Integer bounds are translated at the edge (``search-spaces.md`` §2.1): the spec's inclusive
``uniformint`` is ``tune.randint(low, high + 1)``; ``qrandint`` and ``qlograndint`` with
``q == 1``, which Ray would make exclusive, are written as ``randint``/``lograndint`` with
``high + 1``. What Ray Tune cannot run is reported from the ``tune`` table before anything is
built.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..checks.context import Context
from ..checks.targets import iter_uses
from ..compat import FEATURES_BY_ID, context_of, lookup
from ..diagnostics import Diagnostic, Severity
from ..emit import Locator
from ..loader import Document
from ..meaning import plain
from ..space import SPACE_KEY, distribution_of, group_body
from .hyperopt import Unconvertible

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


@dataclass(frozen=True, slots=True)
class Backend:
    """The package behind one of Ray's searchers, and the versions Ray's wrapper runs with."""

    package: str
    low: tuple[int, ...] = ()
    below: tuple[int, ...] | None = None
    extra: str | None = None
    why: str = ""

    @property
    def requirement(self) -> str:
        bounds = [f">={_dotted(self.low)}"] if self.low else []
        bounds += [f"<{_dotted(self.below)}"] if self.below else []
        return self.package + ",".join(bounds)


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


BACKENDS = {
    "hyperopt": Backend("hyperopt", extra="hyperopt"),
    "bayesopt": Backend("bayesian-optimization"),
    "nevergrad": Backend("nevergrad"),
    # tested with 1.0.0, 1.1.2 and 1.2.4; 1.3.0 fails inside AxSearch._setup_experiment
    "ax": Backend(
        "ax-platform",
        (1, 0),
        (1, 3),
        "ax",
        "Ray 2.60's AxSearch reads `Objective.metric`, which ax-platform 1.3 removed",
    ),
    "bohb": Backend("hpbandster"),
    "optuna": Backend("optuna"),
    "hebo": Backend("HEBO"),
    "zoopt": Backend("zoopt"),
}


def backend_problem(search_type: str) -> str | None:
    """Why Ray's searcher of this type cannot run with what is installed (the package is
    missing, or its version is outside the range Ray's wrapper runs with), else ``None``.
    Read from the installed distributions' metadata: nothing is imported."""
    from importlib import metadata

    backend = BACKENDS.get(search_type)
    if backend is None:
        return None
    how = f"`pip install '{backend.requirement}'`"
    if backend.extra is not None:
        how += f" or `pip install 'sweepspec[{backend.extra}]'`"
    try:
        installed = metadata.version(backend.package)
    except metadata.PackageNotFoundError:
        return f"needs {backend.package}, which is not installed ({how})"
    version = tuple(int(part) for part in re.findall(r"\d+", installed)[:3])
    if version < backend.low or (backend.below is not None and version >= backend.below):
        because = f": {backend.why}" if backend.why else ""
        return f"runs with {backend.requirement}, and {installed} is installed{because} ({how})"
    return None


SCHEDULERS = {
    "fifo": ("ray.tune.schedulers", "FIFOScheduler"),
    "async_hyperband": ("ray.tune.schedulers", "AsyncHyperBandScheduler"),
    "hyperband": ("ray.tune.schedulers", "HyperBandScheduler"),
    "hb_bohb": ("ray.tune.schedulers", "HyperBandForBOHB"),
    "median_stopping_rule": ("ray.tune.schedulers", "MedianStoppingRule"),
    "pbt": ("ray.tune.schedulers", "PopulationBasedTraining"),
    "pb2": ("ray.tune.schedulers.pb2", "PB2"),
}


# Spec distribution -> the ray.tune function with the same arguments in the same order. The
# integer bounds that differ are translated in `_entry`.
TUNE_FUNCTIONS = {
    "uniform": "uniform",
    "quniform": "quniform",
    "loguniform": "loguniform",
    "qloguniform": "qloguniform",
    "normal": "randn",
    "qnormal": "qrandn",
    "randint": "randint",
    "qrandint": "qrandint",
    "lograndint": "lograndint",
    "qlograndint": "qlograndint",
}


@dataclass
class TuneSetup:
    """What ``tune.Tuner`` needs; ``None`` pieces when the spec cannot run on Ray Tune."""

    param_space: dict[str, Any] | None
    tune_config: dict[str, Any] = field(default_factory=dict)
    run_config: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, float] | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # with `search_alg: hyperopt`: the hyperopt space HyperOptSearch is given (param_space is
    # then empty)
    hyperopt_space: Any = None


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
    if search == "hyperopt":
        return _native_hyperopt(doc, here)
    try:
        space = _group(data.get(SPACE_KEY) or {}, (SPACE_KEY,))
    except _Refused as refused:  # Ray's own rules on a domain's arguments
        problem = here.at_key("X001", f"tune: {refused}", refused.path, severity=Severity.ERROR)
        return TuneSetup(None, diagnostics=[problem])
    tune_config: dict[str, Any] = {}
    for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s"):
        if key in data:
            tune_config[key] = plain(data[key])
    for key, table in (("search_alg", SEARCHERS), ("scheduler", SCHEDULERS)):
        block = data.get(key)
        if not isinstance(block, Mapping):
            continue
        missing = backend_problem(str(block.get("type"))) if key == "search_alg" else None
        if missing is not None:
            name = table.get(str(block.get("type")), ("", f"`{key}`"))[1]
            problem = here.at_value(
                "X001", f"tune: {name} {missing}", (key, "type"), severity=Severity.ERROR
            )
            return TuneSetup(None, diagnostics=[problem])
        try:
            tune_config[key] = _component(table, block)
        except _COMPONENT_ERRORS as exc:  # a missing backend, or options Ray's code refuses
            name = table.get(str(block.get("type")), ("", f"`{key}`"))[1]
            return _cannot_build(here, name, exc, key)
    run_config = {"stop": plain(data["stop"])} if "stop" in data else {}
    resources = plain(data["resources_per_trial"]) if "resources_per_trial" in data else None
    return TuneSetup(space, tune_config, run_config, resources, found)


def _cannot_build(here: Locator, name: str, exc: Exception, key: str) -> TuneSetup:
    """Ray's constructor refused a searcher or scheduler: said at its ``type``."""
    why = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
    problem = here.at_value(
        "X001",
        f"tune: cannot build {name}: {type(exc).__name__}: {why}",
        (key, "type"),
        severity=Severity.ERROR,
    )
    return TuneSetup(None, diagnostics=[problem])


def _native_hyperopt(doc: Document, here: Locator) -> TuneSetup:
    """``search_alg: hyperopt``: HyperOptSearch given the hyperopt space itself (``to_space``),
    so every hp function of the seed runs with hyperopt's own semantics, as the seed's
    ``HyperOptSearch(space, ...)`` did; the Tuner's ``param_space`` is then empty (Ray refuses
    domains beside a searcher's own space)."""
    from .hyperopt import to_space

    data = doc.data
    built = to_space(doc)
    if built.space is None:
        return TuneSetup(None, diagnostics=list(built.diagnostics))
    block = data["search_alg"]
    options = {k: plain(v) for k, v in block.items() if k != "type"}
    try:
        from ray.tune.search.hyperopt import HyperOptSearch

        searcher = HyperOptSearch(
            space=built.space,
            metric=plain(data.get("metric")),
            mode=plain(data.get("mode")),
            **options,
        )
    except _COMPONENT_ERRORS as exc:
        return _cannot_build(here, "HyperOptSearch", exc, "search_alg")
    tune_config: dict[str, Any] = {"search_alg": searcher}
    for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s"):
        if key in data:
            tune_config[key] = plain(data[key])
    if isinstance(data.get("scheduler"), Mapping):
        try:
            scheduler = _component(SCHEDULERS, data["scheduler"])
        except _COMPONENT_ERRORS as exc:
            name = SCHEDULERS.get(str(data["scheduler"].get("type")), ("", "the scheduler"))[1]
            return _cannot_build(here, name, exc, "scheduler")
        tune_config["scheduler"] = scheduler
    run_config = {"stop": plain(data["stop"])} if "stop" in data else {}
    resources = plain(data["resources_per_trial"]) if "resources_per_trial" in data else None
    return TuneSetup({}, tune_config, run_config, resources, list(built.diagnostics), built.space)


# What building a searcher or scheduler raises for a backend that is not installed (Ray asserts
# "Ax must be installed!") or options its constructor refuses.
_COMPONENT_ERRORS = (ImportError, AssertionError, AttributeError, ValueError, TypeError, KeyError)


def _component(table: Mapping[str, tuple[str, str]], block: Mapping[str, Any]) -> Any:
    import importlib

    module, name = table[str(block["type"])]
    options = {k: plain(v) for k, v in block.items() if k != "type"}
    if "hyperparam_mutations" in options:
        options["hyperparam_mutations"] = _group(block["hyperparam_mutations"])
    if block["type"] == "optuna" and isinstance(options.get("sampler"), str):
        import optuna

        # the spec's seed is the sampler's: Ray's `seed=` is used only without a sampler
        seed = options.pop("seed", None)
        sampler = getattr(optuna.samplers, options["sampler"])
        options["sampler"] = sampler() if seed is None else sampler(seed=seed)
    if block["type"] == "nevergrad" and isinstance(options.get("optimizer"), str):
        import nevergrad

        options["optimizer"] = getattr(nevergrad.optimizers, options["optimizer"])
    return getattr(importlib.import_module(module), name)(**options)


class _Refused(ValueError):
    """Ray refuses a domain's arguments (``ValueError`` from ``ray.tune.search.sample``), such
    as ``quniform`` bounds that are not multiples of ``q``."""

    def __init__(self, path: tuple[Any, ...], message: str) -> None:
        super().__init__(message)
        self.path = path


def _group(group: Mapping[Any, Any], path: tuple[Any, ...] = ()) -> dict[str, Any]:
    return {str(key): _entry(value, (*path, key)) for key, value in group.items()}


def _entry(value: Any, path: tuple[Any, ...] = ()) -> Any:
    dist = distribution_of(value)
    if dist is None or dist.kind == "group":
        inner = group_body(value)
        if inner is None:
            return plain(value)
        return _group(inner, path if inner is value else (*path, "group"))
    try:
        return _domain(value, dist, path)
    except ValueError as exc:
        if isinstance(exc, _Refused):
            raise
        raise _Refused((*path, dist.name), str(exc)) from None


def _domain(value: Any, dist: Any, path: tuple[Any, ...]) -> Any:
    from ray import tune

    body = value[dist.name]
    if dist.kind == "constant":
        return plain(body)
    if dist.name in ("choice", "grid_search"):
        key = "values" if dist.name == "grid_search" else "options"
        items = body.get(key) if isinstance(body, Mapping) else body
        at = (*path, dist.name)
        options = [
            _entry(o, (*at, i)) if isinstance(o, Mapping) else plain(o)
            for i, o in enumerate(items or [])
        ]
        return tune.grid_search(options) if dist.name == "grid_search" else tune.choice(options)
    names = dist.arg_names
    a = [plain(body.get(n)) for n in names] if isinstance(body, Mapping) else plain(list(body))
    function, arguments = tune_call(dist.name, a)
    return getattr(tune, function)(*arguments)


def tune_call(name: str, args: Sequence[Any]) -> tuple[str, list[Any]]:
    """The ``ray.tune`` function and arguments for a numeric spec distribution.

    Integer upper bounds are translated here, at the edge: the spec's ``uniformint`` and
    ``q == 1`` forms include their upper bound, Ray's ``randint``/``lograndint`` exclude it.
    """
    if name == "uniformint":
        return "randint", [args[0], args[1] + 1]
    if name in ("qrandint", "qlograndint") and args[2] == 1:
        return ("randint" if name == "qrandint" else "lograndint"), [args[0], args[1] + 1]
    name = "loguniform" if name == "invloguniform" else name  # the same distribution
    if name in TUNE_FUNCTIONS:
        return TUNE_FUNCTIONS[name], list(args)
    raise ValueError(f"Ray Tune has no `{name}`")  # excluded by the table before any call


# Ray Tune -> spec. Ray keeps a domain's sampler as an object (``ray.tune.search.sample``):
# Float/Integer with _Uniform, _LogUniform or _Normal, possibly wrapped in Quantized.
_FROM_SAMPLER = {
    ("Float", "_Uniform", False): "uniform",
    ("Float", "_Uniform", True): "quniform",
    ("Float", "_LogUniform", False): "loguniform",
    ("Float", "_LogUniform", True): "qloguniform",
    ("Float", "_Normal", False): "normal",
    ("Float", "_Normal", True): "qnormal",
    ("Integer", "_Uniform", False): "randint",
    ("Integer", "_Uniform", True): "qrandint",
    ("Integer", "_LogUniform", False): "lograndint",
    ("Integer", "_LogUniform", True): "qlograndint",
}
# Keywords that are not options of the spec's component block, or are the spec's top level.
_NOT_OPTIONS = {"self", "space", "metric", "mode"}
# Where Ray keeps an option under another name, or only implies it (read in ray 2.x sources:
# ray-project/ray python/ray/tune/schedulers/{hyperband,async_hyperband}.py).
_READERS: dict[str, dict[str, Callable[[Any], Any]]] = {
    "hyperband": {"max_t": lambda o: o._max_t_attr, "reduction_factor": lambda o: o._eta},
    "hb_bohb": {"max_t": lambda o: o._max_t_attr, "reduction_factor": lambda o: o._eta},
    "nevergrad": {"optimizer": lambda o: _nevergrad_name(o._opt_factory)},
    # OptunaSearch keeps the sampler object: the spec names its class
    "optuna": {"sampler": lambda o: None if o._sampler is None else type(o._sampler).__name__},
    # given its space, HyperOptSearch turns its points into hyperopt trials and keeps a count
    "hyperopt": {
        "points_to_evaluate": lambda o: (
            None if isinstance(o._points_to_evaluate, int) else o._points_to_evaluate
        )
    },
    "async_hyperband": {
        "grace_period": lambda o: o._brackets[0]._rungs[-1][0],  # bracket 0's first rung
        "brackets": lambda o: len(o._brackets),
    },
}


@dataclass
class FromTune:
    """A spec (as data, in key order) for live Ray Tune objects."""

    data: dict[str, Any]
    # What could not be read back, each naming its key path in the spec.
    losses: list[str] = field(default_factory=list)


def from_tune(
    param_space: Mapping[str, Any],
    *,
    search_alg: Any = None,
    scheduler: Any = None,
    tune_config: Mapping[str, Any] | None = None,
    stop: Mapping[str, Any] | None = None,
) -> FromTune:
    """The spec of a ``param_space`` of Tune domains, with the searcher and scheduler objects
    and ``TuneConfig`` keywords. Raises ``Unconvertible`` (naming the key path) for what
    the spec cannot express, such as ``tune.sample_from``."""
    from ruamel.yaml.comments import CommentedMap

    data: dict[str, Any] = CommentedMap([("sweepspec", 1)])
    losses: list[str] = []
    config = dict(tune_config or {})
    search_alg = config.pop("search_alg", search_alg)
    scheduler = config.pop("scheduler", scheduler)
    for component in (search_alg, scheduler):
        for key in ("metric", "mode"):
            value = getattr(component, f"_{key}", None) or getattr(component, key, None)
            if isinstance(value, str) and key not in config:
                config[key] = value
    for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s"):
        if config.get(key) is not None:
            data[key] = config[key]
    if search_alg is not None:
        data["search_alg"] = _block(SEARCHERS, _unwrap(search_alg), ("search_alg",), losses)
        limit = getattr(search_alg, "max_concurrent", None)
        if search_alg is not _unwrap(search_alg) and isinstance(limit, int):
            data.setdefault("max_concurrent_trials", limit)
    if scheduler is not None:
        data["scheduler"] = _block(SCHEDULERS, scheduler, ("scheduler",), losses)
    if stop:
        data["stop"] = dict(stop)
    own = getattr(_unwrap(search_alg), "_space", None) if search_alg is not None else None
    if not param_space and isinstance(own, Mapping) and own:
        # HyperOptSearch given the hyperopt space itself (as sweepspec runs `search_alg:
        # hyperopt`, and as the seed did): the space is hyperopt's
        from .hyperopt import from_space

        data[SPACE_KEY] = from_space(own)
        points = getattr(_unwrap(search_alg), "_points_to_evaluate", None)
        if isinstance(points, int) and points:
            losses.append(
                "search_alg: HyperOptSearch keeps points_to_evaluate as hyperopt trials, where "
                "they cannot be read back; write in the spec any of them that you set"
            )
        return FromTune(data, losses)
    data[SPACE_KEY] = _from_group(param_space, (SPACE_KEY,))
    return FromTune(data, losses)


def _unwrap(searcher: Any) -> Any:
    # ConcurrencyLimiter is the spec's max_concurrent_trials, not a searcher of its own.
    return getattr(searcher, "searcher", searcher)


def _block(
    table: Mapping[str, tuple[str, str]],
    component: Any,
    path: tuple[Any, ...],
    losses: list[str],
) -> dict[str, Any]:
    import inspect

    from ..yamlio import flow_map

    cls = type(component)
    names = {entry: kind for kind, entry in table.items()}
    kind = names.get((cls.__module__, cls.__name__))
    if kind is None:
        for base in cls.__mro__:  # Ray re-exports classes from their defining modules
            kind = next((k for k, (_, n) in table.items() if n == base.__name__), None)
            if kind:
                break
    if kind is None:
        raise Unconvertible(path, f"a {cls.__name__}")
    pairs: list[tuple[str, Any]] = [("type", kind)]
    unread: list[str] = []
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if name in _NOT_OPTIONS or parameter.kind in (
            parameter.VAR_POSITIONAL,
            parameter.VAR_KEYWORD,
        ):
            continue
        # Ray keeps most constructor arguments as `_name`; only plain values are read back.
        reader = _READERS.get(kind, {}).get(name)
        attribute = next((a for a in (f"_{name}", name) if hasattr(component, a)), None)
        if reader is None and attribute is None:
            unread.append(name)
            continue
        value = reader(component) if reader else getattr(component, str(attribute))
        if name == "hyperparam_mutations" and isinstance(value, Mapping):
            pairs.append((name, _mutations(value, (*path, name))))
        elif value in (None, [], {}) or value == parameter.default:
            continue
        elif _plain_value(value):
            pairs.append((name, value))
        else:
            unread.append(name)
    if kind == "optuna" and getattr(component, "_sampler", None) is not None:
        # the spec's seed is the sampler's, which keeps it inside its random generator
        losses.append(
            f"{'/'.join(map(str, path))}: OptunaSearch's sampler keeps its seed where it "
            "cannot be read back; write it in the spec if you set it"
        )
    if unread:
        where = "/".join(map(str, path))
        losses.append(
            f"{where}: {cls.__name__} keeps {', '.join(unread)} where they cannot be read "
            "back; write in the spec any of them that you set"
        )
    return flow_map(*pairs)


def _nevergrad_name(optimizer: Any) -> Any:
    import nevergrad

    # The spec names a registered optimizer; an instance configured by hand has no name.
    found = [n for n, v in vars(nevergrad.optimizers).items() if v is optimizer]
    return found[0] if found else optimizer


def _mutations(mutations: Mapping[str, Any], path: tuple[Any, ...]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    # PBT resamples a list of values as it is: it stays a list, not a `value` constant.
    return CommentedMap(
        (str(k), list(v) if isinstance(v, list) else _from_entry(v, (*path, str(k))))
        for k, v in mutations.items()
    )


def _plain_value(value: Any) -> bool:
    if isinstance(value, Mapping):
        return all(isinstance(k, str) and _plain_value(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain_value(v) for v in value)
    return isinstance(value, (bool, int, float, str))


def _from_group(group: Mapping[Any, Any], path: tuple[Any, ...]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in group.items():
        out[str(key)] = _from_entry(value, (*path, str(key)))
    return out


def _from_entry(value: Any, path: tuple[Any, ...]) -> Any:
    from ray.tune.search import sample

    from ..yamlio import flow_map, flow_seq

    if isinstance(value, Mapping):
        if set(value) == {"grid_search"}:
            items = [
                _from_option(v, (*path, "grid_search", i))
                for i, v in enumerate(value["grid_search"])
            ]
            return flow_map(("grid_search", flow_seq(items)))
        if len(value) == 1 and distribution_of(value) is not None:
            # Written plainly, it would read as that distribution.
            if not _has_domain(value):
                return flow_map(("constant", plain(value)))
            return {"group": _from_group(value, path)}
        return _from_group(value, path)
    if isinstance(value, sample.Categorical):
        items = [_from_option(v, (*path, "choice", i)) for i, v in enumerate(value.categories)]
        return flow_map(("choice", flow_seq(items)))
    if isinstance(value, (sample.Float, sample.Integer)):
        sampler: Any = value.sampler
        q = getattr(sampler, "q", None) if type(sampler).__name__ == "Quantized" else None
        inner: Any = sampler.sampler if q is not None else sampler
        name = _FROM_SAMPLER.get((type(value).__name__, type(inner).__name__, q is not None))
        if name is None:
            raise Unconvertible(path, f"a {type(value).__name__} with {type(inner).__name__}")
        args = [inner.mean, inner.sd] if name.endswith("normal") else [value.lower, value.upper]
        return flow_map((name, flow_seq([*args, q] if q is not None else args)))
    if isinstance(value, sample.Domain):
        raise Unconvertible(path, f"a {type(value).__name__} (such as tune.sample_from)")
    if callable(value):
        raise Unconvertible(path, "a function")
    return flow_seq(list(value)) if isinstance(value, (list, tuple)) else value


def _has_domain(value: Any) -> bool:
    from ray.tune.search import sample

    if isinstance(value, sample.Domain):
        return True
    if isinstance(value, Mapping):
        return any(_has_domain(v) for v in value.values())
    return isinstance(value, (list, tuple)) and any(_has_domain(v) for v in value)


def _from_option(value: Any, path: tuple[Any, ...]) -> Any:
    from ray.tune.search import sample

    if isinstance(value, (Mapping, sample.Domain)):
        out = _from_entry(value, path)
        if hasattr(out, "fa"):  # braces, so that a one-key option does not print as `a: b`
            out.fa.set_flow_style()
        return out
    return value
