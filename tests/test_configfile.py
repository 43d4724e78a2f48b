"""Setup files: a valid file loads (the negative control); every kind of bad file
is refused with one clear line naming the field; the CLI reads them with --config."""

import contextlib
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinynet import FIELDS, PRESETS, Config
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
    assert load('{"preset": "xor", "hidden": 4}') == Config(targets=(0, 1, 0, 1), hidden=4)
    assert load(b'\xef\xbb\xbf{"epochs": 3}') == Config(epochs=3)  # a BOM, as some editors write


@pytest.mark.parametrize("text, says", [
    ("", "setup file: not valid JSON"),
    ("{'lr': 0.5}", "setup file: not valid JSON (line 1, column 2"),
    ('{"lr": 0.5,}', "setup file: not valid JSON"),
    ("[0.5]", "setup file: expected a JSON object"),
    ('"lr"', "setup file: expected a JSON object"),
    ('{"lr": NaN}', "lr: NaN is not allowed (not a finite number)"),
    ('{"w1": -Infinity}', "w1: -Infinity is not allowed (not a finite number)"),
    ("[" * 10_000, "setup file: nested too deeply"),
    ('{"inputs": [[[0, 0]], [[0, 1]]]}', "inputs: nested too deeply"),
    ('{"lr": 0.5, "seed": {"a": [[1]]}}', "seed: nested too deeply"),
    ("[" * 5000 + "]" * 5000, "setup file: nested too deeply"),
    ('{"lr": "0.5"}', "lr: '0.5' is not allowed (not a number)"),
    ('{"lr": true}', "lr: True is not allowed (not a number)"),
    ('{"lr": null}', "lr: None is not allowed (not a number)"),
    ('{"lr": [0.5]}', "lr: [0.5] is not allowed (not a number)"),
    ('{"lr": 0}', "lr: 0 is not allowed (not above 0); expected a number above 0"),
    ('{"lr": 1e999}', "lr: 1e999 is not allowed (too large)"),
    ('{"w1": 1' + "0" * 400 + "}", "w1: <a 401-digit number> is not allowed (too large)"),
    ('{"w1": 9' + "9" * 5000 + "}", "w1: <a 5,001-digit number> is not allowed (too large)"),
    ('{"epochs": 2.5}', "epochs: 2.5 is not allowed (not a whole number)"),
    ('{"epochs": 2000000}', "epochs: 2000000 is not allowed (above 1,000,000)"),
    ('{"epochs": 1' + "0" * 399 + "}", "epochs: <a 400-digit number> is not allowed (above 1,000,000)"),
    ('{"hidden": 17}', "hidden: 17 is not allowed"),
    ('{"seed": -1}', "seed: -1 is not allowed (below 0)"),
    ('{"gradient": "fast"}', "gradient: 'fast' is not allowed; expected notebook or exact"),
    ('{"gradient": ["exact"]}', "gradient: expected text in quotes, not a list"),
    ('{"gradient": 1}', "gradient: expected text in quotes, not a number"),
    ('{"inputs": "0,0;0,1;1,1;1,0"}', "inputs: expected a JSON list, not text"),
    ('{"inputs": {"x1": 0, "x2": 1}}', "inputs: expected a JSON list, not an object"),
    ('{"inputs": [{"0": 0, "1": 1}]}', "inputs: {'0': 0, '1': 1} is not allowed (row 1: not a list of two"),
    ('{"inputs": [[0, 0, 0], [0, 1], [1, 1], [1, 0]]}', "inputs: [[0, 0, 0], [0, 1], [1, 1], [1, 0]] is not "
                                                       "allowed (row 1: 3 numbers, not two)"),
    ('{"inputs": [[0, 0], [0, true]]}', "inputs: [[0, 0], [0, True]] is not allowed (row 2: not a number)"),
    ('{"inputs": []}', "inputs: [] is not allowed (0 rows)"),
    ('{"inputs": [[0, 0], [0, 1]]}', "targets: (0.0, 1.0, 1.0, 0.0) is not allowed (4 targets for 2 rows of "
                                     "inputs)"),
    ('{"targets": [0, 1, 2, 0]}', "targets: [0, 1, 2, 0] is not allowed (number 3: above 1)"),
    ('{"targets": [0, null, 1, 0]}', "targets: [0, None, 1, 0] is not allowed (number 2: not a number)"),
    ('{"targets": [0, [1], 1, 0]}', "targets: [0, [1], 1, 0] is not allowed (number 2: not a number)"),
    ('{"targets": []}', "targets: [] is not allowed (0 numbers)"),
    ('{"preset": "xnor"}', "preset: 'xnor' is not allowed; expected a preset: notebook, and, or, nand, xor"),
    ('{"preset": null}', "preset: expected text in quotes, not null"),
    ('{"lr": 0.5, "rate": 1}', "'rate' is not a setting; settings are: inputs, targets"),
    ('{"lr": 0.5, "lr": 0.1}', "'lr' is given 2 times"),
])
def test_bad_files_give_one_clear_line(text, says):
    with pytest.raises(ValueError) as error:
        load(text)
    message = str(error.value)
    assert message.startswith(says) and "\n" not in message and len(message) < 300, message


def test_a_long_bad_value_is_shortened_in_the_message():
    message = str(pytest.raises(ValueError, load, '{"gradient": "' + "x" * 10_000 + '"}').value)
    assert message.startswith("gradient: 'xxx") and "..." in message and len(message) < 200
    rows = json.dumps({"inputs": [[i, "x" * 50] for i in range(60)]})
    message = str(pytest.raises(ValueError, load, rows).value)
    assert message.startswith("inputs: [[0, 'xxx") and "(row 1: not a number)" in message
    assert len(message) < 200


def test_oversized_and_binary_files_are_refused_before_parsing():
    with pytest.raises(ValueError, match=f"too large for a setup \\(at most {MAX_BYTES:,} bytes"):
        load(b" " * (MAX_BYTES + 1))
    with pytest.raises(ValueError, match="not UTF-8 text"):
        load(b"\x89PNG\r\n\x1a\n\xff\xfe")


def test_the_largest_setup_fits_the_size_limit():
    config = Config(inputs=tuple((-1.2345678901234567e-300, 9.876543210987654e+300) for _ in range(64)),
                    targets=(0.12345678901234568,) * 64)
    assert len(to_json(config)) < MAX_BYTES / 2 and load(to_json(config)) == config


class Raw(str):
    """JSON text written as it is: a number JSON can hold but float() cannot, like 1e999."""


def json_text(value) -> str:
    """json.dumps that also writes Raw text and integers of any length (Python's
    int-to-text limit, about 4,300 digits, is lifted only while writing)."""
    if isinstance(value, Raw):
        return value
    if isinstance(value, list):
        return "[" + ", ".join(json_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)}: {json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, int) and not isinstance(value, bool):
        limit = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return str(value)
        finally:
            sys.set_int_max_str_digits(limit)
    return json.dumps(value)


# every JSON value: null, true/false, integers up to thousands of digits, floats with
# NaN, Infinity and 1e999, text, lists and objects nested in each other
huge_int = st.integers(300, 6000).map(lambda digits: 10**digits - 1) | st.integers(300, 6000).map(
    lambda digits: -(10**digits))
huge_float = st.integers(309, 3000).map(lambda exponent: Raw(f"1e{exponent}")) | st.just(Raw("-2.5e400"))
leaves = (st.none() | st.booleans() | st.integers() | huge_int | st.floats() | huge_float
          | st.text(max_size=20))
any_json = st.recursive(leaves, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
    st.text(max_size=6), inner, max_size=3), max_leaves=8)
# and values near the right shapes, so that some land on a valid setup
near_valid = st.one_of(
    st.lists(st.lists(st.floats(-1e3, 1e3) | st.integers(-5, 5), min_size=1, max_size=3),
             min_size=1, max_size=5),
    st.lists(st.floats(0, 1) | st.integers(0, 1), min_size=3, max_size=5),
    st.sampled_from(["exact", "notebook", "xor", "and", ""]), st.integers(-2, 20), st.floats(-1, 200))
SETTINGS = [*FIELDS, "preset"]


def assert_names_the_field(message: str, name: str) -> None:
    assert "\n" not in message and len(message) < 300, message
    # rows and targets of different lengths are reported under targets, naming the inputs too
    crossed = name == "inputs" and message.startswith("targets: ") and "rows of inputs" in message
    assert message.startswith(f"{name}: ") or crossed, message


@pytest.mark.parametrize("name", SETTINGS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=any_json | near_valid)
def test_any_json_value_in_any_field_loads_or_names_the_field(name, value):
    text = json_text({name: value})
    try:
        config = load(text)
    except ValueError as error:
        if len(text.encode()) > MAX_BYTES:
            assert str(error).startswith("setup file: ") and "too large" in str(error)
        else:
            assert_names_the_field(str(error), name)
    else:
        assert isinstance(config, Config)


# and what only Python can hand over: tuples, sets, arrays, bytes, other number types
python_only = st.one_of(
    st.tuples(st.floats(-5, 5), st.floats(-5, 5)).map(lambda pair: (pair,)),
    st.sets(st.integers(), max_size=3),
    st.binary(max_size=6), st.complex_numbers(max_magnitude=5), st.fractions(), st.decimals(),
    st.sampled_from([object(), np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([0.5, 1.0]), np.int64(3),
                     np.float64("nan"), np.bool_(True), np.zeros((2, 2, 2)), range(3), {1: 2}]))


def canonical(value):
    """What Config keeps of a valid value, worked out apart from it: tuples and floats."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return tuple(canonical(item) for item in value)
    return value if isinstance(value, str) else float(value)


@pytest.mark.parametrize("name", FIELDS)
@settings(max_examples=150, deadline=None)
@given(value=any_json | near_valid | python_only)
def test_any_python_value_in_any_field_makes_a_config_or_names_the_field(name, value):
    """The same values handed to Config directly (1e999 as the float it reads as)."""
    value = float(value) if isinstance(value, Raw) else value
    try:
        config = Config(**{name: value})
    except ValueError as error:
        assert_names_the_field(str(error), name)
    else:
        assert getattr(config, name) == canonical(value)


def test_negative_control_the_values_above_do_make_configs():
    """The strategies reach valid setups too, and a bad value is refused (not accepted)."""
    assert load(json_text({"inputs": [[0, 1], [1, 0], [1, 1], [0, 0]]})).inputs[0] == (0.0, 1.0)
    assert load(json_text({"preset": "xor"})) == PRESETS["xor"].config
    with pytest.raises(ValueError, match="^w1: <a 1,000-digit number>"):
        load(json_text({"w1": 10**999}))


@pytest.mark.parametrize("name", SETTINGS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=any_json | near_valid)
def test_cli_any_json_file_exports_or_exits_2_with_one_line(name, value):
    text = json_text({name: value})
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lesson.json"
        path.write_text(text)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["--config", str(path), "--export", "json"])
            except SystemExit as exit:
                status = exit.code
    if status == 0:
        assert load(out.getvalue()) == load(text) and not err.getvalue()
    else:
        assert status == 2 and out.getvalue() == ""
        line, prefix = err.getvalue(), f"tinynet: error: --config: {str(path)!r}: "
        assert line.count("\n") == 1 and line.startswith(prefix)
        if len(text.encode()) <= MAX_BYTES:
            assert_names_the_field(line[len(prefix) :].strip(), name)


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
