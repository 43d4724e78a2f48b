"""run_spec(): the run as the player's browser code receives it (no server, no browser).

The numbers travel exactly: unpacked here by a decoder written from the format's
description, they equal tinynet's float64 values bit for bit (the JavaScript decoder
is held to the same in tests/js/run.test.mjs)."""

import json

import numpy as np
import pytest
from appdriver import table as unpack

from playground.player import curves, envelope, frames_of, ghost_of, open_envelope, run_spec
from tinynet import Config, resume, train


@pytest.fixture(scope="module")
def notebook_run():
    return train(Config(), record=True)


def test_every_epoch_of_the_notebook_run_is_sent_exactly(notebook_run):
    spec = run_spec(notebook_run)
    sizes = (spec["stride"], spec["frames"], spec["reached"], spec["epochs"], spec["P"])
    assert sizes == (1, 10_001, 10_000, 10_000, 3)
    table = unpack(spec)
    assert np.array_equal(table[:, 0], notebook_run.losses)  # float64, not float32
    assert np.array_equal(table[:, 1:], notebook_run.history)
    assert spec["inputs"] == [[0, 0], [0, 1], [1, 1], [1, 0]] and spec["targets"] == [0, 1, 1, 0]
    assert spec["segments"] == [{"from": 0, "lr": 0.05, "gradient": "notebook", "label": "0.05 (notebook)"}]
    assert spec["separable"] is True and spec["diverged_at"] is None
    assert spec["window"] == {"x": [-0.5, 1.5], "y": [-0.5, 1.5]}
    json.dumps({**spec, "data": None})  # plain JSON but for the packed frames (bytes, sent as they are)


def test_the_envelope_carries_the_arguments_and_the_frames_back_whole(notebook_run):
    spec = run_spec(notebook_run)
    args = {"run": spec, "ghost": None, "start_epoch": 3, "branch": "b", "held": None}
    sent = envelope(args)
    assert len(sent) < len(spec["data"]) + 4_000  # the frames as they are, a small header
    assert open_envelope(sent) == args and open_envelope(sent)["run"]["data"] == spec["data"]


def test_exact_transport_is_smaller_than_plain_float32(notebook_run):
    spec = run_spec(notebook_run)
    float32_base64 = 4 * 4 * spec["frames"] * 4 / 3  # what the player was sent before
    assert len(spec["data"]) < 0.6 * float32_base64


def test_numbers_beyond_float32_arrive_as_they_are():
    run = train(Config(w1=1e39, w2=-3e300, epochs=3), record=True)
    table = unpack(run_spec(run))
    assert table[0, 1] == 1e39 and table[0, 2] == -3e300
    with np.errstate(over="ignore"):
        assert np.float32(np.float64(1e39)) == np.inf  # what float32 would have shown


@pytest.mark.parametrize(("epochs", "max_frames"), [(999, 100), (10, 3), (7, 2), (1, 2), (0, 5)])
def test_long_runs_keep_every_stride_th_epoch_and_the_last(epochs, max_frames):
    run = train(Config(epochs=epochs), record=True)
    spec = run_spec(run, max_frames=max_frames)
    assert 1 <= spec["frames"] <= max_frames
    shown = [min(i * spec["stride"], spec["reached"]) for i in range(spec["frames"])]
    assert shown[0] == 0 and shown[-1] == spec["reached"] == epochs
    assert all(a < b for a, b in zip(shown, shown[1:]))  # no epoch shown twice
    assert np.array_equal(unpack(spec)[:, 0], run.losses[shown])


def test_frames_of_strides_runs_past_the_limit():
    assert frames_of(10_000)[0] == 1
    stride, rows = frames_of(100_000)
    assert stride == 10 and rows[-1] == 100_000 and len(rows) == 10_001


def test_hidden_layer_frames_hold_the_flattened_parameters():
    run = train(Config(hidden=3, epochs=50, targets=(0, 1, 0, 1)), record=True)
    spec = run_spec(run)
    assert (spec["hidden"], spec["P"], spec["separable"]) == (3, 13, False)
    assert np.array_equal(unpack(spec)[:, 1:], run.history)
    names = [c["name"] for c in spec["curves"]]
    assert names == ["w (hidden 1)", "w (hidden 2)", "w (hidden 3)", "output bias"]
    assert [c["column"] for c in spec["curves"]] == [9, 10, 11, 12]  # the output neuron's, in flatten order
    assert [c["column"] for c in curves(0)] == [0, 1, 2]


def test_id_changes_with_the_data_and_the_segments_and_only_then(notebook_run):
    same = run_spec(train(Config(), record=True))["id"]
    assert run_spec(notebook_run)["id"] == same
    assert run_spec(train(Config(lr=0.1), record=True))["id"] != same
    assert run_spec(notebook_run, max_frames=101)["id"] != same
    spliced = resume(notebook_run, 10, Config(gradient="exact")).run_to_end().run()
    assert run_spec(spliced)["id"] != same


def test_segments_are_labelled_as_the_readout_shows_them(notebook_run):
    spliced = resume(notebook_run, 3012, Config(lr=5.0)).run_to_end().run()
    spec = run_spec(spliced, spliced_from="x")
    assert [s["label"] for s in spec["segments"]] == ["0.05 (notebook)", "5 (notebook)"]
    assert spec["segments"][1]["from"] == 3012 and spec["spliced_from"] == "x"


def test_the_ghost_is_a_thinned_mse_curve_with_both_ends(notebook_run):
    ghost = ghost_of(notebook_run, "before: lr 0.05 (notebook)")
    assert ghost["epochs"][0] == 0 and ghost["epochs"][-1] == 10_000 and len(ghost["epochs"]) <= 600
    assert ghost["mse"] == [float(notebook_run.losses[e]) for e in ghost["epochs"]]


def test_needs_a_recorded_run():
    with pytest.raises(ValueError, match="record=True"):
        run_spec(train(Config(epochs=5)))
