"""The newcomer's path (issue 19): install hints that install this project, quiet commands,
sample unsubscribe links in nobody's copy, and addresses with international domains and local
parts, sent to a real aiosmtpd relay."""

from __future__ import annotations

import json
import re
import tomllib

import pytest
from click.testing import CliRunner

from digest.cli import main

from .conftest import ROOT
from .sendkit import EDITION_DAY, environment, write_config

# Files a user reads or sees messages from: each `pip install` in them must install this project.
HINT_FILES = [
    ROOT / "README.md",
    ROOT / "pyproject.toml",
    *sorted((ROOT / "digest").rglob("*.py")),
    *sorted((ROOT / "docs").rglob("*.md")),
]


def test_the_distribution_name_is_ours_and_every_install_hint_installs_the_checkout():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "digest-newsletter"  # "digest" on PyPI is someone else's
    assert project["scripts"] == {"digest": "digest.cli:main"}
    hints = []
    for path in HINT_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            hints += re.findall(r"pip install[^`\n\"#;&|)]*", line)
    assert hints
    for hint in hints:
        target = next(w for w in hint.split()[2:] if not w.startswith("-")).strip("'\"")
        assert target.startswith((".", "digest-newsletter")), f"installs something else: {hint!r}"
    dkim = (ROOT / "digest" / "deliver" / "dkim.py").read_text(encoding="utf-8")
    assert "pip install -e '.[dkim]'" in dkim


def test_quiet_build_prints_nothing_and_json_says_what_was_written(tmp_path, secrets):
    config = write_config(tmp_path)
    runner = CliRunner()
    quiet = runner.invoke(main, ["--config", str(config), "-q", "build", "--date", EDITION_DAY])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "" and quiet.stderr == ""
    assert (tmp_path / "out" / EDITION_DAY / "digest.html").is_file()
    again = runner.invoke(main, ["--config", str(config), "build", "-q", "--date", EDITION_DAY])
    assert again.stdout == "" and again.exit_code == 0
    as_json = runner.invoke(
        main, ["--config", str(config), "build", "--json", "--date", EDITION_DAY]
    )
    summary = json.loads(as_json.stdout)
    assert summary["stories"] == 1 and summary["articles"] == 1 and summary["exit_code"] == 0
    assert sorted(p.rsplit("/", 1)[1] for p in summary["outputs"]) == [
        "digest.eml", "digest.html", "digest.json", "digest.txt",
    ]  # fmt: skip


def test_nobodys_copy_has_a_marked_sample_unsubscribe_link_not_an_empty_token(tmp_path, secrets):
    config = write_config(tmp_path)
    result = CliRunner().invoke(main, ["--config", str(config), "build", "--date", EDITION_DAY])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / EDITION_DAY
    sample = "https://www.example.org/abmelden?t=SAMPLE-TOKEN-no-subscriber"
    for name in ("digest.html", "digest.txt", "digest.eml"):
        text = (folder / name).read_text(encoding="utf-8")
        assert '?t="' not in text and not re.search(r"\?t=\s", text), name
    assert sample in (folder / "digest.html").read_text(encoding="utf-8")
    assert sample in (folder / "digest.txt").read_text(encoding="utf-8")
    assert f"<{sample}>" in (folder / "digest.eml").read_text(encoding="utf-8")


def test_an_umlaut_domain_is_accepted_and_sent_as_punycode(relay, tmp_path, secrets):
    server = relay()
    config = write_config(tmp_path, server, to=["Anna Müller <anna@müller.de>"])
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--date", EDITION_DAY]
    )
    assert result.exit_code == 0, result.output
    (received,) = server.received
    assert received.rcpt_tos == ["anna@xn--mller-kva.de"]
    assert received.message["To"].addresses[0].addr_spec == "anna@xn--mller-kva.de"
    assert b"anna@xn--mller-kva.de" in received.data.split(b"\r\n\r\n")[0]


@pytest.mark.parametrize("smtputf8", [False, True])
def test_a_non_ascii_local_part_goes_only_to_a_relay_with_smtputf8(
    relay, tmp_path, secrets, smtputf8
):
    server = relay(smtputf8=smtputf8)
    to = ["jörg@example.org", "anna@example.org"]
    config = write_config(tmp_path, server, to=to)
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--date", EDITION_DAY]
    )
    if smtputf8:
        assert result.exit_code == 0, result.output
        assert sorted(r for m in server.received for r in m.rcpt_tos) == [
            "anna@example.org", "jörg@example.org",
        ]  # fmt: skip
        utf8 = next(m for m in server.received if m.rcpt_tos == ["jörg@example.org"])
        assert "To: jörg@example.org".encode() in utf8.data  # UTF-8 header, not an encoded word
    else:
        assert result.exit_code == 1
        assert [m.rcpt_tos for m in server.received] == [["anna@example.org"]]
        assert (
            "error: jörg@example.org: skipped: the address needs SMTPUTF8, which the relay "
            "does not offer" in result.stderr
        )


def test_quiet_means_errors_only_for_every_command(relay, tmp_path):
    """Under cron whatever is printed is mailed: with -q a command that went well prints nothing."""
    server = relay()
    extra = '[archive]\ndir = "web"\n'
    config = write_config(tmp_path, server, to=["Anna <anna@müller.de>"], extra=extra)
    runner = CliRunner(env=environment())
    commands = [
        ["build", "--date", EDITION_DAY],
        ["send", "--test", "t@example.org", "--date", EDITION_DAY],
        ["send", "--dry-run", "--date", EDITION_DAY],
        ["run", "--date", EDITION_DAY],
        ["run", "--date", EDITION_DAY],  # already sent
        ["send", "--date", EDITION_DAY],  # already sent
        ["run", "--date", "2026-11-28"],  # a Saturday: no edition
        ["archive"],
        ["check"],
        ["init", str(tmp_path / "another"), "--yes"],
    ]
    for command in commands:
        result = runner.invoke(main, ["--config", str(config), "-q", *command])
        assert result.exit_code == 0, (command, result.output)
        assert (result.stdout, result.stderr) == ("", ""), command
    assert len(server.received) == 2
    # nobody's copy in out/ is addressed like the real one: the IDN domain as punycode
    eml = (tmp_path / "out" / EDITION_DAY / "digest.eml").read_text(encoding="utf-8")
    assert "To: Anna <anna@xn--mller-kva.de>" in eml
