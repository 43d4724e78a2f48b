"""The shared setup widgets. Each widget's key is its vocabulary name; what a
widget produces is validated by tinynet.Config, and a bad value becomes a
message while the last valid setup stays (see state.py)."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tinynet import FIELDS, PRESETS, Config
from tinynet.config import MAX_ROWS

from . import classroom, state

ROWS_OPEN = "rows_open"  # the "Edit the rows" toggle (the data editor is drawn only when on)

GRADIENT_HELP = {
    "notebook": "as written: the derivative is taken of the already-activated output, σ'(σ(z))",
    "exact": "true gradient descent: σ'(z) = a(1 − a)",
}


def page(title: str, caption: str, hidden: bool = False) -> Config:
    """What every page starts with: its title, the setup in the sidebar, any message
    about a bad value, and the address bar kept as a link to this setup."""
    st.title(title)
    st.caption(caption)
    setup = setup_editor(hidden=hidden)
    state.show_messages()
    state.sync_url(setup)
    return setup


def setup_editor(hidden: bool = False) -> Config:
    """Draw the setup widgets (in the sidebar) and return the current valid setup."""
    classroom.lesson_bar()  # presenter mode and the link's locks, on every page
    current = state.config()
    with st.sidebar:
        st.header("Setup")
        _preset_picker()
        summary = _table(current)
        st.caption("Initial values")
        cols = st.columns(3)
        for col, name in zip(cols, ("w1", "w2", "bias")):
            with col:
                _number(name, name, step=0.1, format="%.4f")
        _number("lr", "Learning rate", step=0.01, format="%.4f", min_value=0.0, max_value=100.0)
        _number("epochs", "Epochs", step=1000, min_value=0, max_value=state.APP_MAX_EPOCHS)
        _init("gradient")
        st.radio("Gradient", ("notebook", "exact"), key="gradient", horizontal=True,
                 captions=None, help=FIELDS["gradient"].help, disabled="gradient" in classroom.locked())
        st.caption(GRADIENT_HELP[st.session_state["gradient"]])
        if hidden:
            _number("hidden", "Hidden units", step=1, min_value=0, max_value=8)
            _number("seed", "Seed for the initial weights", step=1, min_value=0)
    _apply_widgets()
    if not st.session_state.get(ROWS_OPEN):  # open, the table itself shows the rows
        summary.markdown(rows_summary(state.config()))
    return state.config()


def _init(name: str) -> None:
    """A widget shows the setup's value unless the student has just changed it.

    Assigning the key its own value every run (Streamlit's pattern for widgets shared
    by pages) matters on arrival from another page: there the widget is new to
    Streamlit and would otherwise start from its default, not from the key's value."""
    st.session_state[name] = st.session_state.get(name, getattr(state.config(), name))


def _number(name: str, label: str, **kwargs) -> None:
    _init(name)
    value, low, high = st.session_state[name], kwargs.get("min_value"), kwargs.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        # Streamlit would silently reset it to min_value (a link's epochs=200000 became 0):
        # say so, and take the notebook's value instead
        keep = getattr(Config(), name)
        state.warn(f"{name}: {value:,} is outside what this app allows ({low:,} to {high:,}); "
                   f"{keep:,} is used instead")
        st.session_state[name] = keep
        state.set_config(state.config().replace(**{name: keep}))
    st.number_input(label, key=name, help=f"{FIELDS[name].help} ({FIELDS[name].allowed})",
                    disabled=name in classroom.locked(), **kwargs)


def _preset_picker() -> None:
    names = list(PRESETS) + ["custom"]
    # the picker shows the current preset, or "custom" once the rows are edited
    st.session_state["preset"] = st.session_state.get("preset_name", "notebook")
    st.selectbox(
        "Preset", names, key="preset", on_change=_apply_preset,
        format_func=lambda n: n if n == "custom" else f"{n} — {PRESETS[n].description}",
        help="A named starting point: sets the rows, targets and initial values.",
        # a preset replaces every setting, so any lock on a setting locks it too
        disabled=bool(classroom.locked() & {"preset", *FIELDS}),
    )


def _apply_preset() -> None:
    name = st.session_state["preset"]
    if name in PRESETS:
        state.set_config(PRESETS[name].config, preset=name)


def _table(current: Config):
    """The rows: a small read-only table, and a toggle that swaps in the table to edit.

    The editor is drawn only while the toggle is on: the data editor is the
    heaviest widget Streamlit has (about 35 scripts, 1.2 MB), and loading it on
    every visit put the playground's first chart 0.3 s later (bench/playground.py).
    The player's predictions table shows the rows too."""
    st.caption("Rows: inputs x1, x2 and the target (0 to 1)")
    summary = st.empty()  # filled once this run's edits are applied (see setup_editor)
    st.session_state[ROWS_OPEN] = st.session_state.get(ROWS_OPEN, False)  # kept across pages (see _init)
    if st.toggle("Edit the rows", key=ROWS_OPEN, help="Show the rows as a table you can edit: "
                 "click a cell to change it, add a row at the bottom, select rows to delete them."):
        _row_editor(current)
    return summary


def rows_summary(config: Config, shown: int = 8) -> str:
    """The rows as a small markdown table (the first `shown`, then how many more)."""
    short = "{:.4g}".format
    lines = ["| x1 | x2 | target |", "|---:|---:|---:|"]
    lines += [f"| {short(x1)} | {short(x2)} | {short(y)} |"
              for (x1, x2), y in list(zip(config.inputs, config.targets))[:shown]]
    more = len(config.inputs) - shown
    return "\n".join(lines) + (f"\n\n… and {more} more rows" if more > 0 else "")


def _row_editor(current: Config) -> None:
    page = get_script_run_ctx().page_script_hash
    if "inputs" not in st.session_state or "table_base" not in st.session_state \
            or st.session_state.get("table_page") != page:
        # a table new to this page (or after a preset or link) starts from the setup's rows;
        # an old page's edits are already in the setup
        st.session_state.pop("inputs", None)
        st.session_state["table_page"] = page
        st.session_state["table_base"] = pd.DataFrame(
            [(x1, x2, y) for (x1, x2), y in zip(current.inputs, current.targets)],
            columns=["x1", "x2", "target"])
    number = st.column_config.NumberColumn
    frozen = [c for c, name in (("x1", "inputs"), ("x2", "inputs"), ("target", "targets"))
              if name in classroom.locked()]  # a lesson link's lock: no edits, no new rows
    st.data_editor(
        st.session_state["table_base"], key="inputs", num_rows="fixed" if frozen else "dynamic",
        hide_index=True, disabled=frozen,
        column_config={
            "x1": number("x1", help="first input", format="%.4g", required=True),
            "x2": number("x2", help="second input", format="%.4g", required=True),
            "target": number("target", help="what the neuron should output, 0 to 1",
                             min_value=0.0, max_value=1.0, format="%.4g", required=True),
        },
        width="stretch",
    )


def table_rows(edits: dict, base: pd.DataFrame) -> pd.DataFrame:
    """Apply a data_editor delta (edited/added/deleted rows) to its base table."""
    # object columns: a cell may arrive as text (pasted, or sent by hand); _cell reports it
    frame = base.astype(object).reset_index(drop=True)
    for row, changes in edits.get("edited_rows", {}).items():
        for column, value in changes.items():
            frame.loc[int(row), column] = value
    frame = frame.drop(index=[int(r) for r in edits.get("deleted_rows", [])], errors="ignore")
    added = pd.DataFrame(edits.get("added_rows", []), columns=frame.columns)
    return pd.concat([frame, added], ignore_index=True) if len(added) else frame.reset_index(drop=True)


def _cell(value, row: int, column: str) -> float:
    """A table cell as a finite float, or a message naming the row and column."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(f"{'targets' if column == 'target' else 'inputs'}: row {row}, {column} "
                         f"is {'empty' if value is None or value != value else repr(value)}; "
                         "expected a finite number")
    return number


def _apply_widgets() -> None:
    """Read every setup widget, validate, and make the result the setup."""
    current = state.config()
    values = {name: st.session_state[name] for name in ("w1", "w2", "bias", "lr", "epochs", "gradient",
                                                        "hidden", "seed") if name in st.session_state}
    try:
        if "inputs" in st.session_state:
            frame = table_rows(st.session_state["inputs"], st.session_state["table_base"])
            if not 1 <= len(frame) <= MAX_ROWS:
                raise ValueError(f"inputs: {len(frame)} rows; expected {FIELDS['inputs'].allowed}")
            cells = [[_cell(v, i + 1, c) for c, v in row.items()] for i, row in enumerate(
                frame[["x1", "x2", "target"]].to_dict("records"))]
            values["inputs"] = [(x1, x2) for x1, x2, _ in cells]
            values["targets"] = [y for _, _, y in cells]
        new = current.replace(**values)
    except ValueError as error:
        st.sidebar.error(f"{error}. The last valid setup is kept.", icon=":material/warning:")
        return
    if new != current:
        state.set_config(new, from_table=True)
