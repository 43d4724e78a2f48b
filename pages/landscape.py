"""The loss landscape: the MSE over the weights, and the path gradient descent took on it."""

import numpy as np
import streamlit as st

from playground import describe, figures, teach
from playground.charts import MODE_COLORS, MODE_DASHES, Path, contour_figure, surface_figure
from playground.controls import page
from tinynet import loss_landscape
from tinynet.steps import bias_landscape, mse_at
from tinynet.train import sample_epochs

session = page("The loss landscape",
             "Every point of the map is one choice of weights, coloured by how wrong the neuron is "
             "with them (its MSE). Gradient descent walks downhill on this map.")
setup = session.config
neuron = teach.single_neuron(setup, "the loss landscape")

other = teach.other_mode(neuron.gradient)
runs = {neuron.gradient: teach.recorded(neuron)}
if st.toggle(f"Also show the **{other}** gradient's path from the same start", value=True,
             key="landscape_other"):
    runs = {other: teach.recorded(neuron.replace(gradient=other)), **runs}  # the current run drawn on top
run = runs[neuron.gradient]
at = st.slider("Slice at epoch: the map keeps the bias (and the other weight) of this epoch of the "
               "current run", 0, run.epoch, run.epoch, key="landscape_epoch") if run.epoch > 0 else 0
w1, w2, bias = run.history[at]
here = f"slice at epoch {at:,}"
epochs = {m: sample_epochs(r.epoch, 600) for m, r in runs.items()}
paths = {m: r.history[epochs[m]] for m, r in runs.items()}  # rows of (w1, w2, bias)

xs, ys = teach.window(*[(p[:, 0], p[:, 1]) for p in paths.values()])
grid = loss_landscape(neuron.inputs, neuron.targets, xs, ys, bias)


def drawn(m: str, x, y, z=None) -> Path:
    """A path in its mode's colour and dash, each point with its epoch (for the tables)."""
    return Path(f"{m} gradient", x, y, MODE_COLORS[m], z=z, dash=MODE_DASHES[m], epochs=epochs[m])


lines = [drawn(m, p[:, 0], p[:, 1],
               z=mse_at(neuron.inputs, neuron.targets, np.column_stack([p[:, :2], np.full(len(p), bias)])))
         for m, p in paths.items()]  # on the surface, each point at its height on this slice

weight = st.radio("The second map looks along the bias and", ("w1", "w2"), index=1, horizontal=True,
                  key="landscape_weight")
left, right = st.columns(2)
with left:
    fixed_bias, mark = f"bias fixed at {bias:.3f} (epoch {at:,})", (w1, w2, here)
    figures.show(contour_figure("Over (w1, w2)", "w1", "w2", xs, ys, grid, lines, here=mark,
                                subtitle=fixed_bias), "landscape_map",
                 describe.landscape("w1", "w2", xs, ys, grid, lines, fixed_bias, here=mark))
with right:
    k = 0 if weight == "w1" else 1
    fixed = (w1, w2)[1 - k]  # the other weight, at the slice's epoch
    bx, by = teach.window(*[(p[:, k], p[:, 2]) for p in paths.values()])
    along = bias_landscape(neuron.inputs, neuron.targets, k, fixed, bx, by)
    fixed_weight = f"{('w1', 'w2')[1 - k]} fixed at {fixed:.3f} (epoch {at:,})"
    bias_paths, mark = [drawn(m, p[:, k], p[:, 2]) for m, p in paths.items()], ((w1, w2)[k], bias, here)
    figures.show(contour_figure(f"Over ({weight}, bias)", weight, "bias", bx, by, along, bias_paths,
                                here=mark, subtitle=fixed_weight), "landscape_bias",
                 describe.landscape(weight, "bias", bx, by, along, bias_paths, fixed_weight, here=mark))
st.caption("The paths move in three numbers (w1, w2 and the bias), but a map shows two: each map is "
           "one slice through the landscape. Move the slider to slice at another epoch.")
figures.show(surface_figure("The (w1, w2) map as a surface", "w1", "w2", xs, ys, grid, lines,
                            subtitle="drag to turn it; each path is drawn at its height on this slice"),
             "landscape_surface", describe.landscape("w1", "w2", xs, ys, grid, lines, fixed_bias))
