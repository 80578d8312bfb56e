"""An sklearn MLP whose space depends on the data: the caller says how many features it has."""

import argparse

import numpy as np
from hyperopt import fmin, hp, tpe
from hyperopt.pyll import scope
from sklearn.decomposition import PCA
from sklearn.model_selection import cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline


def make_space(n_features, max_units=512):
    return {
        "units": hp.choice("units", [64, 128, 256, max_units]),
        "n_pca": scope.int(hp.quniform("n_pca", 2, n_features, 1)),
        "activation": hp.choice("activation", ["relu", "tanh", "logistic"]),
        "alpha": hp.loguniform("alpha", np.log(1e-5), np.log(1e-1)),
        "early_stopping": True,
    }


def objective(params, X, y):
    pipe = make_pipeline(
        PCA(n_components=params["n_pca"]),
        MLPClassifier(
            hidden_layer_sizes=(params["units"],),
            activation=params["activation"],
            alpha=params["alpha"],
            early_stopping=params["early_stopping"],
            max_iter=300,
        ),
    )
    return -cross_val_score(pipe, X, y, cv=3).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default="features.npy")
    parser.add_argument("--labels", default="labels.npy")
    parser.add_argument("--n-features", type=int, default=30)
    args = parser.parse_args()

    def fn(params):
        return objective(params, np.load(args.features), np.load(args.labels))

    best = fmin(fn, make_space(n_features=args.n_features), algo=tpe.suggest, max_evals=50)
    print(best)


if __name__ == "__main__":
    main()
