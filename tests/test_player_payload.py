"""payload(): the run as the player's browser code receives it (no server, no browser)."""

import json

import numpy as np
import pytest
from appdriver import floats

from playground.player import payload
from tinynet import Config, train


@pytest.fixture(scope="module")
def notebook_run():
    return train(Config(), record=True)


def test_every_epoch_of_the_notebook_run_is_sent_as_float32(notebook_run):
    args = payload(notebook_run)
    sizes = (args["stride"], args["frames"], args["reached"], args["epochs"], args["P"])
    assert sizes == (1, 10_001, 10_000, 10_000, 3)
    assert np.array_equal(floats(args["mse"]), notebook_run.losses.astype(np.float32))
    params = floats(args["params"]).reshape(args["frames"], args["P"])
    assert np.array_equal(params, notebook_run.history.astype(np.float32))
    assert args["inputs"] == [[0, 0], [0, 1], [1, 1], [1, 0]]
    assert args["targets"] == [0, 1, 1, 0]
    assert (args["gradient"], args["lr"], args["hidden"], args["diverged_at"]) == ("notebook", 0.05, 0, None)
    json.dumps(args)  # plain JSON: what Streamlit can send


def test_long_runs_are_decimated_keeping_the_first_and_last_epoch():
    run = train(Config(epochs=1_000), record=True)
    args = payload(run, max_frames=101)
    assert args["stride"] == 10 and args["frames"] == 101
    epochs = [min(i * args["stride"], args["reached"]) for i in range(args["frames"])]
    assert np.array_equal(floats(args["mse"]), run.losses[epochs].astype(np.float32))


@pytest.mark.parametrize(("epochs", "max_frames"), [(999, 100), (10, 3), (7, 2), (1, 2), (0, 5)])
def test_decimated_frames_never_exceed_max_frames_and_end_at_the_last_epoch(epochs, max_frames):
    run = train(Config(epochs=epochs), record=True)
    args = payload(run, max_frames=max_frames)
    assert 1 <= args["frames"] <= max_frames
    shown = [min(i * args["stride"], args["reached"]) for i in range(args["frames"])]
    assert shown[0] == 0 and shown[-1] == args["reached"] == epochs
    assert all(a < b for a, b in zip(shown, shown[1:]))  # no epoch shown twice
    assert floats(args["mse"])[-1] == np.float32(run.losses[-1])


def test_hidden_layer_rows_are_flattened_parameters():
    run = train(Config(hidden=3, epochs=50, targets=(0, 1, 0, 1)), record=True)
    args = payload(run)
    assert (args["hidden"], args["P"]) == (3, 13)
    assert np.array_equal(floats(args["params"]).reshape(51, 13), run.history.astype(np.float32))


def test_id_changes_with_the_data_and_only_then(notebook_run):
    same = payload(train(Config(), record=True))["id"]
    assert payload(notebook_run)["id"] == same
    assert payload(train(Config(lr=0.1), record=True))["id"] != same
    assert payload(notebook_run, max_frames=101)["id"] != same


def test_needs_a_recorded_run():
    with pytest.raises(ValueError, match="record=True"):
        payload(train(Config(epochs=5)))
