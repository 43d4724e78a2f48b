"""What one link costs the server, page by page: the worst link the app's validation
lets through beside the default link, in server CPU seconds, in one run.

    python -m bench.pages

Starts `streamlit run app.py` and opens each page with each link as a new browser tab
would, over Streamlit's own websocket protocol (bench/st_client.py), reading the
server process's CPU time (/proc) before the link is sent and after its script has
finished. Every link opens a new session, and each page's links have their bias nudged
by the page's own k * 2**-30 so that no page finds another's runs in the server's
caches (the nudge changes no cost); within a page, links a few epochs apart may share
what the page remembers, as they do for a class. Beside each figure: the estimate of
the pages' cost model (playground/teach.py) for the training the page does (and the
landscape's maps). Then two tabs open a new costly sweep at once: one computes, the
other is told the server is busy and waits. Prints figures and the load average;
asserts nothing.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from streamlit.util import calc_hash

from bench.classroom import cpu_seconds
from bench.st_client import Reply, Student
from playground import teach
from playground.session import APP_MAX_EPOCHS, APP_MAX_HIDDEN, APP_MAX_HIDDEN_EPOCHS, APP_MAX_INPUT
from tinynet import Config, to_strings
from tinynet.config import MAX_ROWS

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from harness import serve  # noqa: E402

# The most rows, each far out at -1e6 and wanting 1: z = -2e6 makes exp(-z) overflow on
# every row of every epoch (the single neuron's slowest path) and the neuron never moves.
FAR = Config(inputs=((-APP_MAX_INPUT, -APP_MAX_INPUT),) * MAX_ROWS, targets=(1.0,) * MAX_ROWS,
             w1=1.0, w2=1.0, gradient="exact")
SPREAD = Config(inputs=tuple((float(i % 8), float(i // 8)) for i in range(MAX_ROWS)),
                targets=tuple(float(i % 2) for i in range(MAX_ROWS)))


def neuron_runs(setup: Config, runs: int) -> float:
    """The one-neuron pages' training: `runs` runs of the epochs single_neuron keeps (it
    prices two, and the landscape's maps)."""
    neuron = setup.replace(hidden=0)
    kept = teach.affordable_epochs(neuron, 2, teach.PAGE_SECONDS - teach.drawing_seconds(neuron))
    return runs * teach.training_seconds(neuron.replace(epochs=kept))


@dataclass
class Page:
    title: str
    path: str  # the page's url path ("" for the default page)
    estimate: Callable[[Config], float]  # the cost model's seconds for what this page trains
    worst: dict  # name -> setup: the costliest links validation lets through


PAGES = [
    Page("Playground", "", teach.training_seconds, {
        f"64 far rows, {APP_MAX_EPOCHS:,} epochs": FAR.replace(epochs=APP_MAX_EPOCHS)}),
    Page("One step by hand", "step_by_step", lambda s: neuron_runs(s, 1), {
        f"64 far rows, {APP_MAX_EPOCHS:,} epochs": FAR.replace(epochs=APP_MAX_EPOCHS)}),
    Page("Loss landscape", "landscape", lambda s: neuron_runs(s, 2) + teach.drawing_seconds(s), {
        f"64 far rows, {APP_MAX_EPOCHS:,} epochs": FAR.replace(epochs=APP_MAX_EPOCHS)}),
    Page("Hidden layer", "hidden_layer",
         lambda s: teach.training_seconds(s) + teach.training_seconds(s.replace(hidden=0)), {
             f"64 rows, {APP_MAX_HIDDEN} hidden, {APP_MAX_HIDDEN_EPOCHS:,} epochs":
                 SPREAD.replace(hidden=APP_MAX_HIDDEN, epochs=APP_MAX_HIDDEN_EPOCHS),
             f"64 far rows, {APP_MAX_HIDDEN} hidden, {APP_MAX_HIDDEN_EPOCHS:,} epochs":
                 FAR.replace(hidden=APP_MAX_HIDDEN, epochs=APP_MAX_HIDDEN_EPOCHS)}),
    Page("Learning-rate sweep", "sweep", lambda s: teach.sweep_size(s).seconds(s), {
        "64 rows, 8 hidden, 10,000 epochs (issue #11)": SPREAD.replace(hidden=8, epochs=10_000),
        "64 rows, 8 hidden, 9,999 epochs (one epoch less)": SPREAD.replace(hidden=8, epochs=9_999),
        f"64 far rows, {APP_MAX_EPOCHS:,} epochs": FAR.replace(epochs=APP_MAX_EPOCHS),
        f"4 rows, 1 hidden, {APP_MAX_HIDDEN_EPOCHS:,} epochs": Config(hidden=1, epochs=APP_MAX_HIDDEN_EPOCHS),
    }),
]


def query(setup: Config, nudge: int) -> str:
    params = to_strings(setup.replace(bias=setup.bias + nudge * 2.0**-30))
    if not setup.hidden:  # as the app's own links: the single neuron needs neither
        del params["hidden"], params["seed"]
    return urlencode(params, safe=",;")


async def open_link(url: str, path: str, link: str) -> Reply:
    async with Student(url, timeout=300) as tab:
        tab.page_hash = calc_hash(path) if path else ""
        return await tab.rerun(query=link)


async def cost(url: str, pid: int, path: str, link: str) -> tuple[float, Reply]:
    before = cpu_seconds(pid)
    reply = await open_link(url, path, link)
    return cpu_seconds(pid) - before, reply


def said(reply: Reply) -> str:
    """What the page said it cut, shortened."""
    cut = [a for a in reply.alerts if "instead of" in a or "follows the first" in a or "is used instead" in a]
    return (cut[0][:150] + "…") if cut else ""


async def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    with serve(ROOT / "app.py") as (url, pid):
        for page in PAGES:  # imports and first-run work, on a setup nothing below uses
            await open_link(url, page.path, query(Config(epochs=1), 999))
        print(f"{'page':<21}{'link':<52}{'server CPU':>11}{'estimate':>10}  what the page said")
        for nudge, page in enumerate(PAGES, start=1):
            for name, setup in {"default": Config(), **page.worst}.items():
                seconds, reply = await cost(url, pid, page.path, query(setup, nudge))
                problems = reply.exceptions + [a for a in reply.alerts if "Link:" in a]
                print(f"{page.title:<21}{name:<52}{seconds:>9.2f} s{page.estimate(setup):>8.2f} s  "
                      f"{said(reply)}{'  PROBLEM: ' + '; '.join(problems) if problems else ''}")
        flipped = tuple(1.0 - t for t in SPREAD.targets)  # a sweep no link above has asked for
        worst = query(SPREAD.replace(targets=flipped, hidden=8, epochs=10_000), 0)
        before = cpu_seconds(pid)
        replies = await asyncio.gather(*(open_link(url, "sweep", worst) for _ in range(2)))
        print(f"\ntwo tabs open the worst sweep (a new one) at once: {cpu_seconds(pid) - before:.2f} s of "
              f"server CPU in all; replies after {', '.join(f'{r.seconds:.2f} s' for r in replies)}; "
              f"told the server was busy: {[teach.BUSY in r.alerts for r in replies]}")
    print(f"load average after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
