"""The spec and Optuna, both ways: one table of how each spec distribution is a ``suggest_*``
call (and an ``optuna.distributions`` object), and of how the spec's search algorithm and
scheduler are Optuna's samplers and pruners. The module writer, the objective reader, the live
objects (``to_distributions``/``from_distributions``) and ``run --engine optuna`` all use it.

Optuna is imported only by the functions that build its objects. Sources:
optuna/optuna ``optuna/distributions.py`` (the distributions and their checks),
``optuna/trial/_trial.py`` (what each ``suggest_*`` records, including the deprecated ones),
``optuna/samplers/`` and ``optuna/pruners/`` (constructors and defaults).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..meaning import plain
from ..space import distribution_of, group_body

# The spec's distributions that Optuna draws the same way, as `trial.suggest_<method>`
# arguments. Integer bounds are inclusive in Optuna: `randint`'s and `lograndint`'s exclusive
# upper bound is written minus one.
FLOAT, INT, CATEGORICAL = "float", "int", "categorical"
WRITTEN = frozenset(
    {"uniform", "quniform", "loguniform", "randint", "uniformint", "qrandint", "lograndint"}
)
# What each `suggest_*` Optuna has had reads as (the deprecated ones record the same
# FloatDistribution as their `suggest_float` form: optuna/trial/_trial.py).
SUGGESTS = (
    "suggest_float",
    "suggest_int",
    "suggest_categorical",
    "suggest_uniform",
    "suggest_loguniform",
    "suggest_discrete_uniform",
)
# The key a conditional choice's options hold their own value under (docs/spec.md).
TAG = "name"


class Unwritable(ValueError):
    """A spec node Optuna has no form for; the message is the reason."""


@dataclass(frozen=True)
class Suggestion:
    """One ``trial.suggest_<method>(label, *args, **options)``."""

    method: str
    label: str
    args: tuple[Any, ...]
    options: tuple[tuple[str, Any], ...] = ()

    def distribution(self) -> Any:
        from optuna import distributions as d

        kw = dict(self.options)
        if self.method == FLOAT:
            return d.FloatDistribution(*self.args, **kw)
        if self.method == INT:
            return d.IntDistribution(*self.args, **kw)
        return d.CategoricalDistribution(list(self.args[0]))


def suggestion(name: str, args: Mapping[str, Any], label: str) -> Suggestion:
    """The ``suggest_*`` call of a spec distribution (``args`` by name), or ``Unwritable``."""
    from ..compat import lookup

    a = {k: plain(v) for k, v in args.items()}
    if name in ("quniform", "qrandint") and not _steps_evenly(a["low"], a["high"], a.get("q", 1)):
        raise Unwritable(
            f"Optuna's step must divide high - low ({a['high']} - {a['low']}); with step "
            f"{a.get('q', 1)} it would lower the upper bound (optuna/distributions.py "
            "`_adjust_discrete_uniform_high`)"
        )
    if name == "uniform":
        return Suggestion(FLOAT, label, (a["low"], a["high"]))
    if name == "quniform":
        return Suggestion(FLOAT, label, (a["low"], a["high"]), (("step", a["q"]),))
    if name == "loguniform":
        return Suggestion(FLOAT, label, (a["low"], a["high"]), (("log", True),))
    if name in ("randint", "uniformint") and _ints(a["low"], a["high"]):
        high = a["high"] - 1 if name == "randint" else a["high"]
        return Suggestion(INT, label, (a["low"], high))
    if name == "qrandint" and _ints(a["low"], a["high"], a.get("q", 1)):
        q = a.get("q", 1)
        return Suggestion(INT, label, (a["low"], a["high"]), (("step", q),) if q != 1 else ())
    if name == "lograndint" and _ints(a["low"], a["high"]):
        return Suggestion(INT, label, (a["low"], a["high"] - 1), (("log", True),))
    row = lookup("optuna", f"distribution.{name}")
    if name in WRITTEN:
        raise Unwritable("Optuna's IntDistribution needs integer bounds")
    raise Unwritable(row.reason)


def _steps_evenly(low: Any, high: Any, step: Any) -> bool:
    """Whether ``high - low`` is a whole number of steps, as Optuna checks it (in decimals)."""
    from decimal import Decimal, InvalidOperation

    try:
        span = Decimal(str(high)) - Decimal(str(low))
        return bool(span % Decimal(str(step)) == 0)
    except (InvalidOperation, ArithmeticError):
        return False


def _ints(*values: Any) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def spec_of(method: str, args: tuple[Any, ...], options: Mapping[str, Any]) -> CommentedMap:
    """The spec distribution of a ``suggest_*`` call (``method`` is the suggest method's name,
    deprecated ones included) with its arguments already read."""
    from ..yamlio import flow_map, flow_seq

    step, log = options.get("step"), bool(options.get("log", False))
    if method == "suggest_uniform":
        method = "suggest_float"
    elif method == "suggest_loguniform":
        method, log = "suggest_float", True
    elif method == "suggest_discrete_uniform":
        method, step = "suggest_float", args[2] if len(args) > 2 else options.get("q")
        args = args[:2]
    if method == "suggest_categorical":
        return flow_map(("choice", flow_seq(list(args[0]))))
    low, high = args[0], args[1]
    if method == "suggest_float":
        if log:
            return flow_map(("loguniform", flow_seq([low, high])))
        if step is not None:
            return flow_map(("quniform", flow_seq([low, high, step])))
        return flow_map(("uniform", flow_seq([low, high])))
    step = 1 if step is None else step
    if log:
        return flow_map(("lograndint", flow_seq([low, high + 1])))
    if step != 1:
        return flow_map(("qrandint", flow_seq([low, high, step])))
    return flow_map(("uniformint", flow_seq([low, high])))


def choice_value(value: Any) -> bool:
    """Whether ``value`` may be one of a CategoricalDistribution's choices."""
    return value is None or isinstance(value, (bool, int, float, str))


# The space as Optuna sees it: what the writer writes and what `to_distributions` builds.


@dataclass
class Entry:
    """One key of the space: a ``suggest_*`` call, a constant, a group, a conditional choice
    (``branches``: each option's tag and entries), or a node Optuna cannot hold."""

    key: str
    path: tuple[Any, ...]
    suggestion: Suggestion | None = None
    constant: Any = None
    is_constant: bool = False
    entries: list[Entry] = field(default_factory=list)
    branches: list[tuple[Any, list[Entry]]] = field(default_factory=list)
    problem: str | None = None

    @property
    def is_group(self) -> bool:
        return self.suggestion is None and not self.is_constant and self.problem is None


def plan(space: Any, path: tuple[Any, ...] = ("param_space",), prefix: str = "") -> list[Entry]:
    """The spec's space as Optuna entries, in the spec's order (labels as the spec derives
    them: a group's key path joined by ``/``; inside a choice's mapping options, the choice's
    own label)."""
    out: list[Entry] = []
    if not isinstance(space, Mapping):
        return out
    for key, value in space.items():
        label = f"{prefix}/{key}" if prefix else str(key)
        out.append(_plan_entry(str(key), value, (*path, key), label))
    return out


def _plan_entry(key: str, value: Any, path: tuple[Any, ...], label: str) -> Entry:
    from ..space import call_label

    dist = distribution_of(value)
    if dist is None or dist.kind == "group":
        body = group_body(value)
        if body is None:
            return Entry(key, path, constant=plain(value), is_constant=True)
        inner = path if body is value else (*path, "group")
        return Entry(key, path, entries=plan(body, inner, label))
    body = value[dist.name]
    if dist.kind == "constant":
        return Entry(key, path, constant=plain(body), is_constant=True)
    own = call_label(body, label)
    at = (*path, dist.name)
    if dist.name in ("choice", "grid_search"):
        field_ = "values" if dist.name == "grid_search" else "options"
        items = list((body.get(field_) if isinstance(body, Mapping) else body) or [])
        if items and all(isinstance(o, Mapping) and distribution_of(o) is None for o in items):
            return _conditional(key, path, items, own, at=at, body=body)
        if not all(choice_value(plain(o)) for o in items):
            return Entry(
                key,
                at,
                problem="Optuna's CategoricalDistribution takes None, bool, int, float or str "
                "choices only",
            )
        return Entry(key, path, Suggestion(CATEGORICAL, own, (tuple(plain(items)),)))
    names = dist.arg_names
    args = dict(body) if isinstance(body, Mapping) else dict(zip(names, body, strict=False))
    args.pop("label", None)
    try:
        return Entry(key, path, suggestion(dist.name, args, own))
    except Unwritable as exc:
        return Entry(key, at, problem=str(exc))


def _conditional(
    key: str, path: tuple[Any, ...], items: list[Any], label: str, *, at: tuple[Any, ...], body: Any
) -> Entry:
    """A choice of mappings: a categorical over the options' ``name`` values, and each option's
    other keys suggested in its branch (labels derived with the choice's label as prefix, as
    Ray Tune derives them)."""
    tags = [plain(o.get(TAG)) for o in items]
    if not all(TAG in o and choice_value(t) for o, t in zip(items, tags, strict=True)) or len(
        set(map(repr, tags))
    ) != len(tags):
        return Entry(
            key,
            at,
            problem=f"Optuna needs each option of a conditional choice to carry a distinct "
            f"`{TAG}` (a str, number, bool or null) to branch on",
        )
    field_ = "options" if isinstance(body, Mapping) else None
    branches = []
    for index, (option, tag) in enumerate(zip(items, tags, strict=True)):
        where = (*at, field_, index) if field_ else (*at, index)
        rest = {k: v for k, v in option.items() if k != TAG}
        branches.append((tag, plan(rest, where, label)))
    entry = Entry(key, path, Suggestion(CATEGORICAL, label, (tuple(tags),)))
    entry.branches = branches
    return entry


def walk(entries: list[Entry]) -> Iterator[Entry]:
    """Every entry, branches and groups included, depth first."""
    for entry in entries:
        yield entry
        yield from walk(entry.entries)
        for _, inner in entry.branches:
            yield from walk(inner)


def to_distributions(doc: Any) -> dict[str, Any]:
    """The spec's space as ``{name: optuna.distributions.BaseDistribution}`` (Optuna's
    ``study.ask(fixed_distributions)`` and ``create_trial`` take it): every parameter by its
    label, a conditional choice as the categorical of its options' ``name`` with its branches'
    parameters beside it. A node Optuna has no form for raises ``Unwritable`` naming it."""
    data = getattr(doc, "data", doc)
    out: dict[str, Any] = {}
    for entry in walk(plan((data or {}).get("param_space") or {})):
        if entry.problem is not None:
            where = ".".join(str(p) for p in entry.path)
            raise Unwritable(f"`{where}`: {entry.problem}")
        if entry.suggestion is not None:
            out[entry.suggestion.label] = entry.suggestion.distribution()
    return out


def from_distributions(distributions: Mapping[str, Any]) -> CommentedMap:
    """A spec ``param_space`` from Optuna distributions (``study.best_trial.distributions``,
    a search space dict): each by its name, names with ``/`` as nested groups."""
    space = CommentedMap()
    for name, dist in distributions.items():
        kind = type(dist).__name__
        if kind == "CategoricalDistribution":
            value = spec_of("suggest_categorical", (list(dist.choices),), {})
        elif kind in ("FloatDistribution", "IntDistribution"):
            method = "suggest_float" if kind == "FloatDistribution" else "suggest_int"
            step = (
                dist.step
                if kind == "FloatDistribution"
                else (dist.step if dist.step != 1 else None)
            )
            value = spec_of(method, (dist.low, dist.high), {"step": step, "log": dist.log})
        else:
            raise Unwritable(f"`{name}`: {kind} is not one of Optuna's distributions")
        place_at(space, str(name), value)
    return space


def place_at(space: CommentedMap, name: str, value: Any) -> None:
    """``space[name] = value``, a name with ``/`` in nested groups (the writer's labels)."""
    *groups, last = name.split("/") if "/" in name.strip("/") else [name]
    target = space
    for group in groups:
        inner = target.get(group)
        if not isinstance(inner, CommentedMap) or distribution_of(inner) is not None:
            inner = CommentedMap()
            target[group] = inner
        target = inner
    target[last] = value


# Search algorithms and schedulers as samplers and pruners.

# spec scheduler type -> (pruner, {spec option: pruner keyword}); the options not named have
# no pruner form and are lost when they differ from the scheduler's default.
PRUNERS: dict[str, tuple[str, dict[str, str]]] = {
    "fifo": ("NopPruner", {}),
    "async_hyperband": (
        "SuccessiveHalvingPruner",
        {"grace_period": "min_resource", "reduction_factor": "reduction_factor"},
    ),
    "hyperband": (
        "HyperbandPruner",
        {"max_t": "max_resource", "reduction_factor": "reduction_factor"},
    ),
    "median_stopping_rule": (
        "MedianPruner",
        {"grace_period": "n_warmup_steps", "min_samples_required": "n_startup_trials"},
    ),
}
# Pruner keyword defaults where they differ from the scheduler option they come from: read
# back, a pruner built without the keyword has Optuna's default.
PRUNER_DEFAULTS: dict[str, dict[str, Any]] = {
    "SuccessiveHalvingPruner": {"min_resource": "auto", "reduction_factor": 4},
    "HyperbandPruner": {"min_resource": 1, "max_resource": "auto", "reduction_factor": 3},
    "MedianPruner": {"n_startup_trials": 5, "n_warmup_steps": 0, "interval_steps": 1},
}


def scheduler_of(
    pruner: str, options: Mapping[str, Any]
) -> tuple[CommentedMap | None, dict[str, Any]]:
    """The spec scheduler of an Optuna pruner given ``options`` (its keywords; the others at
    Optuna's defaults), and the options the spec has no key for (`x-optuna.pruner_options`:
    Optuna's own, or `auto`); ``None`` for a pruner no spec scheduler stands for."""
    from ..vocabulary import SCHEDULER_BY_TYPE
    from ..yamlio import flow_map

    kind = next((k for k, (p, _) in PRUNERS.items() if p == pruner), None)
    if kind is None:
        return None, {}
    keywords = {v: k for k, v in PRUNERS[kind][1].items()}
    block = flow_map(("type", kind))
    if "time_attr" in {o.name for o in SCHEDULER_BY_TYPE[kind].options}:
        block["time_attr"] = "training_iteration"  # Optuna's steps are the reported ones
    defaults = PRUNER_DEFAULTS.get(pruner, {})
    rest: dict[str, Any] = {}
    for option, value in options.items():
        if option in keywords and value != "auto":
            block[keywords[option]] = value
        elif option in keywords or value != defaults.get(option, _UNSET):
            rest[option] = value
    for keyword, spec_option in keywords.items():
        default = defaults.get(keyword)
        if spec_option in block or keyword in rest or default is None:
            continue
        if default == "auto":
            rest[keyword] = default
        else:
            block[spec_option] = default
    return block, rest


_UNSET = object()


# spec search_alg type -> the sampler Optuna runs for it, and {spec option: sampler keyword}
SAMPLERS: dict[str, tuple[str, dict[str, str]]] = {
    "variant_generator": ("RandomSampler", {"random_state": "seed"}),
    "hyperopt": (
        "TPESampler",
        {"n_initial_points": "n_startup_trials", "random_state_seed": "seed"},
    ),
    "bayesopt": ("GPSampler", {"random_state": "seed"}),
}
SAMPLER_NAMES = (
    "TPESampler",
    "RandomSampler",
    "GridSampler",
    "CmaEsSampler",
    "QMCSampler",
    "GPSampler",
    "NSGAIISampler",
    "NSGAIIISampler",
    "BruteForceSampler",
)
PRUNER_NAMES = (
    "NopPruner",
    "MedianPruner",
    "PercentilePruner",
    "SuccessiveHalvingPruner",
    "HyperbandPruner",
    "ThresholdPruner",
    "PatientPruner",
    "WilcoxonPruner",
)


@dataclass
class Study:
    """The study a spec describes, as Optuna takes it: every value plain data."""

    direction: str | None = None
    n_trials: int | None = None
    timeout: float | None = None
    n_jobs: int | None = None
    sampler: tuple[str, dict[str, Any]] | None = None
    pruner: tuple[str, dict[str, Any]] | None = None
    grid: dict[str, list[Any]] | None = None
    problems: list[tuple[tuple[Any, ...], str]] = field(default_factory=list)


def study_of(data: Mapping[str, Any]) -> Study:
    """The Optuna study of a spec, with the places it cannot say (``problems``: path, why)."""
    study = Study()
    mode = data.get("mode")
    if mode in ("min", "max"):
        study.direction = "minimize" if mode == "min" else "maximize"
    if isinstance(data.get("num_samples"), int):
        study.n_trials = data["num_samples"]
    if isinstance(data.get("time_budget_s"), (int, float)):
        study.timeout = data["time_budget_s"]
    if isinstance(data.get("max_concurrent_trials"), int) and data["max_concurrent_trials"] > 1:
        study.n_jobs = data["max_concurrent_trials"]
    carried = data.get("x-optuna")
    extra: Mapping[str, Any] = carried if isinstance(carried, Mapping) else {}
    study.sampler = _sampler(data, study, extra)
    study.pruner = _pruner(data, study, extra)
    return study


def _sampler(
    data: Mapping[str, Any], study: Study, extra: Mapping[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    block = data.get("search_alg")
    kind = block.get("type") if isinstance(block, Mapping) else "variant_generator"
    options = (
        {k: plain(v) for k, v in block.items() if k != "type"} if isinstance(block, Mapping) else {}
    )
    more = plain(extra.get("sampler_options") or {})
    grids = _grids(data.get("param_space"))
    if kind == "optuna":
        _unmapped(str(kind), options, {"sampler", "seed"}, study)
        name = options.get("sampler") or "TPESampler"
        kw = {"seed": options["seed"]} if options.get("seed") is not None else {}
        return str(name), {**kw, **more}
    if kind == "variant_generator" and grids is not None:
        study.grid = grids
        return "GridSampler", {}
    if kind not in SAMPLERS:
        study.problems.append((("search_alg", "type"), "no Optuna sampler"))
        return None
    name, keywords = SAMPLERS[kind]
    _unmapped(str(kind), options, set(keywords), study)
    kw = {keywords[k]: v for k, v in options.items() if k in keywords and v is not None}
    return name, {**kw, **more}


def _unmapped(kind: str, options: Mapping[str, Any], mapped: set[str], study: Study) -> None:
    """The search algorithm's options that its sampler has no keyword for, where they differ
    from the default (HyperOpt's `gamma`, `points_to_evaluate`...): named, not dropped."""
    from ..vocabulary import SEARCH_BY_TYPE

    component = SEARCH_BY_TYPE.get(kind)
    defaults = {o.name: o.default for o in component.options} if component else {}
    for option, value in options.items():
        if option not in mapped and value != defaults.get(option, _UNSET):
            study.problems.append(
                (("search_alg", option), f"Optuna's sampler has no keyword for `{option}`")
            )


def _grids(space: Any) -> dict[str, list[Any]] | None:
    """``{label: values}`` when every parameter of the space is a top-level grid search (beside
    constants): what Optuna's GridSampler searches."""
    out: dict[str, list[Any]] = {}
    for key, value in space.items() if isinstance(space, Mapping) else ():
        dist = distribution_of(value)
        if dist is not None and dist.name == "grid_search":
            body = value[dist.name]
            items = body.get("values") if isinstance(body, Mapping) else body
            out[str(key)] = plain(list(items or []))
        elif (dist is None and isinstance(value, Mapping)) or (
            dist is not None and dist.kind != "constant"
        ):
            return None  # a group or a sampled parameter: not a grid over the whole space
    return out or None


def _pruner(
    data: Mapping[str, Any], study: Study, extra: Mapping[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    from ..vocabulary import SCHEDULER_BY_TYPE

    carried = extra.get("pruner")
    block = data.get("scheduler")
    if not isinstance(block, Mapping):
        if isinstance(carried, Mapping) and isinstance(carried.get("type"), str):
            return str(carried["type"]), {k: plain(v) for k, v in carried.items() if k != "type"}
        # Ray's default runs every trial to its end; Optuna's default pruner is MedianPruner
        return "NopPruner", {}
    kind = block.get("type")
    if kind not in PRUNERS:
        study.problems.append((("scheduler", "type"), "no Optuna pruner"))
        return None
    name, keywords = PRUNERS[str(kind)]
    component = SCHEDULER_BY_TYPE[str(kind)]
    defaults = {o.name: o.default for o in component.options}
    # every option that maps is written, defaults included: Ray's and Optuna's differ
    kw: dict[str, Any] = {
        keywords[o]: plain(block.get(o, defaults.get(o))) for o in keywords if o in defaults
    }
    kw.update(plain(extra.get("pruner_options") or {}))
    for option, written in block.items():
        if option == "type" or option in keywords:
            continue
        value = plain(written)
        if option == "time_attr" and value == "training_iteration":
            continue  # Optuna's steps are the steps the objective reports
        elif value != defaults.get(option, object()):
            study.problems.append((("scheduler", option), f"{name} has no such option"))
    if kind in ("median_stopping_rule",) and block.get("time_attr", defaults.get("time_attr")) != (
        "training_iteration"
    ):
        study.problems.append(
            (
                ("scheduler", "time_attr"),
                f"{name} counts the steps the objective reports, not seconds",
            )
        )
    return name, kw


def build_sampler(study: Study) -> Any:
    import optuna

    if study.sampler is None:
        return None
    name, kw = study.sampler
    cls = getattr(optuna.samplers, name)
    if name == "GridSampler":
        return cls(study.grid or {}, **kw)
    return cls(**kw)


def build_pruner(study: Study) -> Any:
    import optuna

    if study.pruner is None:
        return None
    name, kw = study.pruner
    return getattr(optuna.pruners, name)(**kw)


def sample(trial: Any, entries: list[Entry]) -> dict[str, Any]:
    """One trial's configuration in the spec's shape, suggested on an Optuna ``trial`` in the
    spec's order: the same calls the written module's ``suggest`` makes."""
    config: dict[str, Any] = {}
    for entry in entries:
        if entry.problem is not None:
            raise Unwritable(entry.problem)
        if entry.is_constant:
            config[entry.key] = entry.constant
        elif entry.suggestion is None:
            config[entry.key] = sample(trial, entry.entries)
        else:
            s = entry.suggestion
            value = getattr(trial, f"suggest_{s.method}")(s.label, *s.args, **dict(s.options))
            config[entry.key] = value
            for tag, body in entry.branches:
                if tag == value and type(tag) is type(value):
                    config[entry.key] = {TAG: tag, **sample(trial, body)}
    return config


@dataclass
class FromStudy:
    """A spec (as data, in key order) for a live Optuna study."""

    data: CommentedMap
    # What could not be read back, each naming its key path in the spec.
    losses: list[str] = field(default_factory=list)


# The options each pruner keeps on itself (Optuna 5 keeps them as `_name` attributes).
_PRUNER_ATTRIBUTES = {
    "MedianPruner": ("n_startup_trials", "n_warmup_steps", "interval_steps"),
    "PercentilePruner": ("percentile", "n_startup_trials", "n_warmup_steps", "interval_steps"),
    "SuccessiveHalvingPruner": ("min_resource", "reduction_factor", "min_early_stopping_rate"),
    "HyperbandPruner": ("min_resource", "max_resource", "reduction_factor"),
    "ThresholdPruner": ("lower", "upper", "n_warmup_steps", "interval_steps"),
}


def _default(cls: Any, keyword: str) -> Any:
    """A constructor keyword's default, from the installed Optuna's own signature."""
    import inspect

    parameter = inspect.signature(cls).parameters.get(keyword)
    return None if parameter is None else parameter.default


def from_study(study: Any) -> FromStudy:
    """The spec of a live ``optuna.Study``: its direction, the distributions its trials
    suggested (each by its name), its sampler and pruner. A sampler's seed lives in its random
    generator and cannot be read back; a parameter that only some trials suggested (a branch of
    the objective) is read as always suggested: both are listed in ``losses``."""
    from ..yamlio import flow_map

    data = CommentedMap([("sweepspec", 1), ("metric", "value")])
    losses: list[str] = []
    data["mode"] = "max" if study.direction.name == "MAXIMIZE" else "min"
    sampler = type(study.sampler).__name__
    data["search_alg"] = flow_map(("type", "optuna"), ("sampler", sampler))
    losses.append("search_alg.seed: a sampler keeps its seed inside its random generator")
    extra = CommentedMap()
    startup = getattr(study.sampler, "_n_startup_trials", None)
    if startup is not None and startup != _default(type(study.sampler), "n_startup_trials"):
        extra["sampler_options"] = flow_map(("n_startup_trials", startup))
    pruner = type(study.pruner).__name__
    options = {
        name: getattr(study.pruner, f"_{name}")
        for name in _PRUNER_ATTRIBUTES.get(pruner, ())
        if hasattr(study.pruner, f"_{name}")
    }
    block, rest = scheduler_of(pruner, options)
    if block is not None:
        data["scheduler"] = block
        if rest:
            extra["pruner_options"] = flow_map(*rest.items())
    elif pruner in PRUNER_NAMES:
        extra["pruner"] = flow_map(("type", pruner), *options.items())
    else:
        losses.append(f"scheduler: {pruner} is not one of Optuna's pruners")
    if len(extra):
        data["x-optuna"] = extra
    seen: dict[str, Any] = {}
    counts: dict[str, int] = {}
    for trial in study.trials:
        for name, dist in trial.distributions.items():
            seen.setdefault(name, dist)
            counts[name] = counts.get(name, 0) + 1
    data["param_space"] = from_distributions(seen)
    some = sorted(n for n, c in counts.items() if c < len(study.trials))
    if some:
        losses.append(
            "param_space: suggested by some trials only (a branch of the objective), read as "
            f"always suggested: {', '.join(some)}"
        )
    return FromStudy(data, losses)
