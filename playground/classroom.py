"""The classroom kit: share a lesson link, lock knobs, present, export, load a setup.

A lesson link is the page's ordinary link (every setting in the query string)
plus two lesson options that state.load_url keeps aside:
    lock=gradient,epochs   these controls are disabled for the session
    presenter=1            large type, thick lines, high contrast
Names in `lock` come from the vocabulary and the player's own controls; a name
that is neither is reported, and the valid ones still apply.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from tinynet import FIELDS, Config, Run, configfile
from tinynet.export import to_csv, to_json, to_notebook, to_python

from . import state
from .player import CONTROLS

LOCKABLE = (*FIELDS, "preset", *CONTROLS)
LOCKED = "lesson_locked"  # frozenset of locked names, read from the link once a session
PRESENTER = "presenter_on"  # survives pages where the toggle is not drawn
NOTICES = "lesson_notices"  # (kind, message) to show once
UPLOAD = "setup_upload"
SHARE_OPEN = "share_open"  # the share expander: open or not (its contents are drawn only when open)
MAX_LINK = 2000  # longer links break in some chat tools and LMSs

DOWNLOADS = (  # (label, file name, MIME type, maker taking (setup, run))
    ("Python script", "tinynet_run.py", "text/x-python", lambda setup, run: to_python(setup)),
    ("Notebook", "tinynet_run.ipynb", "application/x-ipynb+json", lambda setup, run: to_notebook(setup)),
    ("Setup (JSON)", "tinynet_setup.json", "application/json", lambda setup, run: to_json(setup)),
    ("History (CSV)", "tinynet_history.csv", "text/csv", lambda setup, run: to_csv(run)),
)


def _read_link() -> None:
    """Once a session: take lock and presenter from the link, reporting bad values."""
    state.config()  # a session's first call reads the link (state.load_url)
    if LOCKED in st.session_state:
        return
    params = st.session_state.get(state.LESSON_PARAMS, {})
    names = [n.strip() for n in params.get("lock", "").split(",") if n.strip()]
    unknown = [n for n in names if n not in LOCKABLE]
    if unknown:
        _notice("warning", f"Link: lock: {', '.join(repr(n[:40]) for n in unknown)} cannot be locked "
                           f"(these can: {', '.join(LOCKABLE)}); the other names are locked")
    st.session_state[LOCKED] = frozenset(n for n in names if n in LOCKABLE)
    flag = params.get("presenter", "0")
    if flag not in ("0", "1"):
        _notice("warning", f"Link: presenter: {flag[:40]!r} is not allowed; expected 1 (on) or 0 (off)")
    st.session_state[PRESENTER] = flag == "1"


def locked() -> frozenset[str]:
    """Names this session's lesson link locks (vocabulary names and player controls)."""
    _read_link()
    return st.session_state[LOCKED]


def presenter() -> bool:
    _read_link()
    return st.session_state[PRESENTER]


def player_options() -> dict:
    """Keyword arguments for the player: presenter mode and its locked controls."""
    return {"presenter": presenter(), "lock": tuple(n for n in CONTROLS if n in locked())}


def _notice(kind: str, message: str) -> None:
    st.session_state.setdefault(NOTICES, []).append((kind, message))


def lesson_bar() -> None:
    """Sidebar: the presenter toggle and what the link locks; main area: notices
    and the presenter style. setup_editor calls it first, on every page."""
    _read_link()
    st.session_state["presenter"] = st.session_state[PRESENTER]
    with st.sidebar:
        st.toggle("Presenter mode", key="presenter", on_change=_presenter_changed,
                  help="Large type, thick lines and high contrast, for a projector. "
                       "Add presenter=1 to a link to open it this way.")
        if locked():
            st.caption(f"🔒 This lesson's link locks: {', '.join(sorted(locked(), key=LOCKABLE.index))}")
    for kind, message in st.session_state.pop(NOTICES, []):
        getattr(st, kind)(state.plain(message), icon=":material/warning:" if kind == "warning" else None)
    if presenter():
        st.html(PRESENTER_CSS)


def _presenter_changed() -> None:
    on = bool(st.session_state["presenter"])
    st.session_state[PRESENTER] = on
    lesson = st.session_state.setdefault(state.LESSON_PARAMS, {})
    if on:
        lesson["presenter"] = "1"
    else:
        lesson.pop("presenter", None)


def share_link(setup: Config, lock=(), present: bool = False) -> str:
    params = state.share_params(setup)
    if lock:
        params["lock"] = ",".join(lock)
    if present:
        params["presenter"] = "1"
    return f"{st.context.url or ''}?{urlencode(params, safe=',')}"


def panel(setup: Config, run: Run) -> None:
    """Share, download and load: the bottom of the playground page."""
    st.subheader("Share, download, load")
    # Its contents are drawn only while it is open: most visits never share, and the
    # link's code box alone adds about 0.2 s to the page's first chart (bench/playground.py).
    share = st.expander("Share this setup", key=SHARE_OPEN, on_change="rerun", icon=":material/link:")
    with share:
        if share.open:
            _share(setup)
    st.caption("Take the run home: the script and the notebook retrain this setup from epoch 0 "
               "with NumPy alone and end with the same weights and bias.")
    for column, (label, name, mime, make) in zip(st.columns(len(DOWNLOADS)), DOWNLOADS):
        with column:  # made only when clicked: most students never download
            st.download_button(label, lambda make=make: make(setup, run), file_name=name, mime=mime,
                               key=f"download_{name}", on_click="ignore", icon=":material/download:",
                               width="stretch")
    barred = locked() & set(FIELDS)
    st.file_uploader("Load a setup (JSON, as downloaded above)", type=["json"], key=UPLOAD,
                     on_change=_load_upload, max_upload_size=1, disabled=bool(barred),
                     help="Off while this lesson's link locks settings." if barred else
                          f"A JSON object with any of: {', '.join(configfile.NAMES)}.")
    for kind, message in st.session_state.pop(UPLOAD + "_notice", []):
        getattr(st, kind)(state.plain(message))


def _share(setup: Config) -> None:
    """The share link for this setup, with the class's locks and presenter mode."""
    lock = st.multiselect("Lock for the class", LOCKABLE, key="share_lock",
                          default=sorted(locked(), key=LOCKABLE.index),
                          help="Locked controls are shown but cannot be changed: focus a lesson "
                               "on one knob. Setup names and the player's play, step, reset, "
                               "speed and scrub.")
    present = st.checkbox("Open in presenter mode", key="share_presenter", value=presenter())
    link = share_link(setup, lock, present)
    st.code(link, language=None, wrap_lines=True)
    held = "rows and targets, w1, w2, bias, learning rate, epochs and gradient mode"
    if setup.hidden:
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
    file = st.session_state.get(UPLOAD)
    if file is None:
        return
    try:
        new = configfile.load(file.getvalue())
    except ValueError as error:
        notice = ("error", f"That file was not loaded: {error}. The last valid setup is kept.")
    else:
        state.set_config(new)
        notice = ("success", "Loaded the setup from your file.")
    st.session_state[UPLOAD + "_notice"] = [notice]


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
