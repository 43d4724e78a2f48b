"""Named starting points. Rows stay in the notebook's order: [0,0], [0,1], [1,1], [1,0]."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Config


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
