"""Wrapper feature selection: Optuna switches each input column on or off."""

import numpy as np
import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

data = load_breast_cancer()
X, y = data.data, data.target


def objective(trial):
    selected = []
    for j in range(X.shape[1]):
        if trial.suggest_categorical(f"use_feature_{j}", [True, False]):
            selected.append(j)
    if not selected:
        raise optuna.TrialPruned("no feature selected")

    C = trial.suggest_float("C", 1e-3, 1e2, log=True)
    class_weight = trial.suggest_categorical("class_weight", [None, "balanced"])

    model = make_pipeline(
        StandardScaler(), LogisticRegression(C=C, class_weight=class_weight, max_iter=1000)
    )
    score = cross_val_score(model, X[:, selected], y, cv=5, scoring="roc_auc").mean()
    # prefer small subsets when the scores are close
    return score - 0.001 * len(selected)


if __name__ == "__main__":
    study = optuna.create_study(
        direction="maximize", sampler=optuna.samplers.TPESampler(seed=42, multivariate=True)
    )
    study.optimize(objective, n_trials=200)

    best = study.best_params
    chosen = [data.feature_names[j] for j in range(X.shape[1]) if best[f"use_feature_{j}"]]
    print(f"{len(chosen)} features:", ", ".join(chosen))
    print("C =", best["C"], "class_weight =", best["class_weight"])
    print("objective:", np.round(study.best_value, 4))
