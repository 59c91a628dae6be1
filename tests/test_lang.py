"""The reducer's language data (digest/lang): read once, merged over languages, and a new
word or a new language is an edit to the data files alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from digest import lang

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """The loader pointed at a copy of the data files (caches emptied before and after)."""
    copy = tmp_path / "lang"
    shutil.copytree(lang.DATA_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(lang, "DATA_DIR", copy)
    lang.languages.cache_clear()
    lang.table.cache_clear()
    yield copy
    lang.languages.cache_clear()
    lang.table.cache_clear()


def test_every_data_file_parses_and_is_read_once():
    assert lang.languages() == ("de", "en")
    for name in (lang.COMMON, *lang.languages()):
        assert lang.table(name) is lang.table(name)  # cached: parsed once per process


def test_lists_merge_over_languages_in_file_order():
    verbs = lang.words("speech_verbs", "verbs")
    assert "sagte" in verbs and "said" in verbs
    assert verbs.index("sagte") < verbs.index("said")  # de before en
    assert lang.words("speech_verbs", "verbs", among=("en",)) == tuple(
        lang.table("en")["speech_verbs"]["verbs"].split()
    )
    # an array keeps entries with spaces whole
    assert "weißes haus" in lang.words("organisations", "suffixes")


def test_a_misspelt_list_is_an_error_not_an_empty_list():
    with pytest.raises(KeyError, match=r"\[speech_verbs\] verb"):
        lang.words("speech_verbs", "verb")


def test_alternation_matches_entries_literally_in_order():
    assert lang.alternation(["Dr.", "von der"]) == r"(?:Dr\.|von\ der)"
    assert lang.alternation(["de la", "de"], space=r"[ ]+") == r"(?:de[ ]+la|de)"
    assert lang.fill(r"x{0,2}{words}", words=["a"]) == r"x{0,2}(?:a)"


def test_boilerplate_rules_come_in_file_order_with_their_kind():
    rules = lang.records("boilerplate")
    names = [r["name"] for r in rules]
    assert names.index("sign-up link") < names.index("sign-up sentence")
    assert all(isinstance(r["pattern"], str) for r in rules)
    assert [r.get("whole", True) for r in rules].count(False) == 1


def test_a_new_language_is_a_new_file(data_copy):
    (data_copy / "nl.toml").write_text(
        '[function_words]\nwords = "de het een en van"\n[speech_verbs]\nverbs = "zei zegt"\n',
        encoding="utf-8",
    )
    assert lang.languages() == ("de", "en", "nl")
    assert lang.words("speech_verbs", "verbs")[-2:] == ("zei", "zegt")
    assert "sagte" in lang.word_set("speech_verbs", "verbs")


def test_a_broken_data_file_names_the_file(data_copy):
    (data_copy / "de.toml").write_text("[speech_verbs\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"de\.toml: cannot read"):
        lang.table("de")


_REDUCE = """
import json, sys
from digest.extract import extract
from digest.models import RawItem
from digest.reduce import RuleReducer
body = sys.stdin.read()
story = RuleReducer().reduce(extract(RawItem(source="t", key="k", url=None, title="Titel", body=body, language="de")))
print(json.dumps([[q.text, q.speaker] for q in story.quotes], ensure_ascii=False))
"""
_TEXT = (
    "Die Trainerin Anna Berger war nach dem Spiel gut gelaunt. "
    "„Wir haben heute endlich gezeigt, was in dieser Mannschaft steckt“, frohlockte Berger."
)


def _quotes_with(package_root: Path) -> list[list[str | None]]:
    result = subprocess.run(
        [sys.executable, "-c", _REDUCE],
        input=_TEXT,
        capture_output=True,
        text=True,
        cwd=package_root,
        env={"PYTHONPATH": str(package_root), "PATH": ""},
        check=True,
    )
    return json.loads(result.stdout)


def test_a_new_speech_verb_is_an_edit_to_data(tmp_path):
    """The same text reduced by a copy of the package whose de.toml knows one more verb."""
    shutil.copytree(
        ROOT / "digest", tmp_path / "digest", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = _quotes_with(tmp_path)
    data = tmp_path / "digest" / "lang" / "de.toml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('verbs = """\n', 'verbs = """\nfrohlockte\n', 1), encoding="utf-8")
    after = _quotes_with(tmp_path)
    assert [speaker for _, speaker in after] == ["Anna Berger"]
    assert [speaker for _, speaker in before] != ["Anna Berger"]


def test_the_data_files_ship_in_the_wheel():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = project["tool"]["setuptools"]
    assert "digest.lang" in setuptools["packages"]
    assert "*.toml" in setuptools["package-data"]["digest.lang"]
    assert {p.name for p in lang.DATA_DIR.glob("*.toml")} >= {"common.toml", "de.toml", "en.toml"}
    assert lang.languages() == ("de", "en")  # page-chrome.toml and common.toml are no languages
