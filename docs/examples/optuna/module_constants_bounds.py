"""Gradient boosting regressor; the search bounds live at the top of the file."""

import optuna
from sklearn.datasets import make_regression
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import cross_val_score

SEED = 0
N_TRIALS = 80

# search space
LR_MIN, LR_MAX = 1e-3, 3e-1
N_ESTIMATORS = (20, 120)
MAX_DEPTH = 4
SUBSAMPLE_MIN = 0.5
LOSSES = ["squared_error", "huber", "absolute_error"]

X, y = make_regression(n_samples=200, n_features=8, noise=5.0, random_state=SEED)


def objective(trial):
    params = {
        "learning_rate": trial.suggest_float("learning_rate", LR_MIN, LR_MAX, log=True),
        "n_estimators": trial.suggest_int("n_estimators", *N_ESTIMATORS, step=20),
        "max_depth": trial.suggest_int("max_depth", 2, MAX_DEPTH * 2),
        "subsample": trial.suggest_float("subsample", SUBSAMPLE_MIN, 1.0, step=0.1),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 1, 2**5, log=True),
        "loss": trial.suggest_categorical("loss", LOSSES),
    }
    model = GradientBoostingRegressor(random_state=SEED, **params)
    scores = cross_val_score(model, X, y, cv=3, scoring="neg_root_mean_squared_error")
    return -scores.mean()


if __name__ == "__main__":
    study = optuna.create_study(direction="minimize", sampler=optuna.samplers.TPESampler(seed=SEED))
    study.optimize(objective, n_trials=N_TRIALS)
    print(study.best_params)
