"""A class's lesson as the app uses it, and the value of a link's join=.

The store keeps a lesson as the teacher's link parameters (text); the app opens
it as a link with those parameters would. join= holds a class's code, and in the
teacher's private link the code and the teacher token: CODE.TOKEN.
"""

from __future__ import annotations

from collections.abc import Mapping

from tinynet import PRESETS, Config, codec

from .rules import normal_code

TOKEN_MARK = "."  # join=CODE.TOKEN; a code has no dots, and a token (urlsafe base64) has none either


def lesson_config(setup: Mapping[str, str]) -> tuple[Config, str | None]:
    """The lesson's setup and its preset (None when it names none), as its link opens it.
    A setting the app cannot read is left out, as a link's would be."""
    config, _ = codec.apply_strings(setup)
    preset = setup.get("preset")
    return config, preset if preset in PRESETS else None


def read_join(text: str) -> tuple[str | None, str | None]:
    """A join= value -> (the class code in its stored form, or None when the text
    cannot be one; the teacher token when the value carries one)."""
    code, mark, token = text.partition(TOKEN_MARK)
    return normal_code(code), (token or None) if mark else None


def teacher_join(code: str, token: str) -> str:
    return f"{code}{TOKEN_MARK}{token}"
