"""The space of the detector fine-tuning; tune.py imports get_space() and runs fmin itself."""

import numpy as np
from hyperopt import hp
from hyperopt.pyll import scope

# anchors tried in the last round: 3 sizes was always best
# ANCHOR_SIZES = [(16, 32, 64), (32, 64, 128)]


def get_space():
    return {
        "backbone": hp.choice("backbone", ["resnet50", "resnet101", "mobilenet_v3"]),
        "lr": hp.loguniform("lr", np.log(1e-5), np.log(1e-2)),
        "box_score_thresh": hp.uniform("box_score_thresh", 0.01, 0.2),
        "rpn_batch_size": scope.int(hp.quniform("rpn_batch_size", 128, 512, 128)),
        "trainable_layers": hp.randint("trainable_layers", 0, 6),
    }
