"""The loss landscape: the MSE over the weights, and the path gradient descent took on it."""

import numpy as np
import streamlit as st

from playground import state, teach
from playground.charts import MODE_COLORS, Path, contour_figure, surface_figure
from tinynet import loss_landscape
from tinynet.steps import bias_landscape, mse_at

st.title("The loss landscape")
st.caption("Every point of the map is one choice of weights, coloured by how wrong the neuron is "
           "with them (its MSE). Gradient descent walks downhill on this map.")
setup = teach.setup()
state.show_messages()
neuron = teach.single_neuron(setup, "the loss landscape")
state.sync_url(setup)

other = teach.other_mode(neuron.gradient)
runs = {neuron.gradient: teach.recorded(neuron)}
if st.toggle(f"Also show the **{other}** gradient's path from the same start", value=True,
             key="landscape_other"):
    runs[other] = teach.recorded(neuron.replace(gradient=other))
run = runs[neuron.gradient]
at = st.slider("Slice the landscape at epoch (the bias, and below the other weight, are taken from "
               "this epoch of the current run)", 0, run.epoch, run.epoch, key="landscape_epoch") \
    if run.epoch > 0 else 0
w1, w2, bias = run.history[at]
here = f"epoch {at:,}"
paths = {m: r.history[teach.path_epochs(r.epoch)] for m, r in runs.items()}  # rows of (w1, w2, bias)

xs, ys = teach.window(*[(p[:, 0], p[:, 1]) for p in paths.values()])
grid = loss_landscape(neuron.inputs, neuron.targets, xs, ys, bias)
on_slice = {m: mse_at(neuron.inputs, neuron.targets, np.column_stack([p[:, :2], np.full(len(p), bias)]))
            for m, p in paths.items()}  # each path point's height on this slice
lines = [Path(f"{m} gradient", p[:, 0], p[:, 1], MODE_COLORS[m], z=on_slice[m]) for m, p in paths.items()]
subtitle = f"MSE over (w1, w2) with the bias fixed at {bias:.3f} (its value at epoch {at:,})"
left, right = st.columns(2)
with left:
    st.plotly_chart(contour_figure("Loss landscape: map", "w1", "w2", xs, ys, grid, lines,
                                   here=(w1, w2, here), subtitle=subtitle), key="landscape_map")
with right:
    st.plotly_chart(surface_figure("Loss landscape: surface", "w1", "w2", xs, ys, grid, lines,
                                   subtitle=subtitle + "; drag to turn it"), key="landscape_surface")
st.caption("The paths move in three numbers (w1, w2 and the bias), but a map can only show two: "
           "the map is one slice, at one bias. On the surface each path is drawn at its height on "
           "this slice. Move the slider to slice at another epoch's bias.")

st.subheader("Looking along a weight and the bias")
weight = st.radio("Weight", ("w1", "w2"), index=1, horizontal=True, key="landscape_weight")
k = 0 if weight == "w1" else 1
fixed = (w1, w2)[k - 1]  # the other weight, at the slice's epoch
bs_x, bs_y = teach.window(*[(p[:, k], p[:, 2]) for p in paths.values()])
along = bias_landscape(neuron.inputs, neuron.targets, k, fixed, bs_x, bs_y)
bias_lines = [Path(f"{m} gradient", p[:, k], p[:, 2], MODE_COLORS[m]) for m, p in paths.items()]
st.plotly_chart(contour_figure(
    f"Loss landscape over ({weight}, bias)", weight, "bias", bs_x, bs_y, along, bias_lines,
    here=((w1, w2)[k], bias, here),
    subtitle=f"MSE with {('w1', 'w2')[k - 1]} fixed at {fixed:.3f} (its value at epoch {at:,})"),
    key="landscape_bias")
