"""Show a teaching chart with its name, its description and its numbers.

The chart's accessible name is its own title (Streamlit's `alt` makes the chart a
role="figure" with that aria-label); its description, from describe.py, is the
caption right under it; "Show ... as a table" swaps in the numbers. All three sit in
one container keyed figure_<key>, so a test finds a chart's words beside it.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from .describe import Words


def show(fig: go.Figure, key: str, words: Words) -> None:
    name = fig.layout.title.text
    with st.container(key=f"figure_{key}"):
        st.plotly_chart(fig, key=key, alt=name)
        st.caption(words.description)
        if st.toggle(f"Show “{name}” as a table", key=f"{key}_table"):
            st.dataframe(words.table, hide_index=True)
