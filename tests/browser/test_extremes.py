"""Setups at the edges of what the app accepts, in Chromium on the real app: no uncaught
JavaScript error (the `page` fixture fails a test on one), the readouts at epoch 0 and
at the end are tinynet's numbers as the player formats them, and no readout says NaN
or Infinity. Each setup opens once; the end is reached by the scrubber, not by playing.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

import pytest
from harness import require_browser

from playground.player import frames_of
from tinynet import Config, to_strings, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import epoch_on_show, open_player, param, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

GRID = tuple((float(i % 8), float(i // 8)) for i in range(64))
FAR = ((1e6, -1e6), (-1e6, 1e6), (1e6, 1e6), (-1e6, -1e6))  # as far as the app allows
EXTREMES = {
    "64 rows": Config(inputs=GRID, targets=tuple(float(i % 8 >= 4) for i in range(64)), epochs=3000),
    "inputs at ±1e6, lr 100": Config(inputs=FAR, lr=100.0),
    "w1 1e39, w2 -1e300, bias -1e308, lr 1e-300": Config(w1=1e39, w2=-1e300, bias=-1e308, lr=1e-300),
    "0 epochs": Config(epochs=0),
    "1 epoch": Config(epochs=1),
    "8 hidden units, 10,000 epochs": Config(targets=(0, 1, 0, 1), hidden=8, epochs=10_000),  # a second's work
    "targets all 0.5": Config(targets=(0.5,) * 4, lr=100.0),
    "duplicate rows, both classes": Config(inputs=((1.0, 1.0),) * 3 + ((0.0, 0.0),), targets=(0, 1, 1, 0)),
}
# inf - inf: w1 * 1e6 + w2 * -1e6 with both weights at 1e303 is not a number from the start
NO_FIRST_OUTPUT = Config(inputs=((1e6, -1e6), (0.0, 0.0)), targets=(1.0, 0.0), w1=1e303, w2=1e303)


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


@pytest.fixture(scope="module")
def warm(browser):
    """One browser context for the whole catalogue: plotly.js and the player load once (a
    new context per setup took twice as long)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    yield context
    context.close()


@pytest.fixture
def tab(warm):
    """A new tab in that context; an uncaught JavaScript error fails the test, as with `page`."""
    page = warm.new_page()
    thrown = []
    page.on("pageerror", lambda error: thrown.append(error))
    yield page
    page.close()
    assert not thrown, f"uncaught JavaScript errors on the page: {thrown}"


def link(url: str, config: Config) -> str:
    return f"{url}/?{urlencode(to_strings(config))}"


def expected(run, epoch: int) -> dict[str, str]:
    """The readouts for tinynet's numbers at `epoch`; a hidden layer shows its output bias
    and no single w1, w2."""
    if run.config.hidden == 0:
        return shown(epoch, run.losses[epoch], run.history[epoch])
    return {**shown(epoch, run.losses[epoch], [0, 0, 0]), "w1": "—", "w2": "—",
            "bias": param(run.history[epoch, -1])}


def assert_readable(said: dict[str, str]) -> None:
    assert not [text for text in said.values() if any(w in text.lower() for w in ("nan", "inf"))], said


def at_both_ends(page, app_url, setup: Config) -> list[dict[str, str]]:
    """Open the setup; check the readouts at epoch 0 and, scrubbed there, at the end against
    tinynet; return what they said."""
    run = train(setup, record=True)
    open_player(page, link(app_url, setup))
    said = [readouts(page)]
    assert said[0] == expected(run, 0)
    _, kept = frames_of(run.epoch)
    page.get_by_role("slider", name="Epoch slider").fill(str(len(kept) - 1))
    expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}")
    said.append(readouts(page))
    assert said[1] == expected(run, run.epoch)
    if run.diverged_at is not None:
        expect(page.locator("#diverged")).to_have_text(f"Diverged at epoch {run.diverged_at:,}: try a "
                                                       "smaller learning rate")
    return said


@pytest.mark.parametrize("name", list(EXTREMES))
def test_an_extreme_setup_shows_tinynets_numbers(tab, app_url, name):
    for readout in at_both_ends(tab, app_url, EXTREMES[name]):
        assert_readable(readout)


def test_a_start_with_no_first_output_is_refused_by_name(tab, app_url):
    """This start's first sum is not a number (inf - inf), so its first output is not defined
    (tinynet's NumPy forward pass and its float loop even disagree on it); the app says so and
    keeps the starting values it had, so every readout is a number."""
    c = NO_FIRST_OUTPUT
    assert math.isnan(c.w1 * c.inputs[0][0] + c.w2 * c.inputs[0][1] + c.bias)
    open_player(tab, link(app_url, NO_FIRST_OUTPUT))
    expect(tab.get_by_test_id("stAlertContentWarning")).to_contain_text("is not a number for row 1")
    kept = train(NO_FIRST_OUTPUT.replace(w1=0.1, w2=0.2, bias=0.3), record=True)
    assert readouts(tab) == expected(kept, 0)
    assert_readable(readouts(tab))


def test_a_long_run_steps_ten_epochs_and_says_so(tab, app_url):
    page = tab
    setup = Config(epochs=100_000)
    run = train(setup, record=True)
    open_player(page, link(app_url, setup))
    step = page.get_by_role("button", name="Step +10", exact=True)
    expect(step).to_have_attribute("title", "Go 10 epochs forward (this long run keeps every 10th epoch)")
    step.click()
    expect(page.get_by_test_id("epoch")).to_have_text("10")
    step.click()
    expect(page.get_by_test_id("epoch")).to_have_text("20")
    assert readouts(page) == expected(run, 20)
    page.get_by_role("slider", name="Epoch slider").fill("10000")
    expect(page.get_by_test_id("epoch")).to_have_text("100,000")
    assert readouts(page) == expected(run, 100_000) and epoch_on_show(page) == run.epoch
    assert_readable(readouts(page))
