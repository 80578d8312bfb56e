"""Blend three fitted classifiers; Optuna searches the blending weights and the threshold."""

import numpy as np
import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.3, random_state=0)

models = [
    make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    RandomForestClassifier(n_estimators=50, random_state=0),
    make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15)),
]
probas = np.column_stack(
    [model.fit(X_train, y_train).predict_proba(X_valid)[:, 1] for model in models]
)


def objective(trial):
    weights = []
    for i in range(3):
        weights.append(trial.suggest_float(f"w{i}", 0, 1))
    weights = np.asarray(weights)
    if weights.sum() == 0:
        weights = np.ones_like(weights)
    blended = probas @ (weights / weights.sum())

    threshold = trial.suggest_float("threshold", 0.3, 0.7, step=0.05)
    return f1_score(y_valid, blended > threshold)


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=0))
    study.optimize(objective, n_trials=300)
    print("F1:", study.best_value)
    print("weights and threshold:", study.best_params)
