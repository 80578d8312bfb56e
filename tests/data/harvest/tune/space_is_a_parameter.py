# the space tune.run is given is a parameter (from a user's script): "no `tune.*` domain is
# given to `Tuner`/`tune.run`" was said of it
from ray import tune


def hyper_parameter_selection(config, train_fn, train_name):
    return tune.run(train_fn, config=config, name=train_name, metric="acc", mode="max")
