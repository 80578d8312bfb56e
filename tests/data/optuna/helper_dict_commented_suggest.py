import optuna


def objective(trial):
    params = tuner(trial)
    return params['eta']


def tuner(trial):
    params = {
        'eta': trial.suggest_float('eta', 0.007, 0.5, log=True),
        'subsample': trial.suggest_float('subsample', 0.5, 1.0)
        # 'rate_drop': trial.suggest_float('rate_drop', 0.1, 1.0),
        }
    return params


if __name__ == "__main__":
    study = optuna.create_study()
    study.optimize(objective, n_trials=20)
