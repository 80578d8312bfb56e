"""The seed's legacy W&B Ray Tune YAML (``wandb.sweeps.config.tune``) <-> the spec.

The format (``wandb-sweeps.md`` §1.2 to §1.6): a top-level ``tune:`` mapping holding
``tune.run``'s arguments, each call serialised as ``{<module>.<name>: <list | mapping |
{args, kwargs}>}``; ``None`` arguments dropped; ``_wandb`` holds the seed and versions; ``program``
repeats ``run_or_experiment``. Only ``hp.choice``, ``hp.uniform``, ``hp.loguniform``,
``tune.uniform`` and ``tune.loguniform`` ever had wrappers, and only ``HyperOptSearch`` and
``AsyncHyperBandScheduler``; anything else is reported from the ``wandb-tune`` table.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..checks.context import is_finite
from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import Locator
from ..loader import Document
from ..numbers import exp_exact, log_exact
from ..space import SPACE_KEY, distribution_of
from ..yamlio import dump, flow_map, flow_seq, yaml11_safe
from .model import Reading, Writing
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
    """``{name: payload}`` -> (name, args, kwargs), for the shim's three encodings; ``None``
    for anything else (including ``{args, kwargs}`` whose parts are not a list and a mapping)."""
    if not isinstance(node, Mapping) or len(node) != 1:
        return None
    ((name, payload),) = node.items()
    if isinstance(payload, list):
        return str(name), list(payload), {}
    if isinstance(payload, Mapping) and set(payload) <= {"args", "kwargs"} and payload:
        args, kwargs = payload.get("args", []), payload.get("kwargs", {})
        if not isinstance(args, list) or not isinstance(kwargs, Mapping):
            return None
        return str(name), list(args), {str(k): v for k, v in kwargs.items()}
    if isinstance(payload, Mapping):
        return str(name), [], {str(k): v for k, v in payload.items()}
    return str(name), [payload], {}


# --- legacy -> spec ------------------------------------------------------------------------


def to_spec(doc: Document) -> Conversion:
    here = Locator(doc)
    found: list[Diagnostic] = []
    data: Mapping[str, Any] = doc.data
    tune: Any = data.get("tune", {})
    if not isinstance(tune, Mapping):
        what = "is empty: it holds" if tune is None else "is a mapping of"
        found.append(here.at_value("X003", f"`tune` {what} `tune.run`'s arguments", ("tune",)))
        tune = {}
    out = CommentedMap()
    out["sweepspec"] = 1
    extra = CommentedMap()
    for key, value in data.items():
        if key == "tune":
            continue
        if key in ("name", "description"):
            out[key] = value
        elif key == "search_alg":
            # its place in x-wandb-tune holds the searcher's other options
            found.append(
                here.at_key(
                    "X001",
                    "`search_alg` is `tune.run`'s, and belongs under `tune:`; at the top of the "
                    "file it is not carried",
                    (key,),
                    severity=Severity.WARNING,
                )
            )
        elif key != "program":
            extra[key] = value
    _program(data, tune, out, here, found)
    search = _searcher(tune, here, found)
    options = search[2] if search else {}
    if search is not None:
        # what HyperOptSearch optimised when not told, in the Ray (0.7.6) the shim ran
        options = {"metric": "episode_reward_mean", "mode": "max", **options}
    for key in ("metric", "mode"):
        if key in options:
            out[key] = options[key]
    if "num_samples" in tune:
        out["num_samples"] = tune["num_samples"]
    for key in ("time_budget_s", "stop", "resources_per_trial"):
        if key in tune:
            out[key] = tune[key]
    if search is not None:
        out["search_alg"] = _search_block(search, extra)
    if "scheduler" in tune:
        _scheduler(tune["scheduler"], out, here, found)
    where: JsonPath = ("tune", "config")
    space = tune.get("config")
    if search:
        space, where = options.get("space"), ("tune", "search_alg", search[0], "space")
    given = "space" in options if search else "config" in tune
    if space is None and given:
        found.append(
            here.at_key(
                "X001",
                "the space is empty (null), and is written as `{}`",
                where,
                severity=Severity.WARNING,
            )
        )
    if space is not None and not isinstance(space, Mapping):
        found.append(here.at_value("X003", "the space is a mapping of names to parameters", where))
        space = None
    out[SPACE_KEY] = _space(space or {}, where, here, found)
    for key, value in tune.items():
        if key not in _TUNE_KEYS and not (key == "config" and search is None):
            extra.setdefault("tune", CommentedMap())[key] = value
    if extra:
        out[PASSTHROUGH] = extra
    return Conversion(out, found)


def _program(
    data: Mapping[str, Any],
    tune: Mapping[str, Any],
    out: CommentedMap,
    here: Locator,
    found: list[Diagnostic],
) -> None:
    """The spec's one program: the agent's `program`, which the shim also wrote to
    `run_or_experiment`; a second, different one is named."""
    program = data.get("program")
    if program is None and "program" in data:
        found.append(
            here.at_key(
                "X001",
                "`program` is empty, and the spec's program is `run_or_experiment`'s: not carried",
                ("program",),
                severity=Severity.WARNING,
            )
        )
    if program is None:
        program = tune.get("run_or_experiment")
    elif tune.get("run_or_experiment", program) != program:
        # the shim writes one value to both; the spec has one program, the agent's
        found.append(
            here.at_value(
                "X001",
                f"`run_or_experiment` is not `program` ({program!r}), and the spec has one "
                "program, `program`'s: this one is not carried",
                ("tune", "run_or_experiment"),
                severity=Severity.WARNING,
            )
        )
    if program is not None:
        out["program"] = program


_Call = tuple[str, list[Any], dict[str, Any]]


def _kwargs_path(node: Any) -> JsonPath:
    """Where a call's keywords are under its name: in `kwargs` of the `{args, kwargs}` form."""
    ((_, payload),) = node.items()
    return ("kwargs",) if isinstance(payload, Mapping) and "kwargs" in payload else ()


# The constructors' parameters in order, in Ray 0.7.6 (ray/tune/suggest/hyperopt.py,
# ray/tune/schedulers/async_hyperband.py): positional arguments are these.
POSITIONAL = {
    SEARCHER: (
        "space",
        "max_concurrent",
        "reward_attr",
        "metric",
        "mode",
        "points_to_evaluate",
        "n_initial_points",
        "random_state_seed",
        "gamma",
    ),
    SCHEDULER: (
        "time_attr",
        "reward_attr",
        "metric",
        "mode",
        "max_t",
        "grace_period",
        "reduction_factor",
        "brackets",
    ),
}


def _by_keyword(
    call: _Call | None, path: JsonPath, here: Locator, found: list[Diagnostic]
) -> _Call | None:
    """``call`` with its positional arguments given by keyword; ``None``, said, when there are
    too many, or one is given twice."""
    if call is None or not call[1] or call[0] not in POSITIONAL:
        return call
    name, args, kwargs = call
    names = POSITIONAL[name]
    problem = None
    if len(args) > len(names):
        problem = f"`{name}` takes {len(names)} arguments at most"
    else:
        twice = [n for n in names[: len(args)] if n in kwargs]
        if twice:
            problem = f"`{twice[0]}` of `{name}` is given twice"
    if problem is not None:
        found.append(here.at_key("X003", f"{problem}; not carried", path))
        return None
    return name, [], {**dict(zip(names, args, strict=False)), **kwargs}


def _searcher(tune: Mapping[str, Any], here: Locator, found: list[Diagnostic]) -> _Call | None:
    """The ``HyperOptSearch`` call, if any; any other ``search_alg`` is reported."""
    search = _call(tune.get("search_alg"))
    if search is not None and search[0] == SEARCHER and search[1]:
        return _by_keyword(search, ("tune", "search_alg"), here, found)
    if "search_alg" in tune and (search is None or search[0] != SEARCHER):
        what = f"`{search[0]}`" if search else "this `search_alg`"
        found.append(
            here.at_key(
                "X003",
                f"cannot read {what}: the legacy format has only `{SEARCHER}: {{...}}`",
                ("tune", "search_alg"),
            )
        )
        return None
    return search


def _search_block(search: _Call, extra: CommentedMap) -> CommentedMap:
    options = search[2]
    block = flow_map(("type", "hyperopt"))
    for option in SEARCH_OPTIONS:
        if option in options:
            block[option] = options[option]
    rest = {
        k: v for k, v in options.items() if k not in (*SEARCH_OPTIONS, "metric", "mode", "space")
    }
    if rest:
        extra.setdefault("search_alg", CommentedMap())[search[0]] = CommentedMap(rest)
    return block


def _scheduler(node: Any, out: CommentedMap, here: Locator, found: list[Diagnostic]) -> None:
    scheduler = _call(node)
    if scheduler is not None and scheduler[0] == SCHEDULER and scheduler[1]:
        scheduler = _by_keyword(scheduler, ("tune", "scheduler"), here, found)
        if scheduler is None:
            return
    if scheduler is None or scheduler[0] != SCHEDULER:
        what = f"`{scheduler[0]}`" if scheduler else "this `scheduler`"
        found.append(here.at_key("X003", f"unknown scheduler {what}", ("tune", "scheduler")))
        return
    kwargs = scheduler[2]
    block = CommentedMap([("type", "async_hyperband")])
    for option in SCHEDULER_OPTIONS:
        if option in kwargs:
            block[option] = kwargs[option]
    out["scheduler"] = block
    # what the scheduler optimised when not told, in the Ray (0.7.6) the shim ran
    defaults = {"metric": "episode_reward_mean", "mode": "max"}
    for key in ("metric", "mode"):
        if key not in out:
            out[key] = kwargs.get(key, defaults[key])
        elif key in kwargs and out[key] != kwargs[key]:
            found.append(
                here.at_value(
                    "X001",
                    f"the spec has one `{key}`, the search's ({out[key]!r}): the scheduler's "
                    "is not carried",
                    ("tune", "scheduler", SCHEDULER, *_kwargs_path(node), key),
                    severity=Severity.WARNING,
                )
            )
    for key in kwargs:
        if key not in (*SCHEDULER_OPTIONS, "metric", "mode"):
            found.append(
                here.at_key(
                    "X001",
                    f"`{key}` is no option of {SCHEDULER} the spec has: not carried",
                    ("tune", "scheduler", SCHEDULER, *_kwargs_path(node), key),
                    severity=Severity.WARNING,
                )
            )


def _space(
    space: Mapping[str, Any], path: JsonPath, here: Locator, found: list[Diagnostic]
) -> CommentedMap:
    out = CommentedMap()
    for key, node in space.items():
        call = _call(node)
        if call is None:
            out[key] = node
            continue
        name, args, kwargs = call
        label: Any = key
        if name.startswith("hyperopt.hp."):
            label = args.pop(0) if args else kwargs.pop("label", None)
        based = name == "tune.loguniform" and (len(args) > 2 or "base" in kwargs)
        converted = _distribution(name, args, kwargs)
        if not isinstance(label, str):
            converted = "a hyperopt label is a string"  # hyperopt raises TypeError
        if isinstance(converted, str):
            # not carried: the spec would read `{name: [...]}` as something else, or nothing
            found.append(here.at_key("X003", f"{converted}; not carried", (*path, key)))
            continue
        dist, values = converted
        if based:
            found.append(
                here.at_key(
                    "X002",
                    "`base` changes the logarithm, not the distribution between the bounds; "
                    "the spec's `loguniform` is the same without it",
                    (*path, key),
                    severity=Severity.WARNING,
                )
            )
        if label != key:
            body = flow_map(*zip(_names(dist), values, strict=False), ("label", label))
            out[key] = flow_map((dist, body))
        else:
            out[key] = flow_map((dist, flow_seq(values) if dist != "choice" else values[0]))
    return out


def _names(dist: str) -> tuple[str, ...]:
    return ("options",) if dist == "choice" else ("low", "high")


# Each wrapper's spec distribution and its parameters in order, each with the names its
# keyword may have: the shim serialised hyperopt's and Ray 0.7.6's own names (Ray's
# `tune.uniform` passed its arguments on to numpy's, whose are `low` and `high`).
_SIGNATURES: dict[str, tuple[str, tuple[tuple[str, ...], ...]]] = {
    "hyperopt.hp.choice": ("choice", (("options",),)),
    "hyperopt.hp.uniform": ("uniform", (("low",), ("high",))),
    "tune.uniform": ("uniform", (("low", "lower"), ("high", "upper"))),
    "tune.loguniform": ("loguniform", (("min_bound",), ("max_bound",), ("base",))),
    "hyperopt.loguniform": ("loguniform", (("min_bound", "low"), ("max_bound", "high"))),
    "hyperopt.hp.loguniform": ("loguniform", (("low", "min_bound"), ("high", "max_bound"))),
}


# The modules the legacy engine executed calls of (wandb/wandb wandb/sweeps/engine/engine.py,
# `supported`); a call the shim wrote under another module failed when the sweep started.
ENGINE_MODULES = ("tune", "hyperopt.hp")
REJECTED = tuple(name for name in _SIGNATURES if name.rpartition(".")[0] not in ENGINE_MODULES)
"""The calls the seed's own shim wrote that its engine rejected: `hyperopt.loguniform`."""


def engine_rejections(doc: Document) -> Iterator[Diagnostic]:
    """Each call in a legacy file that the legacy engine rejected ("Module not supported"),
    though the seed's table lists the function it stands for as supported."""
    here = Locator(doc)

    def walk(node: Any, path: JsonPath) -> Iterator[Diagnostic]:
        if isinstance(node, Mapping):
            for key, value in node.items():
                if key in REJECTED:
                    module = str(key).rpartition(".")[0]
                    yield here.at_key(
                        "C001",
                        f'wandb-tune: the legacy engine rejected `{key}` ("Module not '
                        f'supported: {module}"): the sweep fails when it starts, though the '
                        "seed's table lists the function as supported",
                        (*path, key),
                        hint="the engine ran `tune.loguniform: {min_bound: ..., max_bound: "
                        "...}` with real bounds (exp of these exponents); or convert the file "
                        "to a spec",
                    )
                yield from walk(value, (*path, key))
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, (*path, index))

    yield from walk(doc.data, ())


def _distribution(
    name: str, args: list[Any], kwargs: dict[str, Any]
) -> tuple[str, list[Any]] | str:
    """The spec distribution and its arguments, or why the call cannot be read (an argument
    too many, or missing, is one: what the call meant is not known)."""
    if name not in _SIGNATURES:
        return f"unknown function `{name}`"
    dist, parameters = _SIGNATURES[name]
    if len(args) > len(parameters):
        return f"`{name}` takes {len(parameters)} arguments after the label at most"
    values = list(args)
    for aliases in parameters[len(args) :]:
        given = [alias for alias in aliases if alias in kwargs]
        if len(given) > 1:
            return f"`{name}` is given both `{given[0]}` and `{given[1]}`"
        if given:
            values.append(kwargs.pop(given[0]))
        elif aliases[0] != "base":
            return f"`{name}` is missing its argument `{aliases[0]}`"
    if kwargs:
        return f"`{next(iter(kwargs))}` is not an argument of `{name}`"
    if name == "tune.loguniform":
        # the base changes the logarithm, not the distribution between the bounds
        values = values[:2]
    if dist == "choice":
        if not isinstance(values[0], list):
            return f"`{name}` takes a label and a list of options"
        return "choice", [flow_seq(list(values[0]))]
    if name.startswith("hyperopt.") and dist == "loguniform":
        # hyperopt's log-space bounds; anything but numbers is left for `check` to report
        try:
            values = [
                exp_exact(b) if isinstance(b, float | int) and _finite(b) else b for b in values
            ]
        except OverflowError:
            return (
                f"`{name}` bounds {values[0]} and {values[1]} are exponents too large for a float"
            )
    return dist, values


# --- spec -> legacy ------------------------------------------------------------------------


def read(doc: Document) -> Reading:
    """The registry's reader: a legacy W&B Ray Tune document as a spec."""
    converted = to_spec(doc)
    return Reading(converted.data, converted.diagnostics)


def write(doc: Document) -> Writing:
    """The registry's writer: a spec as the legacy W&B Ray Tune YAML."""
    converted = to_legacy(doc)
    return Writing(dump(converted.data), converted.diagnostics)


def to_legacy(doc: Document) -> Conversion:
    here = Locator(doc)
    found: list[Diagnostic] = []
    data: Mapping[str, Any] = doc.data
    found_extra = data.get(PASSTHROUGH)
    # `check` refuses a spec whose x-wandb-tune is not a mapping; this is for callers who skip it
    extra: Mapping[str, Any] = found_extra if isinstance(found_extra, Mapping) else {}
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
    unsaid: list[tuple[JsonPath, str]] = []
    space = _legacy_space(data.get(SPACE_KEY) or {}, unsaid)
    for path, why in unsaid:
        found.append(here.at_key("X001", f"wandb-tune: {why}", path, severity=Severity.WARNING))
    scheduler = data.get("scheduler")
    with_scheduler = isinstance(scheduler, Mapping) and scheduler.get("type") == "async_hyperband"
    if isinstance(search, Mapping) and search.get("type") != "variant_generator":
        tune["search_alg"] = _legacy_searcher(data, search, extra, space)
    else:
        # Without a search algorithm the engine sampled `tune.config` itself (random search).
        tune["config"] = space
        lost = [key for key in ("metric", "mode") if key in data]
        if lost and not with_scheduler:
            found.append(
                here.at_key(
                    "X001",
                    f"wandb-tune: `{lost[0]}` has no place without a search algorithm or an "
                    "AsyncHyperBandScheduler, and is not carried",
                    (lost[0],),
                    severity=Severity.WARNING,
                )
            )
    if with_scheduler:
        assert isinstance(scheduler, Mapping)
        kwargs = CommentedMap((k, v) for k, v in scheduler.items() if k != "type")
        for key in ("metric", "mode"):
            if key in data:
                kwargs[key] = data[key]
        tune["scheduler"] = CommentedMap([(SCHEDULER, kwargs)])
    out["tune"] = tune
    return Conversion(yaml11_safe(out), found)  # W&B reads the legacy file with PyYAML too


def _legacy_searcher(
    data: Mapping[str, Any], search: Mapping[str, Any], extra: Mapping[str, Any], space: Any
) -> CommentedMap:
    options = CommentedMap()
    for key in ("metric", "mode"):
        if key in data:
            options[key] = data[key]
    for option in SEARCH_OPTIONS:
        if option in search:
            options[option] = search[option]
    more = (extra.get("search_alg") or {}).get(SEARCHER) or {}
    for key, value in more.items():
        options[key] = value
    options["space"] = space
    return CommentedMap([(SEARCHER, options)])


def _legacy_space(space: Mapping[str, Any], lost: list[tuple[JsonPath, str]]) -> CommentedMap:
    """The shim's space; what it cannot say and the table does not report goes to ``lost``."""
    out = CommentedMap()
    for key, value in space.items():
        dist = distribution_of(value)
        if dist is None:
            out[key] = value
            continue
        body = value[dist.name]
        path = (SPACE_KEY, key, dist.name)
        if dist.kind == "constant":
            out[key] = body  # the engine passed anything but a `{module.function: ...}` through
            if isinstance(body, Mapping) and len(body) == 1:
                lost.append((path, "a constant mapping of one key reads as a function call"))
            continue
        label = body.get("label", key) if isinstance(body, Mapping) else key
        if dist.name == "loguniform" and label != key:
            lost.append(((*path, "label"), "`hyperopt.loguniform` has no label; it is not carried"))
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
        # else: the shim has no call for it, and would pass `{randint: ...}` to the trial as a
        # constant mapping: left out (losses.py reports what does not come back, and why)
    return out


def _finite(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and is_finite(value)


def origin(path: JsonPath, data: Any = None) -> JsonPath:
    """The legacy path of the spec node at ``path``: the space under `tune.config`, or under the
    searcher's `space` where the file has one; settings under `tune`."""
    if not path:
        return path
    head, rest = path[0], path[1:]
    tune = data.get("tune") if isinstance(data, Mapping) else None
    search = tune.get("search_alg") if isinstance(tune, Mapping) else None
    searcher: JsonPath = (
        ("tune", "search_alg", SEARCHER) if isinstance(search, Mapping) else ("tune",)
    )
    if head == SPACE_KEY:
        space = (*searcher, "space") if searcher != ("tune",) else ("tune", "config")
        return (*space, *rest[:1])
    if head in ("metric", "mode"):
        return (*searcher, head)
    if head == "program" and not (isinstance(data, Mapping) and "program" in data):
        return ("tune", "run_or_experiment")
    if head in ("num_samples", "stop", "time_budget_s", "resources_per_trial", "scheduler"):
        return ("tune", head)
    if head == PASSTHROUGH:
        return rest
    return (head,)
