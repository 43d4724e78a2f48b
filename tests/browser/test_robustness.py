"""Runaway settings and a class of browsers on one server, in Chromium: divergence
said plainly with readable charts, sessions that never mix, Pause that answers
mid-run. Times are printed, not asserted (the machine is shared)."""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import urlencode

import pytest
from harness import require_browser

from tinynet import Config, to_strings, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import open_player, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

# A row at 1e308 with lr 100: the first update overflows, so tinynet stops at epoch 0.
# The hosted app refuses inputs this large (its charts draw up to 1e6); the player itself,
# in its test app, must still say what happened and stay readable.
DIVERGES = Config(inputs=((0, 0), (0, 1), (1, 1), (1e308, 0)), lr=100.0)
# As large as the app allows: trains to the end with weights near -1e8
HUGE = Config(inputs=((0, 0), (0, 1), (1, 1), (1e6, 0)), lr=100.0)
PLAYER_APP = Path(__file__).parent / "apps" / "player_app.py"

AXES = """() => ["mse-chart", "weights-chart", "map-chart"].map((id) => {
  const layout = document.getElementById(id)._fullLayout;
  return [layout.xaxis.range, layout.yaxis.range].flat();
}).flat()"""


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


def link(app_url: str, config: Config) -> str:
    return f"{app_url}/?{urlencode(to_strings(config))}"


def assert_readable(page) -> None:
    """Every 2D chart has finite axes, and no readout says NaN."""
    ranges = page.evaluate(AXES)
    assert ranges and all(isinstance(v, (int, float)) and abs(v) < float("inf") for v in ranges), ranges
    assert not any("NaN" in text for text in readouts(page).values())


def test_divergence_is_said_plainly_and_the_charts_stay_readable(page, app_server, screenshot):
    run = train(DIVERGES, record=True)
    assert run.diverged_at == 1 and run.epoch == 0  # the reference: tinynet itself
    open_player(page, link(app_server(PLAYER_APP), DIVERGES))
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.locator("#diverged")).to_have_text("Diverged at epoch 1: try a smaller learning rate")
    assert readouts(page) == shown(0, run.losses[0], run.history[0])
    assert_readable(page)
    screenshot("diverged")


def test_huge_inputs_train_to_the_end_with_readable_charts(page, app_url, screenshot):
    run = train(HUGE, record=True)
    assert run.diverged_at is None  # negative control for the test above: no message here
    open_player(page, link(app_url, HUGE))
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}", timeout=60_000)
    expect(page.locator("#diverged")).to_be_hidden()
    assert_readable(page)
    screenshot("huge-inputs")


def test_two_browsers_never_see_each_others_numbers(browser, app_url):
    mine, theirs = Config(lr=0.5, w1=0.3), Config(lr=2.0, w1=-0.7, epochs=3000)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 1000}) for _ in range(2)]
    try:
        pages = [c.new_page() for c in contexts]
        frames = [open_player(p, link(app_url, c)) for p, c in zip(pages, (mine, theirs))]
        # one student changes a setting (a new run on the server) and steps ...
        pages[0].get_by_role("spinbutton", name="w2").fill("0.9")
        pages[0].get_by_role("spinbutton", name="w2").press("Enter")
        expect(frames[0].get_by_test_id("w2")).to_have_text("0.9000", timeout=30_000)
        frames[0].get_by_role("button", name="Step", exact=True).click()
        # ... the other steps too (a rerun of its own script) and is still on its own run
        frames[1].get_by_role("button", name="Step", exact=True).click()
        runs = [train(c, record=True) for c in (mine.replace(w2=0.9), theirs)]
        for page, run in zip(frames, runs):
            expect(page.get_by_test_id("epoch")).to_have_text("1")
            assert readouts(page) == shown(1, run.losses[1], run.history[1])
        for page in frames:
            page.get_by_role("button", name="Play", exact=True).click()
        for page, run in zip(frames, runs):
            expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}", timeout=60_000)
            assert readouts(page) == shown(run.epoch, run.losses[-1], run.history[-1])
    finally:
        for context in contexts:
            context.close()


def server_replies(page):
    """Record rerun -> script_finished times as Chromium itself timed its websocket frames."""
    frames = []
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    for way in ("Sent", "Received"):
        cdp.on(f"Network.webSocketFrame{way}", lambda e, way=way: frames.append(
            (e["timestamp"], way, base64.b64decode(e["response"]["payloadData"])))
            if e["response"]["opcode"] == 2 else None)

    def times():
        out, start = [], None
        for t, way, data in sorted(frames, key=lambda f: f[0]):
            if way == "Sent" and BackMsg.FromString(data).WhichOneof("type") == "rerun_script":
                start = t
            elif way == "Received" and start and ForwardMsg.FromString(data).HasField("script_finished"):
                out.append(t - start)
                start = None
        return out
    return times


def test_pause_and_reset_answer_mid_run(page, app_url):
    times = server_replies(page)
    open_player(page, app_url)
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(1000)  # mid-run: the whole run takes about 3 s
    # click Pause from inside the page and time until the button and the epoch stop
    paused = page.evaluate("""() => new Promise((done) => {
      const button = document.getElementById("play"), epoch = document.querySelector('[data-testid="epoch"]');
      const start = performance.now();
      button.click();
      const label = performance.now() - start;
      const at = epoch.textContent;
      setTimeout(() => done({label_ms: label, label: button.textContent, at, after: epoch.textContent}), 500);
    })""")
    before = len(times())
    page.wait_for_timeout(1000)
    print(f"\nPause mid-run: button read {paused['label']!r} after {paused['label_ms']:.1f} ms; "
          f"epoch {paused['at']} then {paused['after']} 0.5 s later; the server's rerun for it took "
          f"{', '.join(f'{1e3 * s:.0f} ms' for s in times()[before - 1:])}")
    assert paused["label"] == "Play" and paused["at"] == paused["after"]
    assert 0 < int(paused["at"].replace(",", "")) < 10_000
    expect(page.get_by_test_id("epoch")).to_have_text(paused["at"])  # still there after the rerun
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(500)
    reset = page.evaluate("""() => {
      const start = performance.now();
      document.getElementById("reset").click();
      const epoch = document.querySelector('[data-testid="epoch"]').textContent;
      return {ms: performance.now() - start, epoch};
    }""")
    print(f"Reset mid-run: epoch {reset['epoch']} shown {reset['ms']:.1f} ms after the click")
    assert reset["epoch"] == "0"
    page.wait_for_timeout(500)
    assert readouts(page)["epoch"] == "0"  # and it stays there: playback stopped


def test_charts_that_cannot_load_say_so(page, app_url):
    """plotly.js blocked (a school proxy, a lost connection): a message, not a blank player."""
    page.route("**/plotly.min.js", lambda route: route.abort())
    page.goto(app_url)
    expect(page.locator("#diverged")).to_contain_text("The charts could not load", timeout=60_000)
    expect(page.locator("#diverged")).to_contain_text("Reload the page")
    page.get_by_role("button", name="Play", exact=True).click()  # nothing to play: no error either
    expect(page.get_by_test_id("epoch")).to_have_text("0")
