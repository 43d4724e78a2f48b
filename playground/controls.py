"""The shared setup widgets, in the sidebar of every page. Each widget's key is its
vocabulary name; what a widget produces is validated by tinynet.Config, and a bad value
becomes a message while the last valid setup stays (playground/session.py).

A run reads the widgets' new values first (absorb), then draws them from the setup, so
everything on the page, the preset picker included, shows the setup after the change.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from tinynet import FIELDS, PRESETS, Config
from tinynet.config import MAX_ROWS

from . import classroom
from .classlive.ui import hooks as classlive
from .session import APP_MAX_EPOCHS, APP_MAX_HIDDEN, SETUP_WIDGETS, Session, Widgets, plain

GRADIENT_HELP = {
    "notebook": "as written: the derivative is taken of the already-activated output, σ'(σ(z))",
    "exact": "true gradient descent: σ'(z) = a(1 − a)",
}
NUMBER_WIDGETS = {  # name: (label, widget options)
    "w1": ("w1", {"step": 0.1, "format": "%.4f"}),
    "w2": ("w2", {"step": 0.1, "format": "%.4f"}),
    "bias": ("bias", {"step": 0.1, "format": "%.4f"}),
    "lr": ("Learning rate", {"step": 0.01, "format": "%.4f", "min_value": 0.0,
                             "max_value": FIELDS["lr"].high}),
    "epochs": ("Epochs", {"step": 1000, "min_value": 0, "max_value": APP_MAX_EPOCHS}),
    "hidden": ("Hidden units", {"step": 1, "min_value": 0, "max_value": APP_MAX_HIDDEN}),
    "seed": ("Seed for the initial weights", {"step": 1, "min_value": 0}),
}


# On a phone Streamlit's titles take two lines of huge type: a smaller title (and less
# padding) leaves room for Play and the error chart above the fold, and the charts'
# titles shrink to fit. On a touch screen Plotly's tool bar would sit on every chart's
# title for good (there is no hover to hide it): it goes.
SMALL_SCREENS = """<style>
@media (max-width: 640px) {
  [data-testid="stMain"] h1 { font-size: 1.9rem !important; padding-top: 0.5rem; }
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem; }
  [data-testid="stPlotlyChart"] .gtitle { font-size: 14px !important; }
  [data-testid="stPlotlyChart"] .gtitle-subtitle { font-size: 11px !important; }
}
@media (hover: none) { [data-testid="stPlotlyChart"] .modebar-container { display: none; } }
</style>"""


def page(title: str, caption: str, hidden: bool = False) -> Session:
    """What every page starts with: its title, the setup in the sidebar, any message
    about a bad value, and the address bar kept as a link to this setup. Returns the
    session; its setup is session.config."""
    session = Session.current()
    st.html(SMALL_SCREENS)
    st.title(title)
    st.caption(caption)
    classlive.check_in(session)  # a class link; a student's light check (Class Live), before the widgets
    classroom.lesson_bar(session)  # presenter mode and the link's locks, on every page
    setup_editor(session, hidden=hidden)
    for message in session.take_messages():
        st.warning(plain(message), icon=":material/warning:")
    session.sync_url()
    return session


def setup_editor(session: Session, hidden: bool = False) -> Config:
    """Draw the setup widgets in the sidebar; return the current valid setup.
    `hidden`: show the hidden layer's controls (they also show whenever the setup has one)."""
    absorb(session)
    current = session.config
    locked = session.locked
    with st.sidebar:
        st.header("Setup")
        _preset_picker(session)
        _rows(session)
        st.caption("Initial values" if not current.hidden else
                   "Initial values (w1, w2 and bias are the single neuron's: with hidden units the "
                   "seed draws the starting weights)")
        for column, name in zip(st.columns(3), ("w1", "w2", "bias")):
            with column:
                _number(session, name)
        _number(session, "lr")
        _number(session, "epochs")
        session.prepare("gradient", current.gradient)
        st.radio("Gradient", ("notebook", "exact"), key="gradient", horizontal=True,
                 help=FIELDS["gradient"].help, disabled="gradient" in locked)
        st.caption(GRADIENT_HELP[session.widget("gradient")])
        if hidden or current.hidden:
            _number(session, "hidden")
            _number(session, "seed")
    return session.config


def absorb(session: Session) -> None:
    """Read every setup widget's value (and the rows table's edits), validate them
    together, and make the result the setup; or say what is wrong and keep the last."""
    current = session.config
    values = {name: session.widget(name) for name in SETUP_WIDGETS if session.widget(name) is not None}
    try:
        edits = session.table_edits()
        if edits is not None:
            values.update(rows_from_table(edits, session.memory.table.base))
        new = current.replace(**values)
    except ValueError as error:
        st.sidebar.error(f"{plain(str(error))}. The last valid setup is kept.", icon=":material/warning:")
        return
    if new != current:
        session.set_config(new)


def _number(session: Session, name: str) -> None:
    label, options = NUMBER_WIDGETS[name]
    value = getattr(session.config, name)
    low, high = options.get("min_value"), options.get("max_value")
    if (low is not None and value < low) or (high is not None and value > high):
        # Streamlit would silently reset it to min_value (a link's epochs=200000 became 0):
        # the setup's bounds keep it inside, so this is only a last line of defence
        value = getattr(Config(), name)
        session.warn(f"{name}: {getattr(session.config, name):,} is outside what this app allows "
                     f"({low:,} to {high:,}); {value:,} is used instead")
        session.set_config(session.config.replace(**{name: value}))
    session.prepare(name, value)
    st.number_input(label, key=name, help=f"{FIELDS[name].help} ({FIELDS[name].allowed})",
                    disabled=name in session.locked, **options)


def _preset_picker(session: Session) -> None:
    names = list(PRESETS) + ["custom"]
    session.set_widget(Widgets.PRESET, session.preset)  # the current preset, or "custom" once rows are edited
    st.selectbox(
        "Preset", names, key=Widgets.PRESET, on_change=_apply_preset,
        format_func=lambda n: n if n == "custom" else f"{n} — {PRESETS[n].description}",
        help="A named starting point: sets the rows, targets and initial values.",
        disabled=session.presets_locked,
    )


def _apply_preset() -> None:
    session = Session.current()
    name = session.widget(Widgets.PRESET)
    if name in PRESETS:
        session.set_config(PRESETS[name].config, preset=name)


def _rows(session: Session) -> None:
    """The rows: a small read-only table, and a toggle that swaps in the table to edit.

    The editor is drawn only while the toggle is on: the data editor is the heaviest
    widget Streamlit has (about 35 scripts, 1.2 MB), and loading it on every visit put
    the playground's first chart 0.3 s later (bench/playground.py)."""
    st.caption("Rows: inputs x1, x2 and the target (0 to 1)")
    session.prepare(Widgets.ROWS_OPEN, False)
    if st.toggle("Edit the rows", key=Widgets.ROWS_OPEN, help="Show the rows as a table you can edit: "
                 "click a cell to change it, add a row at the bottom, select rows to delete them."):
        _row_editor(session)
    else:
        st.markdown(rows_summary(session.config))


def rows_summary(config: Config, shown: int = 8) -> str:
    """The rows as a small markdown table (the first `shown`, then how many more)."""
    short = "{:.4g}".format
    lines = ["| x1 | x2 | target |", "|---:|---:|---:|"]
    lines += [f"| {short(x1)} | {short(x2)} | {short(y)} |"
              for (x1, x2), y in list(zip(config.inputs, config.targets))[:shown]]
    more = len(config.inputs) - shown
    return "\n".join(lines) + (f"\n\n… and {more} more rows" if more > 0 else "")


def _row_editor(session: Session) -> None:
    table = session.table(get_script_run_ctx().page_script_hash, lambda config: pd.DataFrame(
        [(x1, x2, y) for (x1, x2), y in zip(config.inputs, config.targets)], columns=["x1", "x2", "target"]))
    number = st.column_config.NumberColumn
    frozen = [c for c, name in (("x1", "inputs"), ("x2", "inputs"), ("target", "targets"))
              if name in session.locked]  # a lesson link's lock: no edits, no new rows
    st.data_editor(
        table.base, key=Widgets.ROWS, num_rows="fixed" if frozen else "dynamic",
        hide_index=True, disabled=frozen,
        column_config={
            "x1": number("x1", help="first input", format="%.4g", required=True),
            "x2": number("x2", help="second input", format="%.4g", required=True),
            # no min/max here: the browser would quietly turn a 5 into a 1; the server says so instead
            "target": number("target", help="what the neuron should output, 0 to 1", format="%.4g",
                             required=True),
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


def rows_from_table(edits: dict, base: pd.DataFrame) -> dict:
    """The edited table as settings {inputs, targets}, or a ValueError naming the cell."""
    frame = table_rows(edits, base)
    if not 1 <= len(frame) <= MAX_ROWS:
        raise ValueError(f"inputs: {len(frame)} rows; expected {FIELDS['inputs'].allowed}")
    cells = [[_cell(v, i + 1, c) for c, v in row.items()] for i, row in enumerate(
        frame[["x1", "x2", "target"]].to_dict("records"))]
    return {"inputs": [(x1, x2) for x1, x2, _ in cells], "targets": [y for _, _, y in cells]}


def _cell(value, row: int, column: str) -> float:
    """A table cell as a finite float, or a message naming the row and column."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(f"{'targets' if column == 'target' else 'inputs'}: row {row}, {column} "
                         f"is {'empty' if value is None or value != value else repr(value)[:40]}; "
                         "expected a finite number")
    if column == "target" and not 0 <= number <= 1:
        raise ValueError(f"targets: row {row}, target is {number:g}; expected a number from 0 to 1")
    return number
