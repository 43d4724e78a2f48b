"""The app through Streamlit's AppTest: widgets, links, presets, the table, and the
run handed to the browser player."""

import json
import subprocess
import sys

import numpy as np
import pytest
from appdriver import config, edit_rows, open_app, player_args, rendered, report, session, table
from streamlit.runtime.media_file_manager import MediaFileManager

from playground.session import Widgets
from tinynet import PRESETS, Config, train
from tinynet.export import to_python

SETUP_KEYS = ["inputs", "lr", "epochs", "w1", "w2", "bias", "gradient", "preset"]


def test_app_runs_with_every_setup_widget_keyed_by_its_name():
    at = open_app()
    assert not at.exception
    at.session_state[Widgets.ROWS_OPEN] = True  # the rows table is drawn once "Edit the rows" opens
    at.run()
    for key in SETUP_KEYS:
        assert key in at.session_state, key
    assert config(at) == Config()
    assert at.title[0].value


def test_run_handed_to_the_player_is_tinynets_exactly():
    at = open_app()
    args = player_args(at)["run"]
    expected = train(Config(), record=True)
    assert args["frames"] == 10_001 and args["stride"] == 1 and args["reached"] == 10_000
    np.testing.assert_array_equal(table(args)[:, 0], expected.losses)
    np.testing.assert_array_equal(table(args)[:, 1:], expected.history)


def test_a_link_opens_with_its_settings():
    at = open_app(inputs="0,0;1,1;2,2", targets="0,0.5,1", w1="-0.25", w2="3", bias="0.125",
                  lr="0.7", epochs="1234", gradient="exact")
    assert not at.exception and not at.warning
    assert config(at) == Config(inputs=((0, 0), (1, 1), (2, 2)), targets=(0, 0.5, 1), w1=-0.25, w2=3,
                                bias=0.125, lr=0.7, epochs=1234, gradient="exact")
    assert at.number_input(key="lr").value == 0.7 and at.radio(key="gradient").value == "exact"
    assert player_args(at)["run"]["reached"] == 1234
    # the address bar mirrors the setup, so it is a share link
    assert at.query_params["lr"] == "0.7" and at.query_params["inputs"] == "0,0;1,1;2,2"


def test_floats_in_a_link_round_trip_exactly():
    at = open_app(w1="0.1234567890123456789", lr="1e-3")
    assert config(at).w1 == 0.1234567890123456789
    assert float(at.query_params["w1"]) == 0.1234567890123456789


def test_a_bad_link_value_is_reported_and_the_rest_kept():
    at = open_app(lr="fast", w1="0.5", colour="red")
    assert not at.exception
    messages = " ".join(rendered(w.value) for w in at.warning)
    assert "lr" in messages and "'fast'" in messages and "colour" in messages
    setup = config(at)
    assert setup.w1 == 0.5 and setup.lr == 0.05  # the good value taken, the bad one left as it was


@pytest.mark.parametrize("name", ["and", "or", "nand", "xor", "notebook"])
def test_a_preset_sets_its_rows(name):
    at = open_app(preset="notebook")
    at.selectbox(key="preset").set_value(name).run()
    assert config(at) == PRESETS[name].config
    assert player_args(at)["run"]["targets"] == list(PRESETS[name].config.targets)


def test_editing_the_table_changes_the_setup():
    at = open_app()
    assert not at.sidebar.dataframe  # the table is drawn only once "Edit the rows" is open
    edit_rows(at, {"3": {"target": 1.0}}, added_rows=[{"x1": 2, "x2": 2, "target": 1}], deleted_rows=[0])
    assert at.sidebar.dataframe
    setup = config(at)
    assert setup.inputs == ((0, 1), (1, 1), (1, 0), (2, 2)) and setup.targets == (1, 1, 1, 1)
    assert session(at).preset == "custom"
    assert at.selectbox(key="preset").value == "custom"  # the picker says so in the same run


@pytest.mark.parametrize("edit, field", [
    ({"edited_rows": {"1": {"x1": None}}}, "inputs: row 2, x1 is empty"),
    ({"edited_rows": {"0": {"target": 7.0}}}, "targets: row 1, target is 7; expected a number from 0 to 1"),
    ({"edited_rows": {"3": {"target": 5}}}, "targets: row 4, target is 5"),  # said, not quietly made 1
    ({"deleted_rows": [0, 1, 2, 3]}, "inputs: 0 rows"),
])
def test_a_bad_table_edit_is_reported_and_the_last_setup_kept(edit, field):
    at = edit_rows(open_app(), **edit)
    assert not at.exception
    assert field in rendered(at.sidebar.error[0].value)
    assert config(at) == Config()


def test_a_bad_widget_value_is_reported_and_the_last_setup_kept():
    at = open_app()
    at.number_input(key="lr").set_value(0.0).run()
    assert "lr: 0.0 is not allowed" in rendered(at.sidebar.error[0].value)
    assert config(at).lr == 0.05
    at.number_input(key="lr").set_value(0.5).run()  # negative control: a good value is taken
    assert not at.sidebar.error and config(at).lr == 0.5


def answer(at, args: dict, epoch: int, playing: bool, event: str = "branch", **more):
    """The player's report after answering the server's change request at `epoch`."""
    return report(at, run_id=args["run"]["id"], epoch=epoch, playing=playing, event=event, seq=1,
                  answered={"id": args["branch"], "epoch": epoch}, **more)


def test_changing_the_rate_while_paused_carries_on_from_that_epoch():
    at = open_app()
    at.number_input(key="lr").set_value(0.5).run()
    asked = player_args(at)
    assert asked["branch"] and asked["run"]["segments"][0]["lr"] == 0.05  # the old run, until the answer
    args = player_args(answer(at, asked, 500, playing=False))
    assert args["start_epoch"] == 500 and args["branch"] is None
    assert args["run"]["spliced_from"] == asked["run"]["id"]
    before = train(Config(), record=True)
    # independent: 500 epochs at 0.05, then the rest at 0.5 from those parameters
    first = train(Config(epochs=500), record=True)
    rest = train(Config(lr=0.5, epochs=9_500, w1=first.weights[0], w2=first.weights[1], bias=first.bias))
    frames = table(args["run"])
    np.testing.assert_array_equal(frames[:501, 0], before.losses[:501])
    np.testing.assert_allclose(frames[-1, 1:], [*rest.weights, rest.bias], rtol=1e-12)
    assert [s["label"] for s in args["run"]["segments"]] == ["0.05 (notebook)", "0.5 (notebook)"]
    assert args["ghost"]["label"] == "before: lr 0.05 (notebook)"
    over = train(Config(lr=0.5))  # negative control: not what starting over at 0.5 gives
    assert not np.allclose(frames[-1, 1:], [*over.weights, over.bias], rtol=1e-6)


def test_a_change_at_the_end_or_at_epoch_0_starts_the_new_run_from_0():
    for epoch in (10_000, 0):
        at = open_app()
        at.number_input(key="lr").set_value(5.0).run()
        args = player_args(answer(at, player_args(at), epoch, playing=False, event="end"))
        assert args["start_epoch"] == 0 and args["run"]["spliced_from"] is None
        assert [s["label"] for s in args["run"]["segments"]] == ["5 (notebook)"]
        np.testing.assert_array_equal(table(args["run"])[:, 0], train(Config(lr=5.0)).losses)
        assert args["ghost"]["mse"][-1] == train(Config()).losses[-1]  # the old run, faint


def test_changing_the_data_starts_again_at_epoch_0_and_forgets_the_request():
    at = open_app()
    at.number_input(key="lr").set_value(0.5).run()
    asked = player_args(at)
    at.number_input(key="w1").set_value(0.7).run()
    args = player_args(at)
    assert args["start_epoch"] == 0 and args["branch"] is None
    assert args["ghost"]["label"] == "before the change"
    # a late answer to the forgotten request changes nothing
    late = player_args(answer(at, asked, 3000, playing=True))
    assert late["run"]["id"] == args["run"]["id"] and late["branch"] is None


def test_link_text_in_messages_cannot_render_as_markdown():
    at = open_app(**{"![x](http://img.example/a.png)": "1", "w1": "[click](http://example.com)"})
    raw = " ".join(w.value for w in at.warning)
    assert "![x](" not in raw and "[click](" not in raw  # escaped: shown as text, not as a link
    assert "![x](" in rendered(raw) and "[click](" in rendered(raw)  # and the student still reads it


# ---- issue #11: exports that agree with the page after a change mid-run ----

@pytest.fixture
def downloads(monkeypatch) -> dict:
    """The download buttons' makers, by file name, as the app registers them (made on click)."""
    made = {}
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **more):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **more)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def spliced_at_500(at):
    """The rate changed to 0.5 while paused at epoch 500, answered as the player answers."""
    at.number_input(key="lr").set_value(0.5).run()
    return answer(at, player_args(at), 500, playing=False)


def final_numbers(script: str, folder) -> dict:
    """Run a downloaded script on its own (NumPy only, no tinynet) and read its weights and bias."""
    path = folder / "tinynet_run.py"
    path.write_text(script)
    reader = ("import json, runpy, sys; ns = runpy.run_path(sys.argv[1]); "
              "print(json.dumps({'weights': ns['weights'].tolist(), 'bias': float(ns['bias'])}))")
    done = subprocess.run([sys.executable, "-c", reader, str(path)], capture_output=True, text=True,
                          check=True, env={"PATH": "", "PYTHONNOUSERSITE": "1"}, cwd=folder)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_script_download_ends_with_the_run_on_show_after_a_change(downloads, tmp_path):
    at = spliced_at_500(open_app())
    on_show = session(at).memory.live["player"].run
    assert [(s.first_epoch, s.lr) for s in on_show.segments] == [(0, 0.05), (500, 0.5)]
    script = downloads["tinynet_run.py"]()  # what a click on "Python script" downloads now
    final = final_numbers(script, tmp_path)
    # independently: 500 epochs at 0.05, then 9,500 at 0.5 from where those ended
    first = train(Config(epochs=500))
    rest = train(Config(lr=0.5, epochs=9_500, w1=first.weights[0], w2=first.weights[1], bias=first.bias))
    np.testing.assert_allclose(final["weights"], rest.weights, rtol=1e-9)
    np.testing.assert_allclose(final["bias"], rest.bias, rtol=1e-9)
    np.testing.assert_allclose(final["weights"], on_show.weights, rtol=1e-9)
    said = " ".join(line.lstrip("# ") for line in script.splitlines()[:8])  # and the script says so
    assert "epochs 0 to 499 at learning rate 0.05, then at 0.5 from epoch 500" in said
    # negative control: the script of one rate throughout would not end there
    one_rate = final_numbers(to_python(on_show.config), tmp_path)
    assert np.max(np.abs(np.array(one_rate["weights"]) - rest.weights)) > 1e-3


def test_the_downloads_caption_names_both_rates_after_a_change():
    at = spliced_at_500(open_app())
    [caption] = [c.value for c in at.caption if c.value.startswith("Take the run home")]
    assert "0.05" in caption and "0.5 (notebook) from epoch 500" in caption
