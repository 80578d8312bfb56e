"""SVM on the breast-cancer data. C is shifted by one so that it never gets tiny."""

from hyperopt import fmin, hp, tpe
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import StandardScaler
from sklearn.pipeline import make_pipeline
from sklearn.svm import SVC

space = {
    "C": 1 + hp.lognormal("C", 0, 1),
    "gamma": hp.loguniform("gamma", -9, 0),
    "kernel": hp.choice("kernel", ["rbf", "sigmoid"]),
    "tol": hp.choice("tol", [1e-4, 1e-3, 1e-2]),
    # "class_weight": hp.choice("class_weight", [None, "balanced"]),
}


def objective(params):
    X, y = load_breast_cancer(return_X_y=True)
    model = make_pipeline(StandardScaler(), SVC(**params))
    return 1 - cross_val_score(model, X, y, cv=5).mean()


if __name__ == "__main__":
    best = fmin(fn=objective, space=space, algo=tpe.suggest, max_evals=100)
    print(best)
