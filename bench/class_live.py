"""Class Live with a whole class: thirty students in one room posting their runs while
the teacher's board refreshes itself, on the real server over loopback.

    python -m bench.class_live             # in-process store, then Redis: 30 students, 60 s each
    python -m bench.class_live --quick     # 5 students for 15 s
    python -m bench.classroom --class-live # after the classroom's own phases

Each person is a client speaking Streamlit's websocket protocol (bench/st_client.py),
doing what the browser does: the teacher opens the Class page, presses Start and then
sends the board's fragment rerun every 2 s; each student opens the join link, types a
name, presses Join, and then keeps picking a learning rate, "playing" it (the page
plays; the server hears nothing) and reporting the end of Play (a fragment rerun of
the player: the server posts the run), while the light check's fragment reruns every
3 s. Midway the teacher pauses everyone and lets them go again.

Every rerun is timed from sending to script_finished. At the end the board must hold
every student's last run with the MSE tinynet computes (here, in the benchmark).
Prints a table; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import time
import tracemalloc
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.classroom import TICK, cpu_seconds, quantiles, rss_mb
from bench.st_client import Reply, Student, double, json_value
from playground.classlive import MemoryStore
from playground.classlive.from_run import summary_of
from playground.classlive.ui.student import CHECK_SECONDS, HELD
from playground.classlive.ui.teacher import BOARD_SECONDS
from tinynet import Config, train

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # harness: one way to start servers
sys.path.insert(0, str(ROOT / "tests"))  # redis_server: a throwaway redis-server
from harness import chromium, serve  # noqa: E402
from redis_server import redis_server  # noqa: E402

LESSON = Config(lr=0.5, gradient="exact", epochs=2_000)
RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
PLAY_SECONDS = (1.0, 3.0)  # how long a "Play" lasts before the page reports its end (or a Pause)
PAUSED_MID_RUN = 0.3  # of the Plays, those paused before the end
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


# ---- one browser tab, seen whole ----

class Wire:
    """The tab's websocket, tapped: keeps what arrives, and stamps the next rerun it
    sends with ClientState fields the plain client does not set (a fragment's id, a page)."""

    def __init__(self, ws):
        self.ws, self.received, self.stamp = ws, [], {}

    async def send(self, data: bytes) -> None:
        if self.stamp:
            msg = BackMsg.FromString(data)
            for name, value in self.stamp.items():
                setattr(msg.rerun_script, name, value)
            data, self.stamp = msg.SerializeToString(), {}
        await self.ws.send(data)

    async def recv(self):
        data = await self.ws.recv()
        self.received.append(data)
        return data

    async def close(self) -> None:
        await self.ws.close()


@dataclass
class Seen:
    """What the last script run of a rerun drew (a switch of page finishes one run early
    and starts another: only the last counts), beyond st_client's Reply."""

    reply: Reply
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page hash
    fragments: dict[str, str] = field(default_factory=dict)  # "auto" (run_every) or "player" -> id
    widgets: dict[str, str] = field(default_factory=dict)  # key -> widget id

    @property
    def player(self) -> dict | None:
        """The player's arguments (its run, held, branch...), when the run drew it (st_client
        has read them; a Join's first run, on the Class page, draws no player)."""
        return next(iter(self.reply.components.values()), None)
    texts: list[str] = field(default_factory=list)  # markdown and code
    charts: list[dict] = field(default_factory=list)  # Plotly specs
    tables: list[bytes] = field(default_factory=list)  # dataframes, as Arrow

    def widget(self, key: str) -> str:
        return self.widgets[key]


class Tab(Student):
    """A Student whose reruns can be a fragment's, whose first run can open a page by
    its path, and whose replies are read whole (Seen)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.lock = asyncio.Lock()  # one run at a time, as a browser tab does

    async def __aenter__(self):
        await super().__aenter__()
        self.ws = Wire(self.ws)
        return self

    async def run(self, widgets=None, fragment: str = "", page: str = "", query: str = "") -> Seen:
        async with self.lock:
            self.ws.received.clear()
            stamp = {"fragment_id": fragment, "is_auto_rerun": bool(fragment)} if fragment else {}
            self.ws.stamp = {**stamp, **({"page_name": page} if page else {})}
            reply = await self.rerun(query, widgets)
            return self._seen(reply)

    async def click(self, widget: str, fragment: str = "", also: dict | None = None) -> Seen:
        """Press a button (a browser sends its trigger once, then forgets it), with the
        values of other widgets (`also`: a form's fields)."""
        seen = await self.run({widget: WidgetState(trigger_value=True), **(also or {})}, fragment)
        self.widgets.pop(widget, None)
        return seen

    def _seen(self, reply: Reply) -> Seen:
        seen = Seen(reply)
        for data in self.ws.received:
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                msg, kind = self.cache[msg.ref_hash], "delta"
            if kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                seen = Seen(reply, seen.pages)  # the run that follows draws the page
            elif kind == "navigation":
                seen.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "auto_rerun":
                seen.fragments["auto"] = msg.auto_rerun.fragment_id
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                widget = getattr(getattr(element, what), "id", "") if what else ""
                if isinstance(widget, str) and widget.startswith("$$ID-"):  # a keyed widget: ...-<key>
                    seen.widgets[widget.split("-", 2)[2]] = widget
                if what == "bidi_component":
                    seen.fragments["player"] = msg.delta.fragment_id
                elif what == "markdown":
                    seen.texts.append(element.markdown.body)
                elif what == "code":
                    seen.texts.append(element.code.code_text)
                elif what == "plotly_chart":
                    seen.charts.append(json.loads(element.plotly_chart.spec))
                elif what == "dataframe":
                    seen.tables.append(element.dataframe.arrow_data.data)
        return seen


# ---- the tally ----

@dataclass
class Tally:
    seconds: dict = field(default_factory=lambda: defaultdict(list))
    errors: list = field(default_factory=list)
    counts: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, seen: Seen) -> Seen:
        reply = seen.reply
        self.seconds[kind].append(reply.seconds)
        self.counts[kind] += 1
        self.errors += [f"{kind}: {e}" for e in reply.exceptions + reply.alerts]
        if reply.status not in FINISHED:
            self.errors.append(f"{kind}: script finished with status {reply.status}")
        return seen


@dataclass
class Clock:
    """What the class is doing, shared by everyone's coroutines."""

    checking: asyncio.Event = field(default_factory=asyncio.Event)  # the students' light checks run
    refreshing: asyncio.Event = field(default_factory=asyncio.Event)  # the teacher's board refreshes
    playing: asyncio.Event = field(default_factory=asyncio.Event)  # students pick rates and play
    play_started: float = 0.0  # when the class started playing
    paused_at: float | None = None  # when the teacher pressed Pause everyone
    reached: dict = field(default_factory=dict)  # student -> seconds from Pause to their held player
    last_post: dict = field(default_factory=dict)  # student name -> the learning rate of their last post
    joined: int = 0


# ---- the teacher ----

async def teacher(url: str, tally: Tally, clock: Clock, ready: asyncio.Future, stop: asyncio.Event,
                  pause_after: float, result: dict) -> None:
    async with Tab(url) as me:
        query = urlencode({"lr": LESSON.lr, "gradient": LESSON.gradient, "epochs": LESSON.epochs})
        opened = tally.add("teacher: open the Class page", await me.run(page="class", query=query))
        start = opened.widget("class_start")
        started = tally.add("teacher: Start a class", await me.click(start))
        links = {"." in t.split("join=")[1][:7]: t.split("?", 1)[1] for t in started.texts if "join=" in t}
        result["teacher_link"] = links[True]  # join=CODE.TOKEN: the private link
        ready.set_result(dict(parse_qsl(links[False])))
        result["code"] = dict(parse_qsl(links[False]))["join"]
        board = started.fragments["auto"]
        result["board_fragment"] = board
        paused = resumed = False
        while not stop.is_set():
            await asyncio.sleep(BOARD_SECONDS)
            await clock.refreshing.wait()
            refreshed = tally.add("teacher: board refresh", await me.run(fragment=board))
            result["last_board"] = refreshed
            if not paused and clock.playing.is_set() and time.monotonic() - clock.play_started > pause_after:
                pause = refreshed.widget("class_pause")
                clock.paused_at = time.monotonic()
                tally.add("teacher: Pause everyone", await me.click(pause, fragment=board))
                paused = True
            elif paused and not resumed and time.monotonic() - clock.paused_at > 3 * CHECK_SECONDS:
                tally.add("teacher: let everyone play", await me.click(refreshed.widget("class_pause"),
                                                                       fragment=board))
                clock.paused_at, resumed = None, True
        result["final_board"] = await me.run(fragment=board)


# ---- one student ----

def player_report(run: dict, event: str, epoch: int, seq: int, answered=None) -> WidgetState:
    """The player's value, as player.js sends it."""
    return json_value({"value": {"run_id": run["id"], "epoch": epoch, "playing": False, "event": event,
                                 "seq": seq, "answered": answered}})


async def student(url: str, name: str, link: dict, tally: Tally, clock: Clock, start_in: float,
                  stop: asyncio.Event, seed: int) -> None:
    rng = random.Random(seed)
    await asyncio.sleep(start_in)
    try:
        async with Tab(url) as me:
            opened = await me.run(page="class", query=urlencode(link))
            tally.add("student: open the join link", opened)
            form = {opened.widget("class_name"): WidgetState(string_value=name)}
            joined = await me.click(opened.widget("class_join_button"), also=form)
            tally.add("student: Join", joined)
            lr_field, player, fragments = joined.widget("lr"), joined.widget("player"), joined.fragments
            clock.joined += 1
            seq, held = 0, False

            async def check_loop():
                nonlocal held
                while not stop.is_set():
                    await asyncio.sleep(CHECK_SECONDS)
                    await clock.checking.wait()
                    seen("student: light check", await me.run(fragment=fragments["auto"]))

            def seen(kind: str, what: Seen) -> Seen:
                """Count the rerun; any that drew the player says whether it is held."""
                nonlocal held
                tally.add(kind, what)
                if what.player is not None:
                    held = what.player["held"] == HELD
                    if held and clock.paused_at is not None and name not in clock.reached:
                        clock.reached[name] = time.monotonic() - clock.paused_at
                return what

            checking = asyncio.create_task(check_loop())
            lr = LESSON.lr
            while not stop.is_set():
                await clock.playing.wait()
                await asyncio.sleep(rng.uniform(0.3, 1.0))  # think
                if held or stop.is_set():
                    continue
                lr = rng.choice([r for r in RATES if r != lr])
                changed = seen("student: change lr", await me.run({lr_field: double(lr)}))
                args = changed.player
                if args["branch"]:  # the server asks where the page is: at the start, so a new run from 0
                    seq += 1
                    answer = {"id": args["branch"], "epoch": 0}
                    answered = seen("student: branch reply", await me.run(
                        {player: player_report(args["run"], "branch", 0, seq, answer)}, fragments["player"]))
                    args = answered.player
                run = args["run"]
                if run["segments"][-1]["lr"] != lr or run["spliced_from"]:
                    tally.errors.append(f"{name}: the run on show is not a fresh run at {lr}")
                await asyncio.sleep(rng.uniform(*PLAY_SECONDS))  # the page plays; the server hears nothing
                if held:
                    continue  # the teacher paused: the player stopped, nothing reached the end
                seq += 1
                if rng.random() < PAUSED_MID_RUN:  # Pause mid-run: the board gets the MSE so far
                    event, epoch, kind = "pause", rng.randrange(1, run["reached"]), "student: Pause (posts)"
                else:
                    event, epoch, kind = "end", run["reached"], "student: end of Play (posts)"
                ended = seen(kind, await me.run({player: player_report(run, event, epoch, seq)},
                                                fragments["player"]))
                if any(f"Sent to your teacher's board: learning rate {lr:g} " in t for t in ended.texts):
                    clock.last_post[name] = (lr, epoch)
                else:
                    tally.errors.append(f"{name}: not posted: {[t for t in ended.texts if 'teacher' in t]}")
            await checking
    except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the class
        tally.errors.append(f"{name}: {type(error).__name__}: {error}")


# ---- one phase: a class on one server ----

def board_check(board: Seen, last_post: dict[str, tuple[float, int]]) -> tuple[int, list[str]]:
    """(runs on the board, problems): the table has every student's last post with the
    MSE tinynet computes, and the chart a point at each of them (and nothing else)."""
    table = convert_arrow_bytes_to_pandas_df(board.tables[0]).set_index("Student")
    expected = {name: (lr, epoch, train(LESSON.replace(lr=lr)).losses[epoch])
                for name, (lr, epoch) in last_post.items()}
    problems = [f"{name}: the table says {shown}, tinynet says {expected[name]}" for name, shown in
                ((n, tuple(table.loc[n, ["Learning rate", "Epoch", "MSE"]])) for n in expected)
                if shown != expected[name]]
    points = {(lr, mse) for trace in board.charts[0]["data"] if trace.get("customdata") is not None
              for lr, mse in zip(trace["x"], trace["y"])}
    if points != {(lr, mse) for lr, _, mse in expected.values()}:
        problems.append(f"the chart's points {sorted(points)} are not the runs posted")
    return int(table["MSE"].notna().sum()), problems


def class_phase(url: str, pid: int, students: int, seconds: float, arrive: float, windows: bool = True,
                screenshot: Path | None = None) -> dict:
    """A class: everyone joins (over `arrive` s), plays for `seconds` (the teacher pauses
    everyone at 40% of it), then two quiet windows measure the light checks alone and
    the board's refresh alone; the teacher's last board is checked against tinynet."""
    tally, clock = Tally(), Clock()
    figures: dict = {}

    async def lesson():
        stop, ready = asyncio.Event(), asyncio.get_running_loop().create_future()
        clock.refreshing.set()
        teaching = asyncio.create_task(teacher(url, tally, clock, ready, stop, seconds * 0.4, figures))
        link = await ready
        clock.checking.set()
        spread = arrive / max(students - 1, 1)
        names = [f"Learner {i + 1:02d}" for i in range(students)]
        everyone = asyncio.gather(*(student(url, name, link, tally, clock, spread * i, stop, seed=i)
                                    for i, name in enumerate(names)))
        while clock.joined < students and not everyone.done():
            await asyncio.sleep(0.2)
        figures["rss_joined"] = rss_mb(pid)
        cpu0, t0, mine0, busy0 = cpu_seconds(pid), time.monotonic(), time.process_time(), machine_busy()
        clock.play_started = time.monotonic()
        clock.playing.set()
        await asyncio.sleep(seconds)
        clock.playing.clear()
        figures["main"] = (cpu_seconds(pid) - cpu0, time.monotonic() - t0)
        figures["client"] = time.process_time() - mine0  # this emulation shares the 2 cores
        figures["others"] = machine_busy() - busy0 - figures["main"][0] - figures["client"]
        figures["rss_played"] = rss_mb(pid)
        await asyncio.sleep(max(PLAY_SECONDS) + 2)  # the last Plays end and post
        if windows:
            figures["checks"] = await quiet_window(pid, tally, clock, "student: light check")
            figures["board"] = await quiet_window(pid, tally, clock, "teacher: board refresh")
        clock.checking.set(), clock.refreshing.set()
        if screenshot:  # the board as a teacher's second screen shows it, the class still in the room
            await asyncio.to_thread(shoot_board, url, figures["teacher_link"], screenshot)
        stop.set()
        clock.playing.set()  # wakes the students waiting to play: they see the stop and leave
        await everyone
        await teaching

    rss0 = rss_mb(pid)
    asyncio.run(lesson())
    final = figures["final_board"]
    runs, problems = board_check(final, clock.last_post) if final.charts else (0, ["no board"])
    tally.errors += problems
    return {"students": students, "tally": tally, "figures": figures, "code": figures["code"],
            "rss_before": rss0, "runs": runs, "posted": len(clock.last_post), "reached": clock.reached,
            "load": os.getloadavg()[0]}


def machine_busy() -> float:
    """CPU seconds every process on the machine has used (all cores), from /proc/stat."""
    user, nice, system, idle, iowait, *rest = (int(v) for v in Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + sum(rest)) / TICK


async def quiet_window(pid: int, tally: Tally, clock: Clock, kind: str) -> tuple[float, float, int]:
    """Only the students' light checks, or only the teacher's board refreshing, for a few
    intervals: (server CPU seconds, wall seconds, reruns of that kind)."""
    clock.checking.clear(), clock.refreshing.clear()
    await asyncio.sleep(max(CHECK_SECONDS, BOARD_SECONDS) + 1)  # the reruns in flight finish
    before = tally.counts[kind]
    (clock.checking if kind.startswith("student") else clock.refreshing).set()
    cpu0, t0 = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(4 * max(CHECK_SECONDS, BOARD_SECONDS))
    return cpu_seconds(pid) - cpu0, time.monotonic() - t0, tally.counts[kind] - before


def shoot_board(url: str, teacher_link: str, path: Path) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 2000})
        page.goto(f"{url}/class?{teacher_link}")
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for(timeout=60_000)
        page.wait_for_timeout(2_500)  # Plotly settles
        page.screenshot(path=str(path))
    print(f"(the board, mid-lesson: {path.relative_to(ROOT)})")


def store_bytes_per_student(students: int) -> float:
    """What the in-process store itself keeps per student (name and summary), measured
    here on a class like the phase's (the server's RSS includes its sessions too)."""
    store = MemoryStore()
    run = train(LESSON, record=True)
    summary = summary_of(run, "end", run.epoch, LESSON)
    new = store.create({"lr": "0.5"}, caller="bench")
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(students):
        me = store.join(new.code, f"Learner {i + 1:02d}", caller=f"s{i}")
        store.post(new.code, me, summary, caller=f"s{i}")
    grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    return grown / students


def redis_bytes_per_student(redis_url: str, code: str, students: int) -> float:
    """What Redis keeps for the class's students (MEMORY USAGE of its keys, the room's own
    fields included; not the post counters, which expire within a minute)."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = [k for k in client.scan_iter(f"classlive:{{{code}}}:*") if not k.endswith(b":posts")]
    return sum(client.memory_usage(k) or 0 for k in keys) / students


# ---- the report ----

KINDS = ("student: open the join link", "student: Join", "student: change lr", "student: branch reply",
         "student: end of Play (posts)", "student: Pause (posts)", "student: light check",
         "teacher: open the Class page", "teacher: Start a class", "teacher: board refresh",
         "teacher: Pause everyone", "teacher: let everyone play")


def timing(values: list[float]) -> str:
    med, p95 = quantiles(values)
    return f"{med * 1e3:6.0f} / {p95 * 1e3:5.0f} / {max(values) * 1e3:5.0f} ({len(values)})"


def report(name: str, r: dict, store_bytes: float) -> None:
    t, f, n = r["tally"], r["figures"], r["students"]
    print(f"\n== Class Live, {name}: {n} students in one room (machine load average {r['load']:.1f}) ==")
    print(f"{'server response, rerun sent -> finished':<40}{'median / p95 / max ms (n)':>32}")
    for kind in KINDS:
        if t.seconds.get(kind):
            print(f"{kind:<40}{timing(t.seconds[kind]):>32}")
    print(f"{'every interaction':<40}{timing([v for k in KINDS for v in t.seconds.get(k, [])]):>32}")
    print(f"errors: {len(t.errors)}; the board at the end: {r['runs']} of {n} students' runs "
          f"({r['posted']} posted), each checked against tinynet's MSE")
    for error in t.errors[:8]:
        print(f"    error: {error}")
    reached = sorted(r["reached"].values())
    if reached:
        print(f"Pause everyone reached {len(reached)} of {n} players: median "
              f"{reached[len(reached) // 2]:.1f} s, the last {reached[-1]:.1f} s after the click")
    cpu, wall = f["main"]
    checks_cpu, checks_wall, checks = f["checks"]
    board_cpu, _, boards = f["board"]
    print(f"server CPU while the class played: {cpu / wall * 100:.0f}% of one core (this emulating client: "
          f"{f['client'] / wall * 100:.0f}%; the machine's other processes: "
          f"{f['others'] / wall * 100:.0f}% of one core, of {os.cpu_count()}). The light checks alone: "
          f"{checks_cpu / max(checks, 1) * 1e3:.1f} ms each, {checks_cpu / checks_wall * 100:.0f}% of a core "
          f"for the class ({checks} in {checks_wall:.0f} s); the board's refresh alone: "
          f"{board_cpu / max(boards, 1) * 1e3:.0f} ms each")
    joined, played = ((f[k] - r["rss_before"]) / n for k in ("rss_joined", "rss_played"))
    print(f"memory: server RSS {r['rss_before']:.0f} MB before the class, {joined:+.2f} MB a student once "
          f"everyone joined (the session and its player's run), {played:+.2f} MB a student after playing; "
          f"the store itself keeps {store_bytes:.0f} bytes a student")


SCREENSHOT = ROOT / "tests" / "browser" / "screenshots" / "class-board-30.png"


def run(students: int = 30, seconds: float = 60, arrive: float = 10, redis: bool = True,
        browser: bool = True) -> None:
    """Both stores, one after the other, each on a fresh server."""
    phases = [("in-process store", None)] + ([("Redis store", "redis")] if redis else [])
    for name, kind in phases:
        with redis_server() if kind else contextlib.nullcontext() as redis_url:
            env = {"TINYNET_STORE": redis_url} if redis_url else {}
            with environment(env), serve("app.py") as (url, pid):
                class_phase(url, pid, 2, 3, 0, windows=False)  # warm-up: imports, the true curve
                time.sleep(1)
                shot = SCREENSHOT if browser and not redis_url else None
                result = class_phase(url, pid, students, seconds, arrive, screenshot=shot)
            per_student = (redis_bytes_per_student(redis_url, result["code"], students) if redis_url
                           else store_bytes_per_student(students))
        report(name, result, per_student)


@contextlib.contextmanager
def environment(values: dict):
    """These environment variables for the servers started inside (harness.serve passes them on)."""
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            os.environ.pop(name) if value is None else os.environ.__setitem__(name, value)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 students for 15 s: a smoke run")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-redis", action="store_true", help="only the in-process store")
    parser.add_argument("--no-browser", action="store_true", help="no screenshot of the board")
    options = parser.parse_args(argv)
    if options.quick:
        options.students, options.seconds = 5, 15
    run(options.students, options.seconds, redis=not options.no_redis, browser=not options.no_browser)


if __name__ == "__main__":
    main()
