"""Support vector regression with CMA-ES: every hyperparameter is continuous, a good fit for it.

CmaEsSampler needs the ``cmaes`` package (``pip install cmaes``).
"""

import numpy as np
import optuna
from sklearn.datasets import make_regression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVR

X, y = make_regression(n_samples=300, n_features=8, noise=10.0, random_state=11)
y = (y - y.mean()) / y.std()


def objective(trial):
    C = trial.suggest_float("C", 1e-2, 1e2, log=True)
    epsilon = trial.suggest_float("epsilon", 1e-3, 1.0, log=True)
    gamma = trial.suggest_float("gamma", 1e-4, 1.0, log=True)
    tol = trial.suggest_float("tol", 1e-5, 1e-2, log=True)

    model = make_pipeline(StandardScaler(), SVR(C=C, epsilon=epsilon, gamma=gamma, tol=tol))
    scores = cross_val_score(model, X, y, cv=3, scoring="neg_mean_squared_error")
    return float(np.mean(-scores))


if __name__ == "__main__":
    study = optuna.create_study(
        sampler=optuna.samplers.CmaEsSampler(seed=42, n_startup_trials=5),
        pruner=optuna.pruners.NopPruner(),
        direction="minimize",
    )
    study.optimize(objective, n_trials=200, n_jobs=2)
    print("best MSE:", study.best_value)
    print("best params:", study.best_params)
