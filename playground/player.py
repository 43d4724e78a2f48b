"""The player: plays a finished training run back in the browser.

The server trains once (tinynet) and sends the whole run to the page; the
browser then animates it on its own with requestAnimationFrame. Nothing is
sent back while it plays, so one server can hold a whole class (see
design.md section 4: server-side animation collapses beyond a few sessions).

    from playground.player import player
    value = player(train(config, record=True), key="player")
    # value: None until the student uses a control, then
    # {"epoch", "playing", "run_id", "event", "branch"}; see player.js.

It is a Streamlit v2 component (player/: markup, style, script), drawn in the
app's own page rather than an iframe: plotly.js then loads once per browser tab
and starts as soon as the player appears, which brings the first chart in about
as fast as a one-chart app (bench/playground.py).

Controls that can be disabled with lock=(...): "play", "step", "reset",
"speed", "scrub".
"""

from __future__ import annotations

import atexit
import base64
import functools
import hashlib
import math
import shutil
import tempfile
from pathlib import Path

import numpy as np
import streamlit as st

FRONTEND = Path(__file__).parent / "player"
CONTROLS = ("play", "step", "reset", "speed", "scrub")


def _b64(values: np.ndarray) -> str:
    """float32, little-endian, base64: what the browser reads as a Float32Array."""
    with np.errstate(over="ignore"):  # huge float64 become inf in float32; JS shows them as such
        data = np.ascontiguousarray(values, dtype="<f4")
    return base64.b64encode(data.tobytes()).decode("ascii")


def payload(run, *, max_frames: int = 10_001) -> dict:
    """The run as the component's `run` argument (plain JSON).

    Frame i holds epoch min(i * stride, reached): every epoch when the run has
    at most max_frames stored epochs, else every stride-th one plus the last,
    so epoch 0 and the final epoch are always there.
    """
    if run.history is None:
        raise ValueError("run: the player needs a run trained with record=True")
    if max_frames < 2:
        raise ValueError(f"max_frames: {max_frames} is too small; need at least 2")
    reached = int(run.epoch)
    stride = 1 if reached + 1 <= max_frames else math.ceil(reached / (max_frames - 1))
    rows = np.minimum(np.arange(0, reached + stride, stride), reached)
    mse = _b64(run.losses[rows])
    params = _b64(run.history[rows])
    config = run.config
    run_id = hashlib.sha256(
        repr((config.as_dict(), reached, stride)).encode() + mse.encode() + params.encode()
    ).hexdigest()[:16]
    return {
        "id": run_id,
        "epochs": int(config.epochs),
        "reached": reached,
        "diverged_at": run.diverged_at,
        "stride": int(stride),
        "frames": len(rows),
        "mse": mse,
        "params": params,
        "P": int(run.history.shape[1]),
        "hidden": int(config.hidden),
        "inputs": [list(row) for row in config.inputs],
        "targets": list(config.targets),
        "gradient": config.gradient,
        "lr": float(config.lr),
    }


@functools.cache
def _plotly_path() -> str:
    """Where the browser fetches plotly.js, relative to the Streamlit server.

    plotly.js (4.8 MB) is too big to send inline with every rerun, so it is served
    as a file: Streamlit's v1 component route serves a folder we assemble in a
    temp dir from the installed plotly package (no network at run time, nothing
    vendored into the repo). Nothing is ever drawn as a v1 component."""
    import plotly
    import streamlit.components.v1 as components

    folder = Path(tempfile.mkdtemp(prefix="tinynet-plotly-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", folder)
    files = components.declare_component("plotly_js", path=str(folder))
    return f"component/{files.name}/plotly.min.js"


@functools.cache
def _component():
    """Declare the player once per process, from the files in player/."""
    text = {kind: (FRONTEND / f"player.{kind}").read_text(encoding="utf-8") for kind in ("html", "css", "js")}
    # isolate_styles=False: Plotly puts its own styles in the page's <head>, which a
    # shadow root would hide from the charts; player.css scopes itself instead.
    return st.components.v2.component("tinynet_player", isolate_styles=False, **text)


def last_value(key: str) -> dict | None:
    """What the student's last action in the player reported (None before any)."""
    return (st.session_state.get(key) or {}).get("value")


def player(run, *, key: str, start_epoch: int = 0, autoplay: bool = False,
           branch: str | None = None, presenter: bool = False, lock=()) -> dict | None:
    """Show the player for `run`; return the last value the student's actions sent.

    start_epoch: where a new run starts. autoplay: start playing a new run at once.
    branch: a request id; when it changes, the player replies at once with its
    current epoch (event "branch") so the server can carry on from there.
    presenter: bigger fonts and thicker lines for a projector.
    lock: controls to disable, from CONTROLS.
    """
    unknown = set(lock) - set(CONTROLS)
    if unknown:
        raise ValueError(f"lock: {sorted(unknown)} are not controls; controls are: {', '.join(CONTROLS)}")
    data = payload(run)
    start = min(max(int(start_epoch), 0), data["reached"])
    _component()(
        data={"run": data, "start_epoch": start, "autoplay": bool(autoplay), "branch": branch,
              "presenter": bool(presenter), "lock": list(lock), "plotly": _plotly_path()},
        key=key,
    )
    return last_value(key)
