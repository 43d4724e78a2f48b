"""What the store hands back: plain frozen values, safe to keep in a session."""

from __future__ import annotations

from dataclasses import dataclass

from .summary import Summary


@dataclass(frozen=True)
class NewRoom:
    code: str  # for the class: shown large on the teacher's screen
    token: str  # for the teacher's session only: whoever holds it runs the class


@dataclass(frozen=True)
class Room:
    code: str
    setup: dict[str, str]  # the lesson's link parameters (lr=0.5, gradient=exact, ...)
    locks: tuple[str, ...]  # controls the lesson locks
    paused: bool  # the teacher has paused everyone
    anonymous: bool  # the board shows "Student 1, 2, ..." instead of names
    version: int  # starts at 1; +1 with every teacher command
    last_active: float  # seconds since the epoch: the last post, join or teacher command
    students: int  # how many have joined


@dataclass(frozen=True)
class BoardRow:
    seat: int  # join order from 1, stable for the life of the class
    name: str  # the display name, or "Student <seat>" while anonymous
    summary: Summary | None  # the student's latest run; None before the first


@dataclass(frozen=True)
class Board:
    room: Room
    rows: tuple[BoardRow, ...]  # every student, in join order


@dataclass(frozen=True)
class Check:
    """A student's light check: what changed since the version they last saw."""

    ended: bool  # the class was ended or has expired: stop checking
    version: int = 0
    paused: bool = False
    setup: dict[str, str] | None = None  # only when the teacher sent a setup since then
    locks: tuple[str, ...] | None = None  # likewise
