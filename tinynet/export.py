"""Exports a teacher can hand out: a NumPy script, a notebook, the setup, the history.

    to_python(config)    standalone script: NumPy only, ends with `weights` and `bias`
    to_notebook(config)  the same steps as a Jupyter notebook (nbformat 4)
    to_json(config)      the setup, read back exactly by tinynet.configfile
    to_csv(run)          epoch, MSE and parameters, downsampled for long runs

The script and the notebook are both built from one list of steps (`steps`),
each an explanation plus the code that does it: the script turns explanations
into comments, the notebook into markdown cells. Values are written with
repr(), so the exported code starts from exactly the setup's floats.
"""

from __future__ import annotations

import json
import textwrap

from .config import Config
from .train import Run, sample_epochs, train

FORMATS = ("py", "ipynb", "json", "csv")


def steps(config: Config) -> list[tuple[str, str]]:
    """(markdown, code) pairs that train `config` from scratch; code may be empty."""
    c, h = config, config.hidden
    shape = "one sigmoid neuron" if not h else f"a 2-{h}-1 network (a hidden layer of {h} sigmoid units)"
    out = [(
        "# Train a tiny neural network with NumPy\n\n"
        f"Exported from the tinynet playground. This replays one training run from scratch: "
        f"{shape}, the `{c.gradient}` gradient, {c.epochs} epochs at learning rate {c.lr!r}. "
        "It needs nothing but NumPy, and it ends with the learned parameters in "
        "`weights` and `bias`.",
        "",
    ), (
        "## The data\n\nEach row of `inputs` is one example, (x1, x2). `targets` holds the "
        "answer we want the network to give for that row, a number from 0 to 1.",
        "import numpy as np\n\ninputs = np.array([\n"
        + "".join(f"    [{x1!r}, {x2!r}],\n" for x1, x2 in c.inputs)
        + f"])\ntargets = np.array([{', '.join(repr(t) for t in c.targets)}])",
    ), (
        "## The settings\n\nThe learning rate scales every update: too small and learning "
        "crawls, too large and the numbers jump around or blow up. One epoch is one update "
        "computed from all rows together.",
        f"learning_rate = {c.lr!r}\nepochs = {c.epochs!r}",
    ), _starting_values(c), (
        "## Two helper functions\n\n`sigmoid` squeezes any number into the range 0 to 1; "
        "clipping its input keeps `exp` from overflowing without changing any result "
        "(beyond ±709 the output is already 0 or 1 to double precision). `slope` is the "
        "factor the chain rule needs from the sigmoid at each output `a`. "
        + _SLOPE_PROSE[c.gradient],
        "def sigmoid(z):\n    return 1.0 / (1.0 + np.exp(-np.clip(z, -709.0, 709.0)))\n\n\n"
        + _SLOPE_CODE[c.gradient],
    ), (
        "## Training\n\nEvery epoch runs the rows forward, measures each row's error "
        "(output minus target), turns it into `delta`, how much that row wants the sum "
        "feeding the output to change, and moves every parameter a small step against its "
        "gradient. The loss being descended is half the sum of squared errors. If a step "
        "would overflow (a learning rate far too large), training stops and keeps the last "
        "finite values.",
        _HIDDEN_LOOP if h else _NEURON_LOOP,
    ), (
        "## The result\n\nThe learned parameters, the mean squared error over the rows, and "
        "what the network now outputs for each row.",
        f"outputs = {_FORWARD_HIDDEN if h else _FORWARD}\n"
        "print('weights:', weights)\nprint('bias:', bias)\n"
        "print('mean squared error:', np.mean((outputs - targets) ** 2))\n"
        "for (x1, x2), target, output in zip(inputs, targets, outputs):\n"
        "    print(f'x1={x1:g} x2={x2:g}  target={target:g}  output={output:.6f}')",
    )]
    return out


def _starting_values(c: Config) -> tuple[str, str]:
    if not c.hidden:
        return ("## Starting values\n\nOne weight per input and a bias: the neuron computes "
                "sigmoid(w1·x1 + w2·x2 + bias).",
                f"weights = np.array([{c.w1!r}, {c.w2!r}])  # w1 for x1, w2 for x2\nbias = {c.bias!r}")
    return ("## Starting values\n\nA hidden layer cannot start with equal weights (every unit "
            "would learn the same thing), so they are drawn at random from a seeded generator: "
            "first the hidden weights, then the output weights, uniform between -1 and 1. "
            "Biases start at 0. The same seed always gives the same numbers.",
            f"rng = np.random.default_rng({c.seed!r})\n"
            f"hidden_weights = rng.uniform(-1.0, 1.0, (2, {c.hidden}))  # row 0 from x1, row 1 from x2\n"
            f"weights = rng.uniform(-1.0, 1.0, {c.hidden})  # hidden units -> output\n"
            f"hidden_bias = np.zeros({c.hidden})\nbias = 0.0")


_SLOPE_PROSE = {
    "exact": "Here it is the true derivative of the sigmoid, written with its output: "
             "a·(1−a). This is exact gradient descent.",
    "notebook": "Here it copies the original notebook, which evaluates the sigmoid's "
                "derivative at the output `a` itself, sigmoid(a)·(1−sigmoid(a)), instead "
                "of a·(1−a). It still learns, but it is not the true gradient: the factor "
                "never drops below about 0.2, even where the true one vanishes.",
}
_SLOPE_CODE = {
    "exact": "def slope(a):\n    return a * (1.0 - a)",
    "notebook": "def slope(a):\n    s = sigmoid(a)  # the derivative taken at a, as the notebook does\n"
                "    return s * (1.0 - s)",
}
_FORWARD = "sigmoid(inputs @ weights + bias)"
_FORWARD_HIDDEN = "sigmoid(sigmoid(inputs @ hidden_weights + hidden_bias) @ weights + bias)"
_STOP = ("        print(f'stopped at epoch {epoch + 1}: the numbers overflowed; "
         "try a smaller learning rate')\n        break\n")
_NEURON_LOOP = (
    "for epoch in range(epochs):\n"
    f"    outputs = {_FORWARD}\n"
    "    delta = (outputs - targets) * slope(outputs)\n"
    "    new_weights = weights - learning_rate * (delta @ inputs)\n"
    "    new_bias = bias - learning_rate * delta.sum()\n"
    "    if not (np.isfinite(new_weights).all() and np.isfinite(new_bias)):  # each value, not a sum\n"
    + _STOP +
    "    weights, bias = new_weights, new_bias"
)
_HIDDEN_LOOP = (
    "for epoch in range(epochs):\n"
    "    hidden = sigmoid(inputs @ hidden_weights + hidden_bias)  # one column per hidden unit\n"
    "    outputs = sigmoid(hidden @ weights + bias)\n"
    "    delta = (outputs - targets) * slope(outputs)\n"
    "    # the chain rule again: each hidden unit's share of delta, through its output weight\n"
    "    hidden_delta = np.outer(delta, weights) * slope(hidden)\n"
    "    # einsum sums over the rows r in tinynet's order: long runs then match it to the last digits\n"
    "    new = (weights - learning_rate * np.einsum('r,rh->h', delta, hidden),\n"
    "           bias - learning_rate * delta.sum(),\n"
    "           hidden_weights - learning_rate * (inputs.T @ hidden_delta),\n"
    "           hidden_bias - learning_rate * hidden_delta.sum(axis=0))\n"
    "    if not all(np.isfinite(p).all() for p in new):  # each value, not a sum\n" + _STOP +
    "    weights, bias, hidden_weights, hidden_bias = new"
)


def _comment(markdown: str) -> str:
    """Markdown prose -> wrapped `#` comment lines for the script."""
    lines = []
    for paragraph in markdown.split("\n\n"):
        if paragraph.startswith("#"):
            lines.append(f"# {paragraph.lstrip('#').strip()}\n#")
        else:
            lines.append(textwrap.fill(paragraph, 88, initial_indent="# ", subsequent_indent="# "))
    return "\n".join(lines)


def to_python(config: Config) -> str:
    parts = [_comment(text) + ("\n" + code if code else "") for text, code in steps(config)]
    return "\n\n".join(parts) + "\n"


def to_notebook(config: Config) -> str:
    """nbformat 4.5 JSON. Cell ids are numbered, so the same setup gives the same file."""
    cells = []
    for text, code in steps(config):
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
    """The run's history (needs record=True): one row per sampled epoch."""
    if run.history is None:
        raise ValueError("run: trained without record=True, so it has no history to export")
    if max_rows < 2:
        raise ValueError(f"max_rows: {max_rows!r} is not allowed; expected at least 2")
    lines = [",".join(csv_columns(run.config.hidden))]
    for k in sample_epochs(run.epoch, max_rows):
        values = [run.losses[k], *run.history[k]]
        lines.append(",".join([str(int(k))] + [repr(float(v)) for v in values]))
    return "\n".join(lines) + "\n"


def export(config: Config, kind: str, run: Run | None = None) -> str:
    """One export by name (FORMATS); csv trains the setup unless given its run."""
    if kind == "csv":
        return to_csv(run if run is not None else train(config, record=True))
    makers = {"py": to_python, "ipynb": to_notebook, "json": to_json}
    if kind not in makers:
        raise ValueError(f"export: {kind!r} is not a format; formats are: {', '.join(FORMATS)}")
    return makers[kind](config)
