import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for appdriver, whatever pytest's import mode

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_PATH = ROOT.parent / "shared" / "reference" / "golden.json"


@pytest.fixture(scope="session")
def golden():
    """The notebook's figures to full precision (shared/reference/golden.json)."""
    if not GOLDEN_PATH.exists():
        pytest.fail(f"golden figures missing: {GOLDEN_PATH}")
    return json.loads(GOLDEN_PATH.read_text())
