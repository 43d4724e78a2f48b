"""Named starting points, and `preset`, the vocabulary's name for picking one.

Rows stay in the notebook's order: [0,0], [0,1], [1,1], [1,0].
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import Config
from .fields import Field


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    config: Config


def _targets(*values: float) -> Config:
    return Config(targets=values)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("notebook", "The notebook's network: targets 0,1,1,0, which just copy x2 "
               "(so it is not XOR).", Config()),
        Preset("and", "AND: 1 only when both inputs are 1.", _targets(0, 0, 1, 0)),
        Preset("or", "OR: 1 when either input is 1.", _targets(0, 1, 1, 1)),
        Preset("nand", "NAND: 0 only when both inputs are 1.", _targets(1, 1, 0, 1)),
        Preset("xor", "True XOR (0,1,0,1 in this row order): no single neuron can learn it; "
               "a hidden layer can.", _targets(0, 1, 0, 1)),
    )
}

# Names that pick a whole starting Config rather than set one value; the settings
# given beside them apply on top.
STARTS: dict[str, Field] = {
    "preset": Field("preset", "choice", "notebook",
                    "Start from a preset: its rows and targets, the notebook's other values",
                    f"a preset: {', '.join(PRESETS)}", choices=tuple(PRESETS)),
}


def start_from(name: str, value: object) -> Config:
    """The Config that starting point `name` (a key of STARTS) picks for `value`;
    ValueError naming it for a value it does not know."""
    return PRESETS[STARTS[name].check(value)].config  # `preset` is the only starting point so far


def preset_config(name: object) -> Config:
    return start_from("preset", name)
