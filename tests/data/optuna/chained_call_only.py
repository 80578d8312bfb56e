import optuna
from sklearn.ensemble import RandomForestClassifier as RF
from sklearn.model_selection import cross_val_score


def objective(trial):
    # the only suggest is inside a call that has a method chained on it
    return cross_val_score(RF(n_estimators=trial.suggest_int("n_estimators", 10, 100)), X, y).mean()


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=100)
