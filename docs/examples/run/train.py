"""A toy training script, as W&B runs it: `python train.py --width=... --height=...`.

It writes its final metrics as JSON to the file named by SWEEPSPEC_RESULT (sweepspec run sets it),
or prints them as the last line of its output.
"""

import argparse
import json
import os

parser = argparse.ArgumentParser()
parser.add_argument("--width", type=float)
parser.add_argument("--height", type=float)
parser.add_argument("--activation")
args = parser.parse_args()
mean_loss = (args.width - 10) ** 2 / 100 + abs(args.height) / 100 + (args.activation == "tanh")
result = json.dumps({"mean_loss": mean_loss})
if os.environ.get("SWEEPSPEC_RESULT"):
    with open(os.environ["SWEEPSPEC_RESULT"], "w") as handle:
        handle.write(result)
print(result)
