"""The spec's vocabulary as data: distributions, search algorithms and schedulers.

This module is the single source of the v1 schema (``sweepspec.schema_build`` turns it into
``schema/sweepspec-1.schema.json``), of the semantic checks and of the reference docs. Option names
and defaults follow the Ray Tune 2.x constructors (ray-project/ray ``python/ray/tune/search/*`` and
``python/ray/tune/schedulers/*``, read at 2.60.0; SkOptSearch from 2.10.0, the last release that
shipped it); distribution semantics follow hyperopt 0.3 ``hyperopt/pyll/stochastic.py`` and Ray's
``python/ray/tune/search/sample.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

    ArgType = Literal["number", "integer"]
    # What an argument means; the semantic checks are keyed on it.
    ArgRole = Literal["low", "high", "q", "mu", "sigma", "shape"]
    Kind = Literal["continuous", "integer", "categorical", "grid", "constant", "group"]


@dataclass(frozen=True, slots=True)
class Arg:
    name: str
    type: ArgType
    role: ArgRole
    description: str


@dataclass(frozen=True, slots=True)
class Distribution:
    """One search-space function of the spec.

    ``args`` are in positional order: ``uniform: [0, 1]`` is ``uniform: {low: 0, high: 1}``.
    ``high_inclusive`` is set for integer distributions only.
    """

    name: str
    kind: Kind
    args: tuple[Arg, ...]
    summary: str
    semantics: str
    example: str
    log: bool = False
    high_inclusive: bool | None = None
    origin: tuple[str, ...] = ()

    @property
    def arg_names(self) -> tuple[str, ...]:
        return tuple(arg.name for arg in self.args)

    def signature(self) -> str:
        if self.kind in ("categorical", "grid"):
            return f"{self.name}: [option, ...]"
        if self.kind == "constant":
            return f"{self.name}: <any value>"
        if self.kind == "group":
            return f"{self.name}: {{name: parameter, ...}}"
        names = ", ".join(self.arg_names)
        mapping = ", ".join(f"{n}: ..." for n in self.arg_names)
        return f"{self.name}: [{names}]  or  {self.name}: {{{mapping}}}"


def _low(t: ArgType, log: bool = False) -> Arg:
    space = "real-space (not log-space) " if log else ""
    return Arg("low", t, "low", f"Lower bound, {space}inclusive.")


def _high(t: ArgType, inclusive: bool, log: bool = False) -> Arg:
    space = "real-space (not log-space) " if log else ""
    return Arg(
        "high", t, "high", f"Upper bound, {space}{'inclusive' if inclusive else 'exclusive'}."
    )


_Q_FLOAT = Arg("q", "number", "q", "Quantisation step: values are `round(x / q) * q`. Must be > 0.")
_Q_INT = Arg("q", "integer", "q", "Step: values are multiples of `q`. Must be > 0.")
_MU = Arg("mu", "number", "mu", "Mean of the normal distribution.")
_SIGMA = Arg(
    "sigma", "number", "sigma", "Standard deviation of the normal distribution. Must be > 0."
)
_LOG_MU = Arg(
    "mu", "number", "mu", "Mean of the logarithm of the value (log space, as in hyperopt)."
)
_LOG_SIGMA = Arg(
    "sigma", "number", "sigma", "Standard deviation of the logarithm of the value. Must be > 0."
)
_A = Arg("a", "number", "shape", "Shape parameter alpha. Must be > 0.")
_B = Arg("b", "number", "shape", "Shape parameter beta. Must be > 0.")

DISTRIBUTIONS: tuple[Distribution, ...] = (
    Distribution(
        "choice",
        "categorical",
        (),
        "One of the options, chosen uniformly.",
        "Options may be constants, distributions or mappings; a mapping option is a nested "
        "group, which makes the space conditional (hyperopt `hp.choice`, Ray `tune.choice`).",
        "choice: [relu, tanh]",
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "pchoice",
        "categorical",
        (),
        "One of the options, chosen with the given probabilities.",
        "Written as `[[probability, option], ...]` like hyperopt `hp.pchoice`, or as "
        "`{options: [...], probabilities: [...]}` like W&B `categorical_w_probabilities`. "
        "Probabilities are non-negative and sum to 1.",
        "pchoice: [[0.8, adam], [0.2, sgd]]",
        origin=("hyperopt", "wandb"),
    ),
    Distribution(
        "grid_search",
        "grid",
        (),
        "Every value in turn: the sweep runs the cartesian product of all grids.",
        "Ray Tune `tune.grid_search`: with `num_samples: n` the whole grid is repeated n times.",
        "grid_search: [16, 32, 64]",
        origin=("tune",),
    ),
    Distribution(
        "uniform",
        "continuous",
        (_low("number"), _high("number", False)),
        "A float drawn uniformly from [low, high).",
        "hyperopt `hp.uniform`, Ray `tune.uniform`, W&B `uniform`.",
        "uniform: [0.0, 0.5]",
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "quniform",
        "continuous",
        (_low("number"), _high("number", True), _Q_FLOAT),
        "A uniform float rounded to a multiple of q.",
        "`round(uniform(low, high) / q) * q` as in hyperopt `hp.quniform` (not clipped to the "
        "bounds); Ray `tune.quniform`, W&B `q_uniform`.",
        "quniform: [0, 100, 5]",
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "loguniform",
        "continuous",
        (_low("number", log=True), _high("number", False, log=True)),
        "A float whose logarithm is uniform: `exp(uniform(ln low, ln high))`.",
        "Bounds are real values (as Ray `tune.loguniform`, Optuna and W&B `log_uniform_values`). "
        "hyperopt's `hp.loguniform` takes `ln low` and `ln high`; converters translate.",
        "loguniform: [1.0e-5, 1.0e-1]",
        log=True,
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "qloguniform",
        "continuous",
        (_low("number", log=True), _high("number", True, log=True), _Q_FLOAT),
        "A log-uniform float rounded to a multiple of q.",
        "`round(exp(uniform(ln low, ln high)) / q) * q`; bounds are real values.",
        "qloguniform: [1, 1000, 1]",
        log=True,
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "normal",
        "continuous",
        (_MU, _SIGMA),
        "A float from the normal distribution N(mu, sigma).",
        "hyperopt `hp.normal`, Ray `tune.randn`, W&B `normal`. Unbounded.",
        "normal: [0.0, 1.0]",
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "qnormal",
        "continuous",
        (_MU, _SIGMA, _Q_FLOAT),
        "A normal float rounded to a multiple of q.",
        "`round(normal(mu, sigma) / q) * q`: hyperopt `hp.qnormal`, Ray `tune.qrandn`, "
        "W&B `q_normal`.",
        "qnormal: [10, 2, 1]",
        origin=("hyperopt", "tune", "wandb"),
    ),
    Distribution(
        "lognormal",
        "continuous",
        (_LOG_MU, _LOG_SIGMA),
        "A positive float whose logarithm is N(mu, sigma).",
        "`exp(normal(mu, sigma))`: hyperopt `hp.lognormal`, W&B `log_normal`.",
        "lognormal: [0.0, 1.0]",
        log=True,
        origin=("hyperopt", "wandb"),
    ),
    Distribution(
        "qlognormal",
        "continuous",
        (_LOG_MU, _LOG_SIGMA, _Q_FLOAT),
        "A log-normal float rounded to a multiple of q.",
        "`round(exp(normal(mu, sigma)) / q) * q`: hyperopt `hp.qlognormal`, W&B `q_log_normal`.",
        "qlognormal: [2.0, 0.5, 1]",
        log=True,
        origin=("hyperopt", "wandb"),
    ),
    Distribution(
        "randint",
        "integer",
        (_low("integer"), _high("integer", False)),
        "An integer drawn uniformly from [low, high): the upper bound is excluded.",
        "hyperopt `hp.randint(label, low, high)` and Ray `tune.randint` (numpy semantics).",
        "randint: [0, 10]",
        high_inclusive=False,
        origin=("hyperopt", "tune"),
    ),
    Distribution(
        "uniformint",
        "integer",
        (_low("integer"), _high("integer", True)),
        "An integer drawn uniformly from [low, high]: both bounds are included.",
        "hyperopt `hp.uniformint`, W&B `int_uniform`.",
        "uniformint: [1, 6]",
        high_inclusive=True,
        origin=("hyperopt", "wandb"),
    ),
    Distribution(
        "qrandint",
        "integer",
        (_low("integer"), _high("integer", True), _Q_INT),
        "A multiple of q drawn uniformly from [low, high]: both bounds are included.",
        "Ray `tune.qrandint` for q != 1. Ray excludes the upper bound when q == 1; the spec "
        "does not, and the Ray converter adjusts.",
        "qrandint: [0, 100, 10]",
        high_inclusive=True,
        origin=("tune",),
    ),
    Distribution(
        "lograndint",
        "integer",
        (_low("integer", log=True), _high("integer", False, log=True)),
        "An integer whose logarithm is uniform, from [low, high): the upper bound is excluded.",
        "Ray `tune.lograndint`. Bounds are real values and must be > 0.",
        "lograndint: [1, 1024]",
        log=True,
        high_inclusive=False,
        origin=("tune",),
    ),
    Distribution(
        "qlograndint",
        "integer",
        (_low("integer", log=True), _high("integer", True, log=True), _Q_INT),
        "A log-uniform multiple of q from [low, high]: both bounds are included.",
        "Ray `tune.qlograndint` for q != 1. Bounds are real values and must be > 0.",
        "qlograndint: [8, 512, 8]",
        log=True,
        high_inclusive=True,
        origin=("tune",),
    ),
    Distribution(
        "quniformint",
        "integer",
        (_low("number"), _high("number", True), _Q_FLOAT),
        "`quniform` as an integer: `int(round(uniform(low, high) / q) * q)`.",
        "hyperopt `scope.int(hp.quniform(label, low, high, q))`, exactly: the two end values "
        "have half the weight of the others, and a value can fall outside the bounds when they "
        "are not multiples of q (`qrandint` draws the multiples of q uniformly).",
        "quniformint: [100, 3000, 250]",
        high_inclusive=True,
        origin=("hyperopt",),
    ),
    Distribution(
        "qloguniformint",
        "integer",
        (_low("number", log=True), _high("number", True, log=True), _Q_FLOAT),
        "`qloguniform` as an integer: `int(round(exp(uniform(ln low, ln high)) / q) * q)`.",
        "hyperopt `scope.int(hp.qloguniform(label, ln low, ln high, q))`, exactly; bounds are "
        "real values and need not be integers (`qlograndint` takes integer bounds).",
        "qloguniformint: [16, 1024, 16]",
        log=True,
        high_inclusive=True,
        origin=("hyperopt",),
    ),
    Distribution(
        "beta",
        "continuous",
        (_A, _B),
        "A float in [0, 1] from the Beta(a, b) distribution.",
        "W&B `beta`.",
        "beta: [2.0, 5.0]",
        origin=("wandb",),
    ),
    Distribution(
        "qbeta",
        "continuous",
        (_A, _B, _Q_FLOAT),
        "A Beta(a, b) float rounded to a multiple of q.",
        "W&B `q_beta`: `round(beta(a, b) / q) * q`.",
        "qbeta: [2.0, 5.0, 0.05]",
        origin=("wandb",),
    ),
    Distribution(
        "invloguniform",
        "continuous",
        (_low("number", log=True), _high("number", True, log=True)),
        "W&B's inverse log-uniform: `log(1 / x)` is uniform on [ln(1 / high), ln(1 / low)].",
        "W&B `inv_log_uniform_values`. It has the same distribution as `loguniform` (W&B maps "
        "quantiles in the opposite direction, which only its Bayesian search sees: "
        "wandb/sweeps `src/sweeps/params.py`); kept so that W&B files read without loss.",
        "invloguniform: [1.0e-4, 1.0e-1]",
        log=True,
        origin=("wandb",),
    ),
    Distribution(
        "constant",
        "constant",
        (),
        "A literal value, taken as it is, even a mapping that looks like a distribution.",
        "Plain scalars and lists need no wrapper: `batch_size: 32` is a constant.",
        "constant: {uniform: [0, 1]}",
        origin=("tune", "wandb"),
    ),
    Distribution(
        "group",
        "group",
        (),
        "A nested group, written explicitly.",
        "Needed only when the group's single key is a distribution name, which would otherwise "
        "read as that distribution (W&B's nested `parameters` can hold one `beta` parameter).",
        "group: {beta: {choice: [0.9, 0.95]}}",
        origin=("wandb",),
    ),
)

BY_NAME: dict[str, Distribution] = {d.name: d for d in DISTRIBUTIONS}

# Names of distributions in other systems, for "did you mean" hints on misspelt distributions.
FOREIGN_NAMES: dict[str, str] = {
    "randn": "normal",
    "qrandn": "qnormal",
    "categorical": "choice",
    "categorical_w_probabilities": "pchoice",
    "int_uniform": "uniformint",
    "q_uniform": "quniform",
    "log_uniform_values": "loguniform",
    "log_uniform": "loguniform",
    "q_log_uniform_values": "qloguniform",
    "q_log_uniform": "qloguniform",
    "inv_log_uniform_values": "invloguniform",
    "log_normal": "lognormal",
    "q_normal": "qnormal",
    "q_log_normal": "qlognormal",
    "q_beta": "qbeta",
    "grid": "grid_search",
    "value": "constant",
    "values": "choice",
}


# --- search algorithms and schedulers --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Option:
    """One constructor keyword, its JSON Schema, and its upstream default (``None`` means null)."""

    name: str
    schema: dict[str, Any]
    description: str
    default: Any = None
    has_default: bool = True


@dataclass(frozen=True, slots=True)
class Component:
    """A search algorithm or scheduler: its spec ``type`` and the options it takes."""

    type: str
    title: str
    upstream: str
    summary: str
    options: tuple[Option, ...] = ()
    required: tuple[str, ...] = ()
    needs_metric: bool = True


_NUM: dict[str, Any] = {"type": "number"}
_INT: dict[str, Any] = {"type": "integer"}
_BOOL: dict[str, Any] = {"type": "boolean"}
_STR: dict[str, Any] = {"type": "string"}
_SEED: dict[str, Any] = {"type": ["integer", "null"]}
_POINTS = Option(
    "points_to_evaluate",
    {"type": "array", "items": {"type": "object"}},
    "Configurations to try first, each a mapping from parameter name to value.",
)
_REWARDS = Option(
    "evaluated_rewards",
    {"type": "array", "items": {"type": "number"}},
    "Known results for `points_to_evaluate`, in the same order, so they need not be run.",
)
_MAX_CONCURRENT_0 = Option(
    "max_concurrent",
    {"type": "integer", "minimum": 0},
    "Trials this searcher suggests at once; 0 means no limit.",
    0,
)

SEARCH_ALGORITHMS: tuple[Component, ...] = (
    Component(
        "variant_generator",
        "Grid and random search",
        "ray.tune.search.BasicVariantGenerator",
        "Ray Tune's default: expands every `grid_search` and samples every other "
        "distribution at random.",
        (
            _POINTS,
            _MAX_CONCURRENT_0,
            Option(
                "constant_grid_search",
                _BOOL,
                "Sample the random parameters once and reuse them for every grid point.",
                False,
            ),
            Option("random_state", _SEED, "Seed for the random sampling."),
        ),
        needs_metric=False,
    ),
    Component(
        "hyperopt",
        "HyperOpt (TPE)",
        "ray.tune.search.hyperopt.HyperOptSearch",
        "Tree-structured Parzen Estimators from hyperopt.",
        (
            _POINTS,
            Option(
                "n_initial_points",
                {"type": "integer", "minimum": 0},
                "Random trials before TPE starts modelling (`n_startup_jobs`).",
                20,
            ),
            Option("random_state_seed", _SEED, "Seed for hyperopt's random state."),
            Option(
                "gamma",
                {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                "TPE's split between good and bad trials.",
                0.25,
            ),
        ),
    ),
    Component(
        "bayesopt",
        "BayesOpt",
        "ray.tune.search.bayesopt.BayesOptSearch",
        "Gaussian-process Bayesian optimisation (bayesian-optimization package); "
        "continuous parameters only.",
        (
            _POINTS,
            Option(
                "utility_kwargs",
                {
                    "type": "object",
                    "properties": {
                        "kind": {
                            "enum": ["ucb", "ei", "poi"],
                            "description": "Acquisition function.",
                        },
                        "kappa": {"type": "number", "description": "Exploration weight for `ucb`."},
                        "xi": {
                            "type": "number",
                            "description": "Exploration margin for `ei` and `poi`.",
                        },
                    },
                    "additionalProperties": False,
                },
                "The acquisition function and its parameters.",
                {"kind": "ucb", "kappa": 2.576, "xi": 0.0},
            ),
            Option("random_state", _INT, "Seed for the optimiser.", 42),
            Option(
                "random_search_steps",
                {"type": "integer", "minimum": 0},
                "Random trials before the Gaussian process is used.",
                10,
            ),
            Option("verbose", {"type": "integer", "minimum": 0}, "Verbosity of the optimiser.", 0),
            Option(
                "patience",
                {"type": "integer", "minimum": 0},
                "Stop after this many repeated suggestions.",
                5,
            ),
            Option(
                "skip_duplicate", _BOOL, "Skip configurations that were already suggested.", True
            ),
            Option(
                "repeat_float_precision",
                {"type": "integer", "minimum": 0},
                "Decimal places compared when detecting repeated suggestions.",
                5,
            ),
        ),
    ),
    Component(
        "nevergrad",
        "Nevergrad",
        "ray.tune.search.nevergrad.NevergradSearch",
        "Gradient-free optimisers from Nevergrad.",
        (
            Option(
                "optimizer",
                _STR,
                "Name of a Nevergrad optimizer in `nevergrad.optimizers.registry`, "
                "for example `OnePlusOne`.",
                has_default=False,
            ),
            Option(
                "optimizer_kwargs",
                {"type": "object"},
                "Keyword arguments for the optimizer, such as `budget`.",
            ),
            _POINTS,
        ),
        required=("optimizer",),
    ),
    Component(
        "skopt",
        "Scikit-Optimize",
        "ray.tune.search.skopt.SkOptSearch (removed in Ray 2.11)",
        "Bayesian optimisation from scikit-optimize. Ray removed this searcher in 2.11.",
        (
            _POINTS,
            _REWARDS,
            Option("convert_to_python", _BOOL, "Convert numpy values to Python types.", True),
        ),
    ),
    Component(
        "ax",
        "Ax",
        "ray.tune.search.ax.AxSearch",
        "Bayesian optimisation from Ax (Meta's adaptive experimentation platform).",
        (
            _POINTS,
            Option(
                "parameter_constraints",
                {"type": "array", "items": _STR},
                "Linear constraints between parameters, such as `x1 + x2 <= 2.0`.",
            ),
            Option(
                "outcome_constraints",
                {"type": "array", "items": _STR},
                "Constraints on other reported metrics, such as `loss <= 0.5`.",
            ),
            Option(
                "ax_kwargs",
                {"type": "object"},
                "Extra keyword arguments for `AxClient.create_experiment`.",
            ),
        ),
    ),
    Component(
        "bohb",
        "BOHB",
        "ray.tune.search.bohb.TuneBOHB",
        "Bayesian optimisation with HyperBand (hpbandster); use it with the `hb_bohb` scheduler.",
        (
            _POINTS,
            Option("bohb_config", {"type": "object"}, "Keyword arguments for hpbandster's BOHB."),
            Option("seed", _SEED, "Seed for the configuration space."),
            _MAX_CONCURRENT_0,
        ),
    ),
    Component(
        "optuna",
        "Optuna",
        "ray.tune.search.optuna.OptunaSearch",
        "Optuna's samplers (TPE by default).",
        (
            _POINTS,
            Option(
                "sampler",
                _STR,
                "Name of an Optuna sampler class in `optuna.samplers`, for example `TPESampler`; "
                "null uses Optuna's default.",
            ),
            Option("study_name", {"type": ["string", "null"]}, "Name of the Optuna study."),
            Option(
                "storage",
                {"type": ["string", "null"]},
                "Optuna storage URL, for example `sqlite:///optuna.db`.",
            ),
            Option("seed", _SEED, "Seed for the sampler."),
            _REWARDS,
        ),
    ),
    Component(
        "hebo",
        "HEBO",
        "ray.tune.search.hebo.HEBOSearch",
        "Heteroscedastic evolutionary Bayesian optimisation (Huawei Noah's Ark).",
        (
            _POINTS,
            _REWARDS,
            Option("random_state_seed", _SEED, "Seed for HEBO."),
            Option(
                "max_concurrent", {"type": "integer", "minimum": 1}, "Trials suggested at once.", 8
            ),
        ),
    ),
    Component(
        "zoopt",
        "ZOOpt",
        "ray.tune.search.zoopt.ZOOptSearch",
        "Zeroth-order optimisation (ZOOpt).",
        (
            Option("algo", {"enum": ["asracos", "sracos"]}, "The ZOOpt algorithm.", "asracos"),
            Option(
                "budget",
                {"type": "integer", "minimum": 1},
                "Number of samples ZOOpt plans for; Ray requires it.",
                has_default=False,
            ),
            Option(
                "parallel_num",
                {"type": "integer", "minimum": 1},
                "Trials evaluated in parallel.",
                1,
            ),
            _POINTS,
        ),
        required=("budget",),
    ),
)

_TIME_ATTR_ITER = Option(
    "time_attr",
    _STR,
    "The result attribute that measures progress; it must increase.",
    "training_iteration",
)
_TIME_ATTR_SECONDS = Option(
    "time_attr",
    _STR,
    "The result attribute that measures progress; it must increase.",
    "time_total_s",
)
_STOP_LAST = Option(
    "stop_last_trials",
    _BOOL,
    "Stop trials that reach the last milestone instead of letting them run on.",
    True,
)
_HB_OPTIONS = (
    _TIME_ATTR_ITER,
    Option(
        "max_t",
        {"type": "number", "exclusiveMinimum": 0},
        "Maximum time units per trial; also sets the brackets.",
        81,
    ),
    Option(
        "reduction_factor",
        _NUM,
        "Halving rate: keep 1 / reduction_factor of trials. Must be > 1.",
        3,
    ),
    _STOP_LAST,
)
_QUANTILE = Option(
    "quantile_fraction",
    _NUM,
    "Fraction of the population in the top and bottom quantiles; from 0 to 0.5.",
    0.25,
)
_PERTURBATION_INTERVAL = Option(
    "perturbation_interval",
    {"type": "number", "exclusiveMinimum": 0},
    "Time units between perturbations.",
    60.0,
)
_LOG_CONFIG = Option("log_config", _BOOL, "Record each trial's configuration changes.", True)
_REQUIRE_ATTRS = Option(
    "require_attrs", _BOOL, "Require `time_attr` and `metric` in every result.", True
)
_SYNCH = Option("synch", _BOOL, "Perturb the whole population at once (synchronous PBT).", False)

SCHEDULERS: tuple[Component, ...] = (
    Component(
        "fifo",
        "First in, first out",
        "ray.tune.schedulers.FIFOScheduler",
        "Runs every trial to completion (Ray Tune's default).",
        needs_metric=False,
    ),
    Component(
        "async_hyperband",
        "Asynchronous HyperBand (ASHA)",
        "ray.tune.schedulers.AsyncHyperBandScheduler",
        "Asynchronous successive halving; `ASHAScheduler` is the same class.",
        (
            _TIME_ATTR_ITER,
            Option(
                "max_t",
                {"type": "number", "exclusiveMinimum": 0},
                "Trials stop after this many time units.",
                100,
            ),
            Option(
                "grace_period",
                {"type": "number", "exclusiveMinimum": 0},
                "No trial stops before this many time units. Must not exceed `max_t`.",
                1,
            ),
            Option(
                "reduction_factor",
                _NUM,
                "Halving rate: keep 1 / reduction_factor of trials at each rung. Must be > 1.",
                4,
            ),
            Option("brackets", {"type": "integer", "minimum": 1}, "Number of brackets.", 1),
            _STOP_LAST,
        ),
    ),
    Component(
        "hyperband",
        "HyperBand",
        "ray.tune.schedulers.HyperBandScheduler",
        "Synchronous HyperBand.",
        _HB_OPTIONS,
    ),
    Component(
        "hb_bohb",
        "HyperBand for BOHB",
        "ray.tune.schedulers.HyperBandForBOHB",
        "HyperBand variant that BOHB needs; use it with the `bohb` search algorithm.",
        _HB_OPTIONS,
    ),
    Component(
        "median_stopping_rule",
        "Median stopping rule",
        "ray.tune.schedulers.MedianStoppingRule",
        "Stops a trial whose best result is worse than the median of the running averages "
        "of others.",
        (
            _TIME_ATTR_SECONDS,
            Option(
                "grace_period",
                {"type": "number", "minimum": 0},
                "No trial stops before this many time units.",
                60.0,
            ),
            Option(
                "min_samples_required",
                {"type": "integer", "minimum": 1},
                "Trials needed before the median is computed.",
                3,
            ),
            Option(
                "min_time_slice",
                {"type": "number", "minimum": 0},
                "Minimum time a trial runs each time it is scheduled.",
                0,
            ),
            Option("hard_stop", _BOOL, "Stop trials outright instead of pausing them.", True),
        ),
    ),
    Component(
        "pbt",
        "Population based training",
        "ray.tune.schedulers.PopulationBasedTraining",
        "Copies good trials' weights and perturbs their hyperparameters.",
        (
            _TIME_ATTR_SECONDS,
            _PERTURBATION_INTERVAL,
            Option(
                "burn_in_period",
                {"type": "number", "minimum": 0},
                "Time units before the first perturbation.",
                0.0,
            ),
            Option(
                "hyperparam_mutations",
                {
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {"$ref": "#/definitions/mutation"},
                },
                "What to perturb: parameter name to a list of values (moved to a neighbour), "
                "a distribution (resampled), or a nested mapping.",
                has_default=False,
            ),
            _QUANTILE,
            Option(
                "resample_probability",
                {"type": "number", "minimum": 0, "maximum": 1},
                "Probability of resampling from the original distribution instead of perturbing.",
                0.25,
            ),
            Option(
                "perturbation_factors",
                {"type": "array", "items": _NUM, "minItems": 2, "maxItems": 2},
                "Factors a continuous value is multiplied by when perturbed.",
                [1.2, 0.8],
            ),
            _LOG_CONFIG,
            _REQUIRE_ATTRS,
            _SYNCH,
        ),
        required=("hyperparam_mutations",),
    ),
    Component(
        "pb2",
        "Population based bandits (PB2)",
        "ray.tune.schedulers.pb2.PB2",
        "PBT with a Gaussian-process bandit choosing the new hyperparameters.",
        (
            _TIME_ATTR_SECONDS,
            _PERTURBATION_INTERVAL,
            Option(
                "hyperparam_bounds",
                {"type": "object", "additionalProperties": {"$ref": "#/definitions/pb2_bound"}},
                "Parameter name to `[min, max]` (nested mappings allowed). Required.",
                has_default=False,
            ),
            _QUANTILE,
            _LOG_CONFIG,
            _REQUIRE_ATTRS,
            _SYNCH,
        ),
        required=("hyperparam_bounds",),
    ),
)

SEARCH_BY_TYPE: dict[str, Component] = {c.type: c for c in SEARCH_ALGORITHMS}
SCHEDULER_BY_TYPE: dict[str, Component] = {c.type: c for c in SCHEDULERS}

# Spellings that upstream systems or habits use for a component type, for hints only.
COMPONENT_HINTS: dict[str, str] = {
    "asha": "async_hyperband",
    "asynchyperband": "async_hyperband",
    "async_hb": "async_hyperband",
    "medianstopping": "median_stopping_rule",
    "median_stopping": "median_stopping_rule",
    "bohb_hyperband": "hb_bohb",
    "grid": "variant_generator",
    "random": "variant_generator",
    "basic_variant": "variant_generator",
    "tpe": "hyperopt",
    "bayes": "bayesopt",
    "scikit-optimize": "skopt",
}

# Top-level keys of other formats, and what the spec calls them (hints for unknown keys).
TOP_LEVEL_HINTS: dict[str, str] = {
    "parameters": "param_space",
    "config": "param_space",
    "space": "param_space",
    "search_space": "param_space",
    "method": "search_alg",
    "early_terminate": "scheduler",
    "run_cap": "num_samples",
    "run_or_experiment": "program",
    "version": "sweepspec",
    "resources": "resources_per_trial",
    "max_concurrent": "max_concurrent_trials",
}
