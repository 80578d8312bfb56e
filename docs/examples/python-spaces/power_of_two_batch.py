"""MNIST MLP in PyTorch: batch sizes are powers of two, drawn through their exponent."""

import logging

import torch
import torch.nn.functional as F
from hyperopt import STATUS_OK, fmin, hp, tpe
from hyperopt.pyll import scope
from torch import nn
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

logging.basicConfig(level=logging.INFO)
log = logging.getLogger(__name__)


class Net(nn.Module):
    def __init__(self, hidden, dropout):
        super().__init__()
        self.fc1 = nn.Linear(28 * 28, hidden)
        self.drop = nn.Dropout(dropout)
        self.fc2 = nn.Linear(hidden, 10)

    def forward(self, x):
        return self.fc2(self.drop(F.relu(self.fc1(x.flatten(1)))))


space = {
    "hidden": scope.int(hp.qloguniform("hidden", 5, 9, 1)),
    "dropout": hp.uniform("dropout", 0.0, 0.5),
    "lr": hp.loguniform("lr", -10, -2),
    "batch_size": 2 ** scope.int(hp.quniform("log2_batch_size", 4, 9, 1)),
}


def objective(params):
    data = datasets.MNIST("data", train=True, download=True, transform=transforms.ToTensor())
    loader = DataLoader(data, batch_size=params["batch_size"], shuffle=True)
    model = Net(params["hidden"], params["dropout"])
    opt = torch.optim.Adam(model.parameters(), lr=params["lr"])
    for x, y in loader:
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    log.info("loss %.4f with %s", loss.item(), params)
    return {"loss": loss.item(), "status": STATUS_OK}


if __name__ == "__main__":
    fmin(objective, space, algo=tpe.suggest, max_evals=30)
