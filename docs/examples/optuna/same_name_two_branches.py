"""Pick a tree ensemble and its depth; every model family has its own depth range."""

import optuna
from sklearn.datasets import make_classification
from sklearn.ensemble import (
    ExtraTreesClassifier,
    GradientBoostingClassifier,
    RandomForestClassifier,
)
from sklearn.model_selection import cross_val_score

X, y = make_classification(n_samples=400, n_features=12, n_informative=6, random_state=0)


def objective(trial):
    model_name = trial.suggest_categorical(
        "model", ["random_forest", "extra_trees", "gradient_boosting"]
    )
    n_estimators = trial.suggest_int("n_estimators", 10, 80, step=10)

    if model_name == "random_forest":
        max_depth = trial.suggest_int("max_depth", 2, 32)
        model = RandomForestClassifier(
            n_estimators=n_estimators, max_depth=max_depth, random_state=0
        )
    elif model_name == "extra_trees":
        max_depth = trial.suggest_int("max_depth", 2, 32)
        min_samples_split = trial.suggest_int("min_samples_split", 2, 10)
        model = ExtraTreesClassifier(
            n_estimators=n_estimators,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            random_state=0,
        )
    else:
        # shallow trees for boosting
        max_depth = trial.suggest_int("max_depth", 2, 8)
        learning_rate = trial.suggest_float("learning_rate", 0.01, 0.3, log=True)
        model = GradientBoostingClassifier(
            n_estimators=n_estimators,
            max_depth=max_depth,
            learning_rate=learning_rate,
            random_state=0,
        )

    return cross_val_score(model, X, y, cv=3).mean()


if __name__ == "__main__":
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.TPESampler(seed=42, n_startup_trials=10),
    )
    study.optimize(objective, n_trials=100, timeout=600)
    print(study.best_params)
