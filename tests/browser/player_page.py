"""How tests and the benchmarks drive the player inside a Streamlit page.

open_player() waits until the player has drawn its charts and returns the page;
play_and_measure() presses Play and reports, from inside the page, how often the
readouts and the charts changed and when the end came. shown() is what the readouts
say for tinynet's numbers, formatted as the player formats them (player/format.js).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

READOUTS = ("epoch", "mse", "w1", "w2", "bias")
SLOW_CPU = 4  # Chromium's CPU slow-down for a school laptop (Lighthouse's mid-tier device)

# Installed in the page before Play: counts visible changes of the epoch readout and
# redraws of the error curve, the output map and the 3D view, timed from the click on
# Play to the final epoch; and the longest gap between two readout changes.
PROBE = """(final) => {
  const epoch = document.querySelector('[data-testid="epoch"]');
  const probe = window.__probe = {clicked: null, changes: [], curve: 0, map: 0, surface: 0, reached: null};
  const live = () => probe.clicked !== null && probe.reached === null;
  new MutationObserver(() => {
    if (!live()) return;
    probe.changes.push(performance.now());
    if (epoch.textContent === final) probe.reached = performance.now();
  }).observe(epoch, {childList: true, characterData: true, subtree: true});
  const count = (element, key) => new MutationObserver(() => { if (live()) probe[key]++; })
    .observe(element, {attributes: true, attributeFilter: ["data-frame"]});
  count(document.querySelector("#mse-chart").parentElement.querySelector("canvas.curves"), "curve");
  count(document.querySelector("canvas.map-paint"), "map");
  count(document.querySelector("#surface-chart"), "surface");
  document.getElementById("play").addEventListener("click", () => { probe.clicked = performance.now(); },
                                                    {capture: true});
}"""

SUMMARY = """() => {
  const p = window.__probe;
  const seconds = (p.reached - p.clicked) / 1000;
  const times = [p.clicked, ...p.changes];
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return {seconds_to_end: seconds, readout_updates_per_s: p.changes.length / seconds,
          curve_redraws_per_s: p.curve / seconds, map_redraws_per_s: p.map / seconds,
          surface_redraws_per_s: p.surface / seconds, longest_gap_ms: Math.max(...gaps)};
}"""


def slow_cpu(page: Page, rate: float = SLOW_CPU) -> None:
    """Slow this page's CPU down `rate` times (Chromium's DevTools throttling)."""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def open_player(page: Page, url: str, timeout: float = 60_000) -> Page:
    page.goto(url)
    charts_built(page, timeout)
    return page


def charts_built(page: Page, timeout: float = 60_000) -> None:
    """Wait until every chart is drawn: Plotly's axes and the painted layers."""
    page.locator("#mse-chart .main-svg").first.wait_for(timeout=timeout)
    page.locator("canvas.map-paint[data-frame]").wait_for(state="attached", timeout=timeout)
    page.locator("#surface-chart[data-frame]").wait_for(state="attached", timeout=timeout)
    expect(page.get_by_test_id("mse")).not_to_have_text("–")  # the first frame is shown


def param(value: float) -> str:
    return f"{value:.4f}" if abs(value) < 1e5 else f"{value:.4e}"


def shown(epoch: int, mse: float, params) -> dict[str, str]:
    """What the readouts should say, formatted as the player formats them."""
    w1, w2, bias = (float(v) for v in params)
    return {"epoch": f"{epoch:,}", "mse": f"{mse:.3e}", "w1": param(w1), "w2": param(w2), "bias": param(bias)}


def readouts(page: Page) -> dict[str, str]:
    return {name: page.get_by_test_id(name).inner_text() for name in READOUTS}


def epoch_on_show(page: Page) -> int:
    return int(page.get_by_test_id("epoch").inner_text().replace(",", ""))


def play_and_measure(page: Page, final_epoch: int, timeout: float = 60_000) -> dict:
    """Press Play, wait for the final epoch; return seconds_to_end and redraws per second."""
    page.evaluate(PROBE, f"{final_epoch:,}")
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text(f"{final_epoch:,}", timeout=timeout)
    return page.evaluate(SUMMARY)
