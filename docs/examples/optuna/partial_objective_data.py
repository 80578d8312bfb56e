import functools

import numpy as np
import optuna
from optuna.samplers import RandomSampler
from sklearn.datasets import make_regression
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split


def load_data(seed=0):
    X, y = make_regression(
        n_samples=400, n_features=12, n_informative=6, noise=10.0, random_state=seed
    )
    return train_test_split(X, y, test_size=0.2, random_state=seed)


def objective(optuna_trial, data):
    X_train, X_valid, y_train, y_valid = data

    params = {
        "loss": optuna_trial.suggest_categorical("loss", ["squared_error", "absolute_error"]),
        "learning_rate": optuna_trial.suggest_float("learning_rate", 0.01, 0.5, log=True),
        "n_estimators": optuna_trial.suggest_int("n_estimators", 10, 100, step=10),
        "max_leaf_nodes": optuna_trial.suggest_int("max_leaf_nodes", 4, 32, log=True),
        "min_samples_leaf": optuna_trial.suggest_int("min_samples_leaf", 5, 50),
        "subsample": optuna_trial.suggest_float("subsample", 0.5, 1.0),
    }

    model = GradientBoostingRegressor(random_state=0, **params)
    model.fit(X_train, y_train)
    rmse = np.sqrt(mean_squared_error(y_valid, model.predict(X_valid)))
    return rmse


if __name__ == "__main__":
    data = load_data()
    study = optuna.create_study(direction="minimize", sampler=RandomSampler(seed=0))
    study.optimize(functools.partial(objective, data=data), n_trials=100)

    print("best RMSE:", study.best_value)
    print("best params:", study.best_params)
