"""A throwaway redis-server for tests: Debian's binary on a free loopback port,
nothing saved to disk, killed at the end.

    with redis_server() as url:        # "redis://127.0.0.1:<port>/0"
        ...

require_redis() skips the caller when redis-server or the redis package is
missing, except on CI (CI=true), where a missing install step is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REDIS_SERVER = os.environ.get("REDIS_SERVER", "redis-server")


def missing() -> str | None:
    """Why Redis tests cannot run here, or None when they can."""
    try:
        import redis  # noqa: F401
    except ImportError:
        return "the redis package is not installed (pip install redis)"
    if not shutil.which(REDIS_SERVER):
        return f"no {REDIS_SERVER} on PATH (apt-get install redis-server)"
    return None


def require_redis() -> None:
    import pytest

    why = missing()
    if why and os.environ.get("CI") == "true":
        pytest.fail(f"Redis tests cannot run on CI: {why}", pytrace=False)
    if why:
        pytest.skip(f"Redis tests skipped: {why}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(timeout: float = 10.0):
    port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        log = Path(workdir) / "redis.log"  # a file, not a pipe nobody reads (a full pipe would block it)
        command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", workdir, "--logfile", str(log)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while not answers_ping(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    said = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"redis-server did not answer PING on port {port}: {said}")
                time.sleep(0.02)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.kill()
            process.wait()
