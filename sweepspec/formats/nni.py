"""NNI search spaces (``search_space.json``) and experiment configs, read into a spec.

An NNI search space maps each parameter to ``{"_type": ..., "_value": [...]}``; its vocabulary
is hyperopt's, with NNI's own semantics where they differ (microsoft/nni
``docs/source/hpo/search_space.rst``): ``randint`` is ``[lower, upper)`` (an old form gives
``[upper]``, from 0), ``loguniform`` takes real bounds, and the quantised types clip the rounded
value to ``[low, high]`` (the spec's, hyperopt's, do not: the same values only when the bounds
are multiples of ``q``, which the reader notes where they are not). A ``choice`` whose options
are mappings with ``_name`` is a nested sub-space: a conditional choice whose options keep
``_name`` (the key the trial sees).

An experiment config (``searchSpace`` inline or ``searchSpaceFile``, ``tuner``, ``assessor``,
``trialCommand``, ``trialConcurrency``, ``maxTrialNumber``, ``maxExperimentDuration``...) gives
the settings; what the spec has no key for is carried in ``x-nni``, and a tuner or assessor
the spec cannot run is carried there too, with a note. Nothing is run or imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import Locator
from ..loader import Document
from ..meaning import plain
from ..space import SPACE_KEY
from ..yamlio import flow_map, flow_seq
from .model import Reading, Writing

# NNI type -> (spec distribution, number of arguments)
TYPES = {
    "uniform": ("uniform", 2),
    "quniform": ("quniform", 3),
    "loguniform": ("loguniform", 2),
    "qloguniform": ("qloguniform", 3),
    "normal": ("normal", 2),
    "qnormal": ("qnormal", 3),
    "lognormal": ("lognormal", 2),
    "qlognormal": ("qlognormal", 3),
    "randint": ("randint", 2),
}
NAME = "_name"  # the key of a nested sub-space's own value
CONFIG_KEYS = frozenset(
    {"searchSpace", "searchSpaceFile", "trialCommand", "tuner", "trainingService", "advisor"}
)
_SETTINGS = {
    "experimentName": "name",
    "maxTrialNumber": "num_samples",
    "trialConcurrency": "max_concurrent_trials",
}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
METRIC = "default"  # the key NNI keeps a reported number under


def is_space(data: Any) -> bool:
    """An NNI search space: a mapping whose parameters are ``_type`` mappings (one is enough:
    an entry written otherwise is a mistake the reader names)."""
    return isinstance(data, Mapping) and any(
        isinstance(v, Mapping) and "_type" in v for v in data.values()
    )


def is_config(data: Any) -> bool:
    """An NNI experiment config: a search space (inline or a file) and a trial command, or a
    tuner, or a training service."""
    return (
        isinstance(data, Mapping)
        and ("searchSpace" in data or "searchSpaceFile" in data)
        and any(k in data for k in ("trialCommand", "tuner", "trainingService", "advisor"))
    )


def detect(data: Any) -> bool:
    return is_space(data) or is_config(data)


def read(doc: Document) -> Reading:
    """The registry's reader: an NNI search space or experiment config as a spec."""
    return _Reader(doc).run()


def origin(path: JsonPath, data: Any = None) -> JsonPath:
    """The NNI path of the spec node at ``path``: a parameter at its key (under
    ``searchSpace`` in a config), its distribution's arguments at ``_value``, the options of a
    choice at ``_value``; the settings at their config keys."""
    base: JsonPath = ("searchSpace",) if is_config(data) else ()
    if not path:
        return path
    head, rest = path[0], path[1:]
    if head == SPACE_KEY:
        # a distribution's name in the spec's path is NNI's `_value` (its arguments, options)
        names = {"choice", *(spec for spec, _ in TYPES.values())}
        return (*base, *("_value" if part in names else part for part in rest)) or base
    mapped = {v: k for k, v in _SETTINGS.items()}
    if head in mapped:
        return (mapped[head],)
    if head in ("metric", "mode"):
        return ("tuner", "classArgs", "optimize_mode") if isinstance(data, Mapping) else ()
    if head == "time_budget_s":
        return ("maxExperimentDuration",)
    if head == "program":
        return ("trialCommand",)
    if head == "search_alg":
        return ("tuner",)
    if head == "scheduler":
        return ("assessor",)
    if head == "x-nni":
        return rest
    return path


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.here = Locator(doc)
        self.found: list[Diagnostic] = []
        self.extra = CommentedMap()
        self.metric: str | None = None  # from `python3 -m sweepspec.nni_trial ... --metric`

    def note(self, code: str, message: str, path: JsonPath, severity: Severity) -> None:
        self.found.append(self.here.at_key(code, message, path, severity=severity))

    def run(self) -> Reading:
        data = self.doc.data
        out = CommentedMap([("sweepspec", 1)])
        if is_config(data):
            self.config(data, out)
            space, base, locator = self.space_of(data)
        else:
            space, base, locator = data, (), self.here
        out["param_space"] = self.space(space, base, locator)
        if len(self.extra):
            out.insert(len(out) - 1, "x-nni", self.extra)
        return Reading(out, self.found)

    # the experiment config

    def config(self, data: Mapping[str, Any], out: CommentedMap) -> None:
        from .pysource import in_spec_order

        for key, value in data.items():
            if key in _SETTINGS:
                out[_SETTINGS[key]] = value
            elif key == "maxExperimentDuration":
                seconds = _duration(value)
                if seconds is None:
                    self.extra[key] = value
                    self.note(
                        "X003", f"`{key}: {value}` is not a duration", (key,), Severity.WARNING
                    )
                else:
                    out["time_budget_s"] = seconds
            elif key == "trialCommand":
                program, metric = _script(value)
                if program is None:
                    self.extra[key] = value  # the command as it is: NNI runs it
                else:
                    out["program"] = program
                    self.metric = metric
            elif key == "tuner":
                self.tuner(value, out)
            elif key == "assessor":
                self.assessor(value, out)
            elif key == "trainingService" and plain(value) == {"platform": "local"}:
                continue  # the spec's own default, which the writer writes back
            elif key not in ("searchSpace", "searchSpaceFile"):
                self.extra[key] = value  # trialCodeDirectory, trainingService, ...
        if "searchSpaceFile" in data:
            self.extra["searchSpaceFile"] = data["searchSpaceFile"]
        if self.metric is not None and "metric" in out:
            out["metric"] = self.metric  # the metric the trial bridge reports as `default`
        in_spec_order(out)

    def tuner(self, block: Any, out: CommentedMap) -> None:
        if not isinstance(block, Mapping):
            self.extra["tuner"] = block
            return
        given = block.get("classArgs")
        args: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
        mode = args.get("optimize_mode")
        if mode in ("minimize", "maximize"):
            out["metric"] = METRIC
            out["mode"] = "min" if mode == "minimize" else "max"
        name = str(block.get("name", ""))
        rest = {k: v for k, v in args.items() if k not in ("optimize_mode", "seed")}
        plain_block = set(block) <= {"name", "classArgs"}  # no custom code, no GPU indices
        if name == "TPE" and not rest and plain_block:
            search = flow_map(("type", "hyperopt"))
            if args.get("seed") is not None:
                search["random_state_seed"] = args["seed"]
            out["search_alg"] = search
            return
        if name == "Random" and not rest and "seed" not in args and plain_block:
            return  # the spec's default search: random
        carried = CommentedMap((k, v) for k, v in block.items())
        self.extra["tuner"] = carried
        self.note(
            "X004",
            f"the `{name}` tuner has no spec search algorithm; it is carried in `x-nni.tuner`, "
            "which only NNI runs",
            ("tuner",),
            Severity.INFO,
        )

    def assessor(self, block: Any, out: CommentedMap) -> None:
        given = block.get("classArgs") if isinstance(block, Mapping) else None
        args: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
        median = (
            isinstance(block, Mapping)
            and block.get("name") == "Medianstop"
            and set(block) <= {"name", "classArgs"}
        )
        if median and set(args) <= {"optimize_mode", "start_step"}:
            scheduler = flow_map(
                ("type", "median_stopping_rule"), ("time_attr", "training_iteration")
            )
            scheduler["grace_period"] = args.get("start_step", 0)
            out["scheduler"] = scheduler
            return
        self.extra["assessor"] = block
        self.note(
            "X004",
            "this assessor has no spec scheduler; it is carried in `x-nni.assessor`, which only "
            "NNI runs",
            ("assessor",),
            Severity.INFO,
        )

    def space_of(self, data: Mapping[str, Any]) -> tuple[Any, JsonPath, Locator]:
        if "searchSpace" in data:
            return data["searchSpace"], ("searchSpace",), self.here
        name = data.get("searchSpaceFile")
        path = Path(self.doc.file).parent / str(name)
        from ..loader import load_file

        try:
            sub = load_file(path)
        except OSError as exc:
            self.note(
                "X003",
                f"cannot read the search space file `{name}`: {exc.strerror or exc}",
                ("searchSpaceFile",),
                Severity.ERROR,
            )
            return {}, (), self.here
        if sub.fatal:
            self.found.extend(sub.diagnostics)
            return {}, (), self.here
        return sub.data, (), Locator(sub)

    # the search space

    def space(self, space: Any, base: JsonPath, locator: Locator) -> CommentedMap:
        out = CommentedMap()
        if not isinstance(space, Mapping):
            self.found.append(
                locator.at_value("X003", "an NNI search space is a mapping of parameters", base)
            )
            return out
        for key, entry in space.items():
            value = self.parameter(entry, (*base, key), locator)
            if value is not None:
                out[str(key)] = value
        return out

    def parameter(self, entry: Any, path: JsonPath, locator: Locator) -> Any:
        if not isinstance(entry, Mapping) or "_type" not in entry or "_value" not in entry:
            self.found.append(
                locator.at_key(
                    "X003",
                    f"`{path[-1]}` is not an NNI parameter (`{{_type: ..., _value: [...]}}`), "
                    "so it is not carried",
                    path,
                    severity=Severity.WARNING,
                )
            )
            return None
        kind, args = entry["_type"], entry["_value"]
        for key in entry:
            if key not in ("_type", "_value"):
                self.found.append(
                    locator.at_key(
                        "X003",
                        f"`{key}` is not a key of an NNI parameter, so it is not carried",
                        (*path, key),
                        severity=Severity.WARNING,
                    )
                )
        if kind == "choice":
            return self.choice(args, path, locator)
        if kind not in TYPES or not isinstance(args, list):
            self.found.append(
                locator.at_value(
                    "X003",
                    f"`{kind}` is not one of NNI's types ({', '.join(['choice', *TYPES])}), "
                    "so it is not carried",
                    (*path, "_type"),
                    severity=Severity.WARNING,
                )
            )
            return None
        name, arity = TYPES[kind]
        if kind == "randint" and len(args) == 1:
            args = [0, args[0]]  # NNI 1's form: [upper], from 0
        if len(args) != arity:
            self.found.append(
                locator.at_value(
                    "X003",
                    f"`{kind}` takes {arity} values, got {len(args)}, so it is not carried",
                    (*path, "_value"),
                    severity=Severity.WARNING,
                )
            )
            return None
        off = [] if kind not in ("quniform", "qloguniform") else _not_multiples(args)
        if off:
            self.found.append(
                locator.at_value(
                    "X004",
                    f"NNI clips `{kind}` to [{args[0]}, {args[1]}]; the spec's `{name}` does "
                    f"not, and {' and '.join(map(str, off))} is not a multiple of q = "
                    f"{args[2]}, so the values at the bounds differ",
                    (*path, "_value"),
                    severity=Severity.INFO,
                )
            )
        return flow_map((name, flow_seq(list(args))))

    def choice(self, options: Any, path: JsonPath, locator: Locator) -> Any:
        if not isinstance(options, list):
            self.found.append(
                locator.at_value(
                    "X003",
                    "a `choice` takes a list of options, so it is not carried",
                    (*path, "_value"),
                    severity=Severity.WARNING,
                )
            )
            return None
        read: list[Any] = []
        nested = False
        for index, option in enumerate(options):
            where = (*path, "_value", index)
            if isinstance(option, Mapping):
                nested = True
                sub = CommentedMap()
                for key, value in option.items():
                    if key == NAME or not (isinstance(value, Mapping) and "_type" in value):
                        sub[key] = value  # `_name`, and constants of the sub-space
                    else:
                        inner = self.parameter(value, (*where, key), locator)
                        if inner is not None:
                            sub[key] = inner
                read.append(sub)
            else:
                read.append(option)
        if nested:
            return CommentedMap([("choice", read)])
        return flow_map(("choice", flow_seq(read)))


def _not_multiples(args: list[Any]) -> list[Any]:
    """The bounds of a quantised type that are not multiples of its q."""
    low, high, q = (plain(a) for a in args)
    try:
        return [v for v in (low, high) if abs(v / q - round(v / q)) > 1e-9]
    except (TypeError, ZeroDivisionError, OverflowError):
        return []


def _duration(value: Any) -> float | int | None:
    """NNI's ``maxExperimentDuration`` (``"1h"``, ``"30m"``, ``"45s"``, ``"2d"``, a number of
    seconds) in seconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd])\s*", str(value))
    if match is None:
        return None
    number = float(match[1]) * _UNITS[match[2]]
    return int(number) if number.is_integer() else number


def _script(command: Any) -> tuple[str | None, str | None]:
    """The spec's `program` (and metric) of a trial command: the script of ``python3
    train.py``, or the ``module:function`` that ``python3 -m sweepspec.nni_trial`` runs."""
    text = str(command)
    match = re.fullmatch(r"\s*python[0-9.]*\s+([\w./-]+\.py)\s*", text)
    if match:
        return match[1], None
    bridge = re.fullmatch(
        r"\s*python[0-9.]*\s+-m\s+sweepspec\.nni_trial\s+([\w.]+:[\w]+)"
        r"(?:\s+--metric\s+(\S+))?\s*",
        text,
    )
    return (bridge[1], bridge[2]) if bridge else (None, None)


# Writing: a spec as an NNI experiment config.

_WRITTEN = {spec: nni for nni, (spec, _) in TYPES.items()}


def write(doc: Document) -> Writing:
    """The registry's writer: a spec as an NNI experiment config (YAML) with its search space
    inline. What NNI cannot hold is left out; ``losses.py`` reads the config back and names
    it, with the ``nni`` table's reasons. NNI needs a trial concurrency: a spec without
    ``max_concurrent_trials`` is written with 1, and a note says so."""
    from ..yamlio import dump

    data = doc.data
    here = Locator(doc)
    notes: list[Diagnostic] = []
    extra = data.get("x-nni") if isinstance(data.get("x-nni"), Mapping) else {}
    out = CommentedMap()
    if "name" in data:
        out["experimentName"] = data["name"]
    out["searchSpace"] = _space_out(data.get(SPACE_KEY) or {})
    program = data.get("program")
    if "trialCommand" in extra:
        out["trialCommand"] = extra["trialCommand"]
    elif isinstance(program, str) and ":" not in program:
        out["trialCommand"] = f"python3 {program}"
    elif isinstance(program, str):  # module:function, through sweepspec's trial bridge
        metric = data.get("metric")
        tail = f" --metric {metric}" if isinstance(metric, str) and metric != METRIC else ""
        out["trialCommand"] = f"python3 -m sweepspec.nni_trial {program}{tail}"
    concurrency = data.get("max_concurrent_trials")
    out["trialConcurrency"] = concurrency if isinstance(concurrency, int) else 1
    if not isinstance(concurrency, int):
        notes.append(
            here.at_key(
                "X004",
                "nni: NNI needs `trialConcurrency`; written as 1, where the spec sets no limit",
                (SPACE_KEY,),
                severity=Severity.INFO,
            )
        )
    if "num_samples" in data:
        out["maxTrialNumber"] = data["num_samples"]
    if "time_budget_s" in data:
        out["maxExperimentDuration"] = f"{plain(data['time_budget_s'])}s"
    mode = {"min": "minimize", "max": "maximize"}.get(str(data.get("mode")))
    out["tuner"] = extra.get("tuner") or _tuner(data.get("search_alg"), mode)
    assessor = extra.get("assessor") or _assessor(data.get("scheduler"), mode)
    if assessor is not None:
        out["assessor"] = assessor
    for key, value in extra.items():
        if key not in ("tuner", "assessor", "trialCommand", "searchSpaceFile"):
            out[key] = value
    if "trainingService" not in out:
        out["trainingService"] = CommentedMap([("platform", "local")])
    return Writing(dump(out), notes)


def _tuner(block: Any, mode: str | None) -> CommentedMap:
    kind = block.get("type") if isinstance(block, Mapping) else "variant_generator"
    args = CommentedMap()
    if mode is not None:
        args["optimize_mode"] = mode
    name = {"hyperopt": "TPE", "bayesopt": "GPTuner", "bohb": "BOHB"}.get(str(kind), "Random")
    if kind == "hyperopt" and isinstance(block, Mapping) and "random_state_seed" in block:
        args["seed"] = block["random_state_seed"]
    tuner = CommentedMap([("name", name)])
    if len(args):
        tuner["classArgs"] = args
    return tuner


def _assessor(block: Any, mode: str | None) -> CommentedMap | None:
    if not isinstance(block, Mapping) or block.get("type") != "median_stopping_rule":
        return None
    if block.get("time_attr") != "training_iteration":
        return None  # NNI counts reported steps: a rule on seconds is lost (reported)
    args = CommentedMap()
    if mode is not None:
        args["optimize_mode"] = mode
    args["start_step"] = block.get("grace_period", 0)
    return CommentedMap([("name", "Medianstop"), ("classArgs", args)])


def _space_out(space: Mapping[str, Any]) -> CommentedMap:
    out = CommentedMap()
    for key, value in space.items():
        written = _parameter_out(value)
        if written is not None:
            out[key] = written
    return out


def _parameter_out(value: Any) -> Any:
    """The NNI entry of a spec parameter, or ``None`` where NNI has none (a group, a
    distribution it lacks: read back, the loss is named)."""
    from ..space import distribution_of

    dist = distribution_of(value)
    if dist is None or dist.kind == "group":
        return None
    body = value[dist.name]
    if dist.kind == "constant":
        return flow_map(("_type", "choice"), ("_value", flow_seq([plain(body)])))
    if dist.name in ("choice", "grid_search"):
        field = "values" if dist.name == "grid_search" else "options"
        items = body.get(field) if isinstance(body, Mapping) else body
        options = [_option_out(o) for o in items or []]
        if any(isinstance(o, CommentedMap) for o in options):
            return CommentedMap([("_type", "choice"), ("_value", options)])
        return flow_map(("_type", "choice"), ("_value", flow_seq(options)))
    args = (
        [body.get(n) for n in dist.arg_names if n in body]
        if isinstance(body, Mapping)
        else list(body)
    )
    if dist.name == "uniformint":
        return flow_map(("_type", "randint"), ("_value", flow_seq([args[0], plain(args[1]) + 1])))
    name = "loguniform" if dist.name == "invloguniform" else dist.name
    if name not in _WRITTEN:
        return None
    return flow_map(("_type", _WRITTEN[name]), ("_value", flow_seq(args)))


def _option_out(option: Any) -> Any:
    from ..space import distribution_of

    if not isinstance(option, Mapping) or distribution_of(option) is not None:
        return plain(option)
    out = CommentedMap()
    for key, value in option.items():
        if key == NAME or (key == "name" and NAME not in option):
            out[NAME] = value  # NNI's tuners branch on `_name` (the trial sees it)
        elif distribution_of(value) is None:
            out[key] = value
        else:
            written = _parameter_out(value)
            if written is not None:
                out[key] = written
    return out
