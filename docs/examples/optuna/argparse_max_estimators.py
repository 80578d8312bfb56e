"""Extra-trees on breast cancer. The largest forest to try is a command-line option."""

import argparse
import logging

import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import cross_val_score

logger = logging.getLogger(__name__)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-estimators", type=int, default=120)
    parser.add_argument("--n-trials", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=None, help="seconds")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()


def objective(trial):
    X, y = load_breast_cancer(return_X_y=True)
    clf = ExtraTreesClassifier(
        n_estimators=trial.suggest_int("n_estimators", 10, args.max_estimators),
        max_depth=trial.suggest_int("max_depth", 2, 16),
        min_samples_leaf=trial.suggest_int("min_samples_leaf", 1, 8),
        max_features=trial.suggest_float("max_features", 0.1, 1.0),
        criterion=trial.suggest_categorical("criterion", ["gini", "entropy"]),
        random_state=args.seed,
    )
    return cross_val_score(clf, X, y, cv=3, scoring="roc_auc").mean()


if __name__ == "__main__":
    args = parse_args()
    logging.basicConfig(level=logging.INFO)

    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=args.seed)
    )
    study.optimize(objective, n_trials=args.n_trials, timeout=args.timeout)
    logger.info("best ROC AUC %.4f: %s", study.best_value, study.best_params)
