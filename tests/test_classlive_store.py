"""Class Live's store: one contract, kept by both stores.

Every test that takes `backend` (or `store`) runs twice: on MemoryStore with a
fake clock, and on RedisStore over a throwaway redis-server (tests/redis_server.py;
skipped without one, a failure on CI). backend.store(**limits) makes a store with
some Limits shrunk; backend.wait(seconds) lets time pass: the fake clock moves,
Redis really waits (its keys expire by themselves).
"""

from __future__ import annotations

import dataclasses
import math
import re
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis_server import free_port, redis_server, require_redis

from playground.classlive import (
    ENV_VAR,
    Limits,
    MemoryStore,
    NotTeacher,
    RateLimited,
    RoomFull,
    RoomNotFound,
    StoreFull,
    StoreUnavailable,
    Summary,
    clean_name,
    store_from_env,
    validate_summary,
)
from playground.classlive.rules import CODE_ALPHABET, token_digest

ROOT = Path(__file__).resolve().parent.parent
SETUP = {"preset": "xor", "lr": "0.5", "gradient": "exact"}
LOCKS = ["gradient", "play"]
SUMMARY = {"lr": 0.5, "gradient": "exact", "hidden": 0, "epochs": 10_000, "rows_changed": False,
           "epoch": 10_000, "final_mse": 0.25, "epochs_to_target": None, "diverged": False, "event": "end"}
TEACHER = "teacher-session"  # callers: the app passes its session ids


class FakeClock:
    def __init__(self):
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclasses.dataclass
class Backend:
    name: str
    make: Callable  # Limits -> store
    wait: Callable[[float], None]
    redis: object = None  # the raw client, to look at the keys

    def store(self, **limits):
        return self.make(Limits(**limits))


@pytest.fixture(scope="session")
def redis_url():
    require_redis()
    with redis_server() as url:
        yield url


@pytest.fixture(params=["memory", "redis"])
def backend(request):
    if request.param == "memory":
        clock = FakeClock()
        yield Backend("memory", lambda limits: MemoryStore(limits, clock), clock.advance)
        return
    url = request.getfixturevalue("redis_url")  # first: it skips (or fails on CI) without Redis
    import redis

    from playground.classlive.redis_store import RedisStore

    client = redis.Redis.from_url(url, decode_responses=True)
    client.flushdb()  # each test starts from an empty Redis
    yield Backend("redis", lambda limits: RedisStore(url, limits), time.sleep, client)
    client.close()


@pytest.fixture
def store(backend):
    return backend.store()


def start(store, caller=TEACHER):
    return store.create(SETUP, LOCKS, caller=caller)


def summary(**changes) -> dict:
    return {**SUMMARY, **changes}


def board_of(store, new):
    return store.board(new.code, new.token, caller=TEACHER)


# --- the round trip ------------------------------------------------------------------


def test_a_class_round_trip_keeps_every_field(store):
    new = start(store)
    assert len(new.code) == 6 and set(new.code) <= set(CODE_ALPHABET)
    assert len(new.token) >= 43  # 32 random bytes
    ada = store.join(new.code, "Ada", caller="s1")
    bo = store.join(new.code, "Bo", caller="s2")
    posted = store.post(new.code, ada, summary(final_mse=0, epochs_to_target=812), caller="s1")
    store.post(new.code, bo, summary(lr=2, event="pause", epoch=40, final_mse=None), caller="s2")
    store.post(new.code, bo, summary(lr=3, event="step", epoch=41, diverged=True), caller="s2")  # the latest

    board = board_of(store, new)
    room = board.room
    assert (room.code, room.setup, room.locks) == (new.code, SETUP, tuple(LOCKS))
    assert (room.paused, room.anonymous, room.version, room.students) == (False, False, 1, 2)
    assert isinstance(room.last_active, float)
    assert [(row.seat, row.name) for row in board.rows] == [(1, "Ada"), (2, "Bo")]
    assert board.rows[0].summary == posted == Summary(**summary(final_mse=0.0, epochs_to_target=812))
    assert board.rows[1].summary == Summary(**summary(lr=3.0, event="step", epoch=41, diverged=True))
    assert type(board.rows[1].summary.lr) is float and type(board.rows[0].summary.final_mse) is float
    assert store.room(new.code.lower(), caller="s3") == room  # a code is typed forgivingly
    assert store.room(f" {new.code[:3]}-{new.code[3:]} ", caller="s3") == room


def test_a_student_without_a_run_is_on_the_board_with_none(store):
    new = start(store)
    store.join(new.code, "Cy", caller="s1")
    [row] = board_of(store, new).rows
    assert (row.seat, row.name, row.summary) == (1, "Cy", None)


def test_anonymous_numbers_students_by_join_order_and_keeps_the_numbers(store):
    new = start(store)
    ids = [store.join(new.code, name, caller=f"s{i}") for i, name in enumerate(["Zed", "Amy", "Max"])]
    store.post(new.code, ids[2], summary(), caller="s2")  # posting order does not renumber
    assert store.set_anonymous(new.code, new.token, True, caller=TEACHER) == 2
    store.join(new.code, "Bea", caller="s3")
    board = board_of(store, new)
    assert board.room.anonymous
    assert [row.name for row in board.rows] == ["Student 1", "Student 2", "Student 3", "Student 4"]
    assert [row.summary is not None for row in board.rows] == [False, False, True, False]
    store.set_anonymous(new.code, new.token, False, caller=TEACHER)
    assert [row.name for row in board_of(store, new).rows] == ["Zed", "Amy", "Max", "Bea"]


# --- the teacher's token ---------------------------------------------------------------

TEACHER_ACTIONS = {
    "board": lambda store, code, token: store.board(code, token, caller=TEACHER),
    "pause": lambda store, code, token: store.set_paused(code, token, True, caller=TEACHER),
    "anonymise": lambda store, code, token: store.set_anonymous(code, token, True, caller=TEACHER),
    "send setup": lambda store, code, token: store.send_setup(code, token, {"lr": "9"}, caller=TEACHER),
    "end": lambda store, code, token: store.end(code, token, caller=TEACHER),
}
BAD_TOKENS = {
    "no token": lambda new, other: None,
    "empty": lambda new, other: "",
    "wrong": lambda new, other: "not-the-token",
    "one character off": lambda new, other: new.token[:-1] + ("A" if new.token[-1] != "A" else "B"),
    "another class's": lambda new, other: other.token,
    "the stored digest": lambda new, other: token_digest(new.token),
}


@pytest.mark.parametrize("token", BAD_TOKENS)
@pytest.mark.parametrize("action", TEACHER_ACTIONS)
def test_a_teacher_action_without_the_token_is_refused_and_changes_nothing(backend, action, token):
    store = backend.store()
    new, other = start(store), start(store)
    student = store.join(new.code, "Ada", caller="s1")
    store.post(new.code, student, summary(), caller="s1")
    before = board_of(store, new)
    backend.wait(0.01)  # so that a refresh, had there been one, would show in last_active
    with pytest.raises(NotTeacher, match=f"only the teacher who started class {new.code}"):
        TEACHER_ACTIONS[action](store, new.code, BAD_TOKENS[token](new, other))
    assert board_of(store, new) == before
    TEACHER_ACTIONS[action](store, new.code, new.token)  # the negative control: the token works


def test_the_store_keeps_a_digest_of_the_token_not_the_token(store):
    new = start(store)
    fields = store._read_room(new.code, roster=False).fields
    assert new.token not in fields.values() and fields["token"] == token_digest(new.token)


def test_a_student_of_one_class_cannot_see_or_touch_another(store):
    a, b = start(store), store.create({"lr": "7"}, [], caller="teacher-b")
    ada = store.join(a.code, "Ada", caller="s1")
    b_before = store.board(b.code, b.token, caller="teacher-b")
    with pytest.raises(RoomNotFound, match="not in this class"):
        store.post(b.code, ada, summary(), caller="s1")
    with pytest.raises(NotTeacher):
        store.board(b.code, a.token, caller=TEACHER)
    with pytest.raises(NotTeacher):
        store.set_paused(b.code, a.token, True, caller=TEACHER)
    assert store.check(a.code, 0, caller="s1").setup == SETUP
    assert store.board(b.code, b.token, caller="teacher-b") == b_before
    store.post(a.code, ada, summary(), caller="s1")
    assert store.board(b.code, b.token, caller="teacher-b").rows == ()
    with pytest.raises(RoomNotFound, match="not in this class"):
        store.post(a.code, "made-up-student", summary(), caller="s1")


def test_the_board_never_shows_student_ids(store):
    new = start(store)
    student = store.join(new.code, "Ada", caller="s1")
    assert student not in repr(board_of(store, new))


def test_callers_are_kept_only_as_digests(backend):
    store = backend.store()
    store.create(SETUP, caller="session-0123456789")
    with pytest.raises(RoomNotFound):
        store.room("ABCDEF", caller="session-0123456789")
    if backend.redis is not None:
        keys = backend.redis.keys("*")
        assert keys and not any("session-0123456789" in key for key in keys)
    else:
        assert not any("session-0123456789" in key for key in store._counters)


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


def test_joining_with_a_bad_name_adds_nobody(store):
    new = start(store)
    with pytest.raises(ValueError, match="name: 41 characters"):
        store.join(new.code, "y" * 41, caller="s1")
    store.join(new.code, " <i>Ivy</i>\x00 ", caller="s1")
    assert [row.name for row in board_of(store, new).rows] == ["<i>Ivy</i>"]


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


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(sorted(VALID)), value=ANY_VALUE)
def test_only_valid_summaries_are_stored(backend, field, value):
    store = backend.store(posts_per_window=10**6, creates_per_window=10**6)
    new = start(store)
    student = store.join(new.code, "Ada", caller="s1")
    store.post(new.code, student, summary(event="pause"), caller="s1")
    if VALID[field](value):
        store.post(new.code, student, summary(**{field: value}), caller="s1")
        assert board_of(store, new).rows[0].summary == validate_summary(summary(**{field: value}))
    else:
        with pytest.raises(ValueError, match=f"^{_named_by(field, value)}: "):
            store.post(new.code, student, summary(**{field: value}), caller="s1")
        assert board_of(store, new).rows[0].summary == Summary(**summary(event="pause"))
    store.end(new.code, new.token, caller=TEACHER)


# --- limits ----------------------------------------------------------------------------


def test_posting_is_limited_per_student_and_a_refused_post_keeps_nothing(store):
    new = start(store)
    ada, bo = (store.join(new.code, name, caller=name) for name in ("Ada", "Bo"))
    for epoch in range(30):  # the negative control: 30 in a minute pass
        store.post(new.code, ada, summary(epoch=epoch), caller="Ada")
    with pytest.raises(RateLimited, match="at most 30"):
        store.post(new.code, ada, summary(epoch=999), caller="Ada")
    assert board_of(store, new).rows[0].summary.epoch == 29
    store.post(new.code, bo, summary(epoch=7), caller="Bo")  # another student is not held up
    assert board_of(store, new).rows[1].summary.epoch == 7


def test_posting_is_allowed_again_in_the_next_window(backend):
    store = backend.store(posts_per_window=2, window_seconds=1.0)
    new = start(store)
    ada = store.join(new.code, "Ada", caller="s1")
    store.post(new.code, ada, summary(), caller="s1")
    store.post(new.code, ada, summary(), caller="s1")
    with pytest.raises(RateLimited):
        store.post(new.code, ada, summary(), caller="s1")
    backend.wait(1.1)
    store.post(new.code, ada, summary(epoch=5), caller="s1")
    assert board_of(store, new).rows[0].summary.epoch == 5


def test_trying_unknown_codes_is_limited_per_caller(backend):
    store = backend.store(window_seconds=1.0)
    new = start(store)
    unknown = ["ABCDEF", "abcdeg", "22222Z", "0O1IL0", "toolongcode", "", "ABC", "?", "A B C D E F", "ZZZZZZ",
               "YYYYYY", "XXXXXX"]
    unknown = [code for code in unknown if code.upper().replace(" ", "") != new.code]
    for code in unknown[:9]:  # the negative control: under the limit, a caller is told plainly
        with pytest.raises(RoomNotFound, match="no class has the code"):
            store.room(code, caller="guesser")
    assert store.room(new.code, caller="guesser").code == new.code
    with pytest.raises(RoomNotFound):
        store.join(unknown[9], "G", caller="guesser")  # the 10th miss
    for attempt in (lambda: store.room(new.code, caller="guesser"),  # even the right code
                    lambda: store.join(new.code, "G", caller="guesser"),
                    lambda: store.check(new.code, 0, caller="guesser"),
                    lambda: store.board(new.code, new.token, caller="guesser")):
        with pytest.raises(RateLimited, match="too many wrong class codes"):
            attempt()
    assert store.room(new.code, caller="someone else").students == 0
    backend.wait(1.1)
    assert store.room(new.code, caller="guesser").code == new.code


def test_starting_classes_is_limited_per_caller(store):
    for _ in range(5):
        start(store)
    with pytest.raises(RateLimited, match="too many classes started"):
        start(store)
    start(store, caller="another teacher")


def test_two_hundred_students_then_the_class_is_full(store):
    new = start(store)
    for i in range(200):
        store.join(new.code, f"Student number {i}", caller="s")
    with pytest.raises(RoomFull, match="200 students"):
        store.join(new.code, "One too many", caller="s")
    board = board_of(store, new)
    assert board.room.students == 200 and [row.seat for row in board.rows] == list(range(1, 201))


def test_a_store_holds_at_most_max_rooms(backend):
    store = backend.store(max_rooms=2)
    first, _ = start(store, caller="t1"), start(store, caller="t2")
    with pytest.raises(StoreFull, match="2 live classes"):
        start(store, caller="t3")
    store.end(first.code, first.token, caller="t1")
    start(store, caller="t3")


# --- expiry and the end ---------------------------------------------------------------------


def test_a_class_expires_when_idle_and_posts_keep_it_alive(backend):
    store = backend.store(idle_seconds=1.0)
    new = start(store)
    ada = store.join(new.code, "Ada", caller="s1")
    backend.wait(0.5)
    store.post(new.code, ada, summary(), caller="s1")  # refreshes: alive until 1.5 s
    backend.wait(0.5)
    assert store.room(new.code, caller="s1").students == 1  # reading does not refresh
    backend.wait(0.8)
    with pytest.raises(RoomNotFound):
        store.room(new.code, caller="s1")
    with pytest.raises(RoomNotFound):
        board_of(store, new)
    assert store.check(new.code, 1, caller="s2").ended
    if backend.redis is not None:  # Redis deleted the keys itself
        assert backend.redis.keys(f"*{new.code}*") == []


def test_the_in_process_store_sweeps_classes_nobody_touches():
    clock = FakeClock()
    store = MemoryStore(Limits(idle_seconds=10, window_seconds=5), clock)
    kept, forgotten = start(store), start(store)
    clock.advance(6)
    store.set_paused(kept.code, kept.token, True, caller=TEACHER)
    clock.advance(6)  # `forgotten` expired at 10 s; nothing has asked for it
    store.room(kept.code, caller="s1")  # any call sweeps once a window
    assert kept.code in store._rooms and forgotten.code not in store._rooms
    assert store.live_rooms() == 1


def test_ending_a_class_deletes_everything(backend):
    store = backend.store()
    new, other = start(store), start(store)
    ada = store.join(new.code, "Ada", caller="s1")
    store.post(new.code, ada, summary(), caller="s1")
    store.end(new.code, new.token, caller=TEACHER)
    for gone in (lambda: store.room(new.code, caller="s1"), lambda: board_of(store, new),
                 lambda: store.join(new.code, "Bo", caller="s1"),
                 lambda: store.post(new.code, ada, summary(), caller="s1"),
                 lambda: store.end(new.code, new.token, caller=TEACHER)):
        with pytest.raises(RoomNotFound):
            gone()
    assert store.check(new.code, 1, caller="s1").ended
    assert store.room(other.code, caller="s1").code == other.code  # the other class is untouched
    if backend.redis is not None:
        assert backend.redis.keys(f"*{new.code}*") == []
        assert backend.redis.zscore("classlive:rooms", new.code) is None
    else:
        assert new.code not in store._rooms


# --- what students check ----------------------------------------------------------------------


def test_the_light_check_tells_of_changes_only_when_the_version_moved(store):
    new = start(store)
    first = store.check(new.code, 0, caller="s1")  # first sight: the setup comes with it
    assert (first.ended, first.version, first.paused, first.setup, first.locks) == (False, 1, False, SETUP,
                                                                                  tuple(LOCKS))
    assert store.check(new.code, 1, caller="s1") == dataclasses.replace(first, setup=None, locks=None)
    assert store.set_paused(new.code, new.token, True, caller=TEACHER) == 2
    paused = store.check(new.code, 1, caller="s1")
    assert (paused.version, paused.paused, paused.setup, paused.locks) == (2, True, None, None)
    assert store.send_setup(new.code, new.token, {"lr": "2"}, ["lr", "lr"], caller=TEACHER) == 3
    sent = store.check(new.code, 2, caller="s1")
    assert (sent.version, sent.paused, sent.setup, sent.locks) == (3, True, {"lr": "2"}, ("lr",))
    store.set_anonymous(new.code, new.token, True, caller=TEACHER)
    store.set_paused(new.code, new.token, False, caller=TEACHER)
    later = store.check(new.code, 3, caller="s1")
    assert (later.version, later.paused, later.setup) == (5, False, None)
    assert store.check(new.code, 2, caller="s1").setup == {"lr": "2"}  # missed the setup: it comes again


@pytest.mark.parametrize("setup, locks, says", [
    ("lr=0.5", [], "setup: 'lr=0.5' is not allowed"),
    ({"lr": 0.5}, [], "setup: lr: 0.5 is not allowed"),
    ({"LR": "0.5"}, [], "setup: 'LR' is not a setting name"),
    ({"lr": "0.5\n"}, [], "setup: lr:"),
    ({"inputs": "0" * 4_001}, [], "setup: inputs:"),
    ({f"k{i}": "1" for i in range(33)}, [], "setup: 33 settings is too many"),
    ({}, "gradient", "locks: 'gradient' is not allowed"),
    ({}, ["gradient", 3], "locks: 3 is not a setting name"),
])
def test_a_bad_setup_is_refused_and_the_class_keeps_its_own(store, setup, locks, says):
    new = start(store)
    with pytest.raises(ValueError) as error:
        store.send_setup(new.code, new.token, setup, locks, caller=TEACHER)
    assert str(error.value).startswith(says)
    room = store.room(new.code, caller="s1")
    assert (room.setup, room.locks, room.version) == (SETUP, tuple(LOCKS), 1)
    with pytest.raises(ValueError, match=re.escape(says)):
        store.create(setup, locks, caller="t2")


# --- threads and processes ------------------------------------------------------------------


def test_students_joining_and_posting_at_once_all_reach_the_board(store):
    new = start(store)

    def student(i: int) -> None:
        me = store.join(new.code, f"Pupil {i}", caller=f"s{i}")
        store.post(new.code, me, summary(epoch=i), caller=f"s{i}")

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(student, range(200)))
    board = board_of(store, new)
    assert sorted(row.seat for row in board.rows) == list(range(1, 201))
    assert sorted(int(row.name.split()[1]) for row in board.rows) == list(range(200))
    assert all(row.summary.epoch == int(row.name.split()[1]) for row in board.rows)


def test_a_crowd_at_the_door_fills_exactly_two_hundred_seats(store):
    new = start(store)
    seated, full = [], []
    lock = threading.Lock()

    def arrive(i: int) -> None:
        try:
            store.join(new.code, f"P{i}", caller=f"s{i}")
            outcome = seated
        except RoomFull:
            outcome = full
        with lock:
            outcome.append(i)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(arrive, range(240)))
    assert (len(seated), len(full)) == (200, 40)
    assert store.room(new.code, caller="s").students == 200


def test_two_app_processes_on_one_redis_share_the_class(redis_url):
    from playground.classlive.redis_store import RedisStore

    first, second = RedisStore(redis_url), RedisStore(redis_url)
    new = start(first)
    ada = second.join(new.code, "Ada", caller="s1")
    second.post(new.code, ada, summary(), caller="s1")
    assert [row.name for row in board_of(first, new).rows] == ["Ada"]
    second.set_paused(new.code, new.token, True, caller=TEACHER)
    assert first.check(new.code, 1, caller="s1").paused
    first.end(new.code, new.token, caller=TEACHER)
    assert second.check(new.code, 1, caller="s1").ended


# --- a store that is down ----------------------------------------------------------------------


def every_call(store, code="ABCDEF", token="t" * 43):
    return [
        lambda: store.create(SETUP, caller="t"), lambda: store.room(code, caller="s"),
        lambda: store.join(code, "Ada", caller="s"), lambda: store.post(code, "x", SUMMARY, caller="s"),
        lambda: store.check(code, 0, caller="s"), lambda: store.board(code, token, caller="t"),
        lambda: store.set_paused(code, token, True, caller="t"), lambda: store.end(code, token, caller="t"),
    ]


@pytest.mark.parametrize("why", ["nothing listens", "it never answers", "it stopped"])
def test_a_redis_that_is_down_is_store_unavailable(redis_url, why):
    from playground.classlive.redis_store import RedisStore

    with socket.socket() as silent:
        calls = slice(None)
        if why == "nothing listens":
            store = RedisStore(f"redis://127.0.0.1:{free_port()}/0")
        elif why == "it never answers":  # accepts the connection, then says nothing: timeouts
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            store = RedisStore(f"redis://127.0.0.1:{silent.getsockname()[1]}/0")
            calls = slice(0, 2)  # each waits for its timeouts
        else:
            with redis_server() as url:
                store = RedisStore(url)
                new = start(store)  # the store has a connection open when Redis goes
            with pytest.raises(StoreUnavailable):
                board_of(store, new)
        for call in every_call(store)[calls]:
            began = time.monotonic()
            with pytest.raises(StoreUnavailable, match=r"class store \(redis://127\.0\.0\.1:\d+/0\) is not"):
                call()
            assert time.monotonic() - began < 3
    live = RedisStore(redis_url)  # the negative control: the same calls on a live Redis
    new = start(live)
    for call in every_call(live, new.code, new.token)[1:]:
        try:
            call()
        except (RoomNotFound, ValueError):  # a made-up student id
            pass


# --- choosing the store ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_store_named_means_this_process_keeps_the_classes(value):
    environ = {} if value is None else {ENV_VAR: value}
    assert isinstance(store_from_env(environ), MemoryStore)


def test_a_redis_url_means_a_redis_store():
    require_redis()
    from playground.classlive.redis_store import RedisStore

    store = store_from_env({ENV_VAR: "redis://127.0.0.1:6399/2"}, Limits(max_students=3))
    assert isinstance(store, RedisStore) and store.limits.max_students == 3  # made without connecting
    assert store.where == "redis://127.0.0.1:6399/2"
    assert store_from_env({ENV_VAR: "rediss://:secret@cache.example:6380"}).where == \
        "rediss://cache.example:6380/0"


@pytest.mark.parametrize("value", [
    "localhost:6379", "http://localhost:6379/0", "redis://", "redis://:6379/0", "redis://host:99999/0",
    "redis://host:port/0", "redis://host/zero", "redis://host:6379/0?socket_timeout=60", "memory",
    "redis://:hunter2@host:notaport/0",
])
def test_a_malformed_store_is_named_in_the_error(value):
    with pytest.raises(ValueError) as error:
        store_from_env({ENV_VAR: value})
    message = str(error.value)
    assert message.startswith("TINYNET_STORE: ") and "redis://host:port/db" in message
    assert "hunter2" not in message


def test_redis_asked_for_but_not_installed_is_store_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "playground.classlive.redis_store", None)  # as if redis were missing
    with pytest.raises(StoreUnavailable, match="TINYNET_STORE asks for Redis.*pip install redis"):
        store_from_env({ENV_VAR: "redis://127.0.0.1:6379/0"})


def test_the_store_imports_neither_streamlit_nor_redis_until_asked():
    for path in (ROOT / "playground" / "classlive").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(import|from)\s+streamlit", text, flags=re.M), path.name
        if path.name != "redis_store.py":
            assert not re.search(r"^\s*(import|from)\s+redis\b", text, flags=re.M), path.name
    code = "import sys, playground.classlive; print('redis' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --- memory -------------------------------------------------------------------------------


def test_a_student_costs_well_under_a_kilobyte(backend):
    """Measured ~470 bytes in process, ~330 in Redis: a full class is under 0.1 MB (Limits.max_rooms)."""
    store = backend.store()
    new = start(store)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i in range(200):
        student = store.join(new.code, f"A typical name {i:03}", caller="s")
        store.post(new.code, student, summary(lr=(i + 1) / 3, final_mse=0.0123456789 / (i + 1),
                                              epochs_to_target=1234), caller="s")
    in_process = (tracemalloc.get_traced_memory()[0] - before) / 200
    tracemalloc.stop()
    if backend.redis is None:
        assert in_process < 1024, f"{in_process:.0f} bytes a student"
    else:
        keys = backend.redis.keys(f"*{new.code}*")
        in_redis = sum(backend.redis.memory_usage(key) for key in keys) / 200
        assert in_redis < 1024, f"{in_redis:.0f} bytes a student in Redis"
