"""k-nearest neighbours on iris; the data is passed to the objective through a lambda."""

import logging

import optuna
from sklearn.datasets import load_iris
from sklearn.model_selection import cross_val_score
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler

logger = logging.getLogger("knn_tuning")


def objective(trial: optuna.Trial, X, y) -> float:
    n_neighbors = trial.suggest_int("n_neighbors", 1, 30)
    weights = trial.suggest_categorical("weights", ["uniform", "distance"])
    p = trial.suggest_int("p", 1, 2)  # 1: manhattan, 2: euclidean
    leaf_size = trial.suggest_int("leaf_size", 10, 50, step=10)
    scaler = trial.suggest_categorical("scaler", ["standard", "minmax"])

    pipeline = Pipeline(
        [
            ("scale", StandardScaler() if scaler == "standard" else MinMaxScaler()),
            (
                "knn",
                KNeighborsClassifier(
                    n_neighbors=n_neighbors, weights=weights, p=p, leaf_size=leaf_size
                ),
            ),
        ]
    )
    return cross_val_score(pipeline, X, y, cv=5).mean()


def main():
    logging.basicConfig(level=logging.INFO)
    X, y = load_iris(return_X_y=True)

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=42))
    study.optimize(lambda trial: objective(trial, X, y), n_trials=50)

    logger.info("Best params: %s", study.best_params)
    logger.info("Best CV accuracy: %.3f", study.best_value)


if __name__ == "__main__":
    main()
