import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for appdriver, whatever pytest's import mode

GOLDEN_PATH = Path(__file__).resolve().parent / "data" / "golden.json"


@pytest.fixture(scope="session")
def golden():
    """The notebook's figures: what it printed, and full precision (tests/data/README.md)."""
    return json.loads(GOLDEN_PATH.read_text())
