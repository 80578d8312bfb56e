"""Online SGD classifier trained epoch by epoch; unpromising trials are stopped early."""

import numpy as np
import optuna
from sklearn.datasets import make_classification
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

N_EPOCHS = 30

X, y = make_classification(n_samples=1000, n_features=20, n_informative=8, random_state=3)
X_train, X_valid, y_train, y_valid = train_test_split(X, y, random_state=3)
scaler = StandardScaler().fit(X_train)
X_train, X_valid = scaler.transform(X_train), scaler.transform(X_valid)
classes = np.unique(y)


def objective(trial_):
    loss = trial_.suggest_categorical("loss", ["hinge", "log_loss", "modified_huber"])
    penalty = trial_.suggest_categorical("penalty", ["l2", "l1", "elasticnet", None])
    alpha = trial_.suggest_float("alpha", 1e-6, 1e-1, log=True)
    l1_ratio = trial_.suggest_categorical("l1_ratio", [0.15, 0.5, 0.85])  # used by elasticnet
    fit_intercept = trial_.suggest_categorical("fit_intercept", [True, False])
    batch_size = trial_.suggest_categorical("batch_size", [32, 64, 128, 256])

    clf = SGDClassifier(
        loss=loss,
        penalty=penalty,
        alpha=alpha,
        l1_ratio=l1_ratio,
        fit_intercept=fit_intercept,
        random_state=0,
    )
    rng = np.random.default_rng(0)
    for epoch in range(N_EPOCHS):
        order = rng.permutation(len(X_train))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            clf.partial_fit(X_train[idx], y_train[idx], classes=classes)

        score = clf.score(X_valid, y_valid)
        trial_.report(score, epoch)
        if trial_.should_prune():
            raise optuna.TrialPruned()

    return score


if __name__ == "__main__":
    study = optuna.create_study(
        direction="maximize", pruner=optuna.pruners.SuccessiveHalvingPruner()
    )
    study.optimize(objective, n_trials=100)

    print("Number of finished trials:", len(study.trials))
    print("Best trial:", study.best_trial.params)
