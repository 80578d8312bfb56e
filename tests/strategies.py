"""Hypothesis strategies: random valid specs, each within one format's subset.

A spec is drawn in the canonical form the format's reader writes back (a distribution as a flow
mapping of one name to a flow list of positional arguments, or to a flow mapping of its argument
names with a ``label``; keys in the reader's order), so that a round trip through the format can
be compared byte for byte where its law says so. Parameter names never name a distribution, so a
one-key group is never read as one.

Numbers that a format passes through unchanged are any finite floats; bounds that a format
writes in log space (hyperopt, the legacy shim) are short decimals such as ``2.5e-4``, which are
the numbers :mod:`sweepspec.numbers` promises to bring back exactly through ``ln`` and ``exp``.
"""

from __future__ import annotations

import ast
import os
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from sweepspec.check import check_text
from sweepspec.formats.hp import SAME_AS_HP
from sweepspec.formats.tune_source import SPEC_NAMES
from sweepspec.meaning import plain
from sweepspec.space import distribution_of
from sweepspec.vocabulary import BY_NAME, FOREIGN_NAMES
from sweepspec.yamlio import dump, flow_map, flow_seq

LAWS = settings(
    max_examples=int(os.environ.get("SWEEPSPEC_HYPOTHESIS_EXAMPLES", "40")),
    phases=settings.default.phases
    if os.environ.get("SWEEPSPEC_SHRINK", "1") == "1"
    else (Phase.explicit, Phase.generate),
    deadline=None,
    derandomize=os.environ.get("SWEEPSPEC_HYPOTHESIS_RANDOM") != "1",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""The settings of every property test: a derandomised budget in CI; locally
SWEEPSPEC_HYPOTHESIS_EXAMPLES=2000 SWEEPSPEC_HYPOTHESIS_RANDOM=1 for a long random run, and
SWEEPSPEC_SHRINK=0 to report a failure without shrinking it."""

_RESERVED = frozenset({*BY_NAME, *FOREIGN_NAMES})

names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda n: n not in _RESERVED)
"""Parameter, metric and label names that W&B accepts and that name no distribution."""

floats = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive_floats = st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False)


def _decimal(mantissa: int, exponent: int) -> float:
    return float(f"{mantissa}e{exponent}")


decimals = st.builds(_decimal, st.integers(-999_999, 999_999), st.integers(-9, 2))
"""Short decimals, as people write them: ``-0.0025``, ``3.0e-7``, ``120000.0``."""
positive_decimals = st.builds(_decimal, st.integers(1, 999_999), st.integers(-9, 2))

scalars = st.one_of(st.integers(-1000, 1000), names, st.booleans())
"""Option and constant values every format carries as they are."""

texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=20,
).filter(lambda t: t.strip() == t)
"""Free text such as a sweep's ``name`` or ``description``."""


def dist(name: str, *args: Any) -> CommentedMap:
    """``{name: [args]}``, in flow style, as every reader writes a distribution."""
    return flow_map((name, flow_seq(list(args))))


def labelled(name: str, label: str, **args: Any) -> CommentedMap:
    """``{name: {arg: ..., label: ...}}``, as readers write a distribution with its own label."""
    return flow_map((name, flow_map(*args.items(), ("label", label))))


# --- the arguments of each distribution ------------------------------------------------------


@st.composite
def _bounds(draw: st.DrawFn, numbers: st.SearchStrategy[float]) -> tuple[float, float]:
    low, high = sorted(draw(st.lists(numbers, min_size=2, max_size=2, unique=True)))
    return low, high


@st.composite
def _int_bounds(draw: st.DrawFn, low: int = -1000) -> tuple[int, int]:
    a = draw(st.integers(low, 1000))
    return a, a + draw(st.integers(1, 1000))


@st.composite
def arguments(
    draw: st.DrawFn, name: str, human: bool = False, multiples: bool = False
) -> list[Any]:
    """Valid positional arguments of the distribution ``name``.

    ``human``: short decimals only (for formats that write log bounds through ``ln``).
    ``multiples``: quantised float bounds are multiples of ``q`` (Ray refuses others).
    """
    number = decimals if human else floats
    positive = positive_decimals if human else positive_floats
    if multiples and name in ("quniform", "qloguniform"):
        q = draw(st.sampled_from([0.01, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0]))
        first = 1 if name == "qloguniform" else -1000
        low = draw(st.integers(first, 1000))
        return [low * q, (low + draw(st.integers(1, 1000))) * q, q]
    if name in ("uniform", "quniform", "quniformint"):
        low, high = draw(_bounds(number))
        return [low, high] + ([draw(positive)] if name != "uniform" else [])
    if name in ("loguniform", "qloguniform", "invloguniform", "qloguniformint"):
        low, high = draw(_bounds(positive))
        quantised = name in ("qloguniform", "qloguniformint")
        return [low, high] + ([draw(positive)] if quantised else [])
    if name in ("normal", "qnormal", "lognormal", "qlognormal"):
        mu, sigma = draw(number), draw(positive)
        return [mu, sigma] + ([draw(positive)] if name.startswith("q") else [])
    if name in ("beta", "qbeta"):
        a, b = draw(positive), draw(positive)
        return [a, b] + ([draw(positive)] if name == "qbeta" else [])
    if name in ("randint", "uniformint"):
        return list(draw(_int_bounds()))
    if name == "qrandint":  # q == 1 is randint's alias in Ray and hyperopt: a step of 2 or more
        return [*draw(_int_bounds()), draw(st.integers(2, 50))]
    if name in ("lograndint", "qlograndint"):
        low, high = draw(_int_bounds(low=1))
        return [low, high] + ([draw(st.integers(2, 50))] if name == "qlograndint" else [])
    raise ValueError(f"no arguments for {name}")


@st.composite
def _probabilities(draw: st.DrawFn, count: int) -> list[float]:
    """``count`` probabilities that sum to exactly 1: halves of halves (exact in binary)."""
    weights = [1.0]
    while len(weights) < count:
        index = draw(st.integers(0, len(weights) - 1))
        half = weights.pop(index) / 2
        weights[index:index] = [half, half]
    return weights


# --- one subset's search space ---------------------------------------------------------------


class Subset:
    """What one format can express of the search space, in its reader's canonical form."""

    def __init__(
        self,
        distributions: tuple[str, ...],
        *,
        choice: bool = True,
        pchoice: str | None = None,
        grid: bool = False,
        groups: bool = True,
        conditional: bool = False,
        labels: tuple[str, ...] = (),
        human: bool = False,
        multiples: bool = False,
        mapping_constants: bool = False,
        constants: st.SearchStrategy[Any] = scalars,
    ) -> None:
        self.distributions = distributions
        self.choice, self.pchoice, self.grid = choice, pchoice, grid
        self.groups, self.conditional = groups, conditional
        self.labels = labels
        self.human, self.multiples = human, multiples
        self.mapping_constants = mapping_constants
        self.constants = constants

    def parameter(self, depth: int = 0) -> st.SearchStrategy[Any]:
        kinds = [self.constants]
        if self.distributions:
            kinds.append(self._distribution())
        if self.choice:
            kinds.append(self._choice(depth))
        if self.pchoice:
            kinds.append(self._pchoice())
        if self.grid:
            kinds.append(
                st.lists(scalars, min_size=1, max_size=4).map(lambda v: dist("grid_search", *v))
            )
        if self.mapping_constants:
            kinds.append(
                st.dictionaries(names, scalars, min_size=1, max_size=2).map(
                    lambda m: flow_map(("constant", flow_map(*m.items())))
                )
            )
        if self.groups and depth < 2:
            kinds.append(self.space(depth + 1, min_size=2))
        return st.one_of(kinds)

    def space(self, depth: int = 0, min_size: int = 1, max_size: int = 5) -> st.SearchStrategy[Any]:
        """A group of parameters: a block mapping of names to parameters."""
        return st.dictionaries(
            names, st.deferred(lambda: self.parameter(depth)), min_size=min_size, max_size=max_size
        ).map(lambda d: CommentedMap(d.items()))

    def _distribution(self) -> st.SearchStrategy[CommentedMap]:
        return _named_distribution(self)

    def _choice(self, depth: int) -> st.SearchStrategy[CommentedMap]:
        option: st.SearchStrategy[Any] = scalars
        if self.conditional and depth < 2:
            group = self.space(depth + 1, min_size=2, max_size=3).map(_flow)
            option = st.one_of(scalars, group)
        options = st.lists(option, min_size=1, max_size=4)
        plain = options.map(lambda o: dist("choice", *o))
        if "choice" not in self.labels:
            return plain
        return st.one_of(
            plain,
            st.builds(
                lambda o, label: labelled("choice", label, options=flow_seq(o)), options, names
            ),
        )

    def _pchoice(self) -> st.SearchStrategy[CommentedMap]:
        @st.composite
        def draw_pchoice(draw: st.DrawFn) -> CommentedMap:
            options = draw(st.lists(scalars, min_size=1, max_size=4))
            weights = draw(_probabilities(len(options)))
            if self.pchoice == "pairs":  # hyperopt's [[p, option], ...]
                return dist(
                    "pchoice", *[flow_seq([p, o]) for p, o in zip(weights, options, strict=True)]
                )
            body = flow_map(("options", flow_seq(options)), ("probabilities", flow_seq(weights)))
            return flow_map(("pchoice", body))

        return draw_pchoice()


@st.composite
def _named_distribution(draw: st.DrawFn, subset: Subset) -> CommentedMap:
    name = draw(st.sampled_from(subset.distributions))
    args = draw(arguments(name, subset.human, subset.multiples))
    if name in subset.labels and draw(st.booleans()):
        label = draw(names)
        return labelled(name, label, **dict(zip(BY_NAME[name].arg_names, args, strict=True)))
    return dist(name, *args)


def _flow(mapping: CommentedMap) -> CommentedMap:
    mapping.fa.set_flow_style()
    return mapping


# --- the subsets -----------------------------------------------------------------------------

WANDB = Subset(
    (
        "uniform",
        "quniform",
        "loguniform",
        "qloguniform",
        "invloguniform",
        "normal",
        "qnormal",
        "lognormal",
        "qlognormal",
        "uniformint",
        "beta",
        "qbeta",
    ),
    pchoice="mapping",
    mapping_constants=True,
)
"""W&B: its twelve distributions, `values` (choice), `values` with `probabilities`, constants."""

WANDB_GRID = Subset((), choice=False, grid=True)
"""W&B `method: grid`: every parameter a grid (or a constant)."""

LEGACY = Subset(
    ("uniform", "loguniform"),
    groups=False,
    labels=("uniform", "choice"),
    human=True,
)
"""The legacy shim: `hp.choice`, `hp.uniform` (with a label of its own) and `hyperopt.loguniform`
(without one), constants; no nested groups (the engine read every mapping as a call)."""

HYPEROPT = Subset(
    (*SAME_AS_HP, "randint", "quniformint", "qloguniformint"),
    pchoice="pairs",
    conditional=True,
    labels=("uniform", "loguniform", "normal", "randint", "choice"),
    human=True,
    mapping_constants=True,
)
"""hyperopt: every `hp.*` function, `scope.int` of `quniform`/`qloguniform` (`quniformint`,
`qloguniformint`), conditional choices, explicit labels, constants (a constant mapping is a
plain dict in a module). Not `uniformint` (written as `randint` with `high + 1`), nor Ray's
integer domains (`qrandint`, `lograndint`, `qlograndint`: written as hyperopt's nearest,
reported), `invloguniform`, `grid_search`, `beta` (written as their closest hyperopt form,
reported)."""

TUNE = Subset(
    (
        "uniform",
        "quniform",
        "loguniform",
        "qloguniform",
        "normal",
        "qnormal",
        "randint",
        "qrandint",
        "lograndint",
        "qlograndint",
    ),
    grid=True,
    conditional=True,
    multiples=True,
)
"""Ray Tune: the `tune.*` domains under their spec names, `tune.grid_search`, `tune.choice`
with sub-spaces. Not `uniformint` (written as `randint` with `high + 1`)."""


# --- whole specs -----------------------------------------------------------------------------


def _maybe(
    draw: st.DrawFn, key: str, strategy: st.SearchStrategy[Any], out: dict[str, Any]
) -> None:
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def wandb_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs in W&B's subset, with their keys where the W&B reader puts them back."""
    grid = draw(st.booleans())
    search = (
        "variant_generator" if grid else draw(st.sampled_from(["variant_generator", "bayesopt"]))
    )
    out: dict[str, Any] = {"sweepspec": 1}
    _maybe(draw, "name", texts, out)
    _maybe(draw, "description", texts, out)
    _maybe(draw, "program", names.map(lambda n: f"{n}.py"), out)
    out["search_alg"] = flow_map(("type", search))
    if search == "bayesopt" or draw(st.booleans()):
        out["metric"] = draw(names)
        out["mode"] = draw(st.sampled_from(["min", "max"]))
    # W&B's grid runs each combination once: a spec that repeats its grid is not in W&B's
    # subset (the conversion names the loss)
    _maybe(draw, "num_samples", st.just(1) if grid else st.integers(1, 10_000), out)
    if "metric" in out and draw(st.booleans()):
        grace = draw(st.integers(1, 50))
        out["scheduler"] = flow_map(
            ("type", "async_hyperband"),
            ("grace_period", grace),
            ("max_t", grace + draw(st.integers(0, 500))),
            ("reduction_factor", draw(st.integers(2, 5))),
        )
    subset = WANDB_GRID if grid else WANDB
    space = draw(subset.space())
    if search == "bayesopt" and not _has_distribution(space):
        space[draw(names.filter(lambda n: n not in space))] = dist("uniform", 0.0, 1.0)
    out["param_space"] = space
    return out


def _has_distribution(value: Any) -> bool:
    from sweepspec.space import iter_parameters

    return any(True for _ in iter_parameters(value))


def legacy_specs() -> st.SearchStrategy[dict[str, Any]]:
    """Specs in the legacy shim's subset, keys in the order its reader writes them."""
    return _legacy_specs().filter(distinct_labels)


@st.composite
def _legacy_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs in the legacy shim's subset, keys in the order its reader writes them."""
    out: dict[str, Any] = {"sweepspec": 1}
    _maybe(draw, "name", texts, out)
    _maybe(draw, "description", texts, out)
    _maybe(draw, "program", names.map(lambda n: f"{n}.py"), out)
    search = draw(st.booleans())
    scheduler = draw(st.booleans())
    metric = (draw(names), draw(st.sampled_from(["min", "max"])))
    if search:
        out["metric"], out["mode"] = metric
    _maybe(draw, "num_samples", st.integers(1, 10_000), out)
    if search:
        block = flow_map(("type", "hyperopt"))
        _maybe(draw, "n_initial_points", st.integers(0, 100), block)
        _maybe(draw, "random_state_seed", st.integers(0, 2**31), block)
        _maybe(draw, "gamma", st.sampled_from([0.1, 0.25, 0.5, 1.0]), block)
        out["search_alg"] = block
    if scheduler:
        grace = draw(st.integers(1, 50))
        block = CommentedMap([("type", "async_hyperband")])
        _maybe(draw, "time_attr", st.sampled_from(["training_iteration", "time_total_s"]), block)
        block["max_t"] = grace + draw(st.integers(0, 500))
        block["grace_period"] = grace
        _maybe(draw, "reduction_factor", st.integers(2, 5), block)
        _maybe(draw, "brackets", st.integers(1, 4), block)
        out["scheduler"] = block
        if not search:  # the reader takes them from the scheduler, after it
            out["metric"], out["mode"] = metric
    out["param_space"] = draw(LEGACY.space())
    return out


def distinct_labels(spec: dict[str, Any]) -> bool:
    """Whether no two parameters share a label (a drawn `label:` can be another's key), which
    hyperopt refuses (DuplicateLabel) and `check` reports (V007)."""
    return not any(d.code == "V007" for d in check_text(dump(spec), "drawn.yaml"))


@st.composite
def _hyperopt_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs in hyperopt's subset, keys in the order the module reader writes them."""
    out: dict[str, Any] = {"sweepspec": 1}
    _maybe(draw, "program", names.map(lambda n: f"{n}.py"), out)
    out["metric"] = draw(names)
    out["mode"] = draw(st.sampled_from(["min", "max"]))
    _maybe(draw, "num_samples", st.integers(1, 10_000), out)
    _maybe(draw, "time_budget_s", st.integers(1, 10_000), out)
    out["search_alg"] = flow_map(("type", "hyperopt"))
    out["param_space"] = draw(HYPEROPT.space())
    return out


def hyperopt_specs() -> st.SearchStrategy[dict[str, Any]]:
    """Specs in hyperopt's subset, keys in the order the module reader writes them."""
    return _hyperopt_specs().filter(distinct_labels)


@st.composite
def tune_specs(draw: st.DrawFn) -> dict[str, Any]:
    """Specs in Ray Tune's subset, keys in the order ``from_tune`` writes them."""
    out: dict[str, Any] = {"sweepspec": 1}
    if draw(st.booleans()):
        out["metric"] = draw(names)
        out["mode"] = draw(st.sampled_from(["min", "max"]))
    _maybe(draw, "num_samples", st.integers(1, 10_000), out)
    _maybe(draw, "max_concurrent_trials", st.integers(1, 64), out)
    _maybe(draw, "time_budget_s", st.integers(1, 10_000), out)
    out["param_space"] = draw(TUNE.space())
    return out


# --- Python sources ------------------------------------------------------------------------------


def without_template(module: str) -> str:
    """The module with its ``SWEEPSPEC = ...`` copy of the spec taken out."""
    tree = ast.parse(module)
    (template,) = [
        s
        for s in tree.body
        if isinstance(s, ast.Assign) and getattr(s.targets[0], "id", "") == "SWEEPSPEC"
    ]
    lines = module.splitlines(keepends=True)
    return "".join(lines[: template.lineno - 1] + lines[template.end_lineno or 0 :])


_TUNE_NAMES = {spec: function for function, spec in SPEC_NAMES.items()}


def _python(value: Any) -> str:
    """A Ray Tune expression for a spec parameter (the inverse of the script reader)."""
    dist = distribution_of(value)
    if dist is None and isinstance(value, dict):
        items = ", ".join(f"{k!r}: {_python(v)}" for k, v in value.items())
        return "{" + items + "}"
    if dist is None:
        return repr(plain(value))
    body = value[dist.name]
    if dist.name in ("choice", "grid_search"):
        return f"tune.{dist.name}([{', '.join(_python(o) for o in body)}])"
    return f"tune.{_TUNE_NAMES[dist.name]}({', '.join(repr(plain(a)) for a in body)})"


def tune_script(spec: dict[str, Any]) -> str:
    """A Ray Tune script for ``spec``, written as people write them (there is no writer of
    Ray Tune scripts: reading one unrun must give the spec it was written for)."""
    space = ",\n".join(f"    {k!r}: {_python(v)}" for k, v in spec["param_space"].items())
    config = [
        f"{key}={plain(spec[key])!r}"
        for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s")
        if key in spec
    ]
    return (
        "from ray import tune\n\n"
        f"param_space = {{\n{space}\n}}\n\n"
        "tuner = tune.Tuner(\n"
        "    'train.py',\n"
        "    param_space=param_space,\n"
        f"    tune_config=tune.TuneConfig({', '.join(config)}),\n"
        ")\n"
    )


# --- Optuna --------------------------------------------------------------------------------------


@st.composite
def _optuna_distribution(draw: st.DrawFn, labels: bool) -> CommentedMap:
    """A distribution Optuna draws as the spec means it, with Optuna's own constraints: a
    step divides ``high - low`` (Optuna lowers the upper bound otherwise)."""
    name = draw(
        st.sampled_from(
            ["uniform", "quniform", "loguniform", "randint", "uniformint", "qrandint", "lograndint"]
        )
    )
    if name == "quniform":  # bounds as people write them: decimal multiples of the step
        q = draw(st.sampled_from(["0.01", "0.1", "0.25", "0.5", "1.0", "2.0", "5.0"]))
        low = draw(st.integers(-1000, 1000))
        high = low + draw(st.integers(1, 1000))
        args = [float(Decimal(low) * Decimal(q)), float(Decimal(high) * Decimal(q)), float(q)]
    elif name == "qrandint":
        low, step = draw(st.integers(-1000, 1000)), draw(st.integers(2, 50))
        args = [low, low + step * draw(st.integers(1, 40)), step]
    else:
        args = draw(arguments(name, human=True))
    if labels and draw(st.booleans()):
        return labelled(name, draw(names), **dict(zip(BY_NAME[name].arg_names, args, strict=True)))
    return dist(name, *args)


def optuna_spaces(labels: bool = False, depth: int = 0) -> st.SearchStrategy[CommentedMap]:
    """Spaces in Optuna's subset: its distributions, choices of scalars, nested groups."""
    parameter = st.one_of(
        _optuna_distribution(labels),
        st.lists(scalars, min_size=1, max_size=4, unique_by=repr).map(lambda o: dist("choice", *o)),
        *([st.deferred(lambda: optuna_spaces(labels, depth + 1))] if depth < 1 else []),
    )
    return st.dictionaries(names, parameter, min_size=1, max_size=5).map(
        lambda d: CommentedMap(d.items())
    )


def optuna_specs() -> st.SearchStrategy[dict[str, Any]]:
    """Whole specs in Optuna's subset, keys in the order the module reader writes them; no two
    parameters share a label (one Optuna name is one parameter)."""
    return _optuna_specs().filter(distinct_labels)


@st.composite
def _optuna_specs(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"sweepspec": 1}
    _maybe(draw, "program", names.map(lambda n: f"{n}:train"), out)
    out["metric"] = draw(names)
    out["mode"] = draw(st.sampled_from(["min", "max"]))
    _maybe(draw, "num_samples", st.integers(1, 10_000), out)
    _maybe(draw, "time_budget_s", st.integers(1, 10_000), out)
    sampler = draw(st.sampled_from(["TPESampler", "RandomSampler", "CmaEsSampler", "QMCSampler"]))
    seed = draw(st.one_of(st.none(), st.integers(0, 2**31)))
    block = flow_map(("type", "optuna"), ("sampler", sampler))
    if seed is not None:
        block["seed"] = seed
    out["search_alg"] = block
    out["param_space"] = draw(optuna_spaces(labels=True))
    return out


def assert_round_trip(spec: dict[str, Any], fmt: str, file: str) -> None:
    """spec -> ``fmt`` (written as ``file``) -> spec gives the same text, and writing it lost
    nothing: the law of each format's expressible subset."""
    from sweepspec.convert import convert_text

    text = dump(spec)
    written = convert_text(text, fmt, "s.yaml")
    assert written.text is not None, written.diagnostics
    assert not [d for d in written.diagnostics if d.code == "X001"], written.diagnostics
    back = convert_text(written.text, "spec", file, source_format=fmt)
    assert back.text == text, (written.text, back.diagnostics)
