"""The playground: edit the rows and the knobs, press Play, watch the neuron learn."""

import streamlit as st

from playground import classroom, state
from playground.controls import setup_editor
from playground.live import live_view

st.title("Watch a neuron learn")
st.caption("Edit the rows and the starting values in the sidebar, then press **Play**. "
           "Everything is computed once on the server and played back in your browser.")

setup = setup_editor()
state.show_messages()
run, _ = live_view(setup)
if run.diverged_at is not None:
    st.error(f"Diverged at epoch {run.diverged_at}: try a smaller learning rate. "
             f"The charts stop at epoch {run.epoch}, the last finite state.")
state.sync_url(setup)

with st.expander("What am I looking at?"):
    st.markdown(
        "- **The neuron** computes *a* = σ(w1·x1 + w2·x2 + bias), a number between 0 and 1.\n"
        "- **MSE** is the mean of (a − target)² over the rows: how wrong it still is.\n"
        "- **Each epoch** nudges w1, w2 and the bias a little downhill on the error "
        "(gradient descent); the *learning rate* sets the size of the nudge.\n"
        "- **The output map** colours every point (x1, x2) by the neuron's output; the line "
        "where it is exactly 0.5 is the *decision line* that separates class 0 from class 1.")

classroom.panel(setup, run)
