"""The classroom kit in real Chromium: a locked lesson link, presenter mode on the
light and the dark theme (screenshots to look at), downloads and a setup upload."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from harness import require_browser, start_app

from tinynet import Config
from tinynet.export import to_json, to_python

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import open_player  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

SCREENSHOTS = Path(__file__).parent / "screenshots"


def sidebar_input(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_label(label, exact=True)


def test_locked_link_disables_what_it_names(app_server, page):
    open_player(page, app_server("app.py") + "/?lock=gradient,epochs,play,bogus&lr=0.5")
    expect(sidebar_input(page, "Epochs")).to_be_disabled()
    expect(sidebar_input(page, "Learning rate")).to_be_enabled()
    expect(sidebar_input(page, "Learning rate")).to_have_value("0.5000")
    for mode in ("notebook", "exact"):
        expect(page.get_by_test_id("stSidebar").get_by_role("radio", name=mode)).to_be_disabled()
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("'bogus' cannot be locked")
    expect(page.locator("#play")).to_be_disabled()  # the player's own control, locked by name
    expect(page.locator("#step")).to_be_enabled()
    assert "lock=gradient" in page.url  # a reload keeps the lesson


def ink(page) -> str:
    """The colour of the page's caption text, as the browser computed it."""
    caption = page.get_by_test_id("stMain").get_by_test_id("stCaptionContainer").first
    return caption.evaluate("e => getComputedStyle(e).color")


def title_size(page) -> float:
    return float(page.locator("h1").first.evaluate("e => getComputedStyle(e).fontSize")[:-2])


def present_and_shoot(page, url: str, name: str) -> None:
    """Open the page in presenter mode as a 1280x800 projector shows it, and save it."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_player(page, url + "/?presenter=1")
    expect(page.get_by_test_id("stSidebar").get_by_role("switch", name="Presenter mode")).to_be_checked()
    page.wait_for_timeout(1_500)  # let Plotly settle at the presenter sizes
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_presenter_mode_is_larger_and_high_contrast(app_server, page):
    url = app_server("app.py")
    open_player(page, url)
    normal_size, normal_ink = title_size(page), ink(page)
    present_and_shoot(page, url, "presenter")
    assert title_size(page) > 1.2 * normal_size
    assert ink(page) == "rgb(0, 0, 0)" != normal_ink  # darker than the usual grey captions
    readout = page.get_by_test_id("mse").evaluate("e => getComputedStyle(e).color")
    assert channels(readout) < 100, readout  # the player's ink is dark here (light on the dark theme)
    page.get_by_test_id("stSidebar").get_by_text("Presenter mode").click()
    expect(page.locator("h1").first).to_have_css("font-size", f"{normal_size:g}px")
    assert "presenter" not in page.url


@contextlib.contextmanager
def dark_app():
    """A second server whose theme is dark, as a viewer's setting would make it."""
    old = os.environ.get("STREAMLIT_THEME_BASE")
    os.environ["STREAMLIT_THEME_BASE"] = "dark"
    try:
        with start_app("app.py") as url:
            yield url
    finally:
        if old is None:
            os.environ.pop("STREAMLIT_THEME_BASE")
        else:
            os.environ["STREAMLIT_THEME_BASE"] = old


def channels(color: str) -> int:
    """The darkest of a CSS rgb()/rgba() colour's red, green and blue."""
    return min(int(float(v)) for v in color[color.index("(") + 1:-1].split(",")[:3])


def test_presenter_mode_on_the_dark_theme_keeps_light_text(browser, page):
    with dark_app() as url:
        present_and_shoot(page, url, "presenter-dark")
        assert ink(page) == "rgb(255, 255, 255)"
        background = page.get_by_test_id("stApp").evaluate("e => getComputedStyle(e).backgroundColor")
        assert background != "rgb(255, 255, 255)"
        # the player takes the page's own ink: light readouts, light chart titles
        readout = page.get_by_test_id("mse").evaluate("e => getComputedStyle(e).color")
        title = page.locator("#mse-chart .gtitle").evaluate("e => getComputedStyle(e).fill")
        assert all(channels(c) >= 200 for c in (readout, title)), (readout, title)


def test_share_link_reopens_the_setup(app_server, page):
    open_player(page, app_server("app.py") + "/?preset=xor&lr=1.5&gradient=exact")
    page.get_by_text("Share this setup").click()
    link = page.get_by_test_id("stCode").inner_text().strip()
    assert link.startswith(app_server("app.py")) and "lr=1.5" in link
    open_player(page, link + "&lock=lr")
    expect(sidebar_input(page, "Learning rate")).to_have_value("1.5000")
    expect(sidebar_input(page, "Learning rate")).to_be_disabled()
    expect(page.get_by_test_id("stSidebar").get_by_role("radio", name="exact")).to_be_checked()


def test_download_the_script(app_server, page):
    open_player(page, app_server("app.py") + "/?lr=0.25")
    with page.expect_download() as event:
        page.get_by_role("button", name="Python script").click()
    download = event.value
    assert download.suggested_filename == "tinynet_run.py"
    assert Path(download.path()).read_text() == to_python(Config(lr=0.25))


def test_upload_a_setup_and_a_bad_one(app_server, page, tmp_path):
    open_player(page, app_server("app.py"))
    chooser = page.get_by_test_id("stFileUploaderDropzoneInput")
    bad = tmp_path / "broken.json"
    bad.write_text('{"lr": 0.5, "rate": 2}')
    chooser.set_input_files(str(bad))
    expect(page.get_by_test_id("stAlertContentError")).to_contain_text("'rate' is not a setting")
    expect(sidebar_input(page, "Learning rate")).to_have_value("0.0500")  # nothing lost
    good = tmp_path / "lesson.json"
    good.write_text(to_json(Config(lr=0.75, epochs=300)))
    chooser.set_input_files(str(good))
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Loaded the setup")
    expect(sidebar_input(page, "Learning rate")).to_have_value("0.7500")
    expect(sidebar_input(page, "Epochs")).to_have_value("300")


@pytest.fixture(autouse=True)
def _no_exceptions(page):
    yield
    expect(page.get_by_test_id("stException")).to_have_count(0)
