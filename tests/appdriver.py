"""Driving the app through Streamlit's AppTest: shared by the app, bad-input and
classroom tests."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from playground.player import open_envelope
from playground.player import unpack as table  # noqa: F401 - the tests' name for a run's frames
from playground.session import Session, Widgets

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def open_app(query: dict | None = None, **more) -> AppTest:
    """Run app.py once with these query parameters (a dict for names that are not
    Python identifiers, keywords for the rest)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in {**(query or {}), **more}.items():
        at.query_params[name] = value
    return at.run()


def player_args(at: AppTest) -> dict:
    """The arguments the page handed to the browser player."""
    [component] = [c for c in at.get("bidi_component") if c.proto.component_name == "tinynet_player"]
    return open_envelope(component.proto.bytes)


def session(at: AppTest) -> Session:
    """The app's session as the test's AppTest holds it."""
    return Session(at.session_state)


def config(at: AppTest):
    """The session's current setup."""
    return session(at).config


def edit_rows(at: AppTest, edited_rows=None, added_rows=(), deleted_rows=()) -> AppTest:
    """Open "Edit the rows" (the table is drawn only then), make these data_editor
    edits, and rerun: what a student's clicks and typing send."""
    if not at.session_state[Widgets.ROWS_OPEN]:
        at.session_state[Widgets.ROWS_OPEN] = True
        at.run()
    at.session_state[Widgets.ROWS] = {"edited_rows": edited_rows or {}, "added_rows": list(added_rows),
                                      "deleted_rows": list(deleted_rows)}
    return at.run()


def report(at: AppTest, key: str = "player", **value) -> AppTest:
    """Rerun as after the browser player reported `value` (its state is {"value": ...})."""
    at.session_state[key] = {"value": value}
    return at.run()


def rendered(markdown: str) -> str:
    """Message text as the student reads it: user text is shown with markdown escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)
