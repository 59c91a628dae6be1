"""Text-file source: encodings, titles, front matter, and files that must be skipped by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import Config
from digest.report import RunReport
from digest.sources import SourceContext, collect
from digest.sources.textfile import TextFileConfig, TextFileSource, decode_text, split_title

BODY = "Erster Absatz mit Inhalt. Er hat zwei Sätze.\n\nZweiter Absatz, auch mit Inhalt.\n"


def read_folder(folder: Path, glob: tuple[str, ...] = ("*.txt", "*.md")) -> tuple[list, RunReport]:
    report = RunReport()
    spec = TextFileConfig(name="t", path=folder, glob=glob, section="Bayern")
    items = list(TextFileSource(spec, SourceContext(Config(), report)).items())
    return items, report


def test_title_line_followed_by_blank_line_is_the_title(tmp_path):
    (tmp_path / "a.txt").write_text("Landtag beschließt Haushalt\n\n" + BODY, encoding="utf-8")
    [item], report = read_folder(tmp_path)
    assert item.title == "Landtag beschließt Haushalt"
    assert item.body.lstrip().startswith("Erster Absatz")
    assert item.section == "Bayern" and item.origin.endswith("a.txt")
    assert report.warnings == [] and report.failures == []


def test_br24_seed_has_no_title():
    from .conftest import BR24_SEED

    title, body = split_title(BR24_SEED.read_text(encoding="utf-8"))
    assert title is None and body.startswith("In Paris haben sich 26 westliche Staaten")


@pytest.mark.parametrize(
    "first_line",
    ["Ein ganzer Satz mit Punkt am Ende.", "x" * 200],
)
def test_lines_that_are_not_titles(tmp_path, first_line):
    (tmp_path / "a.txt").write_text(first_line + "\n\n" + BODY, encoding="utf-8")
    [item], _ = read_folder(tmp_path)
    assert item.title is None


def test_markdown_heading_and_front_matter(tmp_path):
    text = "---\nurl: https://example.org/a\nsection: Welt\nfoo: bar\n---\n# Überschrift\n\n" + BODY
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    [item], report = read_folder(tmp_path)
    assert (item.title, item.url, item.key, item.section) == (
        "Überschrift",
        "https://example.org/a",
        "https://example.org/a",
        "Welt",
    )
    assert report.warnings == [f"{tmp_path / 'a.md'}: front matter: unknown key 'foo'"]


def test_utf8_bom_is_tolerated(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfTitel\n\n" + BODY.encode())
    [item], report = read_folder(tmp_path)
    assert item.title == "Titel" and report.warnings == []


def test_cp1252_is_read_with_a_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(
        "Grüße aus Würzburg – „schön“\n\n".encode("cp1252") + BODY.encode("cp1252")
    )
    [item], report = read_folder(tmp_path)
    assert item.title == "Grüße aus Würzburg – „schön“"
    [warning] = report.warnings
    assert "a.txt" in warning and "cp1252" in warning


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes(("Titel äöü\n\n" + BODY).encode(encoding))
    [item], _ = read_folder(tmp_path)
    assert item.title == "Titel äöü"


def test_empty_binary_and_unreadable_files_are_skipped_by_name(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(BODY, encoding="utf-8")
    secret.chmod(0)
    items, report = read_folder(tmp_path)
    denied = not _is_root()  # root reads a mode-0 file anyway
    assert [Path(i.origin).name for i in items] == ["good.txt"] + ([] if denied else ["secret.txt"])
    assert any("empty.txt: skipped: empty file" in w for w in report.warnings)
    assert any("binary.txt: skipped: binary file" in f for f in report.failures)
    if denied:
        assert any("secret.txt: skipped: Permission denied" in f for f in report.failures)


def _is_root() -> bool:
    import os

    return os.geteuid() == 0


def test_glob_selects_files_and_order_is_by_name(tmp_path):
    for name in ("b.md", "a.txt", "c.html"):
        (tmp_path / name).write_text(BODY, encoding="utf-8")
    items, _ = read_folder(tmp_path)
    assert [Path(i.origin).name for i in items] == ["a.txt", "b.md"]


def test_key_without_url_is_a_stable_content_hash(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY.replace("\n\n", "\n\n  "), encoding="utf-8")
    items, _ = read_folder(tmp_path)
    assert items[0].key == items[1].key and items[0].key.startswith("sha256:")


def test_decode_rejects_nul_bytes():
    with pytest.raises(Exception, match="binary"):
        decode_text(b"abc\x00def\x00")


def test_collect_reads_the_shipped_seeds():
    from digest.config import load_config

    from .conftest import ROOT

    report = RunReport()
    items = collect(load_config(ROOT / "config.toml"), report)
    assert len(items) >= 6 and report.failures == []
    assert {i.source for i in items} == {"BR24", "example.org"}
