"""A tiny app for the player's browser tests.

Settings come from the URL: tinynet settings by their names (lr=0.5, hidden=2,
preset=xor, ...) and the player's own options (presenter=1, start_epoch=N,
branch=ID, lock=step,reset). The component's value is printed
as one line of JSON after "component value:" so a test can read it.
"""

import json

import streamlit as st

from playground.player import player, run_spec
from playground.session import Session
from tinynet import from_strings, train

OPTIONS = ("presenter", "start_epoch", "branch", "lock")

st.set_page_config(page_title="player test", layout="wide")

query = {name: st.query_params[name] for name in st.query_params}
options = {name: query.pop(name) for name in OPTIONS if name in query}


@st.cache_resource
def recorded(settings: tuple):
    return run_spec(train(from_strings(dict(settings)), record=True))


run = recorded(tuple(sorted(query.items())))
player(
    run,
    key="player",
    start_epoch=int(options.get("start_epoch", 0)),
    presenter=options.get("presenter") == "1",
    branch=options.get("branch"),
    lock=[name for name in options.get("lock", "").split(",") if name],
)
st.text("component value: " + json.dumps(Session(st.session_state).player_value("player"), sort_keys=True))
