"""Settings as text: the form used by CLI flags, URL query parameters and files.

    inputs=0,0;0,1;1,1;1,0  targets=0,1,1,0  w1=0.1  lr=0.05  gradient=exact

Parsing is strict (no NaN, no "inf", no stray characters) and every error is a
ValueError that names the field. Floats are written with repr(), so a value
survives a round trip through text exactly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .config import FIELDS, Config, bad, check
from .presets import PRESETS

NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
WHOLE = re.compile(r"[+-]?\d+")
MAX_TEXT = 2000  # no setting needs more; longer text is refused before parsing


def _number(name: str, text: str) -> float:
    text = text.strip()
    if not NUMBER.fullmatch(text):
        raise bad(name, text, "not a number")
    return float(text)


def parse(name: str, text: str):
    """Text -> the field's value, validated."""
    if name not in FIELDS:
        raise ValueError(f"{name!r} is not a setting; settings are: {', '.join(FIELDS)}, preset")
    if not isinstance(text, str):
        raise bad(name, text, "not text")
    if len(text) > MAX_TEXT:
        raise bad(name, text, f"longer than {MAX_TEXT} characters")
    kind = FIELDS[name].kind
    if kind == "rows":
        rows = [row.split(",") for row in text.strip().strip(";").split(";")]
        if any(len(row) != 2 for row in rows):
            raise bad(name, text, "each row needs two numbers, x1,x2")
        return check(name, [[_number(name, v) for v in row] for row in rows])
    if kind == "targets":
        return check(name, [_number(name, v) for v in text.strip().strip(",").split(",")])
    if kind == "int":
        if not WHOLE.fullmatch(text.strip()):
            raise bad(name, text, "not a whole number")
        return check(name, int(text.strip()))
    if kind == "float":
        return check(name, _number(name, text))
    return check(name, text.strip())


def _plain(number: float) -> str:
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def format_value(name: str, value) -> str:
    """The field's value -> text that parse() reads back to the same value."""
    kind = FIELDS[name].kind
    if kind == "rows":
        return ";".join(f"{_plain(x1)},{_plain(x2)}" for x1, x2 in value)
    if kind == "targets":
        return ",".join(_plain(t) for t in value)
    if kind == "float":
        return _plain(value)
    return str(value)


def to_strings(config: Config) -> dict[str, str]:
    return {name: format_value(name, getattr(config, name)) for name in FIELDS}


def from_strings(values: Mapping[str, str], base: Config | None = None) -> Config:
    """Build a Config from text settings; `preset` picks the starting point.

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
            if name == "preset":
                start = preset_config(text)
            else:
                changes[name] = parse(name, text)
        except ValueError as error:
            problems.append(str(error))
    try:
        return start.replace(**changes), problems
    except ValueError as error:  # rows and targets that do not match: keep both as they were
        problems.append(str(error))
        changes.pop("inputs", None)
        changes.pop("targets", None)
        return start.replace(**changes), problems


def preset_config(name: str) -> Config:
    if name not in PRESETS:
        raise ValueError(f"preset: {name!r} is not a preset; presets are: {', '.join(PRESETS)}")
    return PRESETS[name].config
