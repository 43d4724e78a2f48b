"""Class Live, underneath: the store that keeps a live class (issue #15).

A teacher starts a class, students join with its code and a display name, each
student's finished run is posted as a summary, and the teacher's board reads
them all. Nothing here imports Streamlit: the Class page draws (with ui/), this keeps.

    store = store_from_env()        # one per server process (st.cache_resource)
    new = store.create({"lr": "0.5", "gradient": "exact"}, ["gradient"], caller=teacher_session)
    me = store.join(new.code, "Ada", caller=student_session)           # a secret student id
    store.post(new.code, me, summary, caller=student_session)          # summary: see summary.py
    store.board(new.code, new.token, caller=teacher_session).rows      # (seat, name, summary), join order
    store.check(new.code, seen_version, caller=student_session)       # every few seconds: what changed
    store.set_paused / set_anonymous / send_setup / end                # teacher's commands: need the token

`caller` is the app's session id in every call: unknown codes are counted per
caller, so codes cannot be guessed by trying them. Errors are in errors.py; a bad
name, summary or setup is a ValueError that names the field.

The app's side, over the store: seats.py (what a session keeps of its class),
lesson.py (a room's setup as a Config; join= links), from_run.py (a summary
computed on the server from the run on show), board_view.py (the board's chart and
table, with tinynet's true curve) and ui/ (the Streamlit pages' parts).

Memory (measured with 200 students, each with a summary): about 470 bytes a
student in process (190 for the seat and name, 280 for the summary) and about
330 in Redis (MEMORY USAGE; ~590 with Redis's own overhead); an empty class
about 1 KB. A full class is under 0.1 MB, and Limits.max_rooms of them ~50 MB.
"""

from .env import ENV_VAR, store_from_env
from .errors import (
    ClassLiveError,
    NotTeacher,
    RateLimited,
    RoomFull,
    RoomNotFound,
    StoreFull,
    StoreUnavailable,
)
from .memory import MemoryStore
from .records import Board, BoardRow, Check, NewRoom, Room
from .rules import NAME_MAX, Limits, clean_name
from .store import ClassStore
from .summary import EVENTS, TARGET_MSE, Summary, validate_summary

__all__ = [
    "ENV_VAR", "EVENTS", "NAME_MAX", "TARGET_MSE", "Board", "BoardRow", "Check", "ClassLiveError",
    "ClassStore", "Limits", "MemoryStore", "NewRoom", "NotTeacher", "RateLimited", "Room", "RoomFull",
    "RoomNotFound", "StoreFull", "StoreUnavailable", "Summary", "clean_name", "store_from_env",
    "validate_summary",
]
