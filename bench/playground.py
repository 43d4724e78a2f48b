"""The playground's cost, measured in one run against a one-chart Streamlit app.

    python -m bench.playground [--runs 5] [--cpu-slowdown 4]

Prints, for the real app (app.py, the notebook's setup):
  - first chart drawn: seconds from navigation to the first Plotly chart on screen,
    against bench/apps/one_chart.py (a single st.plotly_chart), as a ratio (median of
    alternating runs; target <= 1.3x), unthrottled and with the CPU slowed down (a
    school laptop; target <= 1.5x), both in this one run;
  - server CPU per Play: the server process's CPU seconds from pressing Play to
    epoch 10,000 (target <= 50 ms);
  - bytes the server sent over the websocket for the page with its run
    (target <= 300 KB for the default 10,000 epochs).
Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from harness import chromium, serve, start_app  # noqa: E402
from player_page import open_player, slow_cpu  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def first_chart_seconds(browser, url: str, slowdown: float = 1) -> float:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    if slowdown > 1:
        slow_cpu(page, slowdown)
    start = time.perf_counter()
    page.goto(url)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=120_000)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def play_cost(browser, url: str, pid: int) -> tuple[float, int]:
    """(server CPU seconds from Play to the end, websocket bytes received for the page and run)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda data: received.append(len(data))))
    open_player(page, url)
    time.sleep(1.0)  # let the page settle: count only what Play itself costs
    before = cpu_seconds(pid)
    page.get_by_role("button", name="Play", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("10,000", timeout=60_000)
    time.sleep(1.0)  # the player reports the end: that rerun is part of a Play
    cost = cpu_seconds(pid) - before
    page.close()
    return cost, sum(received)


def first_charts(browser, app: str, floor: str, runs: int, slowdown: float) -> tuple[float, float]:
    """Medians of alternating first-chart times: (the app, the one-chart app)."""
    ours, base = [], []
    for _ in range(runs):
        base.append(first_chart_seconds(browser, floor, slowdown))
        ours.append(first_chart_seconds(browser, app, slowdown))
    return statistics.median(ours), statistics.median(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu-slowdown", type=float, default=4, help="a slow laptop: CPU N times slower")
    options = parser.parse_args()
    with serve(ROOT / "app.py") as (app, pid), start_app(ROOT / "bench" / "apps" / "one_chart.py") as floor, \
            chromium() as browser:
        first_chart_seconds(browser, app)  # warm both servers and the browser cache alike
        first_chart_seconds(browser, floor)
        fast = first_charts(browser, app, floor, options.runs, 1)
        slow = first_charts(browser, app, floor, options.runs, options.cpu_slowdown)
        costs = [play_cost(browser, app, pid) for _ in range(3)]
    slower = f"CPU {options.cpu_slowdown:g}x slower"
    for label, (ours, base), target in (("unthrottled", fast, 1.3), (slower, slow, 1.5)):
        print(f"first chart drawn, {label}: app {ours:.2f} s, one-chart app {base:.2f} s -> ratio "
              f"{ours / base:.2f}x (target <= {target}x)")
    print(f"server CPU per Play: {1000 * statistics.median(c for c, _ in costs):.0f} ms (target <= 50 ms)")
    print(f"websocket bytes for the page and its run: {statistics.median(b for _, b in costs) / 1000:.0f} KB "
          "(target <= 300 KB)")


if __name__ == "__main__":
    main()
