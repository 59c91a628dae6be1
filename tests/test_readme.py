"""The README stays true: its config reference matches the code, its commands match .ci/run."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from digest.config import reference

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_config_reference_is_current():
    """DIGEST_UPDATE_GOLDEN=1 rewrites the reference in README.md from the code."""
    match = re.search(
        r"keeps it current -->\n(.*?)\n<!-- end of config reference -->", README, re.S
    )
    assert match, "README lacks the generated config reference"
    if os.environ.get("DIGEST_UPDATE_GOLDEN") == "1":
        updated = README[: match.start(1)] + reference() + README[match.end(1) :]
        (ROOT / "README.md").write_text(updated, encoding="utf-8")
        return
    assert match.group(1) == reference(), "run DIGEST_UPDATE_GOLDEN=1 pytest tests/test_readme.py"


def test_ci_runs_the_readme_test_command():
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    build_command, test_command = blocks[0], blocks[1]
    assert "digest build" in build_command
    assert "pytest" in test_command
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# Fenced blocks opened with ```sh runnable, also indented inside a list item (then dedented).
RUNNABLE = [
    textwrap.dedent(body)
    for _, body in re.findall(r"^( *)```sh runnable\n(.*?)\n\1```", README, re.S | re.M)
]


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_the_newcomers_path_runs_as_written(tmp_path):
    """Every ```sh runnable block of the README, in order, in one fresh folder beside this venv:
    init, build, look, the first mail through digest sink, a day without an edition, the archive."""
    assert len(RUNNABLE) >= 5
    text = "\n".join(RUNNABLE)
    for step in ("digest init", " build", "digest sink", "send --test", " run --date", " archive"):
        assert step in text, step
    if "2525" in (ROOT / "README.md").read_text(encoding="utf-8") and not _port_free(2525):
        pytest.skip("port 2525 (digest sink's default, as the README uses it) is taken")
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_")}
    for block in RUNNABLE:
        run = subprocess.run(
            ["bash", "-e", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip
        assert run.returncode == 0, f"{block}\n--- stdout:\n{run.stdout}\n--- stderr:\n{run.stderr}"
        if "run --date 2026-11-28" in block:
            assert run.stderr == "2026-11-28: no edition on Saturdays\n"
    folder = tmp_path / "my-digest"
    assert len(list((folder / "mail" / "new").iterdir())) == 1  # the first mail arrived
    assert (folder / "archive" / "index.html").is_file() and (
        folder / "archive" / "feed.xml"
    ).is_file()
