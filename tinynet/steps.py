"""One step of the single neuron, every intermediate number, for teaching.

model.gradients gives only the totals; these functions keep the per-row
values a student reads on the step-by-step page, and the checks that go
with them. NumPy only.
"""

from __future__ import annotations

import numpy as np

from .model import loss, neuron_mse, sigmoid, slope


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


def numeric_gradient(inputs, targets, w1: float, w2: float, bias: float, h: float = 1e-6) -> np.ndarray:
    """Central differences of L = 1/2 sum (a - y)^2 for (w1, w2, bias): an
    independent check of the analytic gradient (it never calls slope)."""
    x = np.asarray(inputs, float)[None]
    y = np.asarray(targets, float)[None]
    point = np.array([w1, w2, bias], float)
    grad = np.empty(3)
    for i in range(3):
        up, down = point.copy(), point.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (_loss_at(up, x, y) - _loss_at(down, x, y)) / (2 * h)
    return grad


def _loss_at(point, x, y) -> float:
    return float(loss({"w": point[None, :2], "b": point[2:]}, x, y)[0])


def relative_error(analytic, numeric) -> float:
    """|analytic - numeric| / max(|analytic| + |numeric|, tiny), the largest over parameters:
    about 1e-9 for a right gradient, of order 0.1 or more for a wrong one."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-12)
    return float(np.max(np.abs(analytic - numeric) / scale))


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
