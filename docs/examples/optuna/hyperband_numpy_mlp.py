"""One-hidden-layer network in plain NumPy, tuned with Hyperband.

Each epoch is one unit of resource: Hyperband decides after 1, 3, 9, ... epochs which trials
keep training.
"""

import logging

import numpy as np
import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

logger = logging.getLogger(__name__)

MAX_EPOCHS = 100


def load_data():
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.3, random_state=0)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_valid), y_train, y_valid


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class Net:
    def __init__(self, n_in, n_hidden, activation, seed=0):
        rng = np.random.default_rng(seed)
        self.w1 = rng.normal(0.0, 1.0 / np.sqrt(n_in), size=(n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.w2 = rng.normal(0.0, 1.0 / np.sqrt(n_hidden), size=n_hidden)
        self.b2 = 0.0
        self.activation = activation

    def hidden(self, X):
        z = X @ self.w1 + self.b1
        return np.tanh(z) if self.activation == "tanh" else np.maximum(z, 0.0)

    def predict_proba(self, X):
        return sigmoid(self.hidden(X) @ self.w2 + self.b2)

    def gradients(self, X, y, weight_decay):
        h = self.hidden(X)
        err = (sigmoid(h @ self.w2 + self.b2) - y) / len(y)
        dh = np.outer(err, self.w2)
        dh *= (1.0 - h**2) if self.activation == "tanh" else (h > 0)
        return {
            "w1": X.T @ dh + weight_decay * self.w1,
            "b1": dh.sum(axis=0),
            "w2": h.T @ err + weight_decay * self.w2,
            "b2": err.sum(),
        }


def objective(trial):
    X_train, X_valid, y_train, y_valid = load_data()

    n_hidden = trial.suggest_int("n_hidden", 4, 64, step=2)  # width of the hidden layer
    activation = trial.suggest_categorical("activation", ["relu", "tanh"])
    lr = trial.suggest_float("lr", 1e-3, 1.0, log=True)
    momentum = trial.suggest_float("momentum", 0.0, 0.9, step=0.1)
    weight_decay = trial.suggest_float("weight_decay", 1e-6, 1e-2, log=True)
    batch_size = trial.suggest_int("batch_size", 16, 256, log=True)
    # dropout = trial.suggest_float("dropout", 0.0, 0.5)
    # n_hidden_2 = trial.suggest_int("n_hidden_2", 4, 64)  # a second layer did not help

    net = Net(X_train.shape[1], n_hidden, activation)
    velocity = {name: 0.0 for name in ("w1", "b1", "w2", "b2")}
    rng = np.random.default_rng(trial.number)

    for epoch in range(MAX_EPOCHS):
        order = rng.permutation(len(X_train))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            grads = net.gradients(X_train[idx], y_train[idx], weight_decay)
            for name, grad in grads.items():
                velocity[name] = momentum * velocity[name] - lr * grad
                setattr(net, name, getattr(net, name) + velocity[name])

        accuracy = float(((net.predict_proba(X_valid) > 0.5) == y_valid).mean())
        trial.report(accuracy, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()

    return accuracy


def main():
    logging.basicConfig(level=logging.INFO)
    study = optuna.create_study(
        direction="maximize",
        pruner=optuna.pruners.HyperbandPruner(
            min_resource=1, max_resource=MAX_EPOCHS, reduction_factor=3
        ),
    )
    study.optimize(objective, n_trials=60)

    pruned = study.get_trials(states=[optuna.trial.TrialState.PRUNED])
    logger.info("%d trials, %d pruned", len(study.trials), len(pruned))
    logger.info("best accuracy %.4f: %s", study.best_value, study.best_params)


if __name__ == "__main__":
    main()
