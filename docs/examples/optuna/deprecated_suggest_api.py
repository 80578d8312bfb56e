"""Tune an elastic-net SGD classifier on breast cancer (written against Optuna 1.x)."""

import optuna
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)


def objective(t):
    alpha = t.suggest_loguniform("alpha", 1e-6, 1e-1)
    l1_ratio = t.suggest_uniform("l1_ratio", 0.0, 1.0)
    eta0 = t.suggest_discrete_uniform("eta0", 0.05, 0.5, 0.05)
    max_iter = t.suggest_int("max_iter", 5, 50)
    learning_rate = t.suggest_categorical(
        "learning_rate", ["constant", "optimal", "invscaling", "adaptive"]
    )
    loss = t.suggest_categorical("loss", ["hinge", "log_loss", "modified_huber"])

    clf = make_pipeline(
        StandardScaler(),
        SGDClassifier(
            loss=loss,
            penalty="elasticnet",
            alpha=alpha,
            l1_ratio=l1_ratio,
            learning_rate=learning_rate,
            eta0=eta0,
            max_iter=max_iter,
            tol=None,
            random_state=0,
        ),
    )
    return cross_val_score(clf, X, y, cv=5, scoring="accuracy").mean()


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=100)

    print("Number of finished trials:", len(study.trials))
    print("Best trial:", study.best_trial.params)
    print("Best accuracy:", study.best_value)
