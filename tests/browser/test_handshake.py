"""The learning-rate handshake in Chromium with its messages held back and reordered on
the wire (Playwright's route_web_socket between the page and the real app): the player's
answer to the server's change request ("branch") is held while Steps go first, or held
while the server waits. The change must still land at the epoch the student was on when
it was made, Steps taken meanwhile must not be undone, and the learning-rate readout must
end on the new rate. Each test also checks that the wire really did what it says (what
it held, and in which order the server got the player's reports).
"""

from __future__ import annotations

import json
import re
import time

import pytest
from harness import require_browser

from tinynet import Config, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import open_player, readouts, shown  # noqa: E402
from playwright.sync_api import expect  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

WAIT = 30  # seconds before a wait on the wire is called stuck (not a timing check)


def player_report(message) -> dict | None:
    """The player's report in a page -> server message, if the message carries one."""
    if not isinstance(message, bytes):
        return None
    back = BackMsg.FromString(message)
    if back.WhichOneof("type") != "rerun_script":
        return None
    for widget in back.rerun_script.widget_states.widgets:
        if widget.WhichOneof("value") == "json_value":
            value = json.loads(widget.json_value)
            if isinstance(value, dict) and isinstance(value.get("value"), dict) and "seq" in value["value"]:
                return value["value"]
    return None


class Wire:
    """Between the page and the server. Every message passes, except new player reports of
    the events in `hold`, which wait until release(); each new report is noted in the order
    the page sent it and in the order the server got it."""

    def __init__(self, page):
        self.hold: set[str] = set()
        self.held: list[tuple[bytes, dict]] = []
        self.sent: list[dict] = []  # new reports, as the page sent them
        self.delivered: list[dict] = []  # new reports, as the server got them
        self.finished = 0  # script runs the server finished
        self.server = None
        page.route_web_socket(re.compile(r".*/_stcore/stream$"), self._route)

    def _route(self, ws) -> None:
        self.server = ws.connect_to_server()
        ws.on_message(self._from_page)
        self.server.on_message(lambda message: self._from_server(ws, message))

    def _from_page(self, message) -> None:
        report = player_report(message)
        new = report is not None and report["seq"] not in {r["seq"] for r in self.sent}
        if new:
            self.sent.append(report)
            if report["event"] in self.hold:
                self.held.append((message, report))
                return
        self.server.send(message)
        if new:
            self.delivered.append(report)

    def _from_server(self, ws, message) -> None:
        if isinstance(message, bytes) and ForwardMsg.FromString(message).HasField("script_finished"):
            self.finished += 1
        ws.send(message)

    def release(self) -> None:
        for message, report in self.held:
            self.server.send(message)
            self.delivered.append(report)
        self.held.clear()

    def wait(self, page, done) -> None:
        """Let the page and the wire run until done() (messages pass only while Playwright waits)."""
        deadline = time.monotonic() + WAIT
        while not done():
            assert time.monotonic() < deadline, "the wire saw nothing of what the test waits for"
            page.wait_for_timeout(20)

    def settled(self, page, since: int) -> None:
        """Wait until the server has finished a script run after `since` runs, and the page has
        drawn what it sent."""
        self.wait(page, lambda: self.finished > since)
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")


@pytest.fixture
def app_url(app_server):
    return app_server("app.py")


def set_rate(page, rate: str) -> None:
    field = page.get_by_role("spinbutton", name="Learning rate")
    field.fill(rate)
    field.press("Enter")


def paused_at(page, epoch: int) -> None:
    page.get_by_role("slider", name="Epoch slider").fill(str(epoch))
    expect(page.get_by_test_id("epoch")).to_have_text(f"{epoch:,}")


def carried_on(at: int, rate: float, then: int):
    """Independently: `at` epochs of the notebook's run, then `then` more at `rate` from there."""
    first = train(Config(epochs=at))
    (w1, w2), bias = first.weights, first.bias
    return train(Config(lr=rate, epochs=then, w1=w1, w2=w2, bias=bias), record=True)


def test_steps_overtake_the_held_answer_and_the_change_lands_where_it_was_made(page, app_url):
    wire = Wire(page)
    open_player(page, app_url)
    paused_at(page, 3000)
    wire.hold = {"branch"}
    set_rate(page, "0.5")
    wire.wait(page, lambda: wire.held)  # the player answered: at 3,000, held on the wire
    step = page.get_by_role("button", name="Step", exact=True)
    step.click()
    step.click()
    expect(page.get_by_test_id("lr")).to_have_text("0.5 (notebook)")  # the Steps carried the answer
    expect(page.get_by_test_id("epoch")).to_have_text("3,002")  # ... and were not undone
    rest = carried_on(3000, 0.5, 2)
    assert readouts(page) == shown(3002, rest.losses[2], rest.history[2])
    assert page.get_by_test_id("lr").get_attribute("title").endswith("0.5 (notebook) from epoch 3,000")
    runs = wire.finished
    wire.release()  # the answer arrives last, long after the splice: it must change nothing
    wire.settled(page, runs)
    assert readouts(page) == shown(3002, rest.losses[2], rest.history[2])
    # the wire really reordered: the page answered before it stepped, the server got it last
    assert [r["event"] for r in wire.sent][-3:] == ["branch", "step", "step"]
    assert [r["event"] for r in wire.delivered][-3:] == ["step", "step", "branch"]
    branch = wire.delivered[-1]["answered"]
    assert branch["epoch"] == 3000 and all(r["answered"] == branch for r in wire.delivered[-3:])


def test_a_late_answer_is_waited_for_and_lands_where_the_change_was_made(page, app_url):
    wire = Wire(page)
    open_player(page, app_url)
    paused_at(page, 4000)
    wire.hold = {"branch"}
    runs = wire.finished
    set_rate(page, "0.5")
    wire.wait(page, lambda: wire.held)
    wire.settled(page, runs)  # the server has run for the new rate: it asked, and waits
    expect(page.get_by_test_id("lr")).to_have_text("0.05 (notebook)")  # no answer, no new run
    expect(page.get_by_test_id("epoch")).to_have_text("4,000")
    wire.release()
    expect(page.get_by_test_id("lr")).to_have_text("0.5 (notebook)")
    assert page.get_by_test_id("lr").get_attribute("title").endswith("0.5 (notebook) from epoch 4,000")
    page.get_by_role("button", name="Step", exact=True).click()
    expect(page.get_by_test_id("epoch")).to_have_text("4,001")
    rest = carried_on(4000, 0.5, 1)
    assert readouts(page) == shown(4001, rest.losses[1], rest.history[1])
    assert [r["event"] for r in wire.delivered][-2:] == ["branch", "step"]  # held, then let through
    assert wire.sent[-2]["answered"] == {"id": wire.sent[-2]["answered"]["id"], "epoch": 4000}
