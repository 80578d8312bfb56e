from functools import partial

from hyperopt import fmin, hp, tpe


def objective(params):
    return params['x'] ** 2


space = {'x': hp.uniform('x', -10, 10)}
algo = partial(tpe.suggest, n_startup_jobs=5, n_EI_candidates=48)
best = fmin(objective, space, algo=algo, max_evals=10)
