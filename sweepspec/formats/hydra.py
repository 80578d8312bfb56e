"""Hydra sweeper configs (``hydra.sweeper`` in a Hydra config file), read into a spec and written
back.

Hydra sweeps what ``hydra.sweeper.params`` lists: each entry is an override expression
(``lr: interval(0.0001, 0.1)``, ``db: mysql,postgresql``), parsed here with Hydra's own grammar
(``hydra_grammar``), never run. What an expression means depends on the sweeper that reads it:

- the basic sweeper (Hydra's default, ``hydra/_internal/core_plugins/basic_sweeper.py``) runs
  every combination of its discrete sweeps once: a grid. ``range(a, b)`` excludes ``b``;
  ``interval`` is refused.
- the Optuna sweeper (``hydra-optuna-sweeper`` 1.3, ``hydra_plugins/hydra_optuna_sweeper/_impl.py``)
  samples: ``choice`` is categorical, ``interval`` uniform (``tag(log, ...)`` log-uniform,
  ``int(...)`` integers with both bounds included), ``range(a, b, step=s)`` a stepped uniform
  that *includes* ``b``, ``shuffle(range(...))`` a categorical of the range's values. Its
  ``direction``, ``n_trials``, ``n_jobs``, ``sampler``, ``storage`` and ``study_name`` are the
  spec's settings.

The rest of the file (``defaults``, the task's own config, the other ``hydra`` keys) is carried
in ``x-hydra`` as it is, comments and all, and written back around the sweep.
"""

from __future__ import annotations

import copy
import fnmatch
import math
import re
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..diagnostics import Diagnostic, JsonPath, Severity, Span
from ..emit import Locator, diagnostic
from ..loader import Document
from ..meaning import plain
from ..space import SPACE_KEY, distribution_of, group_body
from ..vocabulary import BY_NAME
from ..yamlio import flow_map, flow_seq
from . import hydra_grammar as grammar
from .model import Reading, Writing

SWEEPER = ("hydra", "sweeper")
PARAMS = (*SWEEPER, "params")
EXTRA = "x-hydra"
OPTUNA_TARGET = "hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper"
BASIC_TARGET = "hydra._internal.core_plugins.basic_sweeper.BasicSweeper"
# the Optuna sweeper's sampler configs (hydra_optuna_sweeper/config.py), by their defaults name
SAMPLERS = {
    "tpe": "TPESampler",
    "random": "RandomSampler",
    "cmaes": "CmaEsSampler",
    "nsgaii": "NSGAIISampler",
    "motpe": "MOTPESampler",
    "grid": "GridSampler",
}
SAMPLER_GROUPS = {v: k for k, v in SAMPLERS.items()}
# the Optuna sweeper's own defaults (OptunaSweeperConf)
OPTUNA_DEFAULTS = {"n_trials": 20, "direction": "minimize", "sampler": "TPESampler"}
MAX_VALUES = 10_000  # a grid larger than this is not enumerated into the spec
METRIC_KEY = "optimized_metric"  # lightning-hydra-template's name for what the task returns
VALUE = "value"  # the spec's metric for the number the task function returns (as Optuna's)
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*)*")


# --- recognising -----------------------------------------------------------------------------


def sweeper_of(data: Any) -> str | None:
    """Which sweeper a Hydra config file chooses (``basic``, ``optuna``, or another plugin's
    name), or ``None`` if it configures no sweep."""
    if not isinstance(data, Mapping):
        return None
    chosen = _default_choice(data.get("defaults"), "hydra/sweeper")
    hydra = data.get("hydra")
    sweeper = hydra.get("sweeper") if isinstance(hydra, Mapping) else None
    target = sweeper.get("_target_") if isinstance(sweeper, Mapping) else None
    if isinstance(target, str):
        if "optuna" in target.lower():
            return "optuna"
        if target == BASIC_TARGET:
            return "basic"
        return target.rsplit(".", 1)[-1]
    if chosen is not None:
        return chosen
    if isinstance(sweeper, Mapping) and "params" in sweeper:
        return "basic"
    return None


def detect(data: Any) -> bool:
    return sweeper_of(data) is not None


def _default_choice(defaults: Any, group: str) -> str | None:
    """The option a defaults list picks for ``group`` (``override hydra/sweeper: optuna``)."""
    for entry, _ in _default_entries(defaults, group):
        return entry
    return None


def _default_entries(defaults: Any, group: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    if not isinstance(defaults, list):
        return out
    for index, item in enumerate(defaults):
        if isinstance(item, Mapping) and len(item) == 1:
            ((key, value),) = item.items()
            name = str(key).removeprefix("override ").strip().lstrip("/")
            if name == group and isinstance(value, str):
                out.append((value, index))
    return out


# --- reading ---------------------------------------------------------------------------------


def read(doc: Document) -> Reading:
    """The registry's reader: a Hydra config's sweep as a spec."""
    return _Reader(doc).run()


def origin(path: JsonPath, data: Any = None) -> JsonPath:
    """Where the spec node at ``path`` was in the Hydra file: a parameter at its
    ``hydra.sweeper.params`` key (a nested group's keys joined with dots), a setting at the
    sweeper key it came from, ``x-hydra`` at its own place."""
    if not path:
        return path
    head, rest = path[0], path[1:]
    if head == SPACE_KEY:
        keys: list[str] = []
        for part in rest:
            if isinstance(part, str) and part not in BY_NAME:  # a key, not a distribution
                keys.append(part)
            else:
                break
        if not keys:
            return PARAMS
        key = ".".join(keys)
        return (*PARAMS, key)
    if head == EXTRA:
        return rest
    if head == "num_samples":
        return (*SWEEPER, "n_trials")
    if head == "max_concurrent_trials":
        return (*SWEEPER, "n_jobs")
    if head == "mode":
        return (*SWEEPER, "direction")
    if head == "metric":  # what the task returns: the direction it goes in, or the template's key
        metric_key = isinstance(data, Mapping) and METRIC_KEY in data
        return (METRIC_KEY,) if metric_key else (*SWEEPER, "direction")
    if head == "sweepspec":
        return ()
    if head == "search_alg":
        if rest[:1] in (("storage",), ("study_name",)):
            return (*SWEEPER, *rest[:1])
        return (*SWEEPER, "sampler")
    return SWEEPER


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.here = Locator(doc)
        self.found: list[Diagnostic] = []
        self.kept: set[str] = set()  # sweeper keys carried in x-hydra as they are
        self.kind = "basic"
        self.grid = True

    # where findings go

    def note(self, code: str, message: str, path: JsonPath, severity: Severity) -> None:
        self.found.append(self.here.at_key(code, message, path, severity=severity))

    def at_expression(
        self, code: str, message: str, path: JsonPath, node: Any, severity: Severity
    ) -> None:
        """A finding on the characters of ``node`` inside the expression at ``path``."""
        start, end = (node.start, node.end) if node is not None else (0, 0)
        span = _inside(self.doc, path, start, end)
        self.found.append(
            diagnostic(code, message, self.doc.file, span, path=path, severity=severity)
        )

    # the file

    def run(self) -> Reading:
        data = self.doc.data
        self.kind = sweeper_of(data) or "basic"
        out = CommentedMap([("sweepspec", 1)])
        rest = copy.deepcopy(data)  # what the spec has no key for, carried as it is
        sweeper = _lookup(data, SWEEPER)
        sweeper = sweeper if isinstance(sweeper, Mapping) else {}
        if self.kind not in ("basic", "optuna"):
            self.note(
                "X003",
                f"the `{self.kind}` sweeper is not one sweepspec reads (it reads Hydra's basic "
                "sweeper and the Optuna sweeper): its config is carried in `x-hydra` as it is",
                SWEEPER,
                Severity.WARNING,
            )
            out[EXTRA] = rest
            out[SPACE_KEY] = CommentedMap()
            return Reading(out, self.found)
        self.grid = self.kind == "basic"
        if self.kind == "optuna":
            self.settings(data, sweeper, out, rest)
        params = sweeper.get("params")
        space = CommentedMap()
        if params is not None and not isinstance(params, Mapping):
            self.found.append(
                self.here.at_value(
                    "X003",
                    "`params` is a mapping of keys to sweeps",
                    PARAMS,
                    severity=Severity.ERROR,
                )
            )
        elif isinstance(params, Mapping):
            for key, value in params.items():
                self.parameter(str(key), value, space)
        if "search_space" in sweeper:
            # hydra-optuna-sweeper 1.2 deprecated it: used without `params`, ignored beside them
            used = params is None and self.kind == "optuna"
            self.note(
                "X003",
                "`search_space` (deprecated since hydra-optuna-sweeper 1.2) is not read into the "
                "spec but carried in `x-hydra`; "
                + (
                    "the sweeper still samples it: write it as `params` expressions"
                    if used
                    else "the sweeper ignores it here"
                ),
                (*SWEEPER, "search_space"),
                Severity.WARNING,
            )
        _remove(rest, PARAMS)
        _own_defaults(rest)
        for key in ("direction", "n_trials", "n_jobs", "storage", "study_name"):
            if self.kind == "optuna" and sweeper.get(key) is not None and key not in self.kept:
                _remove(rest, (*SWEEPER, key))
        _prune(rest, SWEEPER)
        if isinstance(rest, Mapping) and len(rest):
            out[EXTRA] = rest
        out[SPACE_KEY] = space
        return Reading(out, self.found)

    def settings(
        self, data: Mapping[str, Any], sweeper: Mapping[str, Any], out: CommentedMap, rest: Any
    ) -> None:
        """The Optuna sweeper's keys as the spec's settings; its defaults where it gives none
        (20 trials, minimise, TPE), so that the spec runs what Hydra would."""
        metric = data.get(METRIC_KEY)
        out["metric"] = metric if isinstance(metric, str) else VALUE
        direction = sweeper.get("direction", OPTUNA_DEFAULTS["direction"])
        if direction in ("minimize", "maximize"):
            out["mode"] = "min" if direction == "minimize" else "max"
        else:
            self.kept.add("direction")
            self.note(
                "X003",
                f"`direction: {plain(direction)}` is not one direction (sweepspec sweeps one "
                "objective): carried in `x-hydra`",
                (*SWEEPER, "direction"),
                Severity.WARNING,
            )
        trials = sweeper.get("n_trials", OPTUNA_DEFAULTS["n_trials"])
        if isinstance(trials, int) and not isinstance(trials, bool) and trials > 0:
            out["num_samples"] = trials
        else:
            self.kept.add("n_trials")
            self.note(
                "X003",
                f"`n_trials: {plain(trials)}` is not a number of trials: carried in `x-hydra`",
                (*SWEEPER, "n_trials"),
                Severity.WARNING,
            )
        jobs = sweeper.get("n_jobs")
        if isinstance(jobs, int) and not isinstance(jobs, bool) and jobs > 0:
            out["max_concurrent_trials"] = jobs
        elif "n_jobs" in sweeper:
            self.kept.add("n_jobs")
            self.note(
                "X003",
                f"`n_jobs: {plain(jobs)}` is not a number of trials to ask for at once (the "
                "Optuna sweeper asks for `n_jobs` trials per batch: below 1 it never finishes): "
                "carried in `x-hydra`",
                (*SWEEPER, "n_jobs"),
                Severity.WARNING,
            )
        search = flow_map(("type", "optuna"))
        sampler = self.sampler(data, sweeper, rest)
        if sampler is not None:
            search["sampler"] = sampler
        block = sweeper.get("sampler")
        seed = block.get("seed") if isinstance(block, Mapping) else None
        if seed is not None:
            search["seed"] = seed
            _remove(rest, (*SWEEPER, "sampler", "seed"))
        for key in ("storage", "study_name"):
            if sweeper.get(key) is not None:
                search[key] = sweeper[key]
        _prune(rest, (*SWEEPER, "sampler"))
        self.grid = sampler == "GridSampler"
        out["search_alg"] = search

    def sampler(self, data: Mapping[str, Any], sweeper: Mapping[str, Any], rest: Any) -> Any:
        chosen = _default_choice(data.get("defaults"), "hydra/sweeper/sampler")
        block = sweeper.get("sampler")
        target = block.get("_target_") if isinstance(block, Mapping) else None
        if isinstance(target, str):
            name = target.rsplit(".", 1)[-1]
            if target == f"optuna.samplers.{name}":
                return name  # the `_target_` stays in x-hydra, where the writer updates it
            self.note(
                "X003",
                f"the sampler `{target}` is not one of Optuna's: carried in `x-hydra`",
                (*SWEEPER, "sampler", "_target_"),
                Severity.WARNING,
            )
            return None
        if chosen is not None:
            if chosen in SAMPLERS:
                return SAMPLERS[chosen]
            self.note(
                "X003",
                f"`{chosen}` is not one of the Optuna sweeper's samplers ({', '.join(SAMPLERS)})",
                ("defaults",),
                Severity.WARNING,
            )
            return None
        return OPTUNA_DEFAULTS["sampler"]

    # one parameter

    def parameter(self, key: str, value: Any, space: CommentedMap) -> None:
        path = (*PARAMS, key)
        if isinstance(value, list):
            # Hydra reads `f"{key}={value}"`: a YAML list is a list constant
            _place(space, key, flow_seq(plain(value)), self, path)
            return
        if isinstance(value, Mapping) or value is None:
            self.note(
                "X003",
                f"`{key}` is a YAML {'mapping' if value is not None else 'null'}, which Hydra "
                "reads as the text `{...}` or `None`: a sweep is one expression, such as "
                "`choice(1, 2)`, so it is not carried",
                path,
                Severity.WARNING,
            )
            return
        text = value if isinstance(value, str) else str(plain(value))
        if isinstance(value, bool):
            text = str(value)
        try:
            node = grammar.parse(text)
            evaluated = grammar.evaluate(node)
        except grammar.HydraSyntaxError as exc:
            fake = grammar.Node(exc.start, exc.end)
            self.at_expression(
                "X003", f"`{key}`: {exc.message}, so it is not carried", path, fake, Severity.ERROR
            )
            return
        except grammar.HydraEvalError as exc:
            self.at_expression(
                "X003",
                f"`{key}`: {exc.message}, so it is not carried",
                path,
                exc.node,
                Severity.ERROR,
            )
            return
        if "${" in text:
            evaluated = self.interpolated(key, text, evaluated, path)
        spec = self.sweep(key, evaluated, path, node)
        if spec is None:
            return
        _place(space, key, spec, self, path)

    def interpolated(self, key: str, text: str, value: Any, path: JsonPath) -> Any:
        """OmegaConf resolves an interpolation in ``params`` once, against the config, before
        the sweeper reads it: every trial gets that one value, whatever is swept."""
        whole = re.fullmatch(r"\$\{([A-Za-z_][\w.-]*)\}", text.strip())
        target = _lookup(self.doc.data, tuple(whole[1].split("."))) if whole else None
        if whole and target is not None and not isinstance(target, (Mapping, list)):
            self.note(
                "X004",
                f"`{key}: {text.strip()}` is resolved once, against this file's "
                f"`{whole[1]}: {plain(target)}`, before Hydra sweeps: every trial gets "
                f"{plain(target)!r}, whatever is swept for `{whole[1]}`",
                path,
                Severity.WARNING,
            )
            return plain(target)
        self.note(
            "X004",
            f"`{key}` interpolates a value (`${{...}}`) that OmegaConf resolves once, before "
            "Hydra sweeps, from a config sweepspec does not read: the text is carried as it is",
            path,
            Severity.INFO,
        )
        return value

    def sweep(self, key: str, value: Any, path: JsonPath, node: Any) -> Any:
        if not isinstance(value, grammar.Sweep):
            inner = _inner_sweep(value)
            if inner is not None:
                self.at_expression(
                    "X003",
                    f"`{key}`: a sweep inside a list or a mapping is not swept by Hydra (it "
                    "sweeps a whole value), so it is not carried",
                    path,
                    inner.node,
                    Severity.ERROR,
                )
                return None
            return _constant(value)
        if isinstance(value, grammar.GlobSweep):
            return self.glob(key, value, path)
        # the Optuna sweeper reads one tag, `log`, and only on an interval
        read = {"log"} if isinstance(value, grammar.IntervalSweep) and not self.grid else set()
        if value.tags - read:
            self.at_expression(
                "X004",
                f"`{key}`: the tags {sorted(value.tags - read)} change nothing the "
                f"{self.kind} sweeper does",
                path,
                value.node,
                Severity.INFO,
            )
        if isinstance(value, grammar.IntervalSweep):
            return self.interval(key, value, path)
        if isinstance(value, grammar.RangeSweep):
            return self.range_(key, value, path)
        assert isinstance(value, grammar.ChoiceSweep)
        inner = _inner_sweep(value.items)
        if inner is not None:
            self.at_expression(
                "X003",
                f"`{key}`: a choice whose options are sweeps is not one Hydra runs, so it is "
                "not carried",
                path,
                inner.node,
                Severity.ERROR,
            )
            return None
        items = [_constant(i, top=False) for i in value.items]
        if value.shuffle and self.grid:
            self.shuffled(key, path, value)
        name = "grid_search" if self.grid else "choice"
        return flow_map((name, flow_seq(items)))

    def shuffled(self, key: str, path: JsonPath, value: Any) -> None:
        self.at_expression(
            "X004",
            f"`{key}`: shuffle() changes only the order the basic sweeper runs the values in",
            path,
            value.node,
            Severity.INFO,
        )

    def interval(self, key: str, value: grammar.IntervalSweep, path: JsonPath) -> Any:
        if self.grid:
            self.at_expression(
                "X003",
                f"`{key}`: the {self.kind} sweeper cannot sweep an interval (Hydra refuses it: "
                "only the Optuna sweeper samples one), so it is not carried",
                path,
                value.node,
                Severity.ERROR,
            )
            return None
        low, high = value.start, value.end
        integers = type(low) is int and type(high) is int
        if "log" in value.tags:
            if integers:
                return flow_map(("lograndint", flow_seq([low, high + 1])))
            return flow_map(("loguniform", flow_seq([low, high])))
        if integers:
            return flow_map(("uniformint", flow_seq([low, high])))
        return flow_map(("uniform", flow_seq([low, high])))

    def range_(self, key: str, value: grammar.RangeSweep, path: JsonPath) -> Any:
        if self.grid or value.shuffle:
            try:
                values = value.values(MAX_VALUES)
            except ValueError as exc:
                self.at_expression(
                    "X003",
                    f"`{key}`: {exc}, so it is not carried",
                    path,
                    value.node,
                    Severity.ERROR,
                )
                return None
            if value.shuffle and self.grid:
                self.shuffled(key, path, value)
            name = "grid_search" if self.grid else "choice"
            return flow_map((name, flow_seq(values)))
        start, stop, step = value.start, value.stop, value.step
        if step <= 0 or stop < start:
            self.at_expression(
                "X003",
                f"`{key}`: the Optuna sweeper samples `range` from its start up to its stop "
                "with a positive step, so it is not carried",
                path,
                value.node,
                Severity.ERROR,
            )
            return None
        if all(type(v) is int for v in (start, stop, step)):
            if step == 1:
                return flow_map(("uniformint", flow_seq([start, stop])))
            return flow_map(("qrandint", flow_seq([start, stop, step])))
        return flow_map(("quniform", flow_seq([float(start), float(stop), float(step)])))

    def glob(self, key: str, value: grammar.GlobSweep, path: JsonPath) -> Any:
        """``glob(...)`` over a config group: the group's options are the YAML files in the
        folder of that name beside the file (Hydra's config search path may hold more)."""
        if not self.grid:
            self.at_expression(
                "X003",
                f"`{key}`: the Optuna sweeper cannot enumerate `glob(...)` (it parses overrides "
                "without the config loader), so it is not carried",
                path,
                value.node,
                Severity.ERROR,
            )
            return None
        group, folder, matched = _glob_options(Path(self.doc.file).parent, key, value)
        if not matched:
            self.at_expression(
                "X003",
                f"`{key}`: `glob(...)` picks options of the config group `{group}`, and no "
                f"`{folder.name}/` folder beside this file has any that match, so it is not "
                "carried",
                path,
                value.node,
                Severity.WARNING,
            )
            return None
        self.at_expression(
            "X004",
            f"`{key}`: `glob(...)` read as the options found in `{folder.name}/` beside this "
            f"file ({', '.join(matched)}); Hydra's config search path may hold more",
            path,
            value.node,
            Severity.INFO,
        )
        return flow_map(("grid_search", flow_seq(matched)))


def _glob_options(base: Path, key: str, value: grammar.GlobSweep) -> tuple[str, Path, list[str]]:
    """The config group a ``glob`` of ``key`` picks from, its folder beside the file, and the
    options found there that it picks, in Hydra's (sorted) order."""
    group = key.lstrip("+~").split("@")[0]  # `db@replica`: the `db` group, placed elsewhere
    folder = base / group.replace(".", "/")
    options = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    matched = [
        o
        for o in options
        if any(fnmatch.fnmatch(o, str(p)) for p in value.include)
        and not any(fnmatch.fnmatch(o, str(p)) for p in value.exclude)
    ]
    return group, folder, matched


def _inner_sweep(value: Any) -> grammar.Sweep | None:
    """A sweep nested in a list or a mapping (``[1, choice(2, 3)]``), if there is one."""
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        if isinstance(item, grammar.Sweep):
            return item
        found = _inner_sweep(item)
        if found is not None:
            return found
    return None


def _constant(value: Any, top: bool = True) -> Any:
    """A Hydra element as a spec value: quoted strings are strings; a mapping is a constant
    (``{constant: {...}}`` where it is a parameter, not a group of parameters)."""
    if isinstance(value, grammar.Quoted):
        return value.text
    if isinstance(value, list):
        return flow_seq([_constant(v, top=False) for v in value])
    if isinstance(value, dict):
        inner = flow_map(*((str(k), _constant(v, top=False)) for k, v in value.items()))
        return flow_map(("constant", inner)) if top else inner
    return value


def _place(space: CommentedMap, key: str, value: Any, reader: _Reader, path: JsonPath) -> None:
    """A parameter under its key: a dotted key (``model.lr``) nests in groups; a key that
    clashes with a parameter already there is kept whole."""
    parts = key.split(".") if _DOTTED.fullmatch(key) else [key]
    group = space
    for part in parts[:-1]:
        inner = group.get(part)
        if inner is None:
            inner = group[part] = CommentedMap()
        if not isinstance(inner, CommentedMap) or distribution_of(inner) is not None:
            group, parts = space, [key]
            break
        group = inner
    last = parts[-1]
    if last in group:
        reader.note(
            "X003",
            f"`{key}` is swept twice (as `{last}` under one group): the later is not carried",
            path,
            Severity.WARNING,
        )
        return
    group[last] = value


def _own_defaults(rest: Any) -> None:
    """Take the sweeper's and the sampler's entries out of the carried defaults list, which
    the writer makes from the spec; a list left with `_self_` alone goes too."""
    defaults = rest.get("defaults") if isinstance(rest, Mapping) else None
    if not isinstance(defaults, list):
        return
    for group in ("hydra/sweeper", "hydra/sweeper/sampler"):
        for _, index in reversed(_default_entries(defaults, group)):
            del defaults[index]
    if [plain(d) for d in defaults] in ([], ["_self_"]):
        del rest["defaults"]


def _lookup(data: Any, path: JsonPath) -> Any:
    for part in path:
        if not isinstance(data, Mapping) or part not in data:
            return None
        data = data[part]
    return data


def _remove(data: Any, path: JsonPath) -> None:
    parent = _lookup(data, path[:-1])
    if isinstance(parent, MutableMapping) and path[-1] in parent:
        del parent[path[-1]]


def _prune(data: Any, path: JsonPath) -> None:
    """Remove the mappings along ``path`` that are left empty, innermost first."""
    for depth in range(len(path), 0, -1):
        node = _lookup(data, path[:depth])
        if isinstance(node, Mapping) and not node:
            _remove(data, path[:depth])


def _inside(doc: Document, path: JsonPath, start: int, end: int) -> Span:
    """The span of characters ``start:end`` of the string value at ``path``: exact for a plain
    scalar on one line and for a quoted one without escapes; the whole value otherwise."""
    whole = doc.spans.value(path)
    lines = doc.text.splitlines()
    if whole.line != whole.end_line or not 0 < whole.line <= len(lines):
        return whole
    raw = lines[whole.line - 1][whole.column - 1 : whole.end_column - 1]
    shift = 1 if raw[:1] in ("'", '"') and "\\" not in raw and "''" not in raw else 0
    if shift == 0 and raw[:1] in ("'", '"'):
        return whole
    column = whole.column + shift + start
    stop = whole.column + shift + max(end, start + 1)
    return Span(whole.line, column, whole.line, min(stop, whole.end_column))


# --- writing -----------------------------------------------------------------------------------


def write(doc: Document) -> Writing:
    """The registry's writer: a spec as a Hydra config, around what ``x-hydra`` carries.

    A spec whose every parameter is a grid (or a constant) and which names no search algorithm
    is the basic sweeper's grid; any other is the Optuna sweeper's. What the sweeper cannot
    hold is left out; ``losses.py`` reads the file back and names it."""
    from ..yamlio import dump

    data = doc.data
    base = data.get(EXTRA)
    out = copy.deepcopy(base) if isinstance(base, CommentedMap) else CommentedMap()
    found = write_into(data, out) + _unheld(doc, out)
    return Writing(dump(out), found)


def _unheld(doc: Document, out: Mapping[str, Any]) -> list[Diagnostic]:
    """Why the settings a Hydra config has no place for are lost (``losses.py`` says that
    they are)."""
    here = Locator(doc)
    found = []
    if "program" in doc.data:
        found.append(
            here.at_key(
                "X001",
                "hydra: the program is the Hydra app that loads this config (`python app.py "
                "--multirun`); a config does not name it",
                ("program",),
                severity=Severity.WARNING,
            )
        )
    metric = doc.data.get("metric")
    if isinstance(metric, str) and metric != VALUE and METRIC_KEY not in out:
        found.append(
            here.at_value(
                "X001",
                "hydra: the Optuna sweeper optimises the number the task function returns, "
                "which has no name in the config (a lightning-hydra-template "
                "`optimized_metric:` key is written where the file has one)",
                ("metric",),
                severity=Severity.WARNING,
            )
        )
    return found


def merge(doc: Document, existing: str, file: str) -> Writing:
    """The registry's merger (`convert --into FILE`): the sweep of the spec ``doc`` written into
    the Hydra config ``existing``, whose other keys, comments, quotes and layout are kept; a
    parameter whose expression already means what the spec says keeps its text."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    from ..yamlio import dump

    yaml = YAML(typ="rt")  # round-trip nodes only: no tag is constructed as an object
    yaml.preserve_quotes = True
    try:
        out = yaml.load(existing)
    except YAMLError as exc:
        problem = diagnostic(
            "X003", f"cannot write into {file}: it is not YAML ({exc})", file, Span(1, 1, 1, 1)
        )
        return Writing(None, [problem])
    if out is None:
        out = CommentedMap()
    if not isinstance(out, CommentedMap):
        problem = diagnostic(
            "X003",
            f"cannot write into {file}: a Hydra config is a mapping at the top",
            file,
            Span(1, 1, 1, 1),
        )
        return Writing(None, [problem])
    found = write_into(doc.data, out, Path(file).parent) + _unheld(doc, out)
    return Writing(dump(out, explicit_null=True), found)


def write_into(
    data: Mapping[str, Any], out: CommentedMap, folder: Path | None = None
) -> list[Diagnostic]:
    """Write the sweep of the spec ``data`` into the Hydra config ``out`` (its other keys and
    comments are kept): ``hydra.sweeper`` and the sweeper's ``defaults`` entries. ``folder``
    is where ``out`` lives, for the config groups its ``glob(...)`` sweeps pick from."""
    given = data.get(SPACE_KEY)
    space: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
    search = data.get("search_alg")
    kind = "basic" if _is_grid(space) and not isinstance(search, Mapping) else "optuna"
    sweeper = _ensure(out, SWEEPER)
    existing = sweeper.get("params") if isinstance(sweeper.get("params"), Mapping) else None
    target = sweeper.get("_target_")
    if target is not None and sweeper_of({"hydra": {"sweeper": {"_target_": target}}}) != kind:
        # a carried target names another sweeper than the spec now needs
        sweeper["_target_"] = OPTUNA_TARGET if kind == "optuna" else BASIC_TARGET
    if kind == "optuna":
        _optuna_settings(data, out, sweeper, search)
    elif _default_choice(out.get("defaults"), "hydra/sweeper") not in (None, "basic"):
        _drop_default(out, "hydra/sweeper")
    params = CommentedMap()
    flat = dict(_flat(space))
    order = [k for k in existing or () if k in flat] + [
        k for k in flat if k not in (existing or ())
    ]
    for key in order:
        value = flat[key]
        text = _expression(value, kind, _is_grid_sampler(search))
        if text is None:
            continue
        before = existing.get(key) if existing is not None else None
        same = before is not None and _same(before, text, kind, folder, key)
        params[key] = before if same else text
    if existing is not None:
        _copy_comments(existing, params)
        sweeper["params"] = params  # in its place
    else:
        sweeper.pop("params", None)
        sweeper["params"] = params  # last, as Hydra's docs write it
    return []


def _optuna_settings(
    data: Mapping[str, Any], out: CommentedMap, sweeper: CommentedMap, search: Any
) -> None:
    """The Optuna sweeper's keys and defaults entries from the spec's settings."""
    _defaults(out, "hydra/sweeper", "optuna")
    sampler = _sampler_name(search)
    named = _default_choice(out.get("defaults"), "hydra/sweeper/sampler") is not None
    if sampler in SAMPLER_GROUPS and (named or sampler != "TPESampler"):
        _defaults(out, "hydra/sweeper/sampler", SAMPLER_GROUPS[sampler])
    else:
        _drop_default(out, "hydra/sweeper/sampler")
    settings = [
        ("direction", {"min": "minimize", "max": "maximize"}.get(str(data.get("mode")))),
        ("n_trials", data.get("num_samples", 1)),
        ("n_jobs", data.get("max_concurrent_trials")),
    ]
    if isinstance(search, Mapping):
        settings += [
            ("storage", search.get("storage")),
            ("study_name", search.get("study_name")),
        ]
    for key, value in settings:
        if value is not None:
            sweeper[key] = value
    seed = search.get("seed") if isinstance(search, Mapping) else None
    block = sweeper.get("sampler")
    if seed is not None and not isinstance(block, CommentedMap):
        block = sweeper["sampler"] = CommentedMap()
    if isinstance(block, CommentedMap):
        if "_target_" in block:
            block["_target_"] = f"optuna.samplers.{sampler}"
        if seed is not None:
            block["seed"] = seed
        elif "seed" in block:
            del block["seed"]
    metric = data.get("metric")
    if isinstance(metric, str) and METRIC_KEY in out:
        out[METRIC_KEY] = metric


def _is_grid(space: Mapping[str, Any]) -> bool:
    grids = 0
    for _, value in _flat(space):
        dist = distribution_of(value)
        if dist is not None and dist.kind == "grid":
            grids += 1
        elif dist is not None and dist.kind != "constant":
            return False
    return grids > 0


def _is_grid_sampler(search: Any) -> bool:
    return _sampler_name(search) == "GridSampler"


def _sampler_name(search: Any) -> str:
    if isinstance(search, Mapping) and search.get("type") == "optuna":
        return str(search.get("sampler") or "TPESampler")
    if isinstance(search, Mapping) and search.get("type") == "hyperopt":
        return "TPESampler"
    return "RandomSampler"


def _flat(space: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """The space's parameters under their dotted keys (nested groups opened)."""
    out: list[tuple[str, Any]] = []
    for key, value in space.items():
        name = f"{prefix}{key}"
        body = group_body(value)
        if body is not None and len(body):
            out.extend(_flat(body, f"{name}."))
        else:
            out.append((name, value))
    return out


def _expression(value: Any, kind: str, grid_sampler: bool) -> Any:
    """The Hydra expression of a spec parameter for the sweeper ``kind``, or ``None`` where the
    sweeper has none (read back, the loss is named)."""
    dist = distribution_of(value)
    if dist is None:
        return _native(value)
    body = value[dist.name]
    if dist.kind == "constant":
        return _native(body)
    if dist.kind in ("categorical", "grid"):
        field = "values" if dist.kind == "grid" else "options"
        items = body.get(field) if isinstance(body, Mapping) else body
        if not isinstance(items, list) or dist.name == "pchoice":
            return None
        if any(isinstance(o, Mapping) and distribution_of(o) is None for o in items):
            return None  # a conditional choice: Hydra has no sub-spaces
        if kind == "optuna" and dist.kind == "grid" and not grid_sampler:
            return None  # Optuna samples a choice: a grid among sampled parameters is lost
        if kind == "optuna" and dist.kind == "categorical" and grid_sampler:
            return None
        texts = [literal(_option(o)) for o in items]
        if kind == "basic" and len(texts) > 1:
            return ",".join(texts)
        return f"choice({', '.join(texts)})"
    if kind == "basic":
        return None
    given = [body.get(n) for n in dist.arg_names] if isinstance(body, Mapping) else list(body)
    args: list[Any] = [plain(a) for a in given]
    name = "loguniform" if dist.name == "invloguniform" else dist.name
    if name == "uniform":
        return f"interval({_float(args[0])}, {_float(args[1])})"
    if name == "loguniform":
        return f"tag(log, interval({_float(args[0])}, {_float(args[1])}))"
    if name in ("uniformint", "randint", "lograndint") and all(type(a) is int for a in args):
        high = int(args[1]) if name == "uniformint" else int(args[1]) - 1
        inner = f"int(interval({args[0]}, {high}))"
        return f"tag(log, {inner})" if name == "lograndint" else inner
    if name == "qrandint" and all(type(a) is int for a in args):
        return f"range({args[0]}, {args[1]}, step={args[2]})"
    if name == "quniform":
        return f"range({_float(args[0])}, {_float(args[1])}, step={_float(args[2])})"
    return None


def _option(value: Any) -> Any:
    dist = distribution_of(value)
    return plain(value[dist.name]) if dist is not None and dist.kind == "constant" else plain(value)


def _float(value: Any) -> str:
    """A number as a Hydra float (Hydra reads ``1`` as an integer)."""
    number = float(value)
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return repr(number)


def _native(value: Any) -> Any:
    """A constant as the YAML value whose text Hydra reads back as that constant."""
    value = plain(value)
    if isinstance(value, bool) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    return literal(value)


_BARE = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def literal(value: Any) -> str:
    """The Hydra element text of a value: Hydra parses it back to the same value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return _float(value)
    if isinstance(value, str):
        if _BARE.fullmatch(value) and grammar.evaluate(grammar.parse(value)) == value:
            return value
        return "'" + _escape(value) + "'"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return literal(str(value))


def _key(key: Any) -> str:
    text = str(key)
    if _BARE.fullmatch(text) and grammar.evaluate(grammar.parse(text)) == text:
        return text
    return re.sub(r"([\\(){}\[\]:=, \t])", r"\\\1", text)


def _escape(text: str) -> str:
    r"""Escape a string for single quotes: a quote is ``\'``, and backslashes before a quote or
    at the end are doubled (Hydra un-escapes only those)."""
    out = re.sub(r"(\\*)'", lambda m: m.group(1) * 2 + "\\'", text)
    return re.sub(r"(\\+)$", lambda m: m.group(1) * 2, out)


def _same(before: Any, text: Any, kind: str, folder: Path | None, key: str) -> bool:
    """Whether an existing expression means what the written one does (then it is kept, as
    the user wrote it)."""
    if before == text:
        return True
    try:
        ours = grammar.evaluate(grammar.parse(str(text)))
        theirs = grammar.evaluate(grammar.parse(str(before)))
    except (grammar.HydraSyntaxError, grammar.HydraEvalError):
        return False
    if isinstance(theirs, grammar.GlobSweep) and folder is not None:
        _, _, matched = _glob_options(folder, key, theirs)
        theirs = grammar.ChoiceSweep(theirs.node, items=list(matched))
    return bool(_meaning(ours, kind) == _meaning(theirs, kind))


def _meaning(value: Any, kind: str) -> Any:
    if isinstance(value, grammar.ChoiceSweep):
        return ("choice", repr([_constant(i, top=False) for i in value.items]))
    if isinstance(value, grammar.RangeSweep) and kind == "basic":
        return ("choice", repr(value.values(MAX_VALUES)))
    if isinstance(value, grammar.RangeSweep):
        return ("range", value.start, value.stop, value.step, type(value.start), value.shuffle)
    if isinstance(value, grammar.IntervalSweep):
        return ("interval", value.start, value.end, type(value.start), frozenset(value.tags))
    return ("element", repr(_constant(value)))


def _copy_comments(before: CommentedMap, after: CommentedMap) -> None:
    """The comments of the entries that stay keep their places."""
    for key, comment in before.ca.items.items():
        if key in after:
            after.ca.items[key] = comment
    if before.ca.comment:
        after.ca.comment = before.ca.comment


def _ensure(out: CommentedMap, path: JsonPath) -> CommentedMap:
    node = out
    for part in path:
        inner = node.get(part)
        if not isinstance(inner, CommentedMap):
            inner = node[part] = CommentedMap()
        node = inner
    return node


def _defaults(out: CommentedMap, group: str, option: str) -> None:
    """Make the defaults list pick ``option`` for the Hydra group ``group``."""
    defaults = out.get("defaults")
    found = _default_entries(defaults, group)
    if found:
        _, index = found[0]
        ((key, _),) = defaults[index].items()
        defaults[index][key] = option
        return
    if not isinstance(defaults, list):
        defaults = CommentedSeq(["_self_"])
        out.insert(0, "defaults", defaults)
    defaults.append(CommentedMap([(f"override {group}", option)]))


def _drop_default(out: CommentedMap, group: str) -> None:
    defaults = out.get("defaults")
    for _, index in reversed(_default_entries(defaults, group)):
        del defaults[index]
