"""Random forest regression; the depth limit is derived from the size of the training set."""

import math

import optuna
from sklearn.datasets import make_regression
from sklearn.ensemble import RandomForestRegressor
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split


def suggest_forest_params(trial, max_depth_limit, max_estimators=150):
    """Search space of the forest.

    ``max_depth_limit`` bounds the depth: deeper trees than log2(n_samples) only memorise.
    """
    return {
        "n_estimators": trial.suggest_int("n_estimators", 10, max_estimators, step=10),
        "max_depth": trial.suggest_int("max_depth", 2, max_depth_limit),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 1, 16, log=True),
        "max_features": trial.suggest_categorical("max_features", [0.3, 0.5, 0.8, 1.0]),
    }


def objective(trial, X_train, X_valid, y_train, y_valid):
    depth_limit = int(math.log2(len(X_train)))
    params = suggest_forest_params(trial, depth_limit)
    model = RandomForestRegressor(random_state=0, **params).fit(X_train, y_train)
    return r2_score(y_valid, model.predict(X_valid))


if __name__ == "__main__":
    X, y = make_regression(n_samples=500, n_features=10, noise=20.0, random_state=2)
    X_train, X_valid, y_train, y_valid = train_test_split(X, y, random_state=2)

    study = optuna.create_study(direction="maximize")
    study.optimize(
        lambda trial: objective(trial, X_train, X_valid, y_train, y_valid),
        n_trials=50,
        timeout=600,
    )
    print("best R^2:", round(study.best_value, 4))
    print("params:", study.best_params)
