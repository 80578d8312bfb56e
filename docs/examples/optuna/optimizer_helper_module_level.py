"""Logistic regression trained by hand in NumPy, with the optimizer settings tuned."""

import numpy as np
import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
X = StandardScaler().fit_transform(X)
rng = np.random.default_rng(0)
perm = rng.permutation(len(X))
train_idx, valid_idx = perm[:400], perm[400:]


def suggest_optimizer(trial: optuna.trial.Trial) -> dict:
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "momentum", "adam"])
    if optimizer == "sgd":
        return {"name": optimizer, "lr": trial.suggest_float("lr", 1e-3, 1.0, log=True)}
    elif optimizer == "momentum":
        return {
            "name": optimizer,
            "lr": trial.suggest_float("lr", 1e-3, 1.0, log=True),
            "momentum": trial.suggest_float("momentum", 0.5, 0.99),
            "nesterov": trial.suggest_categorical("nesterov", [True, False]),
        }
    else:
        return {
            "name": optimizer,
            "lr": trial.suggest_float("lr", 1e-4, 1e-1, log=True),
            "beta1": trial.suggest_float("beta1", 0.8, 0.99),
            "beta2": trial.suggest_categorical("beta2", [0.99, 0.999, 0.9999]),
        }


def suggest_regularization(trial: optuna.trial.Trial) -> float:
    return trial.suggest_float("l2", 1e-6, 1e-1, log=True)


def log_loss(w, b, X, y):
    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def objective(trial: optuna.trial.Trial) -> float:
    opt = suggest_optimizer(trial)
    l2 = suggest_regularization(trial)
    epochs = trial.suggest_int("epochs", 10, 100, log=True)

    w, b = np.zeros(X.shape[1]), 0.0
    m, v = np.zeros(X.shape[1] + 1), np.zeros(X.shape[1] + 1)
    Xt, yt = X[train_idx], y[train_idx]
    for step in range(1, epochs + 1):
        p = 1.0 / (1.0 + np.exp(-(Xt @ w + b)))
        grad = np.append(Xt.T @ (p - yt) / len(yt) + l2 * w, np.mean(p - yt))
        if opt["name"] == "sgd":
            update = opt["lr"] * grad
        elif opt["name"] == "momentum":
            m = opt["momentum"] * m + grad
            update = opt["lr"] * (grad + opt["momentum"] * m if opt["nesterov"] else m)
        else:
            m = opt["beta1"] * m + (1 - opt["beta1"]) * grad
            v = opt["beta2"] * v + (1 - opt["beta2"]) * grad**2
            m_hat = m / (1 - opt["beta1"] ** step)
            v_hat = v / (1 - opt["beta2"] ** step)
            update = opt["lr"] * m_hat / (np.sqrt(v_hat) + 1e-8)
        w, b = w - update[:-1], b - update[-1]

    return log_loss(w, b, X[valid_idx], y[valid_idx])


study = optuna.create_study(direction="minimize")
study.optimize(objective, n_trials=100)
print("best log loss", study.best_value)
print("best params", study.best_params)
