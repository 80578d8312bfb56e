"""A small Keras MLP on Fashion-MNIST; the objective unpacks a list of hyperparameters."""

import numpy as np
import tensorflow as tf
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from tensorflow import keras
from tensorflow.keras import layers

EPOCHS = 5

# units, dropout, learning rate, optimizer: in this order (see objective)
space = [
    hp.choice("units", [64, 128, 256, 512]),
    hp.uniform("dropout", 0.0, 0.5),
    hp.loguniform("lr", np.log(1e-4), np.log(1e-2)),
    hp.choice("optimizer", ["adam", "sgd", "rmsprop"]),
    # hp.choice("batch_norm", [True, False]),
]


def make_model(units, dropout):
    return keras.Sequential(
        [
            layers.Flatten(input_shape=(28, 28)),
            layers.Dense(units, activation="relu"),
            layers.Dropout(dropout),
            layers.Dense(10, activation="softmax"),
        ]
    )


def objective(params):
    units, dropout, lr, optimizer = params
    (x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
    model = make_model(int(units), dropout)
    opt = {"adam": tf.keras.optimizers.Adam, "sgd": tf.keras.optimizers.SGD}.get(
        optimizer, tf.keras.optimizers.RMSprop
    )(learning_rate=lr)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train / 255.0, y_train, epochs=EPOCHS, validation_split=0.1, verbose=0)
    return {"loss": -max(history.history["val_accuracy"]), "status": STATUS_OK}


if __name__ == "__main__":
    trials = Trials()
    best = fmin(objective, space, algo=tpe.suggest, max_evals=40, trials=trials)
    print("best:", best)
