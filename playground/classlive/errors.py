"""What can go wrong in a live class, as exceptions the page can show as they are.

Every message is one line meant for the person at the screen. A bad value from
a browser (a name, a summary, a setup) is a plain ValueError naming the field.
"""


class ClassLiveError(Exception):
    """Base of the store's own errors (not of ValueError for bad input)."""


class RoomNotFound(ClassLiveError):
    """No live class has this code: mistyped, ended by the teacher, or expired."""


class NotTeacher(ClassLiveError):
    """A teacher's action without this class's teacher token. Nothing was changed."""


class RateLimited(ClassLiveError):
    """Too many tries in a short time. Nothing was stored; try again in a minute."""


class RoomFull(ClassLiveError):
    """The class has as many students as a class may have."""


class StoreFull(ClassLiveError):
    """The server holds as many live classes as it may."""


class StoreUnavailable(ClassLiveError):
    """The shared store (Redis) cannot be reached. The Playground itself still works."""
