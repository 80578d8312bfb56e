"""An experiment class whose search_space() method gives the Ray Tune param_space."""

import logging

import pytorch_lightning as pl
from ray import tune

logger = logging.getLogger(__name__)


class LitClassifier(pl.LightningModule):
    def __init__(self, config):
        super().__init__()
        self.save_hyperparameters(config)


class Experiment:
    name = "lit-classifier"

    def search_space(self):
        return {
            "hidden_dim": tune.choice([64, 128, 256]),
            "lr": tune.loguniform(1e-4, 1e-2),
            "dropout": tune.uniform(0.0, 0.5),
            "max_epochs": 15,
        }

    @staticmethod
    def trainable(config):
        model = LitClassifier(config)
        trainer = pl.Trainer(max_epochs=config["max_epochs"], enable_progress_bar=False)
        trainer.fit(model)
        tune.report({"val_loss": float(trainer.callback_metrics["val_loss"])})

    def run(self):
        tuner = tune.Tuner(
            self.trainable,
            param_space=self.search_space(),
            tune_config=tune.TuneConfig(metric="val_loss", mode="min", num_samples=24),
            run_config=tune.RunConfig(name=self.name),
        )
        return tuner.fit()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    Experiment().run()
