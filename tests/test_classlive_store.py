"""Class Live's rules, without any store: display names and run summaries."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from playground.classlive.rules import clean_name
from playground.classlive.summary import validate_summary

SUMMARY = {"lr": 0.5, "gradient": "exact", "hidden": 0, "epochs": 10_000, "rows_changed": False,
           "epoch": 10_000, "final_mse": 0.25, "epochs_to_target": None, "diverged": False, "event": "end"}


def summary(**changes) -> dict:
    return {**SUMMARY, **changes}


# --- names -----------------------------------------------------------------------------


@pytest.mark.parametrize("raw, kept", [
    ("Ada", "Ada"),
    ("  Ada   Lovelace \n", "Ada Lovelace"),
    ("Ad\x00a\x07", "Ada"),
    ("Ada\tL\r\nB", "Ada L B"),
    ("A\u200bd\u202ea", "Ada"),  # zero-width space, right-to-left override
    ("\x1b[31mRed", "[31mRed"),  # a terminal escape loses its ESC
    ("<b>Bo</b> & <script>", "<b>Bo</b> & <script>"),  # markup stays text: the page escapes it
    ("Zoë 🦊", "Zoë 🦊"),
    ("Lo\ud800ne", "Lone"),  # a lone surrogate is not text (and could not be sent to Redis)
    ("x" * 40, "x" * 40),
    ("   " + "x" * 40 + "\t", "x" * 40),  # 40 after trimming
])
def test_a_name_is_cleaned_for_display(raw, kept):
    assert clean_name(raw) == kept


@pytest.mark.parametrize("raw, says", [
    ("x" * 41, "name: 41 characters is too long; at most 40"),
    ("x" * 100_000, "name: 100,000 characters is too long"),
    ("", "name: empty"),
    ("  \t\n ", "name: empty"),
    ("\x00\x01\u200b", "name: empty"),
    (None, "name: None is not allowed; expected text"),
    (42, "name: 42 is not allowed"),
])
def test_a_bad_name_is_refused_with_one_line(raw, says):
    with pytest.raises(ValueError) as error:
        clean_name(raw)
    assert str(error.value).startswith(says) and "\n" not in str(error.value)



# --- summaries -----------------------------------------------------------------------------

JSON_LIKE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=5,
)
EDGES = st.sampled_from([
    "notebook", "exact", "end", "pause", "step", "End", "exact ", "x" * 100_000, 0, 1, -1, 16, 17, 100,
    10_000, 10_001, 1_000_000, 1_000_001, 2**64, 10**400, 0.0, -0.0, 1e-300, 100.0, 100.5, 3.0,
    math.nan, math.inf, -math.inf, True, False, None, [], {}, [0.5], {"lr": 0.5},
])
ANY_VALUE = JSON_LIKE | EDGES | st.integers(-3, 20) | st.floats(-1, 200)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _finite(value) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:  # an int beyond any float
        return False


VALID = {  # the rule for each field, written again independently of summary.py (epochs stays 10,000)
    "lr": lambda v: _finite(v) and 0 < v <= 100,
    "gradient": lambda v: isinstance(v, str) and v in ("notebook", "exact"),
    "hidden": lambda v: _whole(v) and 0 <= v <= 16,
    "epochs": lambda v: _whole(v) and SUMMARY["epoch"] <= v <= 1_000_000,
    "rows_changed": lambda v: isinstance(v, bool),
    "epoch": lambda v: _whole(v) and 0 <= v <= 10_000,
    "final_mse": lambda v: v is None or (_finite(v) and v >= 0),
    "epochs_to_target": lambda v: v is None or (_whole(v) and 0 <= v <= 10_000),
    "diverged": lambda v: isinstance(v, bool),
    "event": lambda v: isinstance(v, str) and v in ("end", "pause", "step"),
}


def _named_by(field: str, value) -> str:
    """The field a refusal names: an epochs below the epoch reached is the epoch's fault."""
    return "epoch" if field == "epochs" and _whole(value) and 0 <= value < SUMMARY["epoch"] else field


@settings(max_examples=400, deadline=None)
@given(field=st.sampled_from(sorted(VALID)), value=ANY_VALUE)
def test_a_summary_is_accepted_exactly_when_every_field_is_valid(field, value):
    candidate = summary(**{field: value})
    if VALID[field](value):
        kept = validate_summary(candidate)
        assert getattr(kept, field) == value and validate_summary(kept.__dict__) == kept
        assert len(kept.to_json()) < 300
    else:
        with pytest.raises(ValueError) as error:
            validate_summary(candidate)
        message = str(error.value)
        assert message.startswith(f"{_named_by(field, value)}: ") and "\n" not in message
        assert len(message) < 200


@pytest.mark.parametrize("candidate, says", [
    ({**SUMMARY, "history": [0.25] * 10_000}, "summary: 'history' is not a field"),
    ({**SUMMARY, 1: 2}, "summary: 1 is not a field"),
    ({k: v for k, v in SUMMARY.items() if k != "final_mse"}, "final_mse: missing"),
    ([SUMMARY], "summary: [{"),
    ("end", "summary: 'end' is not allowed"),
    (None, "summary: None is not allowed"),
])
def test_a_summary_of_the_wrong_shape_is_refused(candidate, says):
    with pytest.raises(ValueError) as error:
        validate_summary(candidate)
    assert str(error.value).startswith(says) and len(str(error.value)) < 300
