from ray import tune


def train(config):
    pass


config = {
    # Ray searches a grid only for a dict whose one key is grid_search: a group here
    "lr": {"grid_search": [0.1, 0.01], "note": "fixed"},
    # and runs the code of a one-key `eval` dict, as tune.sample_from
    "seed": {"eval": "spec.config.lr * 10"},
    "layers": tune.grid_search([2, 4]),
}
tune.run(train, config=config)
