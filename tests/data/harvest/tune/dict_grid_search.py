from ray import tune


def train(config):
    pass


config = {
    "lr": {"grid_search": [0.1, 0.01]},   # same object tune.grid_search() returns
    "layers": tune.grid_search([2, 4]),
}
tune.run(train, config=config)
