"""SGD regression tuned with quasi-Monte Carlo sampling; poor runs are cut by PercentilePruner."""

import numpy as np
import optuna
from optuna.samplers import QMCSampler
from sklearn.datasets import make_regression
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

N_EPOCHS = 25

X, y = make_regression(n_samples=800, n_features=15, n_informative=10, noise=20.0, random_state=5)
y = (y - y.mean()) / y.std()
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=5)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)


def objective(trial):
    alpha = trial.suggest_float("alpha", 1e-7, 1e-1, log=True)
    eta0 = trial.suggest_float("eta0", 1e-4, 1e-1, log=True)
    power_t = trial.suggest_float("power_t", 0.1, 0.9)
    l1_ratio = trial.suggest_float("l1_ratio", 0.0, 1.0)
    epsilon = trial.suggest_float("epsilon", 0.01, 1.0, log=True)
    loss = trial.suggest_categorical("loss", ["squared_error", "huber", "epsilon_insensitive"])

    reg = SGDRegressor(
        loss=loss,
        penalty="elasticnet",
        alpha=alpha,
        l1_ratio=l1_ratio,
        epsilon=epsilon,
        learning_rate="invscaling",
        eta0=eta0,
        power_t=power_t,
        random_state=0,
    )
    for epoch in range(N_EPOCHS):
        reg.partial_fit(X_train, y_train)
        mse = mean_squared_error(y_test, reg.predict(X_test))
        trial.report(mse, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()
    return float(np.sqrt(mse))


if __name__ == "__main__":
    sampler = QMCSampler(qmc_type="halton", scramble=True, seed=0)
    study = optuna.create_study(
        direction="minimize", sampler=sampler, pruner=optuna.pruners.PercentilePruner(25.0)
    )
    study.optimize(objective, n_trials=64)
    print(f"best RMSE {study.best_value:.4f}")
    print(study.best_params)
