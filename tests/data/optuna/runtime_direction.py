import sys
import optuna


def objective(trial):
    return trial.suggest_float("x", 0, 1)


if __name__ == "__main__":
    direction = sys.argv[1]
    study = optuna.create_study(direction=direction)
    study.optimize(objective, n_trials=10)
