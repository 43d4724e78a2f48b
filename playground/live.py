"""The live view: train on the server once per setup, play back in the browser.

A new learning rate or gradient mid-run carries on from the epoch on show (the
player holds there, and says which epoch when asked); at epoch 0 or at the end it
starts the new setup's run from epoch 0; any other change (rows, starting values,
epochs) starts a new run at epoch 0. After any change the run before it stays on the
error chart as a faint ghost.

The handshake cannot wedge: the server's only pending state is a request id, and it
is cleared by any player report that carries the answer (every report does, once the
player has answered), by a change that needs no request, or by a new run.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass

import streamlit as st

from tinynet import Config, Run, resume, train

from .player import CONTROLS, ghost_of, label, player, run_spec
from .session import Session


@dataclass
class Live:
    """One player's memory between reruns."""

    run: Run | None = None
    spec: dict | None = None  # run_spec(run), built once per run
    start: int = 0  # the epoch the run on show started at
    ghost: dict | None = None  # the run before the last change
    request: str | None = None  # the id of a change the player is asked about: where is the student?

    def show(self, run: Run, start: int = 0, spliced_from: str | None = None, spec: dict | None = None):
        """Put `run` on show; the run it replaces becomes the ghost."""
        if self.run is not None:
            self.ghost = ghost_of(self.run, _ghost_label(self.run, run.config))
        self.run, self.start = run, start
        self.spec = spec or run_spec(run, spliced_from)
        self.request = None

    def show_fresh(self, setup: Config) -> None:
        """The setup's own run from epoch 0, trained once for the whole server."""
        run, spec = trained(setup)
        self.show(run, spec=spec)


@st.cache_resource(max_entries=32, show_spinner=False)
def trained(setup: Config) -> tuple[Run, dict]:
    """A setup's run and its spec, shared by every session that shows it: a class opening
    one lesson link trains it once. (Runs and specs are only ever read, never changed.)"""
    run = train(setup, record=True)
    return run, run_spec(run)


def _ghost_label(old: Run, new: Config) -> str:
    if old.config.replace(lr=new.lr, gradient=new.gradient) == new:
        return f"before: lr {label(old.segments[-1])}"
    return "before the change"


def carries_on(old: Config, new: Config) -> bool:
    """Only the learning rate or the gradient changed: training can carry on mid-run."""
    return old != new and old.replace(lr=new.lr, gradient=new.gradient) == new


def live_view(session: Session, key: str = "player", held: str | None = None) -> tuple[Run, int | None]:
    """Show the player for the session's setup; return the run on show and the epoch the
    student last stopped at on it (Pause, Step, scrub, the end), or None before any.
    Presenter mode and the lesson link's locked controls apply; `held` (a message)
    stops playback and disables the controls (a teacher paused the class)."""
    live: Live = session.live(key, Live)
    value = session.player_value(key) or {}
    update(live, session.config, value)
    options = {"presenter": session.presenter, "lock": tuple(n for n in CONTROLS if n in session.locked)}
    player(live.spec, key=key, ghost=live.ghost, start_epoch=live.start, branch=live.request, held=held,
           **options)
    if live.run.diverged_at is not None:
        st.error(f"Diverged at epoch {live.run.diverged_at:,}: try a smaller learning rate. "
                 f"The charts stop at epoch {live.run.epoch:,}, the last finite state.")
    return live.run, stopped_at(live, value)


def stopped_at(live: Live, value: dict) -> int | None:
    """The epoch of the player's last report, if it was about the run on show."""
    epoch = value.get("epoch")
    if value.get("run_id") != live.spec["id"] or not _number(epoch):
        return None
    return min(max(int(epoch), 0), live.run.epoch)


def update(live: Live, setup: Config, value: dict) -> None:
    """Bring the memory up to date with the setup and the player's last report."""
    run = live.run
    if run is None or not carries_on(run.config, setup):
        if run is None or run.config != setup:
            live.show_fresh(setup)
        live.request = None  # nothing to ask (or a change undone before it was answered)
    else:
        answer = value.get("answered")
        if live.request and isinstance(answer, dict) and answer.get("id") == live.request:
            _carry_on(live, setup, answer.get("epoch"))  # the newest setup, if it changed again meanwhile
        elif live.request is None:
            live.request = uuid.uuid4().hex[:12]


def _carry_on(live: Live, setup: Config, epoch) -> None:
    """Splice at `epoch`, or start the new setup from 0 when the student was at the start or the end."""
    run = live.run
    epoch = int(epoch) if _number(epoch) else 0
    epoch = min(max(epoch, 0), run.epoch, setup.epochs)
    if epoch == 0 or epoch >= run.epoch:
        live.show_fresh(setup)
        return
    live.show(resume(run, epoch, setup).run_to_end().run(), epoch, spliced_from=live.spec["id"])


def _number(value) -> bool:
    """A finite number: a report comes from the browser, so it is untrusted."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
