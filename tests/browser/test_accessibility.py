"""Accessibility in real Chromium: axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on every
page, in the states a class meets them (fresh, while the player plays, after a Step,
presenter mode) on the light theme and the dark one; every chart named and described,
its text at 4.5:1 against its background, and its table toggle showing its numbers.

Each page state is opened and audited once (the `audits` fixture) and judged by several
tests. A serious or critical violation fails test_pages_pass_axe unless it sits inside a
Streamlit widget named in axe_allowlist.json for that rule, with the reason the app cannot
fix it and the upstream issue. Violations inside the player (.tinynet-player) and its
charts are judged by their own tests, test_player_*: they fail until the player is fixed.

axe-core comes from npm, in the repository's folder:
    npm install --no-save --no-package-lock axe-core@4
Without it these tests are skipped; on CI (CI=true) a missing axe-core is a failure.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest
from harness import ROOT, require_browser, start_app

require_browser()  # before importing playwright: skip here, or fail on CI
from player_page import charts_built  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ALLOWLIST = json.loads((Path(__file__).parent / "axe_allowlist.json").read_text())
SCREENSHOTS = Path(__file__).parent / "screenshots"
PLAYER = ".tinynet-player"


def require_axe() -> None:
    """Skip without axe-core here; on CI fail, so a missing install step cannot hide behind a skip."""
    if AXE.exists():
        return
    why = f"no {AXE.relative_to(ROOT)}: run `npm install --no-save --no-package-lock axe-core@4` in {ROOT}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"accessibility tests cannot run on CI: {why}", pytrace=False)
    pytest.skip(f"accessibility tests skipped: {why}")


# ---- what the page says, read inside it ----

# axe with element references, so each violation can be placed: inside the player, or
# inside a Streamlit widget that an allowlist entry names for that rule
AUDIT = """async ({tags, allow}) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, elementRef: true,
                                          resultTypes: ["violations"]});
  const found = [];
  for (const rule of result.violations) {
    if (!["serious", "critical"].includes(rule.impact)) continue;
    for (const node of rule.nodes) {
      const element = node.element;
      const entry = allow.find(a => a.rule === rule.id && element && element.closest(a.within));
      found.push({rule: rule.id, impact: rule.impact, target: node.target.flat().join(" "),
                  message: (node.failureSummary || "").replace(/\\s+/g, " ").trim(),
                  player: Boolean(element && element.closest(".tinynet-player")),
                  allowed: entry ? entry.within : null});
    }
  }
  return found;
}"""

# Every Plotly chart: its accessible name (the role="figure" around it, by aria-label or
# aria-labelledby) and its description (aria-describedby, or the caption in its
# figure_<key> container, playground/figures.py)
CHARTS = """() => [...document.querySelectorAll(".js-plotly-plot")].map(plot => {
  const words = ids => (ids || "").split(/\\s+/).map(id => document.getElementById(id)?.textContent || "")
    .join(" ").trim();
  const figure = plot.closest('[role="figure"]');
  const box = plot.closest('[class*="st-key-figure_"]');
  const name = !figure ? ""
    : figure.getAttribute("aria-label") || words(figure.getAttribute("aria-labelledby"));
  const caption = box?.querySelector('[data-testid="stCaptionContainer"]')?.textContent.trim() || "";
  const described = figure?.getAttribute("aria-describedby");
  return {chart: box?.className.match(/st-key-figure_(\\S+)/)?.[1] || plot.id || "a chart",
          name: name.trim(), description: described ? words(described) : caption,
          player: Boolean(plot.closest(".tinynet-player"))};
})"""

# The colour of every text Plotly draws on a chart's paper (titles, axes, legend, colour
# bars, subplot titles; not the labels it draws over the data), and the paper behind it.
# A 3D scene's axes are drawn in WebGL: their colours come from the figure's layout.
CHART_TEXT = """() => {
  const app = getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor;
  const out = [];
  for (const plot of document.querySelectorAll(".js-plotly-plot")) {
    const layout = plot._fullLayout;
    if (!layout) continue;
    const paper = layout.paper_bgcolor;
    const chart = plot.closest('[class*="st-key-figure_"]')?.className.match(/st-key-figure_(\\S+)/)?.[1]
      || plot.id;
    const player = Boolean(plot.closest(".tinynet-player"));
    for (const text of plot.querySelectorAll(".main-svg text")) {
      if (!text.textContent.trim() || text.closest(".textpoint, .hoverlayer")) continue;
      out.push({chart, player, text: text.textContent.trim().slice(0, 40), fill: getComputedStyle(text).fill,
                paper, app});
    }
    for (const name of Object.keys(layout).filter(k => /^scene\\d*$/.test(k))) {
      for (const axis of ["xaxis", "yaxis", "zaxis"]) {
        const a = layout[name][axis];
        out.push({chart, player, text: `${name} ${axis} ticks`, fill: a.tickfont.color, paper, app});
        out.push({chart, player, text: `${name} ${axis} title`, fill: a.title.font.color, paper, app});
      }
    }
  }
  return out;
}"""


def colour(css: str) -> tuple[float, float, float, float]:
    """A CSS colour as the browser reports it (rgb(), rgba() or #rrggbb) -> (r, g, b, alpha)."""
    css = css.strip()
    if css.startswith("#"):
        digits = css[1:] if len(css) == 7 else "".join(c * 2 for c in css[1:4])  # #fff is #ffffff
        return (*(int(digits[i:i + 2], 16) for i in (0, 2, 4)), 1.0)
    parts = [float(v) for v in css[css.index("(") + 1:-1].replace("/", ",").split(",")]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2's contrast ratio of two opaque colours."""
    def luminance(css):
        def channel(v):
            v /= 255
            return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b, _ = colour(css)
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def low_contrast_text(page) -> list[str]:
    """Chart text under 4.5:1 against its chart's paper (the page's own background where
    the paper is transparent)."""
    found = []
    for t in page.evaluate(CHART_TEXT):
        ground = t["paper"] if colour(t["paper"])[3] > 0 else t["app"]
        ratio = contrast(t["fill"], ground)
        if ratio < 4.5:
            whose = "player " if t["player"] else ""
            found.append(f"{whose}{t['chart']}: {t['text']!r} {t['fill']} on {ground} = {ratio:.2f}:1")
    return found


# ---- the page states ----

@dataclass
class Audit:
    """What one page state showed: axe's serious and critical findings, its charts, its chart text."""

    findings: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    faint_text: list = field(default_factory=list)
    missing: str | None = None  # why this state could not be opened (a page this app does not have)
    broken: str | None = None  # what went wrong opening it

    def ours(self) -> list:
        return [f for f in self.findings if not f["player"] and not f["allowed"]]


# url path -> a text on the page once it has run to its end
PAGES = {"": "What am I looking at?", "step_by_step": "The notebook's three traps",
         "landscape": "each map is one slice", "hidden_layer": "Inside the network at",
         "sweep": "Does the start matter?", "class": None}
PLAYERS = {"", "hidden_layer"}  # pages with the player on them
LIGHT = ([(p, "fresh") for p in PAGES] + [("", "playing"), ("", "after Step"), ("hidden_layer", "after Step")]
         + [(p, "presenter") for p in PAGES])
DARK = [(p, "fresh") for p in PAGES] + [("", "presenter")]
STATES = [("light", p, s) for p, s in LIGHT] + [("dark", p, s) for p, s in DARK]


def state_id(state) -> str:
    theme, path, what = state
    return f"{theme}-{path or 'playground'}-{what.replace(' ', '_')}"


def settled(page, path: str) -> None:
    """Wait until the page's script has finished and everything it draws is drawn."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(1,
                                                                                                   timeout=90_000)
    if PAGES[path]:
        expect(page.get_by_text(PAGES[path]).first).to_be_visible(timeout=90_000)
    if path in PLAYERS:
        charts_built(page)
    page.wait_for_function("""() => [...document.querySelectorAll('[class*="st-key-figure_"]')]
      .every(box => box.querySelector('.js-plotly-plot .main-svg'))""", timeout=60_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def open_state(page, url: str, path: str, what: str) -> bool:
    """Put the page in the state; False if this app has no such page (the Class page is new)."""
    page.goto(f"{url}/{path}" + ("?presenter=1" if what == "presenter" else ""))
    if path == "class":
        expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning",
                                                               timeout=90_000)
        if page.get_by_role("link", name="Class", exact=True).count() == 0:
            return False
    settled(page, path)
    if what == "playing":
        page.locator("#speed").select_option("0.1")  # a whole run takes about 35 s: the audit fits inside it
        page.locator("#play").click()
        expect(page.locator("#play")).to_have_text("Pause")
    elif what == "after Step":
        page.locator("#step").click()
        expect(page.get_by_test_id("epoch")).to_have_text("1")
        if path == "hidden_layer":  # the charts under the player follow it to epoch 1
            expect(page.get_by_text("Inside the network at epoch 1", exact=True)).to_be_visible(
                timeout=60_000)
        settled(page, path)
    return True


def audit(page, theme: str) -> list:
    if page.evaluate("typeof axe") == "undefined":
        page.add_script_tag(path=str(AXE))
    allow = [e for e in ALLOWLIST if theme in e["themes"]]
    return page.evaluate(AUDIT, {"tags": TAGS, "allow": allow})


@contextlib.contextmanager
def dark_server():
    """A server on Streamlit's dark theme, as STREAMLIT_THEME_BASE=dark makes it."""
    with contextlib.ExitStack() as stack:
        with mock.patch.dict(os.environ, {"STREAMLIT_THEME_BASE": "dark"}):
            url = stack.enter_context(start_app("app.py"))  # the variable is read as the server starts
        yield url


# Machado, Oliveira and Fernandes (2009), deuteranopia at full severity, applied in linear RGB
# (feColorMatrix's default colour space)
DEUTERANOPIA = """<svg xmlns="http://www.w3.org/2000/svg" style="position:absolute;width:0;height:0">
<filter id="deuteranopia"><feColorMatrix type="matrix" values="0.367322 0.860646 -0.227968 0 0
  0.280085 0.672501 0.047413 0 0  -0.011820 0.042940 0.968881 0 0  0 0 0 1 0"/></filter></svg>"""


def whole_page_screenshot(page, name: str, deuteranopia: bool = False) -> None:
    """Save the page to look at; Streamlit scrolls inside its main block, so the window grows to fit."""
    if deuteranopia:
        page.evaluate("svg => document.body.insertAdjacentHTML('beforeend', svg)", DEUTERANOPIA)
        page.add_style_tag(content="html { filter: url(#deuteranopia); }")
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 8_000)})
    page.wait_for_timeout(1_500)  # Plotly lays the charts out again at the new size
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 1000})


def visit(page, url: str, state) -> Audit:
    theme, path, what = state
    try:
        if not open_state(page, url, path, what):
            return Audit(missing=f"this app has no /{path} page")
        found = Audit(audit(page, theme), page.evaluate(CHARTS), low_contrast_text(page))
        if what == "playing":
            expect(page.locator("#play")).to_have_text("Pause")  # still playing: audited mid-run
    except Exception as error:  # one state that cannot open fails its own tests, not all
        whole_page_screenshot(page, f"axe-{state_id(state)}-broken")
        return Audit(broken=f"{type(error).__name__}: {error}")
    if found.findings or found.faint_text:
        whole_page_screenshot(page, f"axe-{state_id(state)}")
    if (theme, what) == ("light", "fresh"):
        whole_page_screenshot(page, f"deuteranopia-{path or 'playground'}", deuteranopia=True)
    return found


@pytest.fixture(scope="module")
def audits(browser, app_server) -> dict:
    """Open every state once, audit it, and keep what it showed: {state: Audit}."""
    require_axe()
    results = {}
    with dark_server() as dark_url:
        urls = {"light": app_server("app.py"), "dark": dark_url}
        for theme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            for state in (s for s in STATES if s[0] == theme):
                results[state] = visit(page, urls[theme], state)
            context.close()
    return results


def judged(audits, state) -> Audit:
    found = audits[state]
    if found.missing:
        pytest.skip(found.missing)
    if found.broken:
        pytest.fail(f"this state could not be opened: {found.broken}", pytrace=False)
    return found


def listed(findings) -> str:
    return "\n".join(f"  {f['rule']} ({f['impact']}) at {f['target']}: {f['message']}" for f in findings)


# ---- the pages (ours) ----

@pytest.mark.parametrize("state", STATES, ids=state_id)
def test_pages_pass_axe(audits, state):
    found = judged(audits, state).ours()
    assert not found, f"serious or critical axe violations outside the player:\n{listed(found)}"


@pytest.mark.parametrize("state", STATES, ids=state_id)
def test_every_chart_is_named_and_described(audits, state):
    charts = [c for c in judged(audits, state).charts if not c["player"]]
    bad = [c for c in charts if not c["name"] or not any(ch.isdigit() for ch in c["description"])]
    assert not bad, f"charts without a name or a description from their numbers: {bad}"


@pytest.mark.parametrize("state", STATES, ids=state_id)
def test_chart_text_has_contrast(audits, state):
    faint = [t for t in judged(audits, state).faint_text if not t.startswith("player ")]
    assert not faint, "chart text under 4.5:1:\n" + "\n".join(faint)


def test_the_teaching_pages_charts_were_seen(audits):
    """The judgements above are about something: each teaching page's charts were found."""
    seen = {c["chart"] for a in audits.values() for c in a.charts if not c["player"]}
    assert seen >= {"slope_chart", "landscape_map", "landscape_bias", "landscape_surface", "hidden_curves",
                    "hidden_maps", "hidden_network", "sweep_final", "sweep_reach", "sweep_starts"}


# ---- the player (its engineer's): these fail until the player is fixed ----

@pytest.mark.parametrize("state", [s for s in STATES if s[1] in PLAYERS], ids=state_id)
def test_player_passes_axe(audits, state):
    found = [f for f in judged(audits, state).findings if f["player"]]
    assert not found, f"serious or critical axe violations inside the player:\n{listed(found)}"


@pytest.mark.parametrize("state", [s for s in STATES if s[1] in PLAYERS], ids=state_id)
def test_player_charts_are_named_described_and_legible(audits, state):
    found = judged(audits, state)
    bad = [c for c in found.charts if c["player"] and (not c["name"] or not c["description"])]
    faint = [t for t in found.faint_text if t.startswith("player ")]
    assert not bad and not faint, f"player charts without a name or description: {bad}; faint text: {faint}"


# ---- the checks themselves, shown firing ----

def test_the_allowlist_names_only_streamlits_own_widgets():
    """An entry excuses one rule inside one of Streamlit's widgets (a data-testid of its own),
    on named themes, with a reason and the upstream issue; nothing of ours can be in it."""
    for entry in ALLOWLIST:
        assert set(entry) == {"rule", "within", "themes", "reason", "upstream"}, entry
        assert re.fullmatch(r'\[data-testid="st[A-Z]\w*"\]', entry["within"]), entry["within"]
        assert entry["themes"] and set(entry["themes"]) <= {"light", "dark"} and entry["reason"]
        assert entry["upstream"] and all(u.startswith("https://github.com/streamlit/streamlit/issues/")
                                         for u in entry["upstream"])


def test_axe_fails_a_planted_low_contrast_text(app_server, page):
    """Negative control: light grey on white, planted in the page, is a serious axe finding
    that is ours (outside the player, in no allowlisted widget)."""
    require_axe()
    page.goto(app_server("app.py") + "/step_by_step")
    settled(page, "step_by_step")
    page.evaluate("""() => { const p = document.createElement('p'); p.id = 'planted'; p.textContent = 'faint';
      p.style.cssText = 'color: #c8c8c8; background: #ffffff; font-size: 14px';
      document.querySelector('[data-testid="stMain"]').prepend(p); }""")
    planted = [f for f in audit(page, "light") if f["target"] == "#planted"]
    assert [(f["rule"], f["player"], f["allowed"]) for f in planted] == [("color-contrast", False, None)]


def test_chart_checks_catch_an_unnamed_chart_and_faint_chart_text(app_server, page):
    """Negative controls for the chart checks: a Plotly chart with no figure around it has
    no name, and a tick label greyed to #aaaaaa is under 4.5:1 on white."""
    page.goto(app_server("app.py") + "/step_by_step")
    settled(page, "step_by_step")
    assert low_contrast_text(page) == []
    page.evaluate("""() => {
      document.querySelector('.st-key-figure_slope_chart .xtick text').style.fill = '#aaa';
      const bare = document.createElement('div'); bare.className = 'js-plotly-plot';
      document.querySelector('[data-testid="stMain"]').append(bare); }""")
    faint = low_contrast_text(page)
    assert len(faint) == 1 and "slope_chart" in faint[0] and "rgb(170, 170, 170)" in faint[0], faint
    unnamed = [c for c in page.evaluate(CHARTS) if not c["name"]]
    assert [c["chart"] for c in unnamed] == ["a chart"]


def test_the_table_toggle_shows_the_charts_numbers(app_server, page):
    """The step page's chart as a table, turned on from the keyboard: this epoch's rows at
    z = 0.3, 0.5, 0.6, 0.4 with their factors, a(1 - a) and sigma'(a) worked out by hand for
    the notebook's network at epoch 1."""
    page.goto(app_server("app.py") + "/step_by_step")
    settled(page, "step_by_step")
    box = page.locator(".st-key-figure_slope_chart")
    expect(box.get_by_role("table")).to_have_count(0)
    box.get_by_role("switch", name="Show “The derivative factor for every z” as a table").focus()
    page.keyboard.press("Space")  # as a keyboard user turns it on
    rows = box.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(1 + 4 + 9)  # the header, the 4 rows, the curve at z = -8, -6, ..., 8

    def cells(k: int) -> list[str]:
        return [text.strip() for text in rows.nth(k).locator("th, td").all_inner_texts()]

    assert cells(0) == ["point", "z", "exact a(1 − a)", "notebook σ'(σ(z))"]
    assert cells(1) == ["row 1", "0.3", "0.2445", "0.2305"]  # 0.244458, 0.230459
    assert cells(3) == ["row 3", "0.6", "0.2288", "0.2257"]  # 0.228784, 0.225654
    assert cells(9) == ["curve", "0", "0.25", "0.235"]  # sigma'(0.5) = 0.235004
