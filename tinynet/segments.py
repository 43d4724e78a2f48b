"""A run's segments: from which epoch it trained with which learning rate and gradient.

train() gives a run one segment, (0, lr, gradient). A run changed mid-way in the
playground is spliced (train.resume): its segments are cut at the epoch of the
change, and the new rate and gradient start a segment there. The exports replay
the segments, so that a handed-out script ends where the page did.
"""

from __future__ import annotations

from typing import NamedTuple

from .config import FIELDS, Config


class Segment(NamedTuple):
    """From update `first_epoch` on (until the next segment starts), a run trains with
    this learning rate and gradient."""

    first_epoch: int
    lr: float
    gradient: str


def check_segments(config: Config, segments=None) -> tuple[Segment, ...]:
    """Segments in their canonical form: the first at epoch 0, then strictly later ones
    (those at or past config.epochs change nothing and are dropped). None: the config's
    own rate and gradient throughout."""
    if segments is None:
        return (Segment(0, config.lr, config.gradient),)
    plan = [Segment(FIELDS["epochs"].check(first), FIELDS["lr"].check(lr), FIELDS["gradient"].check(gradient))
            for first, lr, gradient in segments]
    if not plan or plan[0].first_epoch != 0:
        raise ValueError("segments: the first must start at epoch 0")
    if any(later.first_epoch <= earlier.first_epoch for earlier, later in zip(plan, plan[1:])):
        raise ValueError("segments: each must start after the one before")
    return tuple(s for s in plan if s.first_epoch == 0 or s.first_epoch < config.epochs)
