"""Ray Tune sweep whose learning-rate floor and epoch count come from the command line."""

import argparse

from ray import tune
from ray.tune.schedulers import ASHAScheduler


def train_fn(config):
    for epoch in range(config["epochs"]):
        tune.report({"val_acc": epoch * config["lr"]})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lr-min", type=float, default=1e-5)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--samples", type=int, default=16)
    args = parser.parse_args()

    config = {
        "lr": tune.loguniform(args.lr_min, 1e-1),
        "epochs": args.epochs,
        "batch_size": tune.choice([64, 128, 256]),
        "dropout": tune.quniform(0.0, 0.5, 0.05),
    }
    tuner = tune.Tuner(
        train_fn,
        param_space=config,
        tune_config=tune.TuneConfig(
            metric="val_acc", mode="max", num_samples=args.samples, scheduler=ASHAScheduler()
        ),
    )
    tuner.fit()


if __name__ == "__main__":
    main()
