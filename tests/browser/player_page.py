"""How tests and the benchmark drive the player inside a Streamlit page.

The player lives in the app's page. open_player() waits until it has drawn
its charts and returns the page; play_and_measure() presses Play and reports,
from inside the page, how often the readouts changed and when the end came.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

READOUTS = ("epoch", "mse", "w1", "w2", "bias")

# Installed in the page before Play: counts visible changes of the
# epoch readout and redraws of the output map and the 3D surface, timed from
# the click on Play to the final epoch.
PROBE = """(final) => {
  const epoch = document.querySelector('[data-testid="epoch"]');
  const probe = window.__probe = {clicked: null, changes: 0, redraws: 0, redraws3d: 0, reached: null};
  new MutationObserver(() => {
    const now = performance.now();
    probe.changes++;
    if (epoch.textContent === final && probe.reached === null) probe.reached = now;
  }).observe(epoch, {childList: true, characterData: true, subtree: true});
  const count = (id, key) => document.getElementById(id).on("plotly_afterplot", () => {
    if (probe.clicked && probe.reached === null) probe[key]++;
  });
  count("map-chart", "redraws");
  // while playing, the map is painted on a canvas over the chart (see paintMap in player.js)
  new MutationObserver(() => { if (probe.clicked && probe.reached === null) probe.redraws++; })
    .observe(document.querySelector(".map-paint"), {attributes: true, attributeFilter: ["data-frame"]});
  count("surface-chart", "redraws3d");
  const play = document.getElementById("play");
  play.addEventListener("click", () => { probe.clicked = performance.now(); }, {capture: true});
}"""

SUMMARY = """() => {
  const p = window.__probe;
  const seconds = (p.reached - p.clicked) / 1000;
  return {seconds_to_end: seconds, readout_updates_per_s: p.changes / seconds,
          chart_redraws_per_s: p.redraws / seconds, surface3d_redraws_per_s: p.redraws3d / seconds};
}"""


def open_player(page: Page, url: str) -> Page:
    page.goto(url)
    page.locator("#surface-chart .main-svg").first.wait_for(timeout=60_000)  # plotly has drawn
    expect(page.get_by_test_id("mse")).not_to_have_text("–")  # the first frame is shown
    return page


def shown(epoch: int, mse: float, params) -> dict[str, str]:
    """What the readouts should say, formatted as the player formats them."""
    w1, w2, bias = (float(v) for v in params)
    return {"epoch": str(epoch), "mse": f"{mse:.3e}",
            "w1": f"{w1:.4f}", "w2": f"{w2:.4f}", "bias": f"{bias:.4f}"}


def readouts(page: Page) -> dict[str, str]:
    return {name: page.get_by_test_id(name).inner_text() for name in READOUTS}


def play_and_measure(page: Page, final_epoch: int, timeout: float = 60_000) -> dict:
    """Press Play, wait for the final epoch; return seconds_to_end and updates per second."""
    page.evaluate(PROBE, str(final_epoch))
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(str(final_epoch), timeout=timeout)
    return page.evaluate(SUMMARY)
