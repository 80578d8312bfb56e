"""
Optuna example that optimizes multi-layer perceptrons.

In this example, we optimize the validation accuracy of a synthetic classification task. We
optimize the neural network architecture as well as the optimizer configuration. The network
and its optimizers are written in NumPy (same structure as the usual ``torch.nn.Sequential`` of
Linear -> ReLU -> Dropout blocks) so that the example runs on a laptop in seconds.

"""

from itertools import pairwise

import numpy as np
import optuna
from optuna.trial import TrialState
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

BATCHSIZE = 64
CLASSES = 4
EPOCHS = 10
N_TRAIN_EXAMPLES = BATCHSIZE * 12
N_VALID_EXAMPLES = BATCHSIZE * 4
IN_FEATURES = 20


class MLP:
    """Linear -> ReLU -> Dropout blocks followed by a linear classifier head."""

    def __init__(self, sizes, dropouts, seed=0):
        self.rng = np.random.default_rng(seed)
        self.weights = [
            self.rng.normal(0.0, np.sqrt(2.0 / m), size=(m, n)) for m, n in pairwise(sizes)
        ]
        self.biases = [np.zeros(n) for n in sizes[1:]]
        self.dropouts = dropouts

    def parameters(self):
        return [p for pair in zip(self.weights, self.biases, strict=True) for p in pair]

    def forward(self, x, train=False):
        self._inputs, self._preacts, self._masks = [], [], []
        h = x
        last = len(self.weights) - 1
        for k, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            self._inputs.append(h)
            z = h @ w + b
            if k == last:
                return z
            h = np.maximum(z, 0.0)
            mask = np.ones_like(h)
            if train and self.dropouts[k] > 0:
                keep = 1.0 - self.dropouts[k]
                mask = (self.rng.random(h.shape) < keep) / keep
            self._preacts.append(z)
            self._masks.append(mask)
            h = h * mask

    def backward(self, grad):
        grads = []
        for k in reversed(range(len(self.weights))):
            grads.append(grad.sum(axis=0))
            grads.append(self._inputs[k].T @ grad)
            if k:
                grad = (grad @ self.weights[k].T) * self._masks[k - 1] * (self._preacts[k - 1] > 0)
        return grads[::-1]


class SGD:
    def __init__(self, params, lr):
        self.params, self.lr = params, lr

    def step(self, grads):
        for i, g in enumerate(grads):
            self.params[i] -= self.lr * g


class RMSprop:
    def __init__(self, params, lr, alpha=0.99, eps=1e-8):
        self.params, self.lr, self.alpha, self.eps = params, lr, alpha, eps
        self.square_avg = [np.zeros_like(p) for p in params]

    def step(self, grads):
        for i, g in enumerate(grads):
            self.square_avg[i] = self.alpha * self.square_avg[i] + (1 - self.alpha) * g * g
            self.params[i] -= self.lr * g / (np.sqrt(self.square_avg[i]) + self.eps)


class Adam:
    def __init__(self, params, lr, betas=(0.9, 0.999), eps=1e-8):
        self.params, self.lr, self.betas, self.eps = params, lr, betas, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads):
        self.t += 1
        b1, b2 = self.betas
        for i, g in enumerate(grads):
            self.m[i] = b1 * self.m[i] + (1 - b1) * g
            self.v[i] = b2 * self.v[i] + (1 - b2) * g * g
            m_hat = self.m[i] / (1 - b1**self.t)
            v_hat = self.v[i] / (1 - b2**self.t)
            self.params[i] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


optim = {"Adam": Adam, "RMSprop": RMSprop, "SGD": SGD}


def define_model(trial):
    # We optimize the number of layers, hidden units and dropout ratio in each layer.
    n_layers = trial.suggest_int("n_layers", 1, 3)
    sizes = [IN_FEATURES]
    dropouts = []

    for i in range(n_layers):
        out_features = trial.suggest_int(f"n_units_l{i}", 4, 128, log=True)
        sizes.append(out_features)
        p = trial.suggest_float(f"dropout_l{i}", 0.2, 0.5)
        dropouts.append(p)
    sizes.append(CLASSES)

    return MLP(sizes, dropouts)


def get_dataset():
    x, y = make_classification(
        n_samples=N_TRAIN_EXAMPLES + N_VALID_EXAMPLES,
        n_features=IN_FEATURES,
        n_informative=10,
        n_classes=CLASSES,
        random_state=0,
    )
    train_x, valid_x, train_y, valid_y = train_test_split(
        x, y, test_size=N_VALID_EXAMPLES, random_state=0
    )
    scaler = StandardScaler().fit(train_x)
    return scaler.transform(train_x), scaler.transform(valid_x), train_y, valid_y


def cross_entropy_grad(logits, target):
    logits = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    probs[np.arange(len(target)), target] -= 1.0
    return probs / len(target)


def objective(trial):
    # Generate the model.
    model = define_model(trial)

    # Generate the optimizers.
    optimizer_name = trial.suggest_categorical("optimizer", ["Adam", "RMSprop", "SGD"])
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    optimizer = optim[optimizer_name](model.parameters(), lr=lr)

    # Get the dataset.
    train_x, valid_x, train_y, valid_y = get_dataset()
    rng = np.random.default_rng(trial.number)

    # Training of the model.
    for epoch in range(EPOCHS):
        order = rng.permutation(len(train_x))
        for batch_idx in range(0, len(order), BATCHSIZE):
            idx = order[batch_idx : batch_idx + BATCHSIZE]
            output = model.forward(train_x[idx], train=True)
            grads = model.backward(cross_entropy_grad(output, train_y[idx]))
            optimizer.step(grads)

        # Validation of the model.
        pred = model.forward(valid_x).argmax(axis=1)
        accuracy = float((pred == valid_y).mean())

        trial.report(accuracy, epoch)

        # Handle pruning based on the intermediate value.
        if trial.should_prune():
            raise optuna.exceptions.TrialPruned()

    return accuracy


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=100, timeout=600)

    pruned_trials = study.get_trials(deepcopy=False, states=[TrialState.PRUNED])
    complete_trials = study.get_trials(deepcopy=False, states=[TrialState.COMPLETE])

    print("Study statistics: ")
    print("  Number of finished trials: ", len(study.trials))
    print("  Number of pruned trials: ", len(pruned_trials))
    print("  Number of complete trials: ", len(complete_trials))

    print("Best trial:")
    trial = study.best_trial

    print("  Value: ", trial.value)

    print("  Params: ")
    for key, value in trial.params.items():
        print(f"    {key}: {value}")
