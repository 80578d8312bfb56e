"""``optuna``: an Optuna 5 study (research: ``search-spaces.md`` §3.2)."""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("optuna")
DIST = "optuna/optuna optuna/distributions.py"
SAMPLERS = "optuna/optuna optuna/samplers/"
PRUNERS = "optuna/optuna optuna/pruners/"
STUDY = "optuna/optuna optuna/study/study.py"
NO_SAMPLER = "Optuna has no such sampler"
NO_NORMAL = "Optuna has no normal distributions"

ROWS: tuple[Row, ...] = (
    r("search_alg.optuna", "supported", "the study's sampler (TPESampler by default)", SAMPLERS),
    r(
        "search_alg.variant_generator",
        "supported",
        "RandomSampler, or GridSampler when every parameter is a grid (a grid beside sampled "
        "parameters: see its row)",
        SAMPLERS,
    ),
    r("search_alg.hyperopt", "partial", "TPESampler: Optuna's own TPE, not hyperopt's", SAMPLERS),
    r("search_alg.bayesopt", "partial", "GPSampler: Optuna's own Gaussian process", SAMPLERS),
    r("search_alg.nevergrad", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.skopt", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.ax", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.bohb", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.hebo", "unsupported", NO_SAMPLER + " in Optuna itself", SAMPLERS),
    r("search_alg.zoopt", "unsupported", NO_SAMPLER, SAMPLERS),
    r(
        "distribution.choice",
        "supported",
        "CategoricalDistribution (choices must be None, bool, int, float or str)",
        DIST,
    ),
    r("distribution.pchoice", "unsupported", "Optuna has no weighted categorical", DIST),
    r(
        "distribution.grid_search",
        "partial",
        "GridSampler searches a grid over the whole space; other parameters must be grids too",
        SAMPLERS,
    ),
    r("distribution.uniform", "supported", "FloatDistribution", DIST),
    r(
        "distribution.quniform",
        "partial",
        "FloatDistribution(step=q): values stay within the bounds, where q-rounding may leave them",
        DIST,
    ),
    r("distribution.loguniform", "supported", "FloatDistribution(log=True)", DIST),
    r(
        "distribution.qloguniform",
        "unsupported",
        "FloatDistribution does not allow a step with log=True",
        DIST,
    ),
    r("distribution.normal", "unsupported", NO_NORMAL, DIST),
    r("distribution.qnormal", "unsupported", NO_NORMAL, DIST),
    r("distribution.lognormal", "unsupported", NO_NORMAL, DIST),
    r("distribution.qlognormal", "unsupported", NO_NORMAL, DIST),
    r("distribution.randint", "supported", "IntDistribution(low, high - 1)", DIST),
    r("distribution.uniformint", "supported", "IntDistribution(low, high)", DIST),
    r("distribution.qrandint", "supported", "IntDistribution(low, high, step=q)", DIST),
    r("distribution.lograndint", "supported", "IntDistribution(low, high - 1, log=True)", DIST),
    r(
        "distribution.qlograndint",
        "unsupported",
        "IntDistribution needs step 1 with log=True",
        DIST,
    ),
    r(
        "distribution.quniformint",
        "unsupported",
        "IntDistribution(step=q) draws the multiples of q uniformly; hyperopt's rounding gives "
        "each bound half the weight",
        DIST,
    ),
    r(
        "distribution.qloguniformint",
        "unsupported",
        "IntDistribution needs integer bounds, and step 1 with log=True",
        DIST,
    ),
    r("distribution.beta", "unsupported", "Optuna has no beta distribution", DIST),
    r("distribution.qbeta", "unsupported", "Optuna has no beta distribution", DIST),
    r(
        "distribution.invloguniform",
        "partial",
        "as FloatDistribution(log=True), which has the same distribution",
        DIST,
    ),
    r("distribution.constant", "supported", "a fixed value passed to the objective", STUDY),
    r("scheduler.fifo", "supported", "NopPruner", PRUNERS),
    r(
        "scheduler.async_hyperband",
        "partial",
        "SuccessiveHalvingPruner (asynchronous successive halving); other options differ",
        PRUNERS,
    ),
    r("scheduler.hyperband", "partial", "HyperbandPruner; options differ", PRUNERS),
    r("scheduler.median_stopping_rule", "partial", "MedianPruner; options differ", PRUNERS),
    r("scheduler.hb_bohb", "unsupported", "Optuna has no BOHB", PRUNERS),
    r("scheduler.pbt", "unsupported", "Optuna trials cannot be perturbed while they run", PRUNERS),
    r("scheduler.pb2", "unsupported", "Optuna trials cannot be perturbed while they run", PRUNERS),
    r(
        "structure.nested_groups",
        "partial",
        "parameters are flat: nested names become `group/name`",
        DIST,
    ),
    r(
        "structure.conditional_choice",
        "supported",
        "define-by-run: an `if` block per option in the objective, branching on the option's "
        "`name`; the option's parameters are suggested only in its branch",
        STUDY,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "unsupported",
        "GridSampler needs every parameter to be a grid",
        SAMPLERS,
    ),
    r("structure.metric_mode", "supported", "`create_study(direction=...)`", STUDY),
    r("structure.num_samples", "supported", "`optimize(n_trials=...)`", STUDY),
    r("structure.stop", "unsupported", "trials are pruned, not stopped at fixed results", PRUNERS),
    r("structure.time_budget_s", "supported", "`optimize(timeout=...)`", STUDY),
    r("structure.max_concurrent_trials", "partial", "`optimize(n_jobs=...)` runs threads", STUDY),
    r("structure.resources_per_trial", "unsupported", "Optuna does not reserve resources", STUDY),
)
