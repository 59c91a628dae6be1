"""End-to-end golden tests: each folder tests/golden/<case>/ holds a config.toml, its inputs, and the
expected digest.html, digest.txt, digest.json and digest.eml of the edition of 2026-11-25.

A case that reads feeds or pages has a serve.toml: each `[[serve]]` names a URL, a file of the case
and its Content-Type. tests/feedserver.py serves them on 127.0.0.1 in place of their hosts, so the
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
from urllib.parse import urlsplit

import httpcore
import pytest

from digest.config import load_config
from digest.pipeline import build_files
from digest.sources import fetch

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
    """The case's serve.toml served by a real HTTP server on 127.0.0.1, standing in for its hosts.

    There is no DNS for the cases' example hosts here, and digest ignores HTTP proxies (a proxy
    would resolve names past the address guard). So the run's resolver names 127.0.0.1 for the
    served hosts and their connections go to the test server's port: a stand-in for DNS and the
    network only — digest's own fetching, address guard and HTTP stay real."""
    table = folder / "serve.toml"
    if not table.is_file():
        yield
        return
    routes = tomllib.loads(table.read_text(encoding="utf-8"))["serve"]
    with FeedServer() as server:
        hosts = set()
        for route in routes:
            body = (folder / route["file"]).read_bytes()
            parts = urlsplit(route["url"])
            hosts.add(parts.hostname)
            server.route(parts.path, Reply(body=body, headers={"Content-Type": route["type"]}))
        port = server.server.server_address[1]
        system_resolver = fetch.system_resolver
        monkeypatch.setattr(
            fetch,
            "system_resolver",
            lambda host, p: ["127.0.0.1"] if host in hosts else system_resolver(host, p),
        )
        connect = httpcore.SyncBackend.connect_tcp

        def to_test_server(self, host, p, *args, **kwargs):  # type: ignore[no-untyped-def]
            return connect(
                self, host, port if (host, p) == ("127.0.0.1", 80) else p, *args, **kwargs
            )

        monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", to_test_server)
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
