"""The classroom kit: share a lesson link, lock knobs, present, export, load a setup.

A lesson link is the page's ordinary link (every setting in the query string)
plus the lesson options declared in session.LESSON:
    lock=gradient,epochs   these controls are disabled for the session
    presenter=1            large type, thick lines, high contrast
Names in `lock` come from the vocabulary and the player's own controls; a name
that is neither is reported, and the valid ones still apply.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from tinynet import Run, configfile
from tinynet.export import to_csv, to_json, to_notebook, to_python

from .player import label
from .session import LESSON, LOCKABLE, Session, Widgets, plain

MAX_LINK = 2000  # longer links break in some chat tools and LMSs

DOWNLOADS = (  # (label, file name, MIME type, maker taking the run on show)
    ("Python script", "tinynet_run.py", "text/x-python", lambda run: to_python(run.config, run.segments)),
    ("Notebook", "tinynet_run.ipynb", "application/x-ipynb+json",
     lambda run: to_notebook(run.config, run.segments)),
    ("Setup (JSON)", "tinynet_setup.json", "application/json", lambda run: to_json(run.config)),
    ("History (CSV)", "tinynet_history.csv", "text/csv", lambda run: to_csv(run)),
)


def lesson_bar(session: Session) -> None:
    """Sidebar: the presenter toggle and what the link locks; main area: notices and
    the presenter style. Every page draws it (controls.page)."""
    session.prepare(Widgets.PRESENTER, session.presenter)
    with st.sidebar:
        st.toggle("Presenter mode", key=Widgets.PRESENTER, on_change=_presenter_changed,
                  help=f"{LESSON['presenter'].help}. Add presenter=1 to a link to open it this way.")
        if session.locked:
            locks = ", ".join(n for n in LOCKABLE if n in session.locked)
            st.caption(f"🔒 This lesson's link locks: {locks}")
    for kind, message in session.take_notices():
        getattr(st, kind)(plain(message), icon=":material/warning:" if kind in ("warning", "error") else None)
    if session.presenter:
        st.html(PRESENTER_CSS)


def _presenter_changed() -> None:
    session = Session.current()
    session.set_presenter(bool(session.widget(Widgets.PRESENTER)))


def share_link(session: Session, lock=(), present: bool = False) -> str:
    params = session.share_params()
    if lock:
        params["lock"] = ",".join(lock)
    if present:
        params["presenter"] = "1"
    return f"{st.context.url or ''}?{urlencode(params, safe=',')}"


def downloads(run: Run) -> None:
    """The run on show as a script, a notebook, its setup and its history, made only when
    clicked. Drawn beside the player (in its fragment), so the caption names the run that
    is on show, each learning rate with the epoch it took over."""
    st.caption(f"Take the run home: the script and the notebook retrain {_what_runs(run)} with NumPy alone "
               "and end with the same weights and bias as its last epoch.")
    for column, (title, name, mime, make) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        with column:  # made only when clicked: most students never download
            st.download_button(title, lambda make=make: make(run), file_name=name, mime=mime,
                               key=f"download_{name}", on_click="ignore", icon=":material/download:",
                               width="stretch")


def _what_runs(run: Run) -> str:
    """The run in words: one learning rate, or each with the epoch it took over."""
    if len(run.segments) == 1:
        return f"this run ({run.config.epochs:,} epochs at learning rate {label(run.segments[0])})"
    parts = [f"{label(s)} from epoch {s.first_epoch:,}" for s in run.segments]
    return f"this run as it played: {', then '.join(parts)}"


def panel(session: Session) -> None:
    """Share and load: the bottom of the playground page."""
    st.subheader("Share a lesson, load a setup")
    # Its contents are drawn only while it is open: most visits never share, and the
    # link's code box alone adds about 0.2 s to the page's first chart (bench/playground.py).
    share = st.expander("Share this setup", key=Widgets.SHARE_OPEN, on_change="rerun", icon=":material/link:")
    with share:
        if share.open:
            _share(session)
    barred = session.locked & set(configfile.NAMES)
    st.file_uploader("Load a setup (JSON, as downloaded above)", type=["json"], key=Widgets.UPLOAD,
                     on_change=_load_upload, max_upload_size=1, disabled=bool(barred),
                     help="Off while this lesson's link locks settings." if barred else
                          f"A JSON object with any of: {', '.join(configfile.NAMES)}.")


def _share(session: Session) -> None:
    """The share link for this setup, with the class's locks and presenter mode."""
    lock = st.multiselect("Lock for the class", LOCKABLE, key=Widgets.SHARE_LOCK,
                          default=[n for n in LOCKABLE if n in session.locked],
                          help="Locked controls are shown but cannot be changed: focus a lesson "
                               "on one knob. Setup names and the player's play, step, reset, "
                               "speed and scrub.")
    present = st.checkbox("Open in presenter mode", key=Widgets.SHARE_PRESENTER, value=session.presenter)
    link = share_link(session, lock, present)
    st.code(link, language=None, wrap_lines=True)
    held = "rows and targets, w1, w2, bias, learning rate, epochs and gradient mode"
    if session.config.hidden:
        held += ", hidden units and seed"
    extras = (f" It locks {', '.join(lock)}." if lock else "") + (
        " It opens in presenter mode." if present else "")
    st.caption(f"This link holds the whole setup: {held}.{extras} It does not hold how far the "
               f"run has played: whoever opens it starts at epoch 0. {len(link):,} characters.")
    if len(link) > MAX_LINK:
        st.warning("This link is long enough that some chat tools cut it: share the "
                   "setup as a JSON file instead.")


def _load_upload() -> None:
    """Runs before the page: a valid file becomes the setup, widgets included;
    a bad one is reported and the current setup stays."""
    session = Session.current()
    file = session.widget(Widgets.UPLOAD)
    if file is None:
        return
    try:
        new = configfile.load(file.getvalue())
    except ValueError as error:
        session.notice("error", f"That file was not loaded: {error}. The last valid setup is kept.")
    else:
        session.set_config(new)
        session.notice("success", "Loaded the setup from your file.")


# Static CSS (never user text). Selectors are Streamlit's data-testids; lines in
# Plotly charts drawn on the page get thicker (the player thickens its own).
_PRESENTER_BASE = """
[data-testid="stMain"] h1 { font-size: 3.75rem !important; }
[data-testid="stMain"] h2, [data-testid="stMain"] h3 { font-size: 2.25rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] :is(p, li, summary p) {
  font-size: 1.35rem !important; line-height: 1.5; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.2rem !important; }
[data-testid="stMain"] :is([data-testid="stCaptionContainer"],
  [data-testid="stMarkdownContainer"]):not(button *) { color: var(--ink) !important; opacity: 1; }
[data-testid="stMain"] :is(h1, h2, h3, p, li, label, summary):not(button *) {
  color: var(--ink); font-weight: 500; }
[data-testid="stMain"] :is(h1, h2, h3) { font-weight: 800; }
[data-testid="stMain"] button { border-width: 2px; border-color: var(--ink); }
[data-testid="stMain"] button p { font-size: 1.2rem !important; }
.js-plotly-plot:not(.tinynet-player *) .scatterlayer path.js-line { stroke-width: 4px !important; }
.js-plotly-plot:not(.tinynet-player *) :is(.xtick, .ytick) text { font-size: 16px !important; }
[data-testid="stSidebar"] [data-testid="stVerticalBlock"] { gap: 0.4rem; }
"""
# light-dark() follows the color-scheme Streamlit sets on stApp for its theme, so
# the ink is black on the light theme and white on the dark one, with no rerun.
PRESENTER_CSS = f"""<style>
[data-testid="stApp"] {{ --ink: light-dark(#000000, #ffffff); }}{_PRESENTER_BASE}</style>"""
