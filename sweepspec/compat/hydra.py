"""``hydra``: Hydra 1.3's basic sweeper and the Optuna sweeper plugin (hydra-optuna-sweeper 1.3).

A spec whose parameters are all grids is written for the basic sweeper (every combination, once);
any other for the Optuna sweeper, which samples (facebookresearch/hydra
``hydra/_internal/core_plugins/basic_sweeper.py``,
``plugins/hydra_optuna_sweeper/hydra_plugins/hydra_optuna_sweeper/_impl.py``)."""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("hydra")
BASIC = "facebookresearch/hydra hydra/_internal/core_plugins/basic_sweeper.py"
OPTUNA = (
    "facebookresearch/hydra plugins/hydra_optuna_sweeper/hydra_plugins/hydra_optuna_sweeper/"
    "_impl.py"
)
SAMPLERS = (
    "facebookresearch/hydra plugins/hydra_optuna_sweeper/hydra_plugins/hydra_optuna_sweeper/"
    "config.py"
)
GRAMMAR = "facebookresearch/hydra website/docs/advanced/override_grammar/extended.md"
NO_SAMPLER = "The Optuna sweeper has no such sampler"
NO_FORM = "Neither sweeper has this distribution"
NOT_AN_INTERVAL = "The Optuna sweeper's `int(interval(...))` has no step with `tag(log, ...)`"

ROWS: tuple[Row, ...] = (
    r(
        "search_alg.variant_generator",
        "supported",
        "the basic sweeper when every parameter is a grid; otherwise the Optuna sweeper with "
        "its RandomSampler",
        BASIC,
    ),
    r(
        "search_alg.optuna",
        "partial",
        "the Optuna sweeper; its samplers are TPE, Random, CmaEs, NSGAII, MOTPE and Grid, and "
        "the plugin runs on Optuna 2.10",
        SAMPLERS,
    ),
    r("search_alg.hyperopt", "partial", "the Optuna sweeper's TPESampler, not hyperopt", SAMPLERS),
    r("search_alg.bayesopt", "unsupported", NO_SAMPLER, SAMPLERS),
    r(
        "search_alg.nevergrad",
        "unsupported",
        NO_SAMPLER + " (Hydra's Nevergrad sweeper is another plugin)",
        SAMPLERS,
    ),
    r("search_alg.skopt", "unsupported", NO_SAMPLER, SAMPLERS),
    r(
        "search_alg.ax",
        "unsupported",
        NO_SAMPLER + " (Hydra's Ax sweeper is another plugin)",
        SAMPLERS,
    ),
    r("search_alg.bohb", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.hebo", "unsupported", NO_SAMPLER, SAMPLERS),
    r("search_alg.zoopt", "unsupported", NO_SAMPLER, SAMPLERS),
    r(
        "distribution.choice",
        "supported",
        "`choice(a, b, ...)` under the Optuna sweeper: a categorical of numbers, strings, "
        "booleans or null",
        OPTUNA,
    ),
    r("distribution.pchoice", "unsupported", "Neither sweeper weighs a choice", OPTUNA),
    r(
        "distribution.grid_search",
        "supported",
        "a comma list `a,b,c` (or `choice(...)`, `range(...)`) of the basic sweeper, which runs "
        "every combination; under the Optuna sweeper only with the GridSampler",
        BASIC,
    ),
    r("distribution.uniform", "supported", "`interval(low, high)` (Optuna sweeper)", OPTUNA),
    r(
        "distribution.quniform",
        "partial",
        "`range(low, high, step=q)` with float bounds (Optuna sweeper): a stepped uniform "
        "whose values stay within the bounds, where q-rounding may leave them",
        OPTUNA,
    ),
    r("distribution.loguniform", "supported", "`tag(log, interval(low, high))`", OPTUNA),
    r("distribution.qloguniform", "unsupported", "Optuna has no step with a log scale", OPTUNA),
    r("distribution.normal", "unsupported", NO_FORM, OPTUNA),
    r("distribution.qnormal", "unsupported", NO_FORM, OPTUNA),
    r("distribution.lognormal", "unsupported", NO_FORM, OPTUNA),
    r("distribution.qlognormal", "unsupported", NO_FORM, OPTUNA),
    r("distribution.randint", "supported", "`int(interval(low, high - 1))`", OPTUNA),
    r("distribution.uniformint", "supported", "`int(interval(low, high))`", OPTUNA),
    r(
        "distribution.qrandint",
        "supported",
        "`range(low, high, step=q)` with integer bounds (Optuna sweeper: `high` included)",
        OPTUNA,
    ),
    r(
        "distribution.lograndint",
        "supported",
        "`tag(log, int(interval(low, high - 1)))`",
        OPTUNA,
    ),
    r("distribution.qlograndint", "unsupported", NOT_AN_INTERVAL, OPTUNA),
    r("distribution.quniformint", "unsupported", "Hyperopt's rounding has no Hydra form", OPTUNA),
    r("distribution.qloguniformint", "unsupported", NOT_AN_INTERVAL, OPTUNA),
    r("distribution.beta", "unsupported", NO_FORM, OPTUNA),
    r("distribution.qbeta", "unsupported", NO_FORM, OPTUNA),
    r(
        "distribution.invloguniform",
        "partial",
        "as `tag(log, interval(...))`, which has the same distribution",
        OPTUNA,
    ),
    r("distribution.constant", "supported", "a plain value: a fixed override", GRAMMAR),
    r("scheduler.fifo", "supported", "neither sweeper stops trials early", OPTUNA),
    r("scheduler.async_hyperband", "unsupported", "The Optuna sweeper has no pruner", OPTUNA),
    r("scheduler.hyperband", "unsupported", "The Optuna sweeper has no pruner", OPTUNA),
    r("scheduler.median_stopping_rule", "unsupported", "The Optuna sweeper has no pruner", OPTUNA),
    r("scheduler.hb_bohb", "unsupported", "The Optuna sweeper has no pruner", OPTUNA),
    r("scheduler.pbt", "unsupported", "A Hydra job runs to its end", BASIC),
    r("scheduler.pb2", "unsupported", "A Hydra job runs to its end", BASIC),
    r(
        "structure.nested_groups",
        "supported",
        "dotted keys: `model.lr` sweeps `lr` in the `model` node of the config",
        GRAMMAR,
    ),
    r(
        "structure.conditional_choice",
        "unsupported",
        "An override sets one value: Hydra has no sub-spaces (config groups are files)",
        GRAMMAR,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "unsupported",
        "The basic sweeper cannot sample, and the Optuna sweeper's GridSampler needs every "
        "parameter a grid",
        BASIC,
    ),
    r(
        "structure.metric_mode",
        "partial",
        "`direction`; the metric is what the task function returns (the "
        "`optimized_metric:` key of lightning-hydra-template is read and kept where present)",
        OPTUNA,
    ),
    r(
        "structure.num_samples",
        "partial",
        "`n_trials` (Optuna sweeper); the basic sweeper runs each combination once",
        OPTUNA,
    ),
    r("structure.stop", "unsupported", "A Hydra job runs to its end", BASIC),
    r("structure.time_budget_s", "unsupported", "Neither sweeper has a time budget", OPTUNA),
    r(
        "structure.max_concurrent_trials",
        "partial",
        "`n_jobs`: how many trials the Optuna sweeper asks for at once; the launcher decides "
        "what runs in parallel",
        OPTUNA,
    ),
    r(
        "structure.resources_per_trial",
        "unsupported",
        "Resources are the launcher's (Submitit, Ray, ...), not the sweeper's",
        BASIC,
    ),
)
