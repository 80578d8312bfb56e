"""The older tune.run API; the config is called `hyperparams` here."""

import logging

from ray import tune

logger = logging.getLogger(__name__)

hyperparams = {
    "optimizer": {
        "name": tune.choice(["adam", "sgd"]),
        "lr": tune.loguniform(1e-5, 1e-1),
        "weight_decay": tune.quniform(0.0, 0.1, 0.01),
    },
    "layers": tune.randint(1, 5),
    "hidden": tune.qrandint(32, 256, 32),
    "activation": tune.grid_search(["relu", "gelu"]),
    "seed": 0,
}


def train_cifar(config):
    import torch

    torch.manual_seed(config["seed"])
    for step in range(100):
        tune.report({"accuracy": step / 100})


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    analysis = tune.run(
        train_cifar,
        config=hyperparams,
        num_samples=10,
        metric="accuracy",
        mode="max",
        resources_per_trial={"cpu": 1},
    )
    logger.info("best: %s", analysis.best_config)
