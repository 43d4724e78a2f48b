"""tinynet.separable against references that share nothing with it.

Two finite point sets can be split by a straight line exactly when their convex hulls do
not meet. The exact reference here decides that with rational arithmetic (every float is
a fraction): the hulls meet when a point of one class lies in a triangle of three points
of the other (degenerate triangles included: segments, points), or when a segment between
two points of one class touches a segment between two of the other. A second, one-way
reference searches many directions for a line that splits the classes with room to spare:
when it finds one, separable must say True.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinynet.separable import separable

TARGETS = (0.0, 0.25, 0.4999999, 0.5, 0.75, 1.0)  # class 1 is target >= 0.5 (tinynet.verdict)
XOR = (((0, 0), (0, 1), (1, 1), (1, 0)), (0, 1, 0, 1))


def orientation(p, q, r) -> int:
    """+1 if p, q, r turn left, -1 if right, 0 if they lie on one line (exactly)."""
    cross = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    return (cross > 0) - (cross < 0)


def on_segment(p, a, b) -> bool:
    return orientation(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) \
        and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_touch(a, b, c, d) -> bool:
    o1, o2, o3, o4 = orientation(a, b, c), orientation(a, b, d), orientation(c, d, a), orientation(c, d, b)
    if o1 * o2 < 0 and o3 * o4 < 0:
        return True
    return on_segment(c, a, b) or on_segment(d, a, b) or on_segment(a, c, d) or on_segment(b, c, d)


def in_triangle(p, a, b, c) -> bool:
    if orientation(a, b, c) == 0:  # a segment or a point
        return on_segment(p, a, b) or on_segment(p, b, c) or on_segment(p, a, c)
    turns = {orientation(a, b, p), orientation(b, c, p), orientation(c, a, p)} - {0}
    return len(turns) <= 1


def hulls_meet(ones, zeros) -> bool:
    """Do the convex hulls of the two point sets meet? (exact, for points as Fractions)"""
    for inside, around in ((ones, zeros), (zeros, ones)):
        for triangle in itertools.combinations_with_replacement(around, 3):
            if any(in_triangle(p, *triangle) for p in inside):
                return True
    return any(segments_touch(a, b, c, d) for a, b in itertools.combinations_with_replacement(ones, 2)
               for c, d in itertools.combinations_with_replacement(zeros, 2))


def split_exactly(inputs, targets) -> bool:
    """The exact reference: can one straight line split class 1 (target >= 0.5) from class 0?"""
    points = [(Fraction(x1), Fraction(x2)) for x1, x2 in inputs]
    ones = [p for p, t in zip(points, targets) if t >= 0.5]
    zeros = [p for p, t in zip(points, targets) if t < 0.5]
    return not ones or not zeros or not hulls_meet(ones, zeros)


def split_by_search(inputs, targets, directions: int = 3600) -> bool:
    """One way only: True when one of many directions puts every point of one class clearly
    before every point of the other (a margin well above rounding)."""
    points = np.asarray(inputs, float)
    ones = np.asarray(targets) >= 0.5
    if ones.all() or not ones.any():
        return True
    angles = np.linspace(0, 2 * np.pi, directions, endpoint=False)
    along = points @ np.stack([np.cos(angles), np.sin(angles)])
    room = 1e-9 * max(1.0, float(np.abs(points).max()))
    return bool(np.any(along[~ones].max(axis=0) + room < along[ones].min(axis=0)))


def rows(coordinates, size=8):
    return st.lists(st.tuples(st.tuples(coordinates, coordinates), st.sampled_from(TARGETS)),
                    min_size=1, max_size=size)


def split(drawn):
    return [p for p, _ in drawn], [t for _, t in drawn]


# ---- the references themselves, on cases worked out by hand (their negative controls) ----

@pytest.mark.parametrize("inputs, targets, expected", [
    (*XOR, False),
    (((0, 0), (0, 1), (1, 1), (1, 0)), (0, 1, 1, 0), True),  # the notebook's rows: targets copy x2
    (((0, 0), (2, 2), (1, 1)), (0, 0, 1), False),  # the middle of three on a line
    (((0, 0), (1, 1), (2, 2)), (0, 0, 1), True),  # the end of three on a line
    (((1, 1), (1, 1)), (0, 1), False),  # one point, both classes
    (((0, 0), (4, 0), (0, 4), (1, 1)), (1, 1, 1, 0), False),  # a 0 inside the 1s' triangle
    (((0, 0), (4, 0), (0, 4), (3, 3)), (1, 1, 1, 0), True),  # ... and outside it
    (((0, 0), (2, 2), (0, 2), (2, 0)), (0, 0, 1, 1), False),  # two crossing diagonals, no point inside
    (((0, 0), (2, 0), (1, 0)), (1, 1, 1), True),  # one class only
])
def test_the_references_on_cases_worked_out_by_hand(inputs, targets, expected):
    assert split_exactly(inputs, targets) == expected
    if expected:
        assert split_by_search(inputs, targets)
    assert separable(inputs, targets) == expected


# ---- separable against them ----

@given(rows(st.integers(-3, 3)))
@settings(max_examples=1500, deadline=None)
def test_on_a_small_grid_full_of_lines_and_repeats(drawn):
    """Integer points in a 7x7 grid: collinear rows, duplicate rows with both classes."""
    inputs, targets = split(drawn)
    assert separable(inputs, targets) == split_exactly(inputs, targets)


@given(rows(st.integers(-3, 3), size=6), st.integers(-20, 20), st.integers(-20, 20), st.integers(-20, 20))
@settings(max_examples=400, deadline=None)
def test_scaled_and_moved_anywhere_the_app_allows(drawn, scale, dx, dy):
    """The same grids scaled by a power of two and moved by one (exact in floats), out to the
    app's ±1e6: a line that splits them splits them still."""
    inputs, targets = split(drawn)
    moved = [(x1 * 2.0**scale + dx * 2.0**15, x2 * 2.0**scale + dy * 2.0**15) for x1, x2 in inputs]
    assert separable(moved, targets) == split_exactly(inputs, targets)


FINE = st.integers(-2**30, 2**30).map(lambda n: n / 2**10)  # to ±1e6, in steps of 1/1024


@given(rows(FINE, size=6))
@settings(max_examples=400, deadline=None)
def test_any_rows_in_steps_of_a_thousandth(drawn):
    inputs, targets = split(drawn)
    exact = split_exactly(inputs, targets)
    assert separable(inputs, targets) == exact
    if split_by_search(inputs, targets):  # the one-way reference agrees whenever it finds a line
        assert exact


HAIRS = [(((1.0, 0.0), (1.0, 1e-17)), (1, 0)), (((0.0, 1.0), (2.4e-79, 1.0)), (0.5, 0.0))]


@pytest.mark.parametrize("inputs, targets", HAIRS)
def test_two_different_rows_a_hair_apart_can_be_split(inputs, targets):
    assert split_exactly(inputs, targets)  # a line between them: y = 5e-18, x = 1.2e-79


@pytest.mark.parametrize("inputs, targets", HAIRS)
def test_separable_on_two_rows_a_hair_apart(inputs, targets):
    assert separable(inputs, targets)


@given(rows(st.integers(-3, 3)), st.integers(0, 7))
@settings(max_examples=300, deadline=None)
def test_a_row_of_the_other_class_on_top_of_one_makes_them_inseparable(drawn, pick):
    inputs, targets = split(drawn)
    row = pick % len(inputs)
    inputs.append(inputs[row])
    targets.append(0.0 if targets[row] >= 0.5 else 1.0)
    assert not separable(inputs, targets)


def test_the_class_boundary_is_tinynets():
    """0.5 is class 1, just below it is class 0 (tinynet.verdict's rule)."""
    inputs = ((0, 0), (1, 0), (2, 0))
    assert not separable(inputs, (0.0, 0.5, 0.0)) and separable(inputs, (0.0, 0.4999999, 0.0))
    assert separable(inputs, (1, 0.5, 0)) and not separable(inputs, (1, 0.4999999, 1))


def test_sixty_four_rows_on_a_line_alternating():
    inputs = [(float(i), 2.0 * i + 1) for i in range(64)]
    assert not separable(inputs, [i % 2 for i in range(64)])
    assert separable(inputs, [float(i >= 32) for i in range(64)])  # negative control: split in halves


def test_nearly_on_a_line():
    """Three rows, the middle one a hair off the line through the others: a line fits
    between them only on the side the hair is on."""
    off = ((0, 0), (1, 1 + 2.0**-30), (2, 2))
    assert split_exactly(off, (0, 1, 0)) and separable(off, (0, 1, 0))
    assert not separable(((0, 0), (1, 1), (2, 2)), (0, 1, 0))  # on the line: no
