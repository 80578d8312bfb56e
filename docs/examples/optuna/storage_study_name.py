"""Gradient boosting with warm starts: one more stage per pruning step.

The study is named so that it can be resumed from a shared storage; here the storage is the
in-memory one (swap in ``"sqlite:///optuna.db"`` or a PostgreSQL URL to share it).
"""

import logging

import numpy as np
import optuna
from sklearn.datasets import make_regression
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

logger = logging.getLogger("gbr-tuning")

STUDY_NAME = "gbr-warm-start"
MAX_STAGES = 60
STAGE_STEP = 5


def objective(trial):
    X, y = make_regression(n_samples=400, n_features=10, noise=30.0, random_state=4)
    X_train, X_valid, y_train, y_valid = train_test_split(X, y, random_state=4)
    baseline = np.var(y_valid)

    model = GradientBoostingRegressor(
        learning_rate=trial.suggest_float("learning_rate", 0.005, 0.5, log=True),
        max_depth=trial.suggest_int("max_depth", 1, 6),
        subsample=trial.suggest_float("subsample", 0.4, 1.0, step=0.05),
        max_features=trial.suggest_categorical("max_features", ["sqrt", "log2", 1.0]),
        loss=trial.suggest_categorical("loss", ["squared_error", "huber"]),
        warm_start=True,
        random_state=0,
    )
    relative_mse = 1.0
    for step, n_estimators in enumerate(range(STAGE_STEP, MAX_STAGES + 1, STAGE_STEP)):
        model.set_params(n_estimators=n_estimators)
        model.fit(X_train, y_train)
        # 1.0 is as good as predicting the mean
        relative_mse = mean_squared_error(y_valid, model.predict(X_valid)) / baseline
        trial.report(relative_mse, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return relative_mse


def main():
    logging.basicConfig(level=logging.INFO)

    study = optuna.create_study(
        study_name=STUDY_NAME,
        storage=optuna.storages.InMemoryStorage(),
        load_if_exists=True,
        direction="minimize",
        pruner=optuna.pruners.ThresholdPruner(upper=1.0),
    )
    study.optimize(objective, n_trials=50, timeout=600, n_jobs=2)

    logger.info("study %s: %d trials", study.study_name, len(study.trials))
    logger.info("best relative MSE %.4f: %s", study.best_value, study.best_params)


if __name__ == "__main__":
    main()
