# domains put in a dict the function is given (from a user's script): "no `tune.*` domain is
# assigned" was said of it
from ray import tune


def ray_config_setup(params):
    params["hpo_lr"] = tune.qloguniform(params["lr_lo"], params["lr_hi"], 1e-5)
    params["hpo_batch_size"] = tune.choice(params["hpo_batch_size"])
    params.update(dropout=tune.uniform(0.0, 0.5))
    return params
