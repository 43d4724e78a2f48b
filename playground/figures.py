"""Show a teaching chart with its name, its description and its numbers.

The chart's accessible name is its own title (Streamlit's `alt` makes the chart a
role="figure" with that aria-label); its description, from describe.py, is the
caption right under it; "Show ... as a table" swaps in the numbers, as an HTML
table a screen reader can walk (st.dataframe draws on a canvas). All three sit in
one container keyed figure_<key>, so a test finds a chart's words beside it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .describe import Words, number


def show(fig: go.Figure, key: str, words: Words) -> None:
    name = fig.layout.title.text
    with st.container(key=f"figure_{key}"):
        st.plotly_chart(fig, key=key, alt=name)
        st.caption(words.description)
        if st.toggle(f"Show “{name}” as a table", key=f"{key}_table"):
            st.table(readable(words.table))


def readable(table: pd.DataFrame):
    """Four significant digits (1.234e-9, not 0.0000), thousands separated, a dash for no value."""
    return (table.style.hide(axis="index")
            .format(lambda v: number(v, 4), subset=list(table.select_dtypes("float").columns), na_rep="–")
            .format("{:,}", subset=list(table.select_dtypes("integer").columns)))
