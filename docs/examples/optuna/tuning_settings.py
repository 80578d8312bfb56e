"""Search-space settings shared by the team's tuning scripts."""

# MLPClassifier solvers that support partial_fit
OPTIMIZERS = ["adam", "sgd"]
BATCH_SIZES = [8, 16, 32, 64]
EPOCHS = 20
