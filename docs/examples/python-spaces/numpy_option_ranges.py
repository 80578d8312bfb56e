"""LightGBM regressor; the options are grids made with numpy and range()."""

import lightgbm as lgb
import numpy as np
from hyperopt import fmin, hp, tpe
from sklearn.model_selection import cross_val_score

space = {
    "n_estimators": hp.choice("n_estimators", np.arange(100, 1001, 100, dtype=int)),
    "max_depth": hp.choice("max_depth", list(range(3, 16))),
    "learning_rate": hp.choice("learning_rate", np.logspace(-3, -1, 5)),
    "subsample": hp.choice("subsample", np.linspace(0.5, 1.0, 6)),
    "num_leaves": hp.choice("num_leaves", [2**i for i in range(4, 9)]),
    "min_child_samples": hp.choice("min_child_samples", range(10, 60, 10)),
}


def objective(params):
    X, y = np.load("X.npy"), np.load("y.npy")
    model = lgb.LGBMRegressor(subsample_freq=1, verbose=-1, **params)
    return -cross_val_score(model, X, y, cv=5, scoring="neg_root_mean_squared_error").mean()


if __name__ == "__main__":
    print(fmin(objective, space, algo=tpe.suggest, max_evals=100))
