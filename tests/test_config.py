"""config.toml: typed values, paths relative to the file, and every mistake reported with its key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import Config, find_config, load_config
from digest.errors import ConfigError

from .conftest import ROOT

MINIMAL = """
[newsletter]
name = "Testpost"

[[sources]]
name = "seeds"
path = "seeds"
"""


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.exit_code == 2
    return caught.value.problems


def test_shipped_config_loads_and_resolves_paths_against_its_folder():
    config = load_config(ROOT / "config.toml")
    assert config.newsletter.language == "de"
    assert config.output.dir == ROOT / "out"
    assert config.state.path == ROOT / "state.db"
    assert all(s.path and s.path.is_relative_to(ROOT / "seeds") for s in config.sources)
    assert config.smtp.password_env == "DIGEST_SMTP_PASSWORD"


def test_relative_paths_do_not_depend_on_the_working_directory(write_config, tmp_path, monkeypatch):
    path = write_config(MINIMAL)
    monkeypatch.chdir("/")
    config = load_config(path)
    assert config.sources[0].path == tmp_path / "seeds"
    assert config.output.dir == tmp_path / "out"


def test_missing_seeds_folder_names_key_and_folder(write_config):
    path = write_config(MINIMAL.replace('path = "seeds"', 'path = "seedz"'))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: sources[0].path: no such folder 'seedz'")


def test_unknown_keys_get_did_you_mean(write_config):
    path = write_config(MINIMAL + '\n[output]\nformat = ["html"]\n[smtp]\nhots = "x"\n')
    problems = problems_of(path)
    assert f"{path}: output.format: unknown key (did you mean 'formats'?)" in problems
    assert f"{path}: smtp.hots: unknown key (did you mean 'host'?)" in problems


def test_every_problem_is_reported_at_once(write_config):
    text = """
[newsletter]
max_stories = "viele"
language = "fr"
timezone = "Mars/Olympus"
sender = "kein-absender"

[[sources]]
name = "a"
type = "rss"

[render.colours]
accent = "blue"
"""
    problems = problems_of(write_config(text))
    joined = "\n".join(problems)
    assert "newsletter.max_stories: expected an integer, got a string" in joined
    assert "newsletter.language: must be 'de' or 'en', got 'fr'" in joined
    assert "newsletter.timezone: unknown time zone 'Mars/Olympus'" in joined
    assert "newsletter.sender: not an email address" in joined
    type_problem = next(p for p in problems if "sources[0].type" in p)
    assert "sources[0].type: must be one of 'feed', " in type_problem  # the registry's, sorted
    assert "'page', 'textfile'" in type_problem and type_problem.endswith("got 'rss'")
    assert "render.colours.accent: not a #rrggbb colour: 'blue'" in joined
    assert len(problems) == 6


def test_password_in_file_is_refused(write_config):
    path = write_config(MINIMAL + '\n[smtp]\npassword = "geheim"\n')
    problems = problems_of(path)
    assert any("smtp.password: unknown key" in p for p in problems)
    assert all("geheim" not in p for p in problems)


def test_invalid_toml_names_file_and_line(write_config):
    path = write_config('[newsletter]\nname = "unterminated\n')
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}: invalid TOML:") and "line 2" in problem


def test_missing_config_file(tmp_path):
    [problem] = problems_of(tmp_path / "nope.toml")
    assert "nope.toml: no such file" in problem


def test_wrong_type_for_a_table_and_list(write_config):
    problems = problems_of(write_config('newsletter = "x"\nsources = 3\n', seeds=False))
    assert any("newsletter: expected a table, got a string" in p for p in problems)
    assert any("sources: expected a list, got an integer" in p for p in problems)


def test_feed_source_needs_url_or_path(write_config):
    path = write_config(MINIMAL + '\n[[sources]]\nname = "f"\ntype = "feed"\n')
    assert any(
        "sources[1]: a feed source needs exactly one of url and path" in p
        for p in problems_of(path)
    )


def test_duplicate_source_names(write_config):
    path = write_config(MINIMAL + '\n[[sources]]\nname = "seeds"\npath = "seeds"\n')
    assert any("sources[1].name: duplicate source name 'seeds'" in p for p in problems_of(path))


def test_find_config_prefers_option_then_environment(monkeypatch):
    monkeypatch.setenv("DIGEST_CONFIG", "/etc/digest.toml")
    assert find_config("x.toml") == Path("x.toml")
    assert find_config(None) == Path("/etc/digest.toml")
    monkeypatch.delenv("DIGEST_CONFIG")
    assert find_config(None) == Path("config.toml")


def test_defaults_are_a_complete_config():
    config = Config()
    assert config.newsletter.sender_address.domain == "example.org"
    assert config.output.formats == ("html", "txt", "eml", "json")


def test_unknown_label_is_a_config_error(write_config):
    path = write_config(MINIMAL + '\n[render.labels]\ntopics = "Heute"\nthemen = "x"\n')
    problems = problems_of(path)
    assert len(problems) == 1 and "render.labels.themen" in problems[0]
