"""One step by hand: every number of one epoch, in both gradient modes, checked
against finite differences."""

import numpy as np
import pandas as pd
import streamlit as st

from playground import describe, figures, teach
from playground.charts import MODE_COLORS, Line, lines_figure, mode_line
from playground.controls import page
from tinynet.gradcheck import gradient_check
from tinynet.model import sigmoid, slope
from tinynet.steps import one_step

NAMES = ("w1", "w2", "bias")
GIVEN = ("x1", "x2", "target y")  # the student's own numbers, shown as typed


def table(frame) -> None:
    """A table of computed numbers, six decimals each."""
    six = st.column_config.NumberColumn(format="%.6f")
    st.dataframe(frame, column_config={c: six for c in frame.columns if c not in GIVEN})


session = page("One step, by hand", "Every number of one epoch of gradient descent, in the order it "
             "is computed, for both ways of taking the derivative.")
setup = session.config
neuron = teach.single_neuron(setup, "one step", runs=1)  # one run, and tables over every row
run = teach.recorded(neuron)

last = max(run.epoch, 1)
if session.widget("step_epoch", 1) > last:  # a shorter run than the last one
    session.set_widget("step_epoch", last)
n = st.number_input(f"Epoch (1 to {last:,}): use − and + to step back and forward, or type any epoch",
                    min_value=1, max_value=last, value=1, step=1, key="step_epoch")
w1, w2, bias = run.history[min(n - 1, run.epoch)]
steps = {m: one_step(neuron.inputs, neuron.targets, w1, w2, bias, neuron.lr, m) for m in teach.MODES}
first = steps["exact"]  # the forward pass is the same in both modes
st.markdown(f"Epoch {n} starts from the values the current run (**{neuron.gradient}** gradient) "
            f"reached after {n - 1:,} updates: w1 = {w1:.6f}, w2 = {w2:.6f}, bias = {bias:.6f}. "
            "Both columns below start from these same values.")

st.header("1. Forward: what the neuron outputs for each row")
st.latex(r"z = w_1 x_1 + w_2 x_2 + b \qquad a = \sigma(z) = \frac{1}{1 + e^{-z}} \qquad \text{error} = a - y")
rows = pd.DataFrame({k: first[k] for k in ("x1", "x2", "y", "z", "a", "error")})
rows.index = np.arange(1, len(rows) + 1)
rows = rows.rename(columns={"y": "target y", "error": "error a − y"})
table(rows)

st.header("2. Backward: the derivative factor, two ways")
st.latex(r"\text{exact: } \sigma'(z) = a\,(1 - a) \qquad "
         r"\text{notebook: } \sigma'(a) = \sigma(a)\,(1 - \sigma(a))")
st.latex(r"\text{per-row derivative: } \delta = (a - y)\cdot\text{factor}")
back = pd.DataFrame({
    "factor, notebook σ'(σ(z))": steps["notebook"]["factor"], "factor, exact a(1−a)": first["factor"],
    "difference": steps["notebook"]["factor"] - first["factor"],
    "δ notebook": steps["notebook"]["delta"], "δ exact": first["delta"],
}, index=rows.index)
table(back)
z = np.linspace(-8, 8, 321)
factors = {m: slope(sigmoid(z), m) for m in teach.MODES}
figures.show(lines_figure(
    "The derivative factor for every z", "z = w1·x1 + w2·x2 + bias", "derivative factor",
    [mode_line("exact: σ'(z) = a(1 − a)", z, factors["exact"], "exact"),
     mode_line("notebook: σ'(σ(z))", z, factors["notebook"], "notebook"),
     Line("rows, exact", first["z"], first["factor"], MODE_COLORS["exact"], symbol="circle"),
     Line("rows, notebook", first["z"], steps["notebook"]["factor"], MODE_COLORS["notebook"],
          symbol="square")],
    subtitle="The exact factor fades to 0 as the neuron saturates; the notebook's never drops below 0.197"),
    "slope_chart", describe.derivative_factors(z, factors["exact"], factors["notebook"], first["z"],
                                               first["factor"], steps["notebook"]["factor"]))

st.header("3. Gradients and the update")
st.latex(r"\frac{\partial L}{\partial w_1} = \sum \delta\,x_1 \qquad \frac{\partial L}{\partial w_2} = "
         r"\sum \delta\,x_2 \qquad \frac{\partial L}{\partial b} = \sum \delta \qquad "
         r"w \leftarrow w - \text{lr}\cdot\frac{\partial L}{\partial w}"
         rf"\quad (\text{{lr}} = {neuron.lr:g})")
checks = {m: gradient_check(neuron.inputs, neuron.targets, w1, w2, bias, m) for m in teach.MODES}
numeric = checks["exact"].numeric  # the same measurement for both: it depends only on L
update = pd.DataFrame({
    "now": [w1, w2, bias],
    "gradient, notebook": steps["notebook"]["grad"], "gradient, exact": first["grad"],
    "finite differences": numeric,
    "next, notebook": steps["notebook"]["new"], "next, exact": first["new"],
}, index=NAMES)
table(update)

st.header("4. Check the gradient with finite differences")
steps_h = ", ".join(f"{name} {h:.1e}" for name, h in zip(NAMES, checks["exact"].h))
st.latex(r"L = \tfrac12 \sum (a - y)^2 \qquad \frac{\partial L}{\partial w} \approx "
         r"\frac{L(w + h) - L(w - h)}{2h}")
st.caption("Nudge each value a tiny bit up and down and see how much L changes: no derivative "
           "formula involved, so it is an independent check of the two gradients above. Each nudge h "
           f"moves the neuron's sum z by about a millionth ({steps_h}), large enough for the "
           "numbers to register and small enough to stay on the curve.")
for mode in teach.MODES:
    check = checks[mode]
    verdict = f"**{mode}** gradient: largest relative difference from finite differences = {check.error:.2e}"
    if check.status == "pass":
        st.success(f"PASS — {verdict}. This is the true gradient of L.", icon=":material/check_circle:")
    elif check.status == "fail":
        st.error(f"FAIL — {verdict}, more than this measurement's uncertainty allows. "
                 "This is not the gradient of L.", icon=":material/cancel:")
    else:
        st.info(f"CANNOT JUDGE — **{mode}** gradient: at these values the loss barely changes (or the "
                "numbers overflow), so finite differences cannot tell a right gradient from a wrong one "
                "here. Try an earlier epoch or smaller starting values.", icon=":material/help:")

st.header("The notebook's three traps")
mse, loss = first["mse"], first["loss"]
copies_x2 = np.array_equal(first["y"], first["x2"])
st.markdown(
    f"""
1. **The derivative of the wrong thing.** Backpropagation needs σ'(z) = a(1 − a). The notebook
   applies the derivative to the output a instead, computing σ'(σ(z)). The check above catches
   it; training does not: it still goes downhill, because the factor is still positive. It even
   ends at a *lower* MSE than the exact version, because σ'(σ(z)) stays between 0.197 and 0.25
   (see the chart), while the true factor fades to 0 as the neuron grows sure of itself, so true
   gradient descent slows down near the end.
2. **A factor of two.** The notebook reports the mean squared error, MSE = mean of (a − y)²
   (here {mse:.6f}), but its update is the gradient of L = ½·Σ(a − y)² (here {loss:.6f}),
   which for {len(first["y"])} rows is {len(first["y"]) / 2:g} × MSE. Both modes here descend L,
   so a learning rate means the same in both; a gradient check must use L, not the MSE.
3. **It is not XOR.** With the rows in the order (0,0), (0,1), (1,1), (1,0), the targets
   0, 1, 1, 0 just copy x2, so one neuron can learn them (w2 large, w1 near 0).
   {"Your targets are exactly x2 right now." if copies_x2 else "Your targets are not a copy of x2."}
   True XOR in this order is 0, 1, 0, 1: one neuron cannot get below MSE 0.25 on it, and
   a hidden layer can (see the **Hidden layer** page).
"""
)
