"""Take the README's screenshots of `digest preview` in headless Chromium (Debian's /usr/bin/chromium).

    .venv/bin/python docs/preview_screenshots.py     # writes docs/preview.png, docs/preview-mobile-dark.png

The preview serves the default config.toml's edition of a fixed date, so the pictures only change
when the design does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from digest.preview import start

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync --disable-quic"
).split()
SHOTS = {  # file → (view in the URL fragment, viewport)
    "preview.png": ("width=desktop&scheme=light&tab=html", (1280, 860)),
    "preview-mobile-dark.png": ("width=mobile&scheme=dark&tab=html", (1280, 860)),
}


def main() -> None:
    running = start(ROOT / "config.toml", port=0, edition_date=date(2026, 11, 25))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for name, (view, (width, height)) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{running.url}#{view}")
                scheme = view.split("scheme=")[1].split("&")[0]
                page.wait_for_function(
                    "s => { const f = document.getElementById('email');"
                    " return f.dataset.scheme === s && f.contentDocument.body.innerText.length > 0; }",
                    arg=scheme,
                )
                page.wait_for_timeout(300)  # the frame's height settles
                page.screenshot(path=str(ROOT / "docs" / name))
                print(ROOT / "docs" / name)
                page.close()
            browser.close()
    finally:
        running.close()


if __name__ == "__main__":
    main()
