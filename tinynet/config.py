"""The settings of one network: the table FIELDS, and the Config made from it.

Every setting is declared once in FIELDS: its name, kind, default (the notebook's
network), limits and words. Config's fields, their order and defaults come from
that table, and so do the CLI's flags, the text forms of links, setup files and
the app's widgets: a name means the same thing everywhere.
"""

from __future__ import annotations

import dataclasses

from .fields import Field

MAX_ROWS = 64
MAX_EPOCHS = 1_000_000
MAX_HIDDEN = 16
MAX_LR = 100.0
GRADIENTS = ("notebook", "exact")

FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        Field("inputs", "rows", ((0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)),
              "Rows of (x1, x2), written 0,0;0,1;1,1;1,0",
              f"1 to {MAX_ROWS} rows of two finite numbers, like 0,0;0,1", most=MAX_ROWS),
        Field("targets", "numbers", (0.0, 1.0, 1.0, 0.0), "One target per row, written 0,1,1,0",
              "one number from 0 to 1 per row, like 0,1,1,0", low=0.0, high=1.0, most=MAX_ROWS),
        Field("w1", "float", 0.1, "Initial weight of x1", "a finite number"),
        Field("w2", "float", 0.2, "Initial weight of x2", "a finite number"),
        Field("bias", "float", 0.3, "Initial bias", "a finite number"),
        Field("lr", "float", 0.05, "Learning rate: how big each step of gradient descent is",
              f"a number above 0 and at most {MAX_LR:g}", low=0.0, above_low=True, high=MAX_LR),
        Field("epochs", "int", 10_000, "How many times to update the weights",
              f"a whole number from 0 to {MAX_EPOCHS:,}", low=0, high=MAX_EPOCHS),
        Field("gradient", "choice", "notebook",
              "notebook: the notebook's derivative, taken of the already-activated output; "
              "exact: the true gradient",
              "notebook or exact", choices=GRADIENTS),
        Field("hidden", "int", 0, "Hidden units (0 is the notebook's single neuron)",
              f"a whole number from 0 to {MAX_HIDDEN}", low=0, high=MAX_HIDDEN),
        Field("seed", "int", 0, "Seed for the random initial weights when hidden > 0",
              "a whole number from 0 to 2**32 - 1", low=0, high=2**32 - 1),
    )
}


def bad(name: str, value: object, why: str = "") -> ValueError:
    """The error for a bad value of setting `name`: it names the field, the value
    (shortened) and what is allowed."""
    return FIELDS[name].refuse(value, why)


def check(name: str, value: object):
    """Validate one setting's value; return it in its canonical form."""
    return FIELDS[name].check(value)


class _Setup:
    """One network's setup: a value for each setting of FIELDS, in that order.
    Config() is the notebook's network; Config(lr=0.5) changes one setting.

    Frozen, and checked when made: every value is validated (ValueError naming the
    field) and kept in its canonical form (tuples and floats).
    """

    def __post_init__(self):
        for name, field in FIELDS.items():
            object.__setattr__(self, name, field.check(getattr(self, name)))
        if len(self.targets) != len(self.inputs):
            raise bad("targets", self.targets, f"{len(self.targets)} targets for {len(self.inputs)} "
                                               "rows of inputs")

    def replace(self, **changes) -> Config:
        unknown = [name for name in changes if name not in FIELDS]
        if unknown:
            raise ValueError(f"{unknown[0][:40]!r} is not a setting; settings are: {', '.join(FIELDS)}")
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict:
        """Plain JSON-ready values (lists, not tuples), keyed by the vocabulary names."""
        return {name: _plain(getattr(self, name)) for name in FIELDS}


def _plain(value):
    return [_plain(item) for item in value] if isinstance(value, tuple) else value


Config = dataclasses.make_dataclass(
    "Config", [(f.name, f.type, dataclasses.field(default=f.default)) for f in FIELDS.values()],
    bases=(_Setup,), namespace={"__doc__": _Setup.__doc__, "__module__": __name__}, frozen=True)
