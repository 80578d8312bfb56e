"""``wandb``: native W&B sweep YAML, as W&B's sweeps library validates and runs it.

Sources: wandb/sweeps ``src/sweeps/config/schema.json``, ``src/sweeps/grid_search.py``,
``src/sweeps/bayes_search.py`` and ``src/sweeps/params.py`` (research: ``wandb-sweeps.md`` §2).
"""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("wandb")
SCHEMA = "wandb/sweeps src/sweeps/config/schema.json"
PARAMS = "wandb/sweeps src/sweeps/params.py"
GRID = "wandb/sweeps src/sweeps/grid_search.py"
NO_METHOD = "W&B's methods are grid, random and bayes"

ROWS: tuple[Row, ...] = (
    r(
        "search_alg.variant_generator",
        "supported",
        "`method: random`, or `method: grid` when the space uses grid_search",
        SCHEMA,
    ),
    r(
        "search_alg.bayesopt",
        "partial",
        "`method: bayes`, W&B's own Gaussian process; the searcher's options are not carried",
        "wandb/sweeps src/sweeps/bayes_search.py",
    ),
    r("search_alg.hyperopt", "unsupported", NO_METHOD, SCHEMA),
    r("search_alg.nevergrad", "unsupported", NO_METHOD, SCHEMA),
    r("search_alg.skopt", "unsupported", NO_METHOD, SCHEMA),
    r("search_alg.ax", "unsupported", NO_METHOD, SCHEMA),
    r("search_alg.bohb", "unsupported", NO_METHOD, SCHEMA),
    r(
        "search_alg.optuna",
        "unsupported",
        NO_METHOD + "; Optuna runs only as a W&B Launch scheduler job, outside the sweep file",
        SCHEMA,
    ),
    r("search_alg.hebo", "unsupported", NO_METHOD, SCHEMA),
    r("search_alg.zoopt", "unsupported", NO_METHOD, SCHEMA),
    r("distribution.choice", "supported", "`values` (categorical)", SCHEMA),
    r("distribution.pchoice", "supported", "`values` with `probabilities`", SCHEMA),
    r("distribution.grid_search", "supported", "`values` under `method: grid`", GRID),
    r("distribution.uniform", "supported", "`distribution: uniform`", PARAMS),
    r("distribution.quniform", "supported", "`distribution: q_uniform`", PARAMS),
    r("distribution.loguniform", "supported", "`distribution: log_uniform_values`", PARAMS),
    r("distribution.qloguniform", "supported", "`distribution: q_log_uniform_values`", PARAMS),
    r("distribution.normal", "supported", "`distribution: normal`", PARAMS),
    r("distribution.qnormal", "supported", "`distribution: q_normal`", PARAMS),
    r("distribution.lognormal", "supported", "`distribution: log_normal`", PARAMS),
    r("distribution.qlognormal", "supported", "`distribution: q_log_normal`", PARAMS),
    r("distribution.randint", "supported", "`int_uniform` with `max: high - 1`", PARAMS),
    r("distribution.uniformint", "supported", "`int_uniform` (both bounds included)", PARAMS),
    r(
        "distribution.qrandint",
        "partial",
        "`q_uniform` with an integer q: rounding gives each bound half the weight of the other "
        "values",
        PARAMS,
    ),
    r(
        "distribution.lograndint",
        "partial",
        "`q_log_uniform_values` with q = 1: rounds where Ray floors, and may reach the upper bound",
        PARAMS,
    ),
    r(
        "distribution.qlograndint",
        "partial",
        "`q_log_uniform_values`: rounding gives each bound half the weight of the other values",
        PARAMS,
    ),
    r(
        "distribution.quniformint",
        "unsupported",
        "`q_uniform` gives floats (250.0), not the integers hyperopt's `scope.int` gives",
        PARAMS,
    ),
    r(
        "distribution.qloguniformint",
        "unsupported",
        "`q_log_uniform_values` gives floats, not the integers hyperopt's `scope.int` gives",
        PARAMS,
    ),
    r("distribution.beta", "supported", "`distribution: beta`", PARAMS),
    r("distribution.qbeta", "supported", "`distribution: q_beta`", PARAMS),
    r("distribution.invloguniform", "supported", "`distribution: inv_log_uniform_values`", PARAMS),
    r("distribution.constant", "supported", "`value`", SCHEMA),
    r("scheduler.fifo", "supported", "no `early_terminate`: every run completes", SCHEMA),
    r(
        "scheduler.async_hyperband",
        "partial",
        "`early_terminate: {type: hyperband, min_iter: grace_period, max_iter: max_t, eta: "
        "reduction_factor}`: W&B's hyperband stops runs at fixed brackets, synchronously; "
        "brackets and stop_last_trials are not carried",
        SCHEMA,
    ),
    r(
        "scheduler.hyperband",
        "partial",
        "`early_terminate: {type: hyperband, max_iter: max_t, eta: reduction_factor, s: ...}`; "
        "W&B stops runs at brackets but never pauses or resumes them",
        SCHEMA,
    ),
    r("scheduler.hb_bohb", "unsupported", "`early_terminate` has only `hyperband`", SCHEMA),
    r(
        "scheduler.median_stopping_rule",
        "unsupported",
        "`early_terminate` has only `hyperband`",
        SCHEMA,
    ),
    r("scheduler.pbt", "unsupported", "W&B runs cannot be perturbed while they run", SCHEMA),
    r("scheduler.pb2", "unsupported", "W&B runs cannot be perturbed while they run", SCHEMA),
    r(
        "structure.nested_groups",
        "supported",
        "nested `parameters` (wandb/sweeps #72, 2022)",
        SCHEMA,
    ),
    r(
        "structure.conditional_choice",
        "unsupported",
        "a W&B parameter cannot depend on another parameter's value",
        SCHEMA,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "unsupported",
        "`method: grid` enumerates every parameter and accepts only categorical, constant, "
        "int_uniform and q_uniform ones; a sampled parameter cannot keep its meaning",
        GRID,
    ),
    r("structure.metric_mode", "supported", "`metric: {name, goal: minimize | maximize}`", SCHEMA),
    r(
        "structure.num_samples",
        "supported",
        "`run_cap`",
        SCHEMA,
        note="run_cap is newer than the sweeps 0.2.0 validator, which reports it as unknown",
    ),
    r("structure.stop", "unsupported", "W&B has no per-run stopping criteria in the sweep", SCHEMA),
    r("structure.time_budget_s", "unsupported", "W&B sweeps have no time budget", SCHEMA),
    r(
        "structure.max_concurrent_trials",
        "unsupported",
        "concurrency is the number of agents started, not part of the sweep",
        SCHEMA,
    ),
    r(
        "structure.resources_per_trial",
        "unsupported",
        "resources belong to the agents' machines, not to the sweep",
        SCHEMA,
    ),
)
