"""Tune a gradient-boosted model with hyperopt's fmin."""

import numpy as np
from hyperopt import Trials, fmin, hp, tpe

from boosting import objective

space = {
    "learning_rate": hp.loguniform("learning_rate", np.log(1e-3), np.log(0.3)),
    "max_depth": hp.quniform("max_depth", 3, 12, 1),
    # "subsample": hp.uniform("subsample", 0.5, 1.0),
    "min_child_weight": hp.choice("min_child_weight", [1, 3, 5]),
}

trials = Trials()
best = fmin(
    fn=objective,
    space=space,
    algo=tpe.suggest,
    max_evals=200,
    timeout=3600,
    trials=trials,  # a Trials store: named, not carried
    rstate=np.random.default_rng(42),
)
