"""Streamlit and Plotly glue shared by the pages (tinynet stays free of both)."""

from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx


def _leave_legacy_pages() -> None:
    """Streamlit runs a file of pages/ directly (its old multipage mode) when the first
    request a fresh server gets is a link to that page, and app.py's navigation never
    runs. Every page imports this package, so we switch that mode off and rerun, which
    runs app.py and its navigation for the same page."""
    if PagesManager.uses_pages_directory and get_script_run_ctx() is not None:
        PagesManager.uses_pages_directory = False
        import streamlit as st

        st.rerun()


_leave_legacy_pages()
