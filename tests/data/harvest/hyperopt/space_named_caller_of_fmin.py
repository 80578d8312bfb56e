from hyperopt import fmin, tpe, hp, space_eval


def invoke(space, X, n=20):
    best = fmin(fn=print, space=space, algo=tpe.suggest, max_evals=n)
    return space_eval(space, best)


def invoke_default_space(X, n=20):
    return invoke(get_space(), X, n)


def get_space():
    return hp.choice('kind', [{'x': hp.uniform('x', 0, 1)}, {'y': 1}])
