"""A smoke-test config beside the real one; the Tuner runs the real one."""

from ray import tune
from ray.tune.schedulers import ASHAScheduler

debug_config = {"lr": tune.choice([1e-3]), "layers": 1, "epochs": 1}

search_space = {
    "lr": tune.loguniform(1e-5, 1e-2),
    "layers": tune.randint(1, 6),
    "epochs": 10,
    "activation": tune.choice(["relu", "silu", "gelu"]),
}


def train_fn(config):
    for epoch in range(config["epochs"]):
        tune.report({"loss": config["lr"] * (epoch + 1)})


if __name__ == "__main__":
    tuner = tune.Tuner(
        train_fn,
        # param_space=debug_config,
        param_space=search_space,
        tune_config=tune.TuneConfig(
            metric="loss", mode="min", num_samples=30, scheduler=ASHAScheduler()
        ),
    )
    tuner.fit()
