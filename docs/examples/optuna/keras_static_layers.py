"""Keras-style MLP with a fixed depth: three Dense blocks whose widths are tuned.

``MLPClassifier.partial_fit`` plays the part of ``model.fit(..., epochs=1)`` so that the
validation accuracy can be reported after every epoch.
"""

import numpy as np
import optuna
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

N_LAYERS = 3
EPOCHS = 10
CLASSES = 3

x, y = make_classification(
    n_samples=500, n_features=16, n_informative=8, n_classes=CLASSES, random_state=1
)
x_train, x_valid, y_train, y_valid = train_test_split(x, y, test_size=0.25, random_state=1)
scaler = StandardScaler().fit(x_train)
x_train, x_valid = scaler.transform(x_train), scaler.transform(x_valid)


def create_model(trial):
    # One Dense layer per block, widths tuned block by block.
    units = []
    for i in range(N_LAYERS):
        units.append(trial.suggest_int(f"units_{i}", 8, 64, step=8))

    activation = trial.suggest_categorical("activation", ["relu", "tanh"])
    # We compile our model with a sampled learning rate.
    learning_rate = trial.suggest_float("learning_rate", 1e-4, 1e-1, log=True)
    l2 = trial.suggest_float("l2", 1e-6, 1e-2, log=True)  # kernel_regularizer=l2(...)
    batch_size = trial.suggest_categorical("batch_size", [32, 64, 128])

    return MLPClassifier(
        hidden_layer_sizes=tuple(units),
        activation=activation,
        alpha=l2,
        batch_size=batch_size,
        learning_rate_init=learning_rate,
        random_state=0,
    )


def objective(trial):
    model = create_model(trial)
    classes = np.unique(y_train)
    for epoch in range(EPOCHS):
        model.partial_fit(x_train, y_train, classes=classes)
        val_accuracy = model.score(x_valid, y_valid)
        trial.report(val_accuracy, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return val_accuracy


if __name__ == "__main__":
    study = optuna.create_study(
        direction="maximize", pruner=optuna.pruners.MedianPruner(n_warmup_steps=5)
    )
    study.optimize(objective, n_trials=100)
    print("Best trial:", study.best_trial.number)
    print("  Value:", study.best_value)
    for key, value in study.best_params.items():
        print(f"    {key}: {value}")
