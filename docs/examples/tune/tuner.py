"""A sweep written with the Ray Tune API; `sweepspec convert tuner.py --to spec` reads it unrun."""

from ray import tune
from ray.tune.schedulers import ASHAScheduler
from ray.tune.search import ConcurrencyLimiter
from ray.tune.search.hyperopt import HyperOptSearch

search_space = {
    # the learning rate, on a log scale
    "lr": tune.loguniform(1.0e-4, 1.0e-1),
    "momentum": tune.uniform(0.1, 0.9),  # SGD only
    "layers": tune.choice([2, 3, 4]),
    "model": {
        "width": tune.qrandint(32, 512, 32),
        "dropout": tune.quniform(0.0, 0.5, 0.1),
    },
    "seed": 7,
}
searcher = ConcurrencyLimiter(
    HyperOptSearch(n_initial_points=5, random_state_seed=0), max_concurrent=2
)


def train(config):
    return {"loss": (config["lr"] - 0.01) ** 2 + config["model"]["dropout"]}


tuner = tune.Tuner(
    train,
    param_space=search_space,
    tune_config=tune.TuneConfig(
        metric="loss",
        mode="min",
        num_samples=20,
        search_alg=searcher,
        scheduler=ASHAScheduler(max_t=10, grace_period=1),
    ),
    run_config=tune.RunConfig(stop={"training_iteration": 10}),
)

if __name__ == "__main__":
    tuner.fit()
