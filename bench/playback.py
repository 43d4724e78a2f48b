"""How smoothly the player plays a run back in headless Chromium.

    python bench/playback.py [--runs 3]

Starts the app (app.py: the playground page), plays the notebook's 10,000-epoch
run and prints: visible readout updates and chart redraws per second while
playing (the output map, painted while it plays, and the 3D surface counted
separately), seconds from Play to epoch 10,000 (1× aims at about 3 s), and the
size of the run as sent to the browser. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from harness import chromium, start_app  # noqa: E402
from player_page import open_player, play_and_measure  # noqa: E402

from playground.player import payload  # noqa: E402
from tinynet import Config, train  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="playbacks to measure (each in a fresh page)")
    runs = parser.parse_args().runs

    run = train(Config(), record=True)
    args = payload(run)
    print(f"payload: {len(json.dumps(args)):,} bytes of JSON for {args['frames']:,} frames "
          f"({len(args['mse']) + len(args['params']):,} of them base64 float32)")

    with start_app(ROOT / "app.py") as url, chromium() as browser:
        for i in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            open_player(page, url)
            figures = play_and_measure(page, run.epoch)
            print(f"run {i + 1}: {figures['seconds_to_end']:.2f} s from Play to epoch {run.epoch:,}, "
                  f"{figures['readout_updates_per_s']:.1f} readout updates/s, "
                  f"{figures['chart_redraws_per_s']:.1f} output-map redraws/s, "
                  f"{figures['surface3d_redraws_per_s']:.1f} 3D surface redraws/s")
            page.close()


if __name__ == "__main__":
    main()
