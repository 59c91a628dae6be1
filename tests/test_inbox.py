"""The email in inboxes that are not a browser: without its <style> block (Gmail with other
accounts, some webmail), rendered in real headless Chromium at 600 and 375 px; and classic
Outlook's notes from email-check, reviewed against the accepted baseline in
tests/data/email-check-baseline.txt (a note not listed there fails: review it, then add it).

Set DIGEST_SHOTS=<folder> to keep the screenshots of the style-less rendering for a look.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import build_files

from .conftest import ROOT, TOOLS, needs_shared, spam_score

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
BASELINE = ROOT / "tests" / "data" / "email-check-baseline.txt"
DAY = date(2026, 11, 25)


ENGLISH = ROOT / "tests" / "data" / "english" / "config.toml"  # articles written for the tests


def built(config: Path, out: Path) -> Path:
    """The edition of `config` as written by `digest build`: its folder."""
    loaded = load_config(config)
    loaded = replace(loaded, state=replace(loaded.state, path=out / "state.db"))
    report = build_files(loaded, edition_date=DAY, out_dir=out)
    assert report.exit_code == 0, report.failures + report.warnings
    return out / DAY.isoformat()


@pytest.fixture(scope="module")
def default_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default edition (config.toml, seeds/)."""
    return built(ROOT / "config.toml", tmp_path_factory.mktemp("edition"))


def without_style(html: str) -> str:
    """The HTML as a client that drops <style> shows it."""
    stripped = re.sub(r"<style\b.*?</style>\s*", "", html, flags=re.S)
    assert "<style" not in stripped and "@media" not in stripped
    return stripped


# --- without <style> ------------------------------------------------------------------------------


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
@pytest.mark.parametrize("width", [600, 375])
def test_layout_colours_and_text_survive_without_the_style_block(
    default_edition: Path, tmp_path: Path, width: int
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (test extra)")
    html = (default_edition / "digest.html").read_text(encoding="utf-8")
    bare = without_style(html)
    shots = Path(os.environ.get("DIGEST_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_content(html)
            styled_text = page.inner_text("body")
            page.set_content(bare)
            page.screenshot(path=str(shots / f"no-style-{width}.png"), full_page=True)
            bare_text = page.inner_text("body")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            look = page.evaluate(LOOK)
        finally:
            browser.close()
    assert scroll_width <= width, f"{scroll_width}px wide in a {width}px window"
    assert bare_text == styled_text and "DIE THEMEN HEUTE" in bare_text  # uppercase: inline
    assert look["paperWidth"] == min(width, 600)
    assert look["headBackground"] == "rgb(11, 92, 173)" and look["h1Colour"] == "rgb(253, 253, 253)"
    assert look["pageBackground"] == "rgb(238, 241, 244)"
    assert "Arial" in look["storyFont"] and look["storyFontSize"] == "16px"
    assert look["storyPadding"] == "40px" and look["h3Size"] == "22px"
    assert look["linkColour"] == "rgb(11, 92, 173)" and look["linkDecoration"].startswith(
        "underline"
    )
    assert look["preheaderHidden"]


LOOK = """() => {
  const style = (selector) => getComputedStyle(document.querySelector(selector));
  return {
    paperWidth: document.querySelector('.paper').getBoundingClientRect().width,
    headBackground: style('.head').backgroundColor,
    h1Colour: style('h1').color,
    pageBackground: style('table.bg').backgroundColor,
    storyFont: style('.story').fontFamily,
    storyFontSize: style('.story p').fontSize,
    storyPadding: style('.story').paddingLeft,
    h3Size: style('h3').fontSize,
    linkColour: style('.story a').color,
    linkDecoration: style('.story a').textDecorationLine,
    preheaderHidden: style('.preheader').display === 'none',
  };
}"""


# --- classic Outlook and the other clients: email-check against the reviewed baseline ------------


def accepted_notes() -> set[str]:
    lines = BASELINE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def css_notes(details: list[str]) -> set[str]:
    """email-check's css details as single notes: 'Outlook: overflow [windows windows-mail]' for
    each unsupported feature, and each partial-support line as it is."""
    notes = set()
    for line in details:
        client, _, rest = line.partition(": ")
        if client.endswith(" partial"):
            notes.add(line)
        else:
            notes.update(f"{client}: {feature}" for feature in re.split(r"(?<=\]), ", rest))
    return notes


@needs_shared
@pytest.mark.parametrize("edition", ["default", "english"])
def test_email_check_finds_no_note_outside_the_reviewed_baseline(
    edition: str, default_edition: Path, tmp_path: Path
) -> None:
    folder = default_edition if edition == "default" else built(ENGLISH, tmp_path)
    command = [str(TOOLS / "email-check"), "--json", "-v", str(folder / "digest.eml")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert run.returncode != 2, run.stderr[-300:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    checks = {check["check"]: check for check in report["checks"]}
    assert report["result"] == "pass", report
    assert [name for name, c in checks.items() if c["level"] != "ok"] == ["css"], checks
    assert spam_score(report) <= 0.5, checks["spam"]
    new = css_notes(checks["css"]["details"]) - accepted_notes()
    assert not new, "email-check notes not in the reviewed baseline:\n" + "\n".join(sorted(new))


def test_the_baseline_lists_no_feature_the_templates_must_not_use() -> None:
    """Outlook notes that would mean a broken layout in Word are never accepted."""
    forbidden = ("display:flex", "grid", "position", "background-image", "rgba", "@font-face")
    notes = accepted_notes()
    assert notes, "the baseline is empty"
    assert not [n for n in notes if n.startswith("Outlook: ") and any(f in n for f in forbidden)]


def test_outlook_gets_fixed_widths_and_colours_as_attributes(default_edition: Path) -> None:
    html = (default_edition / "digest.html").read_text(encoding="utf-8")
    mso = re.findall(r"<!--\[if mso\]>(.*?)<!\[endif\]-->", html, re.S)
    assert mso and 'width="600"' in mso[0] and "bgcolor=" in mso[0]
    assert re.search(r'<table[^>]*class="paper"[^>]*width="600"[^>]*bgcolor="#', html)
    assert re.search(r'<td class="head" bgcolor="#', html)
    # Word honours px line heights with mso-line-height-rule:exactly, not unitless ones
    heights = re.findall(r"line-height:\s*([^;\"]+)", html.split("<body", 1)[1])
    assert heights and all(h.strip().endswith("px") for h in heights)
    assert "mso-line-height-rule:exactly" in html
    # margins only on elements Word keeps them on; no <hr>, <div> or <span> with margins
    body = html.split("<body", 1)[1]
    assert not re.search(r"<(?:div|span|hr|td|table)\b[^>]*style=\"[^\"]*margin", body)
    assert "<hr" not in body
