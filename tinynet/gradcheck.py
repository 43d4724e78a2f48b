"""Check a single neuron's gradient against central finite differences of
L = 1/2 sum (a - y)^2, the loss the update descends.

    gradient_check(inputs, targets, w1, w2, bias, "exact")   -> GradientCheck("pass", ...)
    gradient_check(inputs, targets, w1, w2, bias, "notebook") -> GradientCheck("fail", ...)

A finite difference is a measurement, and a measurement has a resolution: the
step h must be representable next to the value it nudges (1e-6 vanishes next to
1e12), it must move z = w1*x1 + w2*x2 + bias a little but not across the whole
sigmoid, and the change in L it produces must stand out from L's rounding. So:

- h is chosen per parameter: 1e-6 in z (divided by the largest input it
  multiplies) but at least a few spacings of floats at the value, and the step
  actually taken, (p + h) - p, is what the difference is divided by;
- the measurement's uncertainty is the disagreement between steps h and 2h
  (truncation) plus a bound on L's rounding, divided by the step;
- "fail" only when the gradients differ by more than that uncertainty allows;
  "pass" when they agree closely (PASS_BELOW), or within an uncertainty small
  enough to have seen a wrong gradient; "cannot judge" otherwise: a loss flat to
  rounding, numbers that overflow, or a measurement too coarse to tell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import gradients, loss

Z_STEP = 1e-6  # how far each nudge moves z: well inside the sigmoid's bend, far above rounding
SPACINGS = 8  # a step is at least this many float spacings at the value it nudges
PASS_BELOW = 1e-5  # largest relative difference of a pass (a right gradient shows ~1e-9)
BEYOND = 10  # a difference this many times the uncertainty is real
RESOLVES = 1e-2  # a measurement that could not see a 1% error cannot pass a gradient
EPS = float(np.finfo(float).eps)


@dataclass(frozen=True)
class GradientCheck:
    status: str  # "pass" | "fail" | "cannot judge"
    error: float  # largest relative difference where it can be measured (NaN where it cannot)
    h: np.ndarray  # the step taken each way for w1, w2, bias (as floats could take it)
    analytic: np.ndarray  # the gradient checked, (w1, w2, bias)
    numeric: np.ndarray  # central differences, (w1, w2, bias)
    uncertainty: np.ndarray  # how far the numeric values may be off, (w1, w2, bias)


def gradient_check(inputs, targets, w1: float, w2: float, bias: float, gradient: str) -> GradientCheck:
    """Does `gradient` ("exact" or "notebook") give the gradient of L at this point?"""
    x, y = np.asarray(inputs, float), np.asarray(targets, float)
    point = np.array([w1, w2, bias], float)
    with np.errstate(all="ignore"):
        h = step_sizes(x, point)
        grads, _ = gradients({"w": point[None, :2], "b": point[2:]}, x[None], y[None], gradient)
        analytic = np.array([*grads["w"][0], grads["b"][0]])
        numeric, taken = _central(x, y, point, h)
        coarse, _ = _central(x, y, point, 2 * h)
        uncertainty = np.abs(numeric - coarse) + 2 * _rounding(x, y, point) / taken
    if not all(np.all(np.isfinite(v)) for v in (analytic, numeric, coarse, taken, uncertainty)):  # overflow
        return GradientCheck("cannot judge", float("nan"), taken / 2, analytic, numeric, uncertainty)
    with np.errstate(over="ignore"):  # an uncertainty near the largest float: noise is inf, nothing passes
        difference, scale = np.abs(analytic - numeric), np.abs(analytic) + np.abs(numeric)
        noise = BEYOND * uncertainty
        relative = np.divide(difference, scale, out=np.zeros(3), where=scale > 0)
    flat = scale <= noise  # both gradients lost in the measurement's noise: nothing to compare
    close = relative < PASS_BELOW  # agreement this close is no accident, whatever the noise bound says
    with np.errstate(over="ignore"):
        resolved = noise < RESOLVES * scale  # the measurement could have seen a wrong gradient here
    error = float(relative[~flat].max()) if not flat.all() else float("nan")
    if np.any(~close & (difference > noise)):
        status = "fail"
    elif np.all(flat | close | resolved) and not flat.all():
        status = "pass"
    else:
        status = "cannot judge"
    return GradientCheck(status, error, taken / 2, analytic, numeric, uncertainty)


def step_sizes(x: np.ndarray, point: np.ndarray) -> np.ndarray:
    """A step for each of w1, w2, bias that moves z by about Z_STEP and is representable."""
    reach = np.array([np.max(np.abs(x[:, 0]), initial=0), np.max(np.abs(x[:, 1]), initial=0), 1.0])
    return np.maximum(Z_STEP / np.maximum(reach, 1.0), SPACINGS * np.spacing(np.abs(point)))


def numeric_gradient(inputs, targets, w1: float, w2: float, bias: float, h=None) -> np.ndarray:
    """Central differences of L for (w1, w2, bias): an independent estimate of the
    gradient (it never calls the derivative). h: one step for all three, or per
    parameter; by default step_sizes."""
    x, y = np.asarray(inputs, float), np.asarray(targets, float)
    point = np.array([w1, w2, bias], float)
    steps = step_sizes(x, point) if h is None else np.broadcast_to(np.asarray(h, float), (3,))
    with np.errstate(all="ignore"):
        return _central(x, y, point, steps)[0]


def _central(x, y, point, h):
    """(L(p + up) - L(p - down)) / (up + down) per parameter, where up and down are the
    steps floats actually take; returns (estimates, up + down)."""
    estimates, taken = np.empty(3), np.empty(3)
    for i in range(3):
        up, down = point.copy(), point.copy()
        up[i] += h[i]
        down[i] -= h[i]
        taken[i] = (up[i] - point[i]) + (point[i] - down[i])  # exact: Sterbenz
        estimates[i] = (_loss_at(up, x, y) - _loss_at(down, x, y)) / taken[i]
    return estimates, taken


def _loss_at(point, x, y) -> float:
    return float(loss({"w": point[None, :2], "b": point[2:]}, x[None], y[None])[0])


def _rounding(x, y, point) -> float:
    """A bound on the rounding error of one evaluation of L near `point`: z is off by
    a few spacings of its largest term, which moves each row's loss by |a - y| a(1-a)
    times that; and a and L themselves by a few spacings."""
    w1, w2, bias = point
    terms = np.abs(w1 * x[:, 0]) + np.abs(w2 * x[:, 1]) + abs(bias)
    a = 1.0 / (1.0 + np.exp(-np.clip(w1 * x[:, 0] + w2 * x[:, 1] + bias, -709.0, 709.0)))
    error = np.abs(a - y)
    total = 0.5 * np.sum(error**2)
    return float(np.sum(error * (a * (1 - a) * 4 * EPS * terms + 4 * EPS)) + 4 * EPS * total) + 1e-300


def relative_error(analytic, numeric) -> float:
    """|analytic - numeric| / max(|analytic| + |numeric|, tiny), the largest over parameters:
    about 1e-9 for a right gradient, of order 0.1 or more for a wrong one."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    scale = np.maximum(np.abs(analytic) + np.abs(numeric), 1e-12)
    return float(np.max(np.abs(analytic - numeric) / scale))
