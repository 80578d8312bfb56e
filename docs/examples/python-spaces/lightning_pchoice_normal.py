"""PyTorch Lightning autoencoder; the space uses pchoice, normal and randint, inside a function."""

import argparse
import logging

import pytorch_lightning as pl
import torch
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from torch import nn

log = logging.getLogger(__name__)


class AutoEncoder(pl.LightningModule):
    def __init__(self, latent_dim, lr, weight_init_std):
        super().__init__()
        self.save_hyperparameters()
        self.encoder = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, latent_dim))
        self.decoder = nn.Sequential(nn.Linear(latent_dim, 128), nn.ReLU(), nn.Linear(128, 784))

    def training_step(self, batch, batch_idx):
        x, _ = batch
        x = x.view(x.size(0), -1)
        loss = nn.functional.mse_loss(self.decoder(self.encoder(x)), x)
        self.log("train_loss", loss)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hparams.lr)


def search_space():
    space = {
        "latent_dim": hp.pchoice("latent_dim", [(0.5, 8), (0.3, 16), (0.2, 32)]),
        "lr": hp.loguniform("lr", -9.2, -4.6),
        "weight_init_std": hp.normal("weight_init_std", 0.02, 0.005),
        "grad_clip": hp.qnormal("grad_clip", 1.0, 0.25, 0.25),
        "seed": hp.randint("seed", 1000),
        "accumulate": hp.uniformint("accumulate", 1, 4),
    }
    return space


def objective(params):
    pl.seed_everything(params.pop("seed"))
    clip, accumulate = params.pop("grad_clip"), params.pop("accumulate")
    model = AutoEncoder(**params)
    trainer = pl.Trainer(
        max_epochs=5, gradient_clip_val=clip, accumulate_grad_batches=accumulate, logger=False
    )
    trainer.fit(model)
    return {"loss": float(trainer.callback_metrics["train_loss"]), "status": STATUS_OK}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max-evals", type=int, default=40)
    args = parser.parse_args()
    trials = Trials()
    best = fmin(objective, search_space(), tpe.suggest, args.max_evals, trials=trials)
    log.info("best %s", best)


if __name__ == "__main__":
    main()
