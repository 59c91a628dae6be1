"""Corrections in the preview: the write endpoint refuses what does not come from the preview's own
page (method, Host, Origin, token, content type), validates every value like edits.toml, refuses a
stale save, and writes edits.toml atomically (0600) — over a real HTTP connection to the server."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import shutil
import time
import tomllib
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from digest.config import load_config
from digest.pipeline import build_files
from digest.preview import start

from .conftest import ROOT

DAY = date(2026, 11, 25)
SEEDS = ("sample-2-oberfranken-wintereinbruch-a9.md", "sample-3-bahn-fahrplanwechsel.md",
         "br24-koalition-der-willigen.txt")  # fmt: skip


def newsroom(folder: Path, smtp: str = "") -> Path:
    """A config with three seed articles, its state and out/ in `folder`; the draft built."""
    (folder / "seeds").mkdir(parents=True)
    for name in SEEDS:
        shutil.copy(ROOT / "seeds" / name, folder / "seeds" / name)
    config = folder / "config.toml"
    config.write_text(
        '[newsletter]\nname = "Bayern am Abend"\nsender = "Bayern am Abend <abend@example.org>"\n'
        'sections = ["Bayern", "Deutschland", "Welt"]\n\n'
        '[[sources]]\nname = "BR24"\npath = "seeds"\n\n' + smtp,
        encoding="utf-8",
    )
    report = build_files(load_config(config), edition_date=DAY)
    assert report.exit_code == 0, report.failures
    return config


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return newsroom(tmp_path / "desk")


@pytest.fixture
def preview(project: Path):
    running = start(project, port=0, edition_date=DAY)
    yield running
    running.close()


def edits_of(project: Path) -> Path:
    return project.parent / "out" / DAY.isoformat() / "edits.toml"


def page_values(preview) -> tuple[str, str, list[str]]:
    """The token, the edits.toml version and the story ids embedded in the preview page."""
    status, _, body = request(preview, "GET", "/")
    assert status == 200
    html = body.decode("utf-8")
    token = re.search(r'<meta name="digest-token" content="([^"]+)"', html)[1]
    version = re.search(r'data-edits-version="([^"]*)"', html)[1]
    ids = re.findall(r'<li class="edit-story[^"]*" data-story="([0-9a-f]+)"', html)
    return token, version, ids


def shown_version(preview, path: Path) -> str:
    """The page's edits.toml version once the preview has seen the file as it is (≤ 5 s)."""
    wanted = hashlib.sha256(path.read_bytes()).hexdigest()
    deadline = time.monotonic() + 5
    while (version := page_values(preview)[1]) != wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    assert version == wanted
    return version


def request(preview, method: str, path: str, body: bytes = b"", **headers: str):
    """One request with exactly these headers (Host and Origin default to the preview's own)."""
    own = urlsplit(preview.url).netloc
    sent = {"Host": own, **{k.replace("_", "-"): v for k, v in headers.items()}}
    connection = http.client.HTTPConnection(preview.host, preview.port, timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            if value is not None:
                connection.putheader(name, value)
        connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def post(preview, change: dict, *, token: str | None, **headers: str):
    own = urlsplit(preview.url).netloc
    base = {"Origin": f"http://{own}", "Content_Type": "application/json"}
    if token is not None:
        base["X_Digest_Token"] = token
    base.update(headers)
    return request(preview, "POST", "/api/edits", json.dumps(change).encode(), **base)


def test_a_correction_is_written_to_edits_toml_and_the_draft_files(project, preview):
    token, version, ids = page_values(preview)
    assert version == "" and len(ids) == 3
    change = {"action": "story", "id": ids[0], "base": version, "headline": "Neue Zeile: geprüft"}
    status, _, body = post(preview, change, token=token)
    assert status == 200, body
    path = edits_of(project)
    assert tomllib.loads(path.read_text("utf-8")) == {
        "stories": {ids[0]: {"headline": "Neue Zeile: geprüft"}}
    }
    assert path.stat().st_mode & 0o777 == 0o600
    html = (path.parent / "digest.html").read_text("utf-8")
    assert "Neue Zeile: geprüft" in html  # out/<date>/ shows the edition as it will be sent
    assert "Neue Zeile: geprüft" in preview.session.snapshot.email.html
    # the editor's comment survives the preview's next save
    path.write_text("# Abendschicht: Anna\n" + path.read_text("utf-8"), encoding="utf-8")
    version = shown_version(preview, path)
    status, _, body = post(preview, {"action": "drop", "id": ids[1], "base": version}, token=token)
    assert status == 200, body
    text = path.read_text("utf-8")
    assert text.startswith("# Abendschicht: Anna\n")
    assert tomllib.loads(text)["stories"][ids[1]] == {"drop": True}
    version = shown_version(preview, path)
    status, _, body = post(preview, {"action": "down", "id": ids[0], "base": version}, token=token)
    assert status == 200, body
    assert tomllib.loads(path.read_text("utf-8"))["edition"]["order"] == [ids[2], ids[0]]


def test_writes_are_refused_unless_they_come_from_the_preview_page(project, preview):
    token, version, ids = page_values(preview)
    change = {"action": "story", "id": ids[0], "base": version, "headline": "Gekapert"}
    own = urlsplit(preview.url).netloc
    port = preview.port
    refusals = {
        "GET": request(preview, "GET", "/api/edits"),
        "no token": post(preview, change, token=None),
        "wrong token": post(preview, change, token=token[:-2] + "xx"),
        "cross-origin": post(preview, change, token=token, Origin="https://evil.example"),
        "no origin": post(preview, change, token=token, Origin=None),
        "origin of another port": post(preview, change, token=token, Origin=f"http://127.0.0.1:{port + 1}"),
        "wrong host": post(preview, change, token=token, Host=f"evil.example:{port}"),
        "rebinding host": post(preview, change, token=token, Host="attacker.example",
                               Origin="http://attacker.example"),
        "text/plain": post(preview, change, token=token, Content_Type="text/plain"),
        "form": post(preview, change, token=token, Content_Type="application/x-www-form-urlencoded"),
    }  # fmt: skip
    for name, (status, headers, body) in refusals.items():
        expected = 405 if name == "GET" else 403
        assert status == expected, (name, status, body)
        if name == "GET":
            assert headers["Allow"] == "POST"
    assert own and not edits_of(project).exists()  # nothing was written


def test_every_value_is_validated_like_edits_toml(project, preview):
    token, version, ids = page_values(preview)
    bad = {
        "unknown action": {"action": "delete", "id": ids[0]},
        "unknown id": {"action": "drop", "id": "0000000000"},
        "not a string": {"action": "story", "id": ids[0], "headline": 42},
        "empty headline": {"action": "story", "id": ids[0], "headline": "   "},
        "too long": {"action": "story", "id": ids[0], "headline": "Lang " * 60},
        "quote not an object": {"action": "story", "id": ids[0], "quote": "Zitat"},
        "quote with other keys": {
            "action": "story",
            "id": ids[0],
            "quote": {"text": "a", "x": "b"},
        },
        "first moves up": {"action": "up", "id": ids[0]},
        "no base": {"action": "drop", "id": ids[0], "base": None},
    }
    for name, change in bad.items():
        status, _, body = post(preview, {"base": version, **change}, token=token)
        assert status == 400, (name, status, body)
        assert json.loads(body)["error"], name
    status, _, body = request(
        preview, "POST", "/api/edits", b"{not json", Origin=f"http://{urlsplit(preview.url).netloc}",
        Content_Type="application/json", X_Digest_Token=token,
    )  # fmt: skip
    assert status == 400
    assert not edits_of(project).exists()


def test_a_stale_save_is_refused_and_the_file_kept(project, preview):
    token, version, ids = page_values(preview)
    path = edits_of(project)
    mine = f'[stories."{ids[1]}"]\nteaser = "Von Hand geändert."\n'
    path.write_text(mine, encoding="utf-8")  # written while the page still shows no file
    change = {"action": "story", "id": ids[0], "base": version, "headline": "Aus dem Browser"}
    status, _, body = post(preview, change, token=token)
    assert status == 409
    assert "was changed since this page showed it" in json.loads(body)["error"]
    assert path.read_text("utf-8") == mine
