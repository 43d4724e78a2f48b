"""Exports: the script and the notebook, run on their own, give tinynet's numbers
for random setups; the notebook is valid nbformat; the CSV keeps both ends."""

import json
import random
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from tinynet import Config, Trainer, resume, train
from tinynet.configfile import load
from tinynet.export import csv_columns, export, to_csv, to_json, to_notebook, to_python
from tinynet.segments import Segment, check_segments
from tinynet.train import replay, sample_epochs

ROOT = Path(__file__).resolve().parent.parent
# runs an exported script in a fresh interpreter and hands back its final variables
RUNNER = ("import json, runpy, sys; ns = runpy.run_path(sys.argv[1]); "
          "print(json.dumps({k: ns[k].tolist() if hasattr(ns[k], 'tolist') else ns[k] "
          "for k in ('weights', 'bias', 'hidden_weights', 'hidden_bias') if k in ns}))")


def random_setup(rng: random.Random) -> Config:
    """A random setup that trains without overflowing (both modes, hidden or not)."""
    rows = rng.randint(1, 6)
    return Config(
        inputs=tuple((rng.uniform(-2, 2), rng.uniform(-2, 2)) for _ in range(rows)),
        targets=tuple(rng.choice([0.0, 1.0, rng.random()]) for _ in range(rows)),
        w1=rng.uniform(-3, 3), w2=rng.uniform(-3, 3), bias=rng.uniform(-3, 3),
        lr=rng.choice([0.05, 0.5, rng.uniform(0.01, 2)]), epochs=rng.randint(0, 1500),
        gradient=rng.choice(["notebook", "exact"]), hidden=rng.choice([0, 0, 1, 3, 5]),
        seed=rng.randint(0, 2**32 - 1))


SETUPS = [Config(), Config(gradient="exact"), Config(hidden=4, targets=(0, 1, 0, 1), lr=1.0)] + [
    random_setup(random.Random(seed)) for seed in range(12)]


def assert_same_numbers(final: dict, run) -> None:
    close = dict(rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(final["weights"], run.weights, **close)
    np.testing.assert_allclose(final["bias"], run.bias, **close)
    if run.config.hidden:
        np.testing.assert_allclose(final["hidden_weights"], run.hidden_weights, **close)
        np.testing.assert_allclose(final["hidden_bias"], run.hidden_bias, **close)


def test_the_notebook_script_prints_the_notebooks_numbers(tmp_path, golden):
    script = tmp_path / "run.py"
    script.write_text(to_python(Config()))
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True).stdout
    printed = golden["notebook_gradient"]["printed"]
    w1, w2 = printed["weights"]
    assert f"weights: [{w1:.8f}  {w2:.8f}]" in out  # NumPy's print, as the notebook's
    bias = float(out.split("bias: ")[1].split()[0])
    assert round(bias, 8) == printed["bias"]


@pytest.mark.parametrize("config", SETUPS, ids=lambda c: f"h{c.hidden}-{c.gradient}-e{c.epochs}")
def test_exported_script_reproduces_tinynet(config, tmp_path):
    script = tmp_path / "run.py"
    script.write_text(to_python(config))
    done = subprocess.run([sys.executable, "-c", RUNNER, str(script)], capture_output=True, text=True,
                          check=True, env={"PATH": "", "PYTHONNOUSERSITE": "1"}, cwd=tmp_path)
    assert_same_numbers(json.loads(done.stdout.splitlines()[-1]), train(config))


@pytest.mark.parametrize("config", SETUPS[::3], ids=lambda c: f"h{c.hidden}-{c.gradient}-e{c.epochs}")
def test_notebook_is_valid_and_runs_cell_by_cell(config, capsys):
    notebook = nbformat.reads(to_notebook(config), as_version=4)
    nbformat.validate(notebook)
    kinds = [cell.cell_type for cell in notebook.cells]
    assert kinds[0] == "markdown" and "code" in kinds
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "<cell>", "exec"), namespace)  # our own generated code
    assert "mean squared error" in capsys.readouterr().out
    assert_same_numbers(namespace, train(config))


def test_script_and_notebook_share_their_code():
    config = SETUPS[4]
    cells = [c["source"] for c in json.loads(to_notebook(config))["cells"] if c["cell_type"] == "code"]
    script = to_python(config)
    assert all(cell in script for cell in cells)


def test_the_chosen_gradient_is_the_one_written():
    assert "s = sigmoid(a)" in to_python(Config()) and "s = sigmoid(a)" not in to_python(
        Config(gradient="exact"))


def test_a_diverging_setup_stops_like_tinynet(tmp_path):
    config = Config(inputs=((1e307, 1.0), (0.0, 1.0)), targets=(1.0, 0.0), w1=-1, w2=-1, lr=100, epochs=50)
    script = tmp_path / "run.py"
    script.write_text(to_python(config))
    done = subprocess.run([sys.executable, "-c", RUNNER, str(script)], capture_output=True, text=True,
                          check=True)
    run = train(config)
    assert run.diverged_at is not None and "stopped at epoch" in done.stdout
    assert_same_numbers(json.loads(done.stdout.splitlines()[-1]), run)


def test_huge_but_finite_values_train_on_in_the_script_as_in_tinynet(tmp_path):
    """1e308 + 1e308 overflows, but no single value does: the script must not stop
    (the diverging setup above is the negative control)."""
    config = Config(inputs=((1e308, 1.0), (0.0, 1e308)), targets=(1.0, 0.0), w1=1e308, w2=1e308, bias=0.0,
                    epochs=50)
    script = tmp_path / "run.py"
    script.write_text(to_python(config))
    done = subprocess.run([sys.executable, "-c", RUNNER, str(script)], capture_output=True, text=True,
                          check=True)
    run = train(config)
    assert run.diverged_at is None and "stopped at epoch" not in done.stdout
    assert_same_numbers(json.loads(done.stdout.splitlines()[-1]), run)


@pytest.mark.parametrize("config", SETUPS)
def test_json_round_trips_exactly(config):
    assert load(to_json(config)) == config
    assert load(to_json(config).encode()) == config


def test_csv_keeps_both_ends_and_stays_small():
    run = train(Config(epochs=100_000), record=True)
    lines = to_csv(run, max_rows=500).splitlines()
    assert lines[0] == "epoch,mse,w1,w2,bias" and len(lines) - 1 <= 500
    first, last = lines[1].split(","), lines[-1].split(",")
    assert first == ["0", repr(float(run.losses[0])), "0.1", "0.2", "0.3"]
    assert int(last[0]) == 100_000 and float(last[1]) == run.losses[-1]
    assert [float(v) for v in last[2:]] == [*run.weights, run.bias]
    epochs = [int(line.split(",")[0]) for line in lines[1:]]
    assert epochs == sorted(set(epochs)) and epochs[1:6] == [1, 2, 3, 4, 5]  # detail where it moves


def test_short_runs_keep_every_epoch_and_hidden_runs_name_their_columns():
    run = train(Config(epochs=30, hidden=2), record=True)
    lines = to_csv(run).splitlines()
    assert lines[0].split(",") == csv_columns(2) and len(lines) == 32
    assert len(csv_columns(2)) == 2 + run.history.shape[1]


@pytest.mark.parametrize("last, most", [(0, 2), (1, 2), (10, 3), (9999, 7), (10**6, 1001)])
def test_sampled_epochs_are_sorted_bounded_and_keep_the_ends(last, most):
    picked = sample_epochs(last, most)
    assert picked[0] == 0 and picked[-1] == last and len(picked) <= most
    assert np.all(np.diff(picked) > 0)


def test_csv_needs_a_recorded_run():
    with pytest.raises(ValueError, match="record=True"):
        to_csv(train(Config(epochs=5)))


def cli(*args):
    return subprocess.run([sys.executable, "-m", "tinynet", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("kind", ["py", "ipynb", "json", "csv"])
def test_cli_exports_to_stdout(kind):
    done = cli("--preset", "xor", "--hidden", "2", "--epochs", "300", "--lr", "0.7",
               "--export", kind)
    config = Config(targets=(0, 1, 0, 1), hidden=2, epochs=300, lr=0.7)
    expected = {"py": to_python, "ipynb": to_notebook, "json": to_json}.get(kind)
    assert done.returncode == 0 and done.stderr == ""
    if expected:
        assert done.stdout == expected(config)
    else:
        assert done.stdout == to_csv(train(config, record=True))


@pytest.mark.parametrize("args", [["--export", "pdf"], ["--export"], ["--export", "py", "--lr", "x"]])
def test_cli_bad_export_exits_2_with_one_line(args):
    done = cli(*args)
    assert done.returncode == 2 and done.stdout == "" and done.stderr.count("\n") == 1


# ---- a run changed mid-way (spliced): the exports replay its segments ----

def spliced(config: Config, changes) -> object:
    """The app's path: train, then resume() at each (epoch, lr, gradient)."""
    run = train(config, record=True)
    for epoch, lr, gradient in changes:
        run = resume(run, epoch, config.replace(lr=lr, gradient=gradient)).run_to_end().run()
    return run


def carried_on(config: Config, changes) -> dict:
    """The same run by another path, without resume or segments: train k epochs with
    train(), then a fresh Trainer started from those parameters for the rest."""
    bounds = [epoch for epoch, _, _ in changes] + [config.epochs]
    run = train(config.replace(epochs=bounds[0]))
    for (epoch, lr, gradient), end in zip(changes, bounds[1:]):
        start = {key: np.asarray(value, float)[None] for key, value in run.params.items()}
        rest = config.replace(lr=lr, gradient=gradient, epochs=end - epoch)
        run = Trainer([rest], start=start).run_to_end().run()
    return run.params


SPLICES = [
    (Config(epochs=4000), [(3012, 5.0, "notebook")]),
    (Config(epochs=900, gradient="exact", lr=0.5), [(300, 0.05, "notebook"), (600, 2.0, "exact")]),
    (Config(epochs=700, hidden=3, targets=(0, 1, 0, 1), lr=0.5, seed=4), [(250, 3.0, "exact")]),
]


@pytest.mark.parametrize("config, changes", SPLICES, ids=["lr", "lr-and-mode", "hidden"])
def test_the_script_of_a_spliced_run_ends_where_the_run_did(config, changes, tmp_path):
    run = spliced(config, changes)
    assert run.segments == (Segment(0, config.lr, config.gradient), *(Segment(*c) for c in changes))
    expected = carried_on(config, changes)
    for key in expected:  # the splice itself, against the independent path
        np.testing.assert_allclose(run.params[key], expected[key], rtol=1e-9, atol=1e-12)
    script = tmp_path / "run.py"
    script.write_text(to_python(run.config, run.segments))
    done = subprocess.run([sys.executable, "-c", RUNNER, str(script)], capture_output=True, text=True,
                          check=True, env={"PATH": "", "PYTHONNOUSERSITE": "1"}, cwd=tmp_path)
    final = json.loads(done.stdout.splitlines()[-1])
    assert_same_numbers(final, run)
    # negative control: the script of one rate throughout, the new one, ends elsewhere
    namespace: dict = {}
    exec(compile(to_python(run.config), "<one rate>", "exec"), namespace)  # our own generated code
    assert np.max(np.abs(namespace["weights"] - run.weights)) > 1e-3


def test_the_spliced_script_says_when_the_rate_changed():
    run = spliced(*SPLICES[0])
    text = to_python(run.config, run.segments)
    said = " ".join(line.lstrip("# ") for line in text.splitlines()[:6])
    assert ("4000 epochs, changed mid-run: epochs 0 to 3,011 at learning rate 0.05, then at 5.0 from "
            "epoch 3,012, the `notebook` gradient throughout") in said
    assert "changes = {3012: (5.0, 'notebook')}" in text
    assert "changes" not in to_python(Config(epochs=4000))  # one segment: the plain script


def test_the_spliced_notebook_runs_to_the_same_numbers(capsys):
    run = spliced(*SPLICES[1])
    notebook = nbformat.reads(to_notebook(run.config, run.segments), as_version=4)
    nbformat.validate(notebook)
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, "<cell>", "exec"), namespace)  # our own generated code
    assert "mean squared error" in capsys.readouterr().out
    assert_same_numbers(namespace, run)


def test_export_takes_a_run_or_its_segments():
    run = spliced(*SPLICES[1])
    assert export(run.config, "py", run=run) == to_python(run.config, run.segments)
    assert export(run.config, "ipynb", segments=run.segments) == to_notebook(run.config, run.segments)
    assert export(run.config, "csv", segments=run.segments) == to_csv(run)  # rebuilt by replay
    rebuilt = replay(run.config, run.segments)
    assert rebuilt.weights.tolist() == run.weights.tolist() and rebuilt.segments == run.segments


def test_the_history_of_a_spliced_run_says_each_rows_rate():
    run = spliced(Config(epochs=60), [(20, 5.0, "exact"), (40, 0.5, "exact")])
    lines = to_csv(run).splitlines()
    assert lines[0] == "epoch,mse,w1,w2,bias,lr,gradient" and len(lines) == 62
    rates = {int(line.split(",")[0]): tuple(line.split(",")[-2:]) for line in lines[1:]}
    assert rates[19] == ("0.05", "notebook") and rates[20] == ("5.0", "exact")
    assert rates[39] == ("5.0", "exact") and rates[40] == rates[60] == ("0.5", "exact")
    history = run.history
    assert [float(v) for v in lines[21].split(",")[2:5]] == history[20].tolist()


def test_segments_are_checked():
    config = Config(epochs=100)
    assert check_segments(config, None) == (Segment(0, 0.05, "notebook"),)
    assert check_segments(config, [(0, 1, "exact"), (150, 2.0, "exact")]) == (Segment(0, 1.0, "exact"),)
    for bad, says in [([(5, 0.1, "exact")], "first must start at epoch 0"), ([], "first must start"),
                      ([(0, 0.1, "exact"), (50, 0.2, "exact"), (50, 0.3, "exact")], "each must start after"),
                      ([(0, 0.0, "exact")], "^lr: 0.0 is not allowed"),
                      ([(0, 0.1, "fast")], "^gradient: 'fast' is not allowed")]:
        with pytest.raises(ValueError, match=says):
            to_python(config, bad)
