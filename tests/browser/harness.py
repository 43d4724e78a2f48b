"""Start a Streamlit app and a headless Chromium, for browser tests and benchmarks.

    with start_app("tests/browser/apps/player_app.py") as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url)

Used by tests/browser/conftest.py (as fixtures) and the benchmarks in bench/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Playwright cannot download its own browser here: we drive Debian's chromium.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]


def missing() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def require_browser() -> None:
    """Skip the caller (a test module or fixture) when no browser can run here; on CI
    (CI=true) fail instead, so a missing install step cannot hide behind a skip."""
    import pytest

    why = missing()
    if why and os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run on CI: {why}", pytrace=False)
    if why:
        pytest.skip(f"browser tests skipped: {why}", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def start_app(script: str | Path, timeout: float = 60.0):
    """Run `streamlit run script` from the repo root on a free port; yield its URL."""
    with serve(script, timeout) as (url, _):
        yield url


@contextlib.contextmanager
def serve(script: str | Path, timeout: float = 60.0):
    """As start_app, yielding (url, pid): benchmarks read the server's CPU and memory."""
    port = free_port()
    paths = [str(ROOT), os.environ.get("PYTHONPATH")]  # so the app imports tinynet and playground
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, paths)))
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]
    log = tempfile.TemporaryFile("w+")  # read back if streamlit fails to start
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log, timeout)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_healthy(url, process, log, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer {url}/_stcore/health within {timeout:.0f} s")


@contextlib.contextmanager
def chromium():
    """A headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
