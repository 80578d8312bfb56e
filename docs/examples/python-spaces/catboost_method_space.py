"""CatBoost search as a class; the space is a method so that subclasses can widen it."""

import argparse
import logging

import numpy as np
from catboost import CatBoostClassifier, Pool
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from hyperopt.pyll import scope

logger = logging.getLogger(__name__)


class CatBoostSearch:
    """Hyperparameter search for a CatBoost model."""

    def __init__(self, train_path, valid_path, max_evals=50):
        self.train_path = train_path
        self.valid_path = valid_path
        self.max_evals = max_evals
        self.trials = Trials()

    def search_space(self):
        return {
            "depth": scope.int(hp.quniform("depth", 4, 10, 1)),
            "learning_rate": hp.loguniform("learning_rate", np.log(0.01), np.log(0.3)),
            "l2_leaf_reg": hp.uniform("l2_leaf_reg", 1, 10),
            "border_count": hp.choice("border_count", [32, 64, 128, 254]),
            "bootstrap_type": hp.choice("bootstrap_type", ["Bayesian", "Bernoulli", "MVS"]),
            "iterations": 2000,
            "od_type": "Iter",
            "od_wait": 100,
        }

    def objective(self, params):
        train, valid = Pool(self.train_path), Pool(self.valid_path)
        model = CatBoostClassifier(**params, verbose=False)
        model.fit(train, eval_set=valid)
        loss = model.get_best_score()["validation"]["Logloss"]
        logger.info("logloss %.5f", loss)
        return {"loss": loss, "status": STATUS_OK}

    def run(self):
        return fmin(
            fn=self.objective,
            space=self.search_space(),
            algo=tpe.suggest,
            max_evals=self.max_evals,
            trials=self.trials,
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default="train.tsv")
    parser.add_argument("--valid", default="valid.tsv")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    print(CatBoostSearch(args.train, args.valid).run())
