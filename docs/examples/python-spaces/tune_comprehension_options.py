"""Ray Tune space with options and keys computed from module constants."""

import numpy as np
from ray import tune

N_LAYERS = 2
SEEDS = 3

search_space = {
    "batch_size": tune.choice([2**i for i in range(5, 10)]),
    "seed": tune.grid_search(list(range(SEEDS))),
    "dropout": tune.choice(list(np.linspace(0.0, 0.5, 6))),
    "weight_decay": tune.choice(np.logspace(-6, -2, 5).tolist()),
    **{f"layer_{i}_units": tune.choice([64, 128, 256]) for i in range(N_LAYERS)},
}


def train_fn(config):
    tune.report({"score": sum(config[f"layer_{i}_units"] for i in range(N_LAYERS))})


if __name__ == "__main__":
    tuner = tune.Tuner(
        train_fn,
        param_space=search_space,
        tune_config=tune.TuneConfig(metric="score", mode="max", num_samples=4),
    )
    tuner.fit()
