import sys
from hyperopt import fmin, hp, tpe

if sys.argv[1] == "rf":
    space = {'max_features': hp.uniform('max_features', 0, 1)}
else:
    space = {'C': hp.uniform('C', -15, 15)}

best = fmin(print, space, algo=tpe.suggest, max_evals=10)
