from ray import tune

base = {
    "lr": tune.loguniform(1e-5, 1e-4),  # learning rate
    "gamma": tune.choice([0.9, 0.99]),
}
extra = {"batch": tune.choice([32, 64])}


def train(config):
    pass


search_space = dict(base)
tune.Tuner(train, param_space=search_space).fit()
