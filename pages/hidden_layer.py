"""Why XOR needs a hidden layer: one neuron stalls at MSE 0.25, a few hidden units solve it."""

import numpy as np
import streamlit as st

from playground import describe, figures, teach
from playground.charts import Line, lines_figure, network_figure, output_maps_figure
from playground.controls import page
from playground.live import live_view
from tinynet import output_grid
from tinynet.model import forward

session = page("Why XOR needs a hidden layer",
               "One neuron draws one straight line between its 0s and its 1s. XOR's 1s sit on opposite "
               "corners, so no single line separates them. Hidden units each draw a line, and the "
               "output combines them.", hidden=True)
setup = session.config
st.button("Load XOR: 4 hidden units, exact gradient, learning rate 1", on_click=teach.load_xor,
          type="primary", key="load_xor", disabled=session.presets_locked,
          help="Off while this lesson's link locks settings: it would change them." if session.presets_locked
          else "True XOR rows, a hidden layer of 4 units, the exact gradient and learning rate 1.")
if session.preset != "xor":
    st.info("These rows are not XOR. Press the button above to load XOR.", icon=":material/info:")

@st.fragment
def network_part() -> None:
    """The player and everything drawn from its run: a fragment, so the player's reports
    (Pause, Step, a change's answer) rerun only this part of the page."""
    run, stopped = live_view(session, key="hidden_player")
    alone = teach.recorded(setup.replace(hidden=0))
    left, right = st.columns(2)
    left.metric(f"One neuron alone, after {alone.epoch:,} epochs", f"MSE {alone.mse:.4f}")
    units_said = f"{setup.hidden} hidden units" if setup.hidden else "one neuron"  # 0 units: the same neuron
    right.metric(f"This network ({units_said}), after {run.epoch:,} epochs", f"MSE {run.mse:.4f}")
    every = max(run.epoch // 500, 1)  # a few hundred points draw the same curve
    network_name = f"{setup.hidden} hidden units" if setup.hidden else "this network (one neuron)"
    figures.show(lines_figure(
        "Learning curves", "epoch", "MSE (log scale)",
        [Line("one neuron alone", np.arange(alone.epoch + 1)[::every], alone.losses[::every], "#D55E00",
              dash="dash"),
         Line(network_name, np.arange(run.epoch + 1)[::every], run.losses[::every], "#0072B2")],
        log_y=True, subtitle="On XOR, one neuron stalls at MSE 0.25: the best a straight line can do"
        if session.preset == "xor" else "One neuron alone against this network, on these rows"),
        "hidden_curves",
        describe.learning_curves([("one neuron alone", alone.losses), (network_name, run.losses)]))

    # where the student stopped the player on this run; else its end
    shown = run.epoch if stopped is None else stopped
    params = run.params_at(shown)
    st.subheader(f"Inside the network at epoch {shown:,}" if stopped is not None
                 else f"Inside the network at the end of its run (epoch {shown:,})")
    st.caption("Pause or step the player above to see the network at that epoch here.")
    x1s = x2s = np.linspace(-0.5, 1.5, 61)
    out, hidden = output_grid({k: v[None] for k, v in params.items()}, x1s, x2s)
    maps = [(f"hidden {j + 1}", hidden[j]) for j in range(setup.hidden)] + [("output", out)]
    # each unit's output at the rows themselves, for the maps' words and table
    out_rows, hidden_rows = forward({k: v[None] for k, v in params.items()}, np.asarray(setup.inputs)[None])
    units = [(name, hidden_rows[0][:, j]) for j, (name, _) in enumerate(maps[:-1])]
    units.append(("output", out_rows[0]))
    figures.show(output_maps_figure(
        x1s, x2s, maps, setup.inputs, setup.targets, "What each unit computes",
        subtitle="Each hidden unit splits the plane along one line; the output combines them" if setup.hidden
        else "No hidden units: one neuron, one line"),
        "hidden_maps", describe.unit_outputs(setup.inputs, setup.targets, units))
    weights = (params["w"], params["b"], params.get("hw"), params.get("hb"))
    figures.show(network_figure(*weights, title=f"The network at epoch {shown:,}"), "hidden_network",
                 describe.network(*weights))


network_part()
