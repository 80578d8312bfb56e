"""A learning-rate schedule passed to the trainable in its config, next to the tuned values."""

from ray import tune


def train_fn(config):
    lr = config["lr"]
    for epoch in range(config["epochs"]):
        lr = config["schedule"](epoch) * config["lr"]
        tune.report({"loss": lr})


param_space = {
    "lr": tune.loguniform(1e-4, 1e-1),
    "epochs": 20,
    "schedule": lambda epoch: 0.95**epoch,
    "warmup": tune.choice([0, 1, 5]),
}

if __name__ == "__main__":
    tuner = tune.Tuner(
        train_fn,
        param_space=param_space,
        tune_config=tune.TuneConfig(metric="loss", mode="min", num_samples=8),
    )
    tuner.fit()
