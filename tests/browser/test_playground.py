"""The playground page of the real app in Chromium: links, Play, and a rate changed mid-run."""

import re
from urllib.parse import urlencode

import pytest
from harness import require_browser, start_app

from tinynet import Config, resume, to_strings, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import epoch_on_show, open_player, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

LINK_SETUP = Config(inputs=((0, 0), (0, 1), (1, 1), (1, 0), (0.5, 0.5)), targets=(0, 0, 1, 0, 0.25),
                    w1=-0.3, w2=0.45, bias=0.125, lr=0.7, epochs=2500, gradient="exact")


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


def finish(page, run) -> dict:
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}", timeout=60_000)
    return readouts(page)


def test_default_page_plays_the_notebook_to_its_golden_numbers(page, app_url, screenshot):
    open_player(page, app_url)
    expect(page.get_by_role("heading", name="Watch a neuron learn")).to_be_visible()
    run = train(Config(), record=True)
    assert finish(page, run) == shown(10_000, run.losses[-1], run.history[-1])
    assert readouts(page)["w1"] == "-0.4195" and readouts(page)["w2"] == "8.9889"
    screenshot("playground")


def test_a_share_link_trains_to_its_own_numbers(page, app_url):
    open_player(page, f"{app_url}/?{urlencode(to_strings(LINK_SETUP))}")
    run = train(LINK_SETUP, record=True)
    assert readouts(page) == shown(0, run.losses[0], run.history[0])
    assert finish(page, run) == shown(run.epoch, run.losses[-1], run.history[-1])
    # the address bar is itself the share link for this setup
    assert "lr=0.7" in page.url and "inputs=0%2C0%3B0%2C1%3B1%2C1%3B1%2C0%3B0.5%2C0.5" in page.url


def test_percent_encoded_separators_work_too(page, app_url):
    open_player(page, f"{app_url}/?inputs=0%2C0%3B1%2C1&targets=0%2C1&epochs=300")
    run = train(Config(inputs=((0, 0), (1, 1)), targets=(0, 1), epochs=300), record=True)
    assert finish(page, run) == shown(300, run.losses[-1], run.history[-1])


def test_a_new_rate_while_paused_carries_on_from_that_epoch(page, app_url):
    open_player(page, app_url)
    page.get_by_label("Speed").select_option("0.1×")
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(1500)
    page.get_by_role("button", name="Pause", exact=True).click()
    paused = epoch_on_show(page)
    assert 0 < paused < 10_000

    rate = page.get_by_role("spinbutton", name="Learning rate")
    rate.fill("0.5")
    rate.press("Enter")
    before = train(Config(), record=True)
    carried = resume(before, paused, Config(lr=0.5)).run_to_end().run()
    # the new run arrives standing at the same epoch, with the old history behind it
    expect(page.get_by_test_id("lr")).to_have_text("0.5 (notebook)", timeout=30_000)
    assert epoch_on_show(page) == paused
    assert page.get_by_test_id("mse").inner_text() == f"{carried.losses[paused]:.3e}"
    page.get_by_label("Speed").select_option("4×")  # the rest at 0.1x would take half a minute
    assert finish(page, carried) == shown(10_000, carried.losses[-1], carried.history[-1])
    # negative control: not what starting over at lr 0.5 would give
    assert shown(10_000, carried.losses[-1], carried.history[-1]) != \
        shown(10_000, *(lambda r: (r.losses[-1], r.history[-1]))(train(Config(lr=0.5), record=True)))


def test_the_setup_survives_switching_pages(page, app_url):
    """Widgets on another page are new to Streamlit; they must still show the setup."""
    open_player(page, app_url)
    rate = page.get_by_role("spinbutton", name="Learning rate")
    rate.fill("0.75")
    rate.press("Enter")
    expect(page).to_have_url(re.compile(r"lr=0.75"), timeout=30_000)
    for name in ("Loss landscape", "Playground"):
        page.get_by_role("link", name=name).click()
        expect(page.get_by_role("spinbutton", name="Learning rate")).to_have_value("0.7500", timeout=30_000)
        expect(page.get_by_role("spinbutton", name="w1")).to_have_value("0.1000")
        expect(page).to_have_url(re.compile(r"lr=0.75"))
    assert not page.get_by_text("is not allowed").count()  # no widget came back at 0
    # back on the playground the player is new to the page again: it starts afresh and works
    run = train(Config(lr=0.75), record=True)
    expect(page.get_by_test_id("lr")).to_have_text("0.75 (notebook)")
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    assert readouts(page) == shown(1, run.losses[1], run.history[1])


def test_edit_the_rows_swaps_in_the_table_and_an_edit_retrains(page, app_url):
    open_player(page, app_url)
    sidebar = page.get_by_test_id("stSidebar")
    rows = sidebar.locator("[data-testid=stMarkdownContainer] table")
    expect(rows).to_contain_text("target")  # the rows, read only; no editor loaded yet
    expect(sidebar.get_by_test_id("stDataFrame")).to_have_count(0)

    sidebar.get_by_text("Edit the rows", exact=True).click()
    grid = sidebar.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible()
    expect(rows).to_have_count(0)
    # Row 4's target, 0 -> 1, as a student does it: click the cell, type, Enter. The data
    # editor is a canvas: a header and then rows, 35 px each.
    box = grid.bounding_box()
    type_in_cell(page, box["x"] + box["width"] - 25, box["y"] + 35 * 4.5, "1")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"targets=0%2C1%2C1%2C1&"), timeout=30_000)
    expect(page.locator("#predictions tbody tr").nth(3).locator("td").nth(3)).to_have_text("1")
    # the preset picker follows the rows at once: 0,1,1,1 are OR's
    preset = sidebar.get_by_role("combobox", name="Preset")
    expect(preset).to_have_value(re.compile(r"^or — "))
    # a target of 5 is not quietly made 1: it is named, and the last valid rows stay
    type_in_first_target(page, grid, "5")
    expect(sidebar.get_by_test_id("stAlertContentError")).to_contain_text("target is 5", timeout=30_000)
    expect(page.locator("#predictions tbody tr").nth(0).locator("td").nth(3)).to_have_text("0")
    expect(preset).to_have_value(re.compile(r"^or — "))  # (AppTest checks "custom" for rows of no preset)


def type_in_first_target(page, grid, text: str) -> None:
    """Row 1's target, reached from row 4's (found from the grid's bottom, so a message
    above the table moving it does not matter) with the arrow keys, as a student might."""
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)  # the last edit's rerun is done
    box = grid.bounding_box()
    type_in_cell(page, box["x"] + box["width"] - 25, box["y"] + box["height"] - 35 * 1.5, text, ups=3)
    page.keyboard.press("Enter")


def type_in_cell(page, x: float, y: float, text: str, ups: int = 0) -> None:
    """Click a cell of the data editor, go `ups` rows up, type: until its editor opens with
    the text. A grid still loading (a busy machine) ignores the first clicks, so the moves
    are made again, not after a fixed wait."""
    editor = page.locator("input.gdg-input")
    for _ in range(10):
        page.mouse.click(x, y)
        for _ in range(ups):
            page.keyboard.press("ArrowUp")
        page.keyboard.type(text)
        try:
            expect(editor).to_have_value(text, timeout=2_000)  # the cell's editor is open
            return
        except AssertionError:
            page.keyboard.press("Escape")  # an editor opened with something else: close it
    expect(editor).to_have_value(text)


def test_a_link_to_another_page_opens_that_page_with_its_setup(page):
    # a fresh server: Streamlit's old pages/ mode only takes over on a server's first request
    with start_app("app.py") as fresh:
        page.goto(f"{fresh}/landscape?lr=0.25&epochs=500")
        _expect_landscape(page)


def _expect_landscape(page):
    expect(page.get_by_role("heading", name="The loss landscape")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name="One step by hand", exact=True)).to_be_visible()  # app.py navigation
    expect(page.get_by_role("spinbutton", name="Learning rate")).to_have_value("0.2500")
