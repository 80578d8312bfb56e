from ray import tune

base = {
    "lr": tune.loguniform(1e-4, 1e-1),  # learning rate
    # "epochs": 1,  # debug
    "epochs": 15,  # default
}


def train(config):
    pass


space = base.copy()
tune.run(train, config=space)
