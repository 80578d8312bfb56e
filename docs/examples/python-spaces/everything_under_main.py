#!/usr/bin/env python
# A CNN on CIFAR-10 in Keras; the whole search sits under the main guard, as in the tutorial.
import argparse

import numpy as np
import tensorflow as tf
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe


def build_model(params):
    model = tf.keras.Sequential()
    for _ in range(params["conv_blocks"]):
        model.add(tf.keras.layers.Conv2D(params["filters"], 3, activation="relu", padding="same"))
        model.add(tf.keras.layers.MaxPooling2D())
    model.add(tf.keras.layers.Flatten())
    model.add(tf.keras.layers.Dense(params["dense"]["units"], activation="relu"))
    model.add(tf.keras.layers.Dropout(params["dense"]["dropout"]))
    model.add(tf.keras.layers.Dense(10))
    return model


def objective(params):
    (x, y), (x_val, y_val) = tf.keras.datasets.cifar10.load_data()
    model = build_model(params)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(params["lr"]),
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(x / 255.0, y, epochs=10, batch_size=params["batch_size"], verbose=0)
    _, accuracy = model.evaluate(x_val / 255.0, y_val, verbose=0)
    return {"loss": -accuracy, "status": STATUS_OK}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--evals", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    search_space = {
        "conv_blocks": hp.choice("conv_blocks", [1, 2, 3]),
        "filters": hp.choice("filters", [32, 64, 128]),
        "dense": {
            "units": hp.choice("dense_units", [128, 256]),
            "dropout": hp.quniform("dense_dropout", 0.0, 0.6, 0.1),
        },
        "lr": hp.loguniform("lr", np.log(3e-5), np.log(3e-3)),
        "batch_size": 64,  # fixed: the GPU holds no more
    }

    trials = Trials()
    best = fmin(
        objective,
        search_space,
        algo=tpe.suggest,
        max_evals=args.evals,
        trials=trials,
        rstate=np.random.default_rng(args.seed),
    )
    print("Best:", best)
