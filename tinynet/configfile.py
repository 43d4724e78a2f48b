"""Setup files: the JSON that export.to_json writes, read back strictly.

    load(data) -> Config        data: bytes or str (an upload, a file's contents)

A file is untrusted: it is size-checked before it is decoded, its nesting is
checked before it is parsed (a deeply nested file would otherwise exhaust the
parser's recursion), and it is only ever parsed as JSON. Every problem is a
ValueError with one line that names the field, or says "setup file" when the
whole file is wrong. Fields left out keep their defaults (or the preset's).
"""

from __future__ import annotations

import json

from .codec import preset_config
from .config import FIELDS, Config

MAX_BYTES = 20_000  # the largest setup (64 rows of 17-digit floats, indented) is ~8 KB
MAX_DEPTH = 3  # {"inputs": [[x1, x2], ...]} is as deep as a setup goes
NAMES = (*FIELDS, "preset")
LISTS = ("inputs", "targets")
TEXTS = ("gradient", "preset")


def load(data: bytes | str) -> Config:
    """Parse and validate a setup file; raise ValueError naming what is wrong."""
    if isinstance(data, str):
        data = data.encode("utf-8")
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
        value = json.loads(text, parse_constant=_no_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise ValueError(f"setup file: not valid JSON (line {error.lineno}, column {error.colno}: "
                         f"{error.msg})") from None
    return from_dict(value)


def from_dict(value: object) -> Config:
    """A parsed setup -> Config. Only vocabulary names; lists where lists belong."""
    if not isinstance(value, dict):
        raise ValueError(f"setup file: expected a JSON object such as {{\"lr\": 0.5}}, "
                         f"not {_json_type(value)}")
    for name in value:
        if name not in NAMES:
            raise ValueError(f"{name[:40]!r} is not a setting; settings are: {', '.join(NAMES)}")
    for name in LISTS:
        if name in value and not isinstance(value[name], list):
            raise ValueError(f"{name}: expected a JSON list, not {_json_type(value[name])}")
    for name in TEXTS:
        if name in value and not isinstance(value[name], str):
            raise ValueError(f"{name}: expected text in quotes, not {_json_type(value[name])}")
    settings = dict(value)
    start = preset_config(settings.pop("preset")) if "preset" in settings else Config()
    return start.replace(**settings)  # Config validates every value and names the field


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than a setup needs, without parsing (brackets inside
    strings do not count)."""
    depth, quoted, escaped = 0, False, False
    for i, char in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, i) + 1
                raise ValueError(f"setup file: nested too deeply (line {line}); a setup nests at most "
                                 f"{MAX_DEPTH} levels, like {{\"inputs\": [[0, 1], ...]}}")
        elif char in "]}":
            depth -= 1


def _no_constant(name: str):
    raise ValueError(f"setup file: {name} is not a number JSON allows; expected a finite number")


def _no_duplicates(pairs):
    names = [name for name, _ in pairs]
    for name in names:
        if names.count(name) > 1:
            raise ValueError(f"{name[:40]!r} is given {names.count(name)} times; give it once")
    return dict(pairs)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
