"""Gradients against central finite differences of L = 1/2 * sum (a - y)^2,
and one update worked out by hand."""

import math

import numpy as np
import pytest

from tinynet import Config, train
from tinynet.model import gradients, initial_params, loss

X = np.array([[[0, 0], [0, 1], [1, 1], [1, 0]]], float)
Y = np.array([[0, 1, 1, 0]], float)


def finite_difference(params, x, y, h=1e-6):
    """Central differences of L for every parameter of the first network."""
    out = {}
    for key, value in params.items():
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            up = {k: v.copy() for k, v in params.items()}
            down = {k: v.copy() for k, v in params.items()}
            up[key][index] += h
            down[key][index] -= h
            grad[index] = (loss(up, x, y)[0] - loss(down, x, y)[0]) / (2 * h)
        out[key] = grad
    return out


def worst_relative_error(params, x, y, gradient):
    analytic, _ = gradients(params, x, y, gradient)
    numeric = finite_difference(params, x, y)
    return max(float(np.max(np.abs(analytic[k] - numeric[k]) / np.maximum(np.abs(numeric[k]), 1e-8)))
               for k in params)


def random_points(hidden, count=5):
    rng = np.random.default_rng(hidden + 7)
    for seed in range(count):
        config = Config(w1=float(rng.normal()), w2=float(rng.normal()), bias=float(rng.normal()),
                        hidden=hidden, seed=seed, targets=tuple(rng.uniform(0, 1, 4)))
        yield initial_params(config), np.array([config.targets])


@pytest.mark.parametrize("hidden", [0, 3])
def test_exact_gradient_matches_finite_differences(hidden):
    assert worst_relative_error(initial_params(Config(hidden=hidden)), X, Y, "exact") <= 1e-6
    for params, y in random_points(hidden):
        assert worst_relative_error(params, X, y, "exact") <= 1e-6


@pytest.mark.parametrize("hidden", [0, 3])
def test_negative_control_notebook_gradient_fails_the_same_check(hidden):
    """The check can fail: the notebook's sigma'(sigma(z)) is not the gradient of L."""
    assert worst_relative_error(initial_params(Config(hidden=hidden)), X, Y, "notebook") > 1e-2
    for params, y in random_points(hidden):
        assert worst_relative_error(params, X, y, "notebook") > 1e-2


def sig(z):
    return 1 / (1 + math.exp(-z))


@pytest.mark.parametrize("gradient", ["notebook", "exact"])
def test_one_update_by_hand(gradient):
    """Epoch 1 of the notebook's network, written out row by row in plain floats."""
    rows, targets = [(0, 0), (0, 1), (1, 1), (1, 0)], [0, 1, 1, 0]
    w1, w2, b, lr = 0.1, 0.2, 0.3, 0.05
    g1 = g2 = gb = 0.0
    for (x1, x2), y in zip(rows, targets):
        a = sig(w1 * x1 + w2 * x2 + b)
        factor = sig(a) * (1 - sig(a)) if gradient == "notebook" else a * (1 - a)
        delta = (a - y) * factor
        g1, g2, gb = g1 + delta * x1, g2 + delta * x2, gb + delta
    expected = (w1 - lr * g1, w2 - lr * g2, b - lr * gb)
    run = train(Config(epochs=1, gradient=gradient))
    assert run.weights.tolist() == pytest.approx(expected[:2], rel=1e-13)
    assert run.bias == pytest.approx(expected[2], rel=1e-13)
    # the activations of epoch 1 that the step-by-step page shows
    activations = [sig(0.3), sig(0.5), sig(0.6), sig(0.4)]
    assert np.round(activations, 4).tolist() == [0.5744, 0.6225, 0.6457, 0.5987]
