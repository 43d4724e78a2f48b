"""A student in a live class: the join form, the light check, the hold, the posts.

The light check is one small fragment on every page (no charts): every
CHECK_SECONDS it asks the store what changed. When the teacher paused or
resumed the class, sent a setup, or ended the class, it reruns the whole page,
and that run applies the change: the player is held, or the setup replaced. A
student's page never reads the board.
"""

from __future__ import annotations

import streamlit as st

from playground.live import stopped_at
from playground.session import JOIN, Session, plain

from ..errors import RoomNotFound
from ..from_run import stop_to_post, summary_of
from ..lesson import lesson_config
from ..records import Check
from ..rules import NAME_MAX, clean_name
from ..seats import Joined
from .connect import STORE_ERRORS, caller, fragment_run, store

HELD = "Your teacher paused the class."
CHECK_SECONDS = 3  # a teacher's command reaches every student within this (and one rerun)
NAME_KEY = "class_name"
PLAYGROUND = "pages/playground.py"


# ---- joining (the Class page, from the join link) ----

def join_form(session: Session, code: str) -> None:
    """The class's code checked, then a name and Join; a bad or ended code says so."""
    try:
        room = store().room(code, caller=caller())
    except STORE_ERRORS as error:
        st.error(f"You cannot join this class: {plain(str(error))}", icon=":material/error:")
        st.caption("The Playground works without a class: pick it in the navigation.")
        return
    st.subheader(f"Join class {room.code}")
    st.markdown("Type the name your class should see. Only your teacher's board shows it, next to "
                "your runs; nothing else about you is kept, and the class is deleted when it ends.")
    with st.form("class_join", border=False, enter_to_submit=True):
        st.text_input("Your name", max_chars=NAME_MAX, key=NAME_KEY, placeholder="a first name or a nickname")
        st.form_submit_button("Join", type="primary", key="class_join_button", on_click=_join,
                              args=(room.code,))


def _join(code: str) -> None:
    """Join's callback (it runs before the page, so the lesson's setup can fill the widgets)."""
    session = Session.current()
    name = session.widget(NAME_KEY) or ""
    try:
        student = store().join(code, name, caller=caller())
        room = store().room(code, caller=caller())
    except STORE_ERRORS as error:
        session.notice("error", f"You have not joined: {error}")
        return
    _take_lesson(session, room.setup, room.locks)
    session.memory.room = Joined(code, student, clean_name(name), lesson=session.config,
                                 version=room.version, paused=room.paused)


def joined_page(session: Session, joined: Joined) -> None:
    """The Class page of a student who has joined: off to the Playground the first time."""
    if not joined.welcomed:
        joined.welcomed = True
        st.switch_page(PLAYGROUND)
    st.subheader(f"You are in class {joined.code} as {plain(joined.name)}")
    st.markdown("Pick a learning rate, press **Play**, and your run lands on your teacher's board.")
    st.page_link(PLAYGROUND, label="Back to the Playground", icon="▶️")
    st.button("Leave the class", key="class_leave", on_click=_leave)


def _leave() -> None:
    session = Session.current()
    session.memory.room = None
    session.memory.link.pop(JOIN, None)


def _take_lesson(session: Session, setup: dict, locks) -> None:
    config, preset = lesson_config(setup)
    session.set_config(config, preset)
    session.set_locks(locks)


# ---- the light check (every page) ----

@st.fragment(run_every=CHECK_SECONDS)
def watch() -> None:
    """Ask the store what changed. On its own timer it only looks, and reruns the page
    when there is something to apply; as part of a page's run it applies it."""
    session = Session.current()
    joined = session.memory.room
    if not isinstance(joined, Joined):
        return
    try:
        check = store().check(joined.code, joined.version, caller=caller())
    except STORE_ERRORS as error:
        st.caption(f"⚠️ Your class cannot be reached just now ({plain(str(error))}). The Playground works "
                   "as usual.")
        return
    if fragment_run():
        if check.ended or check.paused != joined.paused or check.setup is not None:
            st.rerun()  # the whole page: the player must be held, or the setup replaced
        joined.version = check.version  # nothing to apply (setup is None: no newer setup)
    else:
        _apply(session, joined, check)
    if isinstance(session.memory.room, Joined):
        st.caption(f"🎓 Class {joined.code}: you are {plain(joined.name)}. Your teacher's board gets your "
                   "run when you stop it: at the end of Play, on Pause, or stepping onto the last epoch.")


def _apply(session: Session, joined: Joined, check: Check) -> None:
    if check.ended:
        session.memory.room = None
        session.memory.link.pop(JOIN, None)
        session.notice("warning", f"Class {joined.code} has ended (your teacher ended it, or it was idle "
                                  "for hours). The Playground keeps working.")
        return
    if check.setup is not None:
        _take_lesson(session, check.setup, check.locks)
        joined.lesson = session.config
        locks = f"; locked: {', '.join(check.locks)}" if check.locks else ""
        session.notice("info", f"Your teacher sent the class a new setup{locks}.")
    joined.paused, joined.version = check.paused, check.version


# ---- the Playground's hooks ----

def held(session: Session) -> str | None:
    """The player's hold message while the teacher has paused the class."""
    joined = session.memory.room
    return HELD if isinstance(joined, Joined) and joined.paused else None


def post_run(session: Session, key: str = "player") -> None:
    """Post the run on show when the student's last report is a stop the board should
    get, once: every rerun until the next report sees the same report. (A run id names
    a setup's run, so going back to an earlier rate posts that run again: the board
    shows each student's latest.) Say under the player what happened."""
    joined = session.memory.room
    if not isinstance(joined, Joined):
        return
    live, value = session.memory.live.get(key), session.player_value(key)
    if live is not None and value is not None:
        stop = stop_to_post(value.get("event"), stopped_at(live, value), live.run)
        if stop is not None and (live.spec["id"], *stop) != joined.posted:
            joined.posted = (live.spec["id"], *stop)
            _post(session, joined, summary_of(live.run, *stop, joined.lesson))
    if joined.said:
        st.caption(joined.said)


def _post(session: Session, joined: Joined, summary: dict) -> None:
    try:
        kept = store().post(joined.code, joined.student, summary, caller=caller())
    except RoomNotFound:
        joined.said = f"Class {joined.code} is no longer running: this run was not sent."
    except STORE_ERRORS as error:
        joined.said = f"This run was not sent to your teacher: {plain(str(error))}"
    else:
        joined.said = (f"Sent to your teacher's board: learning rate {kept.lr:g} ({kept.gradient}), "
                       f"MSE {kept.final_mse:.3e} at epoch {kept.epoch:,}.")
