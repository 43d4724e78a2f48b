"""The floor for "first chart drawn": a Streamlit app with a single st.plotly_chart."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[0.24, 0.1, 0.01], mode="lines")))
