"""The class store: the whole API, written once, over a storage that differs.

ClassStore checks every input, the teacher's token, the rate limits and the
look-ups of unknown codes, and turns stored text into records. A subclass only
keeps text: seven small storage methods (the `_` methods at the end), each one
atomic, each refusing with a Refused value instead of raising. MemoryStore keeps
a dict behind a lock; RedisStore keeps Redis hashes with expiry times.

Every method that takes a code also takes `caller`, the app's session id: a
caller who tries more than Limits.misses_per_window unknown codes in a window is
refused every look-up until the window ends, so codes cannot be guessed by trying
them (a found class would otherwise be told apart from an unknown one).
"""

from __future__ import annotations

import enum
import json
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from . import rules
from .errors import NotTeacher, RateLimited, RoomFull, RoomNotFound, StoreFull
from .records import Board, BoardRow, Check, NewRoom, Room
from .rules import Limits, shown
from .summary import Summary, validate_summary


class Refused(enum.Enum):
    """Why a storage method did not do what it was asked."""

    GONE = "gone"  # no such room (or no such student in it)
    FULL = "full"  # no seat, or no room, left
    LIMITED = "limited"  # too many posts in this window
    TAKEN = "taken"  # the code belongs to a live room


class Stored(NamedTuple):
    """A room as storage keeps it: text fields, the head count, and maybe the roster."""

    code: str
    fields: dict[str, str]  # token (its digest), setup, locks, paused, anonymous, version, ...
    students: int
    roster: list[tuple[int, str, str | None]] | None  # (seat, name, summary JSON); when asked for


class ClassStore(ABC):
    """A store of live classes. Joins, posts and teacher commands keep a class alive
    for another Limits.idle_seconds; reading it (room, check, board) does not."""

    def __init__(self, limits: Limits | None = None, clock: Callable[[], float] | None = None):
        self.limits = limits or Limits()
        self.clock = clock or time.time  # seconds since the epoch; tests pass a fake one

    # --- the teacher ------------------------------------------------------------

    def create(self, setup: Mapping[str, str], locks: Iterable[str] = (), *, caller: str) -> NewRoom:
        """Start a class with this lesson setup (the link's parameters) and locks."""
        fields = _lesson(setup, locks)
        if self._count(f"create:{rules.caller_key(caller)}", 1) > self.limits.creates_per_window:
            raise RateLimited("too many classes started from this browser: wait a minute, then try again")
        token = rules.new_token()
        fields.update(token=rules.token_digest(token), paused="0", anonymous="0", version="1",
                      setup_version="1", seats="0")
        for _ in range(20):  # a clash is ~1 in a million per live room; 20 in a row never happens
            code = rules.new_code()
            refused = self._insert_room(code, fields)
            if refused is None:
                return NewRoom(code, token)
            if refused is Refused.FULL:
                break
        raise StoreFull(f"this server already holds {self.limits.max_rooms} live classes: "
                        "end one, or try again later")

    def board(self, code: str, token: str, *, caller: str) -> Board:
        """Every student's latest run, in join order (names hidden while anonymous)."""
        stored = self._as_teacher(code, token, caller, roster=True)
        room = _room(stored)
        rows = tuple(
            BoardRow(seat, f"Student {seat}" if room.anonymous else name,
                     None if summary is None else Summary.from_json(summary))
            for seat, name, summary in sorted(stored.roster)
        )
        return Board(room, rows)

    def set_paused(self, code: str, token: str, paused: bool, *, caller: str) -> int:
        """Pause (or resume) everyone's player. Returns the room's new version."""
        stored = self._as_teacher(code, token, caller)
        return self._command(stored.code, {"paused": _flag("paused", paused)})

    def set_anonymous(self, code: str, token: str, anonymous: bool, *, caller: str) -> int:
        stored = self._as_teacher(code, token, caller)
        return self._command(stored.code, {"anonymous": _flag("anonymous", anonymous)})

    def send_setup(self, code: str, token: str, setup: Mapping[str, str], locks: Iterable[str] = (), *,
                   caller: str) -> int:
        """Give everyone this setup and these locks (students learn of it by check)."""
        stored = self._as_teacher(code, token, caller)
        return self._command(stored.code, _lesson(setup, locks), setup_changed=True)

    def end(self, code: str, token: str, *, caller: str) -> None:
        """End the class: the room, its names and its runs are deleted at once."""
        stored = self._as_teacher(code, token, caller)
        self._delete_room(stored.code)

    # --- students ---------------------------------------------------------------

    def room(self, code: str, *, caller: str) -> Room:
        """Look a class up by its code (what a student sees before joining)."""
        return _room(self._find(code, caller))

    def join(self, code: str, name: str, *, caller: str) -> str:
        """Take a seat under a display name; returns the student's id (keep it secret
        in the session: it is what lets them post)."""
        name = rules.clean_name(name)
        code = self._find(code, caller).code
        student = rules.new_student_id()
        seat = self._add_student(code, student, name)
        if seat is Refused.GONE:
            raise _not_found(code)
        if seat is Refused.FULL:
            raise RoomFull(f"class {code} is full: {self.limits.max_students} students have joined")
        return student

    def post(self, code: str, student: str, summary: object, *, caller: str) -> Summary:
        """Keep this summary as the student's latest run. Returns it as stored."""
        checked = validate_summary(summary)
        code = self._find(code, caller).code
        known = isinstance(student, str) and 0 < len(student) <= 40
        refused = self._put_summary(code, student, checked.to_json()) if known else Refused.GONE
        if refused is Refused.GONE:
            raise RoomNotFound(f"class {code}: you are not in this class (it may have ended); join again")
        if refused is Refused.LIMITED:
            raise RateLimited(f"results are posted too often: at most {self.limits.posts_per_window} "
                              "a minute; this one was not kept")
        return checked

    def check(self, code: str, seen_version: int, *, caller: str) -> Check:
        """A student's light check: the version, the pause, and the setup and locks
        when the teacher sent them after `seen_version` (0: never seen)."""
        if isinstance(seen_version, bool) or not isinstance(seen_version, int):
            raise ValueError(f"seen_version: {shown(seen_version)} is not allowed; expected a whole number")
        try:
            stored = self._find(code, caller)
        except RoomNotFound:
            return Check(ended=True)
        room = _room(stored)
        sent = int(stored.fields["setup_version"]) > seen_version
        return Check(ended=False, version=room.version, paused=room.paused,
                     setup=room.setup if sent else None, locks=room.locks if sent else None)

    # --- the rules every call goes through ----------------------------------------

    def _find(self, code: object, caller: object, roster: bool = False) -> Stored:
        misses = f"miss:{rules.caller_key(caller)}"
        if self._count(misses, 0) >= self.limits.misses_per_window:
            raise RateLimited("too many wrong class codes from this browser: wait a minute, then try again")
        normal = rules.normal_code(code)
        stored = None if normal is None else self._read_room(normal, roster)
        if stored is None:
            self._count(misses, 1)
            raise _not_found(code)
        return stored

    def _as_teacher(self, code: object, token: object, caller: object, roster: bool = False) -> Stored:
        stored = self._find(code, caller, roster)
        if not rules.token_matches(token, stored.fields["token"]):
            raise NotTeacher(f"only the teacher who started class {stored.code} can do that")
        return stored

    def _command(self, code: str, changes: dict[str, str], setup_changed: bool = False) -> int:
        version = self._update_room(code, changes, setup_changed)
        if version is Refused.GONE:
            raise _not_found(code)
        return version

    # --- storage: text in, text out; each method atomic -------------------------------

    @abstractmethod
    def _insert_room(self, code: str, fields: dict[str, str]) -> Refused | None:
        """Add the room (fields as given, plus last_active), unless the code is TAKEN
        or the store already holds max_rooms live rooms (FULL)."""

    @abstractmethod
    def _read_room(self, code: str, roster: bool) -> Stored | None:
        """The live room, or None. Reading does not keep a room alive."""

    @abstractmethod
    def _add_student(self, code: str, student: str, name: str) -> int | Refused:
        """Seat the student (seats += 1; returns the seat) unless the room is GONE
        or has max_students (FULL). Refreshes the room."""

    @abstractmethod
    def _put_summary(self, code: str, student: str, summary: str) -> Refused | None:
        """Replace the student's summary, unless room or student is GONE or the
        student has posted posts_per_window times this window (LIMITED: nothing
        kept, the room not refreshed). Refreshes the room."""

    @abstractmethod
    def _update_room(self, code: str, changes: dict[str, str], setup_changed: bool) -> int | Refused:
        """A teacher command: set the fields, version += 1 (and setup_version =
        version when the setup changed); return the new version, or GONE.
        Refreshes the room."""

    @abstractmethod
    def _delete_room(self, code: str) -> None:
        """Delete the room and everything kept for it."""

    @abstractmethod
    def _count(self, key: str, add: int) -> int:
        """A rate counter: add to key's count (0 only reads it) and return the
        count. A window starts at a key's first count and lasts window_seconds."""


def _room(stored: Stored) -> Room:
    fields = stored.fields
    return Room(
        code=stored.code,
        setup=json.loads(fields["setup"]),
        locks=tuple(json.loads(fields["locks"])),
        paused=fields["paused"] == "1",
        anonymous=fields["anonymous"] == "1",
        version=int(fields["version"]),
        last_active=float(fields["last_active"]),
        students=stored.students,
    )


def _lesson(setup: object, locks: object) -> dict[str, str]:
    """A lesson's setup and locks, checked, as the room keeps them."""
    return {"setup": json.dumps(rules.check_setup(setup)), "locks": json.dumps(rules.check_locks(locks))}


def _flag(name: str, value: object) -> str:
    if not isinstance(value, bool):
        raise ValueError(f"{name}: {shown(value)} is not allowed; expected True or False")
    return "1" if value else "0"


def _not_found(code: object) -> RoomNotFound:
    return RoomNotFound(f"no class has the code {shown(code)}: check it with your teacher "
                        "(the class may have ended)")
