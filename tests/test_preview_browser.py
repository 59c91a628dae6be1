"""The preview in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

One preview server, one browser and one page for the module; each test leaves the project's files
as it found them. Edits go to a copy of the project whose [render] templates folder overrides
partials/story.html.j2.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import build
from digest.preview import start

from .preview_helpers import STORY_TEMPLATE, make_project, rewrite

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
RELOAD_SECONDS = 2.0  # the promise: a saved change is on screen within 2 s

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt install chromium)",
)
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")

FRAME_TEXT = "document.getElementById('email').contentDocument.body.innerText"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="module")
def preview(project: Path):
    running = start(project, port=0)
    yield running
    running.close()


@pytest.fixture(scope="module")
def browser():
    playwright = sync_api.sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="module")
def page(browser, preview):
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(preview.url)
    tab.wait_for_function(f"() => {FRAME_TEXT}.length > 0")
    yield tab
    tab.close()
    assert errors == [], errors  # no script error in the preview page all along


@pytest.fixture
def story_template(project: Path, page):
    """The override template; restored after the test, and the page back to no problems."""
    path = project.parent / STORY_TEMPLATE
    original = path.read_text(encoding="utf-8")
    yield path
    rewrite(path, original)
    page.locator(".problems").wait_for(state="detached", timeout=RELOAD_SECONDS * 1000)


def wait_for_frame_text(page, text: str, timeout_ms: float = RELOAD_SECONDS * 1000) -> float:
    """Seconds until the email frame shows `text` (a TimeoutError after `timeout_ms`)."""
    started = time.monotonic()
    page.wait_for_function(f"t => {FRAME_TEXT}.includes(t)", arg=text, timeout=timeout_ms)
    return time.monotonic() - started


def frame_style(page, selector: str, prop: str) -> str:
    return page.evaluate(
        """([selector, prop]) => {
            const doc = document.getElementById('email').contentDocument;
            return getComputedStyle(doc.querySelector(selector))[prop];
        }""",
        [selector, prop],
    )


def test_page_shows_the_email_inbox_line_and_checks(page, project: Path):
    config = load_config(project)
    built = build(config)
    seed = next(s for s in built.edition.stories if s.article.source == "BR24")
    wait_for_frame_text(page, seed.headline)
    frame = page.frame_locator("#email")
    sync_api.expect(frame.locator("h3", has_text=seed.headline)).to_be_visible()
    assert page.inner_text(".inbox-subject") == built.rendered.subject
    assert page.inner_text(".inbox-preheader") == built.rendered.preheader
    assert page.locator(".check").count() == 5
    assert page.locator(".check[data-level='ok']").count() == 5
    assert page.evaluate("document.getElementById('email').contentDocument.scripts.length") == 0
    sandbox = page.get_attribute("#email", "sandbox") or ""
    assert "allow-scripts" not in sandbox


def test_widths_and_tabs(page):
    page.click("[data-set='width=mobile']")
    assert page.evaluate("document.getElementById('email').clientWidth") == 375
    assert page.is_hidden(".overflow")  # the default email fits a phone
    page.click("[data-set='width=desktop']")
    assert page.evaluate("document.getElementById('email').clientWidth") >= 600
    page.click("[data-set='tab=text']")
    assert "Guten Abend" in page.inner_text("[data-panel='text']")
    page.click("[data-set='tab=headers']")
    headers = page.inner_text(".raw-headers")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in headers
    page.click("[data-set='tab=html']")
    assert page.is_visible("#email")


def test_an_email_wider_than_a_phone_is_pointed_out(page, story_template: Path):
    text = story_template.read_text(encoding="utf-8")
    wide = '<table role="presentation" width="700" style="width:700px"><tr><td>Zu breit</td></tr></table>'
    rewrite(
        story_template,
        text.replace("<h{{ story_heading }} id", f"{wide}\n<h{{ story_heading }} id", 1),
    )
    wait_for_frame_text(page, "Zu breit")
    page.click("[data-set='width=mobile']")
    assert page.is_visible(".overflow")
    page.click("[data-set='width=desktop']")
    assert page.is_hidden(".overflow")


def test_a_template_edit_is_on_screen_within_two_seconds(page, story_template: Path):
    text = story_template.read_text(encoding="utf-8")
    edited = text.replace(
        "<h{{ story_heading }} id",
        '<p class="marker">Frisch gespeichert</p>\n<h{{ story_heading }} id',
        1,
    )
    page.evaluate("window.notReloaded = true")  # the page updates in place, it does not reload
    rewrite(story_template, edited)
    seconds = wait_for_frame_text(page, "Frisch gespeichert")
    assert seconds < RELOAD_SECONDS
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.getElementById('email').contentDocument.scripts.length") == 0


def test_a_template_error_is_shown_and_the_fix_brings_the_email_back(page, story_template: Path):
    good = story_template.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    rewrite(story_template, "".join([lines[0], "{% if %}\n", *lines[1:]]))
    problem = page.locator(".problems")
    problem.wait_for(timeout=RELOAD_SECONDS * 1000)
    assert "story.html.j2" in problem.inner_text()
    assert "line 2" in page.inner_text(".problems .where")
    assert page.inner_text(".excerpt .hit").strip() == "2{% if %}"  # line number, then the line
    assert page.locator(".failed").count() == 1  # the status line says so too

    rewrite(
        story_template,
        good.replace("<h{{ story_heading }} id", "<p>Repariert</p>\n<h{{ story_heading }} id", 1),
    )
    wait_for_frame_text(page, "Repariert")
    assert page.locator(".problems").count() == 0


def test_a_bad_config_is_shown_with_its_line(page, project: Path):
    good = project.read_text(encoding="utf-8")
    rewrite(project, good.replace('language = "de"', 'language = "fr"', 1))
    try:
        message = page.locator(".problems .message", has_text="newsletter.language")
        message.wait_for(timeout=RELOAD_SECONDS * 1000)
        line = good.splitlines().index('language = "de"') + 1
        assert f"line {line}" in page.inner_text(".problems .where")
    finally:
        rewrite(project, good)
    page.locator(".problems").wait_for(state="detached", timeout=RELOAD_SECONDS * 1000)


def test_dark_toggle_changes_the_rendered_colours(page):
    page.click("[data-set='scheme=light']")
    page.wait_for_function("() => document.getElementById('email').dataset.scheme === 'light'")
    light = frame_style(page, "h3", "color"), frame_style(page, ".paper", "backgroundColor")
    page.click("[data-set='scheme=dark']")
    page.wait_for_function("() => document.getElementById('email').dataset.scheme === 'dark'")
    dark = frame_style(page, "h3", "color"), frame_style(page, ".paper", "backgroundColor")
    assert light[0] != dark[0] and light[1] != dark[1]
    assert brightness(dark[1]) < brightness(light[1]) and brightness(dark[0]) > brightness(light[0])
    page.click("[data-set='scheme=light']")
    page.wait_for_function("() => document.getElementById('email').dataset.scheme === 'light'")
    again = frame_style(page, "h3", "color"), frame_style(page, ".paper", "backgroundColor")
    assert again == light


def test_script_in_the_email_does_not_run(page, story_template: Path):
    text = story_template.read_text(encoding="utf-8")
    script = "<script>document.body.dataset.ran = 'yes'; parent.document.title = 'owned';</script>"
    rewrite(
        story_template,
        text.replace(
            "<h{{ story_heading }} id", f"{script}\n<p>Mit Skript</p>\n<h{{ story_heading }} id", 1
        ),
    )
    wait_for_frame_text(page, "Mit Skript")
    frame_document = "document.getElementById('email').contentDocument"
    assert page.evaluate(f"{frame_document}.scripts.length") > 0
    assert page.evaluate(f"{frame_document}.body.dataset.ran") is None
    assert page.title() != "owned"


def brightness(css_colour: str) -> float:
    """Mean channel value of 'rgb(r, g, b)'."""
    channels = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    return sum(float(c) for c in channels[:3]) / 3
