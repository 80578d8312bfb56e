"""Layer sizes drawn as powers of two through tune.sample_from, as in the Ray tutorial."""

import numpy as np
from ray import tune


def train_mnist(config):
    for i in range(10):
        tune.report({"loss": 1.0 / (i + 1) + config["lr"]})


if __name__ == "__main__":
    mnist_config = {
        "l1": tune.sample_from(lambda _: 2 ** np.random.randint(2, 9)),
        "l2": tune.choice([4, 8, 16, 32, 64, 128, 256]),
        "lr": tune.loguniform(1e-4, 1e-1),
        "batch_size": tune.choice([2, 4, 8, 16]),
    }
    tuner = tune.Tuner(
        train_mnist,
        param_space=mnist_config,
        tune_config=tune.TuneConfig(metric="loss", mode="min", num_samples=10),
    )
    tuner.fit()
