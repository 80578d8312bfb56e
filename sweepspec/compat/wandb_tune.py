"""``wandb-tune``: the legacy W&B Ray Tune sweeps of the seed document.

Statuses are the seed's, verbatim, for every row the seed's three tables have (``seed=`` gives the
label there, in the seed's order). ``note=`` records where the shim and its engine did otherwise
(wandb/wandb ``wandb/sweeps/``, v0.8.19 to v0.11.0; research in ``wandb-sweeps.md`` §1).
"""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("wandb-tune")
SEED = 'seed: W&B "Ray Tune Sweeps" page, compatibility tables'
ENGINE = "wandb/wandb wandb/sweeps/engine/tune.py (v0.10.33)"
SHIM = "wandb/wandb wandb/sweeps/config/ (v0.10.33)"
NO_WRAPPER = "not in the seed's tables; the shim had no wrapper for it"
IGNORED = (
    'Tune.run printed "Ignoring unsupported parameter" and the controller never read it '
    "(only run_or_experiment, num_samples and search_alg were supported)"
)

ROWS: tuple[Row, ...] = (
    # search algorithms, in the seed's order
    r(
        "search_alg.hyperopt",
        "supported",
        "the only searcher the engine implemented",
        SEED,
        seed="HyperOpt",
        note="the engine forced max_concurrent=1000 and ignored points_to_evaluate ("
        + ENGINE
        + ")",
    ),
    r(
        "search_alg.variant_generator",
        "partial",
        "without search_alg the engine sampled the config itself; grid_search was not implemented",
        SEED,
        seed="Grid Search and Random Search",
    ),
    r(
        "search_alg.bayesopt",
        "planned",
        "listed as planned; never implemented",
        SEED,
        seed="BayesOpt",
    ),
    r(
        "search_alg.nevergrad",
        "planned",
        "listed as planned; never implemented",
        SEED,
        seed="Nevergrad",
    ),
    r(
        "search_alg.skopt",
        "planned",
        "listed as planned; never implemented",
        SEED,
        seed="Scikit-Optimize",
    ),
    r("search_alg.ax", "planned", "listed as planned; never implemented", SEED, seed="Ax"),
    r("search_alg.bohb", "planned", "listed as planned; never implemented", SEED, seed="BOHB"),
    r("search_alg.optuna", "unsupported", NO_WRAPPER, SHIM),
    r("search_alg.hebo", "unsupported", NO_WRAPPER, SHIM),
    r("search_alg.zoopt", "unsupported", NO_WRAPPER, SHIM),
    # hyperopt functions, in the seed's order
    r("distribution.choice", "supported", "hp.choice", SEED, seed="hp.choice"),
    r(
        "distribution.randint",
        "planned",
        "hp.randint was planned; the shim had no wrapper",
        SEED,
        seed="hp.randint",
    ),
    r(
        "distribution.pchoice",
        "planned",
        "hp.pchoice was planned; the shim had no wrapper",
        SEED,
        seed="hp.pchoice",
    ),
    r("distribution.uniform", "supported", "hp.uniform", SEED, seed="hp.uniform"),
    r(
        "distribution.uniformint",
        "planned",
        "hp.uniformint was planned; the shim had no wrapper",
        SEED,
        seed="hp.uniformint",
    ),
    r(
        "distribution.quniform",
        "planned",
        "hp.quniform was planned; the shim had no wrapper",
        SEED,
        seed="hp.quniform",
    ),
    r(
        "distribution.loguniform",
        "supported",
        "hp.loguniform",
        SEED,
        seed="hp.loguniform",
        note="the shim wrote it under the key `hyperopt.loguniform` (no `hp.`), which the engine "
        'rejected with "Module not supported: hyperopt" (wandb/wandb '
        "wandb/sweeps/engine/engine.py)",
    ),
    r(
        "distribution.qloguniform",
        "planned",
        "hp.qloguniform was planned; the shim had no wrapper",
        SEED,
        seed="hp.qloguniform",
    ),
    r(
        "distribution.normal",
        "planned",
        "hp.normal was planned; the shim had no wrapper",
        SEED,
        seed="hp.normal",
    ),
    r(
        "distribution.qnormal",
        "planned",
        "hp.qnormal was planned; the shim had no wrapper",
        SEED,
        seed="hp.qnormal",
    ),
    r(
        "distribution.lognormal",
        "planned",
        "hp.lognormal was planned; the shim had no wrapper",
        SEED,
        seed="hp.lognormal",
    ),
    r(
        "distribution.qlognormal",
        "planned",
        "hp.qlognormal was planned; the shim had no wrapper",
        SEED,
        seed="hp.qlognormal",
    ),
    r(
        "distribution.grid_search",
        "unsupported",
        "the engine did not implement grid_search",
        ENGINE,
    ),
    r("distribution.qrandint", "unsupported", NO_WRAPPER, SHIM),
    r("distribution.lograndint", "unsupported", NO_WRAPPER, SHIM),
    r("distribution.qlograndint", "unsupported", NO_WRAPPER, SHIM),
    r("distribution.quniformint", "unsupported", NO_WRAPPER, SHIM),
    r("distribution.qloguniformint", "unsupported", NO_WRAPPER, SHIM),
    r("distribution.beta", "unsupported", "a W&B distribution, unknown to Tune and hyperopt", SHIM),
    r(
        "distribution.qbeta",
        "unsupported",
        "a W&B distribution, unknown to Tune and hyperopt",
        SHIM,
    ),
    r(
        "distribution.invloguniform",
        "unsupported",
        "a W&B distribution, unknown to Tune and hyperopt",
        SHIM,
    ),
    r("distribution.constant", "supported", "constants pass through the space unchanged", SHIM),
    # Tune schedulers, in the seed's order
    r(
        "scheduler.pbt",
        "investigating",
        "listed as under investigation",
        SEED,
        seed="Population Based Training (PBT)",
    ),
    r(
        "scheduler.async_hyperband",
        "planned",
        "listed as planned",
        SEED,
        seed="Asynchronous HyperBand",
        note="AsyncHyperBandScheduler was serialised, but the controller's stop_runs never read it "
        "(wandb/wandb wandb/sweeps/raytune.py)",
    ),
    r(
        "scheduler.hyperband",
        "investigating",
        "listed as under investigation",
        SEED,
        seed="HyperBand",
    ),
    r(
        "scheduler.hb_bohb",
        "investigating",
        "listed as under investigation",
        SEED,
        seed="HyperBand (BOHB)",
    ),
    r(
        "scheduler.median_stopping_rule",
        "investigating",
        "listed as under investigation",
        SEED,
        seed="Median Stopping Rule",
    ),
    r("scheduler.fifo", "supported", "the default: trials run one after another", SEED),
    r("scheduler.pb2", "unsupported", NO_WRAPPER, SHIM),
    # structure
    r(
        "structure.nested_groups",
        "unsupported",
        "the engine read every mapping in the space as a function call",
        ENGINE,
    ),
    r(
        "structure.conditional_choice",
        "unsupported",
        "the engine evaluated only top-level entries of the space",
        ENGINE,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "unsupported",
        "the engine did not implement grid_search",
        ENGINE,
    ),
    r("structure.metric_mode", "supported", "HyperOptSearch(metric=..., mode=...)", SHIM),
    r(
        "structure.num_samples",
        "supported",
        "the controller stopped after num_samples runs",
        "wandb/wandb wandb/sweeps/raytune.py (v0.10.33)",
    ),
    r("structure.stop", "unsupported", IGNORED, SHIM),
    r("structure.time_budget_s", "unsupported", IGNORED, SHIM),
    r("structure.max_concurrent_trials", "unsupported", IGNORED, SHIM),
    r("structure.resources_per_trial", "unsupported", IGNORED, SHIM),
)
