"""A class's moves, end to end, on the real page in Chromium: open a lesson link and
press Play at once; change the learning rate at the end, at epoch 0 and mid-run; watch
the curve grow; see an honest verdict on XOR; click fast. Each at normal speed and,
where time matters, with the CPU slowed 4x (a school laptop).

Numbers are checked against tinynet, computed here independently of the server.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from harness import require_browser

from tinynet import Config, to_strings, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import charts_built, epoch_on_show, open_player, readouts, shown, slow_cpu  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

LESSON = Config(targets=(0, 1, 0, 1), hidden=4, gradient="exact", lr=1.0, epochs=2000)


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


def link(url: str, config: Config, **lesson) -> str:
    return f"{url}/?{urlencode({**to_strings(config), 'preset': 'xor', **lesson})}"


def play_to_end(page, run, speed: str = "4×", timeout: float = 60_000) -> None:
    page.get_by_label("Speed").select_option(speed)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}", timeout=timeout)


def set_rate(page, rate: str) -> None:
    field = page.get_by_role("spinbutton", name="Learning rate")
    field.fill(rate)
    field.press("Enter")


# Every epoch the readout shows, from the moment the page starts (before the player exists).
SEEN_FROM_THE_START = """
window.__seen = [];
window.__when = [];
new MutationObserver(() => {
  const readout = document.querySelector('[data-testid="epoch"]');
  const epoch = readout && Number(readout.textContent.replace(/,/g, ""));
  if (!readout || window.__seen.at(-1) === epoch) return;
  window.__seen.push(epoch);
  window.__when.push(performance.now());
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.mark.parametrize("cpu", [1, 4])
def test_open_a_lesson_link_and_press_play_at_once(page, app_url, cpu, screenshot):
    """What a whole class does: the press must not be lost while plotly.js still loads, and
    the early epochs, where the learning happens, must be seen, not skipped while the page
    is still busy drawing its charts."""
    if cpu > 1:
        slow_cpu(page, cpu)
    page.add_init_script(SEEN_FROM_THE_START)
    page.goto(link(app_url, LESSON, lock="gradient"))
    page.locator("#play").click()  # as soon as the button is there
    pressed = page.locator("#play").inner_text()
    run = train(LESSON, record=True)
    expect(page.get_by_test_id("epoch")).to_have_text(f"{run.epoch:,}", timeout=120_000)
    seen, when = page.evaluate("[window.__seen, window.__when]")
    early = sorted({e for e in seen if 0 < e <= run.epoch // 10})
    playing = [t for e, t in zip(seen, when) if e > 0]
    stall = max((b - a for a, b in zip(playing, playing[1:])), default=0)  # printed, not asserted: a figure
    print(f"\nPlay pressed with the button reading {pressed!r} (CPU {cpu}x): played to the end, "
          f"{len(seen)} readouts, {len(early)} of them in the first tenth: {early[:8]}...; "
          f"longest wait between readouts once playing {stall:.0f} ms")
    assert len(early) >= 10, seen[:40]  # the first tenth gets about a third of the time
    assert seen == sorted(seen)  # and the epoch never runs backwards
    assert readouts(page)["mse"] == f"{run.mse:.3e}"
    assert readouts(page)["bias"] == f"{run.bias:.4f}"
    charts_built(page)
    if cpu > 1:
        screenshot("journey-pressed-at-once-slow")


def test_a_step_right_after_play_while_the_page_loads_wins(page, app_url):
    """Play, then Step at once, on a slow laptop: the later press wins (epoch 1, paused),
    whether the run or only the charts were still on their way."""
    slow_cpu(page, 4)
    page.goto(link(app_url, LESSON))
    page.locator("#play").click()
    page.locator("#step").click()
    expect(page.get_by_test_id("epoch")).to_have_text("1", timeout=120_000)
    charts_built(page)
    page.wait_for_timeout(1_000)  # had a Play been left pending, the epoch would move now
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    expect(page.locator("#play")).to_have_text("Play")


def test_a_new_rate_at_the_end_starts_the_new_run_from_epoch_0(page, app_url, screenshot):
    open_player(page, app_url)
    before = train(Config(), record=True)
    play_to_end(page, before)
    assert readouts(page)["mse"] == "1.346e-04"
    set_rate(page, "5")
    expect(page.get_by_test_id("lr")).to_have_text("5 (notebook)", timeout=30_000)
    expect(page.get_by_test_id("epoch")).to_have_text("0")  # a new run, from its start
    expect(page.locator("#mse-key")).to_contain_text("before: lr 0.05 (notebook)")  # the ghost
    after = train(Config(lr=5.0), record=True)
    play_to_end(page, after)
    assert readouts(page) == shown(after.epoch, after.losses[-1], after.history[-1])
    assert readouts(page)["mse"] == "1.288e-08"  # not the old run under a new label
    screenshot("journey-new-rate-at-the-end")


def test_a_new_rate_at_epoch_0_is_the_run_from_epoch_0(page, app_url):
    open_player(page, app_url)
    set_rate(page, "0.5")
    expect(page.get_by_test_id("lr")).to_have_text("0.5 (notebook)", timeout=30_000)
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    run = train(Config(lr=0.5), record=True)
    assert readouts(page) == shown(1, run.losses[1], run.history[1])


WATCH = """() => {
  const epoch = document.querySelector('[data-testid="epoch"]');
  const seen = window.__seen = [];
  new MutationObserver(() => seen.push(Number(epoch.textContent.replace(/,/g, ""))))
    .observe(epoch, {childList: true, characterData: true, subtree: true});
  window.__changedAt = null;  // the epoch on show when Enter committed the new rate
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || window.__changedAt !== null) return;
    window.__changedAt = Number(epoch.textContent.replace(/,/g, ""));
  }, true);
}"""


def splice_epoch(page) -> int:
    """Where the run on show changed rate, as the learning-rate readout's title says it."""
    title = page.get_by_test_id("lr").get_attribute("title")
    return int(title.rsplit("from epoch ", 1)[1].replace(",", ""))


@pytest.mark.parametrize("cpu", [1, 4])
def test_a_new_rate_mid_run_takes_over_where_it_was_made(page, app_url, cpu, screenshot):
    """The kink sits at the epoch on show when Enter was pressed (within 2% of the run),
    the epoch never runs backwards, and the spliced run ends where tinynet says."""
    if cpu > 1:
        slow_cpu(page, cpu)
    open_player(page, app_url, timeout=120_000)
    page.evaluate(WATCH)
    page.get_by_label("Speed").select_option("0.25×")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).not_to_have_text("0")
    page.wait_for_function("() => window.__seen.length && window.__seen.at(-1) >= 2000", timeout=60_000)
    set_rate(page, "5")
    expect(page.get_by_test_id("lr")).to_have_text("5 (notebook)", timeout=60_000)
    made_at, spliced_at = page.evaluate("window.__changedAt"), splice_epoch(page)
    print(f"\nCPU {cpu}x: Enter at epoch {made_at:,}; the new rate took over at {spliced_at:,}")
    assert abs(spliced_at - made_at) <= 200  # 2% of the 10,000-epoch run
    page.get_by_label("Speed").select_option("4×")
    expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=60_000)
    seen = page.evaluate("window.__seen")
    assert all(a <= b for a, b in zip(seen, seen[1:])), [(a, b) for a, b in zip(seen, seen[1:]) if a > b]
    # independently: k epochs at 0.05, then the rest at 5 from where those ended
    first = train(Config(epochs=spliced_at))
    rest = train(Config(lr=5.0, epochs=10_000 - spliced_at, w1=first.weights[0], w2=first.weights[1],
                        bias=first.bias))
    assert readouts(page)["mse"] == f"{rest.mse:.3e}"
    assert readouts(page)["w2"] == f"{rest.weights[1]:.4f}"
    assert readouts(page)["mse"] != f"{train(Config(lr=5.0)).mse:.3e}"  # not the run from epoch 0
    expect(page.locator("#mse-key")).to_contain_text("before: lr 0.05 (notebook)")
    screenshot(f"journey-new-rate-mid-run-cpu{cpu}")


CURVE = """() => {
  // painted pixels of the error curve, left and right of the "now" line
  const canvas = document.querySelector("#mse-chart").parentElement.querySelector("canvas.curves");
  const line = document.querySelector("#mse-chart").parentElement.querySelector(".now-line");
  const now = new DOMMatrix(getComputedStyle(line).transform).m41 - parseFloat(canvas.style.left);
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let left = 0, right = 0;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] === 0) continue;
    const x = ((i - 3) / 4) % canvas.width / ratio;
    if (x < now - 2) left++; else if (x > now + 3) right++;
  }
  return {left, right};
}"""


def test_the_error_curve_grows_as_it_plays_and_the_ghost_stays(page, app_url, screenshot):
    open_player(page, app_url)
    assert page.evaluate(CURVE)["right"] == 0  # nothing of the future at epoch 0
    page.get_by_label("Speed").select_option("0.25×")
    page.get_by_role("button", name="Play", exact=True).click()
    past = "document.querySelector('#epoch').textContent.replace(/,/g, '') > 300"
    page.wait_for_function(past, timeout=30_000)
    page.get_by_role("button", name="Pause", exact=True).click()
    mid = page.evaluate(CURVE)
    assert mid["left"] > 50 and mid["right"] == 0, mid  # drawn up to now, and no further
    screenshot("journey-curve-mid-run")
    page.get_by_role("slider", name="Epoch slider").fill("10000")
    expect(page.get_by_test_id("epoch")).to_have_text("10,000")
    page.get_by_role("slider", name="Epoch slider").fill("100")
    expect(page.get_by_test_id("epoch")).to_have_text("100")
    assert page.evaluate(CURVE)["right"] == 0  # scrubbing back hides the rest again
    set_rate(page, "0.5")  # a change mid-run: the old curve stays, faint, as a ghost
    expect(page.get_by_test_id("lr")).to_have_text("0.5 (notebook)", timeout=30_000)
    ghosted = page.evaluate(CURVE)
    assert ghosted["right"] > 50, ghosted  # the ghost runs on past the cursor: what 0.05 would have done
    screenshot("journey-ghost")


def test_one_neuron_on_xor_is_called_stuck_and_draws_no_line(page, app_url, screenshot):
    alone = Config(targets=(0, 1, 0, 1), gradient="exact", lr=1.0, epochs=3000)
    run = train(alone, record=True)
    assert all(abs(p - 0.5) < 0.01 for p in run.predictions)  # tinynet: 0.5 everywhere
    open_player(page, link(app_url, alone))
    play_to_end(page, run)
    expect(page.locator("#verdict")).to_contain_text("Stuck: the output is 0.5 everywhere")
    expect(page.locator("#verdict")).to_contain_text("One straight line cannot split these rows")
    expect(page.locator("#predictions tbody td.unsure")).to_have_count(4)
    expect(page.locator("#predictions tbody td.right")).to_have_count(0)
    expect(page.locator("canvas.map-paint")).to_have_attribute("data-line", "false")
    screenshot("journey-xor-stuck")
    # negative control: four hidden units solve it, and the line is drawn
    open_player(page, link(app_url, LESSON))
    play_to_end(page, train(LESSON))
    expect(page.locator("#verdict")).to_have_text("All 4 rows right.")
    expect(page.locator("canvas.map-paint")).to_have_attribute("data-line", "true")


def test_load_xor_then_the_playground_shows_what_plays(page, app_url):
    page.goto(app_url)
    page.get_by_role("link", name="Hidden layer").click()
    page.get_by_role("button", name="Load XOR").click()
    expect(page.get_by_text("This network (4 hidden units)")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Playground").click()
    charts_built(page)
    expect(page.get_by_text("On show: a network with a hidden layer of 4 units")).to_be_visible()
    expect(page.get_by_role("spinbutton", name="Hidden units")).to_have_value("4")
    expect(page.locator("#weights-key")).to_contain_text("w (hidden 4)")


def test_fast_clicks_leave_the_player_where_they_say(page, app_url):
    open_player(page, app_url)
    play = page.get_by_role("button", name="Play", exact=True)
    for _ in range(10):  # Play, Pause, Play, ... as fast as a hand can
        page.locator("#play").click()
    expect(play).to_be_visible()  # an even number of presses: paused
    here = epoch_on_show(page)
    for _ in range(12):
        page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(f"{here + 12:,}")
    run = train(Config(), record=True)
    page.wait_for_timeout(1000)  # the reports' reruns come back: nothing moves
    assert readouts(page) == shown(here + 12, run.losses[here + 12], run.history[here + 12])
