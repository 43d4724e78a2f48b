"""The player's pure JavaScript modules, tested with `node --test` (tests/js/) against
figures tinynet computes here. Without Node.js the test is skipped locally and fails
on CI (CI=true), like the browser tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from js_cases import write_cases

ROOT = Path(__file__).resolve().parent.parent
PLAYER = ROOT / "playground" / "player"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is missing on CI (apt-get install nodejs)", pytrace=False)
        pytest.skip("node is not installed (apt-get install nodejs)")
    return found


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("js") / "cases.json"
    write_cases(path)
    return path


def run_node_tests(cases: Path, player_dir: Path = PLAYER) -> subprocess.CompletedProcess:
    env = dict(os.environ, PLAYER_CASES=str(cases), PLAYER_DIR=str(player_dir))
    return subprocess.run([node(), "--test", "--test-reporter=tap", str(ROOT / "tests" / "js")],
                          capture_output=True, text=True, env=env, timeout=300)


def test_the_players_modules_pass_their_unit_tests(cases):
    result = run_node_tests(cases)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# skipped 0" in result.stdout, result.stdout[-3000:]  # tinynet's figures were there


def test_a_planted_error_in_the_hidden_layer_fails_them(cases, tmp_path):
    """Negative control: 0.10 added to the hidden layer's output (which every browser test
    once let through) must fail the unit tests."""
    planted = tmp_path / "player"
    shutil.copytree(PLAYER, planted)
    net = planted / "net.js"
    text = net.read_text()
    wrong = text.replace("  return sigmoid(z);\n}", "  return sigmoid(z) + 0.10;\n}", 1)
    assert wrong != text, "net.js changed shape: plant the error elsewhere"
    net.write_text(wrong)
    result = run_node_tests(cases, planted)
    assert result.returncode != 0
    assert "the forward pass gives tinynet's outputs" in result.stdout
