"""Shared fixtures: paths to the repo, its seeds and ../shared (tests that need it skip without it)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
TOOLS = SHARED / "tools"
CORPUS = SHARED / "corpus" / "de-news"
BR24_SEED = SEEDS / "br24-koalition-der-willigen.txt"

if (TOOLS / "smtp_sink_fixture.py").exists():
    sys.path.insert(0, str(TOOLS))
    from smtp_sink_fixture import smtp_sink  # noqa: F401


def email_check(eml: Path, *skip: str) -> dict:
    """../shared/tools/email-check --json on an .eml: its report. A tool that cannot set itself up
    (exit 2) fails the test rather than skipping it, so that CI never passes without the check."""
    command = [str(TOOLS / "email-check"), "--json", *(["--skip", ",".join(skip)] if skip else [])]
    run = subprocess.run([*command, str(eml)], capture_output=True, text=True, timeout=300)
    if run.returncode == 2:
        pytest.fail(f"email-check could not run: {run.stderr.strip()[-300:]}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def spam_score(report: dict) -> float:
    """SpamAssassin's score from an email-check report."""
    spam = next(check for check in report["checks"] if check["check"] == "spam")
    score = re.search(r"score (-?[\d.]+)", spam["summary"])
    assert score, spam
    return float(score.group(1))


needs_shared = pytest.mark.skipif(
    not TOOLS.is_dir(), reason="needs ../shared/tools beside the repo (present in CI)"
)


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a config.toml (and a seeds folder with the BR24 article) into tmp_path."""

    def write(text: str, *, seeds: bool = True) -> Path:
        if seeds:
            folder = tmp_path / "seeds"
            folder.mkdir(exist_ok=True)
            (folder / BR24_SEED.name).write_bytes(BR24_SEED.read_bytes())
        path = tmp_path / "config.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def feed_server():
    """A real HTTP server on 127.0.0.1 (tests/feedserver.py), stopped after the test."""
    from .feedserver import FeedServer

    with FeedServer() as server:
        yield server


# Fixtures of the sending tests (real SMTP relays, secrets in the environment).
from .sendkit import any_relay, relay, secrets  # noqa: E402, F401
