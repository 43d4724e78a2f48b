"""The teacher's side of a live class: start it, the board, the commands, projecting.

Only the teacher's page refreshes itself: the board is a fragment that reads the
class every BOARD_SECONDS. Every command sends the token kept in the teacher's
session; the store compares it in constant time and refuses anything else.
Commands are button callbacks: they run before the page, so that projecting a
run can set the widgets, and the board drawn after them shows their effect.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import streamlit as st

from playground import teach
from playground.session import JOIN, LOCKABLE, Session, plain

from ..board_view import board_figure, board_table, curve_decades, true_curve
from ..errors import NotTeacher, RoomNotFound
from ..lesson import lesson_config, teacher_join
from ..records import Board
from ..rules import Limits
from ..seats import Teaching
from .connect import STORE_ERRORS, caller, current_page, store

BOARD_SECONDS = 2
LOCKS_KEY = "class_locks"
PICK_KEY = "class_pick"
CHART_KEY = "class_chart"
PLAYGROUND = "pages/playground.py"
CLASS_PAGE = "pages/class.py"


# ---- starting, and coming back ----

def start_form(session: Session) -> None:
    st.subheader("Start a class")
    st.markdown("Everyone opens your join link, types a name, picks a learning rate and presses **Play**: "
                "each finished run lands on your board as a point, and the class sees the learning-rate "
                "sweep it built by hand. The class gets the setup in the sidebar, with these locks.")
    _locks_picker(session)
    st.button("Start a class", type="primary", key="class_start", on_click=_start)
    st.caption(f"The class lives on this server (or in the Redis that TINYNET_STORE names) until you end it, "
               f"or for {Limits().idle_seconds / 3600:g} hours after its last join, run or command. It keeps "
               "each student's display name and a summary of their latest run, nothing else. Already "
               "teaching a class and this page was reloaded? Open your teacher link to get its board back.")


def _locks_picker(session: Session) -> list[str]:
    session.prepare(LOCKS_KEY, [n for n in LOCKABLE if n in session.locked])
    return st.multiselect("Lock for the class", LOCKABLE, key=LOCKS_KEY,
                          help="Locked controls are shown to the students but cannot be changed.")


def _start() -> None:
    session = Session.current()
    try:
        new = store().create(session.share_params(), session.widget(LOCKS_KEY) or [], caller=caller())
    except STORE_ERRORS as error:
        session.notice("error", f"The class was not started: {error}")
        return
    session.memory.room = Teaching(new.code, new.token)


def take_teacher_link(session: Session, code: str, token: str) -> None:
    """The private teacher link: the token must open this class's board. This session then
    holds the lesson's setup and locks, so that "Send my setup" sends the lesson, not defaults."""
    try:
        board = store().board(code, token, caller=caller())
    except NotTeacher:
        session.notice("error", f"This teacher link does not open class {code}: only the link shown to the "
                                "teacher who started it does.")
    except STORE_ERRORS as error:
        session.notice("error", f"This teacher link does not open a class: {error}")
    else:
        config, preset = lesson_config(board.room.setup)
        session.set_config(config, preset)
        session.set_widget(LOCKS_KEY, list(board.room.locks))
        session.memory.room = Teaching(code, token)
        session.notice("success", f"You are teaching class {code} from here too.")


def back_to_board(teaching: Teaching) -> None:
    """On the other pages: the way back to the board."""
    if current_page() != "class":
        st.page_link(CLASS_PAGE, label=f"You are teaching class {teaching.code}: back to the board",
                     icon=":material/groups:")


# ---- the board ----

@st.fragment(run_every=BOARD_SECONDS)
def board_part() -> None:
    session = Session.current()
    teaching = session.memory.room
    if not isinstance(teaching, Teaching):
        st.rerun()  # the class ended in a callback: the whole page shows it
    if teaching.projecting:  # said on the Playground: this page's notices are already drawn
        session.notice("info", teaching.projecting)
        teaching.projecting = None
        st.switch_page(PLAYGROUND)
    try:
        board = store().board(teaching.code, teaching.token, caller=caller())
    except NotTeacher as error:  # the session's token is not this class's: nothing to show
        st.error(f"The board cannot be read: {plain(str(error))}.", icon=":material/lock:")
        return
    except RoomNotFound:
        session.memory.room = None
        session.notice("warning", f"Class {teaching.code} has ended (it was idle for hours, or ended "
                                  "from another device).")
        st.rerun()
    except STORE_ERRORS as error:
        st.error(f"The board cannot be read just now: {plain(str(error))}. It tries again every "
                 f"{BOARD_SECONDS} s; the Playground works without it.", icon=":material/cloud_off:")
        return
    lesson, _ = lesson_config(board.room.setup)
    _join_box(board, teaching)
    _commands(session, board, teaching)
    st.plotly_chart(_figure(teaching, board, lesson), key=CHART_KEY, on_select=_clicked,
                    selection_mode="points", config={"displayModeBar": False})
    _table(board, lesson)
    _projector(board)


def _figure(teaching: Teaching, board: Board, lesson):
    """The board's chart, built again only when what it shows changed (building a Plotly
    figure costs tens of ms; the board refreshes every BOARD_SECONDS)."""
    rates = [row.summary.lr for row in board.rows if row.summary is not None]
    low, high = curve_decades(rates)
    shown = (board.room.code, board.rows, lesson, low, high)
    if not teaching.chart or teaching.chart[0] != shown:
        curve = teach.remembered(("class curve", lesson, low, high), lambda: true_curve(lesson, low, high))
        teaching.chart = (shown, board_figure(board.rows, lesson, curve, board.room.code))
    return teaching.chart[1]


def _join_box(board: Board, teaching: Teaching) -> None:
    room = board.room
    spaced = f"{room.code[:3]} {room.code[3:]}"
    runs = sum(row.summary is not None for row in board.rows)
    left, right = st.columns([1, 2])
    left.metric("Join code", spaced, help="Students type it, or open the join link")
    left.caption(f"{room.students} joined, {runs} with a run on the board · "
                 f"{'everyone paused · ' if room.paused else ''}updated {time.strftime('%H:%M:%S')}")
    params = {JOIN: room.code, **room.setup}
    if room.locks:
        params["lock"] = ",".join(room.locks)
    base = st.context.url or ""
    with right:
        st.caption("Join link: students open it, type their name and press Join")
        st.code(f"{base}?{urlencode(params, safe=',')}", language=None, wrap_lines=True)
        with st.expander("Your teacher link (private: keep it to reopen this board after a reload or on "
                         "another device)"):
            st.caption("This page forgets you are teaching when it is reloaded or closed; this link brings "
                       "the board back. Whoever opens it can run the class: do not share it or show it on "
                       "the projector.")
            st.code(f"{base}?{urlencode({JOIN: teacher_join(room.code, teaching.token)})}", language=None,
                    wrap_lines=True)


def _table(board: Board, lesson) -> None:
    column = st.column_config
    st.dataframe(board_table(board.rows, lesson), hide_index=True, width="stretch", column_config={
        "Learning rate": column.NumberColumn(format="%.4g"), "Epoch": column.NumberColumn(format="localized"),
        "MSE": column.NumberColumn(format="%.3e"), "State": column.TextColumn(width="large")})


# ---- the commands ----

def _commands(session: Session, board: Board, teaching: Teaching) -> None:
    room = board.room
    pause, anonymise, send, end = st.columns(4)
    pause.button("Let everyone play" if room.paused else "Pause everyone", key="class_pause",
                 on_click=_command, args=("pause", not room.paused), width="stretch",
                 icon=":material/play_arrow:" if room.paused else ":material/pause:")
    anonymise.button("Show names" if room.anonymous else "Anonymise", key="class_anonymise",
                     on_click=_command, args=("anonymise", not room.anonymous), width="stretch",
                     icon=":material/visibility_off:")
    send.button("Send my setup", key="class_send", on_click=_command, args=("send", None), width="stretch",
                icon=":material/send:", help="Send the setup in your sidebar, with the locks below, to "
                                             "everyone: every student's page takes it within a few seconds.")
    end.button("End the class", key="class_end", on_click=_command, args=("end", None), width="stretch",
               icon=":material/stop_circle:", help="Deletes the class: its names and its runs, at once.")
    with st.expander("Locks for the class (sent with the setup)"):
        _locks_picker(session)
    if teaching.said:
        st.caption(teaching.said)


COMMANDS = {  # name -> (store call, what it says when done)
    "pause": (lambda s, code, token, on: s.set_paused(code, token, on, caller=caller()),
              lambda on: "Everyone is paused." if on else "Everyone can play again."),
    "anonymise": (lambda s, code, token, on: s.set_anonymous(code, token, on, caller=caller()),
                  lambda on: "Names are hidden: Student 1, 2, …" if on else "Names are shown."),
    "send": (lambda s, code, token, _: s.send_setup(code, token, Session.current().share_params(),
                                                    Session.current().widget(LOCKS_KEY) or [],
                                                    caller=caller()),
             lambda _: "Your setup and locks are on their way to every student."),
    "end": (lambda s, code, token, _: s.end(code, token, caller=caller()), lambda _: None),
}


def _command(name: str, value) -> None:
    session = Session.current()
    teaching = session.memory.room
    if not isinstance(teaching, Teaching):
        return
    act, words = COMMANDS[name]
    try:
        act(store(), teaching.code, teaching.token, value)
    except STORE_ERRORS as error:
        teaching.said = f"Not done: {plain(str(error))}"
        return
    teaching.said = words(value)
    if name == "end":
        session.memory.room = None
        session.notice("success", f"Class {teaching.code} has ended: its names and runs are deleted.")


# ---- projecting a run ----

def _projector(board: Board) -> None:
    runs = {row.seat: row for row in board.rows if row.summary is not None}
    if not runs:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.selectbox("Project a student's run", list(runs), key=PICK_KEY,
                   format_func=lambda seat: f"{runs[seat].name}: learning rate {runs[seat].summary.lr:g} "
                                            f"({runs[seat].summary.gradient})")
    right.button("Project", key="class_project", on_click=_project_picked, width="stretch",
                 icon=":material/present_to_all:")


def _project_picked() -> None:
    _project(Session.current().widget(PICK_KEY))


def _clicked() -> None:
    """A click on a student's point projects that run."""
    chosen = Session.current().widget(CHART_KEY) or {}
    points = chosen.get("selection", {}).get("points", [])
    seats = [p.get("customdata") for p in points if isinstance(p.get("customdata"), int)]
    if seats:
        _project(seats[0])


def _project(seat) -> None:
    """Open the student's run in presenter mode on this screen: the lesson's setup at their
    rate, gradient, hidden units and epochs, on the Playground."""
    session = Session.current()
    teaching = session.memory.room
    if not isinstance(teaching, Teaching):
        return
    try:
        board = store().board(teaching.code, teaching.token, caller=caller())
    except STORE_ERRORS as error:
        teaching.said = f"Not projected: {plain(str(error))}"
        return
    row = next((row for row in board.rows if row.seat == seat and row.summary is not None), None)
    if row is None:
        teaching.said = "That run is no longer on the board."
        return
    lesson, preset = lesson_config(board.room.setup)
    s = row.summary
    session.set_config(lesson.replace(lr=s.lr, gradient=s.gradient, hidden=s.hidden, epochs=s.epochs), preset)
    session.set_presenter(True)
    session.memory.live.pop("player", None)  # the run from epoch 0, not spliced onto what the player showed
    own = (" They changed the rows or starting values: this is the lesson's setup at their rate."
           if s.rows_changed else "")
    teaching.projecting = (f"{row.name}'s run: learning rate {s.lr:g} ({s.gradient}). Press Play to show "
                           f"it to the class.{own}")
