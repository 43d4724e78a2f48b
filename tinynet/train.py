"""Training: a resumable trainer for a batch of networks, and the two ways to use it.

    train(config)        one network, run to the end
    train_many(configs)  many networks in one batch: one NumPy op per step for all

losses[k] is the mean squared error after k updates, so a run of E epochs has
E + 1 losses and the notebook's printed error is losses[E - 1].
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from . import kernels
from .config import Config
from .model import flatten, forward, initial_params, unflatten
from .segments import Segment, check_segments


@dataclass
class Run:
    """One network's training, up to the epoch it reached."""

    config: Config  # for a spliced run, the setup it carried on with (its last segment's)
    losses: np.ndarray  # (epoch + 1,)
    params: dict  # final parameters of this one network (no batch axis)
    epoch: int  # updates done
    diverged_at: int | None = None  # the update that produced non-finite numbers
    history: np.ndarray | None = None  # (epoch + 1, P): flattened parameters per epoch
    # the rates and gradients it trained with: one segment from train(), more after resume()
    segments: tuple[Segment, ...] = ()

    def __post_init__(self):
        if not self.segments:
            self.segments = (Segment(0, self.config.lr, self.config.gradient),)

    @property
    def weights(self) -> np.ndarray:
        """The output neuron's weights: (w1, w2) for a single neuron, else one per hidden unit."""
        return self.params["w"]

    @property
    def bias(self) -> float:
        return float(self.params["b"])

    @property
    def hidden_weights(self) -> np.ndarray | None:
        """(2, H): row 0 from x1, row 1 from x2; None for a single neuron."""
        return self.params.get("hw")

    @property
    def hidden_bias(self) -> np.ndarray | None:
        return self.params.get("hb")

    @property
    def mse(self) -> float:
        return float(self.losses[-1])

    @property
    def predictions(self) -> np.ndarray:
        return predict(self.params, self.config.inputs)

    def params_at(self, epoch: int) -> dict:
        """Parameters after `epoch` updates (needs a recorded history)."""
        if self.history is None:
            raise ValueError("this run was trained without record=True")
        row = unflatten(self.history[epoch], self.config.hidden)
        return {k: v[0] for k, v in row.items()}


def sample_epochs(last: int, max_rows: int) -> np.ndarray:
    """At most max_rows epochs from 0 to last, always both ends. Half are evenly
    spaced, half geometrically, because the loss changes fastest at the start."""
    if last + 1 <= max_rows:
        return np.arange(last + 1)
    half = max(max_rows // 2, 1)
    even = np.linspace(0, last, half)
    early = np.geomspace(1, last, max_rows - half)
    picked = np.unique(np.concatenate([[0, last], even.round(), early.round()]).astype(int))
    if len(picked) > max_rows:  # rounding merged less than it might: thin evenly, keep ends
        picked = picked[np.unique(np.linspace(0, len(picked) - 1, max_rows).round().astype(int))]
    return picked


def predict(params: dict, inputs) -> np.ndarray:
    """Outputs of one network (parameters without batch axis) for rows of inputs."""
    batch = {k: np.asarray(v, float)[None] for k, v in params.items()}
    with np.errstate(all="ignore"):
        a, _ = forward(batch, np.asarray(inputs, float)[None])
    return a[0]


class Trainer:
    """Trains a batch of networks a few epochs at a time, from where it left off.

    The configs may differ in every value but must share the number of rows and
    of hidden units. Each network stops at its own `epochs`, or at the update
    that makes its numbers non-finite (it then keeps its last finite state).
    `segments` (one tuple per network) records the rates trained with before
    `epoch`, for a trainer that carries a run on (see resume).
    """

    def __init__(self, configs, record: bool = False, start: dict | None = None, epoch: int = 0,
                 segments=None):
        configs = list(configs)
        if not configs:
            raise ValueError("configs: need at least one network")
        rows, hidden = len(configs[0].inputs), configs[0].hidden
        for c in configs:
            if len(c.inputs) != rows or c.hidden != hidden:
                raise ValueError("configs: all networks must share the number of rows and of hidden units")
        self.configs = configs
        n = len(configs)
        self.x = np.array([c.inputs for c in configs], dtype=float)
        self.y = np.array([c.targets for c in configs], dtype=float)
        self.lr = np.array([c.lr for c in configs], dtype=float)
        self.end = np.array([c.epochs for c in configs])
        modes = {c.gradient for c in configs}
        self.modes = modes.pop() if len(modes) == 1 else np.array([c.gradient == "exact" for c in configs])
        if start is None:
            batches = [initial_params(c) for c in configs]
            start = {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
        self.params = {k: np.array(v, dtype=float) for k, v in start.items()}
        self.epoch = epoch  # updates done by the batch so far
        if segments is None:
            segments = [(Segment(epoch, c.lr, c.gradient),) for c in configs]
        self.segments = [tuple(Segment(*s) for s in mine) for mine in segments]
        self.stopped = np.full(n, -1)  # epoch at which each network diverged, or -1
        size = int(self.end.max()) + 1  # epoch-major: row k holds every network's epoch k
        self.losses = np.full((size, n), np.nan)
        self.history = np.full((size, n, flatten(self.params).shape[1]), np.nan) if record else None

    @property
    def done(self) -> bool:
        return self.epoch >= self.end.max() or bool(np.all(self.stopped >= 0))

    def advance(self, epochs: int) -> Trainer:
        """Run up to `epochs` more updates (each network stops at its own end)."""
        stop = min(self.epoch + max(int(epochs), 0), int(self.end.max()))
        kernel = kernels.pick(self.configs[0].hidden, len(self.configs))
        with np.errstate(all="ignore"):
            while self.epoch < stop and not self.done:
                # run to the next network's end, so each segment has fixed rates
                later = self.end[self.end > self.epoch]
                upto = min(stop, int(later.min())) if len(later) else stop
                rate = np.where((self.end > self.epoch) & (self.stopped < 0), self.lr, 0.0)
                losses, history, stopped = kernels.by_mode(
                    kernel, self.params, self.x, self.y, self.modes, rate, upto - self.epoch,
                    self.history is not None)
                done = len(losses)
                self.losses[self.epoch : self.epoch + done] = losses
                if history is not None:
                    self.history[self.epoch : self.epoch + done] = history
                broke = (stopped > 0) & (self.stopped < 0)
                self.stopped[broke] = self.epoch + stopped[broke]  # the update that broke it
                self.epoch += done
        return self

    def run_to_end(self) -> Trainer:
        return self.advance(int(self.end.max()) - self.epoch)

    def runs(self) -> list[Run]:
        """Snapshots of every network (copies), with one forward pass for all."""
        with np.errstate(all="ignore"):
            a, _ = forward(self.params, self.x)
        now = np.mean((a - self.y) ** 2, axis=1)  # each network's MSE in its current state
        flat = flatten(self.params)
        return [self._snapshot(i, now[i], flat[i]) for i in range(len(self.configs))]

    def run(self, i: int = 0) -> Run:
        """A snapshot of network i: its losses and parameters so far (copies)."""
        mine = {k: v[i : i + 1] for k, v in self.params.items()}
        with np.errstate(all="ignore"):
            a, _ = forward(mine, self.x[i : i + 1])
        return self._snapshot(i, float(np.mean((a[0] - self.y[i]) ** 2)), flatten(mine)[0])

    def _snapshot(self, i: int, now: float, flat: np.ndarray) -> Run:
        reached = min(int(self.end[i]), self.epoch)
        if self.stopped[i] >= 0:
            reached = int(self.stopped[i]) - 1
        history = None
        if self.history is not None:
            history = np.vstack([self.history[:reached, i], flat[None]])
        return Run(
            config=self.configs[i],
            losses=np.append(self.losses[:reached, i], now),
            params={k: v[i].copy() for k, v in self.params.items()},
            epoch=reached,
            diverged_at=int(self.stopped[i]) if self.stopped[i] >= 0 else None,
            history=history,
            segments=self.segments[i],
        )


def train(config: Config | None = None, record: bool = False) -> Run:
    """Train one network to the end of its epochs."""
    return Trainer([config or Config()], record=record).run_to_end().run(0)


def train_many(configs, record: bool = False) -> list[Run]:
    """Train many networks together, vectorised across networks."""
    return Trainer(configs, record=record).run_to_end().runs()


def resume(run: Run, epoch: int, config: Config) -> Trainer:
    """A trainer that carries on from `run` after `epoch` updates with a new config
    (say another learning rate or gradient mode), keeping the losses and history
    so far: the run is spliced. Its segments are the run's, cut at `epoch`, then
    (epoch, config.lr, config.gradient). Needs a run trained with record=True."""
    if not 0 <= epoch <= run.epoch:
        raise ValueError(f"epoch: {epoch} is outside this run's 0 to {run.epoch}")
    if config.epochs < epoch:
        raise ValueError(f"epochs: {config.epochs} is below the epoch to resume from, {epoch}")
    if config.hidden != run.config.hidden or len(config.inputs) != len(run.config.inputs):
        raise ValueError("config: a run can only resume with the same rows and hidden units")
    params = {k: v[None] for k, v in run.params_at(epoch).items()}
    kept = tuple(s for s in run.segments if s.first_epoch < epoch)
    segments = (*kept, Segment(epoch, config.lr, config.gradient))
    trainer = Trainer([config], record=True, start=params, epoch=epoch, segments=[segments])
    trainer.losses[:epoch, 0] = run.losses[:epoch]
    trainer.history[:epoch, 0] = run.history[:epoch]
    return trainer


def replay(config: Config, segments, record: bool = False) -> Run:
    """The run that `segments` describe: `config`'s rows, start and epochs, trained at
    each segment's rate and gradient from its first epoch on (a spliced run, rebuilt)."""
    plan = check_segments(config, segments)
    trainer = Trainer([config.replace(lr=plan[0].lr, gradient=plan[0].gradient)], record=True)
    for segment in plan[1:]:
        run = trainer.advance(segment.first_epoch - trainer.epoch).run()
        if run.diverged_at is not None:
            break
        trainer = resume(run, segment.first_epoch, config.replace(lr=segment.lr, gradient=segment.gradient))
    run = trainer.run_to_end().run()
    return run if record else dataclasses.replace(run, history=None)
