"""Bad input from a link, a widget or the table: a message naming the field, the
page still drawn, the last valid setup kept, never a traceback."""

from __future__ import annotations

import math
from urllib.parse import parse_qs

import pytest
from appdriver import config, edit_rows, open_app, player_args, rendered
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from playground.session import URL_NAMES
from tinynet import Config, codec


def player_run(at: AppTest) -> dict:
    return player_args(at)["run"]


def messages(at: AppTest) -> str:
    return " ".join(m.value for m in [*at.warning, *at.error])


def assert_fine(at: AppTest) -> Config:
    """No exception, the player drawn from a valid setup; return that setup."""
    assert not at.exception, [e.value for e in at.exception]
    setup = config(at)
    assert isinstance(setup, Config)
    assert player_run(at)["epochs"] == setup.epochs
    return setup


# (query, the field the message names): each comes with a good w1, which must be kept
BAD_LINKS = [
    ({"lr": "fast"}, "lr"), ({"lr": "nan"}, "lr"), ({"lr": "inf"}, "lr"), ({"lr": "-1"}, "lr"),
    ({"lr": "0"}, "lr"), ({"lr": "1e308"}, "lr"), ({"lr": "0x10"}, "lr"), ({"lr": ""}, "lr"),
    ({"epochs": "1.5"}, "epochs"), ({"epochs": "-3"}, "epochs"), ({"epochs": "99999999999999"}, "epochs"),
    ({"epochs": "200000"}, "epochs"),  # allowed by tinynet, above what the hosted app trains
    ({"inputs": "0,0;1"}, "inputs"), ({"inputs": "a,b;c,d"}, "inputs"),
    ({"inputs": ";".join(["1,1"] * 65)}, "inputs"),
    ({"targets": "2,0,1,0"}, "targets"), ({"targets": "0,1"}, "targets"),
    ({"targets": "0,1,1,0,1"}, "targets"),
    ({"inputs": "0,0;1,1;2,2"}, "targets"),  # three rows for four targets
    ({"gradient": "<script>alert(1)</script>"}, "gradient"), ({"preset": "evil"}, "preset"),
    ({"hidden": "17"}, "hidden"), ({"hidden": "16"}, "hidden"),  # tinynet allows 16; the app trains up to 8
    ({"hidden": "4", "epochs": "100000"}, "epochs"),  # a hidden layer costs ~55 µs an epoch: bounded
    ({"seed": "-1"}, "seed"), ({"seed": str(2**32)}, "seed"),
    ({"bias": "1" * 5000}, "bias"), ({"colour": "red"}, "colour"),
    ({"<img src=x onerror=alert(1)>": "1"}, "is not a setting"), ({"lr": ["0.1", "0.2"]}, "lr"),
]


@pytest.mark.parametrize("query, field", BAD_LINKS, ids=[f"{list(q)[0][:12]}={str(list(q.values())[0])[:16]}"
                                                         for q, _ in BAD_LINKS])
def test_a_bad_link_gives_a_message_and_keeps_the_rest(query, field):
    at = open_app({**query, "w1": "0.5"})
    config = assert_fine(at)
    said = messages(at)
    assert field in said, said
    assert config.w1 == 0.5  # the good value in the same link is taken
    html = [m.value for m in at.markdown if m.proto.allow_html]  # no user text is rendered as HTML
    assert not [h for h in html if "<script" in h or "onerror" in h]


def test_a_good_link_gives_no_message():  # negative control for the catalogue above
    at = open_app({"lr": "0.5", "epochs": "100000", "w1": "0.5"})
    assert not messages(at) and assert_fine(at) == Config(lr=0.5, epochs=100_000, w1=0.5)


def test_a_hidden_layer_within_the_app_bounds_is_taken():  # negative control for the bounds
    at = open_app({"hidden": "8", "epochs": "10000"})
    assert not messages(at) and assert_fine(at) == Config(hidden=8, epochs=10_000)


@pytest.mark.parametrize("query, kept", [
    ({"hidden": "8", "epochs": "20000"}, 10_000),  # ~90 µs an epoch: 1.8 s of a shared server
    ({"inputs": ";".join(["1000000,-1000000"] * 64), "targets": ",".join(["0"] * 64), "epochs": "100000"},
     33_000),  # 64 rows whose sums overflow: ~30 µs an epoch
])
def test_work_beyond_a_second_of_the_server_is_cut_and_said(query, kept):
    """The bound is the setup's cost (rows x hidden units x epochs), not its epochs alone."""
    at = open_app(query)
    assert assert_fine(at).epochs == kept
    said = rendered(messages(at))
    assert "would take this shared server about" in said and f"{kept:,} are used instead" in said


def test_the_app_limit_on_epochs_keeps_the_notebooks_value():
    config = assert_fine(open_app({"epochs": "200000"}))
    assert config.epochs == Config().epochs  # before the fix Streamlit silently made it 0


@pytest.mark.parametrize("name, value", [("w1", 1e308), ("bias", -1e308), ("lr", 100.0), ("epochs", 0),
                                         ("epochs", 100_000)])
def test_number_widgets_at_their_extremes(name, value):
    at = open_app({})
    at.number_input(key=name).set_value(value).run()
    config = assert_fine(at)
    assert getattr(config, name) == value
    run = player_run(at)
    if run["diverged_at"] is not None:
        assert "try a smaller learning rate" in messages(at)


@pytest.mark.parametrize("cell", ["abc", None, math.nan, math.inf, -math.inf, "1,2;3", "", "<b>1</b>"])
def test_bad_table_cells_are_reported_by_row_and_column(cell):
    at = edit_rows(open_app({}), {"2": {"x2": cell}})
    assert assert_fine(at) == Config()
    assert "row 3, x2" in rendered(at.sidebar.error[0].value)


def test_inputs_beyond_what_the_charts_draw_are_refused_by_name():
    at = edit_rows(open_app({}), {"0": {"x1": 1e308}})
    assert assert_fine(at) == Config()
    assert "inputs: values beyond ±1,000,000 are more than this app draws" in rendered(messages(at))
    at = edit_rows(open_app({}), {"0": {"x1": 1e6}})  # negative control: at the bound, taken
    assert assert_fine(at).inputs[0] == (1e6, 0.0) and not at.sidebar.error


# ---- properties: any query string gives the parsed setup or a message ----

names = st.one_of(st.sampled_from(URL_NAMES), st.text(max_size=12))
values = st.one_of(st.text(max_size=40), st.floats().map(repr), st.integers().map(str),
                   st.lists(st.tuples(st.floats(-5, 5), st.floats(-5, 5)), min_size=1, max_size=5).map(
                       lambda rows: ";".join(f"{a!r},{b!r}" for a, b in rows)))


# Text a link may hold for each name, with the value it means, written out here (not parsed)
finite = st.floats(allow_nan=False, allow_infinity=False)
number_texts = st.one_of(
    finite.map(lambda x: (repr(x), x)), st.integers(-10**6, 10**6).map(lambda n: (str(n), float(n))),
    st.sampled_from([("1e3", 1000.0), (".5", 0.5), ("+2.", 2.0), (" 7 ", 7.0)]))
LONGEST = 2000  # characters a link's value may have (codec.MAX_TEXT): 64 long rows can exceed it
whole_texts = {"epochs": (0, 1_000_000), "hidden": (0, 16), "seed": (0, 2**32 - 1)}
GOOD_TEXTS = {
    "w1": number_texts, "w2": number_texts, "bias": number_texts,
    "lr": st.floats(0, 100, exclude_min=True).map(lambda x: (repr(x), x)),
    **{name: st.integers(*bounds).map(lambda n: (str(n), n)) for name, bounds in whole_texts.items()},
    "gradient": st.sampled_from(["notebook", "exact"]).map(lambda g: (g, g)),
    "preset": st.sampled_from(["notebook", "and", "or", "nand", "xor"]).map(lambda p: (p, p)),
}
BAD_TEXTS = {  # each of these must be refused, whatever else the link holds
    "w1": ["fast", "nan", "inf", "-inf", "", "1e309", "0x10", "1,2", "1 2", "1" * 2001],
    "lr": ["0", "-1", "100.5", "1e-400", "nan", "1_0"],
    "epochs": ["1.5", "-3", "1000001", "1e3", "ten", ""],
    "hidden": ["17", "-1", "2.0"], "seed": ["-1", str(2**32), "0.5"],
    "gradient": ["Exact", "sgd", ""], "preset": ["evil", "XOR", ""],
    "inputs": ["0,0;1", "a,b;c,d", ";".join(["1,1"] * 65), "nan,0", "", "1,2,3"],
    "targets": ["2,0,1,0", "0,-1,1,0", "x", ",".join(["0"] * 65), "0;1"],
}
BAD_TEXTS["w2"] = BAD_TEXTS["bias"] = BAD_TEXTS["w1"]


@st.composite
def links(draw) -> tuple[dict, Config, list[str]]:
    """(query, the setup it must give, the names its messages must name), each name given
    a good text, a bad one, or nothing; the rows and targets drawn as a pair."""
    query, good, bad = {}, {}, []
    for name in ("w1", "w2", "bias", "lr", "epochs", "gradient", "hidden", "seed", "preset"):
        how = draw(st.sampled_from(["none", "good", "bad"]))
        if how == "good":
            query[name], good[name] = draw(GOOD_TEXTS[name])
        elif how == "bad":
            query[name] = draw(st.sampled_from(BAD_TEXTS[name]))
            bad.append(name)
    count = draw(st.integers(1, 64))
    rows = draw(st.lists(st.tuples(finite, finite), min_size=count, max_size=count))
    targets = draw(st.lists(st.floats(0, 1), min_size=count, max_size=count))
    for name, value, text in (("inputs", tuple(rows), ";".join(f"{a!r},{b!r}" for a, b in rows)),
                              ("targets", tuple(targets), ",".join(map(repr, targets)))):
        how = draw(st.sampled_from(["none", "good", "bad"]))
        if how == "good" and len(text) > LONGEST:
            query[name] = text
            bad.append(name)
        elif how == "good":
            query[name], good[name] = text, value
        elif how == "bad":
            query[name] = draw(st.sampled_from(BAD_TEXTS[name]))
            bad.append(name)
    start = Config() if "preset" not in good else {
        "notebook": Config(), "and": Config(targets=(0, 0, 1, 0)), "or": Config(targets=(0, 1, 1, 1)),
        "nand": Config(targets=(1, 1, 0, 1)), "xor": Config(targets=(0, 1, 0, 1))}[good.pop("preset")]
    if len(good.get("inputs", start.inputs)) != len(good.get("targets", start.targets)):
        good.pop("inputs", None), good.pop("targets", None)  # rows and targets that do not match: neither
        bad.append("targets")
    return query, start.replace(**good), bad


@given(links())
@settings(max_examples=400, deadline=None)
def test_a_link_gives_the_setup_or_says_why(link):
    """Every good value in a link is taken, exactly; every bad one is named, once; nothing else is."""
    query, expected, bad = link
    config, problems = codec.apply_strings(query)
    assert config == expected
    assert sorted(p.split(":", 1)[0] for p in problems) == sorted(bad), problems


def test_unknown_names_in_a_link_are_named_and_the_rest_taken():
    config, problems = codec.apply_strings({"colour": "red", "LR": "1", "lr": "0.5"})
    assert config == Config(lr=0.5)
    assert problems == ["'colour' is not a setting; settings are: " + ", ".join(codec.VOCABULARY),
                        "'LR' is not a setting; settings are: " + ", ".join(codec.VOCABULARY)]


@given(st.lists(st.tuples(names, values), max_size=5))
@example([("lock", ""), ("presenter", "1"), ("join", "ABCDEF"), ("lr", "0.5")])  # lesson options
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_query_string_opens_the_app(pairs):
    from urllib.parse import urlencode

    query = parse_qs(urlencode(pairs), keep_blank_values=True)  # as the server reads a link
    at = open_app({name: given if len(given) > 1 else given[0] for name, given in query.items()})
    config = assert_fine(at)
    if not messages(at):
        # lesson options (lock, presenter, join) are not settings: the setup is the settings' alone
        settings_given = {k: v[0] for k, v in query.items() if k in codec.VOCABULARY}
        assert config == codec.from_strings(settings_given)
