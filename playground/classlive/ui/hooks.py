"""What the app's shared code calls, so that pages need one line each for Class Live:

    check_in(session)     controls.page(), on every page: a class link, the light check
    held(session)         the Playground's player: the hold message while paused
    post_run(session)     the Playground, under the player: post a stopped run

check_in costs nothing outside a class (two look-ups in the session's memory).
"""

from __future__ import annotations

import streamlit as st

from playground.session import JOIN, Session
from tinynet.fields import shorten

from ..lesson import read_join
from ..seats import Joined, Teaching
from . import student, teacher
from .connect import STORE_ERRORS, caller, current_page, store
from .student import held, post_run

__all__ = ["check_in", "held", "pending_code", "post_run"]


def check_in(session: Session) -> None:
    """Read a join= in the link (a teacher link is taken at once, so its token leaves the
    address bar), then the student's light check, or the way back to the board or to Join."""
    room = session.memory.room
    if room is None and JOIN not in session.memory.link:
        return
    code = pending_code(session)
    room = session.memory.room
    if isinstance(room, Joined):
        student.watch()
    elif isinstance(room, Teaching):
        teacher.back_to_board(room)
    elif code is not None and current_page() != "class" and _still_open(session, code):
        st.page_link(teacher.CLASS_PAGE, label=f"Join class {code}", icon=":material/groups:")


def _still_open(session: Session, code: str) -> bool:
    """Whether the class the link names can be joined; if not, say why once and drop the
    code from the link (so it is not asked again on every rerun)."""
    try:
        store().room(code, caller=caller())
        return True
    except STORE_ERRORS as error:
        session.memory.link.pop(JOIN)
        session.warn(f"Link: join: you cannot join class {code}: {error}. The Playground works "
                     "without a class")
        return False


def pending_code(session: Session) -> str | None:
    """The class code the link asks to join, or None. A code that cannot be one is
    reported and left out; a teacher link makes this session the class's teacher."""
    text = session.memory.link.get(JOIN)
    if text is None:
        return None
    code, token = read_join(text)
    if code is None:
        session.memory.link.pop(JOIN)
        session.warn(f"Link: join: {shorten(text, 40)} is not a class code (six letters and digits, "
                     "like ABC234); ask your teacher for the join link. It was left out")
        return None
    if token is not None:
        session.memory.link.pop(JOIN)  # the token never stays in the address bar
        teacher.take_teacher_link(session, code, token)
        return None
    return code
