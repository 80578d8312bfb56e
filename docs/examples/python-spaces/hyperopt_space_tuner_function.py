"""A regression MLP run by Ray Tune's Tuner; the hyperopt space comes from a function."""

import numpy as np
from hyperopt import hp
from hyperopt.pyll import scope
from ray import tune
from ray.tune.search.hyperopt import HyperOptSearch
from sklearn.datasets import make_regression
from sklearn.model_selection import cross_val_score
from sklearn.neural_network import MLPRegressor


def hyperopt_space():
    return {
        "hidden": scope.int(hp.quniform("hidden", 16, 256, 16)),
        "alpha": hp.loguniform("alpha", np.log(1e-6), np.log(1e-2)),
        "learning_rate_init": hp.loguniform("learning_rate_init", np.log(1e-4), np.log(1e-1)),
        "solver": hp.choice("solver", ["adam", "sgd"]),
    }


def train_fn(config):
    X, y = make_regression(n_samples=2000, n_features=20, noise=0.3, random_state=0)
    model = MLPRegressor(
        hidden_layer_sizes=(config["hidden"],),
        alpha=config["alpha"],
        learning_rate_init=config["learning_rate_init"],
        solver=config["solver"],
        max_iter=200,
    )
    return {"val_loss": -cross_val_score(model, X, y, cv=3, scoring="neg_mean_squared_error").mean()}


def main():
    searcher = HyperOptSearch(hyperopt_space(), metric="val_loss", mode="min", n_initial_points=10)
    tuner = tune.Tuner(
        train_fn,
        tune_config=tune.TuneConfig(search_alg=searcher, num_samples=30),
    )
    results = tuner.fit()
    print(results.get_best_result().config)


if __name__ == "__main__":
    main()
