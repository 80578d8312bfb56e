from math import log
from hyperopt import hp

space = {
    'lr': hp.loguniform('lr', log(1e-5), log(1e-3)),
}
