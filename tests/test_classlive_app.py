"""Class Live in the app, through AppTest: a teacher starts a class, students join
from its link and play, their stopped runs land on the board with tinynet's
numbers, and the teacher's commands reach them. Every guard is shown firing and
shown letting the right thing through.

Each AppTest is one browser session; they share the process's store (an in-process
one, made afresh for each test). The numbers on the board are checked against
tinynet run here, in the test.
"""

from __future__ import annotations

import html
import itertools
import json
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from appdriver import APP, player_args, rendered, report, session
from redis_server import redis_server, require_redis
from streamlit.testing.v1 import AppTest

from playground.classlive import RoomNotFound, Summary
from playground.classlive.board_view import (
    Curve,
    board_figure,
    curve_decades,
    kind_of,
    true_curve,
)
from playground.classlive.from_run import stop_to_post, summary_of
from playground.classlive.records import BoardRow
from playground.classlive.seats import Joined, Teaching
from playground.classlive.ui import connect
from playground.classlive.ui.student import HELD
from playground.session import plain
from tinynet import Config, to_strings, train

LESSON = Config(lr=0.5, gradient="exact", epochs=2_000)
CLASS_PAGE, PLAYGROUND = "pages/class.py", "pages/playground.py"
SEQ = itertools.count(1)  # each report differs, as the player's do
TEACHER_BUTTONS = ("class_pause", "class_anonymise", "class_send", "class_end", "class_project")  # the last
# is drawn once a run is on the board


@pytest.fixture(autouse=True)
def fresh_store(monkeypatch):
    """Each test gets a new in-process store (AppTest sessions all share one caller id,
    so rate counters would otherwise carry over between tests)."""
    monkeypatch.delenv("TINYNET_STORE", raising=False)
    connect.store.clear()
    yield
    connect.store.clear()


# ---- driving sessions ----

def opened(page: str = PLAYGROUND, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    if page != PLAYGROUND:  # opened on that page, as a link to it is
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def teacher(lesson: Config = LESSON, locks=()) -> AppTest:
    at = opened(CLASS_PAGE, **to_strings(lesson))
    at.multiselect(key="class_locks").set_value(list(locks))
    at.button(key="class_start").click().run()
    assert isinstance(seat(at), Teaching), [e.value for e in at.error]
    return at


def seat(at: AppTest):
    return session(at).memory.room


def join_link(at: AppTest) -> dict[str, str]:
    [link] = [c.value for c in at.code if "join=" in c.value and "." not in c.value.split("join=")[1][:7]]
    return dict(parse_qsl(urlsplit(link).query))


def student(t: AppTest, name: str = "Ada", **query) -> AppTest:
    """A student who opened the teacher's join link (plus `query`), typed a name and
    pressed Join; the session is on the Playground."""
    at = opened(CLASS_PAGE, **{**join_link(t), **query})
    at.text_input(key="class_name").input(name)
    at.button[0].click().run()
    assert isinstance(seat(at), Joined), [rendered(e.value) for e in at.error]
    at.switch_page(PLAYGROUND).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def on_show(at: AppTest):
    return session(at).memory.live["player"]


def pick(at: AppTest, **setup) -> AppTest:
    """Change the rate (or gradient) at epoch 0: the player answers the server's
    question, and the new setup's run starts from 0."""
    for name, value in setup.items():
        widget = at.radio(key=name) if name == "gradient" else at.number_input(key=name)
        widget.set_value(value).run()
    asked = player_args(at)
    if asked["branch"]:
        report(at, run_id=asked["run"]["id"], epoch=0, playing=False, event="branch", seq=1,
               answered={"id": asked["branch"], "epoch": 0})
    assert on_show(at).run.config == session(at).config
    return at


def stop(at: AppTest, event: str, epoch: int, run_id: str | None = None, **more) -> AppTest:
    """The player's report after the student stopped (its value, as player.js sends it)."""
    at.session_state["player"] = {"value": {"run_id": run_id or on_show(at).spec["id"], "epoch": epoch,
                                            "playing": False, "event": event, "seq": next(SEQ), **more}}
    return at.run()


def board(t: AppTest):
    teaching = seat(t)
    return connect.store().board(teaching.code, teaching.token, caller="test")


def chart(at: AppTest) -> dict:
    [element] = at.get("plotly_chart")
    return json.loads(element.proto.spec)


def student_points(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace.get("customdata") is not None]


def first_below(losses, target: float = 0.01):
    """Epochs until the MSE is below target, by a plain loop (summary_of uses NumPy)."""
    for epoch, value in enumerate(losses):
        if value < target:
            return epoch
    return None


def said(at: AppTest) -> str:
    """The captions of the page's main area, as the student reads them."""
    return rendered(" ".join(c.value for c in at.main.caption))


def texts(at: AppTest) -> str:
    """Every markdown-based text on the page, as sent (escapes and all)."""
    return " ".join(e.value for kind in ("markdown", "caption", "subheader", "error", "warning", "info",
                                          "success") for e in getattr(at, kind))


# ---- starting and joining ----

def test_start_shows_the_code_and_a_join_link_without_the_token():
    t = teacher(locks=["gradient", "play"])
    teaching = seat(t)
    assert t.metric[0].value == f"{teaching.code[:3]} {teaching.code[3:]}"
    params = join_link(t)
    setup = {k: v for k, v in to_strings(LESSON).items() if k not in ("hidden", "seed")}  # one neuron's link
    assert params == {"join": teaching.code, **setup, "preset": "notebook", "lock": "gradient,play"}
    links = [c.value for c in t.code]
    assert teaching.token not in " ".join(params.values())
    [private] = [link for link in links if teaching.token in link]  # the teacher link, and only it
    assert dict(parse_qsl(urlsplit(private).query)) == {"join": f"{teaching.code}.{teaching.token}"}
    room = board(t).room
    assert room.locks == ("gradient", "play") and room.setup["lr"] == "0.5"


def test_a_student_joins_with_a_name_and_gets_the_lessons_setup_and_locks():
    t = teacher(locks=["gradient", "play"])
    s = student(t, "  Ada\u202e  ", lr="3")  # a stale link's rate; a right-to-left override in the name
    joined = seat(s)
    assert joined.name == "Ada" and session(s).config == LESSON  # the room's setup, not the link's
    assert s.radio(key="gradient").disabled and not s.number_input(key="lr").disabled
    assert player_args(s)["lock"] == ["play"] and player_args(s)["held"] is None
    assert s.title[0].value == "Watch a neuron learn"
    [row] = board(t).rows
    assert (row.seat, row.name, row.summary) == (1, "Ada", None)


@pytest.mark.parametrize("name", ["", " \t ", "\u200b\u202e"])  # nothing, spaces, invisible characters
def test_a_bad_name_is_refused_and_the_student_can_try_again(name):
    t = teacher()
    at = opened(CLASS_PAGE, **join_link(t))
    at.session_state["class_name"] = name
    at.button[0].click().run()
    assert seat(at) is None and "name: empty" in rendered(" ".join(e.value for e in at.error))
    assert board(t).rows == ()
    at.text_input(key="class_name").input("Bo")  # the negative control
    at.button[0].click().run()
    assert isinstance(seat(at), Joined) and [r.name for r in board(t).rows] == ["Bo"]


def test_a_name_is_at_most_40_characters():
    t = teacher()
    at = opened(CLASS_PAGE, **join_link(t))
    assert at.text_input(key="class_name").max_chars == 40  # the browser's box stops there
    at.session_state["class_name"] = "x" * 41  # and the server keeps no more than 40 of what is sent
    at.button[0].click().run()
    assert [row.name for row in board(t).rows] == ["x" * 40]


def test_an_unknown_code_an_ended_class_and_a_malformed_code_get_a_message():
    at = opened(CLASS_PAGE, join="ABCDEF")  # the shape of a code, but no class has it
    assert "no class has the code 'ABCDEF'" in rendered(at.error[0].value)
    assert not at.get("text_input") and seat(at) is None
    t = teacher()
    code = seat(t).code
    t.button(key="class_end").click().run()
    at = opened(CLASS_PAGE, join=code)
    assert f"no class has the code '{code}'" in rendered(at.error[0].value)
    at = opened(join="x<b>y</b>")  # on the Playground: not a code at all
    assert "join: 'x<b>y</b>' is not a class code" in rendered(at.warning[0].value)
    assert "<b>" not in at.warning[0].value  # shown as text
    assert "join" not in at.query_params and player_args(at)["run"]  # left out; the Playground works
    at = opened(join=code)  # on the Playground, the ended class's code: said, no way to join offered
    assert f"you cannot join class {code}: no class has the code '{code}'" in rendered(at.warning[0].value)
    assert not at.get("page_link") and "join" not in at.query_params and player_args(at)["run"]
    live = seat(teacher()).code  # negative control: a live class's code offers the way to join
    at = opened(join=live)
    assert not at.warning and f"Join class {live}" in [link.proto.label for link in at.get("page_link")]


# ---- what a student posts ----

def test_a_finished_run_is_posted_with_tinynets_numbers():
    t = teacher()
    s = pick(student(t), lr=2.0)
    stop(s, "end", LESSON.epochs)
    expected = train(LESSON.replace(lr=2.0))  # independent: tinynet, here
    [row] = board(t).rows
    assert row.summary == Summary(lr=2.0, gradient="exact", hidden=0, epochs=LESSON.epochs,
                                  rows_changed=False, epoch=LESSON.epochs, final_mse=expected.losses[-1],
                                  epochs_to_target=first_below(expected.losses), diverged=False, event="end")
    assert f"Sent to your teacher's board: learning rate 2 (exact), MSE {expected.losses[-1]:.3e}" in said(s)


def test_a_pause_posts_the_epoch_on_show_and_counts_only_what_was_shown():
    t = teacher()
    s = pick(student(t), lr=0.05)
    losses = train(LESSON.replace(lr=0.05)).losses
    reached = first_below(losses)
    for epoch in (reached - 1, reached):  # one epoch before the target, then at it
        stop(s, "pause", epoch)
        summary = board(t).rows[0].summary
        assert (summary.epoch, summary.final_mse, summary.event) == (epoch, losses[epoch], "pause")
        assert summary.epochs_to_target == (reached if epoch == reached else None)


@pytest.mark.parametrize("event, epoch, posted", [
    ("step", 2_000, True), ("step", 1_999, False),  # stepping onto the last epoch, and one before
    ("reset", 0, False), ("scrub", 1_500, False), ("branch", 700, False), ("pause", 700, True),
])
def test_which_reports_are_posted(event, epoch, posted):
    t = teacher()
    s = pick(student(t), lr=1.0)
    stop(s, event, epoch)
    summary = board(t).rows[0].summary
    assert (summary is not None) == posted
    if posted:
        assert summary.epoch == epoch and summary.event == event


def test_numbers_from_the_browser_are_never_posted():
    t = teacher()
    s = pick(student(t), lr=1.0)
    stop(s, "pause", 10**9, final_mse=0.0, lr=99)  # an epoch past the end and made-up numbers
    expected = train(LESSON.replace(lr=1.0)).losses
    summary = board(t).rows[0].summary
    assert (summary.epoch, summary.final_mse, summary.lr) == (LESSON.epochs, expected[-1], 1.0)
    stop(s, "end", LESSON.epochs, run_id="another-run")  # a report about a run not on show
    assert board(t).rows[0].summary == summary
    stop(s, "pause", "12", run_id=None)  # the epoch as text
    assert board(t).rows[0].summary == summary


def test_each_stop_is_posted_once(monkeypatch):
    t = teacher()
    s = pick(student(t), lr=1.0)
    posts = []
    real = connect.store().post
    monkeypatch.setattr(connect.store(), "post", lambda *a, **k: posts.append(a[2]) or real(*a, **k))
    stop(s, "pause", 300)
    s.number_input(key="w2").set_value(0.25).run()  # a rerun with the same report: not posted again
    s.number_input(key="w2").set_value(0.2).run()
    assert len(posts) == 1
    stop(s, "pause", 301)  # another epoch: posted
    stop(s, "end", LESSON.epochs)
    assert [p["epoch"] for p in posts] == [300, 301, LESSON.epochs]
    stop(pick(s, lr=2.0), "end", LESSON.epochs)
    stop(pick(s, lr=1.0), "end", LESSON.epochs)  # back to the first rate: its run is the latest again
    assert [p["lr"] for p in posts[-2:]] == [2.0, 1.0] and board(t).rows[0].summary.lr == 1.0


def test_a_student_who_changed_the_rows_or_start_is_marked_as_their_own_setup():
    t = teacher()
    s = pick(student(t), lr=1.0)
    stop(s, "end", LESSON.epochs)
    assert board(t).rows[0].summary.rows_changed is False  # the negative control
    s.number_input(key="w1").set_value(1.5).run()
    stop(s, "end", LESSON.epochs)
    summary = board(t).rows[0].summary
    assert summary.rows_changed is True and summary.final_mse == train(
        LESSON.replace(lr=1.0, w1=1.5)).losses[-1]
    t.run()
    assert t.dataframe[0].value["State"].tolist() == ["finished; own setup"]


def test_posting_is_bounded_per_student(monkeypatch):
    from playground.classlive import Limits, MemoryStore

    monkeypatch.setattr(connect, "store_from_env", lambda: MemoryStore(Limits(posts_per_window=2)))
    connect.store.clear()
    t = teacher()
    s = pick(student(t), lr=1.0)
    for epoch in (10, 20, 30):
        stop(s, "pause", epoch)
    assert board(t).rows[0].summary.epoch == 20  # the third in a minute was not kept
    assert "not sent to your teacher" in said(s) and "at most 2 a minute" in said(s)


def test_summary_of_a_diverging_run_says_so():
    config = Config(inputs=((1e308, 0), (0, 1)), targets=(0.5, 1), lr=100, epochs=100)
    run = train(config, record=True)
    assert run.diverged_at is not None
    summary = summary_of(run, "end", run.epoch, config)
    assert summary["diverged"] is True and summary["final_mse"] == run.losses[run.epoch]
    calm = train(config.replace(lr=1e-3), record=True)  # the negative control: the same rows at a small rate
    assert calm.diverged_at is None and summary_of(calm, "end", calm.epoch, config)["diverged"] is False
    assert stop_to_post("step", run.epoch, run) == ("step", run.epoch)
    assert stop_to_post("step", None, run) is None


# ---- the board ----

def test_the_board_shows_every_run_with_tinynets_mse_on_a_log_log_scatter():
    t = teacher()
    rates = {"Ada": 0.05, "Bo": 0.5, "Cy": 5.0}
    for name, lr in rates.items():
        stop(pick(student(t, name), lr=lr), "end", LESSON.epochs)
    t.run()
    spec = chart(t)
    [points] = student_points(spec)  # all exact gradient
    finals = {name: train(LESSON.replace(lr=lr)).losses[-1] for name, lr in rates.items()}
    assert points["x"] == list(rates.values()) and points["y"] == list(finals.values())
    assert points["customdata"] == [1, 2, 3]
    assert spec["layout"]["xaxis"]["type"] == spec["layout"]["yaxis"]["type"] == "log"
    assert "learning rate" in spec["layout"]["xaxis"]["title"]["text"]
    assert "MSE" in spec["layout"]["yaxis"]["title"]["text"]
    table = t.dataframe[0].value
    assert table["Student"].tolist() == list(rates) and table["MSE"].tolist() == list(finals.values())
    assert table["State"].tolist() == ["finished"] * 3
    assert "3 joined, 3 with a run on the board" in t.caption[1].value


def test_the_true_curve_is_tinynets_at_every_rate():
    lesson = Config(lr=0.1, epochs=500)
    curve = true_curve(lesson, -2, 1)
    assert curve.rates[0] == pytest.approx(0.01) and curve.rates[-1] == pytest.approx(10)
    for k in (0, 17, len(curve.rates) - 1):
        for mode in ("exact", "notebook"):
            alone = train(lesson.replace(lr=float(curve.rates[k]), gradient=mode))  # one at a time
            assert curve.mse[mode][k] == pytest.approx(alone.mse, rel=1e-12)
    assert curve_decades([]) == (-3, 1) and curve_decades([0.0004, 50]) == (-4, 2)
    assert curve_decades([1e-300]) == (-8, 1)  # never wider than tinynet's rates need


def test_the_chart_escapes_names_and_explains_its_shapes():
    lesson = Config(epochs=100)
    name = '<img src=x onerror=alert(1)><b>Bo</b>'
    done = Summary(0.5, "exact", 0, 100, False, 100, 0.01, 60, False, "end")
    paused = Summary(0.05, "notebook", 0, 100, False, 40, 0.2, None, False, "pause")
    own = Summary(0.5, "exact", 0, 100, True, 100, 0.02, None, False, "end")
    rows = (BoardRow(1, name, done), BoardRow(2, "Cy", paused), BoardRow(3, "Di", own),
            BoardRow(4, "Ed", None))
    assert [kind_of(r.summary, lesson) for r in rows[:3]] == ["finished", "stopped", "own"]
    curve = Curve(np.array([0.01, 1.0]), {"exact": np.array([0.1, np.nan]), "notebook": np.array([0.2, 0.1])})
    spec = json.loads(board_figure(rows, lesson, curve, "ABCDEF").to_json())
    hover = " ".join(text for trace in student_points(spec) for text in trace["hovertext"])
    assert html.escape(name) in hover and "<img" not in hover and "<b>Bo" not in hover
    legend = [trace["name"] for trace in spec["data"]]
    assert "stopped early: the MSE so far" in legend and "own setup: not on the curve" in legend
    assert "diverged: the last finite MSE" not in legend  # only the shapes on show
    assert "(3 runs)" in spec["layout"]["title"]["text"]


def test_runs_alike_share_one_larger_point_that_names_them_all():
    lesson = Config(epochs=100)
    run = Summary(0.5, "exact", 0, 100, False, 100, 0.01, 60, False, "end")
    other = Summary(0.5, "exact", 0, 100, False, 40, 0.2, None, False, "pause")  # same rate, another epoch
    rows = tuple(BoardRow(seat, name, summary) for seat, (name, summary) in enumerate(
        [("Ada", run), ("Bo", other), ("Cy", run), *((f"S{k}", run) for k in range(9))], start=1))
    curve = Curve(np.array([0.01, 1.0]), {"exact": np.array([0.1, 0.01]), "notebook": np.array([0.2, 0.1])})
    spec = json.loads(board_figure(rows, lesson, curve, "ABCDEF").to_json())
    [points] = student_points(spec)
    assert points["customdata"] == [1, 2] and points["text"] == ["×11", ""]
    assert points["hovertext"][0].startswith("<b>Ada, Cy, S0, S1, S2, S3, S4, S5</b> and 3 more<br>")
    assert points["hovertext"][1].startswith("<b>Bo</b><br>")
    big, one = points["marker"]["size"]
    assert big > one == 18
    assert "(12 runs)" in spec["layout"]["title"]["text"]


def test_anonymise_hides_the_names_everywhere_on_the_board():
    t = teacher()
    for name in ("Ada", "Bo"):
        stop(pick(student(t, name), lr=1.0), "end", LESSON.epochs)
    t.run()
    assert "Ada" in json.dumps(chart(t)) and t.dataframe[0].value["Student"].tolist() == ["Ada", "Bo"]
    t.button(key="class_anonymise").click().run()
    spec = json.dumps(chart(t))
    assert "Ada" not in spec and "Bo" not in spec and "Student 1" in spec
    assert t.dataframe[0].value["Student"].tolist() == ["Student 1", "Student 2"]
    assert t.selectbox(key="class_pick").options == ["Student 1: learning rate 1 (exact)",
                                                     "Student 2: learning rate 1 (exact)"]
    t.button(key="class_anonymise").click().run()  # and back
    assert t.dataframe[0].value["Student"].tolist() == ["Ada", "Bo"]


def test_a_name_with_markup_is_text_on_every_page_that_shows_it():
    name = "**Bo** [x](http://e.example) <i>"
    t = teacher()
    s = student(t, name)
    stop(pick(s, lr=1.0), "end", LESSON.epochs)
    assert plain(name) in texts(s) and name not in texts(s)  # the student's own caption: escaped
    s.switch_page(CLASS_PAGE).run()
    assert plain(name) in texts(s) and name not in texts(s)
    t.run()
    assert t.dataframe[0].value["Student"].tolist() == [name]  # a table cell is text as it is
    assert html.escape(name) in json.dumps(chart(t)) and "<i>" not in json.dumps(chart(t))
    t.selectbox(key="class_pick").set_value(1)
    t.button(key="class_project").click().run()
    assert plain(name) in texts(t) and name not in texts(t)  # the projection's notice


# ---- the teacher's commands ----

def test_pause_holds_every_students_player_until_the_teacher_lets_go():
    t = teacher()
    students = [student(t, name) for name in ("Ada", "Bo")]
    other = student(teacher(), "Zed")  # in another class
    for at in (*students, other):
        assert player_args(at.run())["held"] is None  # the negative control
    t.button(key="class_pause").click().run()
    for at in students:
        assert player_args(at.run())["held"] == HELD
    assert player_args(other.run())["held"] is None
    t.button(key="class_pause").click().run()  # "Let everyone play"
    for at in students:
        assert player_args(at.run())["held"] is None


def test_sending_the_setup_and_locks_reaches_every_student():
    t = teacher()
    s = pick(student(t), lr=3.0, gradient="notebook")
    t.number_input(key="lr").set_value(0.25).run()
    t.multiselect(key="class_locks").set_value(["lr"])
    t.button(key="class_send").click().run()
    s.run()
    assert session(s).config == LESSON.replace(lr=0.25) and s.number_input(key="lr").disabled
    assert seat(s).lesson == LESSON.replace(lr=0.25)
    assert "sent the class a new setup; locked: lr" in rendered(s.info[0].value)
    s.run()
    assert not s.info  # said once


def test_project_opens_a_students_run_in_presenter_mode():
    t = teacher()
    s = pick(student(t, "Ada"), lr=4.0, gradient="notebook")
    stop(s, "end", LESSON.epochs)
    t.run()
    t.selectbox(key="class_pick").set_value(1)
    t.button(key="class_project").click().run()
    assert session(t).config == LESSON.replace(lr=4.0, gradient="notebook") and session(t).presenter
    assert t.title[0].value == "Watch a neuron learn"
    assert "Ada's run: learning rate 4 (notebook)" in rendered(t.info[0].value)
    expected = train(LESSON.replace(lr=4.0, gradient="notebook"))
    assert on_show(t).run.losses[-1] == expected.losses[-1] == board(t).rows[0].summary.final_mse


def test_end_deletes_the_class_and_its_students_carry_on_alone():
    t = teacher()
    code = seat(t).code
    s = student(t)
    t.button(key="class_end").click().run()
    assert seat(t) is None and "names and runs are deleted" in rendered(t.success[0].value)
    with pytest.raises(RoomNotFound):
        connect.store().room(code, caller="test")
    s.run()
    assert seat(s) is None and f"Class {code} has ended" in rendered(s.warning[0].value)
    assert player_args(s)["held"] is None and not s.exception


# ---- the token ----

COMMAND_EFFECTS = {  # button -> what the room looks like after it, read with the real token
    "class_pause": lambda room: room.paused,
    "class_anonymise": lambda room: room.anonymous,
    "class_send": lambda room: room.setup["lr"] == "0.25",
    "class_end": None,  # the room is gone
}


@pytest.mark.parametrize("token", [None, "", "not-the-token", "one character off"])
@pytest.mark.parametrize("button", sorted(COMMAND_EFFECTS))
def test_a_command_without_the_token_is_refused_and_changes_nothing(button, token):
    t = teacher()
    teaching = seat(t)
    real = teaching.token
    t.number_input(key="lr").set_value(0.25).run()
    bad = real[:-1] + ("A" if real[-1] != "A" else "B") if token == "one character off" else token
    before = connect.store().room(teaching.code, caller="test")
    teaching.token = bad
    t.button(key=button).click().run()
    assert "only the teacher who started class" in rendered(t.error[0].value)
    assert connect.store().room(teaching.code, caller="test") == before
    assert isinstance(seat(t), Teaching)
    teaching.token = real  # the negative control: the real token does it
    t.run()
    t.button(key=button).click().run()
    if COMMAND_EFFECTS[button] is None:
        with pytest.raises(RoomNotFound):
            connect.store().room(teaching.code, caller="test")
    else:
        assert COMMAND_EFFECTS[button](connect.store().room(teaching.code, caller="test"))


def test_the_board_and_projecting_need_the_token():
    t = teacher()
    stop(pick(student(t), lr=1.0), "end", LESSON.epochs)
    t.run()
    teaching = seat(t)
    real, teaching.token = teaching.token, "wrong"
    t.selectbox(key="class_pick").set_value(1)
    t.button(key="class_project").click().run()
    refusal = rendered(t.error[0].value)
    assert "board cannot be read" in refusal and "only the teacher" in refusal
    assert not t.get("plotly_chart") and not t.dataframe and not session(t).presenter
    teaching.token = real
    t.run()
    assert chart(t) and len(t.dataframe[0].value) == 1


def test_a_student_has_no_teacher_controls_and_a_wrong_teacher_link_opens_nothing():
    t = teacher(locks=["gradient"])
    teaching = seat(t)
    s = student(t)
    s.switch_page(CLASS_PAGE).run()
    assert not [b for b in s.button if b.key in TEACHER_BUTTONS] and not s.get("plotly_chart")
    at = opened(join=f"{teaching.code}.guessed")
    assert "does not open class" in rendered(at.error[0].value)
    for token in ("guessed", teaching.token[:-1], teaching.token):  # the last: the negative control
        at = opened(join=f"{teaching.code}.{token}")
        assert "join" not in at.query_params  # the token leaves the address bar at once
        at.switch_page(CLASS_PAGE).run()
        buttons = {b.key for b in at.button} & set(TEACHER_BUTTONS)
        if token == teaching.token:
            assert isinstance(seat(at), Teaching) and buttons == set(TEACHER_BUTTONS) - {"class_project"}
            assert session(at).config == LESSON and at.multiselect(key="class_locks").value == ["gradient"]
        else:
            assert seat(at) is None and not buttons


# ---- a store that is down ----

def test_a_store_that_is_down_is_said_and_the_playground_carries_on(monkeypatch):
    require_redis()
    import redis

    with redis_server() as url:
        monkeypatch.setenv("TINYNET_STORE", url)
        connect.store.clear()
        t = teacher()
        s = pick(student(t), lr=1.0)
        redis.Redis.from_url(url).shutdown(nosave=True)
        stop(s, "end", LESSON.epochs)
        assert not s.exception and player_args(s)["run"]["reached"] == LESSON.epochs
        assert "cannot be reached" in rendered(texts(s)) and "not sent to your teacher" in rendered(texts(s))
        t.run()
        assert "board cannot be read just now" in rendered(t.error[0].value) and not t.exception
        fresh = opened(CLASS_PAGE)
        fresh.button(key="class_start").click().run()
        assert "class was not started" in rendered(fresh.error[0].value) and seat(fresh) is None


def test_a_malformed_store_setting_is_said_and_nothing_breaks(monkeypatch):
    monkeypatch.setenv("TINYNET_STORE", "memory")  # not a redis:// URL
    connect.store.clear()
    at = opened(CLASS_PAGE)
    at.button(key="class_start").click().run()
    assert "TINYNET_STORE: 'memory' is not a class store" in rendered(at.error[0].value)
    assert seat(at) is None and not at.exception
    at = opened(CLASS_PAGE, join="ABCDEF")
    assert "TINYNET_STORE" in rendered(at.error[0].value) and not at.get("text_input")


def test_a_student_can_leave_the_class():
    t = teacher()
    s = student(t)
    s.switch_page(CLASS_PAGE).run()
    s.button(key="class_leave").click().run()
    assert seat(s) is None and "join" not in s.query_params
    assert s.button(key="class_start")  # back to a visitor's Class page
    t.button(key="class_pause").click().run()
    s.switch_page(PLAYGROUND).run()
    assert player_args(s)["held"] is None  # the class's commands no longer reach this page
