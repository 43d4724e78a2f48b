"""The network's math for a batch of N networks at once (leading axis N).

Parameters live in a dict of arrays:
    w (N, K)    output neuron's weights (K = 2 inputs, or H hidden units)
    b (N,)      output neuron's bias
    hw (N, 2, H), hb (N, H)   hidden layer, only when H > 0

Loss: L = 1/2 * sum over rows of (a - y)^2, the loss whose gradient the notebook
descends (it *reports* the mean squared error, which is L / rows * 2).
"""

from __future__ import annotations

import numpy as np

Z_LIMIT = 709.0  # exp(709) is still finite in float64, so 1 + exp(-z) never overflows


def sigmoid(z):
    """1 / (1 + exp(-z)), the notebook's formula, with z clipped so exp never overflows.

    Clipping changes nothing a float64 can tell apart: sigmoid(+-709) is already
    1.0 and about 1e-308.
    """
    return 1.0 / (1.0 + np.exp(-np.clip(z, -Z_LIMIT, Z_LIMIT)))


def slope(a, gradient: str):
    """The derivative factor used in backpropagation, given activated outputs a.

    exact:    sigma'(z) = a * (1 - a), written with the activation a = sigma(z).
    notebook: the notebook calls its derivative on the activated output, so it
              computes sigma'(a) = sigma(a) * (1 - sigma(a)): the derivative of the
              wrong thing. It stays in [0.197, 0.25] and never vanishes.
    """
    if gradient == "exact":
        return a * (1.0 - a)
    s = sigmoid(a)
    return s * (1.0 - s)


def forward(params, x):
    """Outputs for rows x (N, R, 2): returns (a (N, R), hidden activations or None)."""
    if "hw" in params:
        h = sigmoid(x @ params["hw"] + params["hb"][:, None, :])
        return sigmoid(np.einsum("nrh,nh->nr", h, params["w"]) + params["b"][:, None]), h
    return sigmoid((x @ params["w"][:, :, None])[..., 0] + params["b"][:, None]), None


def gradients(params, x, y, gradient: str):
    """Gradients of L for each network, and the mean squared error before the step.

    gradient: "notebook" or "exact", for the whole batch.
    """
    a, h = forward(params, x)
    error = a - y
    mse = np.mean(error * error, axis=1)
    delta = error * slope(a, gradient)  # dL/dz at the output, per row
    if h is None:
        return {"w": (delta[:, None, :] @ x)[:, 0, :], "b": delta.sum(axis=1)}, mse
    delta_h = delta[:, :, None] * params["w"][:, None, :] * slope(h, gradient)
    return {
        "w": np.einsum("nr,nrh->nh", delta, h),
        "b": delta.sum(axis=1),
        "hw": np.swapaxes(x, 1, 2) @ delta_h,
        "hb": delta_h.sum(axis=1),
    }, mse


def loss(params, x, y):
    """L = 1/2 * sum (a - y)^2 per network: the function the gradients descend."""
    a, _ = forward(params, x)
    return 0.5 * np.sum((a - y) ** 2, axis=1)


def initial_params(config, n: int = 1):
    """A config's starting parameters, as a batch of n identical networks.

    hidden = 0: the config's w1, w2 and bias.
    hidden = H: drawn from numpy.random.default_rng(seed): hidden weights and the
    output weights uniform in [-1, 1], in that order; biases start at 0. (w1, w2
    and bias are not used: they belong to the single neuron.)
    """
    if config.hidden == 0:
        w = np.array([config.w1, config.w2], dtype=float)
        return {"w": np.tile(w, (n, 1)), "b": np.full(n, config.bias)}
    rng = np.random.default_rng(config.seed)
    hw = rng.uniform(-1.0, 1.0, (2, config.hidden))
    w = rng.uniform(-1.0, 1.0, config.hidden)
    return {
        "w": np.tile(w, (n, 1)),
        "b": np.zeros(n),
        "hw": np.tile(hw, (n, 1, 1)),
        "hb": np.zeros((n, config.hidden)),
    }


def flatten(params) -> np.ndarray:
    """(N, P) rows of all parameters: w1, w2, bias for a single neuron;
    hidden weights (x1 row then x2 row), hidden biases, output weights, output bias."""
    parts = [params["hw"].reshape(len(params["b"]), -1), params["hb"]] if "hw" in params else []
    return np.concatenate(parts + [params["w"], params["b"][:, None]], axis=1)


def unflatten(flat: np.ndarray, hidden: int):
    """Inverse of flatten for a batch (N, P)."""
    flat = np.atleast_2d(flat)
    if hidden == 0:
        return {"w": flat[:, :2].copy(), "b": flat[:, 2].copy()}
    n, h = len(flat), hidden
    return {
        "hw": flat[:, : 2 * h].reshape(n, 2, h).copy(),
        "hb": flat[:, 2 * h : 3 * h].copy(),
        "w": flat[:, 3 * h : 4 * h].copy(),
        "b": flat[:, 4 * h].copy(),
    }


def output_grid(params, x1s, x2s):
    """The first network's output over a grid: returns (out (len(x2s), len(x1s)),
    hidden (H, len(x2s), len(x1s)) or None). One vectorised pass, no loop."""
    g1, g2 = np.meshgrid(np.asarray(x1s, float), np.asarray(x2s, float))
    points = np.stack([g1.ravel(), g2.ravel()], axis=1)[None]
    first = {k: v[:1] for k, v in params.items()}
    with np.errstate(all="ignore"):
        a, h = forward(first, points)
    out = a[0].reshape(g1.shape)
    if h is None:
        return out, None
    return out, np.moveaxis(h[0], -1, 0).reshape(-1, *g1.shape)


def neuron_mse(inputs, targets, w1, w2, bias):
    """MSE of the single neuron for weights and biases of any shapes that broadcast
    together (grids, paths, points): one vectorised pass, their broadcast shape back."""
    x = np.asarray(inputs, float)
    y = np.asarray(targets, float)
    w1, w2, bias = (np.asarray(v, float)[..., None] for v in (w1, w2, bias))
    with np.errstate(all="ignore"):
        a = sigmoid(w1 * x[:, 0] + w2 * x[:, 1] + bias)
    return np.mean((a - y) ** 2, axis=-1)


def loss_landscape(inputs, targets, w1s, w2s, bias):
    """MSE of the single neuron over a grid of (w1, w2) at a fixed bias:
    returns (len(w2s), len(w1s)), row i for w2s[i]."""
    return neuron_mse(inputs, targets, np.asarray(w1s, float)[None, :], np.asarray(w2s, float)[:, None], bias)
