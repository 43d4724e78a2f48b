"""Every name a setup is written with, in one table: the settings (config.FIELDS)
and the names that pick a starting point (presets.STARTS). The CLI's flags, the
text codec and setup files take their names, help and messages from here."""

from __future__ import annotations

from .config import FIELDS
from .fields import Field, shorten
from .presets import STARTS

VOCABULARY: dict[str, Field] = {**FIELDS, **STARTS}


def unknown_name(name: object) -> ValueError:
    """The error for a name that is not in the vocabulary."""
    return ValueError(f"{shorten(name, 40)} is not a setting; settings are: {', '.join(VOCABULARY)}")
