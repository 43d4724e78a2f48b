"""Fixtures for tests that drive the real app in headless Chromium.

    def test_something(app_server, page):
        page.goto(app_server("tests/browser/apps/player_app.py") + "/?lr=0.5")

app_server(script) starts `streamlit run script` once per test session (per
script) and returns its URL. `page` is a fresh browser page; when its test
fails, a full-page screenshot is saved in tests/browser/screenshots/, and
screenshot(name) saves one there on purpose.

Without chromium or playwright these tests are skipped, except on CI
(CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for harness, whatever pytest's import mode
from harness import chromium, require_browser, start_app  # noqa: E402

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(scope="session")
def browser():
    require_browser()
    from playwright.sync_api import expect

    # A Streamlit rerun can take seconds on a busy 2-core machine; waiting longer
    # costs nothing when it is quick.
    expect.set_options(timeout=20_000)
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def app_server(browser):
    """A factory: app_server(script) -> URL of a running `streamlit run script`."""
    with contextlib.ExitStack() as stack:
        urls = {}

        def serve(script) -> str:
            script = str(script)
            if script not in urls:
                urls[script] = stack.enter_context(start_app(script))
            return urls[script]

        yield serve


def pytest_collection_modifyitems(items):
    for item in items:  # every test in this folder drives a browser: `-m "not browser"` leaves them out
        if Path(__file__).parent in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)  # so `page` can see whether the test failed
    return report


@pytest.fixture
def screenshot(page):
    """screenshot(name): save the whole page as tests/browser/screenshots/<name>.png, to look at."""

    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    thrown = []  # uncaught JavaScript errors: the player (or the app) must throw none
    page.on("pageerror", lambda error: thrown.append(error))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-failed.png"), full_page=True)
    context.close()
    assert not thrown, f"uncaught JavaScript errors on the page: {thrown}"
