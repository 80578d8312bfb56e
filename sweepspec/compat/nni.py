"""``nni``: NNI 3 search spaces and experiment configs (microsoft/nni
``docs/source/hpo/search_space.rst``, ``docs/source/reference/experiment_config.rst``)."""

from __future__ import annotations

from .model import Row, row_maker

r = row_maker("nni")
SPACE = "microsoft/nni docs/source/hpo/search_space.rst"
TUNERS = "microsoft/nni docs/source/hpo/tuners.rst"
ASSESSORS = "microsoft/nni docs/source/hpo/assessors.rst"
CONFIG = "microsoft/nni docs/source/reference/experiment_config.rst"
NO_TUNER = "NNI has no such tuner"
CLIPS = (
    "NNI clips the rounded value to [low, high]: the same values as the spec only when low "
    "and high are multiples of q"
)
FLOATS = "NNI has no stepped or log-scaled integers: its quantised types give floats"

ROWS: tuple[Row, ...] = (
    r("search_alg.hyperopt", "partial", "the TPE tuner: NNI's own implementation of TPE", TUNERS),
    r(
        "search_alg.variant_generator",
        "supported",
        "the Random tuner (GridSearch when every parameter is a grid)",
        TUNERS,
    ),
    r("search_alg.bayesopt", "partial", "GPTuner: NNI's own Gaussian-process tuner", TUNERS),
    r("search_alg.bohb", "partial", "NNI's BOHB tuner, not Ray's TuneBOHB", TUNERS),
    r("search_alg.nevergrad", "unsupported", NO_TUNER, TUNERS),
    r("search_alg.skopt", "unsupported", NO_TUNER, TUNERS),
    r("search_alg.ax", "unsupported", NO_TUNER, TUNERS),
    r("search_alg.optuna", "unsupported", NO_TUNER, TUNERS),
    r("search_alg.hebo", "unsupported", NO_TUNER, TUNERS),
    r("search_alg.zoopt", "unsupported", NO_TUNER, TUNERS),
    r(
        "distribution.choice",
        "supported",
        "`choice` (numbers or strings; a mapping with `_name` is a nested sub-space)",
        SPACE,
    ),
    r("distribution.pchoice", "unsupported", "NNI has no weighted choice", SPACE),
    r(
        "distribution.grid_search",
        "partial",
        "a `choice` searched by the GridSearch tuner, which needs every parameter a grid",
        TUNERS,
    ),
    r("distribution.uniform", "supported", "`uniform`", SPACE),
    r("distribution.quniform", "partial", f"`quniform`: {CLIPS}", SPACE),
    r("distribution.loguniform", "supported", "`loguniform` (bounds in real space)", SPACE),
    r("distribution.qloguniform", "partial", f"`qloguniform`: {CLIPS}", SPACE),
    r("distribution.normal", "supported", "`normal`", SPACE),
    r("distribution.qnormal", "supported", "`qnormal`", SPACE),
    r("distribution.lognormal", "supported", "`lognormal`", SPACE),
    r("distribution.qlognormal", "supported", "`qlognormal`", SPACE),
    r("distribution.randint", "supported", "`randint` [lower, upper)", SPACE),
    r("distribution.uniformint", "supported", "`randint` [low, high + 1)", SPACE),
    r("distribution.qrandint", "unsupported", FLOATS, SPACE),
    r("distribution.lograndint", "unsupported", FLOATS, SPACE),
    r("distribution.qlograndint", "unsupported", FLOATS, SPACE),
    r("distribution.quniformint", "unsupported", FLOATS, SPACE),
    r("distribution.qloguniformint", "unsupported", FLOATS, SPACE),
    r("distribution.beta", "unsupported", "NNI has no beta distribution", SPACE),
    r("distribution.qbeta", "unsupported", "NNI has no beta distribution", SPACE),
    r("distribution.invloguniform", "partial", "as `loguniform`, the same distribution", SPACE),
    r("distribution.constant", "partial", "a `choice` of one value", SPACE),
    r("scheduler.fifo", "supported", "no assessor", ASSESSORS),
    r(
        "scheduler.median_stopping_rule",
        "partial",
        "the Medianstop assessor (`start_step` from `grace_period`, in reported steps)",
        ASSESSORS,
    ),
    r(
        "scheduler.hyperband",
        "partial",
        "the Hyperband tuner, which samples at random inside its brackets and replaces the "
        "search algorithm",
        TUNERS,
    ),
    r("scheduler.hb_bohb", "partial", "the BOHB tuner (brackets and model in one)", TUNERS),
    r("scheduler.async_hyperband", "unsupported", "NNI has no asynchronous HyperBand", ASSESSORS),
    r(
        "scheduler.pbt",
        "unsupported",
        "NNI's PBTTuner is a tuner with its own checkpoint protocol, not a scheduler",
        TUNERS,
    ),
    r("scheduler.pb2", "unsupported", "NNI has no PB2", TUNERS),
    r(
        "structure.conditional_choice",
        "supported",
        "nested `choice` options with `_name` (Random, TPE, Anneal, Evolution, GridSearch)",
        SPACE,
    ),
    r(
        "structure.nested_groups",
        "unsupported",
        "an NNI search space is flat: only a choice's options nest",
        SPACE,
    ),
    r(
        "structure.grid_mixed_with_sampled",
        "unsupported",
        "one tuner searches the whole space: a grid beside sampled parameters has no form",
        TUNERS,
    ),
    r(
        "structure.metric_mode",
        "partial",
        "the tuner's `optimize_mode`; the metric is the number the trial reports "
        "(`nni.report_final_result`), the `default` key of a dict",
        CONFIG,
    ),
    r("structure.num_samples", "supported", "`maxTrialNumber`", CONFIG),
    r("structure.time_budget_s", "supported", "`maxExperimentDuration`", CONFIG),
    r("structure.max_concurrent_trials", "supported", "`trialConcurrency`", CONFIG),
    r("structure.resources_per_trial", "partial", "`trialGpuNumber` (GPUs only)", CONFIG),
    r("structure.stop", "unsupported", "NNI has no stop criteria on results", CONFIG),
)
