"""``tune``: Ray Tune 2.x (read at 2.60.0; research: ``search-spaces.md`` §2).

Distribution rows without ``under`` say whether Ray Tune has the domain at all. Rows with
``under=<search_alg>`` are the searcher x domain matrix: what each searcher's
``convert_search_space`` does with the domain (ray-project/ray
``python/ray/tune/search/<searcher>/<searcher>_search.py``). A test converts every domain with
every installed searcher and compares the outcome with these rows (run against Ray 2.60 with
hyperopt, bayes_opt, optuna, nevergrad, zoopt and hpbandster; ax and hebo are read from source).
"""

from __future__ import annotations

from .hyperopt import ROWS as HYPEROPT_ROWS
from .model import Row, Status, row_maker

r = row_maker("tune")
SAMPLE = "ray-project/ray python/ray/tune/search/sample.py"
SEARCH = "ray-project/ray python/ray/tune/search/"
SCHED = "ray-project/ray python/ray/tune/schedulers/"
TUNER = "ray-project/ray python/ray/tune/tune_config.py"

_GENERIC: tuple[Row, ...] = (
    r("search_alg.variant_generator", "supported", "BasicVariantGenerator", SEARCH),
    r("search_alg.hyperopt", "supported", "HyperOptSearch", SEARCH),
    r("search_alg.bayesopt", "supported", "BayesOptSearch", SEARCH),
    r("search_alg.nevergrad", "supported", "NevergradSearch (absent from Ray 2.9 only)", SEARCH),
    r("search_alg.skopt", "unsupported", "SkOptSearch was removed in Ray 2.11 (ray#43969)", SEARCH),
    r(
        "search_alg.ax",
        "supported",
        "AxSearch, with ax-platform>=1.0,<1.3 (`sweepspec[ax]`): Ray 2.60's AxSearch reads "
        "`Objective.metric`, which ax-platform 1.3 removed",
        SEARCH,
    ),
    r("search_alg.bohb", "supported", "TuneBOHB (with the hb_bohb scheduler)", SEARCH),
    r("search_alg.optuna", "supported", "OptunaSearch", SEARCH),
    r(
        "search_alg.hebo",
        "unsupported",
        "HEBOSearch needs HEBO, whose newest release (0.3.6) requires numpy<1.25, and Ray "
        "Tune's pandas and scipy need numpy>=1.26: the two cannot be installed together",
        SEARCH,
    ),
    r("search_alg.zoopt", "supported", "ZOOptSearch", SEARCH),
    r("distribution.choice", "supported", "`tune.choice`", SAMPLE),
    r("distribution.pchoice", "unsupported", "Ray Tune has no weighted choice", SAMPLE),
    r(
        "distribution.grid_search",
        "supported",
        "`tune.grid_search`, expanded by the variant generator only",
        SAMPLE,
    ),
    r("distribution.uniform", "supported", "`tune.uniform`", SAMPLE),
    r("distribution.quniform", "supported", "`tune.quniform`", SAMPLE),
    r("distribution.loguniform", "supported", "`tune.loguniform`", SAMPLE),
    r("distribution.qloguniform", "supported", "`tune.qloguniform`", SAMPLE),
    r("distribution.normal", "supported", "`tune.randn`", SAMPLE),
    r("distribution.qnormal", "supported", "`tune.qrandn`", SAMPLE),
    r("distribution.lognormal", "unsupported", "Ray Tune has no log-normal domain", SAMPLE),
    r("distribution.qlognormal", "unsupported", "Ray Tune has no log-normal domain", SAMPLE),
    r("distribution.randint", "supported", "`tune.randint` (upper bound excluded)", SAMPLE),
    r("distribution.uniformint", "supported", "`tune.randint(low, high + 1)`", SAMPLE),
    r(
        "distribution.qrandint",
        "supported",
        "`tune.qrandint`; with q = 1 Ray excludes the upper bound, so it is written as "
        "`tune.randint(low, high + 1)`",
        SAMPLE,
    ),
    r("distribution.lograndint", "supported", "`tune.lograndint`", SAMPLE),
    r("distribution.qlograndint", "supported", "`tune.qlograndint`", SAMPLE),
    r(
        "distribution.quniformint",
        "unsupported",
        "Ray Tune has no integer `quniform`: `tune.qrandint` draws the multiples of q uniformly, "
        "where hyperopt's gives each bound half the weight",
        SAMPLE,
    ),
    r(
        "distribution.qloguniformint",
        "unsupported",
        "Ray Tune has no integer `qloguniform` with real bounds (`tune.qlograndint` takes "
        "integer bounds and clips)",
        SAMPLE,
    ),
    r("distribution.beta", "unsupported", "Ray Tune has no beta domain", SAMPLE),
    r("distribution.qbeta", "unsupported", "Ray Tune has no beta domain", SAMPLE),
    r(
        "distribution.invloguniform",
        "partial",
        "as `tune.loguniform`, which has the same distribution",
        SAMPLE,
    ),
    r("distribution.constant", "supported", "a plain value in param_space", SAMPLE),
    r("scheduler.fifo", "supported", "FIFOScheduler", SCHED),
    r("scheduler.async_hyperband", "supported", "AsyncHyperBandScheduler (ASHAScheduler)", SCHED),
    r("scheduler.hyperband", "supported", "HyperBandScheduler", SCHED),
    r("scheduler.hb_bohb", "supported", "HyperBandForBOHB, with the bohb search algorithm", SCHED),
    r("scheduler.median_stopping_rule", "supported", "MedianStoppingRule", SCHED),
    r("scheduler.pbt", "supported", "PopulationBasedTraining", SCHED),
    r("scheduler.pb2", "supported", "PB2 (needs scikit-learn)", SCHED),
    r("structure.nested_groups", "supported", "nested dicts in param_space", SAMPLE),
    r(
        "structure.conditional_choice",
        "supported",
        "domains inside choice options (resolved by the variant generator and HyperOptSearch)",
        SEARCH,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "supported",
        "the variant generator samples the other parameters for every grid point",
        SEARCH,
    ),
    r("structure.metric_mode", "supported", "`TuneConfig(metric=..., mode=...)`", TUNER),
    r("structure.num_samples", "supported", "`TuneConfig(num_samples=...)`", TUNER),
    r("structure.stop", "supported", "`RunConfig(stop=...)`", TUNER),
    r("structure.time_budget_s", "supported", "`TuneConfig(time_budget_s=...)`", TUNER),
    r(
        "structure.max_concurrent_trials",
        "supported",
        "`TuneConfig(max_concurrent_trials=...)`",
        TUNER,
    ),
    r("structure.resources_per_trial", "supported", "`tune.with_resources(trainable, ...)`", TUNER),
)

_DROPS_Q = ("partial", "the quantisation is dropped, with a warning")
_LOSES_TOP = ("partial", "the quantisation is dropped and the upper bound is lost (u - 1)")
_UNBOUNDED = ("unsupported", "not rejected, but searched as an unbounded uniform range")
_REJECTS = ("unsupported", 'rejected: "does not support parameters of type ..."')
_FLAT = (
    "unsupported",
    "the searcher treats a choice as a leaf: domains inside its options are never sampled",
)

# Deviations from the generic rows, per searcher (each searcher's convert_search_space).
# With `search_alg: hyperopt`, sweepspec gives HyperOptSearch the hyperopt space itself
# (formats/hyperopt.to_space), not Tune domains: the hyperopt table says what runs.
_NATIVE = "HyperOptSearch is given the hyperopt space itself: "
_MATRIX: dict[str, dict[str, tuple[str, str]]] = {
    "hyperopt": {
        row.feature.split(".", 1)[1]: (row.status.value, _NATIVE + row.reason)
        for row in HYPEROPT_ROWS
        if row.feature.startswith("distribution.") and row.feature != "distribution.grid_search"
    },
    "bayesopt": {
        "quniform": _DROPS_Q,
        "loguniform": ("partial", "the log sampler is dropped: searched uniformly, with a warning"),
        "qloguniform": ("partial", "sampler and quantisation are dropped, with a warning"),
        "normal": _UNBOUNDED,
        "qnormal": _UNBOUNDED,
        "randint": (
            "unsupported",
            "rejected: BayesOpt does not support parameters of type `Integer`",
        ),
        "uniformint": ("unsupported", "rejected: parameters of type `Integer`"),
        "qrandint": ("unsupported", "rejected: parameters of type `Integer`"),
        "lograndint": ("unsupported", "rejected: parameters of type `Integer`"),
        "qlograndint": ("unsupported", "rejected: parameters of type `Integer`"),
        "choice": (
            "unsupported",
            "rejected: BayesOpt does not support parameters of type `Categorical`",
        ),
    },
    "nevergrad": {
        "quniform": _DROPS_Q,
        "qloguniform": _DROPS_Q,
        "normal": _UNBOUNDED,
        "qnormal": _UNBOUNDED,
        "qrandint": _LOSES_TOP,
        "qlograndint": _DROPS_Q,
    },
    "skopt": {
        "quniform": _DROPS_Q,
        "qloguniform": (
            "partial",
            "searched uniformly: the log scale is lost with the quantisation",
        ),
        "normal": _UNBOUNDED,
        "qnormal": _UNBOUNDED,
        "qrandint": _LOSES_TOP,
        "qlograndint": (
            "partial",
            "searched uniformly: the log scale is lost with the quantisation",
        ),
    },
    "ax": {
        "quniform": _DROPS_Q,
        "qloguniform": _DROPS_Q,
        "normal": _REJECTS,
        "qnormal": _REJECTS,
        "qrandint": _LOSES_TOP,
        "qlograndint": _DROPS_Q,
    },
    "bohb": {
        "quniform": _DROPS_Q,
        "qloguniform": _DROPS_Q,
        "normal": (
            "unsupported",
            "rejected: TuneBOHB does not support unbounded normal distributions",
        ),
        "qnormal": (
            "unsupported",
            "rejected: TuneBOHB does not support unbounded normal distributions",
        ),
        "qrandint": _LOSES_TOP,
        "qlograndint": _LOSES_TOP,
    },
    "optuna": {
        "qloguniform": _DROPS_Q,
        "normal": _REJECTS,
        "qnormal": _REJECTS,
        "qlograndint": ("unsupported", "rejected by Optuna: step must be 1 when log is true"),
    },
    "hebo": {
        "quniform": _DROPS_Q,
        "qloguniform": _DROPS_Q,
        "normal": _REJECTS,
        "qnormal": _REJECTS,
        "qrandint": _LOSES_TOP,
        "qlograndint": _DROPS_Q,
    },
    "zoopt": {
        "quniform": ("partial", "continuous with precision q, not rounded to multiples of q"),
        "loguniform": _REJECTS,
        "qloguniform": _REJECTS,
        "normal": _REJECTS,
        "qnormal": _REJECTS,
        "qrandint": ("partial", "the step q is ignored and the upper bound is lost (u - 1)"),
        "lograndint": _REJECTS,
        "qlograndint": _REJECTS,
    },
}
_WORSE = {Status.SUPPORTED: 0, Status.PARTIAL: 1, Status.UNSUPPORTED: 2}
# Searchers that convert domains inside choice options (HyperOptSearch.convert_search_space).
_NESTED = frozenset({"hyperopt"})


def _matrix_rows() -> tuple[Row, ...]:
    rows = []
    for searcher, deviations in _MATRIX.items():
        source = f"ray-project/ray python/ray/tune/search/{searcher}/{searcher}_search.py"
        rows.append(
            r(
                "distribution.grid_search",
                "unsupported",
                'rejected: "Grid search parameters cannot be automatically converted"',
                source,
                under=searcher,
            )
        )
        if searcher not in _NESTED:
            rows.append(r("structure.conditional_choice", *_FLAT, source, under=searcher))
        for name, (status, reason) in deviations.items():
            rows.append(r(f"distribution.{name}", status, reason, source, under=searcher))
        log = deviations.get("loguniform")
        if log is not None and "invloguniform" not in deviations:
            status = max(Status(log[0]), Status.PARTIAL, key=_WORSE.__getitem__)
            rows.append(
                r(
                    "distribution.invloguniform",
                    status.value,
                    f"as loguniform: {log[1]}",
                    source,
                    under=searcher,
                )
            )
    return tuple(rows)


ROWS: tuple[Row, ...] = (*_GENERIC, *_matrix_rows())

# Searchers whose conversion the matrix describes (the others take every domain).
MATRIX_SEARCHERS: tuple[str, ...] = tuple(_MATRIX)
