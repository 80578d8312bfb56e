import sys
import optuna


def objective(trial):
    x = trial.suggest_float("x", -10, 10)
    return x ** 2


samplers = {"tpe": optuna.samplers.TPESampler, "random": optuna.samplers.RandomSampler}
study = optuna.create_study(sampler=samplers[sys.argv[1]]())
study.optimize(objective, n_trials=100)
