"""The default run must reproduce the notebook's numbers (tests/data/golden.json):
the figures it printed digit for digit, the rest to full precision."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tinynet import Config, train, train_many

ROOT = Path(__file__).resolve().parent.parent


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b) / np.abs(b)))


def test_default_config_is_the_notebook():
    c = Config()
    assert c.inputs == ((0, 0), (0, 1), (1, 1), (1, 0))
    assert c.targets == (0, 1, 1, 0)
    assert (c.w1, c.w2, c.bias, c.lr, c.epochs, c.gradient) == (0.1, 0.2, 0.3, 0.05, 10000, "notebook")


def test_notebook_gradient_matches_golden(golden):
    g = golden["notebook_gradient"]
    run = train()
    assert rel(run.weights, g["weights"]) < 1e-10
    assert rel(run.bias, g["bias"]) < 1e-10
    assert rel(run.predictions[1], g["prediction_for_0_1"]) < 1e-10
    assert len(run.losses) == 10001 and run.epoch == 10000
    assert rel(run.losses[0], g["mse_initial"]) < 1e-12
    assert rel(run.losses[-1], g["mse_after_training"]) < 1e-10
    # the notebook's total_error (never printed) is computed before its last update
    assert rel(run.losses[9999], g["total_error_last_epoch"]) < 1e-10
    # and the figures it printed, to the digits it printed
    printed = g["printed"]
    assert np.round(run.weights, 8).tolist() == printed["weights"]
    assert round(run.bias, 8) == printed["bias"]
    assert round(float(run.predictions[1]), 8) == printed["prediction_for_0_1"]


def test_exact_gradient_matches_golden(golden):
    g = golden["exact_gradient"]
    run = train(Config(gradient="exact"))
    assert rel(run.weights, g["weights"]) < 1e-10
    assert rel(run.bias, g["bias"]) < 1e-10
    assert rel(run.losses[-1], g["mse_after_training"]) < 1e-10


@pytest.mark.parametrize("gradient", ["notebook", "exact"])
def test_batched_kernel_matches_golden(golden, gradient):
    """train_many takes another code path (arrays across networks); same figures."""
    g = golden[f"{gradient}_gradient"]
    runs = train_many([Config(gradient=gradient)] * 3)
    for run in runs:
        assert rel(run.weights, g["weights"]) < 1e-10
        assert rel(run.bias, g["bias"]) < 1e-10


def test_cli_reproduces_golden(golden):
    out = subprocess.run([sys.executable, "-m", "tinynet", "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    g = golden["notebook_gradient"]
    assert rel(result["weights"], g["weights"]) < 1e-10
    assert rel(result["bias"], g["bias"]) < 1e-10
    assert rel(result["predictions"][1], g["prediction_for_0_1"]) < 1e-10
    assert result["epochs"] == 10000


def test_cli_report_shows_the_notebooks_printout(golden):
    out = subprocess.run([sys.executable, "-m", "tinynet"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    printed = golden["notebook_gradient"]["printed"]
    for figure in [*printed["weights"], printed["bias"]]:
        assert f"{figure:.8f}" in out
    assert f"{printed['prediction_for_0_1']:.6f}" in out  # the report shows outputs to 6 decimals
