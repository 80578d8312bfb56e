"""Experiment settings as a class, the search space one of its attributes."""

from hyperopt import Trials, fmin, hp, tpe
from sklearn.datasets import load_wine
from sklearn.ensemble import ExtraTreesClassifier
from sklearn.model_selection import cross_val_score


class Config:
    SEED = 7
    MAX_EVALS = 120
    CV_FOLDS = 5
    SPACE = {
        "n_estimators": hp.choice("n_estimators", [100, 200, 400, 800]),
        "max_features": hp.uniform("max_features", 0.1, 1.0),
        "min_samples_split": hp.quniform("min_samples_split", 2, 20, 2),
        "bootstrap": hp.choice("bootstrap", [True, False]),
        "criterion": "gini",
    }


def objective(params):
    params = dict(params, min_samples_split=int(params["min_samples_split"]))
    X, y = load_wine(return_X_y=True)
    model = ExtraTreesClassifier(random_state=Config.SEED, **params)
    return -cross_val_score(model, X, y, cv=Config.CV_FOLDS).mean()


if __name__ == "__main__":
    trials = Trials()
    best = fmin(objective, Config.SPACE, algo=tpe.suggest, max_evals=Config.MAX_EVALS, trials=trials)
    print(best)
