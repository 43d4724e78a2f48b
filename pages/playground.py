"""The playground: edit the rows and the knobs, press Play, watch the neuron learn."""

import streamlit as st

from playground import classroom
from playground.classlive.ui import hooks as classlive
from playground.controls import page
from playground.live import live_view
from playground.words import what_plays

session = page("Watch a neuron learn",
               "Edit the rows and the starting values in the sidebar, then press **Play**. "
               "Everything is computed once on the server and played back in your browser.")
st.caption(what_plays(session.config, session.preset))


@st.fragment
def player_part() -> None:
    """The player and what depends on its reports. A fragment: the player's reports (Pause,
    Step, the end, the answer to a change) rerun only this, not the sidebar and the rest."""
    run, _ = live_view(session, held=classlive.held(session))  # a teacher's pause holds it (Class Live)
    classlive.post_run(session)  # a stopped run goes to the teacher's board
    classroom.downloads(run)


player_part()

with st.expander("What am I looking at?"):
    st.markdown(
        "- **The neuron** computes *a* = σ(w1·x1 + w2·x2 + bias), a number between 0 and 1.\n"
        "- **MSE** is the mean of (a − target)² over the rows: how wrong it still is.\n"
        "- **Each epoch** nudges w1, w2 and the bias a little downhill on the error "
        "(gradient descent); the *learning rate* sets the size of the nudge.\n"
        "- **The output map** colours every point (x1, x2) by the neuron's output; the line "
        "where it is exactly 0.5 is the *decision line* that separates class 0 from class 1.\n"
        "- **A row is right** when its output is clearly on its target's side of 0.5 (at least "
        "0.1 away); nearer 0.5 than that it is *unsure*.\n"
        "- **Pacing**: by default the first epochs, where most of the learning happens, get more of "
        "the playing time, and the epoch axis spreads them out to match.")

classroom.panel(session)
