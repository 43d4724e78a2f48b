"""The load test's protocol client (bench/st_client.py) against a real server:
one emulated student opens a link, pauses the player and changes a setting. No timing."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.classroom import check_run, final_mse, run_lr, serve
from bench.st_client import Student, double, json_value
from tinynet import Config, train

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def url():
    with serve("app.py") as (address, _pid):
        yield address


def talk(url, steps):
    async def go():
        async with Student(url) as me:
            return await steps(me)
    # in a thread of its own: Playwright's sync API (browser tests) may hold this thread's loop
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def test_open_change_and_play(url):
    async def steps(me):
        opened = await me.rerun(query="lr=0.5&epochs=2000")
        (player,) = opened.components
        run = opened.components[player]["run"]
        # Play is played in the page; the server hears of it when the page pauses or ends
        paused = {"epoch": 700, "playing": False, "run_id": run["id"], "event": "pause", "seq": 1,
                  "answered": None}
        played = await me.rerun(widgets={player: json_value({"value": paused})})
        changed = await me.rerun(widgets={opened.widget("lr"): double(0.2)})
        return opened, played, changed

    opened, played, changed = talk(url, steps)
    for reply in (opened, played, changed):
        assert reply.status == 0 and not reply.exceptions and not reply.alerts
    (args,) = opened.components.values()
    assert args["run"]["epochs"] == 2000 and check_run(args, 0.5) is None
    # the numbers that arrived are tinynet's, computed here independently of the server
    assert final_mse(args) == train(Config(lr=0.5, epochs=2000)).losses[-1]  # exactly: float64 travels
    assert played.refs >= 1  # the unchanged run was not sent again: the client's cache answered
    assert next(iter(played.components.values()))["run"]["id"] == args["run"]["id"]
    # a new rate: the server asks the player where it is first, keeping the run on show
    (after,) = changed.components.values()
    assert after["branch"] and after["run"]["id"] == args["run"]["id"]


def test_a_bad_link_gives_a_message_not_an_exception(url):
    reply = talk(url, lambda me: me.rerun(query="lr=banana&epochs=7"))
    assert reply.status == 0 and not reply.exceptions
    assert any("lr" in alert for alert in reply.alerts)  # the negative control: alerts are seen
    (args,) = reply.components.values()
    assert args["run"]["epochs"] == 7 and run_lr(args) == Config().lr


def test_check_run_catches_a_truncated_payload():
    from playground.player import run_spec

    args = {"run": run_spec(train(Config(epochs=50), record=True))}
    assert check_run(args, Config().lr) is None
    args["run"]["data"] = args["run"]["data"][:-8]
    assert "truncated" in check_run(args, Config().lr)
    assert "lr" in check_run({"run": run_spec(train(Config(epochs=50), record=True))}, 0.7)
