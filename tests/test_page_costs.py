"""What one link may cost the server (playground/teach.py): the bound arithmetic for any
setup the app accepts, worked out here from the cost model's constants, and the one
computation at a time per server, shown waiting and shown not waiting. No seconds are
measured here: bench/pages.py measures them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground import teach
from playground.session import APP_MAX_EPOCHS, APP_MAX_HIDDEN, APP_MAX_HIDDEN_EPOCHS
from tinynet import Config, kernels, train
from tinynet.config import MAX_ROWS

GUARD = 30  # seconds before a thread that should have moved is called stuck (not a timing check)


@st.composite
def app_setups(draw) -> Config:
    """Any shape the app trains: rows, hidden units and epochs within its bounds."""
    rows = draw(st.integers(1, MAX_ROWS))
    hidden = draw(st.integers(0, APP_MAX_HIDDEN))
    epochs = draw(st.integers(0, APP_MAX_HIDDEN_EPOCHS if hidden else APP_MAX_EPOCHS))
    return Config(inputs=((0.0, 0.0),) * rows, targets=(0.0,) * rows, hidden=hidden, epochs=epochs)


def sweep_seconds(setup: Config, rates: int, starts: int, epochs: int) -> float:
    """The sweep's cost, written out: both sweeps are one batch of (rates + starts) networks
    in each of two gradient modes; each epoch pays the kernel's own calls once per mode and
    each network its rows (and each row its hidden units)."""
    kernel = teach.HIDDEN_LAYER if setup.hidden else teach.NEURONS
    rows = len(setup.inputs)
    network = kernel.network + rows * kernel.row + rows * setup.hidden * kernel.unit
    return epochs * (2 * kernel.step + 2 * (rates + starts) * network) * 1e-6


@given(app_setups())
@settings(max_examples=300, deadline=None)
def test_every_sweep_stays_within_a_page_and_cuts_only_what_it_must(setup):
    wanted_rates, wanted_starts = teach.HIDDEN_SWEEP if setup.hidden else teach.SWEEP
    rates, starts, epochs = size = teach.sweep_size(setup)
    assert sweep_seconds(setup, rates, starts, epochs) <= teach.PAGE_SECONDS
    assert teach.FEWEST <= rates <= wanted_rates and teach.FEWEST <= starts <= wanted_starts
    assert epochs <= min(setup.epochs, teach.SWEEP_EPOCHS) and (epochs > 0 or setup.epochs == 0)
    capped = min(setup.epochs, teach.SWEEP_EPOCHS)
    if sweep_seconds(setup, wanted_rates, wanted_starts, capped) <= teach.PAGE_SECONDS:
        assert tuple(size) == (wanted_rates, wanted_starts, capped)  # nothing cut that fitted
    if epochs < capped:
        assert (rates, starts) == (teach.FEWEST, teach.FEWEST)  # networks go first, then epochs
    cut = teach.sweep_cut(setup)
    assert (cut is None) == ((rates, starts, epochs) == (wanted_rates, wanted_starts, setup.epochs))


class Said:
    """Stands in for streamlit: keeps what a page says."""

    def __init__(self):
        self.said: list[str] = []

    def info(self, text, icon=None):
        self.said.append(text)


@given(app_setups(), st.integers(1, 2))
@settings(max_examples=300, deadline=None)
def test_the_one_neuron_pages_stay_within_a_page(setup, runs):
    """Their runs (two on the landscape) and the landscape's maps, over its rows."""
    page = Said()
    with mock.patch.object(teach, "st", page):
        neuron = teach.single_neuron(setup, "this", runs)
    rows, epochs = len(setup.inputs), neuron.epochs
    per_epoch = (teach.ONE_NEURON.step + rows * teach.ONE_NEURON.row) * 1e-6
    drawing = 0.3 + 0.004 * rows
    assert neuron == setup.replace(hidden=0, epochs=epochs) and epochs <= setup.epochs
    assert runs * epochs * per_epoch + drawing <= teach.PAGE_SECONDS
    cut = [s for s in page.said if "follows the first" in s]
    if runs * setup.epochs * per_epoch + drawing <= teach.PAGE_SECONDS:
        assert epochs == setup.epochs and not cut  # negative control: nothing cut that fitted
    else:
        assert epochs > 0 and str(epochs)[2:] == "0" * (len(str(epochs)) - 2)  # two significant digits
        assert cut == [cut[0]] and f"the first {epochs:,} of your {setup.epochs:,} epochs" in cut[0]


@pytest.mark.parametrize("hidden, networks, kernel", [(0, 1, "ONE_NEURON"), (0, 2, "NEURONS"),
                                                      (0, 400, "NEURONS"), (3, 1, "HIDDEN_LAYER"),
                                                      (8, 100, "HIDDEN_LAYER")])
def test_the_model_prices_the_kernel_tinynet_runs(hidden, networks, kernel):
    priced = {kernels.single_neuron: teach.ONE_NEURON, kernels.many_neurons: teach.NEURONS,
              kernels.hidden_layer: teach.HIDDEN_LAYER}[kernels.pick(hidden, networks)]
    assert teach.kernel_for(Config(hidden=hidden), networks) is priced is getattr(teach, kernel)


def test_the_issues_link_is_cut_to_a_page_and_says_how():
    """64 rows, 8 hidden units, 10,000 epochs: ~65 s of server CPU before."""
    setup = Config(inputs=((0.0, 1.0),) * 64, targets=(1.0,) * 64, hidden=8, epochs=10_000)
    rates, starts, epochs = teach.sweep_size(setup)
    assert (rates, starts) == (teach.FEWEST, teach.FEWEST) and 0 < epochs < 10_000
    full = sweep_seconds(setup, *teach.HIDDEN_SWEEP, 10_000)
    now = sweep_seconds(setup, rates, starts, epochs)
    assert teach.sweep_cut(setup) == (
        f"This sweep trains {rates} learning rates instead of 50, {starts} random starts instead of 50 "
        f"and {epochs:,} epochs for each network instead of 10,000. All of it, for your setup (64 rows, "
        f"8 hidden units, 10,000 epochs), would take this shared server about {full:.0f} s; this takes "
        f"about {now:.1f} s, about {full / now:.0f} times less work.")
    # a link one epoch shorter is cut to the same sweep: it finds it remembered
    assert teach.sweep_size(setup.replace(epochs=9_999)) == teach.sweep_size(setup)


def test_the_default_sweep_is_whole():  # negative control for the cuts above
    assert tuple(teach.sweep_size(Config())) == (*teach.SWEEP, 10_000) and teach.sweep_cut(Config()) is None


# ---- one computation at a time per server ----

class Screen:
    """Stands in for streamlit inside teach: records what a waiting session was told."""

    def __init__(self):
        self.shown: list[str | None] = []  # each message shown, None when it was taken away
        self.told = threading.Event()

    def empty(self):
        return self

    def info(self, text, icon=None):
        self.shown.append(text)
        self.told.set()


@pytest.fixture
def server(monkeypatch):
    """A fresh server memory and a screen for teach's messages."""
    memory = teach._Memory(OrderedDict(), threading.Lock(), threading.Lock())
    monkeypatch.setattr(teach, "_memory", lambda: memory)
    screen = Screen()
    screen.empty = lambda: Placeholder(screen)
    monkeypatch.setattr(teach, "st", screen)
    return screen


class Placeholder:
    def __init__(self, screen: Screen):
        self.screen = screen

    def info(self, text, icon=None):
        self.screen.info(text, icon)

    def empty(self):
        self.screen.shown.append(None)


def in_thread(function) -> tuple[threading.Thread, list]:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(function()), daemon=True)
    thread.start()
    return thread, result


def test_a_second_sweep_waits_for_the_first_and_says_so(server):
    started, finish = threading.Event(), threading.Event()
    computed = []

    def first():
        started.set()
        assert finish.wait(GUARD)
        computed.append("first")
        return 1

    def second():
        computed.append("second")
        return 2

    a, a_result = in_thread(lambda: teach.remembered(("a",), first))
    assert started.wait(GUARD)
    b, b_result = in_thread(lambda: teach.remembered(("b",), second))
    assert server.told.wait(GUARD)  # the second session is told why it waits ...
    assert server.shown == [teach.BUSY] and computed == []  # ... and has not started
    finish.set()
    a.join(GUARD), b.join(GUARD)
    assert (a_result, b_result) == ([1], [2]) and computed == ["first", "second"]
    assert server.shown == [teach.BUSY, None]  # the message goes once its turn comes


def test_a_session_waiting_for_the_same_sweep_gets_it_without_computing_again(server):
    started, finish = threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append("slow")
        started.set()
        assert finish.wait(GUARD)
        return "swept"

    a, a_result = in_thread(lambda: teach.remembered(("same",), slow))
    assert started.wait(GUARD)
    b, b_result = in_thread(lambda: teach.remembered(("same",), lambda: calls.append("again")))
    assert server.told.wait(GUARD)
    finish.set()
    a.join(GUARD), b.join(GUARD)
    assert a_result == b_result == ["swept"] and calls == ["slow"]


def test_a_free_server_says_nothing_and_a_failed_sweep_frees_it(server):  # negative controls
    assert teach.remembered(("c",), lambda: 3) == 3 and server.shown == []
    with pytest.raises(ZeroDivisionError):
        teach.remembered(("d",), lambda: 1 / 0)
    assert teach.remembered(("d",), lambda: 4) == 4 and server.shown == []  # the turn was given back


def test_the_two_sweeps_train_together_once(server, monkeypatch):
    batches = []
    train_plans = teach._train_plans
    monkeypatch.setattr(teach, "_train_plans", lambda plans: batches.append(len(plans)) or train_plans(plans))
    monkeypatch.setattr(teach, "_train_with_progress", lambda configs, label: teach.Trainer(
        configs).run_to_end().runs())
    setup = Config(epochs=50)
    rates, starts = teach.lr_sweep(setup), teach.random_starts(setup)
    assert batches == [2]  # one batch for both; the second call found its half remembered
    assert len(rates.values) == teach.SWEEP[0] and len(starts.values) == teach.SWEEP[1]
    w1, w2, bias = np.random.default_rng(0).uniform(-4.0, 4.0, 3)  # the first random start
    for mode in teach.MODES:  # each half split back out of the batch: against single runs
        assert rates.mse[mode][0] == train(setup.replace(lr=1e-3, gradient=mode)).mse
        assert starts.mse[mode][0] == train(setup.replace(w1=w1, w2=w2, bias=bias, gradient=mode)).mse
    teach.lr_sweep(setup.replace(lr=0.5))  # the rate sweep does not depend on the rate ...
    teach.random_starts(setup.replace(lr=0.5))  # ... the starts do: only they are trained again
    assert batches == [2, 1]
