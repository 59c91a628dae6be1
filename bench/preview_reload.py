"""How long from saving a template to seeing the change in the preview, in headless Chromium.

    .venv/bin/python bench/preview_reload.py [EDITS]

Baseline: one in-memory build of the same edition (build_email), timed in this process. The
reload adds the watcher's polling (0.25 s interval), the event stream, fetching the panels and
loading the frame. Prints the median and the slowest of EDITS saves (default 10).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.preview import start  # noqa: E402
from digest.preview.snapshot import build_email  # noqa: E402
from tests.preview_helpers import STORY_TEMPLATE, make_project, rewrite  # noqa: E402

CHROMIUM_ARGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run --disable-sync --disable-quic"
).split()
FRAME_TEXT = "document.getElementById('email').contentDocument.body.innerText"


def main(edits: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = make_project(Path(folder))
        builds = []
        for _ in range(edits):
            started = time.perf_counter()
            build_email(config)
            builds.append(time.perf_counter() - started)
        template = Path(folder) / STORY_TEMPLATE
        original = template.read_text(encoding="utf-8")
        running = start(config, port=0)
        reloads = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                page.goto(running.url)
                page.wait_for_function(f"() => {FRAME_TEXT}.length > 0")
                for n in range(edits):
                    marker = f"Bearbeitung {n}"
                    time.sleep(0.3)  # saves a person makes are further apart than the poll
                    started = time.perf_counter()
                    rewrite(template, original.replace("<h2 id", f"<p>{marker}</p>\n<h2 id", 1))
                    page.wait_for_function(
                        f"m => {FRAME_TEXT}.includes(m)", arg=marker, timeout=10_000
                    )
                    reloads.append(time.perf_counter() - started)
                browser.close()
        finally:
            running.close()
    build_median, reload_median = statistics.median(builds), statistics.median(reloads)
    print(f"in-memory build (baseline): median {build_median:.3f} s, max {max(builds):.3f} s")
    print(f"save → visible in Chromium: median {reload_median:.3f} s, max {max(reloads):.3f} s")
    print(f"ratio reload/build (median): {reload_median / build_median:.1f}x over {edits} edits")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
