"""Take the README's picture of the default edition in headless Chromium (Debian's /usr/bin/chromium).

    .venv/bin/python docs/edition_screenshot.py     # writes docs/edition.png

The default config.toml's edition of a fixed date: desktop (600 px) in the light scheme beside
mobile (375 px) in the dark scheme, each cut to its top, so the picture only changes when the
design (or the reducer's text) does.
"""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from digest.config import load_config
from digest.deliver.personalise import Personal, personalise
from digest.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-sync".split()
VIEWS = (("light", 600, 1500), ("dark", 375, 1500))  # scheme, width, height shown
SIDE_BY_SIDE = """<!DOCTYPE html><html><body style="margin:0;padding:20px;background:#dde2e8">
<div style="display:flex;gap:20px;align-items:flex-start">{images}</div></body></html>"""


def main() -> None:
    rendered = build(load_config(ROOT / "config.toml"), edition_date=date(2026, 11, 25)).rendered
    html = personalise(rendered, Personal("https://www.example.org/abend/abmelden")).html
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        images = []
        for scheme, width, height in VIEWS:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            page.set_content(html)
            png = page.screenshot(clip={"x": 0, "y": 0, "width": width, "height": height})
            data = base64.b64encode(png).decode()
            images.append(f'<img width="{width}" src="data:image/png;base64,{data}" alt="">')
            page.close()
        total = sum(width for _, width, _ in VIEWS) + 20 * (len(VIEWS) + 1)
        page = browser.new_page(viewport={"width": total, "height": 900})
        page.set_content(SIDE_BY_SIDE.format(images="".join(images)))
        target = ROOT / "docs" / "edition.png"
        page.screenshot(path=str(target), full_page=True)
        browser.close()
    print(target)


if __name__ == "__main__":
    main()
