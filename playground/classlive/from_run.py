"""A student's run as the board gets it: computed here, on the server, from the run
on show, never from numbers a browser sends.

The player reports where the student stopped (its value: event, epoch, run id).
A stop is posted when Play reached the end, on Pause, and on a Step onto the last
epoch; the epoch is clamped to the run on show (live.stopped_at), and everything
else comes from the run itself.
"""

from __future__ import annotations

import numpy as np

from tinynet import Config, Run

from .summary import TARGET_MSE

POSTED_EVENTS = ("end", "pause")  # and "step", only onto the last epoch


def stop_to_post(event: object, epoch: int | None, run: Run) -> tuple[str, int] | None:
    """(event, epoch) when this report is a stop the board should get, else None."""
    if epoch is None:  # the report is not about the run on show
        return None
    if event in POSTED_EVENTS or (event == "step" and epoch == run.epoch):
        return str(event), epoch
    return None


def is_lesson_run(run: Run, lesson: Config) -> bool:
    """The run is the lesson's rows and starting values at one learning rate: what the
    board's true curve shows, and what projecting it retrains. The summary names the
    rate, gradient, hidden units and epochs; anything else changed makes it the
    student's own setup (the summary's rows_changed)."""
    config = run.config
    same = config.replace(lr=lesson.lr, gradient=lesson.gradient, hidden=lesson.hidden,
                          epochs=lesson.epochs) == lesson
    return same and len(run.segments) == 1


def summary_of(run: Run, event: str, epoch: int, lesson: Config) -> dict:
    """The summary of `run` stopped at `epoch` by `event`: what the store's
    validate_summary takes. Epochs to the target count only what has been shown."""
    shown = run.losses[: epoch + 1]
    below = np.flatnonzero(shown < TARGET_MSE)
    return {
        "lr": float(run.config.lr),  # a spliced run's config carries its last rate
        "gradient": run.config.gradient,
        "hidden": int(run.config.hidden),
        "epochs": int(run.config.epochs),
        "rows_changed": not is_lesson_run(run, lesson),
        "epoch": int(epoch),
        "final_mse": float(shown[-1]),
        "epochs_to_target": int(below[0]) if below.size else None,
        "diverged": run.diverged_at is not None and epoch >= run.epoch,
        "event": event,
    }
