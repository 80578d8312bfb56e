"""MLP on iris; the optimizer and batch-size candidates come from the shared settings module."""

import numpy as np
import optuna
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler
from tuning_settings import BATCH_SIZES, EPOCHS, OPTIMIZERS

X, y = load_iris(return_X_y=True)
X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_val = scaler.transform(X_train), scaler.transform(X_val)


def objective(trial):
    solver = trial.suggest_categorical("optimizer", OPTIMIZERS)
    batch_size = trial.suggest_categorical("batch_size", BATCH_SIZES)
    hidden = trial.suggest_int("hidden_units", 8, 64, log=True)
    lr = trial.suggest_float("learning_rate_init", 1e-4, 1e-1, log=True)
    alpha = trial.suggest_float("alpha", 1e-6, 1e-2, log=True)

    model = MLPClassifier(
        hidden_layer_sizes=(hidden,),
        solver=solver,
        batch_size=batch_size,
        learning_rate_init=lr,
        alpha=alpha,
        random_state=0,
    )
    classes = np.unique(y_train)
    for epoch in range(EPOCHS):
        model.partial_fit(X_train, y_train, classes=classes)
        accuracy = model.score(X_val, y_val)
        trial.report(accuracy, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return accuracy


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=50)
    print("best:", study.best_params, study.best_value)
