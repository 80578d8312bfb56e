from ray import tune


def train_fn(config):
    tune.report({"loss": config["lr"]})


space = {"lr": tune.loguniform(1e-4, 1e-1)}
trainable = tune.with_resources(train_fn, {"cpu": 12, "gpu": 1})
tuner = tune.Tuner(trainable, param_space=space)
