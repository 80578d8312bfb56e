"""``hyperopt``: hyperopt 0.3 spaces and ``fmin`` (research: ``search-spaces.md`` §1)."""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("hyperopt")
HP = "hyperopt/hyperopt hyperopt/pyll_utils.py"
FMIN = "hyperopt/hyperopt hyperopt/fmin.py"
NO_ALGO = "hyperopt's algorithms are rand, tpe, anneal, atpe and mix"
NO_SCHEDULER = "hyperopt has no trial schedulers: fmin runs every trial to completion"

ROWS: tuple[Row, ...] = (
    r("search_alg.hyperopt", "supported", "`tpe.suggest`", "hyperopt/hyperopt hyperopt/tpe.py"),
    r(
        "search_alg.variant_generator",
        "supported",
        "`rand.suggest`: random search (hyperopt has no grids: see `grid_search`)",
        "hyperopt/hyperopt hyperopt/rand.py",
    ),
    r("search_alg.bayesopt", "unsupported", NO_ALGO, FMIN),
    r("search_alg.nevergrad", "unsupported", NO_ALGO, FMIN),
    r("search_alg.skopt", "unsupported", NO_ALGO, FMIN),
    r("search_alg.ax", "unsupported", NO_ALGO, FMIN),
    r("search_alg.bohb", "unsupported", NO_ALGO, FMIN),
    r("search_alg.optuna", "unsupported", NO_ALGO, FMIN),
    r("search_alg.hebo", "unsupported", NO_ALGO, FMIN),
    r("search_alg.zoopt", "unsupported", NO_ALGO, FMIN),
    r("distribution.choice", "supported", "`hp.choice` (list options come back as tuples)", HP),
    r("distribution.pchoice", "supported", "`hp.pchoice`", HP),
    r("distribution.grid_search", "unsupported", "hyperopt has no grid search (hyperopt#341)", HP),
    r("distribution.uniform", "supported", "`hp.uniform`", HP),
    r("distribution.quniform", "supported", "`hp.quniform`", HP),
    r("distribution.loguniform", "supported", "`hp.loguniform(label, ln low, ln high)`", HP),
    r("distribution.qloguniform", "supported", "`hp.qloguniform(label, ln low, ln high, q)`", HP),
    r("distribution.normal", "supported", "`hp.normal`", HP),
    r("distribution.qnormal", "supported", "`hp.qnormal`", HP),
    r("distribution.lognormal", "supported", "`hp.lognormal`", HP),
    r("distribution.qlognormal", "supported", "`hp.qlognormal`", HP),
    r("distribution.randint", "supported", "`hp.randint(label, low, high)`", HP),
    r(
        "distribution.uniformint",
        "supported",
        "`hp.randint(label, low, high + 1)` (`hp.uniformint` rounds a uniform float, which gives "
        "each bound half the weight: that is `quniformint`)",
        HP,
    ),
    r("distribution.quniformint", "supported", "`scope.int(hp.quniform(...))`", HP),
    r(
        "distribution.qloguniformint",
        "supported",
        "`scope.int(hp.qloguniform(label, ln low, ln high, q))`",
        HP,
    ),
    r(
        "distribution.qrandint",
        "partial",
        "`scope.int(hp.quniform(...))`, as Ray's HyperOptSearch writes it: rounding gives each "
        "bound half the weight of the other values",
        HP,
    ),
    r(
        "distribution.lograndint",
        "partial",
        "`scope.int(hp.qloguniform(label, ln low, ln(high - 1), 1))`, as Ray's HyperOptSearch "
        "writes it: rounds where Ray floors",
        HP,
    ),
    r(
        "distribution.qlograndint",
        "partial",
        "`scope.int(hp.qloguniform(...))`: rounding gives each bound half the weight",
        HP,
    ),
    r("distribution.beta", "unsupported", "hyperopt has no beta distribution", HP),
    r("distribution.qbeta", "unsupported", "hyperopt has no beta distribution", HP),
    r(
        "distribution.invloguniform",
        "partial",
        "as `hp.loguniform`, which has the same distribution",
        HP,
    ),
    r("distribution.constant", "supported", "constants stay in the space as literals", HP),
    r("scheduler.fifo", "supported", "fmin runs every trial to completion", FMIN),
    r("scheduler.async_hyperband", "unsupported", NO_SCHEDULER, FMIN),
    r("scheduler.hyperband", "unsupported", NO_SCHEDULER, FMIN),
    r("scheduler.hb_bohb", "unsupported", NO_SCHEDULER, FMIN),
    r("scheduler.median_stopping_rule", "unsupported", NO_SCHEDULER, FMIN),
    r("scheduler.pbt", "unsupported", NO_SCHEDULER, FMIN),
    r("scheduler.pb2", "unsupported", NO_SCHEDULER, FMIN),
    r("structure.nested_groups", "supported", "nested dicts", HP),
    r("structure.conditional_choice", "supported", "`hp.choice` among sub-spaces", HP),
    r("structure.grid_mixed_with_sampled", "unsupported", "hyperopt has no grid search", HP),
    r(
        "structure.metric_mode",
        "supported",
        "the objective returns the metric as `loss`, negated for `mode: max`",
        FMIN,
    ),
    r("structure.num_samples", "supported", "`fmin(max_evals=...)`", FMIN),
    r("structure.stop", "unsupported", "a trial is one call of the objective", FMIN),
    r("structure.time_budget_s", "supported", "`fmin(timeout=...)`", FMIN),
    r(
        "structure.max_concurrent_trials",
        "partial",
        "plain `fmin` runs one trial at a time; parallel trials need SparkTrials or MongoTrials",
        FMIN,
    ),
    r("structure.resources_per_trial", "unsupported", "fmin does not reserve resources", FMIN),
)
