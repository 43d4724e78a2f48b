"""Chart builders for the teaching pages: numbers in, a Plotly figure out.

No Streamlit here, so every builder can be tested without a server. Each
figure has a title, labelled axes and fonts big enough for a projector, and
colours that colour-blind students can tell apart: Okabe-Ito for lines,
viridis for the loss, and the player's ColorBrewer PuOr scale for a neuron's
output (orange = 0, purple = 1). Colour is never the only difference: the
gradient modes differ by dash (and marker), a row's class and a weight's sign
by shape or dash too. Text is drawn in INK, the theme's own strongest text
colour, so it keeps its contrast on the light and the dark theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from tinynet.verdict import target_class

MODE_COLORS = {"notebook": "#D55E00", "exact": "#0072B2"}  # Okabe-Ito vermillion and blue
MODE_DASHES = {"notebook": "dash", "exact": "solid"}  # so the modes differ without colour too
# Streamlit's chart theme replaces these placeholder colours in the browser with its
# own: INK with its strongest text grey (gray90 on the light theme, gray10 on the dark;
# 14:1 and more on either background), PAPER with the page's background. Outside
# Streamlit they stay what they are: a near-black navy and black.
# (streamlit.elements.lib.streamlit_plotly_theme.GRAY_90 and BG_COLOR; tests check both.)
INK, PAPER = "#000037", "#000038"
OUTPUT_SCALE = [[0, "#b35806"], [0.25, "#f1a340"], [0.45, "#fee0b6"], [0.5, "#f7f7f7"],
                [0.55, "#d8daeb"], [0.75, "#998ec3"], [1, "#542788"]]
NEGATIVE, POSITIVE = "#b35806", "#542788"  # a weight's sign, in the output scale's colours
LOSS_SCALE = "Viridis"
FONT = 16


@dataclass
class Line:
    """One series of lines_figure: a line, or points when `symbol` is set."""

    name: str
    x: Sequence[float]
    y: Sequence[float]
    color: str
    dash: str = "solid"
    symbol: str | None = None
    steps: bool = False  # a histogram drawn as a staircase over bin edges
    hover: Sequence[str] | None = None


def mode_line(name: str, x, y, mode: str, **options) -> Line:
    """A line in a gradient mode's colour and dash."""
    return Line(name, x, y, MODE_COLORS[mode], dash=MODE_DASHES[mode], **options)


@dataclass
class Path:
    """A gradient-descent path: points in training order (first = start, last = end)."""

    name: str
    x: Sequence[float]
    y: Sequence[float]
    color: str
    z: Sequence[float] | None = None  # heights, for the 3D surface
    dash: str = "solid"
    epochs: Sequence[int] | None = None  # the epoch of each point, for the chart's table


def _style(fig: go.Figure, title: str, height: int = 460, subtitle: str | None = None) -> go.Figure:
    ink = {"color": INK}
    fig.update_layout(
        template="plotly_white", height=height, font={"size": FONT, **ink},
        title={"text": title, "font": {"size": FONT + 4, **ink},
               "subtitle": {"text": subtitle or "", "font": ink}},
        margin={"l": 70, "r": 30, "t": 90 if subtitle else 70, "b": 60},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0, "font": ink},
    )
    # Streamlit's theme greys these (3.7:1 on white): each is set explicitly, as a
    # template's colour wins over the layout's font
    axis = {"tickfont": ink, "title": {"font": ink}}
    fig.update_xaxes(**axis)
    fig.update_yaxes(**axis)
    fig.update_scenes(xaxis=axis, yaxis=axis, zaxis=axis)
    fig.update_annotations(font=ink)  # subplot titles
    for trace in fig.data:
        if "colorbar" in trace:
            trace.colorbar.update(tickfont=ink, title={"font": ink})
    return fig


def lines_figure(title: str, x_title: str, y_title: str, lines: Sequence[Line],
                 log_x: bool = False, log_y: bool = False, subtitle: str | None = None) -> go.Figure:
    """Lines and marked points over one pair of axes (loss curves, sweeps, histograms)."""
    fig = go.Figure()
    for line in lines:
        common = {"name": line.name, "x": np.asarray(line.x), "y": np.asarray(line.y)}
        if line.hover is not None:
            common.update(text=list(line.hover), hovertemplate="%{text}<extra></extra>")
        if line.symbol:
            fig.add_scatter(mode="markers", marker={"symbol": line.symbol, "size": 11, "color": line.color,
                                                    "line": {"width": 1.5, "color": line.color}}, **common)
        else:
            fig.add_scatter(mode="lines", line={"color": line.color, "width": 3, "dash": line.dash,
                                                "shape": "hv" if line.steps else "linear"},
                            fill="tozeroy" if line.steps else None, **common)
    decades = {"type": "log", "dtick": 1, "exponentformat": "power"}  # 10^-3, 10^-2, ...: no clutter
    fig.update_xaxes(title=x_title, **(decades if log_x else {}))
    fig.update_yaxes(title=y_title, **(decades if log_y else {}))
    return _style(fig, title, subtitle=subtitle)


def _arrows(path: Path, count: int = 5) -> list[dict]:
    """Arrowheads along a path (annotations draw in screen space, so they point right
    however the axes are scaled)."""
    x, y = np.asarray(path.x, float), np.asarray(path.y, float)
    if len(x) < 3:
        return []
    marks = []
    for i in np.unique(np.linspace(1, len(x) - 1, count + 1).astype(int))[:-1]:
        marks.append({"x": x[i], "y": y[i], "ax": x[i - 1], "ay": y[i - 1], "xref": "x", "yref": "y",
                      "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 2, "arrowsize": 1.4,
                      "arrowwidth": 2, "arrowcolor": "black", "text": ""})
    return marks


def contour_figure(title: str, x_title: str, y_title: str, xs, ys, mse, paths: Sequence[Path],
                   here: tuple[float, float, str] | None = None, subtitle: str | None = None) -> go.Figure:
    """The MSE over a grid (rows = ys) as filled contours, with gradient-descent paths
    drawn on it (a white halo under each so it shows on any colour), start and end
    labelled, arrows for the direction; `here` marks one point (x, y, label)."""
    fig = go.Figure(go.Contour(
        x=np.asarray(xs, np.float32), y=np.asarray(ys, np.float32), z=np.asarray(mse, np.float32),
        colorscale=LOSS_SCALE, ncontours=24, line={"width": 0.5, "color": "rgba(255,255,255,0.4)"},
        colorbar={"title": {"text": "MSE"}}, hovertemplate=f"{x_title} %{{x:.2f}}<br>{y_title} %{{y:.2f}}"
        "<br>MSE %{z:.4f}<extra></extra>", showlegend=False))
    for path in paths:  # every halo first: one path's halo must not hide another's line where they meet
        fig.add_scatter(x=np.asarray(path.x, float), y=np.asarray(path.y, float), mode="lines",
                        line={"color": "white", "width": 8}, hoverinfo="skip", showlegend=False)
    for path in paths:
        x, y = np.asarray(path.x, float), np.asarray(path.y, float)
        fig.add_scatter(x=x, y=y, mode="lines", line={"color": path.color, "width": 4, "dash": path.dash},
                        name=path.name)
        fig.add_scatter(x=[x[0], x[-1]], y=[y[0], y[-1]], mode="markers+text", showlegend=False,
                        text=["start", "end"], textposition=["bottom center", "top center"],
                        textfont={"color": "white", "size": FONT, "shadow": "1px 1px 3px black"},
                        marker={"symbol": ["circle", "x"], "size": 15, "color": path.color,
                                "line": {"color": "white", "width": 2}},
                        hovertemplate=f"{path.name}<br>{x_title} %{{x:.3f}}<br>{y_title} %{{y:.3f}}"
                        "<extra></extra>")
        for arrow in _arrows(path):
            fig.add_annotation(arrow)
    if here is not None:
        fig.add_scatter(x=[here[0]], y=[here[1]], mode="markers", name=here[2],
                        marker={"symbol": "diamond", "size": 13, "color": "white",
                                "line": {"color": "black", "width": 2}})
    # equal scales, so the landscape's shape is not stretched; the plot shrinks to fit
    fig.update_xaxes(title=x_title, range=[float(xs[0]), float(xs[-1])], constrain="domain")
    fig.update_yaxes(title=y_title, range=[float(ys[0]), float(ys[-1])], scaleanchor="x", constrain="domain")
    return _style(fig, title, height=560, subtitle=subtitle)


def surface_figure(title: str, x_title: str, y_title: str, xs, ys, mse, paths: Sequence[Path],
                   subtitle: str | None = None) -> go.Figure:
    """The same grid as a 3D surface, each path drawn at its heights (Path.z)."""
    fig = go.Figure(go.Surface(
        x=np.asarray(xs, np.float32), y=np.asarray(ys, np.float32), z=np.asarray(mse, np.float32),
        colorscale=LOSS_SCALE, opacity=0.9, colorbar={"title": {"text": "MSE"}}, showlegend=False,
        hovertemplate=f"{x_title} %{{x:.2f}}<br>{y_title} %{{y:.2f}}<br>MSE %{{z:.4f}}<extra></extra>"))
    for path in paths:
        x, y, z = (np.asarray(v, float) for v in (path.x, path.y, path.z))
        lift = z + 0.02  # just above the surface, so it is not hidden inside it
        fig.add_scatter3d(x=x, y=y, z=lift, mode="lines", name=path.name,
                          line={"color": path.color, "width": 8, "dash": path.dash})
        fig.add_scatter3d(x=[x[0], x[-1]], y=[y[0], y[-1]], z=[lift[0], lift[-1]], mode="markers+text",
                          text=["start", "end"], showlegend=False,
                          textfont={"size": FONT, "color": path.color},
                          marker={"size": 7, "color": path.color, "symbol": ["circle", "x"]})
    fig.update_scenes(xaxis={"title": x_title, "nticks": 6}, yaxis={"title": y_title, "nticks": 6},
                      zaxis={"title": "MSE", "nticks": 5},
                      camera={"eye": {"x": 2.0, "y": 0.9, "z": 1.2}})  # from the w1 side, down the slope
    return _style(fig, title, height=560, subtitle=subtitle)


def output_maps_figure(x1s, x2s, maps: Sequence[tuple[str, np.ndarray]], inputs, targets,
                       title: str, subtitle: str | None = None) -> go.Figure:
    """Small output maps side by side (one per hidden unit, then the output), each
    with the rows marked: circle = target 0, square = target 1 (shape and colour)."""
    cols = len(maps)
    fig = make_subplots(rows=1, cols=cols, subplot_titles=[name for name, _ in maps],
                        horizontal_spacing=0.1 / max(cols, 1) + 0.02)
    x = np.asarray(inputs, float)
    high = target_class(targets)  # tinynet's rule: target >= 0.5 is class 1
    for k, (_, grid) in enumerate(maps, start=1):
        fig.add_heatmap(x=np.asarray(x1s, np.float32), y=np.asarray(x2s, np.float32),
                        z=np.asarray(grid, np.float32), zmin=0, zmax=1, colorscale=OUTPUT_SCALE,
                        showscale=k == cols, colorbar={"title": {"text": "output"}, "len": 0.9},
                        hovertemplate="x1 %{x:.2f}, x2 %{y:.2f}<br>output %{z:.3f}<extra></extra>",
                        row=1, col=k)
        for hit, symbol, color, name in ((False, "circle", NEGATIVE, "target 0"),
                                         (True, "square", POSITIVE, "target 1")):
            fig.add_scatter(x=x[high == hit, 0], y=x[high == hit, 1], mode="markers", name=name,
                            legendgroup=name, showlegend=k == 1, row=1, col=k,
                            marker={"symbol": symbol, "size": 12, "color": color,
                                    "line": {"color": "black", "width": 1.5}})
        fig.update_xaxes(title="x1", constrain="domain", row=1, col=k)
        fig.update_yaxes(title="x2" if k == 1 else None, scaleanchor=f"x{k if k > 1 else ''}",
                         constrain="domain", row=1, col=k)
    fig = _style(fig, title, height=400, subtitle=subtitle)
    fig.update_layout(legend={"y": -0.3}, margin={"t": 120})  # room for the subtitle above the map titles
    return fig


def network_edges(w, hw=None) -> list[tuple[str, str, float]]:
    """The network's weights as (from, to, weight): inputs to hidden units, then to the output."""
    if hw is None:
        return [(f"x{i + 1}", "output", float(w[i])) for i in range(2)]
    hidden = np.asarray(hw).shape[1]
    return ([(f"x{i + 1}", f"h{j + 1}", float(hw[i][j])) for i in range(2) for j in range(hidden)]
            + [(f"h{j + 1}", "output", float(w[j])) for j in range(hidden)])


def network_biases(b: float, hb=None) -> dict[str, float]:
    """Each unit's bias: the hidden units' (if any), then the output's."""
    biases = {} if hb is None else {f"h{j + 1}": float(v) for j, v in enumerate(hb)}
    return {**biases, "output": float(b)}


def network_figure(w, b: float, hw=None, hb=None, title: str = "The network") -> go.Figure:
    """The network as a diagram: inputs, hidden units (if any), output. An edge's colour
    and dash are its weight's sign (purple solid +, orange dashed -), its width grows
    with |weight|; every unit shows its bias, the output's too."""
    hidden = 0 if hw is None else np.asarray(hw).shape[1]
    layers = [["x1", "x2"]] + ([[f"h{j + 1}" for j in range(hidden)]] if hidden else []) + [["output"]]
    place = {name: (col, (len(names) - 1) / 2 - row)
             for col, names in enumerate(layers) for row, name in enumerate(names)}
    edges = network_edges(w, hw)
    biggest = max([abs(v) for _, _, v in edges] + [1e-12])
    fig = go.Figure()
    for start, end, value in edges:
        (x0, y0), (x1, y1) = place[start], place[end]
        fig.add_scatter(x=[x0, (x0 + x1) / 2, x1], y=[y0, (y0 + y1) / 2, y1], mode="lines", showlegend=False,
                        line={"color": POSITIVE if value >= 0 else NEGATIVE,
                              "dash": "solid" if value >= 0 else "dash",
                              "width": 1 + 9 * abs(value) / biggest},
                        hovertemplate=f"{start} → {end}<br>weight {value:+.3f}<extra></extra>")
    biases = network_biases(b, hb)
    names = list(place)
    fig.add_scatter(
        x=[place[n][0] for n in names], y=[place[n][1] for n in names], mode="markers+text",
        text=[n if n not in biases else f"{n}<br>bias {biases[n]:+.2f}" for n in names],
        textposition="bottom center", showlegend=False, hoverinfo="skip",
        textfont={"shadow": f"0px 0px 4px {PAPER}"},  # readable where it crosses an edge
        marker={"size": 34, "color": "white", "line": {"color": "black", "width": 2}})
    fig.update_xaxes(visible=False, range=[-0.4, len(layers) - 0.6])
    fig.update_yaxes(visible=False, range=[-max(hidden, 2) / 2 - 0.3, max(hidden, 2) / 2])
    return _style(fig, title, height=160 + 110 * max(hidden, 2),
                  subtitle="purple solid edge: positive weight · orange dashed: negative · "
                           "thicker: larger size")
