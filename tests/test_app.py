"""The app through Streamlit's AppTest: widgets, links, presets, the table, and the
run handed to the browser player."""

import numpy as np
import pytest
from appdriver import edit_rows, floats, open_app, player_args, rendered, report

from playground.controls import ROWS_OPEN
from tinynet import PRESETS, Config, resume, train

SETUP_KEYS = ["inputs", "lr", "epochs", "w1", "w2", "bias", "gradient", "preset"]


def test_app_runs_with_every_setup_widget_keyed_by_its_name():
    at = open_app()
    assert not at.exception
    at.session_state[ROWS_OPEN] = True  # the rows table ("inputs") is drawn once "Edit the rows" opens
    at.run()
    for key in SETUP_KEYS:
        assert key in at.session_state, key
    assert at.session_state["config"] == Config()
    assert at.title[0].value


def test_run_handed_to_the_player_is_tinynets():
    at = open_app()
    args = player_args(at)["run"]
    expected = train(Config(), record=True)
    assert args["frames"] == 10_001 and args["stride"] == 1 and args["reached"] == 10_000
    np.testing.assert_array_equal(floats(args["mse"]), expected.losses.astype("<f4"))
    np.testing.assert_array_equal(floats(args["params"]).reshape(-1, 3), expected.history.astype("<f4"))


def test_a_link_opens_with_its_settings():
    at = open_app(inputs="0,0;1,1;2,2", targets="0,0.5,1", w1="-0.25", w2="3", bias="0.125",
                  lr="0.7", epochs="1234", gradient="exact")
    assert not at.exception and not at.warning
    config = at.session_state["config"]
    assert config == Config(inputs=((0, 0), (1, 1), (2, 2)), targets=(0, 0.5, 1), w1=-0.25, w2=3,
                            bias=0.125, lr=0.7, epochs=1234, gradient="exact")
    assert at.number_input(key="lr").value == 0.7 and at.radio(key="gradient").value == "exact"
    assert player_args(at)["run"]["reached"] == 1234
    # the address bar mirrors the setup, so it is a share link
    assert at.query_params["lr"] == "0.7" and at.query_params["inputs"] == "0,0;1,1;2,2"


def test_floats_in_a_link_round_trip_exactly():
    at = open_app(w1="0.1234567890123456789", lr="1e-3")
    assert at.session_state["config"].w1 == 0.1234567890123456789
    assert float(at.query_params["w1"]) == 0.1234567890123456789


def test_a_bad_link_value_is_reported_and_the_rest_kept():
    at = open_app(lr="fast", w1="0.5", colour="red")
    assert not at.exception
    messages = " ".join(rendered(w.value) for w in at.warning)
    assert "lr" in messages and "'fast'" in messages and "colour" in messages
    config = at.session_state["config"]
    assert config.w1 == 0.5 and config.lr == 0.05  # the good value taken, the bad one left as it was


@pytest.mark.parametrize("name", ["and", "or", "nand", "xor", "notebook"])
def test_a_preset_sets_its_rows(name):
    at = open_app(preset="notebook")
    at.selectbox(key="preset").set_value(name).run()
    assert at.session_state["config"] == PRESETS[name].config
    assert player_args(at)["run"]["targets"] == list(PRESETS[name].config.targets)


def test_editing_the_table_changes_the_setup():
    at = open_app()
    assert not at.sidebar.dataframe  # the table is drawn only once "Edit the rows" is open
    edit_rows(at, {"3": {"target": 1.0}}, added_rows=[{"x1": 2, "x2": 2, "target": 1}], deleted_rows=[0])
    assert at.sidebar.dataframe
    config = at.session_state["config"]
    assert config.inputs == ((0, 1), (1, 1), (1, 0), (2, 2)) and config.targets == (1, 1, 1, 1)
    assert at.session_state["preset_name"] == "custom"


@pytest.mark.parametrize("edit, field", [
    ({"edited_rows": {"1": {"x1": None}}}, "inputs: row 2, x1 is empty"),
    ({"edited_rows": {"0": {"target": 7.0}}}, "targets:"),
    ({"deleted_rows": [0, 1, 2, 3]}, "inputs: 0 rows"),
])
def test_a_bad_table_edit_is_reported_and_the_last_setup_kept(edit, field):
    at = edit_rows(open_app(), **edit)
    assert not at.exception
    assert field in at.sidebar.error[0].value
    assert at.session_state["config"] == Config()


def test_a_bad_widget_value_is_reported_and_the_last_setup_kept():
    at = open_app()
    at.number_input(key="lr").set_value(0.0).run()
    assert "lr: 0.0 is not allowed" in at.sidebar.error[0].value
    assert at.session_state["config"].lr == 0.05
    at.number_input(key="lr").set_value(0.5).run()  # negative control: a good value is taken
    assert not at.sidebar.error and at.session_state["config"].lr == 0.5


def test_changing_the_rate_while_paused_carries_on_from_that_epoch():
    at = open_app()
    run_id = player_args(at)["run"]["id"]
    at.number_input(key="lr").set_value(0.5).run()
    request = player_args(at)["branch"]
    assert request  # the server asks the player where it is before training on
    report(at, epoch=500, playing=False, run_id=run_id, event="branch", branch=request)
    args = player_args(at)
    assert args["start_epoch"] == 500 and args["autoplay"] is False and args["branch"] is None
    before = train(Config(), record=True)
    expected = resume(before, 500, Config(lr=0.5)).run_to_end().run()
    np.testing.assert_array_equal(floats(args["run"]["mse"]), expected.losses.astype("<f4"))
    assert floats(args["run"]["mse"])[:501].tolist() == before.losses[:501].astype("<f4").tolist()


def test_changing_the_rate_while_playing_asks_the_player_where_it_is_first():
    at = open_app()
    run_id = player_args(at)["run"]["id"]
    at.number_input(key="lr").set_value(0.5).run()
    args = player_args(at)
    assert args["branch"] and args["run"]["id"] == run_id  # old run kept until the player answers
    report(at, epoch=3000, playing=True, run_id=run_id, event="branch", branch=args["branch"])
    args = player_args(at)
    assert args["start_epoch"] == 3000 and args["autoplay"] is True and args["run"]["lr"] == 0.5
    # negative control: changing the data instead starts again at epoch 0
    at.number_input(key="w1").set_value(0.7).run()
    assert player_args(at)["start_epoch"] == 0


def test_link_text_in_messages_cannot_render_as_markdown():
    at = open_app(**{"![x](http://img.example/a.png)": "1", "w1": "[click](http://example.com)"})
    raw = " ".join(w.value for w in at.warning)
    assert "![x](" not in raw and "[click](" not in raw  # escaped: shown as text, not as a link
    assert "![x](" in rendered(raw) and "[click](" in rendered(raw)  # and the student still reads it
