"""Helpers shared by the teaching pages (step by step, landscape, hidden layer,
sweep): cached training, paths and grids for the charts, and the bounded sweeps.
The math is tinynet's; the figures are charts.py's."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import streamlit as st

from tinynet import PRESETS, Config, Run, Trainer, train
from tinynet.steps import epochs_to_reach

from .session import Session

SWEEP_EPOCHS = 10_000  # a sweep trains hundreds of networks: a hosted app bounds each one
TARGETS = (0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 1e-4, 1e-5)  # MSE levels for "epochs to reach"
MSE_FLOOR = 1e-10  # log axes cannot show 0: smaller MSEs are drawn at this value
MODES = ("notebook", "exact")


def other_mode(gradient: str) -> str:
    return "exact" if gradient == "notebook" else "notebook"


@st.cache_resource(max_entries=16, show_spinner=False)
def recorded(setup: Config) -> Run:
    """train(setup, record=True), shared by all sessions (a Run is only read)."""
    return train(setup, record=True)


def single_neuron(setup: Config, what: str) -> Config:
    """This page explains one neuron: with hidden units, say so and use the same rows without them."""
    if setup.hidden == 0:
        return setup
    st.info(f"This page explains **{what}** of the single neuron (w1, w2, bias). Your setup has "
            f"{setup.hidden} hidden units, so it shows a single neuron on your rows instead; the "
            "**Hidden layer** page shows the whole network.", icon=":material/info:")
    return setup.replace(hidden=0)


XOR_SOLVED = PRESETS["xor"].config.replace(hidden=4, gradient="exact", lr=1.0)  # it solves XOR


def load_xor() -> None:
    """Button callback: true XOR with 4 hidden units, exact gradient and lr 1."""
    Session.current().set_config(XOR_SOLVED, preset="xor")



# ---- the loss landscape ----

def window(*coordinates, size: int = 200) -> tuple[np.ndarray, np.ndarray]:
    """Two grid axes (x, y) of a square window around every point given as (xs, ys),
    with room around them, so the landscape's shape is not stretched."""
    xs = np.concatenate([np.asarray(c[0], float) for c in coordinates])
    ys = np.concatenate([np.asarray(c[1], float) for c in coordinates])
    half = max(np.ptp(xs), np.ptp(ys)) * 0.65 + 1.5
    cx, cy = (xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2
    return np.linspace(cx - half, cx + half, size), np.linspace(cy - half, cy + half, size)


# ---- sweeps: bounded, with a progress bar, remembered across sessions ----

@st.cache_resource
def _memory() -> tuple[OrderedDict, threading.Lock]:
    return OrderedDict(), threading.Lock()


def remembered(key: tuple, compute, keep: int = 12):
    """compute() once per key for the whole server (the last `keep` keys), so that
    revisiting a sweep is instant; compute can draw a progress bar, unlike st.cache_data."""
    memory, lock = _memory()
    with lock:
        if key in memory:
            memory.move_to_end(key)
            return memory[key]
    value = compute()
    with lock:
        memory[key] = value
        while len(memory) > keep:
            memory.popitem(last=False)
    return value


def sweep_size(setup: Config) -> tuple[int, int, int]:
    """(learning rates, random starts, epochs): smaller with hidden units, where an epoch costs more."""
    epochs = min(setup.epochs, SWEEP_EPOCHS)
    return (200, 500, epochs) if setup.hidden == 0 else (50, 100, epochs)


@dataclass
class Outcomes:
    """Final MSE (and more) of many networks, per gradient mode."""

    values: np.ndarray  # the varied value: the learning rate, or the start's number
    mse: dict  # mode -> (n,) final MSE
    start_mse: dict  # mode -> (n,) MSE before training
    diverged: dict  # mode -> (n,) bool: non-finite numbers stopped it
    reach: dict  # mode -> (n, len(TARGETS)) first epoch at or below each target, NaN if never


def _train_with_progress(configs: list[Config], label: str) -> list[Run]:
    bar = st.progress(0.0, text=label)
    trainer = Trainer(configs)
    total = max(int(trainer.end.max()), 1)
    while not trainer.done:
        trainer.advance(max(total // 20, 1))
        bar.progress(min(trainer.epoch / total, 1.0), text=f"{label}: epoch {trainer.epoch:,} of {total:,}")
    bar.empty()
    return trainer.runs()


def _outcomes(values, configs: list[Config], label: str) -> Outcomes:
    runs = _train_with_progress(configs, label)
    n = len(values)
    # the configs are all the notebook ones, then all the exact ones
    split = {mode: runs[k * n:(k + 1) * n] for k, mode in enumerate(MODES)}
    return Outcomes(
        values=np.asarray(values),
        mse={m: np.array([r.mse for r in rs]) for m, rs in split.items()},
        start_mse={m: np.array([r.losses[0] for r in rs]) for m, rs in split.items()},
        diverged={m: np.array([r.diverged_at is not None for r in rs]) for m, rs in split.items()},
        reach={m: np.array([[epochs_to_reach(r.losses, t) for t in TARGETS] for r in rs])
               for m, rs in split.items()},
    )


def lr_sweep(setup: Config) -> Outcomes:
    """The setup trained at log-spaced learning rates from 1e-3 to 100, in both modes."""
    count, _, epochs = sweep_size(setup)
    base = setup.replace(epochs=epochs)
    lrs = np.geomspace(1e-3, 100.0, count)
    configs = [base.replace(lr=float(lr), gradient=m) for m in MODES for lr in lrs]
    return remembered(("lr", base.replace(lr=1.0, gradient="exact")),
                      lambda: _outcomes(lrs, configs, f"Training {len(configs)} networks"))


def random_starts(setup: Config) -> Outcomes:
    """The setup at its learning rate from many random starts, in both modes: for a single
    neuron w1, w2 and bias uniform in [-4, 4] (seeded, the same every time); with hidden
    units, the seeds 0, 1, 2, ..."""
    _, count, epochs = sweep_size(setup)
    base = setup.replace(epochs=epochs)
    if setup.hidden == 0:
        starts = np.random.default_rng(0).uniform(-4.0, 4.0, (count, 3))
        variants = [base.replace(w1=float(a), w2=float(b), bias=float(c)) for a, b, c in starts]
    else:
        variants = [base.replace(seed=s) for s in range(count)]
    configs = [v.replace(gradient=m) for m in MODES for v in variants]
    return remembered(("starts", base.replace(gradient="exact", w1=0.0, w2=0.0, bias=0.0, seed=0)),
                      lambda: _outcomes(np.arange(count), configs, f"Training {len(configs)} networks"))


def staircase(values, bins: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A histogram as (edges, counts) ready for a step line (the last count repeated)."""
    counts, edges = np.histogram(values, bins=bins)
    return edges, np.append(counts, counts[-1])
