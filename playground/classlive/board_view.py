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
POINT_SIZE = 18  # a point of one run; runs alike share a larger one
HOVER_NAMES = 8  # names a shared point lists on hover before "and 3 more"
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


@dataclass(frozen=True)
class Point:
    """Runs that land on the same spot (same rate, mode, epoch, MSE: the same run): one
    marker, larger and labelled with how many, naming them all on hover."""

    rows: tuple[BoardRow, ...]

    @property
    def summary(self) -> Summary:
        return self.rows[0].summary

    def hover(self, lesson: Config) -> str:
        names = ", ".join(html.escape(row.name) for row in self.rows[:HOVER_NAMES])
        more = f" and {len(self.rows) - HOVER_NAMES} more" if len(self.rows) > HOVER_NAMES else ""
        s = self.summary
        return (f"<b>{names}</b>{more}<br>learning rate {s.lr:.4g} ({s.gradient})<br>"
                f"MSE {s.final_mse:.3e} at epoch {s.epoch:,}<br>{html.escape(state_of(s, lesson))}")


def points_of(rows: Sequence[BoardRow]) -> list[Point]:
    """The runs on the board, those alike together, in join order of their first."""
    alike: dict[tuple, list[BoardRow]] = {}
    for row in rows:
        s = row.summary
        if s is not None and s.final_mse is not None:
            key = (s.lr, s.gradient, s.hidden, s.epochs, s.rows_changed, s.epoch, s.final_mse, s.diverged)
            alike.setdefault(key, []).append(row)
    return [Point(tuple(group)) for group in alike.values()]


def board_figure(rows: Sequence[BoardRow], lesson: Config, curve: Curve, code: str) -> go.Figure:
    """Learning rate against MSE, log-log: tinynet's curve faintly, each run as a large
    point (colour: gradient mode; shape: KINDS), the names and numbers on hover. A
    point's customdata is a student's seat, so a click says whose run it is (runs
    alike are one run: any of them projects the same)."""
    points = points_of(rows)
    runs = sum(len(point.rows) for point in points)
    lines = [Line(f"tinynet: {mode} gradient at every rate", curve.rates,
                  np.maximum(curve.mse[mode], MSE_FLOOR), MODE_COLORS[mode],
                  hover=[f"tinynet, {mode} gradient: learning rate {r:.3g} → MSE {m:.3e}" if m == m
                         else f"tinynet, {mode} gradient: learning rate {r:.3g} diverges"
                         for r, m in zip(curve.rates, curve.mse[mode])])
             for mode in MODES]
    fig = lines_figure(
        f"Class {code}: the learning-rate sweep you built ({runs} run{'s' * (runs != 1)})",
        "learning rate (log scale)", "MSE at the end of the run (log scale)", lines, log_x=True, log_y=True,
        subtitle=f"Each point is a student's run: hover for the name, click to project it. Faint lines: "
                 f"tinynet trains the lesson at every rate ({lesson.epochs:,} epochs)")
    fig.update_traces(opacity=CURVE_OPACITY)
    kinds = [kind_of(point.summary, lesson) for point in points]
    for mode in MODES:
        mine = [(point, kind) for point, kind in zip(points, kinds) if point.summary.gradient == mode]
        if not mine:
            continue
        fig.add_scatter(
            name=f"a student's run, {mode} gradient", mode="markers+text",
            x=[p.summary.lr for p, _ in mine], y=[max(p.summary.final_mse, MSE_FLOOR) for p, _ in mine],
            customdata=[p.rows[0].seat for p, _ in mine], hovertext=[p.hover(lesson) for p, _ in mine],
            hovertemplate="%{hovertext}<extra></extra>",
            text=[f"×{len(p.rows)}" if len(p.rows) > 1 else "" for p, _ in mine], textposition="middle right",
            textfont={"size": 15, "color": MODE_COLORS[mode]},
            marker={"size": [POINT_SIZE + 6 * (math.sqrt(len(p.rows)) - 1) for p, _ in mine],
                    "color": MODE_COLORS[mode], "opacity": 0.9, "symbol": [KINDS[k][0] for _, k in mine],
                    "line": {"width": 2, "color": [MODE_COLORS[mode] if k != "finished" else "white"
                                                   for _, k in mine]}})
    for kind in dict.fromkeys(kinds):  # the shapes on show, explained in the legend
        if kind != "finished":
            symbol, words = KINDS[kind]
            fig.add_scatter(name=words, x=[None], y=[None], mode="markers", hoverinfo="skip",
                            marker={"size": POINT_SIZE, "symbol": symbol, "color": "#555555",
                                    "line": {"width": 2, "color": "#555555"}})
    # room on the right for a shared point's "×n" at the highest rate
    fig.update_xaxes(range=[math.log10(curve.rates[0]) - 0.1, math.log10(curve.rates[-1]) + 0.3])
    fig.update_layout(height=560, clickmode="event+select", hoverlabel={"font": {"size": 16}})
    return fig
