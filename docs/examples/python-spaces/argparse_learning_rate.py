"""Fine-tune a ResNet-18 on CIFAR-10; the learning-rate range comes from the command line."""

import argparse
import logging

import numpy as np
import torch
import torch.nn as nn
import torchvision
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe

logger = logging.getLogger(__name__)
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--min-lr", type=float, default=1e-5)
    parser.add_argument("--max-lr", type=float, default=1e-1)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--max-evals", type=int, default=30)
    parser.add_argument("--data-dir", default="./data")
    return parser.parse_args()


def train_and_evaluate(params, data_dir):
    model = torchvision.models.resnet18(num_classes=10).to(DEVICE)
    optimizer_cls = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW}.get(
        params["optimizer"], torch.optim.SGD
    )
    optimizer = optimizer_cls(
        model.parameters(), lr=params["lr"], weight_decay=params["weight_decay"]
    )
    loss_fn = nn.CrossEntropyLoss()
    dataset = torchvision.datasets.CIFAR10(data_dir, download=True)
    loader = torch.utils.data.DataLoader(dataset, batch_size=params["batch_size"])
    for _ in range(params["epochs"]):
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x.to(DEVICE)), y.to(DEVICE))
            loss.backward()
            optimizer.step()
    return float(loss)


def main():
    args = parse_args()
    logging.basicConfig(level=logging.INFO)
    space = {
        "lr": hp.loguniform("lr", np.log(args.min_lr), np.log(args.max_lr)),
        "weight_decay": hp.loguniform("weight_decay", np.log(1e-6), np.log(1e-3)),
        "batch_size": hp.choice("batch_size", [32, 64, 128]),
        "epochs": args.epochs,
        "optimizer": hp.choice("optimizer", ["adam", "adamw", "sgd"]),
    }

    def objective(params):
        return {"loss": train_and_evaluate(params, args.data_dir), "status": STATUS_OK}

    best = fmin(objective, space, algo=tpe.suggest, max_evals=args.max_evals, trials=Trials())
    logger.info("best: %s", best)


if __name__ == "__main__":
    main()
