"""The teaching pages in a real browser: each renders its charts without an error,
and a full-page screenshot is saved to tests/browser/screenshots/<page>.png to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

SCREENSHOTS = Path(__file__).parent / "screenshots"

# url path -> (its title in the navigation, Plotly charts it draws, a text that shows it finished)
PAGES = {
    "step_by_step": ("One step by hand", 1, "The notebook's three traps"),
    "landscape": ("Loss landscape", 3, "each map is one slice"),
    "hidden_layer": ("Hidden layer", 3, "Inside the network at"),
    "sweep": ("Learning-rate sweep", 3, "Does the start matter?"),
}


def open_page(page, url: str, name: str) -> None:
    """Open the app and go to the page as a student does, through the navigation."""
    title, charts, last_text = PAGES[name]
    page.goto(url)
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"**/{name}*", timeout=60_000)
    expect(page.get_by_text(last_text).first).to_be_visible(timeout=60_000)
    plots = page.locator('[data-testid="stPlotlyChart"] .main-svg')
    expect(plots.nth(charts - 1)).to_be_attached(timeout=60_000)  # the last chart has been drawn
    expect(page.get_by_test_id("stException")).to_have_count(0)


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so grow the window to fit it."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 8_000)})
    page.wait_for_timeout(2_000)  # let Plotly lay out again at the new size
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_page_renders(app_server, page, name):
    open_page(page, app_server("app.py"), name)
    screenshot(page, name)


def test_xor_button_solves_xor(app_server, page):
    """The friendly button loads XOR with 4 hidden units, and the page says it is solved."""
    open_page(page, app_server("app.py"), "hidden_layer")
    expect(page.get_by_text("These rows are not XOR")).to_be_visible()
    page.get_by_role("button", name="Load XOR").click()
    expect(page.get_by_text("This network (4 hidden units)")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("These rows are not XOR")).to_have_count(0)
    screenshot(page, "hidden_layer_xor")
