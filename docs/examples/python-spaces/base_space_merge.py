"""XGBoost on top of the knobs every booster shares: the space is the common part plus its own."""

import numpy as np
import xgboost as xgb
from hyperopt import fmin, hp, tpe
from hyperopt.pyll import scope
from sklearn.model_selection import cross_val_score

COMMON = {
    "learning_rate": hp.loguniform("learning_rate", np.log(0.01), np.log(0.2)),
    "subsample": hp.uniform("subsample", 0.6, 1.0),
    "n_estimators": 400,
}

xgb_space = {
    **COMMON,
    "max_depth": scope.int(hp.quniform("max_depth", 3, 12, 1)),
    "gamma": hp.uniform("gamma", 0.0, 5.0),
    "booster": "gbtree",
}


def objective(params):
    X, y = np.load("X.npy"), np.load("y.npy")
    model = xgb.XGBClassifier(**params)
    return -cross_val_score(model, X, y, cv=3, scoring="roc_auc").mean()


if __name__ == "__main__":
    best = fmin(objective, space=xgb_space, algo=tpe.suggest, max_evals=75)
    print(best)
