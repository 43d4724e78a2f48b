"""The CLI: flags named after the vocabulary, negative values as typed, one-line errors."""

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinynet import Config, train
from tinynet.cli import main
from tinynet.configfile import load
from tinynet.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parent.parent


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tinynet", *args], cwd=ROOT, capture_output=True, text=True)


def test_flags_reach_the_config(capsys):
    main(["--inputs", "-1,0;0,-1", "--targets", "1,0", "--w1", "-0.5", "--w2", "0.25", "--bias", "-1",
          "--lr", "0.5", "--epochs", "300", "--gradient", "exact", "--json"])
    result = json.loads(capsys.readouterr().out)
    expected = train(Config(inputs=((-1, 0), (0, -1)), targets=(1, 0), w1=-0.5, w2=0.25, bias=-1,
                            lr=0.5, epochs=300, gradient="exact"))
    assert result["weights"] == expected.weights.tolist() and result["bias"] == expected.bias
    assert result["mse"] == expected.losses[-1] and result["epochs"] == 300
    assert result["predictions"] == expected.predictions.tolist()


def test_hidden_layer_json_has_the_hidden_weights(capsys):
    main(["--preset", "xor", "--hidden", "4", "--gradient", "exact", "--lr", "1", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert len(result["hidden_weights"]) == 2 and len(result["hidden_weights"][0]) == 4
    assert len(result["hidden_bias"]) == 4 and len(result["weights"]) == 4
    assert result["mse"] < 0.01


@pytest.mark.parametrize("args, flag", [
    (["--lr", "abc"], "--lr"), (["--lr", "0"], "--lr"), (["--epochs", "-5"], "--epochs"),
    (["--inputs", "1,2;3"], "--inputs"), (["--targets", "0,1"], "--targets"),
    (["--gradient", "fast"], "--gradient"), (["--preset", "xx"], "--preset"),
    (["--hidden", "99"], "--hidden"), (["--bogus", "1"], "--bogus"), (["--lr"], "--lr"),
    (["--w1", "nan"], "--w1"), (["--config", ""], "--config"), (["--w1", "1" * 400], "--w1"),
    (["--epochs", "9" * 1999], "--epochs"), (["--gradient", "exact\nfast"], "--gradient"),
])
def test_bad_flags_exit_2_with_one_line(args, flag):
    out = cli(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and flag in lines[0] and "Traceback" not in out.stderr


def test_negative_control_good_flags_exit_0():
    out = cli("--w1", "-0.5", "--epochs", "10")
    assert out.returncode == 0 and "w1 = " in out.stdout


def run_main(args: list[str]) -> tuple[int, str, str]:
    """main() in this process: (status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(args)
        except SystemExit as exit:
            status = exit.code
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", VOCABULARY)
@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=30) | st.integers().map(str) | st.floats().map(repr)
       | st.integers(300, 2500).map(lambda digits: "7" * digits))
def test_any_text_for_any_flag_exports_or_exits_2_naming_the_flag(name, text):
    status, out, err = run_main([f"--{name}", text, "--export", "json"])
    if status == 0:
        assert err == "" and isinstance(load(out), Config)
    else:
        assert status == 2 and out == ""
        assert err.count("\n") == 1 and err.startswith(f"tinynet: error: --{name}: ") and len(err) < 320, err


def test_an_empty_config_name_is_an_error_not_the_default_setup():
    status, out, err = run_main(["--config", "", "--export", "json"])
    assert status == 2 and out == ""
    assert err == "tinynet: error: --config: expected the name of a setup file, not nothing\n"
    assert run_main(["--export", "json"])[0] == 0  # negative control: no --config at all is the default
