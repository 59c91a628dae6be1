"""A throwaway copy of the project for preview tests: config.toml, seeds/ and a templates override."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .conftest import ROOT, SEEDS

STORY_TEMPLATE = Path("tpl") / "partials" / "story.html.j2"


def make_project(folder: Path) -> Path:
    """Copy config.toml and seeds/ into `folder`, with [render] templates = "tpl" holding a copy
    of partials/story.html.j2 to edit; return the config path."""
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / STORY_TEMPLATE).parent.mkdir(parents=True)
    shutil.copy(ROOT / "templates" / "partials" / "story.html.j2", folder / STORY_TEMPLATE)
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    assert "\n[render]\n" in text
    text = text.replace("\n[render]\n", '\n[render]\ntemplates = "tpl"\n')
    config = folder / "config.toml"
    config.write_text(text, encoding="utf-8")
    return config


def rewrite(path: Path, text: str) -> None:
    """Write `text`, making sure the modification time moves on (coarse file-system clocks)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    after = path.stat().st_mtime_ns
    if after <= before:
        os.utime(path, ns=(after, before + 1_000_000))
