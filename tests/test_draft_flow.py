"""Issue 18 end to end, through the command line and against real SMTP servers: build the draft,
correct it in edits.toml, send a test mail, a new article arrives, send — what was tested is what
every recipient gets — then `digest status`; approval; `digest run` and untouched drafts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest.cli import main

from .relay import copies_per_recipient
from .sendkit import EDITION_DAY, ROOT, environment, write_config

pytestmark = pytest.mark.usefixtures("secrets")

EXTRA_SEEDS = ("sample-2-oberfranken-wintereinbruch-a9.md", "sample-3-bahn-fahrplanwechsel.md")
NEW_ARTICLE = """---
url: https://www.example.org/nachrichten/eilmeldung-testfall
section: Welt
---
Eilmeldung im Testfall: Der Stadtrat von Nirgendwo tagt überraschend

Der Stadtrat der fiktiven Gemeinde Nirgendwo ist am Abend überraschend zusammengekommen. Der
Bürgermeister hatte die Sitzung kurzfristig einberufen. Auf der Tagesordnung stand ein einziger
Punkt, die Sanierung der Dorfbrücke.

„Wir konnten nicht bis zum Frühjahr warten“, sagte Bürgermeisterin Erika Muster. Die Brücke sei
seit Wochen nur einspurig befahrbar.
"""
NEW_TITLE = "Stadtrat von Nirgendwo"
EDITED = "Korrigiert: Die Redaktion hat diese Zeile umgeschrieben"


def project(folder: Path, server, *, to: list[str] | None = None, extra: str = "") -> Path:
    """A config sending to `server` with three source articles in seeds/."""
    folder.mkdir(parents=True, exist_ok=True)
    config = write_config(folder, server, to=to or ["a@example.org"], extra=extra)
    for name in EXTRA_SEEDS:
        shutil.copy(ROOT / "seeds" / name, folder / "seeds" / name)
    return config


def digest(config: Path, *args: str) -> Result:
    return CliRunner(env=environment()).invoke(
        main, ["--config", str(config), *args, "--date", EDITION_DAY]
    )


def out(config: Path) -> Path:
    return config.parent / "out" / EDITION_DAY


def stories(config: Path) -> list[dict]:
    return json.loads((out(config) / "digest.json").read_text(encoding="utf-8"))["stories"]


def html_of(received) -> str:
    return received.message.get_body(preferencelist=("html",)).get_content()


def write_edits(config: Path, text: str) -> Path:
    path = out(config) / "edits.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_newsroom_evening_sends_exactly_what_was_tested(any_relay, tmp_path):
    server = any_relay()
    readers = ["a@example.org", "b@example.org", "c@example.org"]
    config = project(tmp_path, server, to=readers)
    result = digest(config, "build")
    assert result.exit_code == 0, result.output
    built = stories(config)
    assert len(built) == 3 and all(len(story["id"]) == 10 for story in built)
    first, gone = built[0], built[1]
    write_edits(
        config,
        f'[stories."{first["id"]}"]\nheadline = "{EDITED}"\n\n[stories."{gone["id"]}"]\ndrop = true\n',
    )

    result = digest(config, "send", "--test", "desk@example.org")
    assert result.exit_code == 0, result.output
    (test_mail,) = server.wait_for(1)
    assert str(test_mail.message["Subject"]).startswith("[Test] ")
    assert EDITED in html_of(test_mail) and gone["headline"] not in html_of(test_mail)

    (config.parent / "seeds" / "zz-new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    result = digest(config, "send")
    assert result.exit_code == 0, result.output
    assert "1 new article since the draft was built at" in result.stderr
    assert "`digest build` takes them in" in result.stderr
    received = server.wait_for(4)[1:]
    assert copies_per_recipient(received) == dict.fromkeys(readers, 1)
    for copy in received:
        html = html_of(copy)
        assert EDITED in html and first["headline"] not in html
        assert gone["headline"] not in html and NEW_TITLE not in html
        assert not str(copy.message["Subject"]).startswith("[Test]")
    # the files show what went out
    assert [s["id"] for s in stories(config)] == [first["id"], built[2]["id"]]
    assert EDITED in (out(config) / "digest.html").read_text(encoding="utf-8")

    result = digest(config, "status", "--json")
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    draft = status["draft"]
    assert [s["id"] for s in draft["stories"]] == [first["id"], built[2]["id"]]
    assert draft["stories"][0]["edited"] == ["headline"]
    assert draft["dropped"] == [{"id": gone["id"], "headline": gone["headline"]}]
    assert [m["recipients"] for m in draft["test_mails"]] == [["desk@example.org"]]
    assert draft["test_mails"][0]["matches"] is True
    assert status["send"]["status"] == "sent" and status["send"]["counts"] == {"sent": 3}
    text = digest(config, "status").stdout
    assert f"[{first['id']}] {EDITED}  (edited: headline)" in text
    assert f"dropped: [{gone['id']}]" in text and "send: sent (3 sent)" in text

    # After the send, a build leaves out/<date>/ as it went out and says so.
    before = (out(config) / "digest.html").read_bytes()
    result = digest(config, "build")
    assert result.exit_code == 0 and "was sent" in result.stderr
    assert (out(config) / "digest.html").read_bytes() == before
    # The new article waits for tomorrow; the dropped one is not offered again.
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "build", "--date", "2026-11-26"]
    )
    assert result.exit_code == 0, result.output
    tomorrow = json.loads(
        (config.parent / "out" / "2026-11-26" / "digest.json").read_text(encoding="utf-8")
    )
    assert [NEW_TITLE in s["headline"] for s in tomorrow["stories"]] == [True]


def test_approval_required_missing_changed_and_given(relay, tmp_path):
    server = relay()
    config = project(tmp_path, server, extra='[schedule]\napproval = "required"\n')
    assert digest(config, "build").exit_code == 0
    first = stories(config)[0]

    result = digest(config, "send")
    assert result.exit_code == 3
    assert "is not approved" in result.stderr and "digest approve --date" in result.stderr
    assert server.received == []

    result = digest(config, "approve")
    assert result.exit_code == 0, result.output
    assert f"[{first['id']}] {first['headline']}" in result.stdout
    assert "subject: Bayern am Abend: " in result.stdout and "content: sha256:" in result.stdout

    write_edits(config, f'[stories."{first["id"]}"]\nheadline = "{EDITED}"\n')
    result = digest(config, "send")
    assert result.exit_code == 3
    assert "changed after it was approved" in result.stderr
    assert f"story {first['id']}: headline" in result.stderr and "subject" in result.stderr
    assert server.received == []
    status = json.loads(digest(config, "status", "--json").stdout)
    assert status["draft"]["approval"]["matches"] is False

    assert digest(config, "approve").exit_code == 0
    result = digest(config, "send")
    assert result.exit_code == 0, result.output
    (copy,) = server.wait_for(1)
    assert EDITED in html_of(copy)


def test_typeset_edits_are_what_was_approved_and_what_goes_out(relay, tmp_path):
    server = relay()
    config = project(tmp_path, server, extra='[schedule]\napproval = "required"\n')
    assert digest(config, "build").exit_code == 0
    first = stories(config)[0]
    typed = 'Rat sagt "Ja" - endlich'
    write_edits(config, f'[stories."{first["id"]}"]\nheadline = {json.dumps(typed)}\n')
    result = digest(config, "approve")
    assert result.exit_code == 0, result.output
    assert f"[{first['id']}] Rat sagt „Ja“ – endlich" in result.stdout
    result = digest(config, "send")
    assert result.exit_code == 0, result.output  # the approval's hash still matches
    (copy,) = server.wait_for(1)
    assert "Rat sagt „Ja“ – endlich" in html_of(copy) and typed not in html_of(copy)
    assert "Rat sagt „Ja“ – endlich" in copy.message.get_body(("plain",)).get_content()
    assert (out(config) / "edits.toml").read_text(encoding="utf-8").count(json.dumps(typed)) == 1


def test_a_test_mail_needs_no_approval(relay, tmp_path):
    server = relay()
    config = project(tmp_path, server, extra='[schedule]\napproval = "required"\n')
    result = digest(config, "send", "--test", "desk@example.org")
    assert result.exit_code == 0, result.output
    assert "no draft for 2026-11-25 yet: built one now" in result.stderr
    assert len(server.wait_for(1)) == 1
    assert (out(config) / "digest.html").exists()


def test_run_rebuilds_an_untouched_draft_and_keeps_a_touched_one(relay, tmp_path):
    server = relay()
    untouched = project(tmp_path / "auto", server)
    assert digest(untouched, "build").exit_code == 0
    (untouched.parent / "seeds" / "zz-new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    result = digest(untouched, "run")
    assert result.exit_code == 0, result.output
    assert "new article" not in result.stderr
    assert NEW_TITLE in html_of(server.wait_for(1)[0])  # the freshest edition

    edited = project(tmp_path / "desk", server)
    assert digest(edited, "build").exit_code == 0
    first = stories(edited)[0]
    write_edits(edited, f'[stories."{first["id"]}"]\nheadline = "{EDITED}"\n')
    (edited.parent / "seeds" / "zz-new.md").write_text(NEW_ARTICLE, encoding="utf-8")
    result = digest(edited, "run", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # quiet under cron, though news is waiting
    html = html_of(server.wait_for(2)[1])
    assert EDITED in html and NEW_TITLE not in html


def test_run_builds_a_draft_when_there_is_none(relay, tmp_path):
    server = relay()
    config = project(tmp_path, server)
    result = digest(config, "run")
    assert result.exit_code == 0, result.output
    assert "no draft for 2026-11-25 yet: built one now" in result.stderr
    assert len(server.wait_for(1)) == 1
    assert json.loads(digest(config, "status", "--json").stdout)["draft"]["stories"]


def test_build_keeps_the_edits_and_warns_of_a_story_that_went_away(tmp_path):
    config = project(tmp_path, None)
    assert digest(config, "build").exit_code == 0
    first, second = stories(config)[:2]
    edits = write_edits(
        config,
        f'[stories."{first["id"]}"]\nheadline = "{EDITED}"\n\n'
        f'[stories."{second["id"]}"]\nteaser = "Ein neuer Teaser."\n',
    )
    text = edits.read_text(encoding="utf-8")
    source = next(
        p for p in (config.parent / "seeds").iterdir() if second["title"] in p.read_text("utf-8")
    )
    source.unlink()
    result = digest(config, "build")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and second["id"] in warnings[0]
    assert "earlier build of the day" in warnings[0]
    assert edits.read_text(encoding="utf-8") == text  # the edit stays in the file
    assert stories(config)[0]["headline"] == EDITED  # re-applied to the rebuilt draft


BAD_EDITS = {
    "malformed": ('[stories."x"\nheadline = "a"\n', "invalid TOML", "line 1"),
    "unknown key": ('[stories."{id}"]\nheadlin = "a"\n', "unknown key (did you mean 'headline'?)", ":2: "),
    "wrong type": ('[stories."{id}"]\nheadline = 42\n', "expected a string, got an integer", ":2: "),
    "unknown id": ('[stories."{near}"]\ndrop = true\n', "(did you mean '{id}'?)", ":1: "),
    "bad quote": ('[stories."{id}"]\nquote = true\n', "expected a table {{text, speaker, role}} or false", ":2: "),
    "edition key": ('[edition]\nsubjekt = "x"\n', "edition.subjekt: unknown key (did you mean 'subject'?)", ":2: "),
}  # fmt: skip


@pytest.mark.parametrize("kind", BAD_EDITS)
def test_a_bad_edits_file_stops_every_command_and_changes_nothing(kind, relay, tmp_path):
    server = relay()
    config = project(tmp_path, server)
    assert digest(config, "build").exit_code == 0
    story_id = stories(config)[0]["id"]
    near = story_id[:-1] + ("0" if story_id[-1] != "0" else "1")
    text, message, where = BAD_EDITS[kind]
    write_edits(config, text.format(id=story_id, near=near))
    before = {p.name: p.read_bytes() for p in out(config).iterdir()}
    for command in (["build"], ["send", "--test", "desk@example.org"], ["send"], ["run"],
                    ["approve"]):  # fmt: skip
        result = digest(config, *command)
        assert result.exit_code == 2, (command, result.output)
        errors = [line for line in result.stderr.splitlines() if line]
        assert errors and all(line.startswith("Error: ") for line in errors), result.stderr
        assert message.format(id=story_id) in result.stderr, result.stderr
        assert where in result.stderr and "edits.toml" in result.stderr
        assert "Traceback" not in result.output
    assert server.received == []
    assert {p.name: p.read_bytes() for p in out(config).iterdir()} == before


def test_the_readme_example_of_edits_toml_is_valid_for_the_default_edition(tmp_path):
    import re
    import tomllib
    from dataclasses import replace
    from datetime import date

    from digest.config import load_config
    from digest.pipeline import build_files, status

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[edition\]\norder = .*?)```", readme, re.S)
    assert example, "README: the edits.toml example"
    config = load_config(ROOT / "config.toml")
    config = replace(
        config,
        state=replace(config.state, path=tmp_path / "state.db"),
        output=replace(config.output, dir=tmp_path / "out"),
    )
    day = date(2026, 11, 25)
    (tmp_path / "out" / day.isoformat()).mkdir(parents=True)
    (tmp_path / "out" / day.isoformat() / "edits.toml").write_text(example[1], encoding="utf-8")
    report = build_files(config, edition_date=day)
    assert report.exit_code == 0 and report.warnings == [], report.failures + report.warnings
    data = status(config, edition_date=day)["draft"]
    edits = tomllib.loads(example[1])
    assert [s["id"] for s in data["stories"]][:2] == edits["edition"]["order"]
    assert [s["id"] for s in data["dropped"]] == ["64bcf703e2"]
    assert data["subject"] == edits["edition"]["subject"]


def test_edited_text_is_untrusted_escaped_and_kept_on_one_line(relay, tmp_path):
    server = relay()
    config = project(tmp_path, server)
    assert digest(config, "build").exit_code == 0
    first = stories(config)[0]
    write_edits(
        config,
        "[edition]\n"
        'subject = "Abend\\r\\nBcc: victim@example.org"\n\n'
        f'[stories."{first["id"]}"]\n'
        'headline = "Zeile <script>alert(1)</script>\\nBcc: x@example.org"\n'
        'quote = { text = "<img src=x onerror=alert(1)>", speaker = "Eva\\u202eMuster" }\n',
    )
    assert digest(config, "build").exit_code == 0
    html = (out(config) / "digest.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Zeile &lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@example.org" in html  # one line
    assert "\u202e" not in html
    result = digest(config, "send")
    assert result.exit_code == 0, result.output
    (copy,) = server.wait_for(1)
    assert copy.rcpt_tos == ["a@example.org"]  # no header injected a recipient
    assert copy.message["Bcc"] is None
    assert str(copy.message["Subject"]) == "Abend Bcc: victim@example.org"
