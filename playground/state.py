"""The setup shared by every page: one valid tinynet.Config per browser session.

st.session_state["config"] always holds the last valid Config. Widgets carry the
vocabulary names as keys; a bad value from a widget, table, link or file never
replaces it: it becomes a message naming the field, and the last valid setup
stays. The URL's query string mirrors the setup, so a link restores it exactly.
"""

from __future__ import annotations

import re

import streamlit as st

from tinynet import FIELDS, PRESETS, Config, codec, to_strings

LESSON_NAMES = ("lock", "presenter")  # lesson options, read by classroom.py; not settings
LESSON_PARAMS = "lesson_params"  # the link's lesson options, kept in the address bar
URL_NAMES = (*FIELDS, "preset", *LESSON_NAMES)
MESSAGES = "setup_messages"  # problems to show once, at the top of the page
APP_MAX_EPOCHS = 100_000  # the hosted app's bounds on one session's training (see bounded())
APP_MAX_HIDDEN = 8
APP_MAX_HIDDEN_EPOCHS = 20_000


def config() -> Config:
    """The session's current setup (the notebook's until something changes it)."""
    if "config" not in st.session_state:
        load_url(st.query_params)
    return st.session_state["config"]


def set_config(new: Config, preset: str | None = None, from_table: bool = False) -> None:
    """Make `new` the setup; widgets showing an old value re-read the new one."""
    old = st.session_state.get("config")
    new = bounded(new, old)
    st.session_state["config"] = new
    data_changed = old is None or (new.inputs, new.targets) != (old.inputs, old.targets)
    if preset is not None:
        st.session_state["preset_name"] = preset
    elif data_changed:
        st.session_state["preset_name"] = preset_for(new)
    for name in FIELDS:
        if name != "inputs" and name in st.session_state and st.session_state[name] != getattr(new, name):
            del st.session_state[name]  # the widget takes the new value on its next render
    if data_changed and not from_table:  # the table starts afresh over the new rows
        st.session_state.pop("table_base", None)
        st.session_state.pop("inputs", None)


def bounded(new: Config, old: Config | None) -> Config:
    """What one session of the hosted app may ask the server to train. With hidden units
    an epoch costs ~55 µs of server CPU (holding the GIL: every session waits) and 4H+1
    floats of history, so a link's hidden=16&epochs=100000 would stall the class for ~5 s
    and hold 52 MB. Beyond the bounds the last valid value stays, with a message."""
    keep = old or Config()
    if new.hidden > APP_MAX_HIDDEN:
        warn(f"hidden: {new.hidden} is more than this app trains (at most {APP_MAX_HIDDEN}); "
             f"{keep.hidden} is used")
        new = new.replace(hidden=keep.hidden)
    if new.epochs > APP_MAX_EPOCHS:
        epochs = keep.epochs if keep.epochs <= APP_MAX_EPOCHS else Config().epochs
        warn(f"epochs: {new.epochs:,} is more than this app trains (at most {APP_MAX_EPOCHS:,}; "
             f"the command line goes to 1,000,000); {epochs:,} is used")
        new = new.replace(epochs=epochs)
    if new.hidden and new.epochs > APP_MAX_HIDDEN_EPOCHS:
        epochs = keep.epochs if keep.epochs <= APP_MAX_HIDDEN_EPOCHS else Config().epochs
        warn(f"epochs: {new.epochs:,} with hidden units is more than this app trains "
             f"(at most {APP_MAX_HIDDEN_EPOCHS:,}); {epochs:,} is used")
        new = new.replace(epochs=epochs)
    return new


def preset_for(setup: Config) -> str:
    """The preset whose rows and targets these are, or "custom"."""
    for name, preset in PRESETS.items():
        if (preset.config.inputs, preset.config.targets) == (setup.inputs, setup.targets):
            return name
    return "custom"


def warn(message: str) -> None:
    st.session_state.setdefault(MESSAGES, []).append(message)


def show_messages() -> None:
    """Show (once) what was wrong with the last input, and that nothing was lost."""
    for message in st.session_state.pop(MESSAGES, []):
        st.warning(f"{plain(message)}. The last valid setup is kept.", icon=":material/warning:")


def plain(text: str) -> str:
    """User-provided text made inert for st.markdown-based elements (no links,
    images, emphasis or icons): every ASCII punctuation mark is escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", text)


def load_url(params) -> None:
    """Apply a link's query string: every valid setting is taken, every bad one is
    reported by name (unknown names, repeated names, bad values)."""
    values: dict[str, str] = {}
    for name in params.keys():
        given = params.get_all(name) if hasattr(params, "get_all") else [params[name]]
        if name not in URL_NAMES:
            warn(f"Link: {name[:40]!r} is not a setting (settings are: {', '.join(URL_NAMES)})")
        elif len(given) != 1:
            warn(f"Link: {name} is given {len(given)} times; give it once")
        elif name in LESSON_NAMES:
            st.session_state.setdefault(LESSON_PARAMS, {})[name] = given[0]
        else:
            values[name] = given[0]
    new, problems = codec.apply_strings(values)
    for problem in problems:
        warn(f"Link: {problem}")
    set_config(new, preset=values.get("preset") if values.get("preset") in PRESETS else None)


def sync_url(current: Config) -> None:
    """Mirror the setup in the address bar, so the page's URL is always a share link."""
    wanted = {**share_params(current), **st.session_state.get(LESSON_PARAMS, {})}
    if {k: st.query_params.get(k) for k in st.query_params.keys()} != wanted:
        st.query_params.from_dict(wanted)


def share_params(current: Config) -> dict[str, str]:
    params = to_strings(current)
    if current.hidden == 0:  # the single neuron needs neither; links stay short
        params.pop("hidden")
        params.pop("seed")
    params["preset"] = st.session_state.get("preset_name", "notebook")
    if params["preset"] not in PRESETS:
        params.pop("preset")
    return params
