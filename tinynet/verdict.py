"""One rule for "right", used by the CLI's report, its JSON and the app.

A row's predicted class is output >= 0.5, and its target's class is target >= 0.5.
A row is right only when its output is clearly on its target's side of 0.5, at
least MARGIN away from it; an output nearer 0.5 than that is "unsure", whichever
side it is on: a neuron stuck on XOR outputs 0.4999 and 0.5001, and calling that
"3 of 4 right" would praise a coin toss. A whole network is "stuck" when every
output is within STUCK of 0.5: it has not told the rows apart at all.

The functions return data (counts, flags, a one-word outcome), not prose: the
CLI and the app each say it in their own words.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.5  # the decision line: output >= THRESHOLD is class 1
MARGIN = 0.1  # how far from THRESHOLD an output must be to count as a decision
STUCK = 0.01  # every output nearer THRESHOLD than this: the network decides nothing
RIGHT, WRONG, UNSURE = "right", "wrong", "unsure"


def predicted_class(outputs) -> np.ndarray:
    return np.asarray(outputs, float) >= THRESHOLD


def target_class(targets) -> np.ndarray:
    return np.asarray(targets, float) >= THRESHOLD


def row_verdicts(outputs, targets) -> tuple[str, ...]:
    """RIGHT, WRONG or UNSURE for each row (an output that is not a number is UNSURE)."""
    outputs = np.asarray(outputs, float)
    # against the bounds themselves, so that 0.6 is exactly far enough (0.6 - 0.5 < 0.1 in floats)
    clear = (outputs >= THRESHOLD + MARGIN) | (outputs <= THRESHOLD - MARGIN)
    agree = predicted_class(outputs) == target_class(targets)
    return tuple(UNSURE if not c else RIGHT if a else WRONG for c, a in zip(clear, agree))


@dataclass(frozen=True)
class NetworkVerdict:
    right: int
    wrong: int
    unsure: int
    stuck: bool  # every output within STUCK of THRESHOLD

    @property
    def rows(self) -> int:
        return self.right + self.wrong + self.unsure

    @property
    def outcome(self) -> str:
        """One word for the whole: "stuck", "all right", "some wrong" or "unsure"
        (no row wrong, but some not clearly right)."""
        if self.stuck:
            return "stuck"
        if self.right == self.rows:
            return "all right"
        return "some wrong" if self.wrong else "unsure"

    def as_dict(self) -> dict:
        return {"right": self.right, "wrong": self.wrong, "unsure": self.unsure, "stuck": self.stuck,
                "outcome": self.outcome, "margin": MARGIN}


def network_verdict(outputs, targets) -> NetworkVerdict:
    rows = row_verdicts(outputs, targets)
    outputs = np.asarray(outputs, float)
    near = (outputs > THRESHOLD - STUCK) & (outputs < THRESHOLD + STUCK)
    return NetworkVerdict(right=rows.count(RIGHT), wrong=rows.count(WRONG), unsure=rows.count(UNSURE),
                          stuck=bool(len(rows) and near.all()))
