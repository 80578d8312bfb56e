"""A Keras MLP with one width and one dropout per layer; labels are made with f-strings."""

import numpy as np
from hyperopt import STATUS_OK, fmin, hp, tpe
from keras import Sequential, layers

N_LAYERS = 3
WIDTHS = [32, 64, 128, 256]

space = {
    "lr": hp.loguniform("lr", np.log(1e-4), np.log(1e-2)),
    **{f"units_l{i}": hp.choice(f"units_l{i}", WIDTHS) for i in range(N_LAYERS)},
    **{f"dropout_l{i}": hp.uniform(f"dropout_l{i}", 0.0, 0.5) for i in range(N_LAYERS)},
}


def objective(params):
    model = Sequential()
    for i in range(N_LAYERS):
        model.add(layers.Dense(params[f"units_l{i}"], activation="relu"))
        model.add(layers.Dropout(params[f"dropout_l{i}"]))
    model.add(layers.Dense(1))
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(np.load("X.npy"), np.load("y.npy"), epochs=20, verbose=0)
    return {"loss": history.history["loss"][-1], "status": STATUS_OK}


if __name__ == "__main__":
    print(fmin(objective, space, algo=tpe.suggest, max_evals=60))
