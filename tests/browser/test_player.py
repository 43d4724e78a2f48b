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

from playground.player import payload
from tinynet import Config, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import open_player, play_and_measure, readouts, shown  # noqa: E402
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
          f"{figures['chart_redraws_per_s']:.1f} output-map redraws/s, "
          f"{figures['surface3d_redraws_per_s']:.1f} 3D redraws/s")

    assert readouts(page) == shown(10_000, notebook_run.mse, [*notebook_run.weights, notebook_run.bias])
    assert readouts(page)["mse"] == "1.346e-04"
    expect(page.get_by_role("button", name="Play", exact=True)).to_be_visible()  # back from "Pause"
    value = expect_value(page, event="end", epoch=10_000, playing=False)
    assert value["run_id"] == payload(notebook_run)["id"]
    rows = page.locator("#predictions tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.nth(1)).to_contain_text("0.9918")  # the notebook's prediction for [0, 1]
    assert page.locator("#predictions").get_by_text("wrong").count() == 0
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
    expect(page.get_by_role("button", name="Pause", exact=True)).to_be_visible()
    page.get_by_role("button", name="Pause", exact=True).click()
    value = expect_value(page, event="pause", playing=False)
    epoch = int(page.get_by_test_id("epoch").inner_text())
    assert 0 < epoch < 10_000 and value["epoch"] == epoch
    page.wait_for_timeout(300)
    assert page.get_by_test_id("epoch").inner_text() == str(epoch)  # the rerun did not move it


def camera(page) -> dict:
    """The 3D chart's camera: as saved in its layout, and as the WebGL scene draws it."""
    return page.evaluate("""() => {
      const gd = document.getElementById("surface-chart");
      const eye = (c) => ({x: c.eye.x, y: c.eye.y, z: c.eye.z});
      return {layout: eye(gd.layout.scene.camera), drawn: eye(gd._fullLayout.scene._scene.getCamera())};
    }""")


def settled_camera(page) -> dict:
    """The camera once a drag's glide has died down (two readings 300 ms apart agree)."""
    before = camera(page)
    for _ in range(20):
        page.wait_for_timeout(300)
        now = camera(page)
        if now == before:
            return now
        before = now
    raise AssertionError(f"the 3D view kept moving after the drag: {now}")


def test_a_rotated_3d_view_stays_rotated_while_playing(page, player_url, screenshot):
    open_player(page, player_url)
    chart = page.locator("#surface-chart")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 40, steps=8)
    page.mouse.up()
    page.mouse.move(0, 0)  # away from the chart
    rotated = settled_camera(page)["drawn"]  # what the student sees
    default = {"x": 1.25, "y": 1.25, "z": 1.25}
    assert rotated != pytest.approx(default, abs=1e-3), "the drag did not rotate the view"

    play_and_measure(page, 10_000)  # several 3D redraws on the way
    after = camera(page)
    assert after["drawn"] == pytest.approx(rotated, abs=1e-6)
    assert after["layout"] == pytest.approx(rotated, abs=1e-6)
    screenshot("player-rotated")


def test_hidden_network_branch_request_and_locked_controls(page, player_url, screenshot):
    open_player(page, f"{player_url}/?preset=xor&hidden=2&epochs=2000&branch=req-1&lock=step,scrub")
    # A branch request is answered at once, with the epoch on show.
    expect_value(page, event="branch", branch="req-1", epoch=0, playing=False)
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
    screenshot("player-hidden")


def pixels(page, box) -> np.ndarray:
    """What the screen shows inside box, as an (h, w, 3) array."""
    return np.asarray(Image.open(io.BytesIO(page.screenshot(clip=box))).convert("RGB"), dtype=float)


def visibly_different(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels whose colour differs by more than a glance would miss."""
    return float(np.mean(np.abs(a - b).max(axis=2) > 40))


def test_the_map_painted_while_playing_is_the_map_plotly_draws(page, player_url, screenshot):
    """While playing, the output map is painted on a canvas (paintMap in player.js); paused,
    Plotly draws it. At the same epoch they must show the same picture. A hidden layer's
    curved decision lines make it a stiffer test than a straight line."""
    open_player(page, f"{player_url}/?preset=xor&hidden=4&gradient=exact&lr=1&epochs=3000")
    page.get_by_label("Speed").select_option("0.1×")
    page.get_by_role("button", name="Play", exact=True).click()
    page.wait_for_timeout(1500)
    # hold the animation on this frame (the player is not told), and shoot the painted map
    page.evaluate("() => { window.held = requestAnimationFrame; window.requestAnimationFrame = () => 0; }")
    page.wait_for_timeout(200)
    paint = page.locator(".map-paint")
    expect(paint).to_be_visible()
    box = paint.bounding_box()
    painted, epoch = pixels(page, box), page.get_by_test_id("epoch").inner_text()
    page.evaluate("() => { window.requestAnimationFrame = window.held; }")

    page.get_by_role("button", name="Pause", exact=True).click()
    expect(paint).to_be_hidden()
    page.wait_for_timeout(300)
    assert page.get_by_test_id("epoch").inner_text() == epoch
    assert visibly_different(painted, pixels(page, box)) < 0.01
    # negative control: the map at epoch 0 is not that picture
    page.get_by_role("button", name="Reset", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("0")
    page.wait_for_timeout(300)
    assert visibly_different(painted, pixels(page, box)) > 0.2
    screenshot("map-painted-and-drawn")
