"""Every room a class uses, in Chromium: a projector (1920x1080, presenter mode, sidebar
folded), a laptop (1366x768), a tablet (1024x768, touch) and a phone (390x844, touch).
On every page nothing in the main area runs off the right edge; on the phone Play and the
error chart are above the fold; touch works for every control. Screenshots of each are
saved in tests/browser/screenshots/ to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import require_browser

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import charts_built  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

SCREENSHOTS = Path(__file__).parent / "screenshots"
ROOMS = {
    "projector": {"viewport": {"width": 1920, "height": 1080}, "query": "presenter=1"},
    "laptop": {"viewport": {"width": 1366, "height": 768}, "query": ""},
    "tablet": {"viewport": {"width": 1024, "height": 768}, "has_touch": True, "query": ""},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True,
              "device_scale_factor": 3, "query": ""},
}
PAGES = {"": "Watch a neuron learn", "step_by_step": "One step, by hand", "landscape": "The loss landscape",
         "hidden_layer": "Why XOR needs a hidden layer", "sweep": "Learning-rate sweep"}

# What in the main area reaches past the window's right edge (and is not inside something
# that scrolls sideways on its own, like a wide table in a scrolling box).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const main = document.querySelector('[data-testid="stMain"]');
  // inside a box that scrolls sideways and ends inside the window, or a visually hidden one
  const contained = (e) => {
    for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.clipPath !== 'none' || s.clip.startsWith('rect(0')) return true;
      const scrolls = s.overflowX === 'auto' || s.overflowX === 'scroll';
      if (scrolls && p.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const over = [];
  const what = 'table, canvas, svg.main-svg, svg.main-svg text, button, input, select, summary, ' +
    '[data-testid="stPlotlyChart"], .tinynet-player output, h1, h2, h3, p';
  for (const e of main.querySelectorAll(what)) {
    const r = e.getBoundingClientRect();
    const look = getComputedStyle(e);  // a widget's own hidden input (opacity 0, or clipped to nothing)
    const unseen = look.opacity === '0' || r.width <= 1 || look.clip.startsWith('rect(0') ||
      look.clipPath !== 'none';
    if (!unseen && r.right > width + 1 && !contained(e)) {
      const kind = (e.className.baseVal ?? e.className ?? '').toString().slice(0, 30);
      const name = `${e.tagName.toLowerCase()}#${e.id || ''}.${kind}`;
      over.push(`${name} "${e.textContent.slice(0, 40)}" right=${Math.round(r.right)}`);
    }
  }
  return {width, over: over.slice(0, 12), scrollWidth: main.scrollWidth, clientWidth: main.clientWidth};
}"""


@pytest.fixture(scope="module")
def contexts(browser):
    made = {}
    yield lambda room: made.setdefault(room, browser.new_context(
        **{k: v for k, v in ROOMS[room].items() if k != "query"}))
    for context in made.values():
        context.close()


def open_room(contexts, url: str, room: str, path: str = ""):
    page = contexts(room).new_page()
    query = ROOMS[room]["query"]
    page.goto(f"{url}/{path}" + (f"?{query}" if query else ""))
    expect(page.get_by_role("heading", name=PAGES[path])).to_be_visible(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar")
    if room == "projector" and sidebar.get_attribute("data-collapsed") != "true":  # folded, as on a projector
        sidebar.hover()
        page.get_by_test_id("stSidebarCollapseButton").locator("button").click()
    if room == "projector":
        expect(sidebar).to_have_attribute("data-collapsed", "true")
    return page


def settle(page, path: str) -> None:
    if path == "":
        charts_built(page)
    else:
        expect(page.locator('[data-testid="stPlotlyChart"] .main-svg').first).to_be_attached(timeout=60_000)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)  # the script is done
    page.wait_for_timeout(300)  # a resize re-lays the charts out on the next frame


@pytest.mark.parametrize("room", ROOMS)
@pytest.mark.parametrize("path", PAGES)
def test_nothing_runs_off_the_right_edge(app_server, contexts, room, path):
    page = open_room(contexts, app_server("app.py"), room, path)
    try:
        settle(page, path)
        found = page.evaluate(OVERFLOW)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"room-{room}-{path or 'playground'}.png"))
        assert not found["over"], found
        assert found["scrollWidth"] <= found["clientWidth"] + 1, found
    finally:
        page.close()


def test_on_a_phone_play_and_the_error_chart_are_above_the_fold_and_touch_works(app_server, contexts):
    page = open_room(contexts, app_server("app.py"), "phone")
    try:
        charts_built(page)
        height = page.viewport_size["height"]
        play = page.locator("#play").bounding_box()
        chart = page.locator("#mse-chart").bounding_box()
        assert play["y"] + play["height"] <= height and chart["y"] + chart["height"] <= height, (play, chart)
        page.locator("#step").tap()  # tap
        expect(page.get_by_test_id("epoch")).to_have_text("1")
        slider = page.locator("#scrub").bounding_box()  # drag the scrubber with a finger
        swipe(page, slider["x"] + 4, slider["x"] + slider["width"] * 0.5, slider["y"] + slider["height"] / 2)
        expect(page.get_by_test_id("epoch")).not_to_have_text("1")
        surface = page.locator("#surface-chart")
        surface.scroll_into_view_if_needed()
        before = surface.get_attribute("data-azimuth")
        box = surface.bounding_box()
        middle = box["y"] + box["height"] / 2
        swipe(page, box["x"] + box["width"] * 0.3, box["x"] + box["width"] * 0.7, middle)
        assert surface.get_attribute("data-azimuth") != before  # the 3D view turns under a finger
        page.locator("#play").scroll_into_view_if_needed()
        page.locator("#play").tap()
        expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=30_000)
        page.screenshot(path=str(SCREENSHOTS / "room-phone-played.png"))
    finally:
        page.close()


def swipe(page, x0: float, x1: float, y: float, steps: int = 8) -> None:
    """A finger dragged sideways (Chromium's touch events, as a touch screen sends them)."""
    cdp = page.context.new_cdp_session(page)
    point = lambda x: [{"x": x, "y": y}]  # noqa: E731
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point(x0)})
    for k in range(1, steps + 1):
        x = x0 + (x1 - x0) * k / steps
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": point(x)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()
    # A finger takes a moment to lift and move on. Chromium turns no tap into a click if it
    # lands within ~0.2 s of a drag's end (measured: 100 ms no click, 250 ms a click).
    page.wait_for_timeout(300)
