"""W&B sweep YAML <-> the spec, keeping comments and key order.

W&B's format: wandb/sweeps ``src/sweeps/config/schema.json`` and ``src/sweeps/config/cfg.py``
(research: ``wandb-sweeps.md`` §2). The mapping is exact for the spec's W&B-expressible subset;
whatever else a spec uses is reported at its node, from the ``wandb`` compatibility table.
Keys the spec does not model (``project``, ``command``, ...) travel in ``x-wandb``.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..checks.context import Context, is_finite
from ..diagnostics import Diagnostic, JsonPath, Severity
from ..emit import Locator
from ..loader import Document
from ..meaning import lookup
from ..space import (
    SPACE_KEY,
    constant_value,
    distribution_of,
    grid_combinations,
    holds_parameters,
    reads_as_itself,
)
from ..vocabulary import SCHEDULER_BY_TYPE
from ..yamlio import (
    Placement,
    dump,
    eol_comment,
    flow_map,
    flow_seq,
    is_flow,
    rebuild,
    set_eol,
    tighten_eol,
    yaml11_safe,
)
from .model import Reading, Writing
from .pyfold import NotStatic, arange
from .wandb_schema import DISTRIBUTIONS as WANDB_DISTRIBUTIONS
from .wandb_schema import SCHEMA, exponent_range, looks_like_real_values

PASSTHROUGH = "x-wandb"

# W&B distribution -> (spec distribution, W&B argument keys in the spec's argument order).
TO_SPEC: dict[str, tuple[str, tuple[str, ...]]] = {
    "uniform": ("uniform", ("min", "max")),
    "q_uniform": ("quniform", ("min", "max", "q")),
    "log_uniform_values": ("loguniform", ("min", "max")),
    "q_log_uniform_values": ("qloguniform", ("min", "max", "q")),
    "inv_log_uniform_values": ("invloguniform", ("min", "max")),
    "normal": ("normal", ("mu", "sigma")),
    "q_normal": ("qnormal", ("mu", "sigma", "q")),
    "log_normal": ("lognormal", ("mu", "sigma")),
    "q_log_normal": ("qlognormal", ("mu", "sigma", "q")),
    "int_uniform": ("uniformint", ("min", "max")),
    "beta": ("beta", ("a", "b")),
    "q_beta": ("qbeta", ("a", "b", "q")),
}
TO_WANDB: dict[str, tuple[str, tuple[str, ...]]] = {
    spec: (wandb, keys) for wandb, (spec, keys) in TO_SPEC.items()
}
# Arguments W&B lets authors leave out, with its defaults (schema.json).
DEFAULTS: dict[str, float] = {"q": 1.0, "mu": 0.0, "sigma": 1.0, "a": 1.0, "b": 1.0}
# Deprecated v1 distributions, whose bounds are natural-log exponents (src/sweeps/params.py).
DEPRECATED: dict[str, str] = {
    "log_uniform": "loguniform",
    "q_log_uniform": "qloguniform",
    "inv_log_uniform": "invloguniform",
}
METHOD_TO_SEARCH = {"random": "variant_generator", "grid": "variant_generator", "bayes": "bayesopt"}
GOALS = {"minimize": "min", "maximize": "max"}
MODES = {"min": "minimize", "max": "maximize"}
# Top-level keys with a spec counterpart; every other W&B key goes to x-wandb.
MODELLED = {
    "name",
    "description",
    "program",
    "method",
    "metric",
    "parameters",
    "early_terminate",
    "run_cap",
}


@dataclass
class Conversion:
    """A converted document, and what the conversion could not carry over."""

    data: CommentedMap
    diagnostics: list[Diagnostic] = field(default_factory=list)


# --- W&B -> spec ---------------------------------------------------------------------------


def to_spec(doc: Document) -> Conversion:
    """Read a W&B sweep document into a spec."""
    return _Reader(doc).run()


def read(doc: Document) -> Reading:
    """The registry's reader: a W&B sweep document as a spec."""
    converted = to_spec(doc)
    return Reading(converted.data, converted.diagnostics)


def write(doc: Document) -> Writing:
    """The registry's writer: a spec as a W&B sweep file."""
    converted = to_wandb(doc)
    return Writing(dump(converted.data), converted.diagnostics)


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.here = Locator(doc)
        self.found: list[Diagnostic] = []
        self.out = CommentedMap()
        self.extra = CommentedMap()
        self.grid = doc.data.get("method") == "grid"
        self.eols: list[tuple[str, str]] = []

    def run(self) -> Conversion:
        source: CommentedMap = self.doc.data
        self.out["sweepspec"] = 1
        if "method" not in source:
            self.extra["method"] = None  # so that the way back writes none either
        if source.ca.comment:
            self.out.ca.comment = source.ca.comment
        rebuild(source, self._top, target=self.out)
        if SPACE_KEY not in self.out:  # a W&B sweep may leave `parameters` out; a spec may not
            self.out[SPACE_KEY] = CommentedMap()
        if self.extra and PASSTHROUGH not in self.out:
            self.out[PASSTHROUGH] = self.extra
        for key, comment in self.eols:
            set_eol(self.out, key, comment)
        if self.grid and not self._all_grid():
            self.extra["method"] = "grid"
            if PASSTHROUGH not in self.out:
                self.out[PASSTHROUGH] = self.extra
        return Conversion(self.out, self.found)

    def _all_grid(self) -> bool:
        """Whether the spec's own grids make the W&B writer choose `method: grid` again: there
        is a grid, and nothing else is sampled (without parameters, it would choose random)."""
        params = Context(_as_document(self.out, self.doc)).parameters
        return bool(params) and all(p.dist.name == "grid_search" for p in params)

    def _top(self, key: Any, value: Any) -> list[Placement]:
        out = self.out
        if key == "metrics":
            self.found.append(
                self.here.at_key(
                    "X001",
                    "spec: W&B's `metrics` (several objectives) is carried in `x-wandb`; the "
                    "spec's search algorithms and schedulers optimise one `metric`",
                    (key,),
                    severity=Severity.WARNING,
                )
            )
        if key not in MODELLED:
            return self._passthrough(key, value)
        if key == "method":
            search = METHOD_TO_SEARCH.get(str(value))
            if search is None:
                return self._passthrough(key, value)
            return [(out, "search_alg", flow_map(("type", search)))]
        if key == "metric" and isinstance(value, Mapping):
            return self._metric(value)
        if key == "parameters" and isinstance(value, CommentedMap):
            return [(out, SPACE_KEY, self._group(value, ("parameters",)))]
        if key == "parameters":
            self._problem(("parameters",), "W&B `parameters` is a mapping of names to parameters")
            return [(out, SPACE_KEY, value)]
        if key == "early_terminate" and isinstance(value, CommentedMap):
            return self._early_terminate(value)
        if key == "early_terminate":
            self._problem((key,), "W&B `early_terminate` is a mapping such as `{type: hyperband}`")
            return self._passthrough(key, value)
        if key == "run_cap" and self.grid:
            return self._grid_cap(value)
        if key == "run_cap":
            return [(out, "num_samples", value)]
        return [(out, key, value)]

    def _grid_cap(self, value: Any) -> list[Placement]:
        """W&B's grid runs each combination once and ``run_cap`` stops it early; the spec's
        ``num_samples`` repeats the grid. The cap stays W&B's (in ``x-wandb``); where it stops
        the grid early, Ray's engines run the whole grid, which is said."""
        combinations = _grid_size(self.doc.data.get("parameters"))
        if value == combinations:
            return [(self.out, "num_samples", 1)]  # the whole grid, once
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value < combinations:
            self.found.append(
                self.here.at_key(
                    "X001",
                    f"spec: `run_cap: {value}` stops W&B's grid after {value} of its "
                    f"{combinations} combinations; the spec runs the whole grid (the cap is "
                    "kept in `x-wandb` for W&B)",
                    ("run_cap",),
                    severity=Severity.WARNING,
                )
            )
        return self._passthrough("run_cap", value)

    def _passthrough(self, key: Any, value: Any) -> list[Placement]:
        self.extra[key] = value
        if PASSTHROUGH not in self.out:
            return [(self.out, PASSTHROUGH, self.extra)]
        return [(self.extra, key, value)]

    def _metric(self, metric: Mapping[str, Any]) -> list[Placement]:
        placements: list[Placement] = [(self.out, "metric", metric.get("name"))]
        goal = metric.get("goal", "minimize")
        placements.append((self.out, "mode", GOALS.get(str(goal), goal)))
        rest = CommentedMap((k, v) for k, v in metric.items() if k not in ("name", "goal"))
        if rest:
            self._passthrough_value("metric", rest)
        for key, new_key in (("name", "metric"), ("goal", "mode")):
            comment = eol_comment(metric, key) if isinstance(metric, CommentedMap) else None
            if comment:
                self.eols.append((new_key, comment))
        return placements

    def _unbounded(self, min_iter: Any, eta: Any, out: CommentedMap, rest: CommentedMap) -> None:
        """W&B's hyperband needs no `max_iter` beside `min_iter`: it keeps halving without
        end. Ray's ASHA has a `max_t`, 100 unless written, and refuses a grace period above it;
        past that default the spec gets a `max_t` three halvings above `min_iter`, and
        `x-wandb` remembers that W&B's file had none (`max_iter: null`), so that converting
        back writes none either."""
        default = next(
            o.default for o in SCHEDULER_BY_TYPE["async_hyperband"].options if o.name == "max_t"
        )
        if not (_positive_number(min_iter) and min_iter > default and _positive_number(eta)):
            return
        factor = eta if eta > 1 else 3
        out["max_t"] = max_t = math.ceil(min_iter * factor**3)
        rest["max_iter"] = None
        self.found.append(
            self.here.at_value(
                "X001",
                f"spec: W&B's hyperband has no end without `max_iter`; Ray's needs a `max_t`, "
                f"{max_t} here (three halvings after `min_iter` {min_iter}, above the default "
                f"{default}, which `min_iter` passes); W&B's file gets no `max_iter` back",
                ("early_terminate", "min_iter"),
                severity=Severity.INFO,
            )
        )

    def _passthrough_value(self, key: str, value: Any) -> None:
        self.extra[key] = value
        if PASSTHROUGH not in self.out:
            self.out[PASSTHROUGH] = self.extra

    def _early_terminate(self, block: CommentedMap) -> list[Placement]:
        kind = block.get("type")
        if kind != "hyperband":
            return self._passthrough("early_terminate", block)
        out = CommentedMap()
        if is_flow(block):
            out.fa.set_flow_style()
        rest = CommentedMap(
            (k, v) for k, v in block.items() if k not in ("type", "min_iter", "max_iter", "eta")
        )
        out["type"] = "async_hyperband" if "min_iter" in block else "hyperband"
        if "min_iter" in block:
            out["grace_period"] = block["min_iter"]
        max_iter = block.get("max_iter")
        if "max_iter" in block and _positive_number(max_iter):
            out["max_t"] = max_iter
        elif "max_iter" in block:
            # Ray's schedulers need max_t > 0; W&B's file keeps what it said
            rest["max_iter"] = max_iter
            self.found.append(
                self.here.at_value(
                    "X001",
                    f"spec: `max_iter: {max_iter}` cannot be the scheduler's `max_t`, which Ray "
                    "needs above 0; it travels in `x-wandb` only",
                    ("early_terminate", "max_iter"),
                    severity=Severity.WARNING,
                )
            )
        elif "min_iter" in block:
            self._unbounded(block["min_iter"], block.get("eta", 3), out, rest)
        out["reduction_factor"] = block.get("eta", 3)
        if rest:
            self._passthrough_value("early_terminate", rest)
        return [(self.out, "scheduler", out)]

    # parameters

    def _group(self, params: CommentedMap, path: JsonPath) -> CommentedMap:
        def convert(name: Any, param: Any) -> list[Placement]:
            converted = self._parameter(param, (*path, name))
            return [] if converted is _UNREADABLE else [(target, name, converted)]

        target = CommentedMap()
        rebuild(params, convert, target=target)
        tighten_eol(target)
        return target

    def _parameter(self, param: Any, path: JsonPath) -> Any:
        if not isinstance(param, Mapping):
            self._problem(path, "a W&B parameter is a mapping such as `{values: [...]}`")
            return param
        if "parameters" in param and isinstance(param["parameters"], CommentedMap):
            group = self._group(param["parameters"], (*path, "parameters"))
            if distribution_of(group) is not None:  # one key named like a distribution
                return CommentedMap([("group", group)])
            return group
        kind = param.get("distribution") or _infer(param)
        if kind is not None and not isinstance(kind, str):
            self._left_out(path, "`distribution` names a W&B distribution, such as `uniform`")
            return _UNREADABLE
        if not self._accounted(param, kind, path):
            return _UNREADABLE
        if kind == "constant":
            value = param.get("value")
            return flow_map(("constant", value)) if isinstance(value, Mapping) else value
        if kind == "categorical":
            name = "grid_search" if self.grid else "choice"
            return self._like(param, (name, _as_options(param.get("values"))))
        if kind == "categorical_w_probabilities":
            body = CommentedMap(
                [
                    ("options", _as_options(param.get("values"))),
                    ("probabilities", param.get("probabilities")),
                ]
            )
            if is_flow(param):
                body.fa.set_flow_style()
            return self._like(param, ("pchoice", body))
        if kind in DEPRECATED:
            return self._deprecated(param, str(kind), path)
        if kind not in TO_SPEC:
            known = [*TO_SPEC, "categorical", "constant"]
            spelled = TO_WANDB[str(kind)][0] if str(kind) in TO_WANDB else None
            close = [spelled] if spelled else difflib.get_close_matches(str(kind), known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else None
            self._left_out(path, f"unknown W&B distribution `{kind}`", hint=hint)
            return _UNREADABLE
        spec, keys = TO_SPEC[str(kind)]
        args = [param.get(k, DEFAULTS.get(k)) for k in keys]
        if self.grid and kind in GRID_ENUMERATED:
            return self._enumerated(param, str(kind), args, path)
        return self._like(param, (spec, flow_seq(args)))

    def _enumerated(
        self, param: Mapping[str, Any], kind: str, args: list[Any], path: JsonPath
    ) -> CommentedMap:
        """W&B's grid runs an `int_uniform` or `q_uniform` parameter as the list of its values
        (src/sweeps/grid_search.py): the spec's `grid_search` of that list means the same. A
        range that cannot be listed is carried as sampled, and said."""
        values = grid_values(kind, args)
        if isinstance(values, list):
            return self._like(param, ("grid_search", flow_seq(values)))
        spec = TO_SPEC[kind][0]
        self._loss_in(
            path,
            f"W&B's grid runs each value of this `{kind}` in turn; {values}, so it is carried "
            f"as `{spec}`, which Ray samples",
        )
        return self._like(param, (spec, flow_seq(args)))

    def _accounted(self, param: Mapping[str, Any], kind: str | None, path: JsonPath) -> bool:
        """Every key of a W&B parameter is carried or named: a key that is no argument of its
        distribution (`values` beside `distribution: uniform`, a parameter indented one level
        too deep) has no place in the spec; a parameter without a required argument has no
        value to carry, and is left out, named. Whether the parameter can be carried."""
        if kind not in WANDB_DISTRIBUTIONS:
            return True  # an unknown distribution is reported by the caller
        arguments, required = WANDB_DISTRIBUTIONS[kind]
        for key in param:
            if key != "distribution" and key not in arguments:
                self._loss_in(
                    (*path, key),
                    f"`{key}` is not an argument of W&B's `{kind}` "
                    f"({', '.join(arguments) or 'none'}), so it is not carried",
                )
        missing = [key for key in required if key not in param]
        for key in missing:
            self.found.append(
                self.here.at_key(
                    "X003", f"W&B's `{kind}` needs `{key}`; the parameter is not carried", path
                )
            )
        return not missing

    def _loss_in(self, path: JsonPath, message: str) -> None:
        self.found.append(
            self.here.at_key("X001", f"spec: {message}", path, severity=Severity.WARNING)
        )

    def _like(self, param: Any, pair: tuple[str, Any]) -> CommentedMap:
        """A spec parameter in the style of the W&B one, keeping its end-of-line comments."""
        out = CommentedMap([pair])
        if is_flow(param):
            out.fa.set_flow_style()
        if isinstance(param, CommentedMap):
            comments = [c for k in param if (c := eol_comment(param, k))]
            if comments and not is_flow(param):
                set_eol(out, pair[0], " ".join(comments))
        return out

    def _deprecated(self, param: Mapping[str, Any], kind: str, path: JsonPath) -> CommentedMap:
        spec = DEPRECATED[kind]
        low, high = param.get("min"), param.get("max")
        if not all(isinstance(v, (int, float)) for v in (low, high)):
            self._problem(path, f"`{kind}` needs numbers `min` and `max`")
            return self._like(param, (spec, flow_seq([low, high])))
        assert isinstance(low, (int, float)) and isinstance(high, (int, float))
        real = exponent_range(kind, low, high)
        if real is None:
            self._problem(path, f"`{kind}` takes exponents; exp of {low} or {high} is too large")
            return self._like(param, (spec, flow_seq([low, high])))
        bounds = list(real)
        args: list[Any] = bounds + ([param.get("q", 1.0)] if kind == "q_log_uniform" else [])
        message = (
            f"W&B's deprecated `{kind}` takes exponents; written as `{spec}` with the real "
            f"bounds exp(min) and exp(max), {real[0]:.6g} to {real[1]:.6g}, as W&B reads them"
        )
        if looks_like_real_values(low, high):
            message += (
                f"; min {low} and max {high} look like real values: if they are, write "
                f"`{spec}: [{low}, {high}]` instead"
            )
        self.found.append(
            self.here.at_value("X002", message, (*path, "distribution"), severity=Severity.WARNING)
        )
        return self._like(param, (spec, flow_seq(args)))

    def _left_out(self, path: JsonPath, message: str, **extra: Any) -> None:
        """A parameter whose `distribution` cannot be read: the finding is at that value and
        names the whole parameter, which is not carried (a guess would change its meaning)."""
        found = self.here.at_value(
            "X003", f"{message}; the parameter is not carried", (*path, "distribution"), **extra
        )
        self.found.append(replace(found, path=path))

    def _problem(self, path: JsonPath, message: str) -> None:
        self.found.append(self.here.at_value("X003", message, path))


# A parameter the reader leaves out (said why).
_UNREADABLE = object()


def _infer(param: Mapping[str, Any]) -> str | None:
    """W&B's inference when `distribution` is left out (src/sweeps/config/schema.py)."""
    if "values" in param:
        return "categorical_w_probabilities" if "probabilities" in param else "categorical"
    if "value" in param:
        return "constant"
    low, high = param.get("min"), param.get("max")
    if isinstance(low, int) and isinstance(high, int) and not isinstance(low, bool):
        return "int_uniform"
    if low is not None and high is not None:
        return "uniform"
    return None


def _as_document(data: CommentedMap, like: Document) -> Document:
    return Document(like.file, "", data, like.spans)


# --- spec -> W&B ---------------------------------------------------------------------------


def to_wandb(doc: Document) -> Conversion:
    """Write a spec as a W&B sweep; what W&B cannot express is reported at its node."""
    return _Writer(doc).run()


_SEARCH_OPTIONS_KEPT: frozenset[str] = frozenset({"type"})
_NAME = re.compile(SCHEMA["definitions"]["parameters"]["propertyNames"]["pattern"])
_SCHEDULER_KEYS = {
    "async_hyperband": {"type", "grace_period", "max_t", "reduction_factor"},
    "hyperband": {"type", "max_t", "reduction_factor"},
    "fifo": {"type"},
}


class _Writer:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: CommentedMap = doc.data
        self.here = Locator(doc)
        self.found: list[Diagnostic] = []
        self.out = CommentedMap()
        extra = self.data.get(PASSTHROUGH)
        self.extra: Mapping[str, Any] = extra if isinstance(extra, Mapping) else {}
        self.context = Context(doc, ("wandb",))

    def run(self) -> Conversion:
        self._labels()
        if self.data.ca.comment:
            self.out.ca.comment = self.data.ca.comment
        rebuild(self.data, self._top, target=self.out)
        if "method" not in self.out and not self._without_method():
            self.out.insert(0, "method", self._method())
        yaml11_safe(self.out)
        return Conversion(self.out, self.found)

    def _without_method(self) -> bool:
        # The W&B file this spec was read from had no `method` (x-wandb: {method: null}).
        return "method" in self.extra and self.extra["method"] is None

    def _run_cap(self, value: Any) -> list[Placement]:
        """``num_samples`` as ``run_cap``; with a grid, Ray runs the whole grid ``num_samples``
        times, where W&B's grid runs each combination once (``run_cap`` only stops it early)."""
        combinations = grid_combinations(self.context.parameters)
        if not combinations or self._method() != "grid":
            return [(self.out, "run_cap", value)]
        if value == 1:
            # the whole grid once: W&B's grid runs every combination of every `values` list
            size = math.prod(
                max(1, len(p.options)) if p.options else 1
                for p in self.context.parameters
                if all(isinstance(k, str) for k in p.keys)
            )
            return [(self.out, "run_cap", size)]
            trials = "without end" if value == -1 else f"{value * combinations} trials"
            self._loss(
                ("num_samples",),
                f"wandb: `num_samples: {value}` runs the grid's {combinations} combinations "
                f"{'again and again' if value == -1 else f'{value} times'} ({trials}); W&B's "
                "grid runs each once",
            )
        return []

    def _loss(
        self,
        path: JsonPath,
        message: str,
        severity: Severity = Severity.WARNING,
        on_key: bool = True,
    ) -> None:
        place = self.here.at_key if on_key else self.here.at_value
        self.found.append(place("X001", message, path, severity=severity))

    def _conditional(self, options: Any, path: JsonPath) -> None:
        """An option that holds parameters is written as it is, and W&B passes it to the
        program as that literal mapping: said at the option, with what is not sampled."""
        if not isinstance(options, list):
            return
        for index, option in enumerate(options):
            if holds_parameters(option):
                self._loss(
                    (*path, index),
                    "wandb: W&B passes each of `values` to the program as it is: this option's "
                    "distributions would arrive as literal mappings, not samples (a W&B "
                    "parameter cannot depend on another's value)",
                    on_key=False,
                )

    def _labels(self) -> None:
        # why a label does not come back (losses.py decides that it does not)
        for param in self.context.parameters:
            if param.label is not None:
                self._loss(
                    (*param.dist_path, "label"),
                    f"wandb: parameters have no label; `{param.label}` is not carried",
                )

    def _method(self) -> str:
        forced = self.extra.get("method")
        if isinstance(forced, str):
            return forced
        search = self.data.get("search_alg")
        kind = search.get("type") if isinstance(search, Mapping) else "variant_generator"
        if kind == "bayesopt":
            return "bayes"
        grids = any(p.dist.name == "grid_search" for p in self.context.parameters)
        return "grid" if grids else "random"

    def _top(self, key: Any, value: Any) -> list[Placement]:
        out = self.out
        if key in {"sweepspec", "targets"}:
            return []
        if key == "search_alg":
            if self._without_method():
                return []
            if isinstance(value, Mapping):
                for option in value:
                    if option not in _SEARCH_OPTIONS_KEPT:
                        self._loss(
                            ("search_alg", option),
                            f"wandb: search_alg option `{option}` is not carried",
                        )
            return [(out, "method", self._method())]
        if key == "metric":
            return [(out, "metric", self._metric())]
        if key == "mode":
            return []
        if key == "num_samples":
            return self._run_cap(value)
        if key == "scheduler" and isinstance(value, Mapping):
            return self._scheduler(value)
        if key == SPACE_KEY and isinstance(value, CommentedMap):
            if not value:  # W&B refuses `parameters: {}`; a sweep without them leaves it out
                return []
            return [(out, "parameters", self._group(value, (SPACE_KEY,)))]
        if key == PASSTHROUGH and isinstance(value, CommentedMap):
            placements: list[Placement] = []
            # `metric` and `early_terminate` extras merge into what the spec's metric and
            # scheduler write; without those, they are written as they were
            merged = {"method", *(["metric"] if "metric" in self.data else [])}
            if isinstance(self.data.get("scheduler"), Mapping):
                merged.add("early_terminate")
            for name, item in value.items():
                if name in merged:
                    continue
                if name in value.ca.items:
                    out.ca.items[name] = value.ca.items[name]
                placements.append((out, name, item))
            return placements
        if key in ("stop", "time_budget_s", "max_concurrent_trials", "resources_per_trial"):
            return []  # reported from the compatibility table
        if isinstance(key, str) and key.startswith("x-"):
            self._loss((key,), f"wandb: `{key}` belongs to another format and is not carried")
            return []
        return [(out, key, value)]

    def _metric(self) -> CommentedMap:
        metric = CommentedMap()
        metric["name"] = self.data.get("metric")
        mode = self.data.get("mode")
        if mode is not None:
            metric["goal"] = MODES.get(str(mode), mode)
        extra = self.extra.get("metric")
        if isinstance(extra, Mapping):
            for key, value in extra.items():
                metric[key] = value
        return metric

    def _scheduler(self, block: Mapping[str, Any]) -> list[Placement]:
        kind = block.get("type")
        for option in block:
            if option not in _SCHEDULER_KEYS.get(str(kind), {"type"}):
                self._loss(
                    ("scheduler", option), f"wandb: scheduler option `{option}` is not carried"
                )
        if kind not in ("async_hyperband", "hyperband"):
            return []
        out = CommentedMap([("type", "hyperband")])
        if is_flow(block):
            out.fa.set_flow_style()
        if kind == "async_hyperband":
            out["min_iter"] = block.get("grace_period", 1)
            if "max_t" in block:
                out["max_iter"] = block["max_t"]
        else:
            out["max_iter"] = block.get("max_t", 81)
        out["eta"] = block.get("reduction_factor", 4 if kind == "async_hyperband" else 3)
        extra = self.extra.get("early_terminate")
        if isinstance(extra, Mapping):
            for key, value in extra.items():
                out[key] = value
            if "max_iter" in extra and extra["max_iter"] is None:
                del out["max_iter"]  # W&B's file had none: the reader chose the spec's max_t
        if kind == "hyperband" and "s" not in out:
            eta, max_iter = out["eta"], out["max_iter"]
            numbers = all(isinstance(v, (int, float)) and math.isfinite(v) for v in (eta, max_iter))
            if numbers and max_iter > 0:  # `check` refuses the others; skipped, not guessed
                out["s"] = max(0, int(math.log(max_iter) / math.log(eta))) if eta > 1 else 0
        return [(self.out, "early_terminate", out)]

    def _group(self, group: CommentedMap, path: JsonPath) -> CommentedMap:
        def convert(name: Any, value: Any) -> list[Placement]:
            if not _NAME.fullmatch(str(name)):
                # left out: W&B would refuse the whole file for it
                self._loss(
                    (*path, name),
                    f"wandb: W&B refuses the parameter name `{name}` (its names match "
                    f"`{_NAME.pattern}`), so it is left out",
                )
                return []
            return [(target, name, self._parameter(value, (*path, name)))]

        target = CommentedMap()
        rebuild(group, convert, target=target)
        tighten_eol(target)
        return target

    def _parameter(self, value: Any, path: JsonPath) -> Any:
        dist = distribution_of(value)
        if dist is None:
            if isinstance(value, CommentedMap) and not value:
                self._loss(path, "wandb: an empty group is written as the constant `{}`")
                return CommentedMap([("value", value)])  # W&B refuses `parameters: {}`
            if isinstance(value, CommentedMap):
                return CommentedMap([("parameters", self._group(value, path))])
            return CommentedMap([("value", value)])
        body = value[dist.name]
        if dist.kind == "group" and isinstance(body, CommentedMap):
            return CommentedMap([("parameters", self._group(body, (*path, "group")))])
        if dist.name == "constant":
            return self._like(value, [("value", body)])
        if dist.name in ("choice", "grid_search"):
            field = "values" if dist.name == "grid_search" else "options"
            values = body.get(field) if isinstance(body, Mapping) else body
            self._conditional(values, (*path, dist.name, *([field] if body is not values else [])))
            return self._like(value, [("values", _as_values(values))])
        if dist.name == "pchoice":
            if isinstance(body, Mapping):
                return self._like(
                    value,
                    [
                        ("values", _as_values(body.get("options"))),
                        ("probabilities", body.get("probabilities")),
                    ],
                )
            pairs = [p for p in body if isinstance(p, list) and len(p) == 2]
            return self._like(
                value,
                [
                    ("values", _as_values(flow_seq([p[1] for p in pairs]))),
                    ("probabilities", flow_seq([p[0] for p in pairs])),
                ],
            )
        args = _arguments(dist.arg_names, body)
        fields: list[tuple[str, Any]]
        if dist.name == "randint":
            fields = [
                ("distribution", "int_uniform"),
                ("min", args[0]),
                ("max", _minus_one(args[1])),
            ]
            return self._ranged(value, path, dist.name, fields)
        if dist.name in ("quniformint", "qloguniformint"):
            # W&B has no integer forms of these: its float ones, which come back as the float
            # distribution (a loss the table explains)
            wandb = "q_uniform" if dist.name == "quniformint" else "q_log_uniform_values"
            fields = [("distribution", wandb), ("min", args[0]), ("max", args[1]), ("q", args[2])]
            return self._ranged(value, path, dist.name, fields)
        if dist.name in ("qrandint", "lograndint", "qlograndint"):
            wandb = "q_uniform" if dist.name == "qrandint" else "q_log_uniform_values"
            q = args[2] if len(args) > 2 else 1
            high = _minus_one(args[1]) if dist.name == "lograndint" else args[1]
            fields = [("distribution", wandb), ("min", args[0]), ("max", high), ("q", q)]
            return self._ranged(value, path, dist.name, fields)
        wandb, keys = TO_WANDB[dist.name]
        return self._ranged(
            value, path, dist.name, [("distribution", wandb), *zip(keys, args, strict=False)]
        )

    def _ranged(
        self, value: Any, path: JsonPath, name: str, pairs: list[tuple[str, Any]]
    ) -> CommentedMap:
        """A W&B distribution; an integer range of one value (``uniformint: [3, 3]``, which the
        spec allows) as the constant it is, since W&B refuses ``min`` equal to ``max``."""
        args = dict(pairs)
        low, high = args.get("min"), args.get("max")
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high))
        if numbers and low >= high:  # type: ignore[operator]
            self._loss(
                (*path, name),
                f"wandb: `{name}` with one value is written as the constant {low}: W&B refuses "
                "`min` equal to `max`",
            )
            return self._like(value, [("value", low)])
        return self._like(value, pairs)

    def _like(self, value: Any, pairs: list[tuple[str, Any]]) -> CommentedMap:
        out = CommentedMap(pairs)
        if is_flow(value):
            out.fa.set_flow_style()
        return out


def _arguments(names: tuple[str, ...], body: Any) -> list[Any]:
    if isinstance(body, Mapping):
        return [body.get(n) for n in names]
    return list(body) if isinstance(body, list) else []


def _minus_one(value: Any) -> Any:
    return value - 1 if isinstance(value, int) and not isinstance(value, bool) else value


def _positive_number(value: Any) -> bool:
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and is_finite(value)
        and value > 0
    )


# Where a spec node read from a W&B file was in it (for placing what its conversion onward
# finds: a loss of `param_space.lr` is at `parameters.lr` in the W&B file).
_ORIGINS = {
    "search_alg": ("method",),
    "scheduler": ("early_terminate",),
    "metric": ("metric", "name"),
    "mode": ("metric", "goal"),
    "num_samples": ("run_cap",),
}


def origin(path: JsonPath, data: Any = None) -> JsonPath:
    """The W&B path of the spec node at ``path``, as the reader maps it: a parameter's (or a
    nested group's) at its key under `parameters`, a distribution's arguments at their keys
    (`loguniform.0` at `min`, `choice.2` at `values.2`), a constant at its `value` where
    ``data`` (the W&B file) has one, the scheduler's options at `early_terminate`'s."""
    from ..vocabulary import BY_NAME

    if not path:
        return path
    head, rest = path[0], path[1:]
    if head == SPACE_KEY:
        out: list[Any] = []
        named = False  # under `group:` every key names a parameter (`beta` too)
        for index, part in enumerate(rest):
            if part == "group" and not named:
                named = True
                continue
            if not isinstance(part, str) or (part in BY_NAME and not named):
                return (*out, *_argument(rest[index:], lookup(data, out)))
            out += ["parameters", part]
            named = False
        node = lookup(data, out)
        if isinstance(node, Mapping) and "value" in node and "parameters" not in node:
            out.append("value")
        return tuple(out) or ("parameters",)
    if head == PASSTHROUGH:
        return rest
    if head == "scheduler" and rest and rest[0] in _SCHEDULER_ORIGINS:
        return ("early_terminate", _SCHEDULER_ORIGINS[rest[0]])
    return _ORIGINS.get(str(head), (head,))


# The spec's scheduler options at W&B's hyperband keys (the reader's mapping).
_SCHEDULER_ORIGINS = {"grace_period": "min_iter", "max_t": "max_iter", "reduction_factor": "eta"}


def _argument(rest: JsonPath, parameter: Any) -> JsonPath:
    """Where a distribution's argument is under its W&B ``parameter``: ``rest`` starts at the
    spec's distribution key, which is at the parameter's `distribution` (or `values`)."""
    from ..vocabulary import BY_NAME

    dist, args = str(rest[0]), list(rest[1:])
    names = BY_NAME[dist].arg_names if dist in BY_NAME else ()
    if args[:1] == ["options"]:
        args.pop(0)
    elif args and args[0] in names:
        args[0] = names.index(args[0])
    if not args:
        own = [
            key
            for key in ("distribution", "values")
            if isinstance(parameter, Mapping) and key in parameter
        ]
        return (own[0],) if own else ()
    if not isinstance(args[0], int):
        return ()
    if dist in ("choice", "grid_search"):
        return ("values", args[0])
    keys = TO_WANDB.get(dist, ("", ()))[1]
    return (keys[args[0]],) if 0 <= args[0] < len(keys) else ()


def grid_values(kind: str, args: list[Any]) -> list[Any] | str:
    """The values W&B's grid runs for an `int_uniform` (``range(min, max + 1)``) or a
    `q_uniform` (numpy's ``arange(min, max, q).tolist()``, which leaves ``max`` out:
    src/sweeps/grid_search.py) with these arguments, computed as numpy does
    (``pyfold.arange``); else why they cannot be listed."""
    low, high = args[0], args[1]
    if kind == "int_uniform":
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high)):
            return "its bounds are not integers"
        if high < low:
            return "it has no values (`min` is above `max`)"
        if high - low >= GRID_LIMIT:
            return f"it has {high - low + 1} values"
        arange_args: tuple[Any, ...] = (int(low), int(high) + 1)
    else:
        numbers = (low, high, args[2])
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
            return "its bounds are not numbers"
        if not all(math.isfinite(v) for v in numbers) or args[2] <= 0:
            return "its bounds and `q` are not finite numbers with `q` above 0"
        arange_args = numbers
    try:
        values = arange(*arange_args)
    except NotStatic:
        return f"it has more than {GRID_LIMIT} values"
    if not values:
        return "it has no values (numpy's arange leaves out `max`)"
    if len(values) > GRID_LIMIT:
        return f"it has {len(values)} values"
    return values


# W&B's grid turns these into the list of their values; the spec writes them as `grid_search`.
GRID_ENUMERATED = frozenset({"int_uniform", "q_uniform"})
# A longer list is carried as the sampled distribution (and said), not written out.
GRID_LIMIT = 1000


def _as_options(values: Any) -> Any:
    """W&B's `values` as a spec choice's options: W&B passes each as it is, so an option the
    spec would read as a distribution (``{beta: [0.9, 0.99]}``) or as a group holding one is
    written ``{constant: ...}``."""
    if not isinstance(values, list) or all(reads_as_itself(v) for v in values):
        return values
    options = CommentedSeq(v if reads_as_itself(v) else flow_map(("constant", v)) for v in values)
    if is_flow(values):
        options.fa.set_flow_style()
    return options


def _as_values(options: Any) -> Any:
    """A spec choice's options as W&B's `values`, which W&B passes as they are: an option
    that holds no parameters is written as the value it means (``{constant: x}`` as ``x``);
    one that holds parameters stays, and the compatibility table reports it."""
    if not isinstance(options, list) or all(reads_as_itself(v) for v in options):
        return options
    values = CommentedSeq(v if holds_parameters(v) else constant_value(v) for v in options)
    if is_flow(options):
        values.fa.set_flow_style()
    return values


def _grid_size(parameters: Any) -> int:
    """How many combinations W&B's grid makes of ``parameters`` (each `values` list, nested
    parameters too)."""
    size = 1
    if not isinstance(parameters, Mapping):
        return size
    for param in parameters.values():
        if not isinstance(param, Mapping):
            continue
        if isinstance(param.get("parameters"), Mapping):
            size *= _grid_size(param["parameters"])
        elif isinstance(param.get("values"), list):
            size *= max(1, len(param["values"]))
        elif (kind := param.get("distribution") or _infer(param)) in GRID_ENUMERATED:
            args = [param.get(k, DEFAULTS.get(k)) for k in TO_SPEC[str(kind)][1]]
            listed = grid_values(str(kind), args)
            size *= len(listed) if isinstance(listed, list) else 1
    return size
