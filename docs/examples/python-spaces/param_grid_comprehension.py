"""A grid from an older GridSearchCV, turned into a hyperopt space with a dict comprehension."""

import numpy as np
from hyperopt import fmin, hp, tpe
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

# was: GridSearchCV(LogisticRegression(), PARAM_GRID, cv=5)
PARAM_GRID = {
    "C": [0.01, 0.1, 1.0, 10.0, 100.0],
    "penalty": ["l1", "l2"],
    "solver": ["liblinear", "saga"],
}

space = {name: hp.choice(name, values) for name, values in PARAM_GRID.items()}
space["tol"] = hp.loguniform("tol", np.log(1e-5), np.log(1e-2))


def objective(params):
    X, y = load_breast_cancer(return_X_y=True)
    clf = LogisticRegression(max_iter=5000, **params)
    return -cross_val_score(clf, X, y, cv=5).mean()


if __name__ == "__main__":
    best = fmin(objective, space, algo=tpe.suggest, max_evals=40)
    print(best)
