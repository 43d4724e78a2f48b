"""Config validation: every invalid value is refused with a message naming the
field; every valid config trains without a warning."""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tinynet import FIELDS, PRESETS, Config, configfile, format_value, from_strings, parse, to_strings, train
from tinynet.cli import parser
from tinynet.codec import format_field, parse_field
from tinynet.fields import Field
from tinynet.presets import STARTS
from tinynet.vocabulary import VOCABULARY

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


def test_negative_control_valid_values_at_the_limits_are_accepted_and_kept():
    """Config does not refuse everything: values at each limit pass, unchanged."""
    config = Config(inputs=[[1e300, -1e300]], targets=[0.5], w1=-1e308, lr=100, epochs=0, hidden=16,
                    seed=2**32 - 1)
    assert (config.inputs, config.targets) == (((1e300, -1e300),), (0.5,))
    assert (config.w1, config.lr) == (-1e308, 100.0)
    assert (config.epochs, config.hidden, config.seed) == (0, 16, 4_294_967_295)
    assert Config(lr=5e-324, epochs=1_000_000, targets=[0, 1, 1e-300, 1]).lr == 5e-324


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
    settings_are = "settings are: inputs, targets, w1, w2, bias, lr, epochs, gradient, hidden, seed, preset"
    with pytest.raises(ValueError, match=f"^'colour' is not a setting; {settings_are}$"):
        from_strings({"colour": "red"})
    with pytest.raises(ValueError, match="^targets: .*4 targets for 3 rows of inputs"):
        from_strings({"inputs": "0,0;0,1;1,1"})
    with pytest.raises(ValueError, match="^'colour' is not a setting; settings are: inputs, .*, seed$"):
        Config().replace(colour="red")  # replace takes settings only: no preset


def test_presets_and_their_descriptions():
    assert {"notebook", "and", "or", "nand", "xor"} <= set(PRESETS)
    assert PRESETS["notebook"].config == Config()
    assert PRESETS["xor"].config.targets == (0, 1, 0, 1)
    assert PRESETS["and"].config.targets == (0, 0, 1, 0)
    assert all(p.description for p in PRESETS.values())
    assert from_strings({"preset": "xor", "lr": "1"}) == Config(targets=(0, 1, 0, 1), lr=1.0)
    assert from_strings({"lr": "1", "preset": "xor"}) == Config(targets=(0, 1, 0, 1), lr=1.0)  # any order


# ---- one vocabulary table ----

def test_the_text_forms_are_the_ones_links_and_flags_have_always_used():
    assert to_strings(Config()) == {
        "inputs": "0,0;0,1;1,1;1,0", "targets": "0,1,1,0", "w1": "0.1", "w2": "0.2", "bias": "0.3",
        "lr": "0.05", "epochs": "10000", "gradient": "notebook", "hidden": "0", "seed": "0"}
    assert format_value("targets", (0.5, 1 / 3)) == "0.5,0.3333333333333333"
    assert format_value("preset", "xor") == "xor" and parse("preset", " xor ") == "xor"


def test_config_is_made_from_the_fields_table():
    """Config's fields, their order and defaults are FIELDS'; the notebook's values
    themselves are checked in test_golden.test_default_config_is_the_notebook."""
    assert [f.name for f in dataclasses.fields(Config)] == list(FIELDS)
    assert all(getattr(Config(), name) == field.default for name, field in FIELDS.items())
    with pytest.raises(dataclasses.FrozenInstanceError):
        Config().lr = 1.0  # type: ignore[misc]
    assert Config(lr=1).lr == 1.0 and isinstance(Config(lr=1).lr, float)  # kept in canonical form
    assert Config(inputs=[[0, 1]], targets=[1]).inputs == ((0.0, 1.0),)
    assert Config().as_dict()["inputs"] == [[0.0, 0.0], [0.0, 1.0], [1.0, 1.0], [1.0, 0.0]]


def test_preset_is_a_declared_name_and_every_reader_takes_it_from_the_table():
    assert list(VOCABULARY) == [*FIELDS, "preset"] and VOCABULARY["preset"] is STARTS["preset"]
    assert STARTS["preset"].choices == tuple(PRESETS)
    assert configfile.NAMES == tuple(VOCABULARY)
    flags = {a.dest: a for a in parser()._actions}
    assert all(f"--{name}" in flags[name].option_strings for name in VOCABULARY)
    assert "a preset: notebook, and, or, nand, xor" in flags["preset"].help
    with pytest.raises(ValueError, match="^preset: 'xnor' is not allowed; expected a preset: notebook, and"):
        from_strings({"preset": "xnor"})


def test_a_lower_limit_can_exclude_itself():
    """`above_low` says "above 0" for any field (lr uses it), not a check on a name."""
    rate = Field("rate", "float", 1.0, "a rate", "a number above 0", low=0.0, above_low=True)
    assert rate.check(5e-324) == 5e-324
    with pytest.raises(ValueError, match=r"^rate: 0.0 is not allowed \(not above 0\); expected a number"):
        rate.check(0.0)
    inclusive = Field("rate", "float", 1.0, "a rate", "a number from 0", low=0.0)
    assert inclusive.check(0.0) == 0.0  # negative control: without above_low, 0 itself is allowed
    with pytest.raises(ValueError, match=r"^lr: 0 is not allowed \(not above 0\)"):
        Config(lr=0)


def test_fields_for_a_list_of_names_and_an_on_off_flag():
    """The kinds the app's lesson options need (lock=gradient,play and presenter=1)."""
    lock = Field("lock", "names", (), "Controls to lock", "names of settings or controls",
                 choices=("gradient", "lr", "play"))
    assert parse_field(lock, " lr, play,") == ("lr", "play") and parse_field(lock, "") == ()
    assert format_field(lock, ("lr", "play")) == "lr,play"
    with pytest.raises(ValueError, match=r"^lock: .*\(name 2: 'plya' is not one of them\)"):
        parse_field(lock, "lr,plya")
    with pytest.raises(ValueError, match=r"^lock: .*\('lr' is given twice\)"):
        lock.check(["lr", "lr"])
    presenter = Field("presenter", "flag", False, "Presenter mode", "1 (on) or 0 (off)")
    assert parse_field(presenter, "1") is True and parse_field(presenter, "0") is False
    assert format_field(presenter, True) == "1"
    with pytest.raises(ValueError, match=r"^presenter: 'yes' is not allowed; expected 1 \(on\) or 0 \(off"):
        parse_field(presenter, "yes")
    with pytest.raises(ValueError, match="^presenter: 1 is not allowed"):
        presenter.check(1)  # 1 is not True here: a flag is a bool


def test_a_field_declared_wrongly_fails_when_declared():
    with pytest.raises(ValueError, match="^rate: 0.0 is not allowed"):
        Field("rate", "float", 0.0, "a rate", "a number above 0", low=0.0, above_low=True)
    with pytest.raises(ValueError, match="unknown kind 'colour'"):
        Field("tint", "colour", "red", "a tint", "a colour")


def test_a_number_too_large_for_a_float_is_named_as_typed():
    """1e999 reads as inf; the message shows what was typed, not "inf" (which the
    reader never typed); a number just inside the float range is taken."""
    with pytest.raises(ValueError, match=r"^w1: '1e999' is not allowed \(too large: beyond ±1\.8e308"):
        parse("w1", "1e999")
    with pytest.raises(ValueError, match=r"^inputs: '-1e400' is not allowed \(too large"):
        parse("inputs", "0,0;1,-1e400")
    assert parse("w1", "1.7e308") == 1.7e308  # negative control: the largest floats are finite
