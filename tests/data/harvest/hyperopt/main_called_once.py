from hyperopt import fmin, hp, tpe


def objective(params):
    return params["x"] ** 2


def main(max_evals=100, high=5.0):
    space = {"x": hp.uniform("x", -high, high)}  # symmetric
    return fmin(objective, space, algo=tpe.suggest, max_evals=max_evals)


if __name__ == "__main__":
    main(max_evals=50, high=2.0)
