"""The player: plays a finished training run back in the browser.

The server trains once (tinynet) and sends the whole run to the page; the
browser then animates it on its own. Nothing is sent back while it plays, so one
server holds a whole class: server-side animation (a rerun per frame) stops keeping
up with more than a few students at once.

    from playground.player import player, run_spec
    player(run_spec(train(config, record=True)), key="player")
    # its value (Session.player_value("player")): None until the student does something,
    # then {"run_id", "epoch", "playing", "event", "seq", "answered"} (player/player.js)

It is a Streamlit v2 component drawn in the app's own page (no iframe). Its script
is player/boot.js; the modules it loads (player/*.js) and plotly.js (from the
installed plotly package) are served as files by Streamlit's component route.

The facts the JavaScript needs are declared here once and sent with every run:
pacing, colours, the grid, the rule for "right", control names.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import math
import shutil
import struct
import tempfile
import zlib
from pathlib import Path

import numpy as np
import streamlit as st

from tinynet import format_value, verdict
from tinynet.separable import separable
from tinynet.train import sample_epochs

from .charts import OUTPUT_SCALE

FRONTEND = Path(__file__).parent / "player"
CONTROLS = ("play", "step", "reset", "speed", "scrub")  # lock= names of the player's own controls
CARRY_ON = ("lr", "gradient")  # settings whose change mid-run carries on from the epoch on show
MAX_FRAMES = 10_001  # longer runs keep every stride-th epoch (Step then says how far it goes)
SECONDS_PER_RUN = 3.5  # at 1x a whole run plays in about this long
EARLY_EPOCHS = 1000  # early pacing: time grows as log(1 + epoch / scale), scale = epochs / this
GRID = 41  # points per side of the output map and the 3D surface
GHOST_POINTS = 600  # the run before a change, drawn faintly: this many points are plenty
CURVE_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FACTS = {  # Okabe-Ito curve colours and ColorBrewer PuOr for outputs: colour-blind safe
    "seconds_per_run": SECONDS_PER_RUN,
    "pacing": {"default": "early", "kinds": ["early", "even"]},
    "grid": GRID,
    "controls": list(CONTROLS),
    "carry_on": list(CARRY_ON),
    "rule": {"margin": verdict.MARGIN, "stuck": verdict.STUCK},  # tinynet.verdict's rule for "right"
    "scale": OUTPUT_SCALE,
    "colors": {"mse": "#542788", "zero": OUTPUT_SCALE[0][1], "one": OUTPUT_SCALE[-1][1]},
}


def label(segment) -> str:
    """A segment's learning rate and gradient as the readout shows them: 0.05 (notebook)."""
    return f"{format_value('lr', segment.lr)} ({segment.gradient})"


def pack(table: np.ndarray) -> bytes:
    """(frames, columns) float64, exactly, in half the bytes of plain float32: each
    column's int64 bit patterns as second differences down the frames (a smooth training
    curve's are small numbers), split into byte planes, deflated. run.js unpacks it."""
    bits = np.ascontiguousarray(table, dtype="<f8").view("<i8")
    start = np.zeros((1, bits.shape[1]), "<i8")
    deltas = np.diff(np.diff(bits, axis=0, prepend=start), axis=0, prepend=start)  # int64: wraps mod 2**64
    planes = deltas.view(np.uint8).reshape(len(bits), bits.shape[1], 8).transpose(1, 2, 0)
    return zlib.compress(planes.tobytes(), 1)  # level 1: 3% bigger than 6, and faster


def unpack(spec: dict) -> np.ndarray:
    """A run spec's frames as run.js decodes them: (frames, 1 + P) float64, the MSE first.
    (For tests and benchmarks: the browser does this in JavaScript.)"""
    planes = np.frombuffer(zlib.decompress(spec["data"]), np.uint8)
    deltas = planes.reshape(spec["P"] + 1, 8, spec["frames"]).transpose(2, 0, 1).copy().view("<i8")[..., 0]
    firsts = np.cumsum(deltas, axis=0, dtype=np.int64)  # int64 sums wrap, as the differences did
    return np.cumsum(firsts, axis=0, dtype=np.int64).view("<f8")


def frames_of(reached: int, max_frames: int = MAX_FRAMES) -> tuple[int, np.ndarray]:
    """(stride, epochs kept): every epoch, or every stride-th one and always the last."""
    stride = 1 if reached + 1 <= max_frames else math.ceil(reached / (max_frames - 1))
    return stride, np.minimum(np.arange(0, reached + stride, stride), reached)


def curves(hidden: int) -> list[dict]:
    """The weights chart's curves: the single neuron's w1, w2 and bias; with a hidden
    layer, the output neuron's weights and bias (columns in tinynet's flatten order)."""
    if hidden == 0:
        names, first = ["w1", "w2", "bias"], 0
    else:
        names, first = [f"w (hidden {h + 1})" for h in range(hidden)] + ["output bias"], 3 * hidden
    return [{"name": name, "column": first + k, "color": CURVE_COLORS[k % len(CURVE_COLORS)]}
            for k, name in enumerate(names)]


def run_spec(run, spliced_from: str | None = None, max_frames: int = MAX_FRAMES) -> dict:
    """The run as the player's `run` argument: plain JSON but for `data`, its frames packed
    (bytes). Build it once per run: packing a 10,000-epoch run takes a few ms.
    `spliced_from`: the id of the run this one carries on from (a learning rate changed
    mid-run), so the player keeps its place."""
    if run.history is None:
        raise ValueError("run: the player needs a run trained with record=True")
    if max_frames < 2:
        raise ValueError(f"max_frames: {max_frames} is too small; need at least 2")
    config = run.config
    segments = tuple(run.segments)
    reached = int(run.epoch)
    stride, rows = frames_of(reached, max_frames)
    data = pack(np.column_stack([run.losses[rows], run.history[rows]]))
    inputs = np.asarray(config.inputs, float)
    described = repr((config.as_dict(), segments, reached, stride))
    return {
        "id": hashlib.sha256(described.encode() + data).hexdigest()[:16],
        "epochs": int(config.epochs),
        "reached": reached,
        "diverged_at": run.diverged_at,
        "stride": int(stride),
        "frames": len(rows),
        "P": int(run.history.shape[1]),
        "data": data,
        "hidden": int(config.hidden),
        "inputs": [list(row) for row in config.inputs],
        "targets": list(config.targets),
        "separable": separable(config.inputs, config.targets),
        "window": {"x": [float(inputs[:, 0].min() - 0.5), float(inputs[:, 0].max() + 0.5)],
                   "y": [float(inputs[:, 1].min() - 0.5), float(inputs[:, 1].max() + 0.5)]},
        "curves": curves(config.hidden),
        "segments": [{"from": s.first_epoch, "lr": s.lr, "gradient": s.gradient, "label": label(s)}
                     for s in segments],
        "spliced_from": spliced_from,
        "pacing_scale": max(1.0, reached / EARLY_EPOCHS),
    }


def ghost_of(run, label: str) -> dict:
    """A run's MSE curve, thinned, to draw faintly after a change ("what did it do?")."""
    epochs = sample_epochs(int(run.epoch), GHOST_POINTS)
    return {"label": label, "epochs": epochs.tolist(), "mse": [float(v) for v in run.losses[epochs]]}


@functools.cache
def _served(name: str, folder: Path, files: tuple[str, ...]) -> str:
    """Serve `files` from `folder` through Streamlit's component file route; return the
    path the browser fetches them under (relative to the server). The folder is copied
    to a temp folder named by its contents' hash, so a browser never mixes modules of
    two versions from its cache."""
    import streamlit.components.v1 as components

    digest = hashlib.sha256(b"".join((folder / f).read_bytes() for f in files)).hexdigest()[:10]
    copy = Path(tempfile.mkdtemp(prefix=f"tinynet-{name}-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    for f in files:
        shutil.copy(folder / f, copy)
    return f"component/{components.declare_component(f'{name}_{digest}', path=str(copy)).name}/"


@functools.cache
def _plotly_path() -> str:
    """plotly.js (4.8 MB) comes from the installed plotly package: no network, nothing vendored."""
    import plotly

    folder = Path(plotly.__file__).parent / "package_data"
    return _served("plotly", folder, ("plotly.min.js",)) + "plotly.min.js"


@functools.cache  # a directory listing on every rerun was a tenth of a rerun's CPU
def _modules_path() -> str:
    modules = sorted(p.name for p in FRONTEND.glob("*.js") if p.name != "boot.js")  # boot.js goes inline
    return _served("player", FRONTEND, tuple(modules))


@functools.cache
def _component():
    """Declare the player once per process: markup, style and boot.js inline."""
    text = {kind: (FRONTEND / name).read_text(encoding="utf-8")
            for kind, name in (("html", "player.html"), ("css", "player.css"), ("js", "boot.js"))}
    # isolate_styles=False: Plotly puts its own styles in the page's <head>, which a
    # shadow root would hide from the charts; player.css scopes itself instead.
    return st.components.v2.component("tinynet_player", isolate_styles=False, **text)


def player(spec: dict, *, key: str, ghost: dict | None = None, start_epoch: int = 0,
           branch: str | None = None, presenter: bool = False, lock=(), held: str | None = None) -> None:
    """Show the player for a run (run_spec). What the student's actions send back
    arrives as the widget value of `key` (Session.player_value reads it).

    ghost: the run before the last change (ghost_of), drawn faintly under this one.
    start_epoch: where a new run starts (a spliced run starts where it was spliced).
    branch: a change request id; the player answers once with the epoch the change was
    made at (its value's "answered"), so the server can carry on from there.
    presenter: bigger type and thicker lines for a projector. lock: CONTROLS to disable.
    held: a message that stops playback and disables the controls while it is set (a
    teacher paused the class, Class Live); None lets the student play.
    """
    unknown = set(lock) - set(CONTROLS)
    if unknown:
        raise ValueError(f"lock: {sorted(unknown)} are not controls; controls are: {', '.join(CONTROLS)}")
    start = min(max(int(start_epoch), 0), spec["reached"])
    facts = {**FACTS, "plotly": _plotly_path()}
    args = {"run": spec, "ghost": ghost, "start_epoch": start, "branch": branch, "held": held,
            "presenter": bool(presenter), "lock": list(lock), "facts": facts, "files": _modules_path()}
    _component()(data=envelope(args), key=key)


def envelope(args: dict) -> bytes:
    """The player's arguments as one binary message: the length of a JSON header (4 bytes,
    little-endian), the header (everything but the run's frames), then the frames as they
    were packed. Bytes, not JSON: Streamlit serialises, and hashes, JSON data on every
    rerun of the page, and the frames are most of it (boot.js reads it back)."""
    run = args["run"]
    header = json.dumps({**args, "run": {k: v for k, v in run.items() if k != "data"}}).encode()
    return struct.pack("<I", len(header)) + header + run["data"]


def open_envelope(data: bytes) -> dict:
    """The arguments an envelope holds, the run's packed frames back in `run["data"]`
    (for tests and benchmarks: the browser reads it in boot.js)."""
    (size,) = struct.unpack_from("<I", data)
    args = json.loads(data[4:4 + size])
    args["run"]["data"] = bytes(data[4 + size:])
    return args
