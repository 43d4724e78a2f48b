"""The teacher's board as a chart and a table: the class's runs in, Plotly and rows out.

Each student's latest run is a point, learning rate against MSE on log-log axes,
coloured by gradient mode; tinynet's own curve for the lesson (train_many over a
grid of rates) is drawn faintly beside them: the class's points are the sweep it
built by hand. No Streamlit here: the board's page draws what this makes.

Names are the students' own text. Plotly reads HTML in hover text, so a name is
escaped (html.escape) before it goes into one; the table shows text as text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from playground.charts import MODE_COLORS, Line, lines_figure
from tinynet import Config, train_many

from .records import BoardRow
from .summary import Summary

MODES = ("exact", "notebook")
MSE_FLOOR = 1e-10  # log axes cannot show 0: smaller MSEs are drawn here (as on the sweep page)
PER_DECADE = 12  # rates per decade of the true curve, when the budget allows
CURVE_BUDGET = 2_000_000  # network-epochs for the curve: ~0.5 s for a single neuron on 2 cores
DECADES = (-3, 1)  # the curve spans at least 10^-3 to 10^1, and every rate on the board
LOWEST = -8  # tinynet's rates are above 0 and at most 100 (10^2)
POINT_SIZE = 18
CURVE_OPACITY = 0.35
# (symbol, words in the legend), by kind of run; a finished lesson run is a filled circle
KINDS = {
    "finished": ("circle", "finished"),
    "stopped": ("circle-open", "stopped early: the MSE so far"),
    "own": ("diamond-open", "own setup: not on the curve"),
    "diverged": ("x-thin-open", "diverged: the last finite MSE"),
}


@dataclass(frozen=True)
class Curve:
    """tinynet's final MSE for the lesson at each rate, per gradient mode (NaN: diverged)."""

    rates: np.ndarray
    mse: dict[str, np.ndarray]


def curve_decades(rates: Sequence[float]) -> tuple[int, int]:
    """The decades the true curve spans: DECADES at least, widened to every rate given."""
    logs = [math.log10(r) for r in rates if r > 0]
    low = min([DECADES[0], *(math.floor(v) for v in logs)])
    high = max([DECADES[1], *(math.ceil(v) for v in logs)])
    return max(low, LOWEST), min(high, 2)


def true_curve(lesson: Config, low: int, high: int) -> Curve:
    """Train the lesson at rates 10^low to 10^high, both gradient modes, in one batch
    (tinynet.train_many). Fewer rates per decade when the lesson is long or has
    hidden units, so that drawing the board never trains more than CURVE_BUDGET."""
    decades = high - low
    cost = 2 * decades * max(lesson.epochs, 1) * (1 + lesson.hidden)
    per_decade = min(PER_DECADE, max(2, CURVE_BUDGET // cost))
    rates = np.logspace(low, high, decades * per_decade + 1)
    runs = train_many([lesson.replace(lr=float(rate), gradient=mode) for mode in MODES for rate in rates])
    final = np.array([np.nan if run.diverged_at is not None else run.mse for run in runs])
    return Curve(rates, {mode: final[k * len(rates):(k + 1) * len(rates)] for k, mode in enumerate(MODES)})


def is_lesson_setup(summary: Summary, lesson: Config) -> bool:
    return not summary.rows_changed and (summary.hidden, summary.epochs) == (lesson.hidden, lesson.epochs)


def kind_of(summary: Summary, lesson: Config) -> str:
    """Which of KINDS a run is: how its point is drawn."""
    if summary.diverged:
        return "diverged"
    if not is_lesson_setup(summary, lesson):
        return "own"
    return "finished" if summary.epoch == summary.epochs else "stopped"


def state_of(summary: Summary | None, lesson: Config) -> str:
    """The run in words, for the table."""
    if summary is None:
        return "joined: no run yet"
    if summary.diverged:
        words = f"diverged at epoch {summary.epoch:,}"
    elif summary.epoch == summary.epochs:
        words = "finished"
    else:
        how = "paused" if summary.event == "pause" else "stopped"
        words = f"{how} at epoch {summary.epoch:,} of {summary.epochs:,}"
    if not is_lesson_setup(summary, lesson):
        words += "; own setup"
    return words


def board_table(rows: Sequence[BoardRow], lesson: Config) -> list[dict]:
    """One line per student, in join order: name, rate, mode, epoch, MSE, state."""
    table = []
    for row in rows:
        s = row.summary
        table.append({"Student": row.name, "Learning rate": None if s is None else s.lr,
                      "Gradient": None if s is None else s.gradient, "Epoch": None if s is None else s.epoch,
                      "MSE": None if s is None else s.final_mse, "State": state_of(s, lesson)})
    return table


def hover_of(row: BoardRow, lesson: Config) -> str:
    s = row.summary
    return (f"<b>{html.escape(row.name)}</b><br>learning rate {s.lr:.4g} ({s.gradient})<br>"
            f"MSE {s.final_mse:.3e} at epoch {s.epoch:,}<br>{html.escape(state_of(s, lesson))}")


def board_figure(rows: Sequence[BoardRow], lesson: Config, curve: Curve, code: str) -> go.Figure:
    """Learning rate against MSE, log-log: tinynet's curve faintly, each run as a large
    point (colour: gradient mode; shape: KINDS), the name and numbers on hover. A
    point's customdata is the student's seat, so a click says whose run it is."""
    runs = [row for row in rows if row.summary is not None and row.summary.final_mse is not None]
    lines = [Line(f"tinynet: {mode} gradient at every rate", curve.rates,
                  np.maximum(curve.mse[mode], MSE_FLOOR), MODE_COLORS[mode],
                  hover=[f"tinynet, {mode} gradient: learning rate {r:.3g} → MSE {m:.3e}" if m == m
                         else f"tinynet, {mode} gradient: learning rate {r:.3g} diverges"
                         for r, m in zip(curve.rates, curve.mse[mode])])
             for mode in MODES]
    fig = lines_figure(
        f"Class {code}: the learning-rate sweep you built ({len(runs)} run{'s' * (len(runs) != 1)})",
        "learning rate (log scale)", "MSE at the end of the run (log scale)", lines, log_x=True, log_y=True,
        subtitle=f"Each point is a student's run: hover for the name, click to project it. Faint lines: "
                 f"tinynet trains the lesson at every rate ({lesson.epochs:,} epochs)")
    fig.update_traces(opacity=CURVE_OPACITY)
    kinds = {row.seat: kind_of(row.summary, lesson) for row in runs}
    for mode in MODES:
        mine = [row for row in runs if row.summary.gradient == mode]
        if not mine:
            continue
        fig.add_scatter(
            name=f"a student's run, {mode} gradient", mode="markers",
            x=[row.summary.lr for row in mine], y=[max(row.summary.final_mse, MSE_FLOOR) for row in mine],
            customdata=[row.seat for row in mine], text=[hover_of(row, lesson) for row in mine],
            hovertemplate="%{text}<extra></extra>",
            marker={"size": POINT_SIZE, "color": MODE_COLORS[mode], "opacity": 0.9,
                    "symbol": [KINDS[kinds[row.seat]][0] for row in mine],
                    "line": {"width": 2, "color": [MODE_COLORS[mode] if kinds[row.seat] != "finished"
                                                   else "white" for row in mine]}})
    for kind in dict.fromkeys(kinds.values()):  # the shapes on show, explained in the legend
        if kind != "finished":
            symbol, words = KINDS[kind]
            fig.add_scatter(name=words, x=[None], y=[None], mode="markers", hoverinfo="skip",
                            marker={"size": POINT_SIZE, "symbol": symbol, "color": "#555555",
                                    "line": {"width": 2, "color": "#555555"}})
    fig.update_xaxes(range=[math.log10(curve.rates[0]) - 0.1, math.log10(curve.rates[-1]) + 0.1])
    fig.update_layout(height=560, clickmode="event+select", hoverlabel={"font": {"size": 16}})
    return fig
