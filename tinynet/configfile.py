"""Setup files: the JSON that export.to_json writes, read back strictly.

    load(data) -> Config        data: bytes or str (an upload, a file's contents)

A file is untrusted: it is size-checked before it is decoded, its nesting is
checked before it is parsed (a deeply nested file would otherwise exhaust the
parser's recursion), and it is only ever parsed as JSON. Numbers JSON can write
but a setting cannot hold (NaN, 1e999, an integer of thousands of digits) are
kept as `Unreadable` and refused under the field they were given for. Every
problem is a ValueError with one short line that names the field, or says
"setup file" when the whole file is wrong. Fields left out keep their defaults
(or the preset's).
"""

from __future__ import annotations

import json
import math
from collections import Counter

from .config import FIELDS, Config
from .fields import SHOWN, shorten
from .presets import STARTS, start_from
from .vocabulary import VOCABULARY, unknown_name

MAX_BYTES = 20_000  # the largest setup (64 rows of 17-digit floats, indented) is ~8 KB
MAX_DEPTH = 3  # {"inputs": [[x1, x2], ...]} is as deep as a setup goes
MAX_DIGITS = 400  # an integer longer than this is too large for any setting (floats end near 1e308)
NAMES = tuple(VOCABULARY)
# kinds whose JSON form is a list or text: a value of another type is refused by its JSON name
JSON_FORMS = {"rows": (list, "a JSON list"), "numbers": (list, "a JSON list"),
              "names": (list, "a JSON list"), "choice": (str, "text in quotes")}


class Unreadable:
    """A number in the file that no setting can hold, kept as its text."""

    def __init__(self, text: str, why: str):
        self.text, self.why = text, why

    def __repr__(self) -> str:
        return self.text if len(self.text) <= SHOWN else f"<a {len(self.text):,}-digit number>"


class _Object(dict):
    """A JSON object that remembers the names given more than once (refused at the top)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.repeated = [(name, n) for name, n in Counter(name for name, _ in pairs).items() if n > 1]


def load(data: bytes | str) -> Config:
    """Parse and validate a setup file; raise ValueError naming what is wrong."""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    if not isinstance(data, (bytes, bytearray)):
        raise ValueError(f"setup file: expected bytes or text, not {type(data).__name__}")
    if len(data) > MAX_BYTES:
        raise ValueError(f"setup file: {len(data):,} bytes is too large for a setup "
                         f"(at most {MAX_BYTES:,} bytes)")
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("setup file: not UTF-8 text; expected a JSON setup as tinynet exports it") from None
    _check_depth(text)
    try:
        value = json.loads(text, parse_constant=_constant, parse_int=_int, parse_float=_float,
                           object_pairs_hook=_Object)
    except json.JSONDecodeError as error:
        raise ValueError(f"setup file: not valid JSON (line {error.lineno}, column {error.colno}: "
                         f"{error.msg})") from None
    return from_dict(value)


def from_dict(value: object) -> Config:
    """A parsed setup -> Config. Only vocabulary names, each once; lists and text where they belong."""
    if not isinstance(value, dict):
        raise ValueError(f"setup file: expected a JSON object such as {{\"lr\": 0.5}}, "
                         f"not {_json_type(value)}")
    for name, times in getattr(value, "repeated", ()):
        raise ValueError(f"{shorten(name, 40)} is given {times} times; give it once")
    for name, item in value.items():
        if name not in VOCABULARY:
            raise unknown_name(name)
        field = VOCABULARY[name]
        unreadable = _first_unreadable(item)
        if unreadable is not None:
            raise field.refuse(unreadable, unreadable.why)
        form = JSON_FORMS.get(field.kind)
        if form and not isinstance(item, form[0]):
            raise ValueError(f"{name}: expected {form[1]}, not {_json_type(item)}")
    start = Config()
    for name in STARTS:
        if name in value:
            start = start_from(name, value[name])
    return start.replace(**{name: item for name, item in value.items() if name in FIELDS})


def _first_unreadable(value: object) -> Unreadable | None:
    if isinstance(value, Unreadable):
        return value
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:  # the depth check keeps this recursion shallow
        found = _first_unreadable(item)
        if found is not None:
            return found
    return None


def _constant(name: str) -> Unreadable:
    return Unreadable(name, "not a finite number")


def _int(text: str) -> int | Unreadable:
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else Unreadable(text, "too large")


def _float(text: str) -> float | Unreadable:
    number = float(text)
    return number if math.isfinite(number) else Unreadable(text, "too large")


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than a setup needs, without parsing (brackets inside
    strings do not count), naming the setting it happens in."""
    depth, quoted, escaped, opened, last, name = 0, False, False, 0, "", None
    for i, char in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted, last = False, text[opened : i + 1]
        elif char == '"':
            quoted, opened = True, i
        elif char == ":" and depth == 1:
            name = last  # the name this top-level value belongs to
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, i) + 1
                raise ValueError(f"{_name_in(name)}: nested too deeply (line {line}); a setup nests at "
                                 f"most {MAX_DEPTH} levels, like {{\"inputs\": [[0, 1], ...]}}")
        elif char in "]}":
            depth -= 1


def _name_in(quoted: str | None) -> str:
    """The setting a JSON name stands for, or "setup file" when it is none."""
    try:
        name = json.loads(quoted) if quoted else None
    except ValueError:
        name = None
    return name if name in VOCABULARY else "setup file"


def _json_type(value: object) -> str:
    names = {list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number",
             type(None): "null"}
    return "an object" if isinstance(value, dict) else names.get(type(value), type(value).__name__)
