from hyperopt import fmin, hp, tpe


def objective(params):
    return params['x'] ** 2


space = {'x': hp.uniform('x', -10, 10)}
algo = tpe.suggest
best = fmin(objective, space, algo=algo, max_evals=10)
