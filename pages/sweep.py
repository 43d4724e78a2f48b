"""The learning-rate sweep: the same setup trained at hundreds of learning rates and from
hundreds of random starts, in both gradient modes, all at once (tinynet's batched trainer)."""

import numpy as np
import streamlit as st

from playground import describe, figures, teach
from playground.charts import INK, MODE_COLORS, Line, lines_figure, mode_line
from playground.controls import page

session = page("Learning-rate sweep",
             "How big should each step be? Train the same network at many learning rates and see.",
             hidden=True)
setup = session.config
lr_count, start_count, epochs = teach.sweep_size(setup)
cut = teach.sweep_cut(setup)  # a shared server trains about a second for a page: say what was cut
if cut:
    st.info(cut, icon=":material/info:")

sweep = teach.lr_sweep(setup)


DIVERGED_SYMBOLS = {"notebook": "x", "exact": "cross"}  # ✕ and +: the modes' crosses differ in shape too


def mode_lines(values, series: dict, label: str) -> list[Line]:
    """One line per gradient mode, plus crosses where training blew up and a mark at the setup's lr."""
    lines = [mode_line(f"{m} gradient", values, series[m], m) for m in teach.MODES]
    for m in teach.MODES:
        broke = sweep.diverged[m]
        if broke.any():
            lines.append(Line(f"diverged ({m})", values[broke], series[m][broke], MODE_COLORS[m],
                              symbol=DIVERGED_SYMBOLS[m]))
    finite = np.concatenate([series[m][np.isfinite(series[m])] for m in teach.MODES])  # a mode may have none
    top = max(float(finite.max()) if finite.size else 1.0, 1.0)
    low = min(float(finite.min()) if finite.size else top, top)
    lines.append(Line(f"your {label} ({setup.lr:g})", [setup.lr, setup.lr], [low, top], INK, dash="dot"))
    return lines


final = {m: np.maximum(sweep.mse[m], teach.MSE_FLOOR) for m in teach.MODES}
figures.show(lines_figure(
    f"MSE after {epochs:,} epochs, by learning rate", "learning rate (log scale)", "final MSE (log scale)",
    mode_lines(sweep.values, final, "learning rate"), log_x=True, log_y=True,
    subtitle=f"{lr_count} learning rates from 0.001 to 100, each trained in both modes; "
    "MSEs below 10⁻¹⁰ are drawn at 10⁻¹⁰"), "sweep_final",
    describe.final_mse_by_rate(epochs, sweep.values, sweep.mse, sweep.diverged))
target = st.select_slider("Target MSE: how low the error must get", teach.TARGETS, value=0.01,
                          key="sweep_target", format_func=lambda t: f"{t:g}")
column = teach.TARGETS.index(target)
reach = {m: np.maximum(sweep.reach[m][:, column], 1) for m in teach.MODES}  # log axis: 0 drawn at 1
figures.show(lines_figure(
    f"Epochs to reach MSE {target:g}, by learning rate", "learning rate (log scale)", "epochs (log scale)",
    mode_lines(sweep.values, reach, "learning rate"), log_x=True, log_y=True,
    subtitle=f"A gap: never reached MSE {target:g} within {epochs:,} epochs"), "sweep_reach",
    describe.epochs_to_reach_by_rate(target, epochs, sweep.values,
                                     {m: sweep.reach[m][:, column] for m in teach.MODES}))
never = {m: int(np.isnan(reach[m]).sum()) for m in teach.MODES}
st.caption(f"Never reached MSE {target:g}: {never['notebook']} of {lr_count} learning rates with the "
           f"notebook gradient, {never['exact']} with the exact one. Networks that produced "
           "non-finite numbers (diverged) are marked with a cross at their last finite MSE.")

st.header("Does the start matter?")
starts = teach.random_starts(setup)
how = ("w1, w2 and bias drawn at random from −4 to 4" if setup.hidden == 0
       else "initial weights from the seeds 0, 1, 2, …")
bins = np.geomspace(teach.MSE_FLOOR, 1.0, 41)
lines = [mode_line(f"{m} gradient", *teach.staircase(np.clip(starts.mse[m], teach.MSE_FLOOR, 1.0), bins), m,
                   steps=True) for m in teach.MODES]
figures.show(lines_figure(
    f"Final MSE from {start_count} random starts at learning rate {setup.lr:g}", "final MSE (log scale)",
    "networks", lines, log_x=True,
    subtitle=f"{how}; {epochs:,} epochs each"), "sweep_starts",
    describe.final_mse_of_starts(setup.lr, epochs, starts.mse, bins))
for m in teach.MODES:
    worse = int(np.sum(starts.mse[m] > starts.start_mse[m]))
    st.markdown(f"- **{m}**: median final MSE {np.median(starts.mse[m]):.2g}, "
                f"worst {np.max(starts.mse[m]):.2g}; "
                f"{int(np.sum(starts.mse[m] <= target))} of {start_count} reached MSE {target:g}"
                + (f"; {worse} ended worse than they started" if worse else ""))
