"""Spaces for the three boosters of the benchmark. Pick one with `--space` when converting."""

import numpy as np
from hyperopt import hp
from hyperopt.pyll import scope

XGB_SPACE = {
    "max_depth": scope.int(hp.quniform("xgb_max_depth", 3, 10, 1)),
    "eta": hp.loguniform("xgb_eta", np.log(0.01), np.log(0.3)),
    "subsample": hp.uniform("xgb_subsample", 0.5, 1.0),
}

LGBM_SPACE = {
    "num_leaves": scope.int(hp.quniform("lgbm_num_leaves", 16, 256, 16)),
    "learning_rate": hp.loguniform("lgbm_learning_rate", np.log(0.01), np.log(0.3)),
    "feature_fraction": hp.uniform("lgbm_feature_fraction", 0.5, 1.0),
    "objective": "binary",
}

CATBOOST_SPACE = {
    "depth": hp.randint("cb_depth", 4, 11),
    "learning_rate": hp.loguniform("cb_learning_rate", np.log(0.01), np.log(0.3)),
    # "random_strength": hp.uniform("cb_random_strength", 0, 10),
}
