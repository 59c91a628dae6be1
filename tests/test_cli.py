"""The command line through click's CliRunner: exit codes, messages on stderr, results on stdout."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from digest import __version__
from digest.cli import main

from .conftest import BR24_SEED, ROOT, SEEDS


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_version_and_help(cli):
    assert cli("--version").stdout.strip() == f"digest, version {__version__}"
    for command in ("build", "reduce"):
        result = cli(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_build_writes_four_files_and_prints_their_paths(cli, tmp_path):
    result = cli(
        "--config",
        str(ROOT / "config.toml"),
        "build",
        "--date",
        "2026-11-25",
        "--out",
        str(tmp_path),
    )
    assert result.exit_code == 0, result.stderr
    printed = result.stdout.split()
    day = tmp_path / "2026-11-25"
    assert printed == [str(day / f"digest.{ext}") for ext in ("html", "txt", "eml", "json")]
    assert not [p for p in day.iterdir() if p.name.startswith(".")]  # no temporary files left
    edition = json.loads((day / "digest.json").read_text(encoding="utf-8"))
    assert edition["date"] == "2026-11-25" and len(edition["stories"]) == 6


def test_build_with_bad_date_is_a_usage_error(cli):
    result = cli("--config", str(ROOT / "config.toml"), "build", "--date", "25.11.2026")
    assert result.exit_code == 2 and "is not a date like 2026-11-25" in result.stderr


def test_missing_config_is_one_line_exit_2(cli, tmp_path):
    result = cli("--config", str(tmp_path / "none.toml"), "build")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / 'none.toml'}: no such file (give --config PATH or set DIGEST_CONFIG)"
    ]
    assert "Traceback" not in result.output


def test_config_errors_each_on_a_line(cli, write_config):
    path = write_config('[newsletter]\nnmae = "x"\nmax_stories = "3"\n')
    result = cli("--config", str(path), "build")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"Error: {path}: newsletter.nmae: unknown key (did you mean 'name'?)",
        f"Error: {path}: newsletter.max_stories: expected an integer, got a string",
    ]


def test_config_from_environment(tmp_path, write_config):
    path = write_config('[[sources]]\nname = "s"\npath = "seeds"\n')
    result = CliRunner(env={"DIGEST_CONFIG": str(path)}).invoke(
        main, ["build", "--date", "2026-11-25"]
    )
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "2026-11-25" / "digest.html").is_file()


def test_missing_template_is_exit_2_and_nothing_written(cli, write_config, tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "digest.html.j2").write_text("{% include 'nope.j2' %}", encoding="utf-8")
    path = write_config('[[sources]]\nname = "s"\npath = "seeds"\n[render]\ntemplates = "tpl"\n')
    result = cli("--config", str(path), "build")
    assert result.exit_code == 2 and "nope.j2" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_undefined_variable_in_template_names_file_and_line(cli, write_config, tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "digest.txt.j2").write_text(
        "Hallo\n{{ no_such_thing }}\n", encoding="utf-8"
    )
    path = write_config('[[sources]]\nname = "s"\npath = "seeds"\n[render]\ntemplates = "tpl"\n')
    result = cli("--config", str(path), "build")
    assert result.exit_code == 2
    assert "digest.txt.j2:2" in result.stderr and "no_such_thing" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_is_a_clear_error(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("--config", str(ROOT / "config.toml"), "build", "--out", str(blocker / "sub"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith(f"Error: {blocker / 'sub'}/")
    assert "cannot create the output folder: Not a directory" in result.stderr


def test_reduce_json_lines_in_argument_order(cli):
    sample = sorted(SEEDS.glob("sample-*.md"))[0]
    result = cli("reduce", "--json", str(BR24_SEED), str(sample))
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["input"] for line in lines] == [str(BR24_SEED), str(sample)]
    keys = [
        "input",
        "key",
        "source",
        "url",
        "title",
        "headline",
        "teaser",
        "facts",
        "quotes",
        "credits",
    ]
    assert list(lines[0]) == keys
    assert lines[0]["credits"] == ["dpa", "Reuters"]
    assert {q["speaker"] for q in lines[0]["quotes"]} == {
        "Emmanuel Macron",
        "Maria Sacharowa",
        "Mark Rutte",
    }


def test_reduce_folder_and_missing_path(cli, tmp_path):
    result = cli("reduce", "--json", str(SEEDS), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == len(list(SEEDS.glob("*.*")))
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr


def test_reduce_human_output(cli):
    result = cli("reduce", str(BR24_SEED))
    assert result.exit_code == 0
    assert "– Mark Rutte, Nato-Generalsekretär" in result.stdout


def test_reduce_human_output_quotes_in_the_marks_of_the_article_s_language(cli, tmp_path):
    english = tmp_path / "bridge.txt"
    english.write_text(
        "The council of Riverton voted on Tuesday to rebuild the old harbour bridge by 2028.\n\n"
        '"We have waited far too long for this bridge and the whole town knows it," '
        "Mayor Ellen Hart said after the vote.\n\n"
        "The work is expected to cost 40 million pounds and to close the road for a year.\n",
        encoding="utf-8",
    )
    result = cli("reduce", str(english), str(BR24_SEED))
    assert result.exit_code == 0, result.stderr
    assert "“We have waited far too long for this bridge" in result.stdout
    assert "„We have waited" not in result.stdout
    assert "„Warum sollten wir uns dafür interessieren" in result.stdout  # German stays German


def test_quiet_hides_warnings_but_not_errors(cli, tmp_path):
    (tmp_path / "cp.txt").write_bytes(
        "Grüße aus Würzburg heute.\n\nZweiter Absatz folgt.".encode("cp1252")
    )
    loud = cli("reduce", str(tmp_path / "cp.txt"))
    quiet = cli("-q", "reduce", str(tmp_path / "cp.txt"))
    assert "warning:" in loud.stderr and "cp1252" in loud.stderr
    assert quiet.stderr == "" and quiet.exit_code == 0


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "digest", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and __version__ in result.stdout


def test_traceback_only_with_verbose(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli(
        "-v", "--config", str(ROOT / "config.toml"), "build", "--out", str(blocker / "sub")
    )
    assert result.exit_code == 1 and "Traceback" in result.stderr


def test_common_options_after_the_command_name(cli, tmp_path):
    (tmp_path / "cp.txt").write_bytes(
        "Grüße aus Würzburg heute.\n\nZweiter Absatz.".encode("cp1252")
    )
    quiet = cli("reduce", "-q", str(tmp_path / "cp.txt"))
    assert quiet.exit_code == 0 and quiet.stderr == ""
    result = cli("build", "--config", str(tmp_path / "none.toml"))
    assert result.exit_code == 2 and "none.toml: no such file" in result.stderr
