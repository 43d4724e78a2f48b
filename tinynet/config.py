"""The one vocabulary of settings.

Every setting is declared once in FIELDS (name, default, limits, help). The
Config class, the CLI flags, the URL codec and the app's widgets are all derived
from that table, so a name means the same thing everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace

MAX_ROWS = 64
MAX_EPOCHS = 1_000_000
MAX_HIDDEN = 16
MAX_LR = 100.0
GRADIENTS = ("notebook", "exact")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "rows" | "targets" | "float" | "int" | "choice"
    help: str
    allowed: str  # said in every error message about this field
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("inputs", "rows", "Rows of (x1, x2), written 0,0;0,1;1,1;1,0",
              f"1 to {MAX_ROWS} rows of two finite numbers, like 0,0;0,1"),
        Field("targets", "targets", "One target per row, written 0,1,1,0",
              "one number from 0 to 1 per row, like 0,1,1,0"),
        Field("w1", "float", "Initial weight of x1", "a finite number"),
        Field("w2", "float", "Initial weight of x2", "a finite number"),
        Field("bias", "float", "Initial bias", "a finite number"),
        Field("lr", "float", "Learning rate: how big each step of gradient descent is",
              f"a number above 0 and at most {MAX_LR:g}", low=0.0, high=MAX_LR),
        Field("epochs", "int", "How many times to update the weights",
              f"a whole number from 0 to {MAX_EPOCHS:,}", low=0, high=MAX_EPOCHS),
        Field("gradient", "choice",
              "notebook: the notebook's derivative, taken of the already-activated output; "
              "exact: the true gradient",
              "notebook or exact", choices=GRADIENTS),
        Field("hidden", "int", "Hidden units (0 is the notebook's single neuron)",
              f"a whole number from 0 to {MAX_HIDDEN}", low=0, high=MAX_HIDDEN),
        Field("seed", "int", "Seed for the random initial weights when hidden > 0",
              "a whole number from 0 to 2**32 - 1", low=0, high=2**32 - 1),
    )
}

NOTEBOOK_INPUTS = ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0))


def bad(name: str, value: object, why: str = "") -> ValueError:
    """An error that names the field, the bad value and what is allowed."""
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    reason = f" ({why})" if why else ""
    return ValueError(f"{name}: {shown} is not allowed{reason}; expected {FIELDS[name].allowed}")


def _number(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise bad(name, value, "not a number")
    number = float(value)
    if not math.isfinite(number):
        raise bad(name, value)
    return number


def _whole(name: str, value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise bad(name, value, "not a whole number")
    return value


@dataclass(frozen=True)
class Config:
    """One network's setup. Config() is the notebook's network."""

    inputs: tuple[tuple[float, float], ...] = NOTEBOOK_INPUTS
    targets: tuple[float, ...] = (0.0, 1.0, 1.0, 0.0)
    w1: float = 0.1
    w2: float = 0.2
    bias: float = 0.3
    lr: float = 0.05
    epochs: int = 10_000
    gradient: str = "notebook"
    hidden: int = 0
    seed: int = 0

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, check(f.name, getattr(self, f.name)))
        if len(self.targets) != len(self.inputs):
            raise bad("targets", self.targets,
                      f"{len(self.targets)} targets for {len(self.inputs)} rows")

    def replace(self, **changes) -> Config:
        return replace(self, **changes)

    def as_dict(self) -> dict:
        """Plain JSON-ready values, keyed by the vocabulary names."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["inputs"] = [list(row) for row in self.inputs]
        out["targets"] = list(self.targets)
        return out


def check(name: str, value: object):
    """Validate one field's value; return it in its canonical form."""
    field = FIELDS[name]
    if field.kind == "rows":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
            raise bad(name, value, "not a list of rows")
        if not 1 <= len(value) <= MAX_ROWS:
            raise bad(name, value, f"{len(value)} rows")
        rows = []
        for row in value:
            if isinstance(row, (str, bytes)) or not hasattr(row, "__len__") or len(row) != 2:
                raise bad(name, value, f"row {len(rows) + 1} does not have two numbers")
            rows.append((_number(name, row[0]), _number(name, row[1])))
        return tuple(rows)
    if field.kind == "targets":
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
            raise bad(name, value, "not a list of numbers")
        targets = tuple(_number(name, t) for t in value)
        if not all(0.0 <= t <= 1.0 for t in targets):
            raise bad(name, value, "a target outside 0 to 1")
        return targets
    if field.kind == "choice":
        if value not in field.choices:
            raise bad(name, value)
        return value
    number = _whole(name, value) if field.kind == "int" else _number(name, value)
    if name == "lr" and not 0.0 < number <= MAX_LR:
        raise bad(name, value)
    if field.kind == "int" and not field.low <= number <= field.high:
        raise bad(name, value)
    return number
