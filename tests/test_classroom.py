"""The classroom kit through AppTest: lesson links lock what they name, presenter
mode, the share link, the downloads, and loading a setup file."""

import json
from pathlib import Path
from urllib.parse import parse_qsl

import appdriver
import pytest
from appdriver import config, player_args, session
from streamlit.testing.v1 import AppTest

from playground.session import Widgets
from tinynet import Config
from tinynet.configfile import MAX_BYTES
from tinynet.export import to_json

APP = str(Path(__file__).resolve().parent.parent / "app.py")
NUMBER_KEYS = ("w1", "w2", "bias", "lr", "epochs")


def open_app(**query) -> AppTest:
    at = appdriver.open_app(**query)
    assert not at.exception
    return at


def text(elements) -> list[str]:
    return [e.value.replace("\\", "") for e in elements]  # messages escape markdown punctuation


def presenter_styles(at: AppTest) -> list:
    """The presenter-mode style sheets on the page (every page also has its small-screen one)."""
    return [h for h in at.get("html") if "--ink" in h.proto.body]


def disabled(at: AppTest) -> set[str]:
    return {w.key for w in [*at.number_input, *at.radio, *at.selectbox] if w.disabled}


def test_a_plain_link_locks_nothing():
    at = open_app()
    assert disabled(at) == set()
    assert player_args(at)["lock"] == [] and player_args(at)["presenter"] is False
    assert not at.get("file_uploader")[0].proto.disabled


def test_locked_link_disables_exactly_what_it_names():
    at = open_app(lock="gradient,epochs,play,scrub", lr="0.5")
    assert disabled(at) == {"gradient", "epochs", "preset"}  # a preset would change locked settings
    assert player_args(at)["lock"] == ["play", "scrub"]
    assert config(at).lr == 0.5
    assert any("locks: lr" not in c and "epochs, gradient" in c for c in text(at.sidebar.caption))
    at.number_input(key="lr").set_value(0.25).run()  # unlocked knobs still work
    assert config(at).lr == 0.25
    assert at.query_params["lock"] == "gradient,epochs,play,scrub"  # the address bar keeps the lesson


def test_invalid_lock_names_are_reported_by_name_and_the_rest_apply():
    at = open_app(lock="lr,learning_rate,fly")
    [warning] = text(at.warning)
    assert "'learning_rate', 'fly' cannot be locked" in warning and "play" in warning
    assert disabled(at) == {"lr", "preset"}


def test_locking_the_rows_freezes_the_table_and_blocks_loading_a_file():
    at = open_app(lock="targets")
    at.session_state[Widgets.ROWS_OPEN] = True
    at.run()
    [editor] = at.get("dataframe")
    assert editor.proto.editing_mode == 1  # FIXED: no rows added or removed
    columns = json.loads(editor.proto.columns)
    assert [c for c in ("x1", "x2", "target") if columns[c].get("disabled")] == ["target"]
    assert at.get("file_uploader")[0].proto.disabled


def test_presenter_link_styles_the_page_and_tells_the_player():
    at = open_app(presenter="1")
    assert session(at).presenter is True and player_args(at)["presenter"] is True
    [style] = presenter_styles(at)
    assert style.proto.body.startswith("<style>") and "font-size" in style.proto.body
    at.toggle(key="presenter").set_value(False).run()
    assert not presenter_styles(at) and player_args(at)["presenter"] is False
    assert "presenter" not in at.query_params


def test_presenter_toggle_puts_it_in_the_address_bar():
    at = open_app()
    assert not presenter_styles(at)
    at.toggle(key="presenter").set_value(True).run()
    assert presenter_styles(at) and at.query_params["presenter"] == "1"


def test_bad_presenter_value_is_reported():
    at = open_app(presenter="yes")
    assert any("presenter: 'yes' is not allowed" in w for w in text(at.warning))
    assert session(at).presenter is False


def test_share_link_holds_the_setup_and_reopens_it():
    at = open_app(preset="xor", lr="1.5", gradient="exact")
    assert not at.code  # the share box is drawn only once its expander is opened
    at.session_state[Widgets.SHARE_OPEN] = True  # as a click on "Share this setup" does
    at.run()
    at.multiselect(key="share_lock").set_value(["lr", "play"])
    at.checkbox(key="share_presenter").check().run()
    [link] = [c.value for c in at.code]
    params = dict(parse_qsl(link.split("?", 1)[1]))
    assert params["lock"] == "lr,play" and params["presenter"] == "1"
    assert any("It locks lr, play" in c for c in text(at.caption))
    again = open_app(**params)
    assert config(again) == config(at)
    assert disabled(again) == {"lr", "preset"} and player_args(again)["lock"] == ["play"]


def test_four_downloads_are_offered():
    at = open_app()
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["Python script", "Notebook", "Setup (JSON)", "History (CSV)"]
    assert all(b.proto.deferred_file_id for b in buttons)  # made only when clicked


def upload(at: AppTest, content: bytes, name: str = "lesson.json") -> AppTest:
    at.get("file_uploader")[0].set_value((name, content, "application/json"))
    at.run()
    assert not at.exception
    return at


def test_a_valid_file_becomes_the_setup_widgets_included():
    wanted = Config(inputs=((0, 0), (1, 1)), targets=(0, 1), w1=-0.7, lr=0.3, epochs=400, gradient="exact")
    at = upload(open_app(), to_json(wanted).encode())
    assert config(at) == wanted
    assert at.number_input(key="w1").value == -0.7 and at.radio(key="gradient").value == "exact"
    assert text(at.success) == ["Loaded the setup from your file."]
    assert player_args(at)["run"]["reached"] == 400


@pytest.mark.parametrize("content, says", [
    (b"{not json", "not valid JSON"),
    (b'{"lr": "fast"}', "lr: 'fast' is not allowed"),
    (b'{"lr": 0.5, "rate": 2}', "'rate' is not a setting"),
    (b"[" * 3000, "nested too deeply"),
    (b" " * (MAX_BYTES + 1), "too large"),
    (b"\xff\xfe\x00", "not UTF-8"),
    (b'{"inputs": [["<b>x</b>", 1]]}', "inputs:"),
])
def test_a_bad_file_is_reported_and_the_last_valid_setup_stays(content, says):
    at = open_app()
    at.number_input(key="lr").set_value(0.125).run()  # the student's work so far
    at = upload(at, content)
    [error] = text(at.error)
    assert says in error and error.endswith("The last valid setup is kept.")
    assert config(at) == Config(lr=0.125)
    assert at.number_input(key="lr").value == 0.125


def test_the_repository_deploys_as_it_is():
    """Community Cloud takes the first of uv.lock, Pipfile, environment.yml, requirements.txt,
    pyproject.toml beside app.py or at the root: requirements.txt must be the one it finds."""
    root = Path(APP).parent
    for shadow in ("uv.lock", "Pipfile", "environment.yml", "environment.yaml"):
        assert not (root / shadow).exists(), f"{shadow} would shadow requirements.txt on Community Cloud"
    wanted = {line.split("==")[0] for line in (root / "requirements.txt").read_text().splitlines()
              if line and not line.startswith("#")}
    assert {"streamlit", "plotly", "numpy"} <= wanted and "pytest" not in wanted
    assert (root / ".streamlit" / "config.toml").exists()
    assert 'requires-python = ">=3.11"' in (root / "pyproject.toml").read_text()


# ---- issue #11: a lock that locks, messages that say what happened ----

@pytest.mark.parametrize("lock, off", [("lr,gradient,hidden", True), (None, False)],
                         ids=["locked", "no lock"])
def test_load_xor_is_off_while_the_lesson_locks_settings(lock, off):
    at = open_app(**({"lock": lock} if lock else {}))
    at.switch_page("pages/hidden_layer.py").run()
    assert not at.exception
    assert at.button(key="load_xor").disabled is off  # "no lock" is the negative control


def test_a_file_beyond_the_apps_epochs_is_loaded_and_says_what_is_used_instead():
    at = upload(open_app(), b'{"epochs": 1e6, "lr": 0.5}')
    assert text(at.success) == ["Loaded the setup from your file."]
    said = " ".join(text(at.warning))
    assert "epochs: 1,000,000 is more than this app trains" in said and "10,000 is used instead" in said
    assert not any("last valid setup is kept" in m for m in text([*at.error, *at.warning]))
    assert config(at) == Config(lr=0.5)  # the file's rate taken, its epochs bounded


def test_fifteen_thousand_bad_lock_names_give_one_short_warning():
    names = [f"knob{i}" for i in range(15_000)]
    at = open_app(lock=",".join(["lr", *names]))
    [warning] = text(at.warning)
    assert len(warning) < 400, len(warning)
    assert "'knob0', 'knob1'" in warning and "and 14,995 more" in warning
    assert disabled(at) == {"lr", "preset"}  # the good name still locks
