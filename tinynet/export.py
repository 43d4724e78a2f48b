"""Exports a teacher can hand out: a NumPy script, a notebook, the setup, the history.

    to_python(config, segments)    standalone script: NumPy only, ends with `weights` and `bias`
    to_notebook(config, segments)  the same steps as a Jupyter notebook (nbformat 4)
    to_json(config)                the setup, read back exactly by tinynet.configfile
    to_csv(run)                    epoch, MSE and parameters, downsampled for long runs

The script and the notebook are both built from one list of steps (script.steps),
each an explanation plus the code that does it: the script turns explanations
into comments, the notebook into markdown cells. `segments` (a Run's) makes them
replay a run changed mid-way: the same rates and gradients from the same epochs.
"""

from __future__ import annotations

import bisect
import json
import textwrap

from .config import Config
from .script import steps
from .train import Run, replay, sample_epochs

FORMATS = ("py", "ipynb", "json", "csv")


def _comment(markdown: str) -> str:
    """Markdown prose -> wrapped `#` comment lines for the script."""
    lines = []
    for paragraph in markdown.split("\n\n"):
        if paragraph.startswith("#"):
            lines.append(f"# {paragraph.lstrip('#').strip()}\n#")
        else:
            lines.append(textwrap.fill(paragraph, 88, initial_indent="# ", subsequent_indent="# "))
    return "\n".join(lines)


def to_python(config: Config, segments=None) -> str:
    parts = [_comment(text) + ("\n" + code if code else "") for text, code in steps(config, segments)]
    return "\n\n".join(parts) + "\n"


def to_notebook(config: Config, segments=None) -> str:
    """nbformat 4.5 JSON. Cell ids are numbered, so the same setup gives the same file."""
    cells = []
    for text, code in steps(config, segments):
        cells.append({"cell_type": "markdown", "id": f"cell-{len(cells) + 1}", "metadata": {},
                      "source": text})
        if code:
            cells.append({"cell_type": "code", "id": f"cell-{len(cells) + 1}", "metadata": {},
                          "execution_count": None, "outputs": [], "source": code})
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def to_json(config: Config) -> str:
    """The setup, every field, floats written exactly (configfile.load reads it back)."""
    fields = [f"  {json.dumps(name)}: {json.dumps(value)}" for name, value in config.as_dict().items()]
    return "{\n" + ",\n".join(fields) + "\n}\n"  # one line a field: readable, diffable


def csv_columns(hidden: int) -> list[str]:
    """Names for a run's flattened parameters (see model.flatten), after epoch and mse."""
    if not hidden:
        return ["epoch", "mse", "w1", "w2", "bias"]
    units = range(1, hidden + 1)
    return (["epoch", "mse"] + [f"h{j}_w1" for j in units] + [f"h{j}_w2" for j in units]
            + [f"h{j}_bias" for j in units] + [f"w_h{j}" for j in units] + ["bias"])


def to_csv(run: Run, max_rows: int = 1001) -> str:
    """The run's history (needs record=True): one row per sampled epoch. A run changed
    mid-way (more than one segment) gets two more columns, the learning rate and
    gradient of the update after each row."""
    if run.history is None:
        raise ValueError("run: trained without record=True, so it has no history to export")
    if max_rows < 2:
        raise ValueError(f"max_rows: {max_rows!r} is not allowed; expected at least 2")
    plan, spliced = run.segments, len(run.segments) > 1
    starts = [s.first_epoch for s in plan]
    lines = [",".join(csv_columns(run.config.hidden) + (["lr", "gradient"] if spliced else []))]
    for k in sample_epochs(run.epoch, max_rows):
        values = [repr(float(v)) for v in (run.losses[k], *run.history[k])]
        if spliced:
            segment = plan[max(bisect.bisect_right(starts, k) - 1, 0)]
            values += [repr(segment.lr), segment.gradient]
        lines.append(",".join([str(int(k)), *values]))
    return "\n".join(lines) + "\n"


def export(config: Config, kind: str, run: Run | None = None, segments=None) -> str:
    """One export by name (FORMATS). segments: the run's, for a run changed mid-way
    (by default run.segments when a run is given). csv trains the run unless given it."""
    if segments is None and run is not None:
        segments = run.segments
    if kind == "py":
        return to_python(config, segments)
    if kind == "ipynb":
        return to_notebook(config, segments)
    if kind == "json":
        return to_json(config)
    if kind == "csv":
        return to_csv(run if run is not None else replay(config, segments, record=True))
    raise ValueError(f"export: {kind!r} is not a format; formats are: {', '.join(FORMATS)}")
