"""Train a small MLP with Ray Tune; the settings are built apart and passed by name."""

from ray import train, tune
from ray.tune.search.hyperopt import HyperOptSearch

from model import train_mlp

param_space = {
    "lr": tune.loguniform(1e-5, 1e-1),
    # "momentum": tune.uniform(0.8, 0.99),
    "batch_size": tune.choice([32, 64, 128]),
}

tune_config = tune.TuneConfig(
    metric="val_loss",
    mode="min",
    num_samples=50,
    search_alg=HyperOptSearch(n_initial_points=10),
    reuse_actors=True,  # not part of a sweep: named, not carried
)
run_config = train.RunConfig(
    name="mlp-sweep",
    storage_path="/scratch/ray_results",  # where results go: named, not carried
)

tuner = tune.Tuner(
    train_mlp,
    param_space=param_space,
    tune_config=tune_config,
    run_config=run_config,
)
results = tuner.fit()
