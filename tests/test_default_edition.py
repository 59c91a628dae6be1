"""The shipped default edition (seeds/ with config.toml) as the outside world judges it."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date

from digest.config import load_config
from digest.pipeline import run

from .conftest import ROOT, TOOLS, needs_shared


def build_default(tmp_path):
    report = run(
        load_config(ROOT / "config.toml"), edition_date=date(2026, 11, 25), out_dir=tmp_path
    )
    assert report.exit_code == 0, report.failures + report.warnings
    return tmp_path / "2026-11-25"


def test_default_edition_has_every_section_and_the_closing_item(tmp_path):
    folder = build_default(tmp_path)
    edition = json.loads((folder / "digest.json").read_text(encoding="utf-8"))
    sections = [story["section"] for story in edition["stories"]]
    assert sections == sorted(sections, key=["Bayern", "Deutschland", "Welt", "Zum Schluss"].index)
    assert sections[-1] == "Zum Schluss" and {"Bayern", "Deutschland", "Welt"} <= set(sections)
    union = {credit for story in edition["stories"] for credit in story["credits"]}
    assert set(edition["credits"]) == union and {"dpa", "Reuters", "AFP", "KNA"} <= union
    assert all(2 <= len(story["facts"]) <= 4 for story in edition["stories"])
    assert all(story["quotes"] and story["quotes"][0]["speaker"] for story in edition["stories"])


@needs_shared
def test_email_check_passes_on_the_built_eml(tmp_path):
    folder = build_default(tmp_path)
    result = subprocess.run(
        [str(TOOLS / "email-check"), "--json", str(folder / "digest.eml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["result"] == "pass"
    checks = {check["check"]: check for check in report["checks"]}
    assert all(checks[name]["level"] == "ok" for name in ("raw", "headers", "mime", "size", "html"))
    score = re.search(r"score (-?[\d.]+)", checks["spam"]["summary"])
    assert score and float(score.group(1)) <= 1.0, checks["spam"]
