"""One student's run as the teacher's board shows it: a summary, never the history.

A student's browser sends it, so it is untrusted. validate_summary accepts exactly
these fields, each of its own type and range, and refuses anything else with one
line naming the field. It is kept as compact JSON, about 200 bytes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from numbers import Integral, Real

from tinynet.config import GRADIENTS, MAX_EPOCHS, MAX_HIDDEN, MAX_LR

from .rules import shown

TARGET_MSE = 0.01  # epochs_to_target counts epochs until the MSE is below this
EVENTS = ("end", "pause", "step")  # end of Play, Pause, stepping to the last epoch


@dataclass(frozen=True)
class Summary:
    lr: float
    gradient: str  # "notebook" | "exact"
    hidden: int  # hidden units; 0 is the single neuron
    epochs: int  # epochs the student's setup asks for
    rows_changed: bool  # the student's rows or targets differ from the lesson's
    epoch: int  # the epoch on show when it was posted
    final_mse: float | None  # the MSE at that epoch
    epochs_to_target: int | None  # first epoch with MSE < TARGET_MSE; None: not within the run
    diverged: bool
    event: str  # what posted it: one of EVENTS

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Summary:
        return validate_summary(json.loads(text))


ALLOWED = {  # said in every error about the field
    "lr": f"a number above 0 and at most {MAX_LR:g}",
    "gradient": " or ".join(GRADIENTS),
    "hidden": f"a whole number from 0 to {MAX_HIDDEN}",
    "epochs": f"a whole number from 0 to {MAX_EPOCHS:,}",
    "rows_changed": "true or false",
    "epoch": "a whole number from 0 to epochs",
    "final_mse": "a finite number of at least 0, or null",
    "epochs_to_target": "a whole number from 0 to epochs, or null",
    "diverged": "true or false",
    "event": ", ".join(EVENTS[:-1]) + f" or {EVENTS[-1]}",
}


def validate_summary(value: object) -> Summary:
    """An untrusted summary (parsed JSON) -> Summary, or ValueError naming the field."""
    if not isinstance(value, Mapping):
        raise ValueError(f"summary: {shown(value)} is not allowed; expected an object with the fields "
                         f"{', '.join(ALLOWED)}")
    for name in value:
        if name not in ALLOWED:
            raise ValueError(f"summary: {shown(name)} is not a field; fields are: {', '.join(ALLOWED)}")
    for name in ALLOWED:
        if name not in value:
            raise ValueError(f"{name}: missing; expected {ALLOWED[name]}")
    epochs = _whole(value, "epochs", 0, MAX_EPOCHS)
    return Summary(
        lr=_number(value, "lr", lambda lr: 0 < lr <= MAX_LR),
        gradient=_choice(value, "gradient", GRADIENTS),
        hidden=_whole(value, "hidden", 0, MAX_HIDDEN),
        epochs=epochs,
        rows_changed=_flag(value, "rows_changed"),
        epoch=_whole(value, "epoch", 0, epochs),
        final_mse=None if value["final_mse"] is None else _number(value, "final_mse", lambda mse: mse >= 0),
        epochs_to_target=None if value["epochs_to_target"] is None else _whole(value, "epochs_to_target",
                                                                               0, epochs),
        diverged=_flag(value, "diverged"),
        event=_choice(value, "event", EVENTS),
    )


def _refuse(name: str, value: object) -> ValueError:
    return ValueError(f"{name}: {shown(value)} is not allowed; expected {ALLOWED[name]}")


def _number(fields: Mapping, name: str, in_range) -> float:
    value = fields[name]
    if isinstance(value, bool) or not isinstance(value, Real):
        raise _refuse(name, value)
    try:
        number = float(value)
    except OverflowError:  # an integer too large for a float
        raise _refuse(name, value) from None
    if not (math.isfinite(number) and in_range(number)):
        raise _refuse(name, value)
    return number


def _whole(fields: Mapping, name: str, low: int, high: int) -> int:
    value = fields[name]
    if isinstance(value, bool) or not isinstance(value, Integral) or not low <= value <= high:
        raise _refuse(name, value)
    return int(value)


def _flag(fields: Mapping, name: str) -> bool:
    if not isinstance(fields[name], bool):
        raise _refuse(name, fields[name])
    return fields[name]


def _choice(fields: Mapping, name: str, choices: tuple[str, ...]) -> str:
    if not (isinstance(fields[name], str) and fields[name] in choices):
        raise _refuse(name, fields[name])
    return fields[name]
