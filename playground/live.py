"""The live view: train on the server once per setup, play back in the browser.

Changing the learning rate or gradient mode mid-run carries on from the epoch
the student is at (as TF Playground does); changing the data or the initial
values starts a new run at epoch 0.
"""

from __future__ import annotations

import uuid

import streamlit as st

from tinynet import Config, Run, resume, train

from .player import payload, player


def _only_rate_changed(old: Config, new: Config) -> bool:
    return old != new and old.replace(lr=new.lr, gradient=new.gradient) == new


def live_view(setup: Config, key: str = "player", **options) -> tuple[Run, dict | None]:
    """Show the player for `setup`; return the run shown and the player's last value."""
    memory = st.session_state.setdefault(f"{key}_live", {})
    run: Run | None = memory.get("run")
    value = st.session_state.get(key) or {}
    here = value.get("epoch", 0) if value.get("run_id") == memory.get("id") else 0
    start, autoplay, branch = memory.get("start", 0), False, None

    if memory.get("pending") and value.get("branch") == memory["pending"]:
        # the player told us where it was when the rate changed: carry on from there
        memory.pop("pending")
        run, start, autoplay = _carry_on(run, value.get("epoch", 0), setup), value.get("epoch", 0), \
            bool(value.get("playing"))
    elif run is None or (run.config != setup and not _only_rate_changed(run.config, setup)):
        run, start = train(setup, record=True), 0
    elif run.config != setup and value.get("playing"):
        memory["pending"] = branch = uuid.uuid4().hex[:8]  # ask the player for its epoch first
    elif run.config != setup:
        run, start = _carry_on(run, here, setup), here
    branch = memory.get("pending")
    if run is not memory.get("run"):
        memory.update(run=run, id=payload(run)["id"], start=start)
    return run, player(run, key=key, start_epoch=start, autoplay=autoplay, branch=branch, **options)


def _carry_on(run: Run, epoch: int, setup: Config) -> Run:
    epoch = min(max(int(epoch), 0), run.epoch, setup.epochs)
    return resume(run, epoch, setup).run_to_end().run()
