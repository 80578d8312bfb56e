"""Random forest on breast cancer, with the data held by a callable objective class."""

import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score


class Objective:
    """Cross-validated accuracy of a random forest on (X, y).

    Passing the data through ``__init__`` avoids reloading it on every trial.
    """

    def __init__(self, X, y, n_splits=3, seed=0):
        self.X = X
        self.y = y
        self.cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
        self.seed = seed

    def _suggest(self, trial):
        return {
            "n_estimators": trial.suggest_int("n_estimators", 10, 100, step=10),
            "criterion": trial.suggest_categorical("criterion", ["gini", "entropy", "log_loss"]),
            "max_depth": trial.suggest_int("max_depth", 2, 32, log=True),
            "min_samples_split": trial.suggest_int("min_samples_split", 2, 10),
            "min_samples_leaf": trial.suggest_int("min_samples_leaf", 1, 10),
            "max_features": trial.suggest_categorical("max_features", ["sqrt", "log2", None]),
            "bootstrap": trial.suggest_categorical("bootstrap", [True, False]),
        }

    def __call__(self, trial: optuna.trial.Trial) -> float:
        params = self._suggest(trial)
        clf = RandomForestClassifier(random_state=self.seed, **params)
        return cross_val_score(clf, self.X, self.y, cv=self.cv).mean()


if __name__ == "__main__":
    X, y = load_breast_cancer(return_X_y=True)
    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=42, n_startup_trials=10)
    )
    study.optimize(Objective(X, y), n_trials=60)
    print(f"best accuracy {study.best_value:.4f}")
    print(study.best_params)
