"""The app's side of the store: one store per server process, and who is calling.

Every store call from a page goes through here and catches STORE_ERRORS: the
store's own errors and ValueError both carry one line for the person at the
screen (a bad name, an unknown code, a Redis that is down, a bad TINYNET_STORE),
so the page shows the line and carries on.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ..env import store_from_env
from ..errors import ClassLiveError
from ..store import ClassStore

STORE_ERRORS = (ClassLiveError, ValueError)


@st.cache_resource(show_spinner=False)
def store() -> ClassStore:
    """The process's store (TINYNET_STORE). A bad setting raises each time it is asked
    for (nothing is cached), so fixing it needs no restart of the sessions."""
    return store_from_env()


def caller() -> str:
    """The browser session's id: the store counts unknown codes per caller."""
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no session"


def current_page() -> str:
    """The url path of the page being run ("" for the Playground, "class", ...)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return ""
    return ctx.pages_manager.get_pages().get(ctx.page_script_hash, {}).get("url_pathname", "")


def fragment_run() -> bool:
    """This run reruns fragments only (their timer or their widgets), not the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)
