import optuna


def objective(trial):
    bagging_fraction = trial.suggest_float("bagging_fraction", 0.2, 0.95, step=0.1)
    return bagging_fraction


study = optuna.create_study()
study.optimize(objective, n_trials=10)
