import optuna
from helpers import generate_range


def objective(trial):
    C = trial.suggest_float("C", 0.05, 5.05, step=0.05)
    k = trial.suggest_categorical("kernel", ["rbf", "linear"])
    return C


if __name__ == "__main__":
    search_space = {"C": generate_range(0.05, 5.0, 0.05), "kernel": ["rbf", "linear"]}
    study = optuna.create_study(sampler=optuna.samplers.GridSampler(search_space))
    study.optimize(objective)
