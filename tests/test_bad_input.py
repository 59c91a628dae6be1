"""The bad-input corpus (tests/data/bad/) through `digest build` and `digest reduce`: every culprit
named in one readable line, the documented exit code, no traceback, nothing half-written, and the
rest of the run unharmed."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main

from .conftest import BR24_SEED

BAD = Path(__file__).parent / "data" / "bad"
SKIPPED = {
    "empty.txt": "warning: {path}: skipped: empty file",
    "whitespace.txt": "warning: {path}: skipped: empty file",
    "only-title.txt": "warning: {path}: skipped: only a title, no text",
    "binary.txt": "error: {path}: skipped: binary file (contains NUL bytes)",
    "huge.txt": "error: {path}: skipped: larger than 5 MB, not an article",
}
READ_WITH_WARNING = {
    "latin1-not-utf8.txt": "read as cp1252",
    "mixed-encoding.txt": "mixed encodings",
    "utf16-no-bom.txt": "no BOM, read as UTF-16-LE",
}


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    """The committed bad articles plus generated giants (50 MB, a 1 MB line) and one good seed."""
    folder = tmp_path / "articles"
    shutil.copytree(BAD / "articles", folder)
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(b"Ein Satz. " * 5_000_000)
    (folder / "one-megabyte-line.txt").write_text("Titel " * 170_000 + "\n", encoding="utf-8")
    shutil.copy(BR24_SEED, folder / "zz-good.txt")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_reduce_names_every_culprit_and_reduces_the_rest(articles):
    start = time.perf_counter()
    result = invoke("reduce", "--json", str(articles))
    elapsed = time.perf_counter() - start
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    for name, line in SKIPPED.items():
        assert line.format(path=articles / name) in result.stderr
    for name, words in READ_WITH_WARNING.items():
        assert f"warning: {articles / name}: " in result.stderr and words in result.stderr
    reduced = [json.loads(line) for line in result.stdout.splitlines()]
    good = [r for r in reduced if r["credits"] == ["dpa", "Reuters"] and len(r["quotes"]) == 4]
    assert len(good) == 1  # the seed is reduced as if it were alone
    assert elapsed < 30  # generous: a hang or quadratic blow-up would take far longer


def test_build_goes_on_and_writes_a_complete_edition(articles, tmp_path, write_config):
    config = write_config(f'[[sources]]\nname = "bad"\npath = "{articles}"\n', seeds=False)
    result = invoke("--config", str(config), "build", "--date", "2026-11-25")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("error: ") == 2  # binary.txt and huge.txt
    day = tmp_path / "out" / "2026-11-25"
    assert sorted(p.name for p in day.iterdir()) == [
        "digest.eml",
        "digest.html",
        "digest.json",
        "digest.txt",
    ]
    edition = json.loads((day / "digest.json").read_text(encoding="utf-8"))
    assert len(edition["stories"]) >= 5
    html = (day / "digest.html").read_text(encoding="utf-8")
    assert "\x1b" not in html and "\x07" not in html and "\u202e" not in html


def test_every_config_mistake_at_once():
    path = BAD / "configs" / "every-mistake.toml"
    result = invoke("--config", str(path), "build")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    keys = [line.split(": ")[2] for line in lines]
    assert keys == [
        "extra",
        "newsletter.nmae",
        "newsletter.sender",
        "newsletter.language",
        "newsletter.timezone",
        "newsletter.max_stories",
        "newsletter.web_url",
        "render.colours.accent",
        "output.formats[1]",
        "smtp.password",
        "smtp.port",
        "smtp.security",
        "sources[0].path",
        "sources[1].name",
        "sources[1]",
        "render.labels.mehr",
        "render.templates",
        "recipients.to[1]",
        "dkim",
    ]
    assert all(line.startswith(f"Error: {path}: ") for line in lines)
    assert "secret" not in result.stderr.replace("secrets", "")  # the password's value is not shown


def test_invalid_toml_names_the_line():
    path = BAD / "configs" / "not-toml.toml"
    result = invoke("--config", str(path), "build")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: invalid TOML:") and "line 1" in result.stderr


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("syntax", "digest.html.j2:2"),
        ("undefined", "digest.txt.j2:2"),
        ("missing-partial", "partials/nope.html.j2"),
    ],
)
def test_broken_templates_exit_2_and_write_nothing(folder, expected, write_config, tmp_path):
    shutil.copytree(BAD / "templates" / folder, tmp_path / "tpl")
    config = write_config('[[sources]]\nname = "s"\npath = "seeds"\n[render]\ntemplates = "tpl"\n')
    result = invoke("--config", str(config), "build")
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: ") and expected in line
    assert not (tmp_path / "out").exists()


def write_feed(path: Path, entries: int, title: str = "Meldung {i}") -> None:
    """An RSS feed with `entries` items (generated: too big to keep in the repository)."""
    items = "".join(
        f"<item><title>{title.format(i=i)}</title><link>https://www.example.org/n/{i}</link>"
        f"<description>Der Stadtrat hat am Mittwoch {i} Anträge beraten und 3 beschlossen. "
        f"Das teilte die Stadt mit.</description></item>"
        for i in range(entries)
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Groß</title>'
        f"<link>https://www.example.org/</link>{items}</channel></rss>",
        encoding="utf-8",
    )


def test_bad_feed_files_are_named_and_the_good_entries_kept():
    result = invoke("reduce", "--json", str(BAD / "feeds"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    feeds = BAD / "feeds"
    assert f"error: {feeds / 'empty.xml'}: not a feed: the document is empty" in result.stderr
    assert f"error: {feeds / 'image-not-feed.xml'}: not a feed" in result.stderr
    assert f"({feeds / 'truncated.xml'}): malformed XML at line 7" in result.stderr
    assert f"({feeds / 'invalid-entities.xml'}): malformed XML at line 2" in result.stderr
    assert (
        f"({feeds / 'latin1-declared-utf8.xml'}): wrong encoding (document declared as utf-8, but parsed as"
        in result.stderr
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    urls = [line["url"] for line in lines]
    assert urls == [
        "https://www.example.org/b",
        "https://www.example.org/l1",
        "https://www.example.org/a1",
    ]
    assert lines[1]["title"] == "Grüße aus Würzburg: Stadtrat beschließt Haushalt"


def test_ten_thousand_entries_and_megabyte_titles(tmp_path, write_config):
    write_feed(tmp_path / "many.xml", 10_000)
    write_feed(tmp_path / "titles.xml", 3, title="Titel {i} " + "lang " * 200_000)
    config = write_config(
        "[newsletter]\nmax_stories = 8\nmax_age_hours = 100000\n"
        '[[sources]]\nname = "viele"\ntype = "feed"\npath = "many.xml"\n'
        '[[sources]]\nname = "titel"\ntype = "feed"\npath = "titles.xml"\n',
        seeds=False,
    )
    start = time.perf_counter()
    result = invoke("--config", str(config), "build", "--date", "2026-11-25")
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.stderr
    edition = json.loads((tmp_path / "out" / "2026-11-25" / "digest.json").read_text("utf-8"))
    assert len(edition["stories"]) == 8
    assert all(len(story["headline"]) <= 80 for story in edition["stories"])
    assert len(result.stdout.splitlines()) == 4
    assert "warning: source 'viele': 9950 older entries left out (max_items)" in result.stderr
    assert elapsed < 120  # generous; what matters is that it ends, without a traceback
