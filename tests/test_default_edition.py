"""The shipped default edition (seeds/ with config.toml) as the outside world judges it."""

from __future__ import annotations

import json
from datetime import date

from digest.config import load_config
from digest.pipeline import build_files as run

from .conftest import ROOT, email_check, needs_shared, spam_score


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
    report = email_check(build_default(tmp_path) / "digest.eml")
    assert report["result"] == "pass", report
    checks = {check["check"]: check for check in report["checks"]}
    assert all(checks[name]["level"] == "ok" for name in ("raw", "headers", "mime", "size", "html"))
    assert spam_score(report) <= 1.0, checks["spam"]
