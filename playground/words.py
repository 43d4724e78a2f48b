"""What is on show, in plain words, for the pages' captions."""

from __future__ import annotations

from tinynet import Config, format_value


def what_plays(setup: Config, preset: str) -> str:
    """E.g. "On show: one sigmoid neuron on the notebook's 4 rows, notebook gradient, learning
    rate 0.05, 10,000 epochs." With hidden units it says so: a Load XOR elsewhere is visible here."""
    count = len(setup.inputs)
    rows = {"custom": f"your {count} rows", "notebook": f"the notebook's {count} rows"}.get(
        preset, f"the {preset.upper()} preset's {count} rows")
    shape = ("one sigmoid neuron" if setup.hidden == 0 else
             f"a network with a hidden layer of {setup.hidden} unit{'s' if setup.hidden > 1 else ''} "
             f"(2-{setup.hidden}-1, starting weights from seed {setup.seed})")
    return (f"On show: {shape} on {rows}, {setup.gradient} gradient, learning rate "
            f"{format_value('lr', setup.lr)}, {setup.epochs:,} epochs.")
