"""How smoothly the player plays a run back in headless Chromium, at full speed and on a
slow school laptop (the CPU slowed down by Chromium's DevTools throttling).

    python bench/playback.py [--runs 3] [--cpu-slowdown 4] [--profile]

Starts the app (app.py: the playground page) and plays the notebook's 10,000-epoch run,
first unthrottled and then with the CPU slowed down, in the same run, and prints for
each: readout updates a second, redraws a second of the error curve, the output map and
the 3D view, the longest gap between two readout updates, and seconds from Play to
epoch 10,000 (1x aims at about 3.5 s). --profile prints where a frame's time goes (a
CPU profile of one playback, by function). Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from harness import chromium, start_app  # noqa: E402
from player_page import open_player, play_and_measure, slow_cpu  # noqa: E402

from playground.player import envelope, run_spec  # noqa: E402
from tinynet import Config, train  # noqa: E402

FIGURES = ("readout_updates_per_s", "curve_redraws_per_s", "map_redraws_per_s", "surface_redraws_per_s",
           "longest_gap_ms", "seconds_to_end")


def measure(browser, url: str, slowdown: float, runs: int) -> list[dict]:
    out = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        if slowdown > 1:
            slow_cpu(page, slowdown)
        open_player(page, url, timeout=120_000)
        out.append(play_and_measure(page, 10_000, timeout=120_000))
        page.close()
    return out


def profile(browser, url: str, slowdown: float, top: int = 15) -> None:
    """Self time by function while the run plays: where a frame's time goes."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    cdp = page.context.new_cdp_session(page)
    if slowdown > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
    open_player(page, url, timeout=120_000)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 200})
    cdp.send("Profiler.start")
    play_and_measure(page, 10_000, timeout=120_000)
    data = cdp.send("Profiler.stop")["profile"]
    nodes = {n["id"]: n["callFrame"] for n in data["nodes"]}
    spent = collections.Counter()
    for sample, dt in zip(data["samples"], data["timeDeltas"]):
        frame = nodes[sample]
        spent[f"{frame['functionName'] or '(anonymous)'} {frame['url'].rsplit('/', 1)[-1]}"] += dt
    total = sum(spent.values())
    print(f"\nWhere the time goes while playing (CPU {slowdown:g}x; '(program)' is the browser's own "
          "layout, paint and compositing):")
    for name, micros in spent.most_common(top):
        print(f"  {micros / 1000:8.0f} ms {100 * micros / total:5.1f}%  {name}")
    page.close()


def summary(label: str, results: list[dict]) -> dict:
    medians = {k: statistics.median(r[k] for r in results) for k in FIGURES}
    print(f"{label:<22} " + "  ".join(f"{medians[k]:7.1f}" for k in FIGURES))
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="playbacks at each speed (fresh pages)")
    parser.add_argument("--cpu-slowdown", type=float, default=4, help="a slow laptop: CPU N times slower")
    parser.add_argument("--profile", action="store_true", help="also print where a frame's time goes")
    options = parser.parse_args()

    spec = run_spec(train(Config(), record=True))
    sent = envelope({"run": spec, "ghost": None})
    print(f"payload: {len(sent):,} bytes for {spec['frames']:,} frames of float64 "
          f"({len(spec['data']):,} of them the packed frames)")
    with start_app(ROOT / "app.py") as url, chromium() as browser:
        measure(browser, url, 1, 1)  # warm the server and the browser's cache
        fast = measure(browser, url, 1, options.runs)
        slow = measure(browser, url, options.cpu_slowdown, options.runs)
        print(f"\nmedians of {options.runs} playbacks: per second (readouts, error curve, map, 3D view), "
              "longest gap between readout updates (ms), seconds to epoch 10,000")
        print(f"{'':<22} " + "  ".join(f"{k.split('_')[0][:7]:>7}" for k in FIGURES))
        summary("unthrottled", fast)
        summary(f"CPU {options.cpu_slowdown:g}x slower", slow)
        if options.profile:
            profile(browser, url, options.cpu_slowdown)


if __name__ == "__main__":
    main()
