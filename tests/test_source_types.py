"""Source types: each declares its own keys; a third-party package adds one through the
`digest.sources` entry-point group and an edition is built from it."""

from __future__ import annotations

import ast
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

import digest
from digest import pipeline
from digest.config import load_config
from digest.errors import ConfigError
from digest.sources import source_types

PLUGIN = '''
"""A tiny third-party source type: articles written into the config itself."""

from __future__ import annotations

from dataclasses import dataclass

from digest.config.schema import option
from digest.config.sources import SourceConfig
from digest.models import RawItem
from digest.sources import register


@dataclass(frozen=True)
class InlineConfig(SourceConfig):
    """[[sources]] type = "inline": the articles as strings."""

    articles: tuple[str, ...] = option((), "article texts")


@register("inline", InlineConfig)
class InlineSource:
    def __init__(self, spec, context):
        self.spec = spec

    def items(self):
        for number, text in enumerate(self.spec.articles):
            yield RawItem(
                source=self.spec.name,
                key=f"inline:{self.spec.name}:{number}",
                url=None,
                title=None,
                body=text,
                body_format="text",
                section=self.spec.section,
                language="de",
                origin=f"inline {number}",
            )
'''

ARTICLE = (
    "Der Stadtrat von Kleinhausen hat am Dienstag einen neuen Radweg am Mühlbach beschlossen. "
    "Die Strecke soll zwei Kilometer lang werden und im Frühjahr fertig sein. "
    "„Wir wollen, dass Kinder sicher zur Schule radeln können“, sagte Bürgermeisterin "
    "Anna Beispiel. Die Kosten von 800.000 Euro trägt zur Hälfte der Freistaat."
)


@pytest.fixture
def installed_plugin(tmp_path, monkeypatch):
    """A package with a dist-info declaring the entry point, on sys.path (what pip install does,
    without touching the test venv for the other tests)."""
    site = tmp_path / "site"
    package = site / "inline_digest_source"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "inline_digest_source-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: inline-digest-source\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[digest.sources]\ninline = inline_digest_source\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(site))
    yield
    registry = source_types()
    registry.types.pop("inline", None)
    registry.broken.pop("inline", None)
    sys.modules.pop("inline_digest_source", None)


def write(tmp_path, sources: str):
    path = tmp_path / "config.toml"
    path.write_text(
        textwrap.dedent(
            """
            [newsletter]
            max_age_hours = 100000
            [state]
            path = "state.db"
            """
        )
        + sources,
        encoding="utf-8",
    )
    return path


def test_a_plugin_source_type_builds_an_edition(tmp_path, installed_plugin):
    sources = f"[[sources]]\nname = 'Inline'\ntype = 'inline'\narticles = [\"{ARTICLE}\"]\n"
    config = load_config(write(tmp_path, sources))
    assert type(config.sources[0]).__name__ == "InlineConfig"
    built = pipeline.build(config, edition_date=date(2026, 3, 3))
    stories = built.edition.stories
    assert [s.article.source for s in stories] == ["Inline"]
    assert "Radweg" in built.rendered.html and "Anna Beispiel" in built.rendered.html


def test_a_plugin_type_checks_its_own_keys(tmp_path, installed_plugin):
    path = write(tmp_path, '[[sources]]\nname = "Inline"\ntype = "inline"\narticle = ["x"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "sources[0].article: unknown key (did you mean 'articles'?)" in str(caught.value)


def test_an_unknown_type_lists_the_plugins_too(tmp_path, installed_plugin):
    path = write(tmp_path, '[[sources]]\nname = "X"\ntype = "inlin"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "sources[0].type: must be one of " in str(caught.value)
    assert "'inline'" in str(caught.value) and "(did you mean 'inline'?)" in str(caught.value)


def test_a_broken_plugin_is_named_not_a_traceback(tmp_path, monkeypatch):
    site = tmp_path / "site"
    info = site / "broken_source-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-source\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[digest.sources]\nbroken = no_such_module_here\n")
    monkeypatch.syspath_prepend(str(site))
    path = write(tmp_path, '[[sources]]\nname = "B"\ntype = "broken"\n')
    try:
        with pytest.raises(ConfigError) as caught:
            load_config(path)
    finally:
        source_types().broken.pop("broken", None)
    assert "sources[0].type: source type 'broken' cannot be loaded: no_such_module_here" in str(
        caught.value
    )


def test_each_type_has_only_its_own_keys(tmp_path):
    (tmp_path / "feed.xml").write_text("<rss/>")
    path = write(tmp_path, '[[sources]]\nname = "F"\ntype = "feed"\npath = "feed.xml"\nglobb = 1\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert "sources[0].globb: unknown key" in str(caught.value)
    assert "did you mean" not in str(caught.value)  # `glob` is a textfile key, not a feed's


def test_a_key_of_another_builtin_type_is_still_ignored_as_before(tmp_path):
    # Configs written when every type shared one flat table may carry such keys; they loaded then.
    (tmp_path / "seeds").mkdir()
    path = write(tmp_path, '[[sources]]\nname = "S"\npath = "seeds"\nfulltext = false\n')
    config = load_config(path)
    assert type(config.sources[0]).__name__ == "TextFileConfig"
    assert config.sources[0].type == "textfile"


def test_no_module_but_its_own_names_a_source_type():
    """The issue's rule: a source type is one module; config, edition, pipeline and the other source
    modules know no type by name (no lists of network types, no if/elif on `type`)."""
    package = Path(digest.__file__).parent
    names = set(source_types().builtin_names())
    assert {"textfile", "feed", "jsonfeed", "page"} <= names
    named_elsewhere = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            own = path == package / "sources" / f"{getattr(node, 'value', '')}.py"
            if isinstance(node, ast.Constant) and node.value in names and not own:
                named_elsewhere.append(f"{path.relative_to(package)}:{node.lineno} {node.value!r}")
    assert named_elsewhere == []
