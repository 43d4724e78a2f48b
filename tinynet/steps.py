"""One step of the single neuron, every intermediate number, for teaching.

model.gradients gives only the totals; these functions keep the per-row
values a student reads on the step-by-step page, and the landscapes around
them. The finite-difference check lives in gradcheck (numeric_gradient and
relative_error are here too, for the page). NumPy only.
"""

from __future__ import annotations

import numpy as np

from .gradcheck import numeric_gradient, relative_error
from .model import neuron_mse, sigmoid, slope

__all__ = ["bias_landscape", "epochs_to_reach", "mse_at", "numeric_gradient", "one_step", "relative_error"]


def one_step(inputs, targets, w1: float, w2: float, bias: float, lr: float, gradient: str) -> dict:
    """One update of one neuron, in the order it is computed.

    Per row (arrays of length R): z = w1*x1 + w2*x2 + bias, a = sigmoid(z),
    error = a - y, factor = the derivative factor (model.slope, per mode),
    delta = error * factor (= dL/dz for exact). Totals: the gradient of
    w1, w2 and bias (sums of delta * x1, delta * x2, delta) and the values
    after the update (each minus lr times its gradient).
    """
    x = np.asarray(inputs, float)
    y = np.asarray(targets, float)
    z = w1 * x[:, 0] + w2 * x[:, 1] + bias
    a = sigmoid(z)
    error = a - y
    factor = slope(a, gradient)
    delta = error * factor
    grad = np.array([delta @ x[:, 0], delta @ x[:, 1], delta.sum()])
    return {
        "x1": x[:, 0], "x2": x[:, 1], "y": y, "z": z, "a": a, "error": error,
        "factor": factor, "delta": delta,
        "grad": grad,  # (w1, w2, bias)
        "new": np.array([w1, w2, bias]) - lr * grad,
        "mse": float(np.mean(error**2)),
        "loss": float(0.5 * np.sum(error**2)),  # L, the loss the update descends
    }


def bias_landscape(inputs, targets, weight: int, fixed: float, ws, biases) -> np.ndarray:
    """MSE of the single neuron over a grid of (w_weight, bias), with the other
    weight held at `fixed`: returns (len(biases), len(ws)), row i for biases[i].
    The (w, bias) companion of model.loss_landscape."""
    w, b = np.asarray(ws, float)[None, :], np.asarray(biases, float)[:, None]
    return neuron_mse(inputs, targets, *((w, fixed) if weight == 0 else (fixed, w)), b)


def mse_at(inputs, targets, points) -> np.ndarray:
    """MSE of the single neuron at each row (w1, w2, bias) of points (N, 3)."""
    p = np.asarray(points, float)
    return neuron_mse(inputs, targets, p[:, 0], p[:, 1], p[:, 2])


def epochs_to_reach(losses, target: float) -> float:
    """The first epoch whose MSE is at most target, or NaN when it never gets there."""
    hits = np.flatnonzero(np.asarray(losses) <= target)
    return float(hits[0]) if len(hits) else float("nan")
