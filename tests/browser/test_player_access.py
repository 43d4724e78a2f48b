"""The player for every student, in Chromium: keyboard only, what a screen reader hears,
charts with names, descriptions and tables, reduced motion, and the error as sound."""

from __future__ import annotations

import pytest
from harness import require_browser

from tinynet import Config, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import charts_built, epoch_on_show, open_player, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


def spoken(x: float) -> str:
    """describe.js's short number, for the values this test meets (0.001 to 1e5)."""
    return f"{float(f'{x:.2g}'):g}"


def focused(page) -> dict:
    return page.evaluate("""() => {
      const e = document.activeElement, style = getComputedStyle(e);
      return {id: e.id, tag: e.tagName, text: e.textContent.trim().slice(0, 60),
              outline: parseFloat(style.outlineWidth) || 0, outlineStyle: style.outlineStyle};
    }""")


def test_keyboard_only_tab_to_play_play_pause_step_reset_scrub(page, app_url, screenshot):
    run = train(Config(), record=True)
    open_player(page, app_url)
    page.evaluate("document.activeElement.blur()")  # nothing in the page has focus, as on arrival
    page.keyboard.press("Tab")
    assert "Skip to the player" in focused(page)["text"]  # the first Tab
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "play"
    page.keyboard.press("Tab")  # a visible focus ring on the next control (keyboard focus)
    ring = focused(page)
    assert ring["id"] == "step" and ring["outline"] >= 2 and ring["outlineStyle"] != "none", ring
    screenshot("keyboard-focus-ring")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # Play
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    expect(page.get_by_test_id("epoch")).not_to_have_text("0")
    page.keyboard.press("Space")  # Pause: a focused button's own Space, nothing doubled
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()
    here = epoch_on_show(page)
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("ArrowRight")  # a shortcut with nothing focused: Step
    expect(page.get_by_test_id("epoch")).to_have_text(f"{here + 1:,}")
    assert readouts(page) == shown(here + 1, run.losses[here + 1], run.history[here + 1])
    page.keyboard.press("Home")  # Reset
    expect(page.get_by_test_id("epoch")).to_have_text("0")
    page.get_by_role("slider", name="Epoch slider").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # the slider's own arrows, one frame each
    expect(page.get_by_test_id("epoch")).to_have_text("3")
    page.keyboard.press("Tab")  # no trap: Tab leaves the slider
    assert focused(page)["id"] != "scrub"


def test_shortcuts_never_fire_while_typing_a_setting(page, app_url):
    open_player(page, app_url)
    rate = page.get_by_role("spinbutton", name="Learning rate")
    rate.click()
    rate.press("End")
    page.keyboard.type(" ")  # a space typed in the field: not Play
    page.keyboard.press("ArrowRight")  # the cursor moves in the field: not Step
    page.keyboard.press("Home")
    page.wait_for_timeout(400)  # had Play started, the epoch would have moved by now
    assert epoch_on_show(page) == 0
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()


def test_the_live_region_says_what_a_step_did(page, app_url):
    run = train(Config(), record=True)
    open_player(page, app_url)
    said = page.locator("#said")
    assert said.get_attribute("aria-live") == "polite"
    page.get_by_role("button", name="Step", exact=True).click()
    expect(said).to_have_text(f"Epoch 1: MSE {spoken(run.losses[1])}; 2 of 4 rows right; "
                              "no decision line on the map.")  # every output above 0.5 still
    page.get_by_role("slider", name="Epoch slider").fill("9999")  # said too: "Epoch 9,999: ..."
    expect(said).to_contain_text("Epoch 9,999:")
    page.get_by_role("button", name="Step", exact=True).click()
    w1, w2, bias = run.history[10_000]
    assert f"{run.losses[10_000]:.1e}" == "1.3e-04"
    expect(said).to_have_text("Epoch 10,000: MSE 1.3e-4, flat; all 4 rows right; "  # flat: since 9,999
                              f"decision line crosses x2 at {spoken(-bias / w2)}.")
    # the readouts carry their names: "Epoch 10,000", not "10,000"
    name = page.get_by_test_id("epoch").evaluate("""e => e.getAttribute('aria-labelledby').split(' ')
        .map((id) => document.getElementById(id).textContent).join(' ')""")
    assert name == "Epoch 10,000"


def test_every_chart_has_a_name_a_description_and_a_table(page, app_url):
    run = train(Config(), record=True)
    open_player(page, app_url)
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.locator("#said")).to_contain_text("Epoch 1:")
    figures = page.locator(".tinynet-player [role=figure]")
    expect(figures).to_have_count(3)
    for i in range(3):
        texts = figures.nth(i).evaluate("""e => ['aria-labelledby', 'aria-describedby'].map(
            (a) => document.getElementById(e.getAttribute(a)).textContent)""")
        assert all(len(t) > 10 for t in texts), texts
    mse_words = page.locator("#mse-words").inner_text()
    assert "drawn up to epoch 1 of 10,000" in mse_words and spoken(run.losses[0]) in mse_words
    assert "circles" in page.locator("#map-words").inner_text()  # classes by shape, said in words too
    assert len(page.locator("#surface-chart").get_attribute("aria-label")) > 20
    table = page.locator("details[data-chart=mse]")
    table.locator("summary").click()
    row = table.locator("tbody tr").nth(1)
    expect(row).to_contain_text(f"{run.losses[1]:.3e}")  # epoch 1's MSE, as the readout formats it
    weights = page.locator("details[data-chart=weights]")
    weights.locator("summary").click()
    expect(weights.locator("thead")).to_contain_text("w2")


def test_reduced_motion_shows_still_frames_not_an_animation(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, reduced_motion="reduce")
    try:
        page = open_player(context.new_page(), app_url)
        changes = page.evaluate("""() => {
          const epoch = document.querySelector('[data-testid="epoch"]');
          window.__changes = 0;
          new MutationObserver(() => window.__changes++)
            .observe(epoch, {childList: true, characterData: true, subtree: true});
        }""")
        page.get_by_role("button", name="Play", exact=True).click()
        expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=30_000)
        changes = page.evaluate("window.__changes")
        print(f"\nreduced motion: {changes} frames shown in a whole run")
        assert changes <= 12  # a still frame about every 0.6 s of a 3.5 s run, not one per screen refresh
    finally:
        context.close()


FAKE_AUDIO = """() => {  // a Web Audio stand-in that records every pitch it is given
  window.__pitches = [];
  const record = (v) => window.__pitches.push(v);
  class Param { setTargetAtTime(v) { record(v); } setValueAtTime(v) { record(v); } }
  class Node { connect(next) { return next || this; } }
  class Oscillator extends Node {
    constructor() { super(); this.frequency = new Param(); }
    start() {}
    stop() {}
  }
  class Gain extends Node { constructor() { super(); this.gain = {value: 1}; } }
  window.AudioContext = class {
    constructor() { this.currentTime = 0; this.state = "running"; this.destination = new Node(); }
    createOscillator() { return new Oscillator(); }
    createGain() { return new Gain(); }
    resume() {}
  };
}"""


def test_the_error_as_sound_falls_as_the_error_falls(page, app_url):
    page.add_init_script(f"({FAKE_AUDIO})()")
    open_player(page, app_url)
    page.get_by_role("button", name="Listen to the curve").click()  # at epoch 0: one pitch, the start's
    assert page.evaluate("window.__pitches.length") == 80
    page.evaluate("window.__pitches = []")
    page.get_by_label("Sound: hear the error as pitch").check()
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=30_000)
    pitches = page.evaluate("window.__pitches")
    assert len(pitches) > 20 and pitches[-1] < pitches[0] * 0.6, (pitches[:3], pitches[-3:])
    assert all(b <= a + 1e-9 for a, b in zip(pitches, pitches[1:]))  # the notebook's error only falls
    # negative control: sound off, nothing more is played
    page.get_by_label("Sound: hear the error as pitch").uncheck()
    page.evaluate("window.__pitches = []")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=30_000)
    assert page.evaluate("window.__pitches.length") == 0
    charts_built(page)
