from hyperopt import fmin, hp, rand


def objective(params):
    return params['x'] ** 2


space = {'x': hp.uniform('x', -10, 10)}
best = fmin(objective, space, algo=rand.suggest, max_evals=50)
