from hyperopt import hp

space = {
    "max_features": hp.pchoice("max_features_str", [(0.4, "sqrt"), (0.6, "log2")]),  # weighted
    "same": hp.pchoice("same", [(0.5, 1), (0.5, 2)]),
    "nested": {"x": hp.pchoice("x_label", [(0.2, {"a": hp.uniform("a", 0, 1)}), (0.8, "none")])},
}
