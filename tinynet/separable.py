"""Can one straight line split the rows into their classes? (One neuron draws one line.)

    separable(inputs, targets) -> bool      classes as tinynet.verdict says: target >= 0.5 is 1

Exact for any rows: two finite point sets in the plane are split by a line when some
direction puts every point of one class strictly before every point of the other. The
directions that do form an open arc of the circle, and the arc's ends are among the
directions perpendicular to the lines through two rows. So trying one direction
between each pair of neighbouring such angles tries every arc.
"""

from __future__ import annotations

import numpy as np

from .verdict import target_class


def separable(inputs, targets) -> bool:
    points = np.asarray(inputs, float).reshape(-1, 2)
    ones = target_class(targets)
    if ones.all() or not ones.any():
        return True  # one class only: any line beside them all
    with np.errstate(all="ignore"):
        dx, dy = (points[None, :, k] - points[:, None, k] for k in (0, 1))
        ends = np.arctan2(dy, dx).ravel() + np.pi / 2  # perpendicular to each pair's line
        ends = np.unique(np.mod(np.concatenate([ends, ends + np.pi]), 2 * np.pi))
        between = (ends + np.diff(ends, append=ends[0] + 2 * np.pi) / 2)  # one angle inside each arc
        directions = np.stack([np.cos(between), np.sin(between)], axis=1)
        along = points @ directions.T  # (rows, directions)
        before = along[ones].max(axis=0) < along[~ones].min(axis=0)
        after = along[~ones].max(axis=0) < along[ones].min(axis=0)
    return bool(np.any(before | after))
