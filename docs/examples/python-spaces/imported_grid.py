"""Text classifier with transformers; the candidate values live in the team's settings module."""

import logging

import torch
from hyperopt import STATUS_OK, fmin, hp, tpe
from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments

from sweep_settings import BATCH_SIZES, LEARNING_RATES

logger = logging.getLogger(__name__)
MODEL_NAME = "distilbert-base-uncased"

space = {
    "learning_rate": hp.choice("learning_rate", LEARNING_RATES),
    "per_device_train_batch_size": hp.choice("per_device_train_batch_size", BATCH_SIZES),
    "warmup_ratio": hp.uniform("warmup_ratio", 0.0, 0.2),
    "weight_decay": hp.choice("weight_decay", [0.0, 0.01, 0.1]),
    "num_train_epochs": 3,
}


def objective(params):
    model = AutoModelForSequenceClassification.from_pretrained(MODEL_NAME, num_labels=2)
    args = TrainingArguments(output_dir="runs", evaluation_strategy="epoch", **params)
    trainer = Trainer(model=model, args=args)
    trainer.train()
    metrics = trainer.evaluate()
    torch.cuda.empty_cache()
    return {"loss": metrics["eval_loss"], "status": STATUS_OK}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    best = fmin(objective, space, algo=tpe.suggest, max_evals=20)
    logger.info("best %s", best)
