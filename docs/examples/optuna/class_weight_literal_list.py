import optuna
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_iris(return_X_y=True)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def objective(trial):
    # one weight per iris class: setosa, versicolor, virginica
    class_weight = {}
    for label in [0, 1, 2]:
        class_weight[label] = trial.suggest_float(f"class_weight_{label}", 0.5, 2.0)

    C = trial.suggest_float("C", 1e-3, 1e3, log=True)
    solver = trial.suggest_categorical("solver", ["lbfgs", "newton-cg", "saga"])
    fit_intercept = trial.suggest_categorical("fit_intercept", [True, False])

    clf = make_pipeline(
        StandardScaler(),
        LogisticRegression(
            C=C,
            solver=solver,
            fit_intercept=fit_intercept,
            class_weight=class_weight,
            max_iter=5000,
        ),
    )
    return cross_val_score(clf, X, y, cv=cv, scoring="f1_macro").mean()


study = optuna.create_study(direction="maximize")
study.optimize(objective, n_trials=100, n_jobs=2)
print(study.best_trial)
