"""The live view: train on the server once per setup, play back in the browser.

Changing the learning rate or gradient mode mid-run carries on from the epoch
the student is at (as TF Playground does); changing the data or the initial
values starts a new run at epoch 0.
"""

from __future__ import annotations

import uuid

import streamlit as st

from tinynet import Config, Run, resume, train

from . import classroom
from .player import last_value, player


def _only_rate_changed(old: Config, new: Config) -> bool:
    return old != new and old.replace(lr=new.lr, gradient=new.gradient) == new


def live_view(setup: Config, key: str = "player", **options) -> tuple[Run, dict | None]:
    """Show the player for `setup`; return the run shown and the player's last value.
    Presenter mode and a lesson link's locked controls apply unless options say otherwise."""
    options = {**classroom.player_options(), **options}
    memory = st.session_state.setdefault(f"{key}_live", {})
    run: Run | None = memory.get("run")
    value = last_value(key) or {}
    start, autoplay = memory.get("start", 0), False

    if memory.get("pending") and value.get("branch") == memory["pending"]:
        # the player told us where it was when the rate changed: carry on from there
        memory.pop("pending")
        here = value.get("epoch", 0)
        run, start, autoplay = _carry_on(run, here, setup), here, bool(value.get("playing"))
    elif run is None or (run.config != setup and not _only_rate_changed(run.config, setup)):
        run, start = train(setup, record=True), 0
        memory.pop("pending", None)
    elif run.config != setup and not memory.get("pending"):
        # Play runs in the browser and tells the server nothing, so ask the player
        # where it is (one extra rerun per change) rather than guess
        memory["pending"] = uuid.uuid4().hex[:8]
    branch = memory.get("pending")
    if run is not memory.get("run"):
        memory.update(run=run, start=start)
    value = player(run, key=key, start_epoch=start, autoplay=autoplay, branch=branch, **options)
    if run.diverged_at is not None:
        st.error(f"Diverged at epoch {run.diverged_at}: try a smaller learning rate. "
                 f"The charts stop at epoch {run.epoch}, the last finite state.")
    return run, value


def _carry_on(run: Run, epoch: int, setup: Config) -> Run:
    """The run up to `epoch`, then trained on with the new rate or gradient mode."""
    epoch = min(max(int(epoch), 0), run.epoch, setup.epochs)
    return resume(run, epoch, setup).run_to_end().run()
