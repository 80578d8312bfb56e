"""Random-forest search wrapped in a class; the depth limit is a constructor argument."""

import argparse

import numpy as np
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from hyperopt.pyll import scope
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import cross_val_score


class ForestTuner:
    def __init__(self, data_dir, max_depth=12, n_jobs=-1):
        self.data_dir = data_dir
        self.max_depth = max_depth
        self.n_jobs = n_jobs
        self.trials = Trials()
        self.space = {
            "n_estimators": scope.int(hp.quniform("n_estimators", 100, 1000, 50)),
            "max_depth": scope.int(hp.quniform("max_depth", 2, self.max_depth, 1)),
            "max_features": hp.choice("max_features", ["sqrt", "log2", None]),
            "min_samples_leaf": hp.choice("min_samples_leaf", [1, 2, 4, 8]),
            "n_jobs": self.n_jobs,
        }

    def load(self):
        data = np.load(f"{self.data_dir}/train.npz")
        return data["X"], data["y"]

    def objective(self, params):
        X, y = self.load()
        clf = RandomForestClassifier(random_state=0, **params)
        score = cross_val_score(clf, X, y, cv=4, scoring="f1_macro").mean()
        return {"loss": -score, "status": STATUS_OK}

    def run(self, max_evals):
        return fmin(
            self.objective, self.space, algo=tpe.suggest, max_evals=max_evals, trials=self.trials
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", nargs="?", default="data")
    parser.add_argument("--max-evals", type=int, default=75)
    args = parser.parse_args()
    print(ForestTuner(args.data_dir).run(args.max_evals))
