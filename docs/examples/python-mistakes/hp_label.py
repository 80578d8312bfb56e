"""A space whose labels were built from numbers: hyperopt refuses them (TypeError)."""

from hyperopt import hp

space = {
    "lr": hp.loguniform("lr", -9, -2),
    "layers": hp.choice(3, [1, 2, 3]),
}
