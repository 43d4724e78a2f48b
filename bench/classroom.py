"""Thirty students at once: the real server on loopback, students emulated over
Streamlit's websocket protocol (bench/st_client.py).

    python -m bench.classroom            # 1 alone, 30 for a minute, 60 briefly, one real browser
    python -m bench.classroom --quick    # a short smoke run

Each student opens the teacher's link (all within 10 s), then keeps changing the
learning rate and pressing Play: as in the browser, Play starts playback in the
page and sends the server nothing; the page sends the player's value ({epoch,
playing, run_id, event}, see playground/player/player.js) on Pause, at the end
of playback, and in reply to a changed rate ("branch": the server asks where the
page is before carrying on). Every message is a rerun of the script: we time
each from sending to script_finished. Prints a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import math
import os
import random
import statistics
import sys
import time
import urllib.request
import zlib
from collections import defaultdict
from pathlib import Path

from bench.st_client import FINISHED, Reply, Student, double, json_value
from playground.player import SECONDS_PER_RUN, frames_of, unpack
from tinynet import Config, train

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # harness: one way to start servers and Chromium
from harness import chromium, serve  # noqa: E402

LINK = "lr=0.5&epochs=10000"  # the teacher's link
LINK_LR = 0.5
RATES = (0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0)
TICK = os.sysconf("SC_CLK_TCK")


# ---- the server and its process figures ----

def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


# ---- checking what arrived ----

def run_lr(args: dict) -> float:
    """The learning rate the run on show ends with (a spliced run has more than one)."""
    return args["run"]["segments"][-1]["lr"]


def check_run(args: dict, lr: float) -> str | None:
    """Why this player payload is not a whole run at this learning rate, or None."""
    run = args["run"]
    if run_lr(args) != lr:
        return f"run lr {run_lr(args)} != {lr}"
    if run["reached"] != run["epochs"] and run["diverged_at"] is None:
        return f"run stops at {run['reached']} of {run['epochs']} epochs"
    if run["frames"] != len(frames_of(run["reached"])[1]):
        return f"{run['frames']} frames for {run['reached']} epochs"
    try:
        frames = unpack(run)
    except (ValueError, zlib.error) as error:
        return f"truncated: {error}"
    if frames.shape != (run["frames"], run["P"] + 1):
        return f"truncated: {frames.shape} numbers for {run['frames']} frames"
    return None


def final_mse(args: dict) -> float:
    return float(unpack(args["run"])[-1, 0])


# ---- one student ----

class Tally:
    def __init__(self):
        self.seconds = defaultdict(list)
        self.errors: list[str] = []
        self.runs_checked = 0
        self.reruns = 0
        self.bytes = 0

    def add(self, kind: str, reply: Reply, lr: float | None) -> dict:
        """Count one rerun; check its payload is a whole run (at learning rate `lr`, if given)."""
        self.reruns += 1
        self.bytes += reply.bytes
        self.seconds[kind].append(reply.seconds)
        self.errors += [f"{kind}: {e}" for e in reply.exceptions + reply.alerts]
        if reply.status not in FINISHED:
            self.errors.append(f"{kind}: script finished with status {reply.status}")
        (args,) = reply.components.values()
        why = check_run(args, run_lr(args) if lr is None else lr)
        self.runs_checked += 1
        if why:
            self.errors.append(f"{kind}: {why}")
        return args


async def student(url: str, tally: Tally, start_in: float, seconds: float, seed: int,
                  opens: list | None = None) -> None:
    """Open the link after start_in s; then change the rate and press Play for `seconds`."""
    rng = random.Random(seed)
    await asyncio.sleep(start_in)
    try:
        async with Student(url) as me:
            reply = await me.rerun(query=LINK)
            lr, lr_id = LINK_LR, reply.widget("lr")
            args = tally.add("open", reply, lr)
            (player_id,) = reply.components
            if opens is not None:
                opens.append(args)
            until = time.monotonic() + seconds
            clock = {"epoch": 0, "since": None}  # playback in the "browser"

            def epoch_now():
                if clock["since"] is None:
                    return clock["epoch"]
                rate = max(args["run"]["reached"], 1) / SECONDS_PER_RUN
                return min(int(clock["epoch"] + (time.monotonic() - clock["since"]) * rate),
                           args["run"]["reached"])

            reports = {"seq": 0, "answered": None}  # every report carries the last answer (player.js)

            def value(event: str) -> str:
                reports["seq"] += 1
                return json_value({"value": {
                    "epoch": epoch_now(), "playing": clock["since"] is not None, "run_id": args["run"]["id"],
                    "event": event, "seq": reports["seq"], "answered": reports["answered"]}})

            fragment = {"player": reply.fragments.get(player_id, "")}  # the player's fragment, as drawn

            async def tell(event: str, kind: str):
                nonlocal args  # a report reruns the player's fragment only, as in a browser
                args = await answer(kind, await me.rerun(widgets={player_id: value(event)},
                                                         fragment=fragment["player"]))

            async def answer(kind: str, reply: Reply) -> dict:
                # after a change the old run stays until the page says where it is (a branch)
                new = tally.add(kind, reply, None if kind.startswith("change") else lr)
                if new["run"]["id"] != args["run"]["id"]:  # a new run: a splice plays on, else it waits
                    playing = clock["since"] is not None and new["run"]["spliced_from"] == args["run"]["id"]
                    clock.update(epoch=new["start_epoch"], since=time.monotonic() if playing else None)
                if new["branch"] and new["branch"] != (reports["answered"] or {}).get("id"):
                    reports["answered"] = {"id": new["branch"], "epoch": epoch_now()}  # answered at once
                    reply = await me.rerun(widgets={player_id: value("branch")}, fragment=fragment["player"])
                    return await answer("branch reply", reply)
                return new

            while time.monotonic() < until:
                await asyncio.sleep(rng.uniform(0.5, 1.5))  # think
                lr = rng.choice([r for r in RATES if r != lr])
                kind = "change lr (playing)" if clock["since"] is not None else "change lr"
                sent = time.perf_counter()
                args = await answer(kind, await me.rerun(widgets={lr_id: double(lr)}))
                tally.seconds["change lr, until its run"].append(time.perf_counter() - sent)
                if run_lr(args) != lr:
                    tally.errors.append(f"{kind}: the run shown has lr {run_lr(args)}, not {lr}")
                if clock["since"] is None:  # press Play: the page plays; the server hears nothing
                    if epoch_now() >= args["run"]["reached"]:
                        clock["epoch"] = 0  # Play at the end starts over
                    clock["since"] = time.monotonic()
                reached = args["run"]["reached"]
                left = (reached - epoch_now()) / max(reached, 1) * SECONDS_PER_RUN
                watch = rng.uniform(0.5, 4.0)
                await asyncio.sleep(min(watch, left))
                if watch >= left:  # playback reached the end: the page tells the server
                    clock.update(epoch=reached, since=None)
                    await tell("end", "end of Play")
                elif rng.random() < 0.5:  # Pause mid-run; else the next change comes while playing
                    clock.update(epoch=epoch_now(), since=None)
                    await tell("pause", "pause")
    except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the class
        tally.errors.append(f"{type(error).__name__}: {error}")


async def classroom(url: str, students: int, seconds: float, arrive: float, opens=None) -> Tally:
    tally = Tally()
    spread = arrive / max(students - 1, 1)
    await asyncio.gather(*(student(url, tally, spread * i, seconds, seed=i, opens=opens)
                           for i in range(students)))
    return tally


# ---- the phases ----

def phase(url: str, pid: int, students: int, seconds: float, arrive: float) -> dict:
    opens: list = []
    rss0, cpu0, t0 = rss_mb(pid), cpu_seconds(pid), time.monotonic()
    mine0 = time.process_time()  # this client's own CPU: it shares the 2 cores with the server
    peak = {"rss": rss0}

    async def run():
        async def watch_rss():
            while True:
                peak["rss"] = max(peak["rss"], rss_mb(pid))
                if len(opens) == students:
                    peak.setdefault("all_open", rss_mb(pid))
                await asyncio.sleep(0.2)
        watcher = asyncio.create_task(watch_rss())
        try:
            return await classroom(url, students, seconds, arrive, opens)
        finally:
            watcher.cancel()

    tally = asyncio.run(run())
    wall, cpu, mine = time.monotonic() - t0, cpu_seconds(pid) - cpu0, time.process_time() - mine0
    reference = train(Config(lr=LINK_LR)).losses[-1]  # computed here, not by the server
    wrong = sum(final_mse(a) != reference for a in opens)
    if wrong:
        tally.errors.append(f"{wrong} opened runs differ from tinynet's final MSE {reference}")
    return {"students": students, "tally": tally, "wall": wall, "cpu": cpu, "client_cpu": mine,
            "load": os.getloadavg()[0], "rss_before": rss0,
            "rss_all_open": peak.get("all_open", peak["rss"]), "rss_peak": peak["rss"],
            "rss_after": rss_mb(pid)}


def browser_check(url: str) -> dict:
    """One real Chromium: time its open and the end of its Play from the websocket frames it
    sends and receives (the same send -> script_finished measure), check that it sends
    nothing while playing, and list the files it fetches over HTTP (the emulated students
    fetch them too, in the assets phase)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    frames = []  # (timestamp, "sent"|"received", bytes), timed by Chromium itself (CDP)

    def on_frame(way):
        def record(event):
            response = event["response"]
            if response["opcode"] == 2:  # binary: a protobuf
                frames.append((event["timestamp"], way, base64.b64decode(response["payloadData"])))
        return record

    def rerun_times():
        out, start = [], None
        for t, way, data in sorted(frames, key=lambda f: f[0]):
            if way == "sent" and BackMsg.FromString(data).WhichOneof("type") == "rerun_script":
                start = (t, BackMsg.FromString(data))
            elif way == "received" and start and ForwardMsg.FromString(data).HasField("script_finished"):
                out.append((t - start[0], start[1]))
                start = None
        return out

    files = {}  # same-origin path -> bytes, as the browser fetched them

    def on_response(response):
        path = response.url.removeprefix(url)
        if response.url.startswith(url) and response.request.method == "GET" and "_stcore" not in path:
            files[path] = int(response.headers.get("content-length") or 0)

    with chromium() as browser:
        page = browser.new_page()
        page.on("response", on_response)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.webSocketFrameSent", on_frame("sent"))
        cdp.on("Network.webSocketFrameReceived", on_frame("received"))
        page.goto(f"{url}/?{LINK}")
        page.locator("#surface-chart[data-frame]").first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        before = len(rerun_times())
        page.get_by_role("button", name="Play", exact=True).click()

        def ends():
            times = rerun_times()
            # the player's state is {"value": what it reported}
            values = [[json.loads(w.json_value).get("value") or {}
                       for w in m.rerun_script.widget_states.widgets if w.json_value] for _, m in times]
            return times, [(s, v[0]) for (s, _), v in zip(times, values) if v and v[0].get("event") == "end"]

        for _ in range(80):  # until the page has played to the end and told the server (at most 20 s)
            page.wait_for_timeout(250)
            if ends()[1]:
                break
    times, play = ends()
    sent_while_playing = len(times) - before - len(play)
    play_keys = sorted(play[-1][1]) if play else None
    return {"open": times[0][0] if times else None, "end": play[-1][0] if play else None,
            "reruns": len(times), "end_value_keys": play_keys, "sent_while_playing": sent_while_playing,
            "files": files}


def assets_phase(url: str, pid: int, paths: list[str], students: int) -> dict:
    """`students` browsers fetching the page's files at once (first visit: no cache);
    seconds for each student to get them all, one connection each."""
    def fetch_all() -> tuple[float, int]:
        start, size = time.perf_counter(), 0
        for path in paths:
            with urllib.request.urlopen(url + path, timeout=120) as reply:
                size += len(reply.read())
        return time.perf_counter() - start, size

    async def run():
        return await asyncio.gather(*(asyncio.to_thread(fetch_all) for _ in range(students)))

    cpu0 = cpu_seconds(pid)
    results = asyncio.run(run())
    return {"students": students, "seconds": [r[0] for r in results], "bytes": results[0][1],
            "cpu": cpu_seconds(pid) - cpu0}


# ---- the report ----

def quantiles(values):
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def report(results: list[dict], idle: float, browser: dict | None, assets: list[dict]) -> None:
    kinds = ["open", "change lr", "change lr (playing)", "branch reply", "change lr, until its run",
             "end of Play", "pause"]
    print("\nServer response time, rerun sent -> script_finished (ms): median / 95th percentile / max (n)")
    header = f"{'interaction':<22}" + "".join(f"{str(r['students']) + ' student(s)':>28}" for r in results)
    print(header)
    for kind in kinds:
        cells = []
        for r in results:
            s = r["tally"].seconds.get(kind, [])
            if s:
                med, p95 = quantiles(s)
                cells.append(f"{med * 1e3:6.0f} / {p95 * 1e3:5.0f} / {max(s) * 1e3:5.0f} ({len(s):4d})")
            else:
                cells.append("-")
        print(f"{kind:<22}" + "".join(f"{c:>28}" for c in cells))
    cells = []
    for r in results:
        every = [x for k, v in r["tally"].seconds.items() if "until" not in k for x in v]
        med, p95 = quantiles(every)
        cells.append(f"{med * 1e3:6.0f} / {p95 * 1e3:5.0f} / {max(every) * 1e3:5.0f} ({len(every):4d})")
    print(f"{'all interactions':<22}" + "".join(f"{c:>28}" for c in cells))
    print("\nPer phase")
    for r in results:
        t = r["tally"]
        growth = (r["rss_all_open"] - r["rss_before"]) / r["students"]
        whole = t.runs_checked - sum("frames" in e or "truncated" in e for e in t.errors)
        peak = (r["rss_peak"] - r["rss_before"]) / r["students"]
        print(f"  {r['students']:>2} student(s): {t.reruns} reruns in {r['wall']:.0f} s "
              f"({t.reruns / r['wall']:.1f}/s), errors {len(t.errors)}, runs checked whole {whole}/"
              f"{t.runs_checked}, {t.bytes / 1e6:.0f} MB sent; server CPU {r['cpu']:.1f} s = "
              f"{100 * r['cpu'] / r['wall']:.0f}% of one core, {1e3 * r['cpu'] / max(t.reruns, 1):.0f} ms a "
              f"rerun; RSS {r['rss_before']:.0f} -> {r['rss_all_open']:.0f} MB all open "
              f"({growth:+.2f} MB/session), peak {r['rss_peak']:.0f} ({peak:+.2f} MB/session), after "
              f"{r['rss_after']:.0f}; this client's CPU {100 * r['client_cpu'] / r['wall']:.0f}% of a core, "
              f"machine load average {r['load']:.1f}")
        for error in t.errors[:5]:
            print(f"      error: {error}")
    print(f"\nServer RSS at idle (after one warm-up student): {idle:.0f} MB")
    if browser and browser["open"] and browser["end"]:
        print(f"Real Chromium, same link (send -> script_finished, from its websocket frames): open "
              f"{browser['open'] * 1e3:.0f} ms, end of Play {browser['end'] * 1e3:.0f} ms; reruns sent while "
              f"playing: {browser['sent_while_playing']}; its value has keys {browser['end_value_keys']}")
    elif browser:
        print(f"Real Chromium: no end of Play seen ({browser})")
    for a in assets:
        med, p95 = quantiles(a["seconds"])
        print(f"Page files a browser fetches on its first visit ({len(browser['files'])} files, "
              f"{a['bytes'] / 1e6:.1f} MB): {a['students']} student(s) at once get them in median "
              f"{med * 1e3:.0f} ms, p95 {p95 * 1e3:.0f} ms; server CPU {a['cpu']:.1f} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 and 6 students for 10 s: a smoke run")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--overload", type=int, default=60,
                        help="students in the brief overload phase (0: skip)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--class-live", action="store_true", help="then Class Live: --students in one "
                        "room posting while the teacher's board refreshes, in-process and on Redis "
                        "(bench/class_live.py)")
    options = parser.parse_args(argv)
    if options.quick:
        options.students, options.seconds, options.overload = 3, 10, 6
    with serve("app.py") as (url, pid):
        warm = phase(url, pid, 1, 3, 0)  # first run: imports, plotly.js copied
        time.sleep(2)
        idle = rss_mb(pid)
        results, assets = [phase(url, pid, 1, min(20, options.seconds), 0)], []
        browser = None if options.no_browser else browser_check(url)
        if browser:
            paths = sorted(browser["files"])
            assets = [assets_phase(url, pid, paths, n) for n in (1, options.students)]
        results.append(phase(url, pid, options.students, options.seconds, 10))
        if options.overload:
            results.append(phase(url, pid, options.overload, min(20, options.seconds), 10))
        after = phase(url, pid, 1, 2, 0)  # recovered?
        results[0]["tally"].errors += warm["tally"].errors + after["tally"].errors
    report(results, idle, browser, assets)
    print(f"After the phases, one student opened in {after['tally'].seconds['open'][0] * 1e3:.0f} ms.")
    if options.class_live:
        from bench import class_live
        class_live.run(options.students, options.seconds, browser=not options.no_browser)


if __name__ == "__main__":
    main()
