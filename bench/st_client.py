"""A minimal client for Streamlit's websocket protocol: one emulated browser tab.

    async with Student(url) as me:
        opened = await me.rerun(query="lr=0.5")           # opening the link
        lr = opened.widget("lr")                         # the widget's id, found in the deltas
        changed = await me.rerun(widgets={lr: double(0.7)})

The flow (Streamlit 1.67's own frontend does the same): connect to /_stcore/stream with subprotocol
"streamlit", send a BackMsg rerun_script (query string, page hash, the widget
states), read ForwardMsgs until script_finished. Like a browser, the client keeps
every cacheable message it received and tells the server their hashes, so the
server may answer with a ref_hash instead of resending; the client resolves it.
Only protobuf is parsed here: nothing is eval'd or unpickled.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from playground.player import open_envelope

FINISHED_EARLY = ForwardMsg.FINISHED_EARLY_FOR_RERUN
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)  # or a fragment


def double(value: float) -> WidgetState:
    return WidgetState(double_value=value)


def json_value(value) -> WidgetState:
    return WidgetState(json_value=json.dumps(value))


@dataclass
class Reply:
    """What one rerun brought back."""

    seconds: float = 0.0  # rerun sent -> script_finished received
    status: int | None = None  # the ForwardMsg.ScriptFinishedStatus
    bytes: int = 0
    refs: int = 0  # messages answered by reference to the client's cache
    widgets: dict[str, str] = field(default_factory=dict)  # widget id -> element type
    components: dict[str, dict] = field(default_factory=dict)  # component id -> its JSON data
    fragments: dict[str, str] = field(default_factory=dict)  # element id -> the fragment that drew it
    exceptions: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)  # st.error/warning texts

    def widget(self, key: str) -> str:
        """The id of the widget whose key is `key` (Streamlit ids end in "-<key>")."""
        found = [i for i in self.widgets if i.endswith(f"-{key}")]
        if len(found) != 1:
            raise LookupError(f"widget {key!r}: {len(found)} ids match among {sorted(self.widgets)}")
        return found[0]


class Student:
    """One browser tab on a running Streamlit server."""

    def __init__(self, url: str, timeout: float = 60.0):
        self.url = url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.timeout = timeout
        self.page_hash = ""  # empty for the first run; then the one `navigation` named
        self.cache: dict[str, ForwardMsg] = {}  # hash -> message, as the browser keeps it
        self.widgets: dict[str, WidgetState] = {}  # the states the "browser" holds
        self.ws = None

    async def __aenter__(self):
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=self.timeout)
        return self

    async def __aexit__(self, *exc):
        await self.ws.close()

    async def rerun(self, query: str = "", widgets: dict[str, WidgetState] | None = None,
                    fragment: str = "") -> Reply:
        """Send a rerun with these widget states (kept for later reruns, as a browser does).
        fragment: the id of the fragment that drew the changed widget (Reply.fragments), so
        that only that fragment reruns, as when a browser's widget inside a fragment changes."""
        for wid, state in (widgets or {}).items():
            state.id = wid
            self.widgets[wid] = state
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.fragment_id = fragment
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.widget_states.widgets.extend(self.widgets.values())
        msg.rerun_script.cached_message_hashes.extend(self.cache)
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        reply = Reply()
        deadline = start + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no script_finished within {self.timeout:.0f} s")
            data = await _recv(self.ws, left)
            reply.bytes += len(data)
            fwd = ForwardMsg.FromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "ref_hash":
                reply.refs += 1
                fwd = self.cache[fwd.ref_hash]  # KeyError: the server referred to what we never had
                kind = "delta"
            elif fwd.metadata.cacheable:
                self.cache[fwd.hash] = fwd
            if kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "delta":
                _read_delta(fwd.delta, reply)
                if fwd.delta.fragment_id and fwd.delta.WhichOneof("type") == "new_element":
                    element = fwd.delta.new_element
                    drawn = getattr(getattr(element, element.WhichOneof("type") or "", None), "id", "")
                    if isinstance(drawn, str) and drawn:
                        reply.fragments[drawn] = fwd.delta.fragment_id
            elif kind == "script_finished":
                reply.status = fwd.script_finished
                if reply.status != FINISHED_EARLY:  # an interrupted run is followed by the new one
                    reply.seconds = time.perf_counter() - start
                    return reply


async def _recv(ws, timeout: float) -> bytes:
    import asyncio

    data = await asyncio.wait_for(ws.recv(), timeout)
    if isinstance(data, str):
        raise ValueError(f"the server sent text, not a protobuf: {data[:80]!r}")
    return data


def _read_delta(delta, reply: Reply) -> None:
    if delta.WhichOneof("type") != "new_element":
        return
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        reply.exceptions.append(f"{element.exception.type}: {element.exception.message}")
    elif kind == "alert":
        reply.alerts.append(element.alert.body)
    elif kind == "bidi_component":  # the player (a v2 component); its data is the run
        reply.widgets[element.bidi_component.id] = kind
        reply.components[element.bidi_component.id] = open_envelope(element.bidi_component.bytes)
    elif kind is not None:
        wid = getattr(getattr(element, kind), "id", "")
        if isinstance(wid, str) and wid:
            reply.widgets[wid] = kind
