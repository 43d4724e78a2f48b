"""The player in real Chromium: what a student sees and does.

Timings are printed (run with -s to see them), never asserted.
"""

import io
import json
from pathlib import Path

import numpy as np
import pytest
from harness import require_browser
from PIL import Image

from playground.charts import OUTPUT_SCALE
from playground.player import GRID, run_spec
from tinynet import Config, predict, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import epoch_on_show, open_player, play_and_measure, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

APP = Path(__file__).parent / "apps" / "player_app.py"


@pytest.fixture(scope="module")
def notebook_run():
    return train(Config(), record=True)


@pytest.fixture
def player_url(app_server):
    return app_server(APP)


def component_value(page) -> dict:
    """The value Python received from the component, as the test app prints it."""
    text = page.get_by_text("component value:").inner_text()
    return json.loads(text.split("component value:", 1)[1])


def expect_value(page, **fields):
    """Wait until Python has received a value with these fields (a rerun takes a moment)."""
    line = page.get_by_text("component value:")
    for name, value in fields.items():
        expect(line).to_contain_text(f'"{name}": {json.dumps(value)}')
    return component_value(page)


def test_play_reaches_the_last_epoch_with_tinynets_numbers(page, player_url, notebook_run, screenshot):
    open_player(page, player_url)
    assert readouts(page) == shown(0, notebook_run.losses[0], notebook_run.history[0])

    figures = play_and_measure(page, 10_000)
    print(f"\nplayback: epoch 10,000 {figures['seconds_to_end']:.2f} s after Play; "
          f"{figures['readout_updates_per_s']:.1f} readout updates/s, "
          f"{figures['map_redraws_per_s']:.1f} output-map redraws/s, "
          f"{figures['surface_redraws_per_s']:.1f} 3D redraws/s")

    assert readouts(page) == shown(10_000, notebook_run.mse, [*notebook_run.weights, notebook_run.bias])
    assert readouts(page)["mse"] == "1.346e-04"
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()  # back from "Pause"
    value = expect_value(page, event="end", epoch=10_000, playing=False)
    assert value["run_id"] == run_spec(notebook_run)["id"]
    rows = page.locator("#predictions tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("0.9918")  # the notebook's prediction for [0, 1]
    assert page.locator("#predictions").get_by_text("wrong").count() == 0
    expect(page.locator("#verdict")).to_have_text("All 4 rows right.")
    screenshot("player-end")


def test_step_shows_epoch_one_exactly_and_reset_returns_to_zero(page, player_url, notebook_run):
    open_player(page, player_url)
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("1")
    assert readouts(page) == shown(1, notebook_run.losses[1], notebook_run.history[1])
    expect_value(page, event="step", epoch=1, playing=False)

    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("2")
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("0")
    assert readouts(page) == shown(0, notebook_run.losses[0], notebook_run.history[0])
    expect_value(page, event="reset", epoch=0)


def test_pause_sends_the_current_epoch_to_python(page, player_url):
    open_player(page, player_url)
    page.get_by_label("Speed").select_option("0.1×")  # 30 s for the run: time to pause mid-way
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).not_to_have_text("0")  # early pacing: epoch 1 takes 0.5 s here
    page.get_by_role("button", name="Pause", exact=True).click()
    value = expect_value(page, event="pause", playing=False)
    epoch = epoch_on_show(page)
    assert 0 < epoch < 10_000 and value["epoch"] == epoch
    page.wait_for_timeout(300)
    assert epoch_on_show(page) == epoch  # the rerun did not move it


def camera(page) -> tuple[float, float]:
    """The 3D view's camera (azimuth, elevation in degrees), as it last drew."""
    surface = page.locator("#surface-chart")
    return float(surface.get_attribute("data-azimuth")), float(surface.get_attribute("data-elevation"))


def test_a_turned_3d_view_stays_turned_while_playing_and_turns_by_keyboard(page, player_url, screenshot):
    open_player(page, player_url)
    chart = page.locator("#surface-chart")
    chart.scroll_into_view_if_needed()
    start = camera(page)
    box = chart.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 40, steps=8)
    page.mouse.up()
    turned = camera(page)
    assert turned != pytest.approx(start, abs=1), "the drag did not turn the view"
    play_and_measure(page, 10_000)  # many 3D redraws on the way
    assert camera(page) == turned
    chart.focus()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowUp")
    assert camera(page) == pytest.approx((turned[0] - 5, turned[1] + 5))
    expect(page.get_by_test_id("epoch")).to_have_text("10,000")  # the arrows turned the view, not the run
    screenshot("player-turned")


def test_hidden_network_branch_request_and_locked_controls(page, player_url, screenshot):
    open_player(page, f"{player_url}/?preset=xor&hidden=2&epochs=2000&branch=req-1&lock=step,scrub")
    # A branch request is answered at once, with the epoch on show.
    expect_value(page, event="branch", answered={"epoch": 0, "id": "req-1"}, epoch=0, playing=False)
    expect(page.get_by_role("button", name="Step", exact=True)).to_be_disabled()
    expect(page.get_by_role("slider", name="Epoch slider")).to_be_disabled()
    # A hidden layer has no single w1, w2: those readouts say so; bias is the output bias.
    run = train(Config(targets=(0, 1, 0, 1), hidden=2, epochs=2000), record=True)
    assert readouts(page)["w1"] == readouts(page)["w2"] == "—"
    assert readouts(page)["bias"] == f"{run.history[0, -1]:.4f}"
    play_and_measure(page, 2000)
    assert readouts(page)["mse"] == f"{run.mse:.3e}"
    assert readouts(page)["bias"] == f"{run.bias:.4f}"
    expect(page.get_by_text("Output weights and bias by epoch")).to_be_visible()
    expect(page.locator("#weights-key")).to_contain_text("w (hidden 2)")
    screenshot("player-hidden")


def pixels(page, box) -> np.ndarray:
    """What the screen shows inside box, as an (h, w, 3) array."""
    return np.asarray(Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB"), dtype=float)


def ramp(outputs: np.ndarray) -> np.ndarray:
    """OUTPUT_SCALE blended linearly, as the map colours an output (an independent rendition)."""
    stops = np.array([at for at, _ in OUTPUT_SCALE])
    colours = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for _, c in OUTPUT_SCALE], float)
    return np.stack([np.interp(outputs, stops, colours[:, k]) for k in range(3)], axis=-1)


def test_the_painted_map_shows_tinynets_outputs(page, player_url, screenshot):
    """The map's colour at points between the rows is the output tinynet computes there,
    for a hidden layer (curved decision lines). Negative control: epoch 0's map is not it."""
    setup = Config(targets=(0, 1, 0, 1), hidden=4, gradient="exact", lr=1.0, epochs=3000)
    run = train(setup, record=True)
    open_player(page, f"{player_url}/?preset=xor&hidden=4&gradient=exact&lr=1&epochs=3000")
    page.get_by_role("slider", name="Epoch slider").fill("1500")
    expect(page.get_by_test_id("epoch")).to_have_text("1,500")
    expect(page.locator("canvas.map-paint")).to_have_attribute("data-frame", "1500")
    canvas = page.locator("canvas.map-paint")
    box = canvas.bounding_box()
    shot = pixels(page, box)
    # points well inside cells (the canvas spans the cells' outer edges: half a step past the window)
    xs = np.linspace(-0.5, 1.5, GRID)
    step = xs[1] - xs[0]
    away = xs[[2, 5, 15, 20, 25, 35, 38]]  # grid points clear of the rows' markers at 0 and 1
    cells = np.array([[x1, x2] for x1 in away for x2 in away])
    # and clear of the black decision line: no neighbouring grid point on the other side of 0.5
    around = np.array([[dx, dy] for dx in (-step, 0, step) for dy in (-step, 0, step)])
    near = (cells[:, None, :] + around).reshape(-1, 2)
    sides = predict(run.params_at(1500), near).reshape(len(cells), -1) >= 0.5
    cells = cells[sides.all(axis=1) | ~sides.any(axis=1)]
    assert len(cells) > 25
    expected = ramp(predict(run.params_at(1500), cells))
    at0 = ramp(predict(run.params_at(0), cells))
    seen = np.array([shot[int((1.5 + step / 2 - x2) / (2 + step) * box["height"]),
                          int((x1 + 0.5 + step / 2) / (2 + step) * box["width"])] for x1, x2 in cells])
    assert np.abs(seen - expected).max() < 12, np.abs(seen - expected).max()
    assert np.abs(seen - at0).max() > 40  # negative control: not the untrained map
    screenshot("map-at-1500")
