import optuna
import xgboost as xgb


def objective(trial):
    param = {"eta": trial.suggest_float("eta", 1e-3, 1.0, log=True)}
    pruning_callback = optuna.integration.XGBoostPruningCallback(trial, "validation-auc")
    bst = xgb.train(param, None, evals=[], callbacks=[pruning_callback])
    return 0.0


if __name__ == "__main__":
    study = optuna.create_study(direction="maximize")
    study.optimize(objective, n_trials=20)
