"""Configs for the launcher script; `small_config` for CI, `big_config` for the cluster."""

from ray import tune

small_config = {
    "lr": tune.choice([1e-3]),
    "epochs": 1,
}

big_config = {
    "lr": tune.loguniform(1e-5, 1e-1),
    "epochs": tune.choice([50, 100]),
    "width": tune.qrandint(64, 1024, 64),
    "optimizer": tune.choice(["adam", "lamb"]),
}
