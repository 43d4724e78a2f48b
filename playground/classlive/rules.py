"""The rules of a live class, the same whichever store keeps it: limits, join
codes, teacher tokens, display names and the lesson setup a teacher sends.

Everything here is a pure function of its arguments (and of `secrets` for new
codes and tokens), so it is tested without any store.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import reprlib
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Join codes are read off a projector and typed by children: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6  # 31**6 ≈ 887 million codes, so guessing one at 10 tries a minute is hopeless
NAME_MAX = 40
# Removed from names: controls (NUL, ESC, line breaks), format characters (zero-width
# spaces, right-to-left overrides that would reorder the board), lone surrogates (not
# text at all). Code points newer than Python's Unicode tables stay: they are new emoji.
STRIPPED = ("Cc", "Cf", "Cs")
SETTING_NAME = re.compile(r"[a-z][a-z0-9_]{0,19}")  # the app's vocabulary: lr, w1, gradient, play...
MAX_SETTINGS = 32  # the app has about 20 names it can set or lock
MAX_VALUE = 4_000  # 64 rows of 17-digit floats, the largest `inputs`, are ~2.6 KB in a link


@dataclass(frozen=True)
class Limits:
    """How much one class, one student and one caller may do. Tests shrink them."""

    max_students: int = 200  # seats in one class
    max_rooms: int = 500  # live classes in one store: 500 × 200 students × ~0.5 KB ≈ 50 MB at worst
    posts_per_window: int = 30  # results one student may post per window (a Play takes ~3 s)
    misses_per_window: int = 10  # unknown codes one caller may try per window
    creates_per_window: int = 5  # classes one caller may start per window
    window_seconds: float = 60.0
    idle_seconds: float = 4 * 3600.0  # a class with no post and no teacher command for this long is gone


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: object) -> str | None:
    """A typed code in its stored form ("abc-def " -> "ABCDEF"), or None when it
    cannot be one (then no store is asked)."""
    if not isinstance(text, str) or len(text) > 3 * CODE_LENGTH:
        return None
    code = re.sub(r"[\s-]", "", text).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_student_id() -> str:
    """Secret to the student's session: nobody else can post as them."""
    return secrets.token_urlsafe(9)


def token_digest(token: str) -> str:
    """What the store keeps of a teacher token: its SHA-256, so that a look at the
    store (a Redis dump, a debugger) does not hand out teacher rights."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_matches(given: object, digest: str) -> bool:
    """Constant-time comparison, so the time taken tells nothing about the token."""
    if not isinstance(given, str) or not 0 < len(given) <= 200:
        return False
    return hmac.compare_digest(token_digest(given), digest)


def caller_key(caller: object) -> str:
    """The caller (the app's session id) as the store keeps it in its rate counters:
    hashed, so the store holds nothing that leads back to a browser."""
    if not isinstance(caller, str) or not 0 < len(caller) <= 200:
        raise ValueError(f"caller: {shown(caller)} is not allowed; expected the session's id as text")
    return hashlib.sha256(caller.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def clean_name(raw: object) -> str:
    """A display name as it is kept and shown: control and format characters removed
    (tabs and line breaks become spaces), runs of spaces made one, trimmed, at most
    NAME_MAX characters. Markup such as <b> stays text: escaping is the page's job."""
    if not isinstance(raw, str):
        raise ValueError(f"name: {shown(raw)} is not allowed; expected text")
    if len(raw) > 10 * NAME_MAX:  # refused before any work on it
        raise ValueError(f"name: {len(raw):,} characters is too long; at most {NAME_MAX}")
    kept = "".join(
        (" " if char.isspace() else "") if unicodedata.category(char) in STRIPPED else char
        for char in unicodedata.normalize("NFC", raw)
    )
    name = " ".join(kept.split())
    if not name:
        raise ValueError("name: empty; type the name the class should see")
    if len(name) > NAME_MAX:
        raise ValueError(f"name: {len(name)} characters is too long; at most {NAME_MAX}")
    return name


def check_setup(setup: object) -> dict[str, str]:
    """A lesson setup as the app's link holds it: setting names to text values."""
    if not isinstance(setup, Mapping):
        raise ValueError(f"setup: {shown(setup)} is not allowed; expected the link's settings, name to text")
    if len(setup) > MAX_SETTINGS:
        raise ValueError(f"setup: {len(setup)} settings is too many; at most {MAX_SETTINGS}")
    checked = {}
    for name, value in setup.items():
        _check_setting_name("setup", name)
        if not isinstance(value, str) or len(value) > MAX_VALUE or not value.isprintable():
            raise ValueError(f"setup: {name}: {shown(value)} is not allowed; "
                             f"expected printable text of at most {MAX_VALUE:,} characters")
        checked[name] = value
    return checked


def check_locks(locks: object) -> tuple[str, ...]:
    """Names of the controls a lesson locks, each once, in the order given."""
    if isinstance(locks, str) or not isinstance(locks, Iterable):
        raise ValueError(f"locks: {shown(locks)} is not allowed; expected a list of control names")
    names = list(locks)
    if len(names) > MAX_SETTINGS:
        raise ValueError(f"locks: {len(names)} names is too many; at most {MAX_SETTINGS}")
    for name in names:
        _check_setting_name("locks", name)
    return tuple(dict.fromkeys(names))


def _check_setting_name(field: str, name: object) -> None:
    if not isinstance(name, str) or not SETTING_NAME.fullmatch(name):
        raise ValueError(f"{field}: {shown(name)} is not a setting name; "
                         "expected lower-case letters, digits and _ (like lr or gradient)")


_short = reprlib.Repr()  # (Python 3.11's Repr takes no arguments)
_short.maxstring = _short.maxother = _short.maxlong = 40
_short.maxlist = _short.maxtuple = _short.maxdict = _short.maxset = 4
_short.maxlevel = 2


def shown(value: object) -> str:
    """A value as an error message quotes it: one line of at most 60 characters,
    cheap even for a huge value (reprlib never builds the whole repr)."""
    text = _short.repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
