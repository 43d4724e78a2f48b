"""The in-process store: every class in one dict, behind one lock.

The default (TINYNET_STORE unset). The app keeps one per server process
(st.cache_resource), so all the sessions of that process share it. Classes are
neither shared with other processes nor kept over a restart: that is Redis's job.

A room past its idle time is dropped when it is next touched, and a sweep, at
most once a window, drops those nobody touches (and spent rate counters).
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field

from .store import ClassStore, Refused, Stored


@dataclass
class _Room:
    fields: dict[str, str]
    expires: float = 0.0
    students: dict[str, tuple[int, str]] = field(default_factory=dict)  # student id -> (seat, name)
    summaries: dict[str, str] = field(default_factory=dict)  # student id -> summary JSON
    posts: dict[str, int] = field(default_factory=dict)  # student id -> posts this window
    posts_until: float = 0.0  # when this window of posts ends


class MemoryStore(ClassStore):
    """Cheap to make and safe to share between threads (each call holds the lock
    for a few microseconds: nothing slow happens inside it)."""

    def __init__(self, limits=None, clock=None):
        super().__init__(limits, clock)
        self._lock = threading.Lock()
        self._rooms: dict[str, _Room] = {}
        self._counters: dict[str, tuple[float, int]] = {}  # key -> (window ends, count)
        self._next_sweep = 0.0

    def _insert_room(self, code, fields):
        with self._held() as now:
            if self._live(code, now):
                return Refused.TAKEN
            if len(self._rooms) >= self.limits.max_rooms:
                self._sweep(now, force=True)  # rooms that have expired do not count
                if len(self._rooms) >= self.limits.max_rooms:
                    return Refused.FULL
            self._rooms[code] = room = _Room(dict(fields))
            self._touch(room, now)
            return None

    def _read_room(self, code, roster):
        with self._held() as now:
            room = self._live(code, now)
            if room is None:
                return None
            seats = None
            if roster:
                seats = [(seat, name, room.summaries.get(student))
                         for student, (seat, name) in room.students.items()]
            return Stored(code, dict(room.fields), len(room.students), seats)

    def _add_student(self, code, student, name):
        with self._held() as now:
            room = self._live(code, now)
            if room is None:
                return Refused.GONE
            if len(room.students) >= self.limits.max_students:
                return Refused.FULL
            seat = int(room.fields["seats"]) + 1
            room.fields["seats"] = str(seat)
            room.students[student] = (seat, name)
            self._touch(room, now)
            return seat

    def _put_summary(self, code, student, summary):
        with self._held() as now:
            room = self._live(code, now)
            if room is None or student not in room.students:
                return Refused.GONE
            if now >= room.posts_until:
                room.posts.clear()
                room.posts_until = now + self.limits.window_seconds
            room.posts[student] = room.posts.get(student, 0) + 1
            if room.posts[student] > self.limits.posts_per_window:
                return Refused.LIMITED
            room.summaries[student] = summary
            self._touch(room, now)
            return None

    def _update_room(self, code, changes, setup_changed):
        with self._held() as now:
            room = self._live(code, now)
            if room is None:
                return Refused.GONE
            version = int(room.fields["version"]) + 1
            room.fields.update(changes, version=str(version))
            if setup_changed:
                room.fields["setup_version"] = str(version)
            self._touch(room, now)
            return version

    def _delete_room(self, code):
        with self._lock:
            self._rooms.pop(code, None)

    def _count(self, key, add):
        with self._held() as now:
            ends, count = self._counters.get(key, (0.0, 0))
            if now >= ends:
                ends, count = now + self.limits.window_seconds, 0
            if add:
                count += add
                self._counters[key] = (ends, count)
            return count

    # --- expiry ------------------------------------------------------------------

    def live_rooms(self) -> int:
        """How many classes this process holds (expired ones not counted)."""
        with self._held() as now:
            self._sweep(now, force=True)
            return len(self._rooms)

    @contextlib.contextmanager
    def _held(self):
        """Hold the lock; yield the time, after sweeping if a window has passed."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            yield now

    def _live(self, code: str, now: float) -> _Room | None:
        room = self._rooms.get(code)
        if room is not None and now >= room.expires:
            del self._rooms[code]
            return None
        return room

    def _touch(self, room: _Room, now: float) -> None:
        room.fields["last_active"] = repr(now)
        room.expires = now + self.limits.idle_seconds

    def _sweep(self, now: float, force: bool = False) -> None:
        if now < self._next_sweep and not force:
            return
        self._next_sweep = now + self.limits.window_seconds
        for code in [code for code, room in self._rooms.items() if now >= room.expires]:
            del self._rooms[code]
        for key in [key for key, (ends, _) in self._counters.items() if now >= ends]:
            del self._counters[key]
