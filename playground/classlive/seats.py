"""What one browser session keeps of its class (Session.memory.room): the teacher's
code and token, or a student's code, secret id and name and what they have seen."""

from __future__ import annotations

from dataclasses import dataclass, field

from tinynet import Config


@dataclass
class Teaching:
    """The teacher's seat: whoever holds the token runs the class."""

    code: str
    token: str  # secret: in this session and the private teacher link, never on the board
    said: str | None = None  # the last command's outcome, shown on the board
    projecting: str | None = None  # a run was picked to project: what to say on the Playground
    chart: tuple = ()  # (what it shows, the board's figure): built again only when the board changed


@dataclass
class Joined:
    """A student's seat."""

    code: str
    student: str  # the store's secret id for this student: it is what lets them post
    name: str  # the display name, as the store cleaned it
    lesson: Config = field(default_factory=Config)  # the class's setup, as it was applied here
    version: int = 0  # the room's version whose commands this session has applied
    paused: bool = False  # the teacher has paused everyone: the player is held
    posted: tuple | None = None  # (run id, event, epoch) of the last post: a rerun does not post it again
    said: str | None = None  # what happened to the last post, shown under the player
    welcomed: bool = False  # the Playground has been opened once after joining
