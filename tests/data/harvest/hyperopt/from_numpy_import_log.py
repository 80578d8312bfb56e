from numpy import log as ln
from hyperopt import hp

space = {
    'lr': hp.loguniform('lr', ln(1e-5), ln(1e-3)),
}
