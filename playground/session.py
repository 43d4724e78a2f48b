"""One browser session: everything it keeps between reruns, and the only code in the
app that reads or writes st.session_state.

    session = Session.current()
    session.config                  # the last valid tinynet.Config
    session.set_config(new)         # a new setup: the widgets and the address bar follow

What a session keeps (its Memory, under one key):
  - the setup, and the preset it came from;
  - messages about bad input, shown once;
  - the lesson options of its link (locks, presenter mode), declared in LESSON;
  - the rows table being edited; each player's live memory (live.Live).

Widgets keep their own values in st.session_state under their keys: the vocabulary's
names for the setup widgets, and the app's own (WIDGETS). The Session moves values
between those widgets, the setup and the URL: a bad value from any of them becomes a
message naming the field, and the last valid setup stays.
"""

from __future__ import annotations

import math
import re
from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from tinynet import FIELDS, PRESETS, Config, codec, to_strings
from tinynet.fields import Field, shorten
from tinynet.vocabulary import VOCABULARY

from .cost import PAGE_SECONDS, affordable_epochs, training_seconds
from .player import CONTROLS

LOCKABLE = (*VOCABULARY, *CONTROLS)  # the setup's names and the player's own controls
LESSON: dict[str, Field] = {  # a lesson link's options: how the page behaves, not the network
    f.name: f for f in (
        Field("lock", "names", (), "Controls a lesson link locks: shown, but they cannot be changed",
              f"names of controls, like gradient,epochs,play; these can be locked: {', '.join(LOCKABLE)}",
              choices=LOCKABLE, most=len(LOCKABLE)),
        Field("presenter", "flag", False, "Presenter mode: large type and thick lines for a projector",
              "1 (on) or 0 (off)"),
    )
}
JOIN = "join"  # Class Live: a class's join code (playground/classlive); the Class page checks it
URL_NAMES = (*VOCABULARY, *LESSON, JOIN)
SETUP_WIDGETS = ("w1", "w2", "bias", "lr", "epochs", "gradient", "hidden", "seed")
APP_MAX_EPOCHS = 100_000  # the hosted app's bounds on one session's training (see bounded())
APP_MAX_HIDDEN = 8
APP_MAX_HIDDEN_EPOCHS = 20_000
APP_MAX_INPUT = 1e6  # the charts draw inputs up to this size


class Widgets:
    """The app's own widget keys (the setup widgets' keys are the vocabulary's names)."""

    ROWS = "inputs"  # the rows' data editor holds its edits here
    ROWS_OPEN = "rows_open"  # the "Edit the rows" toggle
    PRESENTER = "presenter"  # the presenter-mode toggle
    PRESET = "preset"
    UPLOAD = "setup_upload"
    SHARE_OPEN = "share_open"
    SHARE_LOCK = "share_lock"
    SHARE_PRESENTER = "share_presenter"


@dataclass
class Lesson:
    locked: frozenset[str] = frozenset()
    presenter: bool = False


@dataclass
class Table:
    """The rows as the data editor started from them, and the page it is drawn on."""

    base: Any  # a pandas DataFrame: x1, x2, target
    page: str


@dataclass
class Memory:
    config: Config = field(default_factory=Config)
    preset: str = "notebook"
    messages: list[str] = field(default_factory=list)  # bad input, shown once at the top
    notices: list[tuple[str, str]] = field(default_factory=list)  # (kind, text), shown once
    lesson: Lesson = field(default_factory=Lesson)
    link: dict[str, str] = field(default_factory=dict)  # lesson options kept in the address bar
    table: Table | None = None
    live: dict[str, Any] = field(default_factory=dict)  # player key -> live.Live
    room: Any = None  # Class Live: the class this session joined or teaches (playground/classlive)


class Session:
    KEY = "tinynet"

    def __init__(self, state: MutableMapping | None = None):
        self.state = st.session_state if state is None else state

    @classmethod
    def current(cls) -> Session:
        """This browser session's; a new session starts from its link."""
        session = cls()
        if cls.KEY not in session.state:
            session.state[cls.KEY] = Memory()
            session.load_url(st.query_params)
        return session

    @property
    def memory(self) -> Memory:
        return self.state[self.KEY]

    # ---- the setup ----

    @property
    def config(self) -> Config:
        return self.memory.config

    @property
    def preset(self) -> str:
        """The preset whose rows these are, or "custom"."""
        return self.memory.preset

    def set_config(self, new: Config, preset: str | None = None) -> None:
        """Make `new` the setup (within the app's bounds); widgets showing an old value
        show the new one from their next render, and the table starts afresh over new rows."""
        old = self.memory.config
        new = self.bounded(new, old)
        self.memory.config = new
        data_changed = (new.inputs, new.targets) != (old.inputs, old.targets)
        self.memory.preset = preset if preset is not None else preset_for(new)
        for name in SETUP_WIDGETS:
            if name in self.state and self.state[name] != getattr(new, name):
                self.state[name] = getattr(new, name)
        self.state[Widgets.PRESET] = self.memory.preset
        if data_changed:
            self.memory.table = None
            self.state.pop(Widgets.ROWS, None)

    def bounded(self, new: Config, old: Config) -> Config:
        """What one session of the hosted app may ask the server to train and draw. With
        hidden units an epoch costs ~55 µs of server CPU (holding the GIL: every session
        waits) and 4H+1 floats of history, so a link's hidden=16&epochs=100000 would stall
        the class for ~5 s and hold 52 MB. Beyond the bounds the last valid value stays,
        and the message says which value is used."""
        if new.hidden > APP_MAX_HIDDEN:
            self.warn(f"hidden: {new.hidden} is more than this app trains (at most {APP_MAX_HIDDEN}); "
                      f"{old.hidden} is used instead")
            new = new.replace(hidden=old.hidden)
        limit = APP_MAX_HIDDEN_EPOCHS if new.hidden else APP_MAX_EPOCHS
        if new.epochs > limit:
            epochs = old.epochs if old.epochs <= limit else Config().epochs
            what = " with hidden units" if new.hidden else ""
            self.warn(f"epochs: {new.epochs:,}{what} is more than this app trains (at most {limit:,}; "
                      f"the command line goes to 1,000,000); {epochs:,} is used instead")
            new = new.replace(epochs=epochs)
        if (cost := self._affordable(new)) < new.epochs:
            shape = f"{len(new.inputs)} rows" + (f", {new.hidden} hidden units" if new.hidden else "")
            self.warn(f"epochs: {new.epochs:,} epochs of this setup ({shape}) would take this shared server "
                      f"about {training_seconds(new):.1f} s to train; {cost:,} are used instead (about "
                      f"{PAGE_SECONDS:g} s)")
            new = new.replace(epochs=cost)
        if (row := _unanswerable_row(new)) is not None:
            self.warn(f"w1, w2, bias: with these starting values the neuron's sum w1·x1 + w2·x2 + bias is "
                      f"not a number for row {row} (infinity minus infinity), so there is no first output to "
                      "learn from; the starting values stay as they were")
            new = new.replace(w1=old.w1, w2=old.w2, bias=old.bias)
        if max(abs(v) for row in new.inputs for v in row) > APP_MAX_INPUT:
            self.warn(f"inputs: values beyond ±{APP_MAX_INPUT:,.0f} are more than this app draws "
                      "(the command line takes any finite number); the rows stay as they were")
            new = new.replace(inputs=old.inputs, targets=old.targets)
        return new

    @staticmethod
    def _affordable(setup: Config) -> int:
        """The most epochs of `setup` that one page trains within PAGE_SECONDS of CPU: the
        Hidden layer page also trains the same rows without hidden units beside it."""
        if setup.hidden == 0:
            return affordable_epochs(setup)
        beside = training_seconds(setup.replace(hidden=0))
        return affordable_epochs(setup, 1, max(PAGE_SECONDS - beside, PAGE_SECONDS / 2))

    # ---- messages, shown once ----

    def warn(self, message: str) -> None:
        """A problem with the last input, said whole (what was wrong and what happened
        instead); the page shows it once, at the top."""
        self.memory.messages.append(message)

    def take_messages(self) -> list[str]:
        messages, self.memory.messages = self.memory.messages, []
        return messages

    def notice(self, kind: str, message: str) -> None:
        """A notice of another kind ("warning", "error", "success"), shown once as it is."""
        self.memory.notices.append((kind, message))

    def take_notices(self) -> list[tuple[str, str]]:
        notices, self.memory.notices = self.memory.notices, []
        return notices

    # ---- the link ----

    def load_url(self, params) -> None:
        """Apply a link's query string: every valid setting is taken, every bad one is
        reported by name (unknown names, repeated names, bad values, bad lesson options)."""
        values: dict[str, str] = {}
        for name in params.keys():
            given = params.get_all(name) if hasattr(params, "get_all") else [params[name]]
            if name not in URL_NAMES:
                names = ", ".join(URL_NAMES)
                self.warn(f"Link: {shorten(name, 40)} is not a setting (settings are: {names}); "
                          "it was left out")
            elif len(given) != 1:
                self.warn(f"Link: {name} is given {len(given)} times; give it once. It was left out")
            elif name in LESSON:
                self._lesson_option(name, given[0])
            elif name == JOIN:  # kept in the address bar as given (a reload comes back to the class)
                self.memory.link[JOIN] = given[0][:100]
            else:
                values[name] = given[0]
        new, problems = codec.apply_strings(values)
        for problem in problems:
            self.warn(f"Link: {problem}. That setting was left out")
        self.memory.config = self.bounded(new, Config())
        self.memory.preset = values.get("preset") if values.get("preset") in PRESETS else preset_for(new)

    def _lesson_option(self, name: str, text: str) -> None:
        lesson = self.memory.lesson
        if name == "lock":  # the good names lock; each bad one is named (briefly: a link can be long)
            names = [n.strip() for n in text.split(",") if n.strip()]
            bad = [n for n in names if n not in LOCKABLE]
            if bad:
                shown = ", ".join(shorten(n, 24) for n in bad[:5])
                shown += f" and {len(bad) - 5:,} more" if len(bad) > 5 else ""
                self.warn(f"Link: lock: {shown} cannot be locked (these can: {', '.join(LOCKABLE)}); "
                          "the other names are locked")
            good = list(dict.fromkeys(n for n in names if n in LOCKABLE))  # as written, once each
            lesson.locked = frozenset(good)
            if good:
                self.memory.link["lock"] = ",".join(good)
            return
        try:
            lesson.presenter = codec.parse_field(LESSON[name], text)
        except ValueError as error:
            self.warn(f"Link: {error}. It was left out")
            return
        self.set_presenter(lesson.presenter)

    def sync_url(self) -> None:
        """Mirror the setup in the address bar, so the page's URL is always a share link."""
        wanted = {**self.share_params(), **self.memory.link}
        if {k: st.query_params.get(k) for k in st.query_params.keys()} != wanted:
            st.query_params.from_dict(wanted)

    def share_params(self) -> dict[str, str]:
        params = to_strings(self.config)
        if self.config.hidden == 0:  # the single neuron needs neither; links stay short
            params.pop("hidden")
            params.pop("seed")
        if self.preset in PRESETS:
            params["preset"] = self.preset
        return params

    # ---- the lesson ----

    @property
    def locked(self) -> frozenset[str]:
        """Names this session's lesson link locks (vocabulary names and player controls)."""
        return self.memory.lesson.locked

    @property
    def presets_locked(self) -> bool:
        """A preset (or a button that loads one) replaces every setting: any lock stops it."""
        return bool(self.locked & {"preset", *FIELDS})

    def set_locks(self, names) -> None:
        """Lock these controls, as a lesson link's lock= does (a Class Live teacher sent them)."""
        self.memory.link.pop("lock", None)
        self._lesson_option("lock", ",".join(names))

    @property
    def presenter(self) -> bool:
        return self.memory.lesson.presenter

    def set_presenter(self, on: bool) -> None:
        self.memory.lesson.presenter = bool(on)
        self.state[Widgets.PRESENTER] = bool(on)
        if on:
            self.memory.link["presenter"] = "1"
        else:
            self.memory.link.pop("presenter", None)

    # ---- widgets ----

    def prepare(self, name: str, value) -> None:
        """Give widget `name` this value unless the student has just changed it.

        Assigning the key its own value on every run (Streamlit's pattern for widgets
        shared by pages) matters on arrival from another page: there the widget is new
        to Streamlit and would otherwise start from its default, not from the key."""
        self.state[name] = self.state.get(name, value)

    def widget(self, name: str, default=None):
        return self.state.get(name, default)

    def set_widget(self, name: str, value) -> None:
        self.state[name] = value

    # ---- the rows table ----

    def table(self, page: str, make_base) -> Table:
        """The table being edited on this page; a table new to the page (or after a
        preset, link or file) starts from the setup's rows, an old page's edits being
        already in the setup."""
        table = self.memory.table
        if table is None or table.page != page or Widgets.ROWS not in self.state:
            self.state.pop(Widgets.ROWS, None)
            table = self.memory.table = Table(make_base(self.config), page)
        return table

    def table_edits(self) -> dict | None:
        """The data editor's edits (edited, added and deleted rows), if it is open."""
        if self.memory.table is None or Widgets.ROWS not in self.state:
            return None
        return self.state[Widgets.ROWS]

    # ---- players ----

    def live(self, key: str, make):
        """The live memory of player `key` (made by make() the first time)."""
        if key not in self.memory.live:
            self.memory.live[key] = make()
        return self.memory.live[key]

    def player_value(self, key: str) -> dict | None:
        """What the student's last action in player `key` reported (None before any, or
        if what arrived is not a report: it comes from the browser, so it is untrusted)."""
        state = self.state.get(key)
        value = state.get("value") if isinstance(state, dict) else None
        return value if isinstance(value, dict) else None


def _unanswerable_row(setup: Config) -> int | None:
    """The first row (1-based) whose single-neuron sum is NaN (inf - inf), or None."""
    if setup.hidden:
        return None  # the seed draws weights within ±1: no sum overflows
    for i, (x1, x2) in enumerate(setup.inputs, start=1):
        if math.isnan(setup.w1 * x1 + setup.w2 * x2 + setup.bias):
            return i
    return None


def preset_for(setup: Config) -> str:
    """The preset whose rows and targets these are, or "custom"."""
    for name, preset in PRESETS.items():
        if (preset.config.inputs, preset.config.targets) == (setup.inputs, setup.targets):
            return name
    return "custom"


def plain(text: str) -> str:
    """User-provided text made inert for st.markdown-based elements (no links,
    images, emphasis or icons): every ASCII punctuation mark is escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


