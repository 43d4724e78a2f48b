"""Class Live in real Chromium: a teacher and three students, each in a browser context
of their own. The students join from the link, play at different rates, and the board
shows each run with the MSE tinynet computes for that setup (computed here); then
Anonymise, Pause everyone (it reaches the students' players), and a student without
the token gets no teacher action. Once with one server, once with two app processes
on one Redis: the students on one, the teacher on the other. Last, a click on a point
projects that student's run.
"""

from __future__ import annotations

import contextlib
import html
import os
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from harness import require_browser, start_app
from redis_server import redis_server, require_redis

from tinynet import Config, train

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import charts_built  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

LESSON = Config(lr=0.5, gradient="exact", epochs=2_000)
# name -> (learning rate, gradient); one name has markup: it must stay text
RATES = {"Ada": ("0.05", "exact"), "Bo <b>2</b>": ("0.5", "notebook"), "Cy": ("5", "exact")}
HELD = "Your teacher paused the class."
SCREENSHOTS = Path(__file__).parent / "screenshots"
# The board's scatter as the page holds it (Plotly keeps a chart's data on its element).
BOARD_POINTS = """() => {
  const plot = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')].at(-1);
  if (!plot || !plot.data) return [];
  return plot.data.filter((t) => t.customdata).flatMap((t) => t.customdata.map((seat, i) =>
    ({seat, lr: t.x[i], mse: t.y[i], text: t.hovertext[i]})));
}"""


# Where on the screen the board draws the point whose hover names this student.
POINT_OF = """(name) => {
  const points = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .scatterlayer .point')];
  const point = points.find((p) => p.__data__ && String(p.__data__.htx).includes(`<b>${name}</b>`));
  const box = point.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}"""


class Browsers:
    """Pages in contexts of their own (one per person), each failing the test on an
    uncaught JavaScript error, as the `page` fixture does for its page."""

    def __init__(self, browser):
        self.browser, self.contexts, self.thrown = browser, [], []

    def page(self):
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.thrown.append(error))
        return page

    def close(self):
        for context in self.contexts:
            context.close()
        assert not self.thrown, f"uncaught JavaScript errors: {self.thrown}"


@pytest.fixture
def people(browser):
    browsers = Browsers(browser)
    yield browsers
    browsers.close()


def start_class(page, url: str) -> tuple[str, str]:
    """The teacher opens the Class page with the lesson and presses Start: (code, join link)."""
    page.goto(f"{url}/class?lr={LESSON.lr}&gradient={LESSON.gradient}&epochs={LESSON.epochs}")
    page.get_by_role("button", name="Start a class").click()
    expect(page.get_by_test_id("stMetricValue")).to_be_visible()
    code = page.get_by_test_id("stMetricValue").inner_text().replace(" ", "")
    link = page.get_by_test_id("stCode").filter(has_text=f"join={code}&").inner_text().strip()
    return code, link


def join_and_play(pages: dict, link: str) -> None:
    """Every student opens the link, types a name, presses Join, picks a rate and presses
    Play; each step is started on every page before waiting on any (the pages load at once)."""
    for page in pages.values():
        page.goto(link)
    for name, page in pages.items():
        page.get_by_label("Your name").fill(name)
        page.get_by_role("button", name="Join", exact=True).click()
    for name, page in pages.items():
        charts_built(page)
        gradient = RATES[name][1]
        if gradient != LESSON.gradient:
            page.get_by_test_id("stSidebar").get_by_text(gradient, exact=True).click()
            expect(page.get_by_test_id("lr")).to_have_text(f"{LESSON.lr:g} ({gradient})", timeout=30_000)
    for name, page in pages.items():
        field = page.get_by_role("spinbutton", name="Learning rate")
        field.fill(RATES[name][0])
        field.press("Enter")
    for name, page in pages.items():
        expect(page.get_by_test_id("lr")).to_have_text(f"{RATES[name][0]} ({RATES[name][1]})", timeout=30_000)
        page.get_by_label("Speed").select_option("4×")
        page.get_by_role("button", name="Play", exact=True).click()


def teacher_actions(page, count: int) -> None:
    for action in ("Let everyone play", "Show names", "Send my setup", "End the class"):
        expect(page.get_by_role("button", name=action)).to_have_count(count)


def board_points(page, count: int, timeout: float = 30_000) -> list[dict]:
    """The board's points once it shows `count` runs (it refreshes itself every 2 s)."""
    page.wait_for_function(f"() => ({BOARD_POINTS})().length >= {count}", timeout=timeout)
    return page.evaluate(BOARD_POINTS)


def lesson(people, teacher_url: str, student_url: str, screenshot_name: str) -> None:
    teacher = people.page()
    code, link = start_class(teacher, teacher_url)
    assert urlsplit(link).path == "/class" and dict(parse_qsl(urlsplit(link).query))["join"] == code
    link = student_url + link[len(teacher_url):]  # the same link, on the students' server
    students = {name: people.page() for name in RATES}
    join_and_play(students, link)
    for page in students.values():  # played to the end: the page reports it, the server posts
        expect(page.get_by_test_id("epoch")).to_have_text(f"{LESSON.epochs:,}", timeout=60_000)
        expect(page.get_by_text("Sent to your teacher's board")).to_be_visible()

    points = board_points(teacher, len(RATES))
    finals = {name: train(LESSON.replace(lr=float(rate), gradient=gradient)).losses[-1]
              for name, (rate, gradient) in RATES.items()}
    assert sorted(p["seat"] for p in points) == [1, 2, 3]
    for point in points:
        [name] = [n for n in RATES if f"<b>{html.escape(n)}</b>" in point["text"]]  # the hover's title
        assert point["lr"] == float(RATES[name][0]) and point["mse"] == finals[name]
    expect(teacher.get_by_text("3 joined, 3 with a run on the board")).to_be_visible()
    assert teacher.locator('[data-testid="stMain"] b', has_text="2").count() == 0  # the name's markup is text
    teacher.set_viewport_size({"width": 1280, "height": 2000})  # the whole board: the main area scrolls
    teacher.wait_for_timeout(1_000)  # Plotly settles at the new size
    teacher.screenshot(path=str(SCREENSHOTS / f"{screenshot_name}.png"))

    teacher.get_by_role("button", name="Anonymise").click()
    teacher.wait_for_function(f"() => ({BOARD_POINTS})().every((p) => p.text.includes('Student '))")
    assert not any(name.split()[0] in p["text"] for p in teacher.evaluate(BOARD_POINTS) for name in RATES)

    teacher.get_by_role("button", name="Pause everyone").click()
    for page in students.values():  # the light check picks it up within a few seconds
        expect(page.locator("#held")).to_have_text(HELD, timeout=15_000)
        expect(page.locator("#play")).to_be_disabled()

    ada = students["Ada"]  # a student has no teacher action: on the Class page, nor with a made-up token
    ada.get_by_test_id("stSidebarNav").get_by_text("Class", exact=True).click()
    expect(ada.get_by_text(f"You are in class {code} as Ada")).to_be_visible()
    teacher_actions(ada, 0)
    ada.goto(f"{student_url}/class?join={code}.not-the-token")
    expect(ada.get_by_text(f"This teacher link does not open class {code}")).to_be_visible()
    teacher_actions(ada, 0)
    assert "not-the-token" not in ada.url  # the made-up token left the address bar
    teacher_actions(teacher, 1)  # the negative control

    # a click on Ada's point projects her run: the Playground, her rate, presenter mode
    box = teacher.evaluate(POINT_OF, "Student 1")
    teacher.mouse.click(box["x"], box["y"])
    expect(teacher.locator("h1")).to_have_text("Watch a neuron learn")
    expect(teacher.get_by_test_id("lr")).to_have_text(f"{RATES['Ada'][0]} ({RATES['Ada'][1]})")
    expect(teacher.get_by_test_id("stSidebar").get_by_role("switch", name="Presenter mode")).to_be_checked()


def test_a_class_on_one_server(people, app_server):
    url = app_server("app.py")
    lesson(people, url, url, "class-board")


@contextlib.contextmanager
def environment(**values):
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value


def test_a_class_on_two_servers_sharing_one_redis(people):
    require_redis()
    with redis_server() as redis_url, environment(TINYNET_STORE=redis_url), \
            start_app("app.py") as students_url, start_app("app.py") as teacher_url:
        assert students_url != teacher_url
        lesson(people, teacher_url, students_url, "class-board-redis")
