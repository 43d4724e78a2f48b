"""python -m tinynet: train from the terminal with the vocabulary's flags.

    python -m tinynet --preset xor --hidden 4 --gradient exact --lr 1 --json

Bad flags exit with status 2 and one line naming the flag, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import configfile, verdict
from .codec import from_strings, to_strings
from .export import FORMATS, export
from .fields import shorten
from .presets import STARTS
from .train import Run, train
from .vocabulary import VOCABULARY

VALUE_FLAGS = {f"--{name}" for name in VOCABULARY}


class OneLineParser(argparse.ArgumentParser):
    def error(self, message):  # argparse prints usage and more; a teacher needs one line
        self.exit(2, f"tinynet: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = OneLineParser(prog="python -m tinynet", description="Train the notebook's sigmoid neuron.")
    for name, field in VOCABULARY.items():
        p.add_argument(f"--{name}", metavar=name.upper(), help=f"{field.help} ({field.allowed})")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a report")
    p.add_argument("--config", metavar="FILE",
                   help="start from a JSON setup file (as --export json writes); flags override it")
    p.add_argument("--export", choices=FORMATS,
                   help="print the setup as a NumPy script, notebook, JSON setup or CSV history")
    return p


def join_values(argv: list[str]) -> list[str]:
    """`--inputs -1,0;0,-1` -> `--inputs=-1,0;0,-1`: argparse would take a value
    that starts with '-' for a flag, and negative numbers are ordinary here."""
    out, i = [], 0
    while i < len(argv):
        if argv[i] in VALUE_FLAGS and i + 1 < len(argv):
            out.append(f"{argv[i]}={argv[i + 1]}")
            i += 2
        else:
            out.append(argv[i])
            i += 1
    return out


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(join_values(sys.argv[1:] if argv is None else argv))
    given = {name: value for name, value in vars(args).items()
             if value is not None and name not in ("json", "config", "export")}
    base = read_config(p, args.config) if args.config is not None else None
    for name in STARTS:
        if base is not None and name in given:
            p.error(f"--{name}: cannot be combined with --config (put \"{name}\" in the file instead)")
    try:
        config = from_strings(given, base=base)
    except ValueError as error:
        p.error(f"--{error}")
    if args.export:
        print(export(config, args.export), end="")
        return 0
    run = train(config)
    print(json.dumps(as_json(run)) if args.json else report(run))
    return 0


def read_config(p: argparse.ArgumentParser, path: str):
    if not path:
        p.error("--config: expected the name of a setup file, not nothing")
    shown = shorten(path, 80)
    try:
        with open(path, "rb") as file:
            data = file.read(configfile.MAX_BYTES + 1)  # enough to tell that it is too large
    except (OSError, ValueError) as error:  # ValueError: a name with a NUL in it
        p.error(f"--config: cannot read {shown}: {getattr(error, 'strerror', None) or shorten(str(error))}")
    try:
        return configfile.load(data)
    except ValueError as error:
        p.error(f"--config: {shown}: {error}")


def as_json(run: Run) -> dict:
    out = {
        "epochs": run.epoch,
        "weights": run.weights.tolist(),
        "bias": run.bias,
        "mse": run.mse,
        "predictions": run.predictions.tolist(),
        "rows": list(verdict.row_verdicts(run.predictions, run.config.targets)),
        "verdict": verdict.network_verdict(run.predictions, run.config.targets).as_dict(),
        "diverged_at": run.diverged_at,
        "config": to_strings(run.config),
    }
    if run.config.hidden:
        out["hidden_weights"] = run.hidden_weights.tolist()
        out["hidden_bias"] = run.hidden_bias.tolist()
    return out


def report(run: Run) -> str:
    c = run.config
    shape = "one sigmoid neuron" if not c.hidden else f"a hidden layer of {c.hidden}"
    lines = [f"tinynet: {shape}, gradient={c.gradient}, lr={c.lr:g}, {c.epochs} epochs"]
    if run.diverged_at is not None:
        lines.append(f"diverged at epoch {run.diverged_at}: try a smaller learning rate "
                     f"(showing the last finite state, epoch {run.epoch})")
    if c.hidden:
        lines.append(f"hidden weights (x1 row, x2 row):\n{run.hidden_weights}")
        lines.append(f"hidden biases:  {run.hidden_bias}")
        lines.append(f"output weights: {run.weights}")
    else:
        lines.append(f"weights: w1 = {run.weights[0]:.8f}   w2 = {run.weights[1]:.8f}")
    lines.append(f"bias:    {run.bias:.8f}")
    lines.append(f"MSE:     {run.mse:.3e} after {run.epoch} updates")
    lines.append("")
    lines.append(" row      x1      x2  target    output  class  right?")
    outputs = run.predictions
    words = {verdict.RIGHT: "yes", verdict.WRONG: "no", verdict.UNSURE: "unsure"}
    rows = zip(c.inputs, c.targets, outputs, verdict.predicted_class(outputs),
               verdict.row_verdicts(outputs, c.targets))
    for i, ((x1, x2), y, a, predicted, answer) in enumerate(rows, start=1):
        lines.append(f"{i:4d} {x1:7g} {x2:7g} {y:7g}  {a:8.6f}  {int(predicted):5d}  {words[answer]}")
    lines.append(say(verdict.network_verdict(outputs, c.targets)))
    return "\n".join(lines)


def say(whole: verdict.NetworkVerdict) -> str:
    """The network's verdict in plain words, one line."""
    if whole.stuck:
        return (f"verdict: stuck: every output is within {verdict.STUCK:g} of 0.5, so the network "
                "does not tell the rows apart")
    rule = f"right = on the target's side of 0.5, at least {verdict.MARGIN:g} from it"
    if whole.outcome == "all right":
        return f"verdict: all {whole.rows} rows right ({rule})"
    return (f"verdict: {whole.right} of {whole.rows} rows right, {whole.wrong} wrong, "
            f"{whole.unsure} unsure ({rule})")
