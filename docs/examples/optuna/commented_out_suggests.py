"""PCA + SVM pipeline on breast cancer.

Notes from earlier sweeps:

- whitening never helped, so it is off;
- the polynomial kernel was slow and no better than rbf, e.g. with
  ``kernel = trial.suggest_categorical("kernel", ["rbf", "poly"])``.
"""

import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = load_breast_cancer(return_X_y=True)


def objective(trial):
    # --- dimensionality reduction ---
    n_components = trial.suggest_int("n_components", 2, 20)  # the data has 30 features
    # whiten = trial.suggest_categorical("whiten", [True, False])
    whiten = False

    # --- classifier ---
    # C over six decades; the best runs so far sat between 1 and 100
    C = trial.suggest_float("C", 1e-3, 1e3, log=True)
    gamma = trial.suggest_float(
        "gamma",
        1e-4,  # very smooth decision boundary
        1e0,  # very wiggly one
        log=True,
    )
    # kernel = trial.suggest_categorical("kernel", ["rbf", "poly", "sigmoid"])
    kernel = "rbf"  # trial.suggest_categorical("kernel", ["rbf", "sigmoid"])
    shrinking = trial.suggest_categorical(  # rarely matters, kept for completeness
        "shrinking", [True, False]
    )
    # tol = trial.suggest_float("tol", 1e-5, 1e-2, log=True)

    pipeline = Pipeline(
        [
            ("scale", StandardScaler()),
            ("pca", PCA(n_components=n_components, whiten=whiten)),
            ("svm", SVC(C=C, gamma=gamma, kernel=kernel, shrinking=shrinking)),
        ]
    )
    return cross_val_score(pipeline, X, y, cv=5).mean()


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")  # accuracy
    # study.optimize(objective, n_trials=20)  # quick check
    study.optimize(objective, n_trials=100)
    print(study.best_params)
