"""End-to-end golden tests: each folder tests/golden/<case>/ holds a config.toml, its inputs, and the
expected digest.html, digest.txt, digest.json and digest.eml of the edition of 2026-11-25.

A case that reads feeds or pages has a serve.toml: each `[[serve]]` names a URL, a file of the case
and its Content-Type. tests/feedserver.py serves them on 127.0.0.1 as the run's HTTP proxy, so the
URLs in the config and in the expected files stay the same whatever port the server got (the
fetching is digest's own, over real HTTP).

In the .eml the headers that change from run to run (Date, the MIME boundary) are normalised.

Regenerate after a reviewed change with:  DIGEST_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import build_files

from .feedserver import FeedServer, Reply

GOLDEN = Path(__file__).parent / "golden"
EDITION_DATE = date(2026, 11, 25)
COMPARED = ("digest.html", "digest.txt", "digest.json", "digest.eml")
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "config.toml").is_file())


def normalised(name: str, text: str) -> str:
    """The file as compared: in the .eml, the send time and the MIME boundary are fixed."""
    if name != "digest.eml":
        return text
    text = re.sub(r"^Date: .*$", "Date: (normalised)", text, flags=re.MULTILINE)
    boundaries = set(re.findall(r'boundary="([^"]+)"', text))
    for number, boundary in enumerate(sorted(boundaries)):
        text = text.replace(boundary, f"BOUNDARY-{number}")
    return text


@contextlib.contextmanager
def served(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The case's serve.toml served through a real HTTP server used as the run's proxy."""
    table = folder / "serve.toml"
    if not table.is_file():
        yield
        return
    routes = tomllib.loads(table.read_text(encoding="utf-8"))["serve"]
    with FeedServer() as server:
        for route in routes:
            body = (folder / route["file"]).read_bytes()
            server.route(route["url"], Reply(body=body, headers={"Content-Type": route["type"]}))
        for name in ("HTTP_PROXY", "http_proxy"):
            monkeypatch.setenv(name, server.base)
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            monkeypatch.delenv(name, raising=False)
        yield


def test_there_are_the_cases_the_issue_asks_for():
    assert len(CASES) >= 6, CASES


@pytest.mark.parametrize("case", CASES)
def test_golden(case, tmp_path, monkeypatch):
    folder = GOLDEN / case
    with served(folder, monkeypatch):
        report = build_files(
            load_config(folder / "config.toml"), edition_date=EDITION_DATE, out_dir=tmp_path
        )
    assert report.exit_code == 0, report.failures
    assert not (folder / "state.db").exists()  # a build reads state, it never creates it
    built = tmp_path / EDITION_DATE.isoformat()
    for name in COMPARED:
        actual = normalised(name, (built / name).read_text(encoding="utf-8"))
        expected_path = folder / "expected" / name
        if os.environ.get("DIGEST_UPDATE_GOLDEN") == "1":
            expected_path.parent.mkdir(exist_ok=True)
            expected_path.write_text(actual, encoding="utf-8")
        assert actual == expected_path.read_text(encoding="utf-8"), f"{case}/{name} differs"
