"""Ray Tune config assembled from a base dict, with entries added as the project grew."""

from ray import tune

BATCH_SIZES = [32, 64, 128]
MAX_EPOCHS = 30

base_config = {
    "data_dir": "/datasets/imagenette",
    "max_epochs": MAX_EPOCHS,
    "num_workers": 4,
}

config = {
    **base_config,
    "lr": tune.loguniform(1e-4, 3e-2),
}
config["momentum"] = tune.uniform(0.5, 0.99)
config.update({"batch_size": tune.choice(BATCH_SIZES), "label_smoothing": tune.quniform(0.0, 0.2, 0.05)})
# config["mixup"] = tune.choice([True, False])


def train_fn(cfg):
    for epoch in range(cfg["max_epochs"]):
        tune.report({"top1": epoch / cfg["max_epochs"]})


if __name__ == "__main__":
    tune.Tuner(
        train_fn,
        param_space=config,
        tune_config=tune.TuneConfig(metric="top1", mode="max", num_samples=32),
    ).fit()
