"""The chart builders (numbers in, figure out) and the numbers they draw
(tinynet.steps, the teaching helpers), checked without a server."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground import charts, teach
from tinynet import Config, loss_landscape
from tinynet.model import gradients, initial_params
from tinynet.steps import bias_landscape, epochs_to_reach, mse_at, numeric_gradient, one_step, relative_error
from tinynet.train import sample_epochs

ROWS, TARGETS = Config().inputs, Config().targets


# ---- tinynet.steps ----

@pytest.mark.parametrize("mode", ["notebook", "exact"])
def test_one_step_totals_equal_the_models_gradient(mode):
    step = one_step(ROWS, TARGETS, 0.1, 0.2, 0.3, 0.05, mode)
    grads, mse = gradients(initial_params(Config()), np.array([ROWS]), np.array([TARGETS]), mode)
    assert step["grad"] == pytest.approx([*grads["w"][0], grads["b"][0]], abs=1e-15)
    assert step["mse"] == pytest.approx(mse[0])
    assert step["loss"] == pytest.approx(2 * step["mse"])  # L = 1/2 sum = 2 MSE for four rows


def test_one_step_by_hand():
    step = one_step(ROWS, TARGETS, 0.1, 0.2, 0.3, 0.05, "exact")
    a = [1 / (1 + math.exp(-z)) for z in (0.3, 0.5, 0.6, 0.4)]
    assert step["a"] == pytest.approx(a, abs=1e-15)
    grad_bias = sum((v - y) * v * (1 - v) for v, y in zip(a, TARGETS))
    assert step["new"][2] == pytest.approx(0.3 - 0.05 * grad_bias, abs=1e-15)


def test_gradient_check_tells_right_from_wrong():
    numeric = numeric_gradient(ROWS, TARGETS, 0.1, 0.2, 0.3)
    exact = one_step(ROWS, TARGETS, 0.1, 0.2, 0.3, 0.05, "exact")["grad"]
    notebook = one_step(ROWS, TARGETS, 0.1, 0.2, 0.3, 0.05, "notebook")["grad"]
    assert relative_error(exact, numeric) < 1e-8
    assert relative_error(notebook, numeric) > 1e-2


def test_slices_agree_with_tinynets_landscape():
    ws, bs = np.linspace(-3, 3, 7), np.linspace(-2, 2, 5)
    along = bias_landscape(ROWS, TARGETS, 1, 0.4, ws, bs)  # over (w2, bias) at w1 = 0.4
    for i, b in enumerate(bs):
        assert along[i] == pytest.approx(loss_landscape(ROWS, TARGETS, [0.4], ws, b)[:, 0], abs=1e-15)
    points = np.array([[0.4, w, 0.5] for w in ws])
    assert mse_at(ROWS, TARGETS, points) == pytest.approx(loss_landscape(ROWS, TARGETS, [0.4], ws, 0.5)[:, 0])


def test_epochs_to_reach():
    assert epochs_to_reach([0.3, 0.2, 0.05, 0.01], 0.05) == 2
    assert math.isnan(epochs_to_reach([0.3, 0.2], 0.01))


# ---- teaching helpers ----

def test_path_epochs_include_start_and_end_in_order():
    epochs = sample_epochs(10_000, 600)  # the landscape page's path points
    assert epochs[0] == 0 and epochs[-1] == 10_000 and np.all(np.diff(epochs) > 0)
    assert len(epochs) < 700 and sample_epochs(0, 600).tolist() == [0]


def test_window_is_square_and_holds_every_point():
    xs, ys = teach.window(([0.1, -0.4], [0.2, 9.0]), ([0.0], [-1.0]))
    assert len(xs) == len(ys) == 200
    assert xs[-1] - xs[0] == pytest.approx(ys[-1] - ys[0])
    assert xs[0] < -0.4 and xs[-1] > 0.1 and ys[0] < -1.0 and ys[-1] > 9.0


# ---- chart builders ----

def test_lines_figure_log_axes_and_points():
    fig = charts.lines_figure("T", "learning rate", "MSE", [
        charts.Line("a", [1, 10], [0.1, 0.01], "#000000"),
        charts.Line("b", [1], [0.1], "#0072B2", symbol="x")], log_x=True, log_y=True)
    assert fig.layout.title.text == "T" and fig.layout.xaxis.title.text == "learning rate"
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    assert [t.mode for t in fig.data] == ["lines", "markers"]


def test_contour_figure_marks_start_end_and_direction():
    path = charts.Path("exact gradient", [0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 1.5, 2.0], "#0072B2")
    xs = ys = np.linspace(-1, 4, 20)
    fig = charts.contour_figure("T", "w1", "w2", xs, ys, np.zeros((20, 20)), [path], here=(1.0, 1.0, "now"))
    (line,) = [t for t in fig.data if t.name == "exact gradient"]
    ends = [t for t in fig.data if t.text == ("start", "end")]
    assert list(line.x) == path.x and list(ends[0].x) == [0.0, 3.0] and list(ends[0].y) == [0.0, 2.0]
    arrows = fig.layout.annotations
    assert arrows and all(a.showarrow and (a.ax, a.ay) != (a.x, a.y) for a in arrows)
    assert fig.layout.yaxis.scaleanchor == "x"  # equal scales: the shape is not stretched
    assert [t.name for t in fig.data if t.name == "now"] == ["now"]


def test_surface_figure_draws_paths_above_the_surface():
    path = charts.Path("p", [0, 1], [0, 1], "#000000", z=[0.2, 0.1])
    fig = charts.surface_figure("T", "w1", "w2", [0, 1], [0, 1], np.ones((2, 2)), [path])
    assert fig.data[0].type == "surface"
    assert np.all(np.array(fig.data[1].z) > np.array(path.z))


def test_output_maps_one_per_unit_on_one_scale():
    grid = np.full((3, 3), 0.5)
    fig = charts.output_maps_figure([0, 1, 2], [0, 1, 2], [("hidden 1", grid), ("output", grid)],
                                    ROWS, TARGETS, "T")
    maps = [t for t in fig.data if t.type == "heatmap"]
    assert len(maps) == 2 and all((m.zmin, m.zmax) == (0, 1) for m in maps)
    assert [m.showscale for m in maps] == [False, True]  # one colour bar serves all


def test_network_figure_colours_by_sign_and_widths_by_size():
    fig = charts.network_figure(w=[2.0, -0.5], b=-1.25, hw=[[1.0, -4.0], [0.5, 3.0]], hb=[0.1, -0.2])
    edges = [t for t in fig.data if t.mode == "lines"]
    assert len(edges) == 6  # 2 inputs x 2 hidden + 2 hidden -> output
    weights = [1.0, -4.0, 0.5, 3.0, 2.0, -0.5]  # x1->h1, x1->h2, x2->h1, x2->h2, h1->out, h2->out
    assert [e.line.color for e in edges] == [charts.POSITIVE if w > 0 else charts.NEGATIVE for w in weights]
    widths = [e.line.width for e in edges]
    assert np.argsort(widths).tolist() == np.argsort(np.abs(weights)).tolist()
    (nodes,) = [t for t in fig.data if t.mode == "markers+text"]
    assert "output<br>bias -1.25" in nodes.text and "h2<br>bias -0.20" in nodes.text


def test_network_figure_single_neuron():
    fig = charts.network_figure(w=[-0.42, 8.99], b=-4.2)
    assert len([t for t in fig.data if t.mode == "lines"]) == 2
