"""Kernel ridge regression; the kernels to compare normally come from the project package."""

import logging

import numpy as np
import optuna
from sklearn.datasets import make_regression
from sklearn.kernel_ridge import KernelRidge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

try:
    from regression_project.search_space import KERNELS
except ImportError:  # running the script on its own, outside the project
    KERNELS = ["linear", "rbf", "laplacian"]

logger = logging.getLogger(__name__)

X, y = make_regression(n_samples=250, n_features=10, noise=15.0, random_state=7)
y = (y - y.mean()) / y.std()


def objective(trial):
    kernel = trial.suggest_categorical("kernel", KERNELS)
    alpha = trial.suggest_float("alpha", 1e-4, 10.0, log=True)  # ridge penalty
    gamma = trial.suggest_float("gamma", 1e-4, 1.0, log=True)  # ignored by "linear"
    model = make_pipeline(StandardScaler(), KernelRidge(kernel=kernel, alpha=alpha, gamma=gamma))
    cv = KFold(n_splits=4, shuffle=True, random_state=0)
    mse = -cross_val_score(model, X, y, cv=cv, scoring="neg_mean_squared_error")
    return float(np.mean(mse))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    study = optuna.create_study(direction="minimize")
    study.optimize(objective, n_trials=100)
    logger.info("best MSE %.4f with %s", study.best_value, study.best_params)
