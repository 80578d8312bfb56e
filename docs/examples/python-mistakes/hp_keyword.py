"""`q` is no argument of hp.uniform (that is hp.quniform): hyperopt raises TypeError."""

from hyperopt import hp

space = {
    "lr": hp.loguniform("lr", -9, -2),
    "dropout": hp.uniform("dropout", 0.1, 0.5, q=0.1),
}
