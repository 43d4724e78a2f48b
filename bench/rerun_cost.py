"""Server CPU of each kind of rerun, one at a time, beside Streamlit's own floor.

    python -m bench.rerun_cost [--repeats 30]

`repeats` emulated students (bench/st_client.py) each do one interaction, one after
another, and the server process's CPU (utime + stime from /proc) is read before and after
the batch, so every millisecond is that kind of rerun's. Then the same for a page
that does almost nothing (bench/apps/floor.py): a one-line page's full rerun, and a
fragment's rerun. The floor is what any Streamlit page pays for a rerun, the bound on
what work in the app can save. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os

from bench.classroom import LINK, ROOT, Tally, cpu_seconds, serve
from bench.st_client import Student, WidgetState, double, json_value


async def batch(pid: int, actions) -> float:
    """Server CPU (ms) a rerun over a batch of awaited actions, one after another: the
    kernel counts CPU in 10 ms ticks, so one rerun alone cannot be timed; a batch can."""
    await asyncio.sleep(0.2)  # let the last rerun's tail (sending, cleanup) finish
    before = cpu_seconds(pid)
    for action in actions:
        await action()
    await asyncio.sleep(0.2)
    return 1000 * (cpu_seconds(pid) - before) / len(actions)


class Tab:
    """One student's tab on the playground, as bench/classroom.py's students do it."""

    def __init__(self, me: Student, tally: Tally, rate: float):
        self.me, self.tally, self.rate, self.seq = me, tally, rate, 0

    async def open(self):
        reply = await self.me.rerun(query=LINK)
        self.args = self.tally.add("open", reply, None)
        (self.player,) = reply.components
        self.fragment = reply.fragments.get(self.player, "")
        self.lr = reply.widget("lr")

    async def report(self, event: str, epoch: int, answered=None):
        self.seq += 1
        value = json_value({"value": {"epoch": epoch, "playing": False, "run_id": self.args["run"]["id"],
                                      "event": event, "seq": self.seq, "answered": answered}})
        reply = await self.me.rerun(widgets={self.player: value}, fragment=self.fragment)
        self.args = self.tally.add(event, reply, None)

    async def change(self):  # a rate no one asked for before: the server trains it
        self.args = self.tally.add("change", await self.me.rerun(widgets={self.lr: double(self.rate)}), None)

    async def answer(self):  # the server asked where the student is (the change was mid-run)
        await self.report("branch", 5_000, {"id": self.args["branch"], "epoch": 5_000})


async def app_costs(url: str, pid: int, repeats: int, first_rate: float) -> dict[str, float]:
    tally = Tally()
    students = [Student(url) for _ in range(repeats)]
    for me in students:
        await me.__aenter__()
    tabs = [Tab(me, tally, first_rate + 0.001 * i) for i, me in enumerate(students)]
    try:
        costs = {
            "open the link (full page)": await batch(pid, [t.open for t in tabs]),
            "pause (fragment)": await batch(pid, [lambda t=t: t.report("pause", 5_000) for t in tabs]),
            "change lr mid-run (full page, asks where)": await batch(pid, [t.change for t in tabs]),
        }
        if not all(t.args["branch"] for t in tabs):
            raise SystemExit("a change mid-run did not ask where the student is")
        costs["branch reply (fragment, trains on from there)"] = await batch(pid, [t.answer for t in tabs])
        costs["end of Play (fragment)"] = await batch(
            pid, [lambda t=t: t.report("end", t.args["run"]["reached"]) for t in tabs])
    finally:
        for me in students:
            await me.__aexit__(None, None, None)
    if tally.errors:
        raise SystemExit(f"errors: {tally.errors[:5]}")
    return costs


async def floor_costs(url: str, pid: int, repeats: int) -> dict[str, float]:
    async with Student(url) as me:
        reply = await me.rerun()
        button = reply.widget("press")
        fragment = reply.fragments[button]
        press = lambda: me.rerun(widgets={button: WidgetState(trigger_value=True)}, fragment=fragment)  # noqa: E731
        return {"floor: a one-line page's full rerun": await batch(pid, [me.rerun] * repeats),
                "floor: a fragment's rerun (a button in it)": await batch(pid, [press] * repeats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    repeats = parser.parse_args().repeats
    rows = {}
    with serve(ROOT / "app.py") as (url, pid):
        asyncio.run(app_costs(url, pid, 3, 0.9))  # warm up: imports, the first run, caches
        rows |= asyncio.run(app_costs(url, pid, repeats, 0.3))
    with serve(ROOT / "bench" / "apps" / "floor.py") as (url, pid):
        asyncio.run(floor_costs(url, pid, 3))
        rows |= asyncio.run(floor_costs(url, pid, repeats))
    print(f"server CPU a rerun, ms (mean of {repeats} reruns one after another; load average "
          f"{os.getloadavg()[0]:.1f})")
    for name, ms in rows.items():
        print(f"  {name:<46} {ms:6.1f}")


if __name__ == "__main__":
    main()
