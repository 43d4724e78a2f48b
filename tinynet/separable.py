"""Can one straight line split the rows into their classes? (One neuron draws one line.)

    separable(inputs, targets) -> bool      classes as tinynet.verdict says: target >= 0.5 is 1

Two finite sets of points are split by a line exactly when their convex hulls do not
meet. The hulls are found, and compared, in exact arithmetic (every float is a
fraction), so two rows a hair apart are told apart as surely as two far apart.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from .verdict import target_class


def separable(inputs, targets) -> bool:
    ones = target_class(targets)
    rows = [(float(x1), float(x2)) for x1, x2 in inputs]
    return _separable(tuple(r for r, one in zip(rows, ones) if one),
                      tuple(r for r, one in zip(rows, ones) if not one))


@lru_cache(maxsize=256)  # the app asks again for every run on the same rows
def _separable(ones: tuple, zeros: tuple) -> bool:
    if not ones or not zeros:
        return True  # one class only: any line beside them all
    exact = lambda rows: [(Fraction(x1), Fraction(x2)) for x1, x2 in rows]  # noqa: E731
    return not _meet(hull(exact(ones)), hull(exact(zeros)))


def _cross(o, a, b):
    """Twice the signed area of triangle o, a, b: > 0 when a -> b turns left around o."""
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def hull(points) -> list:
    """The convex hull's corners, counter-clockwise (Andrew's monotone chain); a segment's two
    ends when the points lie on one line, a single point when they are all one."""
    points = sorted(set(points))
    if len(points) <= 2:
        return points

    def half(ordered):
        chain = []
        for p in ordered:
            while len(chain) >= 2 and _cross(chain[-2], chain[-1], p) <= 0:
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(points), half(reversed(points))
    corners = lower[:-1] + upper[:-1]
    return corners if len(corners) > 2 else [points[0], points[-1]]  # all on one line


def _edges(corners):
    if len(corners) == 1:
        return []
    if len(corners) == 2:
        return [(corners[0], corners[1])]
    return [(corners[i], corners[(i + 1) % len(corners)]) for i in range(len(corners))]


def _on_segment(p, a, b) -> bool:
    return _cross(a, b, p) == 0 and min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and \
        min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _inside(p, corners) -> bool:
    """p in the closed hull (on its boundary counts)."""
    if len(corners) == 1:
        return p == corners[0]
    if len(corners) == 2:
        return _on_segment(p, *corners)
    return all(_cross(a, b, p) >= 0 for a, b in _edges(corners))


def _cross_each_other(a, b, c, d) -> bool:
    """Do the closed segments a-b and c-d share a point?"""
    d1, d2, d3, d4 = _cross(c, d, a), _cross(c, d, b), _cross(a, b, c), _cross(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and d1 != 0 and d2 != 0 and ((d3 > 0) != (d4 > 0)) and d3 != 0 and d4 != 0:
        return True
    return _on_segment(a, c, d) or _on_segment(b, c, d) or _on_segment(c, a, b) or _on_segment(d, a, b)


def _meet(p, q) -> bool:
    """Do two convex hulls share a point? Either holds a corner of the other, or an edge of
    each crosses."""
    if any(_inside(v, q) for v in p) or any(_inside(v, p) for v in q):
        return True
    return any(_cross_each_other(a, b, c, d) for a, b in _edges(p) for c, d in _edges(q))
