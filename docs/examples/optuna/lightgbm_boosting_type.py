"""Tune a LightGBM-style booster on breast cancer, pruning unpromising trials.

sklearn's GradientBoostingClassifier stands in for ``lgb.train``; validation AUC is reported
after every boosting round, the way ``LightGBMPruningCallback`` reports it.
"""

import logging

import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

logger = logging.getLogger(__name__)

SEED = 42
NUM_BOOST_ROUND = 40

X, y = load_breast_cancer(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)


def build_model(params):
    """Translate LightGBM parameter names into GradientBoostingClassifier arguments."""
    if params["boosting_type"] == "goss":
        subsample = params["top_rate"] + params["other_rate"]
    else:
        subsample = params.get("bagging_fraction", 1.0)
    return GradientBoostingClassifier(
        n_estimators=NUM_BOOST_ROUND,
        learning_rate=params["learning_rate"],
        max_leaf_nodes=params["num_leaves"],
        min_samples_leaf=params["min_child_samples"],
        subsample=subsample,
        max_features=params["feature_fraction"],
        random_state=SEED,
    )


def objective(trial):
    params = {
        "objective": "binary",
        "metric": "auc",
        "verbosity": -1,
        "lambda_l1": trial.suggest_float("lambda_l1", 1e-8, 10.0, log=True),
        "lambda_l2": trial.suggest_float("lambda_l2", 1e-8, 10.0, log=True),
        "num_leaves": trial.suggest_int("num_leaves", 2, 256, log=True),
        "feature_fraction": trial.suggest_float("feature_fraction", 0.4, 1.0),
        "min_child_samples": trial.suggest_int("min_child_samples", 5, 100),
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.3, log=True),
    }
    params["boosting_type"] = trial.suggest_categorical("boosting_type", ["gbdt", "dart", "goss"])

    if params["boosting_type"] in ("gbdt", "dart"):
        params["bagging_fraction"] = trial.suggest_float("bagging_fraction", 0.4, 1.0)
        params["bagging_freq"] = trial.suggest_int("bagging_freq", 1, 7)
    elif params["boosting_type"] == "goss":
        params["top_rate"] = trial.suggest_float("top_rate", 0.1, 0.5)
        params["other_rate"] = trial.suggest_float("other_rate", 0.05, 0.3)

    if params["boosting_type"] == "dart":
        params["drop_rate"] = trial.suggest_float("drop_rate", 0.05, 0.5)
        params["skip_drop"] = trial.suggest_float("skip_drop", 0.3, 0.7)

    model = build_model(params).fit(X_train, y_train)

    auc = 0.0
    for step, proba in enumerate(model.staged_predict_proba(X_valid)):
        auc = roc_auc_score(y_valid, proba[:, 1])
        trial.report(auc, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return auc


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.TPESampler(seed=42, n_startup_trials=10),
        pruner=optuna.pruners.MedianPruner(n_startup_trials=5, n_warmup_steps=10),
    )
    study.optimize(objective, n_trials=100)

    pruned = [t for t in study.trials if t.state == optuna.trial.TrialState.PRUNED]
    logger.info("finished %d trials, %d pruned", len(study.trials), len(pruned))
    logger.info("best AUC %.4f with %s", study.best_value, study.best_params)
