"""Not a fixture: the settings module that imported_grid.py imports (shared by the team's
scripts). sweepspec reads one module at a time, so these lists are unknown to it."""

LEARNING_RATES = [1e-4, 3e-4, 1e-3, 3e-3]
BATCH_SIZES = [16, 32, 64]
