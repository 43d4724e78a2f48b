"""The floor for a rerun's server CPU: a page that does almost nothing, and a fragment
whose button reruns only itself (bench/rerun_cost.py)."""

import streamlit as st

st.write("A page that does almost nothing.")


@st.fragment
def part():
    st.button("Press", key="press")


part()
