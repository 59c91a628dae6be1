"""End-to-end golden tests: each folder in tests/data/golden/ holds a config.toml and the expected
digest.html, digest.txt and digest.json for the edition of 2026-11-25.

Regenerate after a reviewed change with:  DIGEST_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from digest.config import load_config
from digest.pipeline import build_files as run

GOLDEN = Path(__file__).parent / "data" / "golden"
EDITION_DATE = date(2026, 11, 25)
COMPARED = ("digest.html", "digest.txt", "digest.json")


@pytest.mark.parametrize("case", sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()))
def test_golden(case, tmp_path):
    folder = GOLDEN / case
    report = run(load_config(folder / "config.toml"), edition_date=EDITION_DATE, out_dir=tmp_path)
    assert report.exit_code == 0, report.failures
    built = tmp_path / EDITION_DATE.isoformat()
    for name in COMPARED:
        actual = (built / name).read_text(encoding="utf-8")
        expected_path = folder / "expected" / name
        if os.environ.get("DIGEST_UPDATE_GOLDEN") == "1":
            expected_path.parent.mkdir(exist_ok=True)
            expected_path.write_text(actual, encoding="utf-8")
        assert actual == expected_path.read_text(encoding="utf-8"), f"{case}/{name} differs"
