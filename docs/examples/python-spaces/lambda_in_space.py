"""Gradient boosting on house prices; the target transform rides along in the space."""

import numpy as np
from hyperopt import STATUS_OK, fmin, hp, tpe
from sklearn.datasets import fetch_california_housing
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import cross_val_score

space = {
    "learning_rate": hp.loguniform("learning_rate", np.log(0.01), np.log(0.5)),
    "max_leaf_nodes": hp.choice("max_leaf_nodes", [15, 31, 63, 127]),
    "l2_regularization": hp.uniform("l2_regularization", 0.0, 1.0),
    # fixed, but the objective wants it next to the rest
    "target_transform": lambda y: np.log1p(y),
    "max_iter": 300,
}


def objective(params):
    params = dict(params)
    transform = params.pop("target_transform")
    X, y = fetch_california_housing(return_X_y=True)
    model = HistGradientBoostingRegressor(**params)
    score = cross_val_score(model, X, transform(y), cv=3, scoring="neg_mean_squared_error")
    return {"loss": -score.mean(), "status": STATUS_OK}


if __name__ == "__main__":
    print(fmin(objective, space, algo=tpe.suggest, max_evals=80))
