"""Driving the app through Streamlit's AppTest: shared by the app, bad-input and
classroom tests."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from playground.controls import ROWS_OPEN

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
    return json.loads(component.proto.json)


def edit_rows(at: AppTest, edited_rows=None, added_rows=(), deleted_rows=()) -> AppTest:
    """Open "Edit the rows" (the table is drawn only then), make these data_editor
    edits, and rerun: what a student's clicks and typing send."""
    if not at.session_state[ROWS_OPEN]:
        at.session_state[ROWS_OPEN] = True
        at.run()
    at.session_state["inputs"] = {"edited_rows": edited_rows or {}, "added_rows": list(added_rows),
                                  "deleted_rows": list(deleted_rows)}
    return at.run()


def report(at: AppTest, key: str = "player", **value) -> AppTest:
    """Rerun as after the browser player reported `value` (its state is {"value": ...})."""
    at.session_state[key] = {"value": value}
    return at.run()


def floats(text: str) -> np.ndarray:
    """A base64 float32 array as the player receives it."""
    return np.frombuffer(base64.b64decode(text), dtype="<f4")


def rendered(markdown: str) -> str:
    """Message text as the student reads it: user text is shown with markdown escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)
