"""No empty editions: a day without a story writes nothing and mails nothing, unless
`newsletter.send_empty = true` asks for it explicitly."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main

CONFIG = """
[newsletter]
name = "Bayern am Abend"
sender = "Bayern am Abend <abend@example.org>"
unsubscribe_url = "https://www.example.org/abmelden?t={{token}}"
{extra}

[[sources]]
name = "Leer"
type = "textfile"
path = "articles"

[smtp]
host = "127.0.0.1"
port = 9  # nothing listens here: a test mail that got this far would fail with exit 3 as well

[recipients]
to = ["leserin@example.org"]
test = ["redaktion@example.org"]

[state]
path = "state.db"
"""


@pytest.fixture
def project(tmp_path: Path):
    def make(extra: str = "") -> Path:
        (tmp_path / "articles").mkdir(exist_ok=True)
        config = tmp_path / "config.toml"
        config.write_text(CONFIG.format(extra=extra), encoding="utf-8")
        return config

    return make


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_build_without_stories_writes_nothing_and_says_so(project, tmp_path):
    config = project()
    out = tmp_path / "out"
    result = invoke("--config", str(config), "build", "--date", "2026-11-25", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "nothing new for 2026-11-25\n"
    assert result.stderr == ""
    assert not out.exists()


def test_build_without_stories_is_silent_with_quiet(project, tmp_path):
    config = project()
    result = invoke("--config", str(config), "build", "-q", "--out", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_a_test_mail_of_an_empty_edition_is_refused_in_one_line(project):
    config = project()
    result = invoke("--config", str(config), "send", "--test", "--date", "2026-11-25")
    assert result.exit_code == 3
    lines = (result.stdout + result.stderr).splitlines()
    assert lines == ["nothing new for 2026-11-25: no story since the last edition; nothing sent"]


def test_send_empty_still_writes_an_empty_edition(project, tmp_path):
    config = project("send_empty = true")
    out = tmp_path / "out"
    result = invoke("--config", str(config), "build", "--date", "2026-11-25", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "2026-11-25" / "digest.html").is_file()
    assert "nothing new" not in result.stdout
