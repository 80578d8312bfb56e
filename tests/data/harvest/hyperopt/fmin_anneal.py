import numpy as np
from hyperopt import anneal, fmin, hp


def objective(params):
    return params['x'] ** 2


space = {'x': hp.uniform('x', -10, 10)}
best = fmin(objective, space, algo=anneal.suggest, max_evals=50, rstate=np.random.default_rng(7))
