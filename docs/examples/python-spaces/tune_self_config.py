"""A sweep runner whose config uses the bounds it was built with."""

import logging

from ray import tune

logger = logging.getLogger(__name__)


def train_fn(config):
    for step in range(config["max_epochs"]):
        tune.report({"loss": config["lr"] * step})


class SweepRunner:
    def __init__(self, max_epochs=20, lr_bounds=(1e-5, 1e-1)):
        self.max_epochs = max_epochs
        self.lr_bounds = lr_bounds
        self.config = {
            "lr": tune.loguniform(*self.lr_bounds),
            "max_epochs": self.max_epochs,
            "hidden": tune.choice([128, 256, 512]),
            "dropout": tune.uniform(0.0, 0.3),
        }

    def run(self, num_samples=10):
        tuner = tune.Tuner(
            train_fn,
            param_space=self.config,
            tune_config=tune.TuneConfig(metric="loss", mode="min", num_samples=num_samples),
        )
        return tuner.fit()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    SweepRunner().run()
