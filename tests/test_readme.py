"""The README stays true: its config reference matches the code, its commands match .ci/run."""

from __future__ import annotations

import os
import re

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
