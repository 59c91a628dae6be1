"""The command line with feeds and pages: `digest reduce URL|feed file`, failures, the progress bar."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest
from click.testing import CliRunner

from digest.cli import main

from .conftest import ROOT
from .feedserver import Reply, feed_file

FEEDS = ROOT / "tests" / "data" / "feeds"


@pytest.fixture
def cli():
    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_reduce_a_feed_url(cli, feed_server):
    url = feed_server.serve_file("/feeds/basic.xml", "basic.xml")
    result = cli("reduce", "--json", url)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0, result.stderr
    assert [line["input"] for line in lines] == [url] * 3
    assert lines[0]["url"] == feed_server.url("/nachrichten/wohnen?id=7")
    assert lines[0]["credits"] == ["dpa"]
    assert lines[0]["quotes"][0]["speaker"] == "Petra Sommer"


def test_reduce_a_page_url(cli, feed_server):
    url = feed_server.serve_file("/artikel", "article.html", "text/html; charset=utf-8")
    result = cli("reduce", "--json", url)
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["title"] == "Stadtbibliothek wird Bürgerzentrum"
    assert line["quotes"][0]["speaker"] == "Lena Hofer" and line["credits"] == ["dpa"]


def test_reduce_a_feed_file(cli):
    result = cli("reduce", "--json", str(FEEDS / "latin1.xml"))
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["title"] == "Grüße aus Fürth: Straßenfest lockt 20.000 Besucher"


def test_a_feed_with_a_text_suffix_is_still_read_as_a_feed(cli, tmp_path):
    # A .txt file is asked of the feed types only when it begins like markup or JSON: this one does.
    copy = tmp_path / "feed.txt"
    copy.write_bytes((FEEDS / "latin1.xml").read_bytes())
    result = cli("reduce", "--json", str(copy))
    assert result.exit_code == 0, result.stderr
    (line,) = [json.loads(x) for x in result.stdout.splitlines()]
    assert line["title"] == "Grüße aus Fürth: Straßenfest lockt 20.000 Besucher"


def imported_by(args: list[str], heavy: tuple[str, ...]) -> list[str]:
    """Which of `heavy` a fresh interpreter has imported after `digest ARGS`."""
    probe = (
        "import sys\nfrom digest.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return list(json.loads(done.stdout.strip().splitlines()[-1].replace("'", '"')))


def test_reducing_a_text_file_loads_no_feed_fetch_or_plugin_code(tmp_path):
    # Start-up cost, checked as what is imported (its time is measured in bench/build.py).
    text = tmp_path / "meldung.txt"
    text.write_text("Titel\n\nDer Stadtrat hat am Montag beschlossen, die Bibliothek zu öffnen.\n")
    heavy = ("feedparser", "httpx", "lxml", "importlib.metadata", "jinja2", "premailer")
    heavy += ("concurrent.futures", "email.headerregistry", "email_validator", "sqlite3")
    assert imported_by(["reduce", str(text)], heavy) == []


def test_building_from_local_files_loads_no_validator_threads_or_network_code(tmp_path):
    # The sample .eml's To: is a plain address: checked without email-validator (its patterns
    # cost about 30 ms to compile); text files need no thread pool, fetcher or plugin lookup.
    heavy = ("email_validator", "concurrent.futures", "httpx", "smtplib", "dkim")
    out = str(tmp_path / "out")
    assert imported_by(["--config", "config.toml", "build", "--out", out], heavy) == []


def test_reduce_an_unreachable_url_is_one_error_line_exit_1(cli, feed_server, tmp_path):
    url = feed_server.route("/gone", Reply(404, b"gone"))
    result = cli("reduce", url, str(FEEDS / "rss1.xml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {url}: HTTP 404 Not Found"]
    assert "Bibliothek" in result.stdout  # the other path was still reduced


def write_feed_config(tmp_path, urls):
    sources = "".join(
        f'[[sources]]\nname = "F{i}"\ntype = "feed"\nurl = "{url}"\n\n'
        for i, url in enumerate(urls)
    )
    path = tmp_path / "config.toml"
    path.write_text(f"[newsletter]\nmax_age_hours = 1000000\n\n{sources}", encoding="utf-8")
    return path


def test_build_with_a_failing_feed_exits_1_and_names_it(cli, feed_server, tmp_path):
    good = feed_server.serve_file("/good.xml", "basic.xml")
    bad = feed_server.route("/bad.xml", Reply(500, b"oops"))
    config = write_feed_config(tmp_path, [bad, good])
    result = cli("--config", str(config), "build", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"error: feed 'F0': {bad}: HTTP 500 Internal Server Error" in result.stderr.splitlines()
    assert len(result.stdout.split()) == 4  # the edition was still written
    assert "feeds" not in result.stderr  # not a terminal: no progress bar


def run_on_a_terminal(*args):
    """Run the CLI with stderr on a pseudo-terminal; returns what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "COLUMNS": "100"},
    )
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only_without_quiet(feed_server, tmp_path):
    urls = [feed_server.route(f"/{n}.xml", Reply(body=feed_file("rss091.xml"))) for n in range(3)]
    config = str(write_feed_config(tmp_path, urls))
    out = str(tmp_path / "out")
    shown = run_on_a_terminal("--config", config, "build", "--out", out)
    assert "feeds" in shown and "100%" in shown
    assert run_on_a_terminal("--config", config, "-q", "build", "--out", out) == ""
