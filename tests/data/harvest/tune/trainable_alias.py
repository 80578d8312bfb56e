from ray import tune


def train_fn(config):
    tune.report({"loss": config["lr"]})


space = {"lr": tune.loguniform(1e-4, 1e-1)}
trainer = train_fn
wrapped = tune.with_resources(trainer, resources={"cpu": 2})
tuner = tune.Tuner(wrapped, param_space=space)
