import optuna
from sklearn.linear_model import LogisticRegression


def objective(trial):
    penalty = trial.suggest_categorical("penalty", ["l1", "l2"])
    model = LogisticRegression(penalty=penalty, C=trial.suggest_float("C", 1e-5, 100, log=True)).fit(X, y)
    return model.score(X, y)


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=100)
