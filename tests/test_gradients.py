"""Gradients against central finite differences of L = 1/2 * sum (a - y)^2,
one update worked out by hand, and the finite-difference check the app shows
(tinynet.gradcheck): it passes the true gradient, fails the notebook's, and says
when it cannot tell."""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinynet import Config, train
from tinynet.gradcheck import PASS_BELOW, gradient_check
from tinynet.model import gradients, initial_params, loss
from tinynet.steps import numeric_gradient, one_step, relative_error

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
    # the activations of epoch 1 the step-by-step page shows, against sigmoid(0.3), sigmoid(0.5),
    # sigmoid(0.6) and sigmoid(0.4) worked out to four places by hand
    step = one_step(rows, targets, w1, w2, b, lr, gradient)
    assert np.round(step["a"], 4).tolist() == [0.5744, 0.6225, 0.6457, 0.5987]
    assert step["new"].tolist() == pytest.approx(expected, rel=1e-13)


# ---- gradient_check: a finite-difference check that knows its own resolution ----

def naive_difference(inputs, targets, point, h=1e-6):
    """Central differences as they are usually written: the nominal h, not the step
    floats actually take."""
    x, y = np.array([inputs], float), np.array([targets], float)
    out = []
    for i in range(3):
        up, down = np.array(point, float), np.array(point, float)
        up[i] += h
        down[i] -= h
        out.append((loss({"w": up[None, :2], "b": up[2:]}, x, y)[0]
                    - loss({"w": down[None, :2], "b": down[2:]}, x, y)[0]) / (2 * h))
    return np.array(out)


def test_exact_passes_and_notebook_fails_at_ordinary_points():
    c = Config()
    randoms = [tuple(np.random.default_rng(seed).normal(0, 2, 3)) for seed in range(20)]
    for point in [(c.w1, c.w2, c.bias), *randoms]:
        exact = gradient_check(c.inputs, c.targets, *point, "exact")
        assert exact.status == "pass" and exact.error < 1e-6
        notebook = gradient_check(c.inputs, c.targets, *point, "notebook")  # negative control
        assert notebook.status == "fail" and notebook.error > 1e-2
    # the numeric gradient itself, against the hand-written loop of test_one_update_by_hand
    assert numeric_gradient(c.inputs, c.targets, 0.1, 0.2, 0.3) == pytest.approx(
        [0.06277289, -0.16979171, 0.11447668], abs=1e-8)


def test_huge_weights_no_longer_fail_the_true_gradient():
    """At w1 = 1e8, w2 = -1e8 a nudge of 1e-6 is 67 spacings of w1's floats: the step
    taken is 0.998e-6, not 1e-6, and dividing by the nominal h "fails" a true gradient."""
    c, point = Config(), (1e8, -1e8, 0.3)
    exact = one_step(c.inputs, c.targets, *point, 1.0, "exact")["grad"]
    assert relative_error(exact, naive_difference(c.inputs, c.targets, point)) > PASS_BELOW  # the old trap
    check = gradient_check(c.inputs, c.targets, *point, "exact")
    assert check.status == "pass" and check.error < 1e-8
    assert check.h[0] == pytest.approx(1e-6, rel=0.01) and check.h[0] != 1e-6  # what floats could take
    assert gradient_check(c.inputs, c.targets, *point, "notebook").status == "fail"


def test_cannot_judge_a_flat_loss_or_an_overflow():
    rows, ones = ((0, 0), (0, 1), (1, 1)), (1, 1, 1)
    for gradient in ("exact", "notebook"):
        # every output is 1.0 to the last bit and every target 1: L = 0 all around
        assert gradient_check(rows, ones, 0.0, 0.0, 800.0, gradient).status == "cannot judge"
        # a nudge beyond the largest float
        assert gradient_check(rows, ones, 1.7976931348623157e308, 0.0, 0.0, gradient).status == "cannot judge"
    # negative control: the same rows at an ordinary point can be judged
    assert gradient_check(rows, ones, 0.0, 0.0, 0.0, "exact").status == "pass"


def test_the_step_shrinks_with_large_inputs():
    """Each nudge moves z by about 1e-6, so it is divided by the largest input it multiplies."""
    check = gradient_check(((1e3, 0.5), (0.0, 1.0)), (1, 0), 1e-3, 0.2, 0.3, "exact")
    assert check.h.tolist() == pytest.approx([1e-9, 1e-6, 1e-6], rel=1e-6) and check.status == "pass"


magnitude = st.one_of(
    st.builds(lambda sign, digits, power: sign * digits * 10.0**power,
              st.sampled_from([1.0, -1.0]), st.floats(1, 9.99), st.integers(-300, 307)),
    st.floats(-40, 40), st.sampled_from([0.0, 1.7976931348623157e308, -1e8, 1e8]))


@st.composite
def points(draw):
    rows = draw(st.integers(1, 5))
    coordinate = st.floats(-3, 3) | magnitude
    inputs = draw(st.sampled_from([((0, 0), (0, 1), (1, 1), (1, 0))])
                  | st.lists(st.tuples(coordinate, coordinate), min_size=rows, max_size=rows))
    targets = draw(st.lists(st.sampled_from([0.0, 1.0]) | st.floats(0, 1), min_size=len(inputs),
                            max_size=len(inputs)))
    return inputs, targets, draw(magnitude), draw(magnitude), draw(magnitude)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(point=points())
def test_the_true_gradient_never_fails_and_the_notebooks_fails_where_it_differs(point):
    inputs, targets, w1, w2, bias = point
    exact = gradient_check(inputs, targets, w1, w2, bias, "exact")
    assert exact.status in ("pass", "cannot judge")
    if exact.status == "pass":
        notebook = gradient_check(inputs, targets, w1, w2, bias, "notebook")
        gap = np.abs(notebook.analytic - exact.analytic)
        with np.errstate(over="ignore"):  # an uncertainty near the largest float: no real difference
            differs = (gap > 0.1 * (np.abs(notebook.analytic) + np.abs(exact.analytic))) & (
                gap > 100 * exact.uncertainty)
        if differs.any():
            assert notebook.status == "fail"
