"""Config validation: every invalid value is refused with a message naming the
field; every valid config trains without a warning."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinynet import FIELDS, PRESETS, Config, format_value, from_strings, parse, to_strings, train

finite = st.floats(allow_nan=False, allow_infinity=False)
non_finite = st.sampled_from([math.nan, math.inf, -math.inf])
junk = st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(st.integers(), max_size=2))

INVALID = {
    "inputs": st.one_of(junk, st.just([]), st.lists(st.tuples(finite, finite), min_size=65, max_size=66),
                        st.lists(st.tuples(finite, non_finite), min_size=1, max_size=3),
                        st.lists(st.tuples(finite), min_size=1, max_size=3)),
    "targets": st.one_of(junk, st.lists(st.floats(1.0001, 1e9), min_size=4, max_size=4),
                         st.lists(st.floats(-1e9, -0.0001), min_size=4, max_size=4),
                         st.lists(finite.filter(lambda v: 0 <= v <= 1), min_size=5, max_size=8)),
    "w1": st.one_of(non_finite, junk), "w2": st.one_of(non_finite, junk), "bias": st.one_of(non_finite, junk),
    "lr": st.one_of(non_finite, junk, st.floats(-1e9, 0), st.floats(100.0001, 1e9)),
    "epochs": st.one_of(junk, st.integers(max_value=-1), st.integers(min_value=1_000_001), st.just(2.5)),
    "gradient": st.one_of(junk, st.text(max_size=8).filter(lambda s: s not in ("notebook", "exact"))),
    "hidden": st.one_of(junk, st.integers(max_value=-1), st.integers(min_value=17)),
    "seed": st.one_of(junk, st.integers(max_value=-1), st.integers(min_value=2**32)),
}


@pytest.mark.parametrize("name", list(FIELDS))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_every_invalid_value_names_its_field(name, data):
    value = data.draw(INVALID[name])
    with pytest.raises(ValueError, match=rf"^{name}: .* expected {FIELDS[name].allowed[:20]}"):
        Config(**{name: value})


def test_negative_control_valid_values_are_accepted():
    """The strategies above are not just rejecting everything."""
    Config(inputs=[[1e300, -1e300]], targets=[0.5], w1=-1e308, lr=100, epochs=0, hidden=16, seed=2**32 - 1)


@st.composite
def valid_configs(draw):
    rows = draw(st.integers(1, 6))
    coordinate = st.floats(-1e6, 1e6, allow_nan=False)
    return Config(
        inputs=[(draw(coordinate), draw(coordinate)) for _ in range(rows)],
        targets=[draw(st.floats(0, 1)) for _ in range(rows)],
        w1=draw(finite), w2=draw(finite), bias=draw(finite),
        lr=draw(st.floats(1e-6, 100)), epochs=draw(st.integers(0, 300)),
        gradient=draw(st.sampled_from(["notebook", "exact"])),
        hidden=draw(st.integers(0, 3)), seed=draw(st.integers(0, 2**32 - 1)),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=valid_configs())
def test_every_valid_config_trains_without_warnings(config):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = train(config)
    assert 0 <= run.epoch <= config.epochs
    assert len(run.losses) == run.epoch + 1
    assert np.all(np.isfinite(run.weights)) and np.isfinite(run.bias)


@settings(max_examples=150, deadline=None)
@given(config=valid_configs())
def test_text_round_trip_is_exact(config):
    assert from_strings(to_strings(config)) == config


@pytest.mark.parametrize("name, text", [
    ("lr", "nan"), ("lr", "inf"), ("lr", "0x10"), ("lr", "1e999"), ("lr", "1_0"), ("lr", ""),
    ("epochs", "1e4"), ("epochs", "10.5"), ("inputs", "0,0;0"), ("inputs", "0,0,0"),
    ("targets", "0,,1"), ("gradient", "Exact"), ("w1", "--1"), ("w1", "1" * 2001),
])
def test_text_parsing_is_strict(name, text):
    with pytest.raises(ValueError, match=f"^{name}: "):
        parse(name, text)


def test_text_accepts_what_people_type():
    assert parse("inputs", "-1,0; 0,-1;") == ((-1.0, 0.0), (0.0, -1.0))
    assert parse("w1", " -.5 ") == -0.5 and parse("lr", "1e-3") == 0.001
    assert format_value("inputs", ((0.0, 1.0),)) == "0,1"


def test_unknown_names_and_row_mismatch_are_reported():
    with pytest.raises(ValueError, match="'colour' is not a setting"):
        from_strings({"colour": "red"})
    with pytest.raises(ValueError, match="^targets: .*4 targets for 3 rows"):
        from_strings({"inputs": "0,0;0,1;1,1"})


def test_presets_and_their_descriptions():
    assert {"notebook", "and", "or", "nand", "xor"} <= set(PRESETS)
    assert PRESETS["notebook"].config == Config()
    assert PRESETS["xor"].config.targets == (0, 1, 0, 1)
    assert PRESETS["and"].config.targets == (0, 0, 1, 0)
    assert all(p.description for p in PRESETS.values())
    assert from_strings({"preset": "xor", "lr": "1"}) == PRESETS["xor"].config.replace(lr=1.0)
