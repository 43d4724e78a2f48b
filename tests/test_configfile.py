"""Setup files: a valid file loads (the negative control); every kind of bad file
is refused with one clear line naming the field; the CLI reads them with --config."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinynet import PRESETS, Config
from tinynet.cli import main
from tinynet.configfile import MAX_BYTES, load
from tinynet.export import to_json

ROOT = Path(__file__).resolve().parent.parent


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tinynet", *args], cwd=ROOT, capture_output=True, text=True)


def test_a_valid_file_loads():
    config = Config(inputs=((-1.5, 2.0), (0.25, 1e-7)), targets=(1.0, 0.3), w1=-0.1, lr=1 / 3,
                    epochs=77, gradient="exact", hidden=2, seed=123456789)
    assert load(to_json(config)) == config


def test_left_out_fields_keep_the_defaults_or_the_presets():
    assert load('{"lr": 0.5}') == Config(lr=0.5)
    assert load('{"preset": "xor", "hidden": 4}') == PRESETS["xor"].config.replace(hidden=4)
    assert load(b'\xef\xbb\xbf{"epochs": 3}') == Config(epochs=3)  # a BOM, as some editors write


@pytest.mark.parametrize("text, says", [
    ("", "setup file: not valid JSON"),
    ("{'lr': 0.5}", "setup file: not valid JSON (line 1, column 2"),
    ('{"lr": 0.5,}', "setup file: not valid JSON"),
    ("[0.5]", "setup file: expected a JSON object"),
    ('"lr"', "setup file: expected a JSON object"),
    ('{"lr": NaN}', "setup file: NaN is not a number"),
    ('{"w1": -Infinity}', "setup file: -Infinity is not a number"),
    ("[" * 10_000, "setup file: nested too deeply"),
    ('{"inputs": [[[0, 0]], [[0, 1]]]}', "setup file: nested too deeply"),
    ("[" * 5000 + "]" * 5000, "setup file: nested too deeply"),
    ('{"lr": "0.5"}', "lr: '0.5' is not allowed (not a number)"),
    ('{"lr": true}', "lr: True is not allowed (not a number)"),
    ('{"lr": 0}', "lr: 0 is not allowed; expected a number above 0"),
    ('{"lr": 1e999}', "lr: inf is not allowed"),
    ('{"epochs": 2.5}', "epochs: 2.5 is not allowed (not a whole number)"),
    ('{"epochs": 2000000}', "epochs: 2000000 is not allowed"),
    ('{"hidden": 17}', "hidden: 17 is not allowed"),
    ('{"seed": -1}', "seed: -1 is not allowed"),
    ('{"gradient": "fast"}', "gradient: 'fast' is not allowed; expected notebook or exact"),
    ('{"gradient": ["exact"]}', "gradient: expected text in quotes, not a list"),
    ('{"inputs": "0,0;0,1;1,1;1,0"}', "inputs: expected a JSON list, not text"),
    ('{"inputs": {"x1": 0, "x2": 1}}', "inputs: expected a JSON list, not an object"),
    ('{"inputs": [[0, 0, 0], [0, 1], [1, 1], [1, 0]]}', "inputs:"),
    ('{"inputs": [[0, 0], [0, 1]]}', "targets:"),
    ('{"targets": [0, 1, 2, 0]}', "targets:"),
    ('{"targets": [0, null, 1, 0]}', "targets:"),
    ('{"preset": "xnor"}', "preset: 'xnor' is not a preset"),
    ('{"lr": 0.5, "rate": 1}', "'rate' is not a setting; settings are: inputs, targets"),
    ('{"lr": 0.5, "lr": 0.1}', "'lr' is given 2 times"),
])
def test_bad_files_give_one_clear_line(text, says):
    with pytest.raises(ValueError) as error:
        load(text)
    message = str(error.value)
    assert message.startswith(says) and "\n" not in message and len(message) < 400


def test_oversized_and_binary_files_are_refused_before_parsing():
    with pytest.raises(ValueError, match=f"too large for a setup \\(at most {MAX_BYTES:,} bytes"):
        load(b" " * (MAX_BYTES + 1))
    with pytest.raises(ValueError, match="not UTF-8 text"):
        load(b"\x89PNG\r\n\x1a\n\xff\xfe")


def test_the_largest_setup_fits_the_size_limit():
    config = Config(inputs=tuple((-1.2345678901234567e-300, 9.876543210987654e+300) for _ in range(64)),
                    targets=(0.12345678901234568,) * 64)
    assert len(to_json(config)) < MAX_BYTES / 2 and load(to_json(config)) == config


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                               max_size=4)))
def test_any_json_value_loads_or_says_why(value):
    try:
        text = json.dumps(value)
    except ValueError:
        return
    try:
        assert isinstance(load(text), Config)
    except ValueError as error:
        assert str(error) and "\n" not in str(error)


def test_cli_reads_a_file_and_flags_override_it(tmp_path, capsys):
    path = tmp_path / "lesson.json"
    path.write_text(to_json(Config(lr=0.5, epochs=200, gradient="exact")))
    main(["--config", str(path), "--export", "json"])
    assert load(capsys.readouterr().out) == Config(lr=0.5, epochs=200, gradient="exact")
    main(["--config", str(path), "--epochs", "50", "--export", "json"])
    assert load(capsys.readouterr().out) == Config(lr=0.5, epochs=50, gradient="exact")


@pytest.mark.parametrize("content, says", [
    (None, "--config: cannot read"),
    ('{"lr": 5000}', "lr: 5000 is not allowed"),
    ("{" * 50, "nested too deeply"),
    ("x" * (MAX_BYTES + 10), "too large"),
    ('{"lr": 0.5, "epoch": 3}', "'epoch' is not a setting"),
])
def test_cli_bad_config_exits_2_with_one_line(tmp_path, content, says):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_text(content)
    done = cli("--config", str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and says in done.stderr and "Traceback" not in done.stderr


def test_cli_refuses_a_preset_on_top_of_a_file(tmp_path):
    path = tmp_path / "lesson.json"
    path.write_text("{}")
    done = cli("--config", str(path), "--preset", "xor")
    assert done.returncode == 2 and done.stderr.startswith("tinynet: error: --preset: cannot be combined")
