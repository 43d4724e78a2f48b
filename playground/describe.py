"""The teaching pages' charts in words: numbers in, a description and a table out.

A screen reader cannot read a Plotly chart, and a student who cannot tell its colours
apart, or wants the exact values, is no better off. Each function here takes the
numbers a chart draws and returns Words: one short paragraph saying what the chart
shows now (computed from those numbers, so it changes with the chart) and the numbers
themselves as a table. figures.show() puts them under the chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tinynet.train import sample_epochs
from tinynet.verdict import MARGIN, RIGHT, THRESHOLD, UNSURE, WRONG, row_verdicts

from .charts import Path, network_biases, network_edges

LISTED = 8  # up to this many rows are named one by one; more are counted
TABLE_POINTS = 11  # points of a path in its table: start, end and evenly between


@dataclass(frozen=True)
class Words:
    description: str
    table: pd.DataFrame


def number(value: float, digits: int = 2) -> str:
    """A number as it is read aloud: `digits` significant digits, no trailing zeros,
    thousands separated; below 0.001 or from a million on, 1.2e-8 (not 1.2e-08)."""
    value = float(value)
    if not math.isfinite(value):
        return "not a number" if math.isnan(value) else ("infinite" if value > 0 else "minus infinite")
    value = float(f"{value:.{digits}g}")  # round first: 9.96 becomes 10, not 10.0
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    if not -3 <= exponent < 6:
        mantissa, power = f"{value:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(power)}"
    decimals = max(digits - 1 - exponent, 0)
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def span(low: float, high: float, digits: int = 2) -> str:
    """"a to b", or just "a" when both read the same."""
    a, b = number(low, digits), number(high, digits)
    return a if a == b else f"{a} to {b}"


def point(x: float, y: float) -> str:
    return f"({number(x, 3)}, {number(y, 3)})"


def listing(items: Sequence[str]) -> str:
    """a, b and c."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


# ---- one step by hand ----

def derivative_factors(z, exact, notebook, rows_z, rows_exact, rows_notebook) -> Words:
    """The exact factor a(1 - a) and the notebook's sigma'(sigma(z)) over z, and this epoch's rows on them."""
    z, exact, notebook = (np.asarray(v, float) for v in (z, exact, notebook))
    rows_z, rows_exact, rows_notebook = (np.asarray(v, float) for v in (rows_z, rows_exact, rows_notebook))
    top = int(np.argmax(exact))
    description = (
        f"Over z from {number(z[0])} to {number(z[-1])}, the exact factor a(1 − a) peaks at "
        f"{number(exact[top], 3)} at z = {number(z[top])} and falls to {number(exact.min(), 3)}; the "
        f"notebook's σ'(σ(z)) stays between {number(notebook.min(), 3)} and {number(notebook.max(), 3)}. "
        f"This epoch's {len(rows_z)} rows sit at z = {span(rows_z.min(), rows_z.max(), 3)}, where the exact "
        f"factor is {span(rows_exact.min(), rows_exact.max(), 3)} and the notebook's "
        f"{span(rows_notebook.min(), rows_notebook.max(), 3)}.")
    marks = np.arange(math.ceil(z[0]), math.floor(z[-1]) + 1, 2, dtype=float)  # every other whole z
    table = pd.DataFrame({
        "point": [f"row {k + 1}" for k in range(len(rows_z))] + ["curve"] * len(marks),
        "z": np.concatenate([rows_z, marks]),
        "exact a(1 − a)": np.concatenate([rows_exact, np.interp(marks, z, exact)]),
        "notebook σ'(σ(z))": np.concatenate([rows_notebook, np.interp(marks, z, notebook)]),
    })
    return Words(description, table)


# ---- the loss landscape ----

def landscape(x_title: str, y_title: str, xs, ys, mse, paths: Sequence[Path], fixed: str,
              here: tuple[float, float, str] | None = None) -> Words:
    """An MSE map (rows of `mse` follow ys) with gradient-descent paths drawn on it."""
    xs, ys, mse = np.asarray(xs, float), np.asarray(ys, float), np.asarray(mse, float)
    low_row, low_col = np.unravel_index(np.nanargmin(mse), mse.shape)
    parts = [f"The MSE over {x_title} from {number(xs[0], 3)} to {number(xs[-1], 3)} and {y_title} from "
             f"{number(ys[0], 3)} to {number(ys[-1], 3)}, {fixed}: lowest {number(mse[low_row, low_col])} at "
             f"({x_title}, {y_title}) = {point(xs[low_col], ys[low_row])}, highest {number(np.nanmax(mse))}."]
    for path in paths:
        after = f" after {int(path.epochs[-1]):,} epochs" if path.epochs is not None else ""
        parts.append(f"The {path.name} path starts at {point(path.x[0], path.y[0])} and ends at "
                     f"{point(path.x[-1], path.y[-1])}{after}.")
    if here is not None:
        parts.append(f"A diamond marks the {here[2]}: {point(here[0], here[1])}.")
    return Words(" ".join(parts), _path_table(x_title, y_title, paths))


def _path_table(x_title: str, y_title: str, paths: Sequence[Path]) -> pd.DataFrame:
    """Each path at TABLE_POINTS of its points, start and end included."""
    frames = []
    for path in paths:
        picked = np.unique(np.linspace(0, len(path.x) - 1, TABLE_POINTS).round().astype(int))
        columns = {"path": path.name}
        if path.epochs is not None:
            columns["epoch"] = np.asarray(path.epochs)[picked]
        columns[x_title] = np.asarray(path.x, float)[picked]
        columns[y_title] = np.asarray(path.y, float)[picked]
        if path.z is not None:
            columns["MSE on this slice"] = np.asarray(path.z, float)[picked]
        frames.append(pd.DataFrame(columns))
    return pd.concat(frames, ignore_index=True)


# ---- the hidden layer ----

def learning_curves(curves: Sequence[tuple[str, Sequence[float]]]) -> Words:
    """MSE by epoch, one curve per (name, losses), losses[k] = MSE after k epochs."""
    parts = []
    for name, losses in curves:
        losses = np.asarray(losses, float)
        lowest = number(np.nanmin(losses))
        end = number(losses[-1])
        parts.append(f"MSE with {name}: {number(losses[0])} at epoch 0, {end} at epoch {len(losses) - 1:,}"
                     + ("" if lowest == end else f" (lowest {lowest})") + ".")
    last = max(len(losses) for _, losses in curves) - 1
    epochs = sample_epochs(last, 12)  # half early, half even: where the curve changes
    table = {"epoch": epochs}
    for name, losses in curves:
        losses = np.asarray(losses, float)
        table[f"MSE, {name}"] = [losses[e] if e < len(losses) else np.nan for e in epochs]
    return Words(" ".join(parts), pd.DataFrame(table))


def unit_outputs(inputs, targets, units: Sequence[tuple[str, Sequence[float]]]) -> Words:
    """What each unit outputs at the rows; the last unit is the network's output, judged
    by tinynet's rule for right."""
    inputs, targets = np.asarray(inputs, float), np.asarray(targets, float)
    *hidden, (out_name, output) = units
    output = np.asarray(output, float)
    verdicts = row_verdicts(output, targets)
    named = len(targets) <= LISTED
    rows = [point(x1, x2) for x1, x2 in inputs]
    if named:
        said = (f"At the rows (x1, x2) = {listing(rows)}, with targets "
                f"{listing([number(t) for t in targets])}, the {out_name} is "
                f"{listing([number(v) for v in output])}")
    else:
        said = f"At the {len(targets)} rows the {out_name} is {span(output.min(), output.max())}"
    counts = ", ".join(f"{verdicts.count(v)} {v}" for v in (RIGHT, WRONG, UNSURE))
    parts = [f"{said}: {counts} (right: at least {MARGIN:g} from {THRESHOLD:g} on the target's side)."]
    for name, values in hidden:
        on = np.asarray(values, float) >= THRESHOLD
        if on.all() or not on.any():
            where = "every row" if on.all() else "no row"
        else:
            where = listing([r for r, o in zip(rows, on) if o]) if named else f"{on.sum()} of {len(on)} rows"
        parts.append(f"{name[:1].upper()}{name[1:]} is {THRESHOLD:g} or more at {where}.")
    table = pd.DataFrame({"row": np.arange(1, len(targets) + 1), "x1": inputs[:, 0], "x2": inputs[:, 1],
                          "target": targets, **{name: np.asarray(values, float) for name, values in units},
                          "verdict": verdicts})
    return Words(" ".join(parts), table)


def network(w, b: float, hw=None, hb=None, strongest: int = 3) -> Words:
    """The network diagram: its layers, its largest weights, the output's bias."""
    edges = network_edges(w, hw)
    biases = network_biases(b, hb)
    layers = "2 inputs → output" if hw is None else f"2 inputs → {len(biases) - 1} hidden units → output"
    largest = sorted(edges, key=lambda e: -abs(e[2]))[:strongest]
    said = listing([f"{a} → {c} {number(v, 3)}" for a, c, v in largest])
    description = (f"The network: {layers}. Largest weights: {said}. The output's bias is "
                   f"{number(biases['output'], 3)}.")
    table = pd.DataFrame([(a, c, v) for a, c, v in edges] + [("bias", unit, v) for unit, v in biases.items()],
                         columns=["from", "to", "value"])
    return Words(description, table)


# ---- the learning-rate sweep ----

def _best(rates, values, skip=None) -> tuple[float, float] | None:
    """(rate, value) of the lowest value, ignoring NaN and the `skip`ped; None if none is left."""
    values = np.asarray(values, float).copy()
    if skip is not None:
        values[np.asarray(skip, bool)] = np.nan
    if np.isnan(values).all():
        return None
    k = int(np.nanargmin(values))
    return float(np.asarray(rates)[k]), float(values[k])


def final_mse_by_rate(epochs: int, rates, mse: dict, diverged: dict) -> Words:
    """Final MSE per learning rate and gradient mode; diverged networks are not the lowest."""
    n = len(rates)
    parts, bests = [], []
    for mode, values in mse.items():
        best = _best(rates, values, diverged[mode])
        lowest = ("no rate stayed finite" if best is None
                  else f"lowest {number(best[1])} at rate {number(best[0])}")
        broke = int(np.sum(diverged[mode]))
        parts.append(f"With the {mode} gradient, {lowest}, and {broke} of {n} diverged.")
        if best is not None:
            bests.append((best[1], best[0], mode))
    head = (f"Final MSE after {epochs:,} epochs for {n} learning rates from {number(rates[0])} "
            f"to {number(rates[-1])}.")
    if bests:
        value, rate, mode = min(bests)
        head += f" Lowest {number(value)} at learning rate {number(rate)} ({mode} gradient)."
    table = pd.DataFrame({"learning rate": rates, **{f"final MSE, {m}": v for m, v in mse.items()},
                          **{f"diverged, {m}": np.where(d, "yes", "") for m, d in diverged.items()}})
    return Words(" ".join([head, *parts]), table)


def epochs_to_reach_by_rate(target: float, epochs: int, rates, reach: dict) -> Words:
    """First epoch at or below `target` per learning rate and mode (NaN: never within `epochs`)."""
    n = len(rates)
    parts = [f"Epochs to reach MSE {number(target)} for {n} learning rates."]
    for mode, values in reach.items():
        best = _best(rates, values)
        fewest = ("never reached" if best is None
                  else f"fewest {int(best[1]):,} epochs at rate {number(best[0])}")
        never = int(np.isnan(np.asarray(values, float)).sum())
        parts.append(f"With the {mode} gradient, {fewest}, and not within {epochs:,} epochs at {never} "
                     f"of {n}.")
    table = pd.DataFrame({"learning rate": rates, **{f"epochs, {m}": v for m, v in reach.items()}})
    return Words(" ".join(parts), table)


def final_mse_of_starts(lr: float, epochs: int, mse: dict, bins) -> Words:
    """How many random starts end in each MSE bin (a histogram), per mode; as on the
    chart, an MSE beyond the bins is counted in the first or last bin."""
    parts = [f"With the {mode} gradient, median {number(np.median(v))}, from {span(np.min(v), np.max(v))}."
             for mode, v in mse.items()]
    counts = {m: np.histogram(np.clip(v, bins[0], bins[-1]), bins=bins)[0] for m, v in mse.items()}
    used = np.any([c > 0 for c in counts.values()], axis=0)
    table = pd.DataFrame({"final MSE from": np.asarray(bins)[:-1][used], "to": np.asarray(bins)[1:][used],
                          **{f"networks, {m}": c[used] for m, c in counts.items()}})
    n = len(next(iter(mse.values())))
    return Words(" ".join([f"Final MSE of {n} random starts at learning rate {number(lr, 3)} after "
                           f"{epochs:,} epochs.", *parts]), table)
