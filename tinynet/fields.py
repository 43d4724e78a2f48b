"""A Field: one name of the vocabulary, with its kind, default, limits and words.

Everything tinynet (and the app) needs to know about a name comes from its Field:
the type of its value, what it starts as, what is allowed, and how an error about
it reads. `field.check(value)` takes any Python value at all and returns the
value in its canonical form (tuples, floats) or raises ValueError with one short
line that names the field; it never raises anything else.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

# kind -> the type of a checked value
KINDS = {
    "rows": tuple[tuple[float, float], ...],  # pairs of numbers, (x1, x2)
    "numbers": tuple[float, ...],
    "float": float,
    "int": int,
    "choice": str,  # one of `choices`
    "names": tuple[str, ...],  # some of `choices`, each at most once
    "flag": bool,  # on or off
}
SHOWN = 60  # characters of a bad value echoed in a message: enough to recognise it


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of KINDS
    default: object
    help: str
    allowed: str  # what is allowed, in words; every error about this field ends with it
    low: float | None = None  # limits of each number (of a list kind: of each item)
    high: float | None = None
    above_low: bool = False  # low itself is not allowed: "a number above 0"
    most: int | None = None  # the most items a list kind may hold
    choices: tuple[str, ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}; kinds are: {', '.join(KINDS)}")
        object.__setattr__(self, "default", self.check(self.default))  # a bad default fails here

    @property
    def type(self) -> type:
        return KINDS[self.kind]

    def check(self, value):
        """Any value -> its canonical form, or ValueError naming this field."""
        return _CHECKS[self.kind](self, value)

    def refuse(self, value: object, why: str = "") -> ValueError:
        """The error for a bad value: its name, the value (shortened), why, what is allowed."""
        reason = f" ({why})" if why else ""
        return ValueError(f"{self.name}: {shorten(value)} is not allowed{reason}; expected {self.allowed}")


def _number(field: Field, item: object, value: object, where: str = "") -> float:
    """A finite number within the field's limits; `value` is what the message shows."""
    if isinstance(item, bool) or not isinstance(item, numbers.Real):
        raise field.refuse(value, f"{where}not a number")
    try:
        number = float(item)
    except OverflowError:  # an int too large for a float
        raise field.refuse(value, f"{where}too large") from None
    if not math.isfinite(number):
        raise field.refuse(value, f"{where}not finite")
    _within(field, number, value, where)
    return number


def _within(field: Field, number: float, value: object, where: str = "") -> None:
    low, high = field.low, field.high
    if low is not None and (number < low or (field.above_low and number == low)):
        raise field.refuse(value, f"{where}{'not above' if field.above_low else 'below'} {_limit(low)}")
    if high is not None and number > high:
        raise field.refuse(value, f"{where}above {_limit(high)}")


def _limit(number: float) -> str:
    return f"{int(number):,}" if float(number).is_integer() and abs(number) < 1e15 else f"{number:g}"


def _items(field: Field, value: object, what: str, where: str = "", least: int = 1) -> list:
    """A list or tuple (an array is taken as its list); at the top, `least` to `most` items."""
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        try:
            value = value.tolist()
        except Exception:  # an object whose tolist is not NumPy's: refused below
            pass
    if not isinstance(value, (list, tuple)):
        raise field.refuse(value, f"{where}not a list of {what}")
    if not where and not least <= len(value) <= (field.most or math.inf):
        raise field.refuse(value, f"{len(value)} {what}")
    return list(value)


def _check_rows(field: Field, value: object):
    rows = []
    for i, row in enumerate(_items(field, value, "rows"), start=1):
        where = f"row {i}: "
        pair = _items(field, row, "two numbers", where)
        if len(pair) != 2:
            raise field.refuse(value, f"{where}{len(pair)} numbers, not two")
        rows.append((_number(field, pair[0], value, where), _number(field, pair[1], value, where)))
    return tuple(rows)


def _check_numbers(field: Field, value: object):
    items = _items(field, value, "numbers")
    return tuple(_number(field, item, value, f"number {i}: ") for i, item in enumerate(items, start=1))


def _check_float(field: Field, value: object):
    return _number(field, value, value)


def _check_int(field: Field, value: object):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise field.refuse(value, "not a whole number")
    _within(field, int(value), value)
    return int(value)


def _check_choice(field: Field, value: object):
    if not isinstance(value, str):
        raise field.refuse(value, "not text")
    if value not in field.choices:
        raise field.refuse(value)
    return value


def _check_names(field: Field, value: object):
    names = _items(field, value, "names", least=0)
    for i, name in enumerate(names, start=1):
        if not isinstance(name, str) or name not in field.choices:
            raise field.refuse(value, f"name {i}: {shorten(name, 40)} is not one of them")
        if names.index(name) != i - 1:
            raise field.refuse(value, f"{name!r} is given twice")
    return tuple(names)


def _check_flag(field: Field, value: object):
    if not isinstance(value, bool):
        raise field.refuse(value, "not on or off (True or False)")
    return value


_CHECKS = {"rows": _check_rows, "numbers": _check_numbers, "float": _check_float, "int": _check_int,
           "choice": _check_choice, "names": _check_names, "flag": _check_flag}


def shorten(value: object, limit: int = SHOWN) -> str:
    """repr(value) cut to `limit` characters on one line, never raising: the repr of
    an int of thousands of digits raises, and a long list would swamp a message."""
    text = _repr(value, limit + 1).replace("\n", " ").replace("\r", " ")
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _repr(value: object, budget: int) -> str:
    """Like repr, but stops once about `budget` characters are written."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
        return f"<a {digits(value):,}-digit number>"
    if isinstance(value, str):
        return repr(value[:budget])
    if isinstance(value, (list, tuple, dict)):
        pairs = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        parts, used = [], 2
        for key, item in pairs:
            if used > budget:
                parts.append("...")
                break
            part = _repr(item, budget - used)
            if key is not None:
                part = f"{_repr(key, budget - used)}: {part}"
            parts.append(part)
            used += len(part) + 2
        ends = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else "()"
        comma = "," if isinstance(value, tuple) and len(parts) == 1 else ""
        return ends[0] + ", ".join(parts) + comma + ends[1]
    try:
        return repr(value)[:budget]
    except Exception:  # a repr that fails is no reason to lose the message
        return f"<{type(value).__name__}>"


def digits(number: int) -> int:
    """How many decimal digits an int has, without turning it into text (which Python
    refuses beyond about 4,300 digits)."""
    number = abs(number)
    if number < 10:
        return 1
    guess = int((number.bit_length() - 1) * math.log10(2)) + 1  # right, or one short
    return guess + (number >= 10**guess)
