"""An editor corrects the draft in the preview, in real headless Chromium (Debian's /usr/bin/chromium
driven by Playwright): edit a headline in the page, drop a story, see a stale save refused, approve
— then the file, the rebuilt digest.html and a test mail through a real SMTP server show it."""

from __future__ import annotations

import shutil
import time
import tomllib
from datetime import date
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import approve, build_files, send_test
from digest.preview import start
from digest.preview.watch import POLL_SECONDS
from digest.report import RunReport

from .sendkit import ROOT, write_config
from .test_preview_browser import CHROMIUM, CHROMIUM_ARGS, FRAME_TEXT

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's chromium at /usr/bin/chromium (apt install chromium)",
    ),
    pytest.mark.usefixtures("secrets"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")

DAY = date(2026, 11, 25)
SEEDS = ("sample-2-oberfranken-wintereinbruch-a9.md", "sample-3-bahn-fahrplanwechsel.md")
CORRECTED = "Glatteis: Die Redaktion korrigiert diese Zeile"


def desk(folder: Path, server) -> Path:
    config = write_config(folder, server, to=["reader@example.org"])
    for name in SEEDS:
        shutil.copy(ROOT / "seeds" / name, folder / "seeds" / name)
    assert build_files(load_config(config), edition_date=DAY).exit_code == 0
    return config


def settle(running, page) -> None:
    """Wait until the preview has stopped rebuilding (the watcher sees the files a save wrote)
    and the page shows the last build."""
    version = -1
    while version != running.session.snapshot.version:
        version = running.session.snapshot.version
        time.sleep(4 * POLL_SECONDS)
    page.wait_for_function(f"() => document.body.dataset.version === '{version}'", timeout=5000)


@pytest.fixture
def chromium():
    playwright = sync_api.sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


def test_an_editor_corrects_the_draft_in_the_browser(any_relay, tmp_path, chromium):
    server = any_relay()
    config = desk(tmp_path / "desk", server)
    edits = config.parent / "out" / DAY.isoformat() / "edits.toml"
    running = start(config, port=0, edition_date=DAY)
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(running.url)
        page.wait_for_function(f"() => {FRAME_TEXT}.length > 0")
        assert page.locator("[data-approval]").get_attribute("data-approval") == "not-approved"
        forms = page.locator("li.edit-story form.story-form")
        assert forms.count() == 3
        first_id = forms.nth(0).get_attribute("data-story")
        gone_id = forms.nth(1).get_attribute("data-story")
        gone_headline = forms.nth(1).locator("input[name=headline]").input_value()

        forms.nth(0).locator("input[name=headline]").fill(CORRECTED)
        forms.nth(0).locator("button[data-action=story]").click()
        page.wait_for_function(f"() => {FRAME_TEXT}.includes({CORRECTED!r})", timeout=5000)
        page.wait_for_selector(f'li.edit-story.edited[data-story="{first_id}"]', timeout=5000)
        assert tomllib.loads(edits.read_text("utf-8"))["stories"][first_id] == {
            "headline": CORRECTED
        }
        assert CORRECTED in (edits.parent / "digest.html").read_text("utf-8")

        page.locator(f'form.story-form[data-story="{gone_id}"] button[data-action=drop]').click()
        page.wait_for_function(f"() => !{FRAME_TEXT}.includes({gone_headline!r})", timeout=5000)
        page.wait_for_selector(f'ul.dropped li[data-story="{gone_id}"]', timeout=5000)
        assert tomllib.loads(edits.read_text("utf-8"))["stories"][gone_id] == {"drop": True}

        # A save against a file the page has not seen is refused with a message, not written.
        settle(running, page)
        before = edits.read_bytes()
        page.evaluate("document.querySelector('.corrections').dataset.editsVersion = 'old'")
        forms = page.locator("li.edit-story form.story-form")
        forms.nth(0).locator("input[name=headline]").fill("Diese Zeile darf nicht ankommen")
        forms.nth(0).locator("button[data-action=story]").click()
        message = page.locator(".save-message.error")
        message.wait_for(state="visible", timeout=5000)
        assert "was changed since this page showed it" in message.inner_text()
        assert edits.read_bytes() == before

        approve(load_config(config), edition_date=DAY)
        page.wait_for_selector('[data-approval="approved"]', timeout=5000)
        assert errors == [], errors
    finally:
        page.close()
        running.close()

    report = RunReport()
    result = send_test(load_config(config), ["desk@example.org"], report, edition_date=DAY)
    assert result.sent == 1, report.failures
    (mail,) = server.wait_for(1)
    html = mail.message.get_body(preferencelist=("html",)).get_content()
    assert CORRECTED in html and gone_headline not in html
    assert "Diese Zeile darf nicht ankommen" not in html
