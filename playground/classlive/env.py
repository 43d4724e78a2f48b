"""Which store a server uses, from the environment variable TINYNET_STORE:

    unset or empty          this process keeps the classes (MemoryStore)
    redis://host:port/db    a Redis shared by every app process (RedisStore);
                            rediss:// for TLS, redis://:password@host:port/db
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from .errors import StoreUnavailable
from .memory import MemoryStore
from .rules import Limits, shown
from .store import ClassStore

ENV_VAR = "TINYNET_STORE"


def store_from_env(environ: Mapping[str, str] = os.environ, limits: Limits | None = None) -> ClassStore:
    value = environ.get(ENV_VAR, "").strip()
    if not value:
        return MemoryStore(limits)
    _check_redis_url(value)
    try:
        from .redis_store import RedisStore  # only a server that asks for Redis needs the package
    except ImportError:
        raise StoreUnavailable(f"{ENV_VAR} asks for Redis, but the redis package is not installed "
                               "(pip install redis)") from None
    return RedisStore(value, limits)


def _check_redis_url(value: str) -> None:
    hidden = re.sub(r"//[^/@]*@", "//***@", value)  # a password is never repeated in a message
    problem = ValueError(f"{ENV_VAR}: {shown(hidden)} is not a class store; expected nothing (this "
                         "process keeps the classes) or redis://host:port/db")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- reading it checks it: a port that is not 0-65535 raises ValueError
    except ValueError:
        raise problem from None
    if (parts.scheme not in ("redis", "rediss") or not parts.hostname or parts.query or parts.fragment
            or not re.fullmatch(r"(/\d{0,2})?", parts.path)):
        raise problem
