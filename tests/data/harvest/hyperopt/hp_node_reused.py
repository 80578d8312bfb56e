from hyperopt import hp, fmin, tpe

contamination = hp.choice('contamination', [0.5, 0.4, 0.3])
space = {
    'a': {'c': contamination},
    'b': {'c': contamination},
}
best = fmin(print, space, algo=tpe.suggest, max_evals=5)
