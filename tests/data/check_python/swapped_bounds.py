from hyperopt import hp

space = {
    "lr": hp.loguniform("lr", -9, -2),
    "dropout": hp.uniform("dropout", 0.5, 0.1),  # oops: swapped
    "layers": hp.choice("layers", []),
}
