"""The CLI: flags named after the vocabulary, negative values as typed, one-line errors."""

import contextlib
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tinynet import PRESETS, Config, train
from tinynet.cli import main
from tinynet.configfile import load
from tinynet.verdict import MARGIN, network_verdict, row_verdicts
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


# ---- one rule for "right" (tinynet.verdict), as the report and the JSON use it ----

@pytest.mark.parametrize("output, target, expected", [
    (0.4999, 0, "unsure"), (0.5001, 1, "unsure"), (0.55, 1, "unsure"), (0.5999, 1, "unsure"),
    (0.3, 0, "right"), (0.6, 1, "right"), (0.4, 0, "right"), (0.0, 0, "right"), (1.0, 1, "right"),
    (0.7, 0, "wrong"), (0.2, 1, "wrong"), (0.3, 0.5, "wrong"), (0.9, 0.5, "right"),  # 0.5 is class 1
    (math.nan, 0, "unsure"),
])
def test_a_row_is_right_only_when_clearly_on_its_targets_side(output, target, expected):
    assert MARGIN == 0.1  # the hand-picked outputs above assume it
    assert row_verdicts([output], [target]) == (expected,)


@pytest.mark.parametrize("outputs, targets, counts, stuck, outcome", [
    ([0.4999, 0.3, 0.7, 0.55], [0, 0, 0, 1], (1, 1, 2), False, "some wrong"),
    ([0.4999, 0.5001, 0.5, 0.505], [0, 1, 0, 1], (0, 0, 4), True, "stuck"),
    ([0.4999, 0.5001, 0.5, 0.52], [0, 1, 0, 1], (0, 0, 4), False, "unsure"),  # one output just moved
    ([0.1, 0.9, 0.8], [0, 1, 1], (3, 0, 0), False, "all right"),
    ([0.1, 0.55], [0, 1], (1, 0, 1), False, "unsure"),
])
def test_the_whole_networks_verdict_by_hand(outputs, targets, counts, stuck, outcome):
    verdict = network_verdict(outputs, targets)
    assert (verdict.right, verdict.wrong, verdict.unsure) == counts
    assert verdict.stuck is stuck and verdict.outcome == outcome and verdict.rows == len(outputs)


def test_one_neuron_on_xor_is_stuck_and_a_hidden_layer_gets_all_right(capsys):
    xor = PRESETS["xor"].config.replace(gradient="exact", lr=1.0)
    one = network_verdict(train(xor).predictions, xor.targets)
    assert one.stuck and one.right == 0 and one.outcome == "stuck"
    four = network_verdict(train(xor.replace(hidden=4)).predictions, xor.targets)
    assert not four.stuck and four.right == 4 and four.outcome == "all right"
    main(["--preset", "xor", "--gradient", "exact", "--lr", "1", "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["rows"] == ["unsure"] * 4 and result["verdict"]["outcome"] == "stuck"
    assert result["verdict"]["margin"] == MARGIN


def test_the_report_says_right_by_the_same_rule():
    out = cli("--preset", "xor", "--gradient", "exact", "--lr", "1").stdout
    table = out.splitlines()[-5:-1]
    assert all(line.split()[-1] == "unsure" for line in table)  # outputs of 0.5 are no answer
    assert out.splitlines()[-1].startswith("verdict: stuck")
    # a target of 0.5 is class 1 (as in the app), not round(0.5) = 0: sigmoid(3) = 0.95 is right
    out = cli("--inputs", "0,0", "--targets", "0.5", "--bias", "3", "--epochs", "0").stdout
    assert out.splitlines()[-2].split()[-2:] == ["1", "yes"]
    assert out.splitlines()[-1].startswith("verdict: all 1 rows right")
