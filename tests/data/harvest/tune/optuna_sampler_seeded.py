# OptunaSearch with a seeded sampler (from a user's script): metric and mode went with the sampler
from optuna.samplers import TPESampler
from ray import tune
from ray.tune.search.optuna import OptunaSearch

tuner = tune.Tuner(
    "train.py",
    param_space={"lr": tune.loguniform(1e-4, 1e-1)},
    tune_config=tune.TuneConfig(
        search_alg=OptunaSearch(sampler=TPESampler(seed=42), metric="val_auroc", mode="max"),
        num_samples=20,
    ),
)
