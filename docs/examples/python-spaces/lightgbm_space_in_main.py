# LightGBM on the credit-default data: a TPE search over the booster's knobs.
import logging
import sys

import lightgbm as lgb
import numpy as np
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from hyperopt.pyll.base import scope
from sklearn.datasets import fetch_openml
from sklearn.model_selection import cross_val_score

log = logging.getLogger("lgbm-search")


def objective(params):
    X, y = fetch_openml("credit-g", version=1, return_X_y=True, as_frame=False)
    model = lgb.LGBMClassifier(n_estimators=500, verbose=-1, **params)
    score = cross_val_score(model, X, y, cv=5, scoring="roc_auc").mean()
    return {"loss": 1.0 - score, "status": STATUS_OK}


def main():
    logging.basicConfig(stream=sys.stdout, level=logging.INFO)
    space = {
        "boosting_type": hp.choice("boosting_type", ["gbdt", "dart"]),
        "num_leaves": scope.int(hp.qloguniform("num_leaves", np.log(8), np.log(256), 1)),
        "learning_rate": hp.loguniform("learning_rate", np.log(0.005), np.log(0.2)),
        "min_child_samples": scope.int(hp.quniform("min_child_samples", 5, 100, 5)),
        "reg_alpha": hp.loguniform("reg_alpha", -8, 1),  # log-space bounds, as the docs show
        "reg_lambda": hp.loguniform("reg_lambda", -8, 1),
        "colsample_bytree": hp.uniform("colsample_bytree", 0.4, 1.0),
    }
    trials = Trials()
    best = fmin(objective, space, algo=tpe.suggest, max_evals=150, trials=trials)
    log.info("best params: %s", best)
    log.info("best loss: %.5f", min(trials.losses()))


if __name__ == "__main__":
    main()
