"""The teaching charts for every student: their words (playground/describe.py) checked
against numbers worked out here by hand, and their ink and shapes (playground/charts.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from playground import charts, describe
from playground.charts import Path


def sigma(z: float) -> float:
    return 1 / (1 + math.exp(-z))


# ---- numbers as they are read ----

@pytest.mark.parametrize("value, digits, said", [
    (0.25, 2, "0.25"), (5.3, 2, "5.3"), (100, 2, "100"), (0.001, 2, "0.001"),
    (1.2345e-8, 2, "1.2e-8"), (3.3524e-4, 3, "3.35e-4"), (2e-9, 2, "2e-9"), (1e6, 2, "1e6"),
    (9.96, 2, "10"),  # rounded before it is laid out: not "10.0"
    (12345.6, 2, "12,000"), (-0.42, 3, "-0.42"), (0.1, 3, "0.1"), (0, 2, "0"),
    (math.nan, 2, "not a number"), (math.inf, 2, "infinite"),
])
def test_number(value, digits, said):
    assert describe.number(value, digits) == said


def test_span_says_one_number_when_both_ends_read_the_same():
    assert describe.span(0.22878, 0.24446, 3) == "0.229 to 0.244"
    assert describe.span(0.25, 0.2501) == "0.25"


# ---- one step by hand ----

def test_derivative_factors():
    z = np.linspace(-8, 8, 321)
    exact = np.array([sigma(v) * (1 - sigma(v)) for v in z])
    notebook = np.array([sigma(sigma(v)) * (1 - sigma(sigma(v))) for v in z])
    rows_z = [0.3, 0.5, 0.6, 0.4]  # the notebook's network at epoch 1
    rows_exact = [sigma(v) * (1 - sigma(v)) for v in rows_z]
    rows_notebook = [sigma(sigma(v)) * (1 - sigma(sigma(v))) for v in rows_z]
    words = describe.derivative_factors(z, exact, notebook, rows_z, rows_exact, rows_notebook)
    # by hand: a(1 - a) at z = +-8 is 3.3524e-4; sigma'(sigma(z)) runs from sigma'(sigma(8)) =
    # 0.19664 to sigma'(sigma(-8)) = 0.249999993; at the rows a(1 - a) is 0.22878 (z = 0.6) to
    # 0.24446 (z = 0.3) and sigma'(a) 0.22565 to 0.23046
    assert words.description == (
        "Over z from -8 to 8, the exact factor a(1 − a) peaks at 0.25 at z = 0 and falls to 3.35e-4; "
        "the notebook's σ'(σ(z)) stays between 0.197 and 0.25. This epoch's 4 rows sit at z = 0.3 to 0.6, "
        "where the exact factor is 0.229 to 0.244 and the notebook's 0.226 to 0.23.")
    table = words.table
    assert table["point"].tolist() == ["row 1", "row 2", "row 3", "row 4"] + ["curve"] * 9
    assert table["z"].tolist() == rows_z + [-8, -6, -4, -2, 0, 2, 4, 6, 8]
    curve = table[table["point"] == "curve"].set_index("z")["exact a(1 − a)"]
    assert curve[0] == pytest.approx(0.25) and curve[2] == pytest.approx(0.10499358540350662)


# ---- the loss landscape ----

def test_landscape_names_the_lowest_point_and_each_path():
    xs, ys = [0.0, 1.0, 2.0], [10.0, 20.0]
    mse = [[3.0, 2.0, 1.0],  # at y = 10
           [0.5, 4.0, 6.0]]  # at y = 20
    path = Path("exact gradient", [2.0, 1.0, 0.0], [10.0, 15.0, 20.0], "#0072B2", epochs=[0, 5, 10])
    words = describe.landscape("w1", "w2", xs, ys, mse, [path], "bias fixed at 0.300",
                               here=(1.0, 15.0, "slice"))
    assert words.description == (
        "The MSE over w1 from 0 to 2 and w2 from 10 to 20, bias fixed at 0.300: lowest 0.5 at (w1, w2) = "
        "(0, 20), highest 6. The exact gradient path starts at (2, 10) and ends at (0, 20) after 10 epochs. "
        "A diamond marks the slice: (1, 15).")
    assert words.table.to_dict("list") == {"path": ["exact gradient"] * 3, "epoch": [0, 5, 10],
                                           "w1": [2.0, 1.0, 0.0], "w2": [10.0, 15.0, 20.0]}


def test_a_long_path_is_tabled_at_eleven_points_with_its_heights():
    steps = np.arange(101.0)
    path = Path("notebook gradient", steps, -steps, "#D55E00", z=steps / 100)
    table = describe.landscape("w", "bias", [0, 1], [0, 1], np.ones((2, 2)), [path], "w1 fixed").table
    assert table["w"].tolist() == list(range(0, 101, 10))  # start, end, and evenly between
    assert table["MSE on this slice"].tolist() == pytest.approx([k / 10 for k in range(11)])
    assert "epoch" not in table  # the path did not say its epochs


# ---- the hidden layer ----

def test_learning_curves():
    falling = [0.3, 0.2, 0.1, 0.05, 0.04]
    stalled = [0.3, 0.25, 0.27]  # ends above its lowest, and sooner
    words = describe.learning_curves([("4 hidden units", falling), ("one neuron alone", stalled)])
    assert words.description == ("MSE with 4 hidden units: 0.3 at epoch 0, 0.04 at epoch 4. "
                                 "MSE with one neuron alone: 0.3 at epoch 0, 0.27 at epoch 2 (lowest 0.25).")
    table = words.table
    assert table["epoch"].tolist() == [0, 1, 2, 3, 4]  # five epochs: every one
    assert table["MSE, 4 hidden units"].tolist() == falling
    assert table["MSE, one neuron alone"].tolist()[:3] == stalled
    assert np.isnan(table["MSE, one neuron alone"].tolist()[3:]).all()


def test_unit_outputs_judges_the_output_by_tinynets_rule():
    rows, targets = [(0, 0), (0, 1), (1, 1), (1, 0)], [0, 1, 0, 1]
    hidden = [0.9, 0.1, 0.5, 0.2]  # 0.5 itself counts as on
    output = [0.05, 0.95, 0.55, 0.2]  # right, right, unsure (within 0.1 of 0.5), wrong
    words = describe.unit_outputs(rows, targets, [("hidden 1", hidden), ("output", output)])
    assert words.description == (
        "At the rows (x1, x2) = (0, 0), (0, 1), (1, 1) and (1, 0), with targets 0, 1, 0 and 1, the output is "
        "0.05, 0.95, 0.55 and 0.2: 2 right, 1 wrong, 1 unsure (right: at least 0.1 from 0.5 on the target's "
        "side). Hidden 1 is 0.5 or more at (0, 0) and (1, 1).")
    assert words.table["verdict"].tolist() == ["right", "right", "unsure", "wrong"]
    assert words.table["row"].tolist() == [1, 2, 3, 4]


def test_unit_outputs_counts_rather_than_names_many_rows():
    rows = [(k, k) for k in range(9)]
    units = [("hidden 1", [0.0] * 9), ("hidden 2", [1.0] * 4 + [0.0] * 5),
             ("output", np.linspace(0.1, 0.9, 9))]
    words = describe.unit_outputs(rows, [1] * 9, units)
    # outputs 0.1 ... 0.9 for target 1: 0.6 and up right, 0.4 and below wrong, 0.5 unsure
    assert words.description.startswith("At the 9 rows the output is 0.1 to 0.9: 4 right, 4 wrong, 1 unsure")
    assert words.description.endswith("Hidden 1 is 0.5 or more at no row. "
                                      "Hidden 2 is 0.5 or more at 4 of 9 rows.")


def test_network_names_its_largest_weights_and_lists_them_all():
    w, b, hw, hb = [2.0, -0.5], -1.25, [[1.0, -4.0], [0.5, 3.0]], [0.1, -0.2]
    words = describe.network(w, b, hw, hb)
    assert words.description == ("The network: 2 inputs → 2 hidden units → output. Largest weights: "
                                 "x1 → h2 -4, x2 → h2 3 and h1 → output 2. The output's bias is -1.25.")
    assert words.table.values.tolist() == [
        ["x1", "h1", 1.0], ["x1", "h2", -4.0], ["x2", "h1", 0.5], ["x2", "h2", 3.0],
        ["h1", "output", 2.0], ["h2", "output", -0.5],
        ["bias", "h1", 0.1], ["bias", "h2", -0.2], ["bias", "output", -1.25]]
    alone = describe.network([-0.42, 8.99], -4.2)
    assert alone.description.startswith("The network: 2 inputs → output. Largest weights: x2 → output 8.99")


# ---- the learning-rate sweep ----

def test_final_mse_by_rate_leaves_diverged_networks_out_of_the_lowest():
    rates = [0.1, 1.0, 10.0]
    mse = {"notebook": [0.2, 0.01, 1e-12], "exact": [0.3, 2e-9, 0.001]}
    diverged = {"notebook": [False, False, True], "exact": [False, False, False]}
    words = describe.final_mse_by_rate(1000, rates, mse, diverged)
    assert words.description == (
        "Final MSE after 1,000 epochs for 3 learning rates from 0.1 to 10. Lowest 2e-9 at learning rate 1 "
        "(exact gradient). With the notebook gradient, lowest 0.01 at rate 1, and 1 of 3 diverged. "
        "With the exact gradient, lowest 2e-9 at rate 1, and 0 of 3 diverged.")
    assert words.table["diverged, notebook"].tolist() == ["", "", "yes"]
    every = describe.final_mse_by_rate(1000, rates, mse, {m: [True] * 3 for m in mse})
    assert "With the exact gradient, no rate stayed finite, and 3 of 3 diverged." in every.description
    assert "Lowest" not in every.description


def test_epochs_to_reach_by_rate():
    reach = {"notebook": [np.nan, 120.0, 30.0], "exact": [np.nan] * 3}
    words = describe.epochs_to_reach_by_rate(0.01, 1000, [0.1, 1.0, 10.0], reach)
    assert words.description == (
        "Epochs to reach MSE 0.01 for 3 learning rates. With the notebook gradient, fewest 30 epochs at "
        "rate 10, and not within 1,000 epochs at 1 of 3. With the exact gradient, never reached, and not "
        "within 1,000 epochs at 3 of 3.")


def test_final_mse_of_starts_counts_each_bin_as_the_chart_does():
    mse = {"notebook": [1e-4, 2e-4, 3e-4], "exact": [0.5, 0.5, 2.0]}  # 2.0 is beyond the last bin
    words = describe.final_mse_of_starts(0.05, 1000, mse, [1e-5, 1e-3, 1e-1, 1.0])
    assert words.description == (
        "Final MSE of 3 random starts at learning rate 0.05 after 1,000 epochs. With the notebook gradient, "
        "median 2e-4, from 1e-4 to 3e-4. With the exact gradient, median 0.5, from 0.5 to 2.")
    assert words.table.to_dict("list") == {"final MSE from": [1e-5, 0.1], "to": [1e-3, 1.0],  # no empty bin
                                           "networks, notebook": [3, 0], "networks, exact": [0, 3]}


# ---- ink and shapes ----

def test_ink_and_paper_are_the_placeholders_streamlits_chart_theme_replaces():
    theme = pytest.importorskip("streamlit.elements.lib.streamlit_plotly_theme")
    assert (charts.INK, charts.PAPER) == (theme.GRAY_90, theme.BG_COLOR)


def text_colours(fig) -> list:
    """The colour of every text a figure sets: titles, axes, legend, colour bars, annotations."""
    layout = fig.layout
    found = [layout.font.color, layout.title.font.color, layout.title.subtitle.font.color,
             layout.legend.font.color]
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        found += [axis.tickfont.color, axis.title.font.color]
    for scene in fig.select_scenes():
        found += [a.tickfont.color for a in (scene.xaxis, scene.yaxis, scene.zaxis)]
    found += [a.font.color for a in layout.annotations if a.text]
    found += [t.colorbar.tickfont.color for t in fig.data if "colorbar" in t and t.showscale is not False]
    return found


def test_every_text_of_every_figure_is_in_ink():
    grid, xs = np.ones((3, 3)), [0.0, 1.0, 2.0]
    path = Path("p", [0.0, 1.0, 2.0], [0.0, 1.0, 2.0], "#0072B2", z=[1.0, 1.0, 1.0])
    figures = [
        charts.lines_figure("T", "x", "y", [charts.Line("a", [1, 2], [1, 2], "#000000")], subtitle="s"),
        charts.contour_figure("T", "w1", "w2", xs, xs, grid, [path], here=(1.0, 1.0, "now")),
        charts.surface_figure("T", "w1", "w2", xs, xs, grid, [path]),
        charts.output_maps_figure(xs, xs, [("hidden 1", grid), ("output", grid)], [(0, 0), (1, 1)], [0, 1],
                                  "T"),
        charts.network_figure([1.0, -1.0], 0.5),
    ]
    for fig in figures:
        colours = text_colours(fig)
        assert colours and set(colours) == {charts.INK}, (fig.layout.title.text, colours)


def test_modes_and_signs_differ_by_dash_as_well_as_colour():
    assert len(set(charts.MODE_DASHES.values())) == len(charts.MODE_DASHES) == len(charts.MODE_COLORS)
    lines = [charts.mode_line(m, [0], [0], m) for m in charts.MODE_COLORS]
    assert [(line.color, line.dash) for line in lines] == [
        (charts.MODE_COLORS[m], charts.MODE_DASHES[m]) for m in charts.MODE_COLORS]
    fig = charts.network_figure([1.0, -1.0], 0.5)
    edges = [t for t in fig.data if t.mode == "lines"]
    assert [(e.line.color, e.line.dash) for e in edges] == [(charts.POSITIVE, "solid"),
                                                            (charts.NEGATIVE, "dash")]
