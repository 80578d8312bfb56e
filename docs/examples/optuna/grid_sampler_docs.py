"""Exhaustive search over a small SVM grid with GridSampler."""

import optuna
from optuna.samplers import GridSampler
from sklearn.datasets import load_iris
from sklearn.model_selection import cross_val_score
from sklearn.svm import SVC

X, y = load_iris(return_X_y=True)


def objective(trial):
    C = trial.suggest_float("C", 1e-2, 1e2, log=True)
    kernel = trial.suggest_categorical("kernel", ["linear", "rbf"])
    shrinking = trial.suggest_categorical("shrinking", [True, False])
    clf = SVC(C=C, kernel=kernel, shrinking=shrinking, gamma="scale")
    return cross_val_score(clf, X, y, cv=5).mean()


if __name__ == "__main__":
    search_space = {
        "C": [0.01, 0.1, 1.0, 10.0, 100.0],
        "kernel": ["linear", "rbf"],
        "shrinking": [True, False],
    }
    study = optuna.create_study(direction="maximize", sampler=GridSampler(search_space))
    study.optimize(objective)
    print(study.best_params, study.best_value)
