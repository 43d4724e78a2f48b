"""The learning-rate handshake (playground/live.py's update) under every order of arrival.

A rate changed mid-run makes the server ask the player where the student is (a request
id); the player answers once with its epoch, and every later report carries that answer
(playground/player/player.js). Here the server's side runs as live_view runs it, with a
plain dict for st.session_state; a model of the player answers as player.js does; and the
messages between them are delivered in every order, coalesced (Streamlit keeps only the
newest value when two arrive before the server reads them), delayed, repeated, or
replaced by garbage. After every rerun:

  - no pending request means the run on show is the setup's (the server waits for
    nothing); a pending one is a rate or gradient change, waiting for its answer;
  - once the player has seen the newest page and reported once more, the run on show
    has the setup's learning rate: nothing can wedge;
  - a splice is at the answered epoch: its first epochs are the old run's, and its numbers
    are those of an independent computation (k epochs at the old rate with train(), then
    the rest at the new rate by another train() from where those ended);
  - a change answered at epoch 0 or at the end starts the new setup from epoch 0;
  - no request id is acted on twice, and none is ever issued twice.
"""

from __future__ import annotations

import functools
import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from playground.live import Live, carries_on, update
from playground.session import Session
from tinynet import Config, Segment, Trainer, train

KEY = "player"
BASE = Config(epochs=60)  # short runs: thousands of orders are tried
RATES = (0.05, 0.5, 2.0)
GARBAGE = [  # what a broken or hostile page could send instead of a report
    None, [], ["not", "a", "dict"], "branch", 42, math.nan, {}, {"value": None},
    {"answered": ["id", 3]}, {"answered": {"id": None, "epoch": 3}}, {"answered": "abc"},
    {"answered": {"epoch": 50}}, {"run_id": 7, "epoch": "fifty", "answered": {"id": 12, "epoch": []}},
]
WRAPPERS = [  # st.session_state[key] as something other than {"value": report}
    lambda report: report, lambda report: [report], lambda report: {"value": [report]},
]


@functools.cache  # many orders lead to the same run
def independently(setup: Config, segments: tuple[Segment, ...]) -> tuple[np.ndarray, float]:
    """The single neuron's final weights and bias for `segments`, by another path than
    live.py's (resume): train() to the first change, then train() again from the
    weights and bias it ended with, at the next rate, and so on."""
    ends = [s.first_epoch for s in segments[1:]] + [setup.epochs]
    run = train(setup.replace(lr=segments[0].lr, gradient=segments[0].gradient, epochs=ends[0]))
    for segment, end in zip(segments[1:], ends[1:]):
        (w1, w2), bias = run.weights, run.bias
        run = train(setup.replace(lr=segment.lr, gradient=segment.gradient, epochs=end - segment.first_epoch,
                                  w1=w1, w2=w2, bias=bias))
    return run.weights, run.bias


@functools.cache
def trained(setup: Config):
    return train(setup)


class Player:
    """The player as the server hears it (player.js): it adopts each new run (a spliced run
    where it stands, never going back), answers each change request once with the epoch on
    show, and sends that answer with every later report."""

    def __init__(self):
        self.run_id, self.reached, self.epoch = None, 0, 0
        self.answered: dict | None = None
        self.seq = 0

    def see(self, page: dict) -> dict | None:
        """Take in one rerun's page; return the report it sends (an answer), if any."""
        spec = page["spec"]
        if spec["id"] != self.run_id:
            continues = self.run_id is not None and spec["spliced_from"] == self.run_id
            start = max(page["start"], self.epoch) if continues else page["start"]
            self.run_id, self.reached, self.epoch = spec["id"], spec["reached"], min(start, spec["reached"])
        if page["branch"] and (self.answered or {}).get("id") != page["branch"]:
            self.answered = {"id": page["branch"], "epoch": self.epoch}
            return self.report("branch")
        return None

    def move(self, event: str, epoch: int) -> dict:
        """Step, Pause, scrub, the end or Reset: the player stops at `epoch` and says so."""
        self.epoch = min(max(epoch, 0), self.reached)
        return self.report(event)

    def report(self, event: str) -> dict:
        self.seq += 1
        return {"run_id": self.run_id, "epoch": self.epoch, "playing": False, "event": event,
                "seq": self.seq, "answered": self.answered}


class Rig:
    """The server's side as live_view runs it, a Player, the messages in flight, and the
    checks after every rerun."""

    def __init__(self, setup: Config = BASE):
        self.state: dict = {}  # st.session_state: the player's value under its key
        self.session = Session(self.state)
        self.live = Live()
        self.setup = setup
        self.player = Player()
        self.pages: list[dict] = []  # reruns' pages not yet seen by the player, oldest first
        self.flight: list = []  # reports sent, not yet arrived
        self.segments: list[Segment] = []  # what the run on show should be, worked out here
        self.issued: set[str] = set()
        self.acted: set[str] = set()
        self.rerun()

    # ---- the two ends and the wire ----

    def rerun(self) -> None:
        """One run of the page's script: live_view reads the value, updates, draws."""
        before, request = self.live.run, self.live.request
        value = self.session.player_value(KEY) or {}
        update(self.live, self.setup, value)
        self.check(before, request, value)
        self.pages.append({"spec": self.live.spec, "branch": self.live.request, "start": self.live.start})

    def change(self, **setting) -> None:
        """The student changes a setting in the sidebar: a rerun with the new setup."""
        self.setup = self.setup.replace(**setting)
        self.rerun()

    def player_sees(self, every: bool = True) -> None:
        """The player takes in the pages sent to it (each in turn, or only the newest)."""
        for page in self.pages if every else self.pages[-1:]:
            answer = self.player.see(page)
            if answer is not None:
                self.flight.append(answer)
        self.pages.clear()

    def send(self, value) -> None:
        self.flight.append(value)

    def arrive(self, index: int = 0, rerun: bool = True, wrap=lambda report: {"value": report}) -> None:
        """One message in flight arrives (any of them: the wire may reorder); Streamlit keeps
        it as the player's value, replacing any not yet read; a rerun reads it, or not yet."""
        self.state[KEY] = wrap(self.flight.pop(index % len(self.flight)))
        if rerun:
            self.rerun()

    def settle(self) -> None:
        """The player sees the newest page (answering its request, if new to it) and reports
        once more, a Pause that carries its answer: after that rerun nothing waits, and the
        run on show is the setup's."""
        self.player_sees(every=False)
        self.state[KEY] = {"value": self.player.move("pause", self.player.epoch)}
        self.rerun()
        assert self.live.request is None and self.live.run.config == self.setup

    # ---- the checks ----

    def check(self, before, request: str | None, value: dict) -> None:
        live, setup = self.live, self.setup
        assert (live.request is None) == (live.run.config == setup)  # nothing waits but a change
        if live.request is not None:
            assert carries_on(live.run.config, setup)
            if live.request != request:
                assert live.request not in self.issued  # never issued twice
                self.issued.add(live.request)
        answer = value.get("answered")
        answered = (request is not None and isinstance(answer, dict) and answer.get("id") == request
                    and before is not None and carries_on(before.config, setup))
        if answered:
            assert request not in self.acted  # no request acted on twice
            self.acted.add(request)
            self.check_answer(before, answer.get("epoch"))
        elif live.run is not before:  # a new run without an answer: a new setup from epoch 0
            assert before is None or not carries_on(before.config, setup)
            self.check_fresh()
        else:  # still waiting for the same answer, or for none (the change was undone)
            assert request is None or live.request in (request, None)

    def check_answer(self, before, epoch) -> None:
        live, setup = self.live, self.setup
        at = int(epoch) if isinstance(epoch, (int, float)) and not isinstance(epoch, bool) \
            and math.isfinite(epoch) else 0
        at = min(max(at, 0), before.epoch)
        if at == 0 or at >= before.epoch:  # at the start or the end: the new setup from 0
            self.check_fresh()
            return
        assert live.start == at and live.spec["spliced_from"] is not None
        kept = [s for s in self.segments if s.first_epoch < at]
        self.segments = [*kept, Segment(at, setup.lr, setup.gradient)]
        assert live.run.segments == tuple(self.segments)
        np.testing.assert_array_equal(live.run.losses[:at + 1], before.losses[:at + 1])  # the past kept
        np.testing.assert_array_equal(live.run.history[:at + 1], before.history[:at + 1])
        weights, bias = independently(setup, tuple(self.segments))
        np.testing.assert_array_equal(live.run.weights, weights)
        assert live.run.bias == bias

    def check_fresh(self) -> None:
        live, setup = self.live, self.setup
        assert live.start == 0 and live.spec["spliced_from"] is None and live.run.config == setup
        self.segments = [Segment(0, setup.lr, setup.gradient)]
        assert live.run.segments == tuple(self.segments)
        np.testing.assert_array_equal(live.run.losses, trained(setup).losses)


# ---- every order of one change's messages ----

def scenario(last_setting: dict) -> tuple[Rig, list]:
    """The student paused at epoch 40 and changed the rate to 0.5; the player answered at
    40, then stepped twice. In flight: the answer, both Steps, a stale answer to a request
    long forgotten, garbage; and the student's next change, `last_setting`."""
    rig = Rig()
    rig.player_sees()
    rig.send(rig.player.move("pause", 40))
    rig.arrive()
    rig.change(lr=0.5)
    rig.player_sees()  # the answer: {id, epoch 40}
    rig.send(rig.player.move("step", 41))
    rig.send(rig.player.move("step", 42))
    rig.send({**rig.player.report("pause"), "answered": {"id": "0123456789ab", "epoch": 90}})
    rig.send(["garbage"])
    return rig, [("arrive", m) for m in rig.flight] + [("change", last_setting)]


@pytest.mark.parametrize("last_setting", [{"lr": 2.0}, {"gradient": "exact"}, {"w1": 0.7}, {"lr": 0.05}],
                         ids=["another rate", "the gradient", "the data", "the rate undone"])
def test_every_order_of_one_changes_messages(last_setting):
    orders = 0
    for order in itertools.permutations(range(6)):
        rig, messages = scenario(last_setting)
        rig.flight.clear()
        for kind, message in (messages[i] for i in order):
            if kind == "change":
                rig.change(**message)
            else:
                rig.send(message)
                rig.arrive(-1)
        if last_setting != {"w1": 0.7} and rig.acted:  # answered before anything forgot it
            assert rig.live.run.segments[1].first_epoch == 40  # where the change was made, Steps or not
        rig.settle()
        orders += 1
    assert orders == 720


@pytest.mark.parametrize("reads", list(itertools.product([False, True], repeat=4)))
def test_coalesced_reports_still_carry_the_answer(reads):
    """Streamlit keeps only the newest value when several arrive between two reruns: the
    answer itself may never be read, yet a later Step carries it."""
    rig, _ = scenario({"lr": 2.0})
    for read in reads:  # the answer, Step, Step, the stale one: each read at once or not
        rig.arrive(0, rerun=read)
    rig.arrive(0)  # the garbage, then a rerun
    rig.settle()
    assert rig.live.run.segments[:2] == (Segment(0, 0.05, "notebook"), Segment(40, 0.5, "notebook"))


@pytest.mark.parametrize("epoch, spliced", [
    (0, False), (BASE.epochs, False), (10**9, False), (1e308, False), (-5, False), (math.nan, False),
    (math.inf, False), ("40", False), (True, False), (None, False), (40.9, True), (BASE.epochs - 1, True),
    (1, True)])
def test_the_answered_epoch_however_odd(epoch, spliced):
    """At 0 or the end (or beyond, or not a number) the new setup starts from 0; inside the
    run it splices there (a fraction is cut to the whole epoch before it)."""
    rig = Rig()
    rig.player_sees()
    rig.change(lr=0.5)
    rig.state[KEY] = {"value": {"answered": {"id": rig.live.request, "epoch": epoch}}}
    rig.rerun()
    assert (rig.live.start > 0) == spliced
    assert rig.live.run.config == rig.setup and rig.live.request is None


@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
@pytest.mark.parametrize("wrap", WRAPPERS, ids=["bare", "in a list", "value in a list"])
def test_garbage_never_answers_and_never_breaks(garbage, wrap):
    rig = Rig()
    rig.change(lr=0.5)
    asked = rig.live.request
    rig.send(garbage)
    rig.arrive(wrap=wrap)
    assert rig.live.request == asked  # still waiting for the player's answer, not misled
    rig.settle()  # which still works


def test_a_forgotten_request_is_never_answered_late():
    rig = Rig()
    rig.change(lr=0.5)
    rig.player_sees()  # the answer to the first request is in flight ...
    rig.change(w1=0.7)  # ... when the data changes: a new run from 0, the request forgotten
    rig.change(lr=2.0)  # a second request
    rig.arrive()  # the late answer to the first
    assert rig.live.run.segments == (Segment(0, 0.5, "notebook"),) and not rig.acted
    rig.settle()  # the player answers the second at epoch 0: the new setup from 0
    assert rig.live.run.segments == (Segment(0, 2.0, "notebook"),) and rig.live.run.config.w1 == 0.7


def test_one_answer_read_again_and_again_acts_once():
    rig = Rig()
    rig.player_sees()
    rig.send(rig.player.move("scrub", 30))
    rig.arrive()
    rig.change(lr=0.5)
    rig.player_sees()
    rig.arrive()
    spliced = rig.live.run
    for _ in range(3):  # other widgets rerun the page: the same value is read each time
        rig.rerun()
    rig.change(lr=2.0)  # a new request: the old answer, still the player's value, is not its answer
    assert rig.live.run is spliced and rig.live.request is not None
    rig.settle()  # the player answers the new request where it stands, at 30 again
    assert [(s.first_epoch, s.lr) for s in rig.live.run.segments] == [(0, 0.05), (30, 2.0)]
    assert len(rig.acted) == 2


def test_a_hidden_layer_splices_at_the_answer_too():
    """The same handshake with hidden units: the splice against a Trainer started from the
    parameters the old rate reached (the single neuron's checks use train() alone)."""
    setup = Config(targets=(0, 1, 0, 1), hidden=3, epochs=200, lr=0.5, seed=3)
    rig = Rig(setup)
    rig.change(lr=2.0)
    rig.state[KEY] = {"value": {"answered": {"id": rig.live.request, "epoch": 80}}}
    before = rig.live.run
    update(rig.live, rig.setup, rig.session.player_value(KEY))
    first = train(setup.replace(epochs=80))
    start = {k: np.asarray(v, float)[None] for k, v in first.params.items()}
    rest = Trainer([setup.replace(lr=2.0, epochs=120)], start=start).run_to_end().run()
    for key in rest.params:
        np.testing.assert_array_equal(rig.live.run.params[key], rest.params[key])
    np.testing.assert_array_equal(rig.live.run.losses[:81], before.losses[:81])
    assert not np.array_equal(rig.live.run.params["w"], train(setup.replace(lr=2.0)).params["w"])  # control


# ---- any sequence of moves, as a state machine ----

class Handshake(RuleBasedStateMachine):
    """Student, player and wire doing anything in any order; Rig checks every rerun."""

    @initialize()
    def start(self):
        self.rig = Rig()

    @rule(lr=st.sampled_from(RATES))
    def change_the_rate(self, lr):
        self.rig.change(lr=lr)

    @rule()
    def change_the_gradient(self):
        self.rig.change(gradient="exact" if self.rig.setup.gradient == "notebook" else "notebook")

    @rule(w1=st.sampled_from((0.1, 0.7)), epochs=st.sampled_from((BASE.epochs, 45)))
    def change_the_data(self, w1, epochs):
        self.rig.change(w1=w1, epochs=epochs)

    @rule(every=st.booleans())
    def player_sees(self, every):
        self.rig.player_sees(every)

    @rule(event=st.sampled_from(("step", "pause", "scrub", "end", "reset")), epoch=st.integers(0, 70))
    def student_moves(self, event, epoch):
        to = {"step": self.rig.player.epoch + 1, "end": self.rig.player.reached, "reset": 0}.get(event, epoch)
        self.rig.send(self.rig.player.move(event, to))

    @rule(epoch=st.integers(-1, 10**6), known=st.booleans())
    def stale_answer(self, epoch, known):
        old = sorted(self.rig.issued)[0] if known and self.rig.issued else "ffffffffffff"
        self.rig.send({**self.rig.player.report("pause"), "answered": {"id": old, "epoch": epoch}})

    @rule(garbage=st.sampled_from(GARBAGE))
    def garbage(self, garbage):
        self.rig.send(garbage)

    @precondition(lambda self: self.rig.flight)
    @rule(index=st.integers(0, 10), read=st.booleans())
    def arrive(self, index, read):
        self.rig.arrive(index, rerun=read)

    @rule()
    def another_widget_reruns(self):
        self.rig.rerun()

    @invariant()
    def waits_only_for_a_change(self):
        assert (self.rig.live.request is None) == (self.rig.live.run.config == self.rig.setup)

    def teardown(self):
        if hasattr(self, "rig"):
            self.rig.settle()  # whatever happened, one more report brings the setup's run


Handshake.TestCase.settings = settings(max_examples=150, stateful_step_count=30, deadline=None,
                                       suppress_health_check=[HealthCheck.too_slow])
test_any_sequence_of_moves = Handshake.TestCase
