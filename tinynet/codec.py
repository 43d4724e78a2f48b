"""Settings as text: the form used by CLI flags, URL query parameters and files.

    inputs=0,0;0,1;1,1;1,0  targets=0,1,1,0  w1=0.1  lr=0.05  gradient=exact  preset=xor

Each kind of Field has one text form (parse_field reads it, format_field writes it),
so a field the app declares itself reads and writes like the vocabulary's. Parsing
is strict (no NaN, no "inf", no stray characters) and every error is a ValueError
that names the field. Floats are written with repr(), so a value survives a round
trip through text exactly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from .config import FIELDS, Config
from .fields import Field
from .presets import STARTS, start_from
from .presets import preset_config as preset_config  # the app calls codec.preset_config
from .vocabulary import VOCABULARY, unknown_name

NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
WHOLE = re.compile(r"[+-]?\d+")
MAX_TEXT = 2000  # no setting needs more; longer text is refused before parsing
FLAG_TEXT = {"1": True, "0": False}


def parse(name: str, text: str):
    """Text -> the value of the vocabulary's `name`, validated."""
    if not isinstance(name, str) or name not in VOCABULARY:
        raise unknown_name(name)
    return parse_field(VOCABULARY[name], text)


def parse_field(field: Field, text: str):
    """Text in the form of the field's kind -> its value, validated."""
    if not isinstance(text, str):
        raise field.refuse(text, "not text")
    if len(text) > MAX_TEXT:
        raise field.refuse(text, f"longer than {MAX_TEXT:,} characters")
    return field.check(_READ[field.kind](field, text.strip()))


def _number(field: Field, text: str) -> float:
    text = text.strip()
    if not NUMBER.fullmatch(text):
        raise field.refuse(text, "not a number")
    number = float(text)
    if math.isinf(number):  # said as typed, not as the "inf" it became
        raise field.refuse(text, "too large: beyond ±1.8e308, the largest a float holds")
    return number


def _rows(field: Field, text: str) -> list:
    rows = [row.split(",") for row in text.strip(";").split(";")]
    if any(len(row) != 2 for row in rows):
        raise field.refuse(text, "each row needs two numbers, x1,x2")
    return [[_number(field, v) for v in row] for row in rows]


def _whole(field: Field, text: str) -> int:
    if not WHOLE.fullmatch(text):
        raise field.refuse(text, "not a whole number")
    return int(text)


def _flag(field: Field, text: str) -> bool:
    if text not in FLAG_TEXT:
        raise field.refuse(text)
    return FLAG_TEXT[text]


_READ = {
    "rows": _rows,
    "numbers": lambda field, text: [_number(field, v) for v in text.strip(",").split(",")],
    "float": _number,
    "int": _whole,
    "choice": lambda field, text: text,
    "names": lambda field, text: [name.strip() for name in text.split(",") if name.strip()],
    "flag": _flag,
}


def _plain(number: float) -> str:
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


_WRITE = {
    "rows": lambda rows: ";".join(f"{_plain(x1)},{_plain(x2)}" for x1, x2 in rows),
    "numbers": lambda numbers: ",".join(_plain(v) for v in numbers),
    "float": _plain,
    "int": str,
    "choice": str,
    "names": ",".join,
    "flag": lambda on: "1" if on else "0",
}


def format_value(name: str, value) -> str:
    """The value of the vocabulary's `name` -> text that parse() reads back to the same value."""
    return format_field(VOCABULARY[name], value)


def format_field(field: Field, value) -> str:
    return _WRITE[field.kind](value)


def to_strings(config: Config) -> dict[str, str]:
    return {name: format_value(name, getattr(config, name)) for name in FIELDS}


def from_strings(values: Mapping[str, str], base: Config | None = None) -> Config:
    """Build a Config from text settings; a starting point (`preset`) picks where to start.

    Raises ValueError naming the first bad field. Unknown names are errors too,
    so a typo in a link is reported rather than silently ignored.
    """
    config, problems = apply_strings(values, base)
    if problems:
        raise ValueError(problems[0])
    return config


def apply_strings(values: Mapping[str, str], base: Config | None = None) -> tuple[Config, list[str]]:
    """The forgiving form of from_strings, for links: every good setting is taken,
    every bad one becomes a message naming it. Returns (config, messages)."""
    problems, changes = [], {}
    start = base or Config()
    for name, text in values.items():
        try:
            value = parse(name, text)
        except ValueError as error:
            problems.append(str(error))
            continue
        if name in STARTS:
            start = start_from(name, value)
        else:
            changes[name] = value
    try:
        return start.replace(**changes), problems
    except ValueError as error:  # rows and targets that do not match: keep both as they were
        problems.append(str(error))
        changes.pop("inputs", None)
        changes.pop("targets", None)
        return start.replace(**changes), problems
