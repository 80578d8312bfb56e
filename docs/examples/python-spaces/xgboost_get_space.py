"""Tune an XGBoost churn classifier with hyperopt.

    python xgboost_get_space.py --data data/churn.csv --max-evals 200
"""

import argparse
import functools
import logging

import numpy as np
import xgboost as xgb
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from hyperopt.pyll import scope
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

logger = logging.getLogger(__name__)

SEED = 2024


def get_space():
    """The search space; a function, so that the notebooks can import it."""
    return {
        "max_depth": scope.int(hp.quniform("max_depth", 3, 10, 1)),
        "learning_rate": hp.loguniform("learning_rate", np.log(0.01), np.log(0.3)),
        "subsample": hp.uniform("subsample", 0.5, 1.0),
        "colsample_bytree": hp.uniform("colsample_bytree", 0.5, 1.0),
        # "gamma": hp.uniform("gamma", 0, 5),  # never helped
        "min_child_weight": hp.quniform("min_child_weight", 1, 10, 1),
        "objective": "binary:logistic",
        "eval_metric": "auc",
    }


@functools.lru_cache(maxsize=None)
def load_data(path):
    import pandas as pd

    df = pd.read_csv(path)
    y = df.pop("churned").to_numpy()
    return train_test_split(df.to_numpy(), y, test_size=0.2, random_state=SEED)


def objective(params, data_path):
    X_train, X_val, y_train, y_val = load_data(data_path)
    dtrain = xgb.DMatrix(X_train, label=y_train)
    dval = xgb.DMatrix(X_val, label=y_val)
    booster = xgb.train(
        params,
        dtrain,
        num_boost_round=1000,
        evals=[(dval, "val")],
        early_stopping_rounds=50,
        verbose_eval=False,
    )
    auc = roc_auc_score(y_val, booster.predict(dval))
    logger.info("auc=%.4f %s", auc, params)
    return {"loss": -auc, "status": STATUS_OK, "best_iteration": booster.best_iteration}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="data/churn.csv")
    parser.add_argument("--max-evals", type=int, default=100)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    trials = Trials()
    best = fmin(
        fn=functools.partial(objective, data_path=args.data),
        space=get_space(),
        algo=tpe.suggest,
        max_evals=args.max_evals,
        trials=trials,
        rstate=np.random.default_rng(SEED),
    )
    logger.info("best: %s", best)


if __name__ == "__main__":
    main()
