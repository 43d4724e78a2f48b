"""Helpers shared by the teaching pages (step by step, landscape, hidden layer,
sweep): cached training, paths and grids for the charts, and the bounded sweeps.
The math is tinynet's; the figures are charts.py's.

What a page may cost: one link must not hold a shared server for long, so each page's
training is bounded by its true cost (rows, hidden units, epochs and networks, priced
per tinynet kernel: training_seconds), not by its epochs alone, and the page says
what it cut and by how much. Sweeps run one at a time per server."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import streamlit as st

from tinynet import PRESETS, Config, Run, Trainer, train
from tinynet.steps import epochs_to_reach

from .cost import (  # noqa: F401 - the pages' and tests' names for the cost model
    HIDDEN_LAYER,
    NEURONS,
    ONE_NEURON,
    PAGE_SECONDS,
    Kernel,
    affordable_epochs,
    epoch_seconds,
    kernel_for,
    network_seconds,
    round_down,
    training_seconds,
)
from .session import Session

SWEEP_EPOCHS = 10_000  # a sweep trains hundreds of networks: a hosted app bounds each one
TARGETS = (0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 1e-4, 1e-5)  # MSE levels for "epochs to reach"
MSE_FLOOR = 1e-10  # log axes cannot show 0: smaller MSEs are drawn at this value
MODES = ("notebook", "exact")


def other_mode(gradient: str) -> str:
    return "exact" if gradient == "notebook" else "notebook"


# ---- what a page may cost the server ----

def drawing_seconds(setup: Config) -> float:
    """A one-neuron page's work besides training, estimated at the loss landscape's: its
    figures, and its two 200x200 maps and surface over every row (the slowest path: rows
    whose sums overflow); the step page's tables and checks over every row cost about as much."""
    return 0.3 + 0.004 * len(setup.inputs)


def _seconds(seconds: float) -> str:
    return f"about {seconds:.0f} s" if seconds >= 9.5 else f"about {seconds:.1f} s"


def _less(full: float, now: float) -> str:
    """How much less work, in words."""
    times = full / max(now, 1e-12)
    return f"about {times:.0f} times less work" if times >= 1.95 else f"{100 * now / full:.0f}% of the work"


@st.cache_resource(max_entries=16, show_spinner=False)
def recorded(setup: Config) -> Run:
    """train(setup, record=True), shared by all sessions (a Run is only read)."""
    return train(setup, record=True)


def single_neuron(setup: Config, what: str, runs: int = 2) -> Config:
    """This page explains one neuron: with hidden units, say so and use the same rows without
    them; when `runs` such runs (the landscape trains both gradient modes) and the page's
    own drawing over every row (maps, tables) would cost more than a page may, follow the
    run's first epochs only, and say so."""
    neuron = setup
    if setup.hidden:
        st.info(f"This page explains **{what}** of the single neuron (w1, w2, bias). Your setup has "
                f"{setup.hidden} hidden units, so it shows a single neuron on your rows instead; the "
                "**Hidden layer** page shows the whole network.", icon=":material/info:")
        neuron = setup.replace(hidden=0)
    epochs = affordable_epochs(neuron, runs, PAGE_SECONDS - drawing_seconds(neuron))
    if epochs < neuron.epochs:
        full, now = (runs * training_seconds(neuron.replace(epochs=e)) for e in (neuron.epochs, epochs))
        st.info(f"This page follows the first {epochs:,} of your {neuron.epochs:,} epochs. With "
                f"{len(neuron.inputs)} rows, all of them would take this shared server {_seconds(full)} "
                f"to train; {epochs:,} take {_seconds(now)}, {_less(full, now)}. The Playground plays "
                "the whole run.", icon=":material/info:")
        neuron = neuron.replace(epochs=epochs)
    return neuron


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


# ---- sweeps: bounded, one at a time, with a progress bar, remembered across sessions ----

BUSY = "The server is busy with another sweep; this one starts in a moment."


@dataclass
class _Memory:
    values: OrderedDict  # key -> value, the least recently used first
    lock: threading.Lock  # guards values
    turn: threading.Lock  # held by the one computation running on this server


@st.cache_resource
def _memory() -> _Memory:
    return _Memory(OrderedDict(), threading.Lock(), threading.Lock())


def remembered(key: tuple, compute, keep: int = 24):
    """compute() once per key for the whole server (the last `keep` keys), so that
    revisiting a sweep is instant; compute can draw a progress bar, unlike st.cache_data."""
    return remembered_together([key], lambda missing: [compute()], keep)[0]


def remembered_together(keys: list, compute, keep: int = 24) -> list:
    """The values of `keys`, each computed once for the whole server: compute(missing)
    returns the values of the keys not remembered yet, in their order, so that they can be
    computed together. One computation runs at a time on a server (its cores serve the
    class, not sweeps); a session that has to wait is told so."""
    memory = _memory()
    known = _recall(memory, keys)
    if len(known) < len(keys):
        with _turn(memory):
            known = _recall(memory, keys)  # computed by the session this one waited for?
            missing = [key for key in keys if key not in known]
            if missing:
                known.update(zip(missing, compute(missing)))
                with memory.lock:
                    memory.values.update((key, known[key]) for key in missing)
                    while len(memory.values) > keep:
                        memory.values.popitem(last=False)
    return [known[key] for key in keys]


def _recall(memory: _Memory, keys: list) -> dict:
    """The remembered ones of `keys`, each marked as just used."""
    with memory.lock:
        known = {key: memory.values[key] for key in keys if key in memory.values}
        for key in known:
            memory.values.move_to_end(key)
    return known


@contextlib.contextmanager
def _turn(memory: _Memory):
    """The server's one computation turn; while another session holds it, say so and wait
    (each computation is bounded by sweep_size, so the wait is short)."""
    waiting = None
    if not memory.turn.acquire(blocking=False):
        waiting = st.empty()
        waiting.info(BUSY, icon=":material/hourglass_top:")
        memory.turn.acquire()
    try:
        if waiting is not None:
            waiting.empty()
        yield
    finally:
        memory.turn.release()


SWEEP = (200, 100)  # (learning rates, random starts) of a single neuron's sweep
HIDDEN_SWEEP = (50, 50)  # with hidden units, where an epoch costs more
FEWEST = 20  # fewest rates or starts a bounded sweep draws: the curve and the histogram keep their shape


@dataclass(frozen=True)
class SweepSize:
    rates: int
    starts: int
    epochs: int

    def __iter__(self):  # lr_count, start_count, epochs = sweep_size(setup)
        return iter((self.rates, self.starts, self.epochs))

    def seconds(self, setup: Config) -> float:
        """Estimated server CPU of both sweeps, trained as one batch in both modes."""
        return self.epochs * epoch_seconds(setup, 2 * (self.rates + self.starts), modes=2)


def wanted_sweep(setup: Config) -> SweepSize:
    """The sweep this setup would get on a server of its own."""
    rates, starts = HIDDEN_SWEEP if setup.hidden else SWEEP
    return SweepSize(rates, starts, setup.epochs)


def sweep_size(setup: Config) -> SweepSize:
    """The sweep within PAGE_SECONDS: fewer networks first (in proportion, down to FEWEST of
    each, in tens), then fewer epochs (never more than SWEEP_EPOCHS)."""
    wanted = wanted_sweep(setup)
    epochs = min(setup.epochs, SWEEP_EPOCHS)
    size = SweepSize(wanted.rates, wanted.starts, epochs)
    if size.seconds(setup) <= PAGE_SECONDS:
        return size
    # an epoch costs the kernel's own calls once per mode, and each rate or start is one
    # network in each mode
    kernel = kernel_for(setup, 2 * FEWEST)
    fixed, each = 2 * kernel.step * 1e-6, 2 * network_seconds(setup, kernel)
    share = max(PAGE_SECONDS / epochs - fixed, 0.0) / each / (wanted.rates + wanted.starts)
    size = SweepSize(max(FEWEST, int(wanted.rates * share) // 10 * 10),
                     max(FEWEST, int(wanted.starts * share) // 10 * 10), epochs)
    if size.seconds(setup) <= PAGE_SECONDS:
        return size
    size = SweepSize(FEWEST, FEWEST, epochs)  # the fewest networks that keep the shapes; then fewer epochs
    if size.seconds(setup) <= PAGE_SECONDS:
        return size
    per_epoch = size.seconds(setup) / epochs
    return SweepSize(FEWEST, FEWEST, round_down(int(PAGE_SECONDS / per_epoch)))


def sweep_cut(setup: Config) -> str | None:
    """What sweep_size cut from this setup's sweep, and by how much, in plain words; None
    when nothing was cut."""
    wanted, size = wanted_sweep(setup), sweep_size(setup)
    cuts = [f"{now:,} {what} instead of {asked:,}" for now, asked, what in (
        (size.rates, wanted.rates, "learning rates"), (size.starts, wanted.starts, "random starts"),
        (size.epochs, wanted.epochs, "epochs for each network")) if now < asked]
    if not cuts:
        return None
    shape = f"{len(setup.inputs)} rows, " + (f"{setup.hidden} hidden units, " if setup.hidden else "")
    full, now = wanted.seconds(setup), size.seconds(setup)
    return (f"This sweep trains {_listed(cuts)}. All of it, for your setup ({shape}{setup.epochs:,} "
            f"epochs), would take this shared server {_seconds(full)}; this takes {_seconds(now)}, "
            f"{_less(full, now)}.")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


@dataclass
class Outcomes:
    """Final MSE (and more) of many networks, per gradient mode."""

    values: np.ndarray  # the varied value: the learning rate, or the start's number
    mse: dict  # mode -> (n,) final MSE
    start_mse: dict  # mode -> (n,) MSE before training
    diverged: dict  # mode -> (n,) bool: non-finite numbers stopped it
    reach: dict  # mode -> (n, len(TARGETS)) first epoch at or below each target, NaN if never


@dataclass
class _Plan:
    """One sweep to train: the value it varies, and one setup per value (in either mode)."""

    values: np.ndarray
    variants: list


def _train_with_progress(configs: list[Config], label: str) -> list[Run]:
    bar = st.progress(0.0, text=label)
    trainer = Trainer(configs)
    total = max(int(trainer.end.max()), 1)
    while not trainer.done:
        trainer.advance(max(total // 20, 1))
        bar.progress(min(trainer.epoch / total, 1.0), text=f"{label}: epoch {trainer.epoch:,} of {total:,}")
    bar.empty()
    return trainer.runs()


def _train_plans(plans: list[_Plan]) -> list[Outcomes]:
    """Every plan's setups in both modes as one batch (the kernels' calls of each epoch are
    then paid once for all), split back into each plan's Outcomes."""
    variants = [v for plan in plans for v in plan.variants]
    runs = _train_with_progress([v.replace(gradient=m) for m in MODES for v in variants],
                                f"Training {2 * len(variants)} networks")
    by_mode = {m: runs[k * len(variants):(k + 1) * len(variants)] for k, m in enumerate(MODES)}
    outcomes, first = [], 0
    for plan in plans:
        mine = {m: rs[first:first + len(plan.variants)] for m, rs in by_mode.items()}
        first += len(plan.variants)
        outcomes.append(Outcomes(
            values=np.asarray(plan.values),
            mse={m: np.array([r.mse for r in rs]) for m, rs in mine.items()},
            start_mse={m: np.array([r.losses[0] for r in rs]) for m, rs in mine.items()},
            diverged={m: np.array([r.diverged_at is not None for r in rs]) for m, rs in mine.items()},
            reach={m: np.array([[epochs_to_reach(r.losses, t) for t in TARGETS] for r in rs])
                   for m, rs in mine.items()}))
    return outcomes


def _rates(base: Config, count: int) -> _Plan:
    """Log-spaced learning rates from 1e-3 to 100."""
    lrs = np.geomspace(1e-3, 100.0, count)
    return _Plan(lrs, [base.replace(lr=float(lr)) for lr in lrs])


def _starts(base: Config, count: int) -> _Plan:
    """For a single neuron w1, w2 and bias uniform in [-4, 4] (the first `count` of one seeded
    draw, the same every time); with hidden units, the seeds 0, 1, 2, ..."""
    if base.hidden:
        return _Plan(np.arange(count), [base.replace(seed=s) for s in range(count)])
    drawn = np.random.default_rng(0).uniform(-4.0, 4.0, (count, 3)).tolist()
    return _Plan(np.arange(count), [base.replace(w1=a, w2=b, bias=c) for a, b, c in drawn])


def sweeps(setup: Config) -> tuple[Outcomes, Outcomes]:
    """(the learning-rate sweep, the random starts at the setup's rate), both modes each,
    sized by sweep_size; trained together when neither is remembered yet."""
    rates, starts, epochs = sweep_size(setup)
    base = setup.replace(epochs=epochs)
    plans = {  # each keyed by what it depends on: the rate sweep not on the rate, ...
        ("lr", rates, base.replace(lr=1.0, gradient="exact")): lambda: _rates(base, rates),
        ("starts", starts, base.replace(gradient="exact", w1=0.0, w2=0.0, bias=0.0, seed=0)):
            lambda: _starts(base, starts),
    }
    swept = remembered_together(list(plans), lambda missing: _train_plans([plans[key]() for key in missing]))
    return swept[0], swept[1]


def lr_sweep(setup: Config) -> Outcomes:
    """The setup trained at log-spaced learning rates from 1e-3 to 100, in both modes."""
    return sweeps(setup)[0]


def random_starts(setup: Config) -> Outcomes:
    """The setup at its learning rate from many random starts, in both modes (see _starts)."""
    return sweeps(setup)[1]


def staircase(values, bins: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A histogram as (edges, counts) ready for a step line (the last count repeated)."""
    counts, edges = np.histogram(values, bins=bins)
    return edges, np.append(counts, counts[-1])
