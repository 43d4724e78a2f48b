"""Reference cases for the player's JavaScript unit tests (tests/js/), computed here by
tinynet and Python's own formatting: the JavaScript must reproduce them.

    write_cases(path)   ->  the JSON file tests/js/cases.mjs reads (PLAYER_CASES)
"""

from __future__ import annotations

import base64
import json

import numpy as np

from playground.player import run_spec
from tinynet import Config, predict, train, verdict
from tinynet.model import initial_params


def format_cases(rng) -> list[dict]:
    """Doubles across magnitudes, and exact binary ties (k / 2**m) where rounding
    half-to-even and half-up differ."""
    values = list(rng.normal(size=60) * 10.0 ** rng.integers(-9, 9, size=60))
    values += [k / 2**m for k in range(1, 400, 37) for m in (5, 6, 9, 13)]  # exact ties at 4 decimals
    values += [-v for v in values[-20:]] + [0.0, -0.0, 1e-320, 1.7976931348623157e308, 123456.78, 99999.99995]
    return [{"x": float(x), "fixed4": f"{x:.4f}", "sci3": f"{x:.3e}",
             "param": f"{x:.4f}" if abs(x) < 1e5 else f"{x:.4e}"} for x in values]


def run_cases() -> list[dict]:
    """Whole runs as the server packs them, with every number they hold."""
    configs = [Config(epochs=300), Config(lr=5.0, epochs=200, gradient="exact"),
               Config(targets=(0, 1, 0, 1), hidden=3, epochs=150, lr=1.0, gradient="exact"),
               Config(w1=1e39, w2=-3e300, epochs=5)]  # beyond float32: sent exactly all the same
    out = []
    for config in configs:
        run = train(config, record=True)
        table = np.column_stack([run.losses, run.history])
        spec = run_spec(run)
        spec["data"] = base64.b64encode(spec["data"]).decode()  # bytes, for the JSON file
        out.append({"spec": spec, "values": table.ravel().tolist(),
                    "final_mse": float(run.losses[-1]), "final_params": run.history[-1].tolist()})
    return out


def forward_cases(rng) -> list[dict]:
    """Random networks (single neuron and hidden layers) and their outputs by tinynet."""
    out = []
    for hidden in (0, 0, 1, 2, 4, 8):
        config = Config(hidden=hidden, seed=int(rng.integers(1000)), w1=float(rng.normal() * 3),
                        w2=float(rng.normal() * 3), bias=float(rng.normal()))
        params = {k: v[0] for k, v in initial_params(config).items()}
        if hidden:
            params = {k: v + rng.normal(size=np.shape(v)) for k, v in params.items()}  # biases too
        flat = run_spec_params(params, hidden)
        points = rng.uniform(-3, 3, size=(25, 2))
        out.append({"hidden": hidden, "params": flat, "points": points.tolist(),
                    "outputs": predict(params, points).tolist()})
    return out


def run_spec_params(params: dict, hidden: int) -> list[float]:
    """Parameters in tinynet's flatten() order, as the run's frames hold them."""
    from tinynet.model import flatten

    return flatten({k: np.asarray(v)[None] for k, v in params.items()})[0].tolist()


def verdict_cases(rng) -> tuple[list[dict], list[dict]]:
    outputs = [0.4999, 0.5, 0.5001, 0.3, 0.7, 0.6, 0.4, 0.59999, 0.40001, 0.9, 0.1, 0.55, 0.45]
    rows = [{"output": o, "target": t, "verdict": verdict.row_verdicts([o], [t])[0]}
            for o in outputs for t in (0.0, 1.0, 0.25, 0.5)]
    networks = []
    for outs in ([0.4999, 0.5001, 0.5, 0.5], [0.1, 0.9, 0.95, 0.05], [0.2, 0.55, 0.9, 0.7],
                 list(rng.uniform(0, 1, 8)), [0.495, 0.5049]):
        targets = [0, 1, 1, 0, 1, 0, 1, 0][: len(outs)]
        v = verdict.network_verdict(outs, targets)
        networks.append({"outputs": [float(o) for o in outs], "targets": targets,
                         "expected": {"right": v.right, "wrong": v.wrong, "unsure": v.unsure,
                                      "stuck": v.stuck}})
    return rows, networks


def write_cases(path) -> None:
    rng = np.random.default_rng(20261203)
    rows, networks = verdict_cases(rng)
    cases = {"format": format_cases(rng), "runs": run_cases(), "forward": forward_cases(rng),
             "verdicts": rows, "networks": networks,
             "rule": {"margin": verdict.MARGIN, "stuck": verdict.STUCK}}
    with open(path, "w") as file:
        json.dump(cases, file)
